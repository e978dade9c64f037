"""HTML: the article's main text (trafilatura), with headings, lists and tables kept as lines.

trafilatura drops navigation, comments and other boilerplate and gives XML in
which nested lists survive (``<list rend="ol"><item>…``). Ordered-list numbers
are not text in HTML, so they are written into each ``<li>`` before extraction
(respecting ``start``, ``type``, ``value`` and ``reversed``). If trafilatura
finds no main text (a short page, a fragment) — or gives only its baseline dump
of the whole page, menus and footer run into one paragraph — the body is
rendered by the same walker, without the page's furniture: header, navigation,
footer and sidebars, and menus that are nothing but short links.

Example:

    >>> read_html(b"<ol><li>Jalan</li><li>Air<ul><li>Desa</li></ul></li></ol>", "x.html")[0]
    '1. Jalan\\n2. Air\\n  - Desa'
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from janji.document import Table
from janji.errors import InputError
from janji.lang import lazy
from janji.lang.markers import counter as format_counter, starts_with_marker
from janji.read.tables import RowWriter, grid, place, worth_keeping
from janji.read.text import decode

# trafilatura needs ~2 s per MB of markup; bigger pages (rare for an article) get the plain walker.
TRAFILATURA_MAX_BYTES = 2_000_000
_FURNITURE_TAGS = ("nav", "header", "footer", "aside")
MAX_DEPTH = 120  # deeper than any real article; beyond it text is taken flat (no recursion blow-up)
_BR = "\ue000"  # stands for <br> while whitespace inside a block is collapsed
_PARA = "\ue001"  # stands for the paragraph break of "<br><br>"
_WS = lazy.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_META_CHARSET = lazy.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)

_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "button",
         "select", "textarea", "input", "head", "link", "meta", "audio", "video", "map", "math"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6", "head", "title"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "quote",
          "pre", "figure", "figcaption", "address", "dl", "dt", "dd", "center", "form", "fieldset", "body",
          "details", "summary", "hr", "caption", "code", "doc", "comments"}
_LISTS = {"ol", "ul", "list", "menu", "dir"}
_ITEMS = {"li", "item"}
_ROWS = {"tr", "row"}
_CELLS = {"td", "th", "cell"}


def read_html(raw: bytes, name: str) -> tuple[str, str | None]:
    """Return (text, title) of an HTML page."""
    text, meta = read_html_page(raw, name)
    return text, meta["title"]


def read_html_page(raw: bytes, name: str, tables: list[Table] | None = None) -> tuple[str, dict]:
    """Return (text, meta) of an HTML page; ``meta`` is :func:`janji.read.meta.page_meta` of its head. The
    page's tables (cells with spans into the text) go to ``tables`` if given."""
    from janji.read.meta import page_meta

    markup = _decode_html(raw, name)
    markup = markup.replace(_BR, "").replace(_PARA, "").replace("\x00", "")
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(name, "HTML tidak dapat diurai (kosong atau rusak)") from exc
    meta = page_meta(root)
    for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _remove(el)
    for el in [el for el in root.iter() if isinstance(el.tag, str) and el.tag.lower() in _DROP - {"head"}]:
        _remove(el)
    _number_ordered_lists(root)
    _mark_double_breaks(root)
    text = ""
    found: list[Table] = []
    if len(raw) <= TRAFILATURA_MAX_BYTES:
        xml = _trafilatura(root)
        if xml is not None and not _is_page_dump(xml, root):
            text = render(xml, found)
    if not text.strip():
        _remove_page_furniture(root)
        body = root.find("body")
        found = []
        text = render(body if body is not None else root, found)
    if tables is not None:
        tables.extend(found)
    return text, meta


def _decode_html(raw: bytes, name: str) -> str:
    declared = _META_CHARSET.search(raw[:4096])
    if declared and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        encoding = declared.group(1).decode("ascii", "ignore").lower()
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect like any text
    return decode(raw, name)


def _remove(el) -> None:
    """Remove an element but keep its tail text (lxml attaches following text to it)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _number_ordered_lists(root) -> None:
    """Write each ordered item's printed number into its text ("3. …")."""
    for ol in root.iter("ol"):
        items = [li for li in ol if isinstance(li.tag, str) and li.tag.lower() == "li"]
        reverse = ol.get("reversed") is not None
        try:
            counter = int(ol.get("start")) if ol.get("start") else (len(items) if reverse else 1)
        except ValueError:
            counter = 1
        fmt = ol.get("type") or "1"
        for li in items:
            try:
                if li.get("value"):
                    counter = int(li.get("value"))
            except ValueError:
                pass
            own = (li.text or "").lstrip()
            if not starts_with_marker(own or _first_text(li)):
                li.text = f"{format_counter(counter, fmt)}. " + (li.text or "").lstrip()
            counter += -1 if reverse else 1


def _mark_double_breaks(root) -> None:
    """Old portals separate paragraphs with "<br><br>" only; trafilatura merges the two breaks, so a
    marker goes between them and the renderer turns it into a blank line."""
    for br in root.iter("br"):
        nxt = br.getnext()
        if nxt is not None and isinstance(nxt.tag, str) and nxt.tag.lower() == "br" and not (br.tail or "").strip():
            br.tail = _PARA + (br.tail or "")


def _first_text(el) -> str:
    for text in el.itertext():
        if text.strip():
            return text.lstrip()
    return ""


def _trafilatura(root):
    import trafilatura  # imported late: it is slow to import and only HTML needs it

    try:
        xml = trafilatura.extract(root, output_format="xml", include_tables=True, include_comments=False,
                                  include_images=False, include_links=False, favor_recall=True,
                                  deduplicate=False, with_metadata=False)
    except (RecursionError, ValueError, TypeError, lxml.etree.LxmlError):
        return None  # the fallback renderer handles what trafilatura cannot
    if not xml:
        return None
    try:
        return lxml.etree.fromstring(xml.encode("utf-8"), lxml.etree.XMLParser(recover=True, huge_tree=False))
    except lxml.etree.XMLSyntaxError:
        return None


def _is_page_dump(xml, root) -> bool:
    """Did trafilatura fall back to its baseline, the text of the whole page as plain paragraphs?

    It does so where the main text is short (a brief news item): menus, article and footer then run
    together, and the article's headings and lists are lost. Its main extraction keeps headings and
    lists (``head``, ``list``); a result of paragraphs only is compared with the baseline itself.
    """
    main = xml.find("main")
    children = list(main) if main is not None else []
    if not children or any(child.tag != "p" for child in children):
        return False
    from trafilatura import baseline

    try:
        _, dump, _ = baseline(root)
    except (RecursionError, ValueError, TypeError, lxml.etree.LxmlError):
        return False
    return bool(dump) and _WS.sub("", "".join(main.itertext())) == _WS.sub("", dump)


_MENU_WORDS = 4  # a menu entry is a link of a few words


def _remove_page_furniture(root) -> None:
    """Remove what belongs to the site, not the article, before rendering a page by hand: header (unless it
    holds the headline), navigation, footer and sidebars, and menus — lists or bars of short links only."""
    for el in list(root.iter(*_FURNITURE_TAGS)):
        if el.tag == "header" and (el.find(".//h1") is not None or _inside(el, ("article", "main"))):
            continue
        _remove(el)
    for el in list(root.iter("ul", "ol", "div", "p", "section")):
        if el.getparent() is not None and _is_menu(el):
            _remove(el)


def _inside(el, tags: tuple[str, ...]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if isinstance(parent.tag, str) and parent.tag.lower() in tags:
            return True
        parent = parent.getparent()
    return False


def _is_menu(el) -> bool:
    """Two or more short links and no other text: a menu, a channel bar, a breadcrumb."""
    links = [a for a in el.iter("a")]
    if len(links) < 2:
        return False
    link_text = [_WS.sub(" ", "".join(a.itertext())).strip() for a in links]
    if any(len(t.split()) > _MENU_WORDS for t in link_text):
        return False
    other = _WS.sub(" ", "".join(el.itertext()))
    for t in link_text:
        other = other.replace(t, " ", 1)
    return not re.sub(r"[\W_]+", "", other)


class _Renderer:
    """Walks an HTML or trafilatura-XML tree into lines (one block per line)."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, int, str]] = []  # (kind, indent level, text)
        self.tables: list[Table] = []
        self.row_cells: dict[int, list] = {}  # index of a "row" block -> its cells and their offsets in the line
        self.buf: list[str] = []
        self.kind = "para"
        self.indent = 0
        self._inside_item = 0
        self._numbers: list[int] = []  # position of the current entry in each open list

    def flush(self) -> None:
        if not self.buf:
            return
        raw = "".join(self.buf)
        self.buf = []
        if self.kind == "item":
            raw = raw.replace(_PARA, _BR)
        pieces = [_WS.sub(" ", p).strip() for p in raw.split(_BR)]
        pieces = [p for p in pieces if p]
        if not pieces:
            return
        if self.kind == "item":
            # A <br> inside a list entry: wrapped text, unless the next piece is a list entry itself.
            text = pieces[0]
            for piece in pieces[1:]:
                if starts_with_marker(piece):
                    self.blocks.append(("item", self.indent, text))
                    text = piece
                else:
                    text += " " + piece
            self.blocks.append(("item", self.indent, text))
            self.kind = "para"
        else:
            single = len(pieces) == 1
            raw_pieces = [_WS.sub(" ", p).strip() for p in raw.replace(_PARA, _BR + _BR).split(_BR)]
            for n, piece in enumerate(raw_pieces):
                if piece:
                    self.blocks.append((self.kind if single else "line", self.indent, piece))
                elif 0 < n < len(raw_pieces) - 1 and raw_pieces[n - 1]:
                    self.blocks.append(("sep", 0, ""))  # "<br><br>": a paragraph break in br-only markup
            if not single:
                self.blocks.append(("sep", 0, ""))  # the next block is another paragraph

    def walk(self, el, level: int, depth: int, list_kind: str | None = None) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag:
            if el.tail:
                self.buf.append(el.tail)
            return
        if depth > MAX_DEPTH:
            self.buf.append(" " + " ".join(el.itertext()) + " ")
            if el.tail:
                self.buf.append(el.tail)
            return
        if tag in _DROP and tag != "head" or tag in ("graphic", "img"):
            pass
        elif tag in ("br", "lb"):
            self.buf.append(_BR)
        elif tag in _LISTS:
            self.flush()
            kind = "ol" if tag == "ol" or (el.get("rend") or "").lower() == "ol" else "ul"
            outer = self._inside_item == 0  # a nested list stays tight against its parent entry
            if outer:
                self.blocks.append(("sep", 0, ""))
            self._numbers.append(0)
            for child in el:
                self.walk(child, level + 1 if level >= 0 else 0, depth + 1, kind)
            self._numbers.pop()
            self.flush()
            if outer:
                self.blocks.append(("sep", 0, ""))
        elif tag in _ITEMS:
            self.flush()
            self.kind, self.indent = "item", max(level, 0)
            text = el.text or ""
            first = text.lstrip() or _first_text(el)
            if self._numbers:
                self._numbers[-1] += 1
            if not starts_with_marker(first):
                # Ordered items were numbered in the HTML before extraction; this covers the rest.
                marker = f"{self._numbers[-1] if self._numbers else 1}." if list_kind == "ol" else "-"
                text = f"{marker} " + text.lstrip()
            self.buf.append(text)
            self._inside_item += 1
            for child in el:
                self.walk(child, level, depth + 1, list_kind)
            self._inside_item -= 1
            self.flush()
            self.kind = "para"
        elif tag == "table":
            self.flush()
            self.blocks.append(("sep", 0, ""))
            self._table(el, level, depth)
            self.blocks.append(("sep", 0, ""))
        elif tag in _ROWS:
            self.flush()
            cells = [_WS.sub(" ", " ".join(c.itertext())).strip() for c in el
                     if isinstance(c.tag, str) and c.tag.lower() in _CELLS]
            cells = [c for c in cells if c]
            if cells:
                if re.fullmatch(r"\d{1,3}\.?|[a-zA-Z][.)]", cells[0]) and len(cells) > 1:
                    line = cells[0].rstrip(".)") + ". " + " | ".join(cells[1:])
                else:
                    line = " | ".join(cells)
                self.blocks.append(("row", max(level, 0), line))
        elif tag in _HEADING:
            self.flush()
            self.kind = "heading"
            self._children(el, level, depth)
            self.flush()
            self.kind = "para"
        elif tag in _BLOCK or tag in ("tbody", "thead", "tfoot", "html"):
            self.flush()
            saved = self.kind
            self.kind = "para"
            self._children(el, level, depth)
            self.flush()
            self.kind = saved if saved != "item" else "para"
        else:  # inline: span, b, hi, ref, a …
            self._children(el, level, depth)
        if el.tail:
            self.buf.append(el.tail)

    def _table(self, el, level: int, depth: int) -> None:
        """A table's rows as lines, and its grid (rowspan and colspan undone) for ``self.tables``."""
        if el.text:
            self.buf.append(el.text)
        rows = []
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag in _ROWS:
                rows.append(child)
            elif tag in ("thead", "tbody", "tfoot"):
                rows.extend(r for r in child if isinstance(r.tag, str) and r.tag.lower() in _ROWS)
            else:  # a caption, a stray text
                self.walk(child, level, depth + 1)
        self.flush()
        given = []
        for k, tr in enumerate(rows):
            cells = []
            for c in tr:
                if isinstance(c.tag, str) and c.tag.lower() in _CELLS:
                    text = " ".join(c.itertext()).replace(_PARA, "").replace(_BR, " ")
                    cells.append((text, _span(c.get("colspan"), 63), _span(c.get("rowspan"), len(rows) - k), False))
            given.append(cells)
        table = Table(grid(given))
        writer = RowWriter()
        for row in table.rows:
            line, parts = writer.line(row)
            if line:
                self.row_cells[len(self.blocks)] = parts
                self.blocks.append(("row", max(level, 0), line))
        if worth_keeping(table):
            self.tables.append(table)

    def _children(self, el, level: int, depth: int) -> None:
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.walk(child, level, depth + 1)

    def text(self) -> str:
        self.flush()
        out: list[str] = []
        prev_kind = None
        end = -1  # where the text written so far ends (the line joins add one character each)
        for index, (kind, indent, text) in enumerate(self.blocks):
            if kind == "sep":
                prev_kind = None
                continue
            if kind == "para" and starts_with_marker(text):
                kind = "item"  # "<p>1. …</p><p>2. …</p>": a list typed as paragraphs stays one list
            tight = kind in ("item", "row", "line") and prev_kind in ("item", "row", "line")
            if out and not tight:
                out.append("")
                end += 1
            line = "  " * indent + text.replace(_PARA, "")
            out.append(line)
            if index in self.row_cells:
                place(self.row_cells[index], end + 1 + 2 * indent)
            end += 1 + len(line)
            prev_kind = kind
        return "\n".join(out)


def _span(value: str | None, most: int) -> int:
    """A rowspan or colspan attribute as a count of rows or columns (1 if missing or not a number)."""
    try:
        return min(max(int(value or 1), 1), max(most, 1))
    except ValueError:
        return 1


def render(root, tables: list[Table] | None = None) -> str:
    """Render an lxml HTML tree or trafilatura XML into the plain-text shape of every reader; the tables
    met go to ``tables`` if given."""
    r = _Renderer()
    r.walk(root, -1, 0)
    text = r.text()
    if tables is not None:
        tables.extend(r.tables)
    return text
