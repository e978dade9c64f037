"""DOCX (python-docx): paragraphs, headings, tables, and Word's list numbering rendered as text.

python-docx gives paragraph text but not the numbers Word prints before list
paragraphs. They are rebuilt here from the paragraph's ``numPr`` (numId,
ilvl) — or its style's — and the numbering part: ``abstractNum`` levels with
``start``, ``numFmt`` (decimal, lowerLetter, upperLetter, lowerRoman,
upperRoman, bullet, none) and ``lvlText`` ("%1.", "%1.%2.", "(%1)"), with
``startOverride`` restarts. Styles named "List Number 2" / "List Bullet" are the
fallback when a document has no numbering definitions.

Example (a Word file made here with python-docx, whose list paragraphs hold no number of their own):

    >>> import io, docx
    >>> page = docx.Document()
    >>> for text, style in [("MISI", "Heading 1"), ("Membangun jalan", "List Number"),
    ...                     ("Jalan desa", "List Number 2"), ("Menata pasar", "List Number")]:
    ...     _ = page.add_paragraph(text, style=style)
    >>> file = io.BytesIO()
    >>> page.save(file)
    >>> text, title = read_docx(file.getvalue(), "visi-misi.docx")
    >>> print(text)
    MISI
    <BLANKLINE>
    1. Membangun jalan
      1. Jalan desa
    2. Menata pasar
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from janji.document import Table
from janji.errors import InputError
from janji.lang import lazy
from janji.lang.markers import counter as format_counter, starts_with_marker
from janji.read.tables import RowWriter, grid, place, worth_keeping

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_COLUMNS = 63  # Word's own limit: a wider gridSpan is a broken or hostile file
_STYLE_LIST = lazy.compile(r"^list\s*(number|bullet|paragraph|continue)?\s*(\d)?$", re.I)
_HEADING_STYLE = lazy.compile(r"^(heading|judul)\s*\d|^title$|^subtitle$", re.I)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: restart after this (1-based) level, 0 = never


@dataclass
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId -> ilvl -> current
    used: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root) -> "_Numbering":
        out = cls()
        if root is None:
            return out
        for abstract in root.iter(f"{W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(f"{W}lvl"):
                ilvl = _int(lvl.get(f"{W}ilvl"), 0)
                level = _Level()
                for child in lvl:
                    val = child.get(f"{W}val")
                    if child.tag == f"{W}start":
                        level.start = _int(val, 1)
                    elif child.tag == f"{W}numFmt":
                        level.fmt = val or "decimal"
                    elif child.tag == f"{W}lvlText":
                        level.text = val if val is not None else ""
                    elif child.tag == f"{W}lvlRestart":
                        level.restart = _int(val, None)
                levels[ilvl] = level
            out.abstract[abstract.get(f"{W}abstractNumId") or ""] = levels
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId") or ""
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                out.nums[num_id] = ref.get(f"{W}val") or ""
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    out.overrides.setdefault(num_id, {})[_int(override.get(f"{W}ilvl"), 0)] = _int(
                        start.get(f"{W}val"), 1)
        return out

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """The marker Word prints for the next paragraph of list ``num_id`` at ``ilvl`` ("" for none)."""
        abstract_id = self.nums.get(num_id)
        if abstract_id is None or abstract_id not in self.abstract:
            return None
        levels = self.abstract[abstract_id]
        level = levels.get(ilvl) or _Level()
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for o_lvl, start in self.overrides.get(num_id, {}).items():
                counters[o_lvl] = start - 1  # a "restart numbering" list instance
                for deeper in [k for k in counters if k > o_lvl]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = (levels.get(deeper) or _Level()).restart
            if restart != 0:
                del counters[deeper]
        if level.fmt == "bullet":
            return "-"
        if level.fmt == "none":
            return ""

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k) or _Level()
            return format_counter(counters.get(k, lvl.start), lvl.fmt)

        return re.sub(r"%([1-9])", number, level.text).strip()


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class _Reader:
    def __init__(self, document) -> None:
        self.doc = document
        part = document.part
        try:
            numbering_root = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_root = None
        self.numbering = _Numbering.parse(numbering_root)
        self.styles = {}
        for style in document.styles.element.iter(f"{W}style"):
            self.styles[style.get(f"{W}styleId") or ""] = style
        self.style_counters: dict[tuple[str, int], int] = {}
        self.typed_markers: list[int] = []  # indentation (twips) of open hand-typed list levels
        self.blocks: list[tuple[str, str]] = []  # (kind, line)
        self.tables: list[Table] = []
        self.row_cells: dict[int, list] = {}  # index of a "row" block -> its cells and their offsets in the line

    # -- styles -------------------------------------------------------------------------------
    def _style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def _style_name(self, style_id: str | None) -> str:
        for style in self._style_chain(style_id):
            name = style.find(f"{W}name")
            return (name.get(f"{W}val") if name is not None else "") or ""
        return style_id or ""

    # -- paragraphs ---------------------------------------------------------------------------
    def paragraph(self, p) -> None:
        text = _paragraph_text(p)
        ppr = p.find(f"{W}pPr")
        style_el = ppr.find(f"{W}pStyle") if ppr is not None else None
        style_id = style_el.get(f"{W}val") if style_el is not None else None
        style_name = self._style_name(style_id)
        if not text.strip():
            return
        marker, level = self._list_marker(ppr, style_id, style_name)
        if marker is not None and (_HEADING_STYLE.match(style_name) or _outline_level(ppr) is not None):
            # A numbered heading ("BAB II", "2.1 Misi"): a heading line that keeps its number.
            self.typed_markers.clear()
            self.blocks.append(("heading", " ".join(f"{marker} {text}".split())))
            return
        if marker is not None:
            pieces = [" ".join(piece.split()) for piece in text.split("\n")]
            pieces = [piece for piece in pieces if piece]
            line = (f"{marker} " if marker else "") + (pieces[0] if pieces else "")
            for piece in pieces[1:]:
                if starts_with_marker(piece):  # a manual line break before a typed marker
                    self.blocks.append(("item", "  " * level + line))
                    line = "  " * (level + 1) + piece
                else:
                    line += " " + piece
            self.blocks.append(("item", "  " * level + line))
            return
        heading = bool(_HEADING_STYLE.match(style_name)) or _outline_level(ppr) is not None
        if heading:
            self.typed_markers.clear()
        pieces = text.split("\n")
        for n, raw_line in enumerate(pieces):
            line = " ".join(raw_line.split())
            if not line:
                continue
            if not heading and starts_with_marker(line):
                # A marker typed by hand ("a.<tab>Sekolah gratis"): nest it by its indentation.
                indent = (_indent_twips(ppr) if n == 0 else 0) + _leading_tabs(raw_line) * 720
                self.blocks.append(("item", "  " * self._typed_level(indent) + line))
            else:
                self.blocks.append(("heading" if heading else "para", line))

    def _typed_level(self, indent: int) -> int:
        stack = self.typed_markers
        tol = 120  # twips (about 2 mm)
        while stack and indent < stack[-1] - tol:
            stack.pop()
        if not stack or indent > stack[-1] + tol:
            stack.append(indent)
        return len(stack) - 1

    def _list_marker(self, ppr, style_id: str | None, style_name: str) -> tuple[str | None, int]:
        num_id, ilvl, from_style = None, None, False
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        if num_pr is not None:
            num_id, ilvl = _num_pr(num_pr)
        if num_id is None:
            for style in self._style_chain(style_id):
                style_ppr = style.find(f"{W}pPr")
                style_num = style_ppr.find(f"{W}numPr") if style_ppr is not None else None
                if style_num is not None:
                    num_id, style_ilvl = _num_pr(style_num)
                    ilvl = ilvl if ilvl is not None else style_ilvl
                    from_style = True
                    break
        named = _STYLE_LIST.match(style_name.strip())
        style_level = int(named.group(2)) - 1 if named and named.group(2) else 0
        if num_id is not None and num_id != "0":
            level = ilvl or 0
            if from_style and named and named.group(2):
                level = max(level, style_level)  # "List Number 2" is a second-level list in its own right
            marker = self.numbering.marker(num_id, ilvl or 0)
            if marker is not None:
                return marker, level
        if named and (named.group(1) or "").lower() in ("number", "bullet"):
            if named.group(1).lower() == "bullet":
                return "-", style_level
            key = (style_name.lower(), style_level)
            self.style_counters[key] = self.style_counters.get(key, 0) + 1
            for other in [k for k in self.style_counters if k[1] > style_level]:
                del self.style_counters[other]
            return f"{self.style_counters[key]}.", style_level
        return None, 0

    # -- tables -------------------------------------------------------------------------------
    def table(self, tbl) -> None:
        rows = []
        for tr in tbl.iterchildren(f"{W}tr"):
            trpr = tr.find(f"{W}trPr")
            before = trpr.find(f"{W}gridBefore") if trpr is not None else None
            skipped = min(max(_int(before.get(f"{W}val"), 0), 0), MAX_COLUMNS) if before is not None else 0
            row = [("", 1, 1, False)] * skipped
            for tc in tr.iterchildren(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = tcpr.find(f"{W}gridSpan") if tcpr is not None else None
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                continues = vmerge is not None and vmerge.get(f"{W}val") in (None, "continue")
                text = " ".join(_paragraph_text(p) for p in tc.iter(f"{W}p"))
                across = min(max(_int(span.get(f"{W}val"), 1), 1), MAX_COLUMNS) if span is not None else 1
                row.append((text, across, 1, continues))
            rows.append(row)
        table = Table(grid(rows))
        writer = RowWriter()
        self.blocks.append(("sep", ""))
        for row in table.rows:
            line, parts = writer.line(row)
            if line:
                self.row_cells[len(self.blocks)] = parts
                self.blocks.append(("row", line))
        self.blocks.append(("sep", ""))
        if worth_keeping(table):
            self.tables.append(table)

    def body(self, element, depth: int = 0) -> None:
        for child in element.iterchildren():
            if child.tag == f"{W}p":
                self.paragraph(child)
            elif child.tag == f"{W}tbl":
                self.table(child)
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml") and depth < 20:
                self.body(child, depth + 1)

    def _rebased(self) -> list[tuple[str, str]]:
        """A section (between headings) whose every list entry sits at Word's second level or deeper ("List
        Bullet 2" after a paragraph) has no first level to nest under: its entries start at the margin."""
        out: list[tuple[str, str]] = []
        section: list[tuple[str, str]] = []

        def close() -> None:
            depths = [len(line) - len(line.lstrip(" ")) for kind, line in section if kind == "item"]
            shift = min(depths, default=0)
            out.extend((kind, line[shift:] if kind == "item" else line) for kind, line in section)
            section.clear()

        for kind, line in self.blocks:
            if kind == "heading":
                close()
                out.append((kind, line))
            else:
                section.append((kind, line))
        close()
        return out

    def text(self) -> str:
        out: list[str] = []
        prev = None
        end = -1  # where the text written so far ends (the line joins add one character each)
        for index, (kind, line) in enumerate(self._rebased()):
            if kind == "sep":
                prev = None
                continue
            tight = kind in ("item", "row") and prev in ("item", "row")
            if out and not tight:
                out.append("")
                end += 1
            out.append(line)
            if index in self.row_cells:
                place(self.row_cells[index], end + 1)
            end += 1 + len(line)
            prev = kind
        return "\n".join(out)


def _num_pr(num_pr) -> tuple[str | None, int | None]:
    num = num_pr.find(f"{W}numId")
    lvl = num_pr.find(f"{W}ilvl")
    num_id = num.get(f"{W}val") if num is not None else None
    return num_id, _int(lvl.get(f"{W}val"), 0) if lvl is not None else None


def _indent_twips(ppr) -> int:
    """Where the paragraph's first line starts, in twips (left indent plus first-line indent, less hanging)."""
    ind = ppr.find(f"{W}ind") if ppr is not None else None
    if ind is None:
        return 0
    left = _int(ind.get(f"{W}left") or ind.get(f"{W}start"), 0)
    return left + _int(ind.get(f"{W}firstLine"), 0) - _int(ind.get(f"{W}hanging"), 0)


def _leading_tabs(text: str) -> int:
    stripped = text.lstrip(" \t")
    return text[: len(text) - len(stripped)].count("\t")


def _outline_level(ppr):
    if ppr is None:
        return None
    el = ppr.find(f"{W}outlineLvl")
    level = _int(el.get(f"{W}val"), None) if el is not None else None
    return level if level is not None and level < 9 else None


_SKIP = {f"{W}del", f"{W}instrText", f"{W}delText", f"{W}fldChar"}


def _paragraph_text(p) -> str:
    """Run text in order: tabs as spaces, line breaks as newlines, deleted text and field codes skipped."""
    out: list[str] = []

    def visit(el, depth: int) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP or tag == f"{W}pPr" or tag == f"{W}rPr" or depth > 50:
                continue
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append("\n" if child.get(f"{W}type") in (None, "textWrapping") else " ")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag == f"{W}p":
                out.append("\n")  # a text box paragraph inside a run
                visit(child, depth + 1)
            else:
                visit(child, depth + 1)

    visit(p, 0)
    return "".join(out)


def read_docx(raw: bytes, name: str, tables: list[Table] | None = None) -> tuple[str, str | None]:
    """The text and title of a DOCX; its tables (cells with spans into the text) go to ``tables`` if given."""
    import docx  # python-docx; imported late to keep `janji --help` fast
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as exc:
        raise InputError(name, "DOCX rusak atau tidak dapat dibuka") from exc
    except Exception as exc:  # python-docx surfaces broken XML as lxml errors of many kinds
        raise InputError(name, f"DOCX rusak ({type(exc).__name__})") from exc
    reader = _Reader(document)
    reader.body(document.element.body)
    try:
        title = (document.core_properties.title or "").strip() or None
    except Exception:  # a broken core.xml is not worth failing the document for
        title = None
    text = reader.text()
    if tables is not None:
        tables.extend(reader.tables)
    return text, title
