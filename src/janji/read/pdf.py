"""PDF (pypdfium2): text lines in reading order, rebuilt into paragraphs and nested lists.

pdfium gives characters in content order with line breaks and boxes. From the
boxes we know where each line starts and ends, so:

- a line that stops well before the right margin ends its paragraph or list
  entry; one that fills the line is wrapped and joins the next (hyphenation
  undone, see :func:`janji.lang.words.join_wrapped`);
- a line starting with a marker ("1.", "a.", "•") starts a list entry, nested
  by the x-position of its marker (two spaces per level in the output);
- a larger vertical gap, a bigger font or a first-line indent starts a new
  paragraph; page numbers and running headers/footers are dropped;
- the line spacing is learnt from lines that are surely wrapped (the next one
  goes on in lower case), so a document whose every paragraph is one line does
  not take its paragraph gap for line spacing;
- a title set in a large font over several lines is one line; a number that a
  wrap put at the start of a line ("…; 3. Mewujudkan …") continues the list
  written inside the paragraph.

Example (a one-page PDF written by hand; the lines it draws come back as a heading and a list):

    >>> pdf = (b"%PDF-1.4\\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
    ...        b"endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R/Resources<</Font"
    ...        b"<</F 5 0 R>>>>>>endobj 4 0 obj<<>>stream\\nBT /F 12 Tf 20 150 Td (MISI) Tj 0 -20 Td (1. Membangun"
    ...        b" jalan) Tj 0 -20 Td (2. Menata pasar) Tj ET\\nendstream endobj 5 0 obj<</Type/Font/Subtype/Type1"
    ...        b"/BaseFont/Helvetica>>endobj trailer<</Root 1 0 R>>")
    >>> text, title = read_pdf(pdf, "visi-misi.pdf")
    >>> print(text)
    MISI
    <BLANKLINE>
    1. Membangun jalan
    2. Menata pasar
"""
from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from janji.document import Table
from janji.lang import lazy
from janji.lang.words import join_wrapped
from janji.errors import InputError
from janji.read.columns import column_of, gutters, in_columns, stretch
from janji.read.pdftables import find_tables
from janji.read.tables import place
from janji.lang.markers import BULLET_CHARS, MARKER, continues_inline_run, only_marker

MAX_PAGES = 2000
_PAGE_NUMBER = lazy.compile(r"^\s*(?:[-–—]\s*)?(?:hal(?:aman|\.)?\s*)?\d{1,4}(?:\s*(?:dari|/|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$"
                          r"|^\s*[ivxlcIVXLC]{1,6}\s*$", re.I)
_LINE_BREAK = lazy.compile("\r\n|[\r\n\ufffe]")  # pdfium's line ends; U+FFFE marks a hyphen it joined
_LETTERS = lazy.compile(r"[^\W\d_]")
_SENTENCE_STOP = lazy.compile(r"[.:;!?][\"”’)]?$")
_BULLET_START = lazy.compile("^[" + re.escape(BULLET_CHARS) + r"]\s*")


@dataclass
class Line:
    text: str
    x0: float  # left of the first visible character
    x1: float  # right of the last visible character
    y: float  # baseline of the line (PDF units, up is larger)
    size: float  # font size of the last visible character
    page: int
    hyphen_break: bool = False  # pdfium joined a hyphenated line end: always a continuation
    cells: list | None = None  # a table's row (janji.read.pdftables): its cells and their offsets in ``text``
    column: tuple | None = None  # on a page in columns: the column's and the page's left and right (columns.py)


@dataclass
class PdfText:
    text: str
    title: str | None
    ocr_pages: list[int]  # 1-based numbers of the pages read with OCR
    skipped_pages: list[int]  # 1-based numbers of scanned pages left unread (``ocr="never"``)


def read_pdf(raw: bytes, name: str, tables: list[Table] | None = None, ocr: str = "auto") -> tuple[str, str | None]:
    """The text and title of a PDF; its ruled tables (cells with spans into the text) go to ``tables`` if given."""
    result = read_pdf_pages(raw, name, tables, ocr)
    return result.text, result.title


def read_pdf_pages(raw: bytes, name: str, tables: list[Table] | None = None, ocr: str = "auto") -> PdfText:
    """The text of a PDF, each page from its text layer or, where it has none that is usable, from OCR
    (``ocr``: "auto"; "always" reads every page with OCR, "never" none; see :mod:`janji.read.ocr`)."""
    from janji.read.ocr import ocr_pages, scanned_pages

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise InputError(name, "PDF terenkripsi (butuh kata sandi)") from None
        raise InputError(name, "PDF rusak atau tidak dapat dibuka") from None
    try:
        title = _title(pdf)
        pages = [_page_lines(pdf, i) for i in range(min(len(pdf), MAX_PAGES))]
        scanned = scanned_pages(pdf, pages, ocr)
        if ocr != "never":
            for index, lines in ocr_pages(pdf, scanned, name).items():
                pages[index] = lines
        if not any(pages):
            if ocr == "never":
                raise InputError(name, "PDF tanpa lapisan teks (hasil pindaian?); baca dengan OCR: --ocr auto")
            if scanned:
                raise InputError(name, "PDF hasil pindaian tanpa tulisan yang terbaca (OCR tidak menemukan teks)")
            raise InputError(name, "PDF tanpa teks: tidak ada lapisan teks maupun gambar halaman untuk dibaca dengan OCR")
        pages = _drop_running_lines(pages)
        pages, found = find_tables(pdf, pages)
    finally:
        pdf.close()
    stretch([line for page in pages for line in page])
    text = layout([line for page in pages for line in page])
    if tables is not None:
        tables.extend(found)
    numbers = [i + 1 for i in scanned]
    return PdfText(text, title, ocr_pages=numbers if ocr != "never" else [],
                   skipped_pages=numbers if ocr == "never" else [])


def _title(pdf) -> str | None:
    try:
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
    except (pdfium.PdfiumError, UnicodeDecodeError, ValueError):
        return None
    # Word and converters often leave placeholders ("untitled", "Microsoft Word - x.docx").
    if not title or title.lower() in ("untitled", "judul", "title") or title.lower().startswith("microsoft word"):
        return None
    return title[:500]


def _page_lines(pdf, index: int) -> list[Line]:
    page = pdf[index]
    try:
        tp = page.get_textpage()
        try:
            n = tp.count_chars()
            if n <= 0:
                return []
            text = tp.get_text_range(0, n)
            cuts = gutters([tp.get_rect(k) for k in range(tp.count_rects(0, n))])
            return in_columns(_split_lines(tp, text, index, cuts), cuts)
        finally:
            tp.close()
    finally:
        page.close()


def _split_lines(tp, text: str, page: int, cuts: list[tuple[float, float]] = ()) -> list[Line]:
    # pdfium indexes UTF-16 code units: map string positions to character indices.
    if len(text) == tp.count_chars():
        index = list(range(len(text)))
    else:
        index, i = [], 0
        for ch in text:
            index.append(i)
            i += 2 if ord(ch) > 0xFFFF else 1
    lines: list[Line] = []
    start = 0
    for match in _LINE_BREAK.finditer(text + "\n"):
        hyphen = match.group() == "\ufffe"
        segment = text[start:match.start()] + ("-" if hyphen else "")
        line = _make_line(tp, segment, index, start, page, hyphen=hyphen)
        if line is not None and cuts and column_of(line.x0, line.x1, cuts) is None:
            lines.extend(_cut(tp, segment, index, start, page, hyphen, cuts))
        elif line is not None:
            lines.append(line)
        start = match.end()
    return lines


def _cut(tp, segment: str, index: list[int], start: int, page: int, hyphen: bool,
         cuts: list[tuple[float, float]]) -> list[Line]:
    """A line that runs from one column into the next, cut where its text jumps over a gutter."""
    pieces, begin, last_right = [], 0, None
    for k, ch in enumerate(segment):
        if ch.isspace():
            continue
        try:
            left, _, right, _ = tp.get_charbox(index[start + k])
        except (IndexError, pdfium.PdfiumError):
            return [line for line in [_make_line(tp, segment, index, start, page, hyphen=hyphen)] if line]
        if last_right is not None and any(last_right <= g0 + 1 and left >= g1 - 1 for g0, g1 in cuts):
            pieces.append((begin, k))
            begin = k
        last_right = right
    pieces.append((begin, len(segment)))
    out = []
    for n, (a, b) in enumerate(pieces):
        last = n == len(pieces) - 1
        line = _make_line(tp, segment[a:b], index, start + a, page, hyphen=hyphen and last)
        if line is not None:
            out.append(line)
    return out


def _make_line(tp, segment: str, index: list[int], start: int, page: int, hyphen: bool) -> Line | None:
    stripped = segment.strip()
    if not stripped:
        return None
    first = start + (len(segment) - len(segment.lstrip()))
    last = start + len(segment.rstrip()) - 1
    if hyphen:
        last -= 1  # the "-" we appended has no box of its own
    try:
        left, bottom, _, _ = tp.get_charbox(index[first])
        _, _, right, _ = tp.get_charbox(index[max(first, last)])
        # The size at the line's end: a list marker is often set in another font size than its text.
        size = float(pdfium_c.FPDFText_GetFontSize(tp.raw, index[max(first, last)]))
        # The baseline, not the glyph box: a line starting with "p" or "g" would look lower than it is.
        x, y = ctypes.c_double(), ctypes.c_double()
        if pdfium_c.FPDFText_GetCharOrigin(tp.raw, index[max(first, last)], ctypes.byref(x), ctypes.byref(y)):
            bottom = y.value
    except (IndexError, pdfium.PdfiumError):
        left = bottom = right = size = 0.0
    text = " ".join(stripped.split())
    return Line(text=text, x0=left, x1=right, y=bottom, size=size, page=page, hyphen_break=hyphen)


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers and headers/footers: lines at the top or bottom of a page, set apart from
    the body by a wider gap than the line spacing, that are page numbers or repeat on most pages."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    gaps = [a.y - b.y for lines in pages for a, b in zip(lines, lines[1:]) if a.y > b.y]
    spacing = _percentile(gaps, 0.3) if gaps else 12.0

    def set_apart(page: list[Line]) -> set[int]:
        """ids of the two top/bottom lines (by position, not content order) set apart from the body."""
        lines = sorted(page, key=lambda line: -line.y)
        out: set[int] = set()
        wide = [i for i in range(min(2, len(lines) - 1)) if lines[i].y - lines[i + 1].y > 1.3 * spacing]
        if wide:
            out.update(id(lines[i]) for i in range(max(wide) + 1))
        wide = [i for i in range(len(lines) - 1, max(len(lines) - 3, 0), -1)
                if lines[i - 1].y - lines[i].y > 1.3 * spacing]
        if wide:
            out.update(id(lines[i]) for i in range(min(wide), len(lines)))
        return out

    edges_by_page = [set_apart(lines) for lines in pages]
    edge_counts: Counter[str] = Counter()
    for lines, edges in zip(pages, edges_by_page):
        for k in {key(line) for line in lines if id(line) in edges}:
            edge_counts[k] += 1
    repeated = {k for k, c in edge_counts.items() if len(pages) >= 3 and c >= max(3, len(pages) // 2)}
    out = []
    for lines, edges in zip(pages, edges_by_page):
        out.append([line for line in lines
                    if not (id(line) in edges and (key(line) in repeated or _PAGE_NUMBER.match(line.text)))])
    return out


@dataclass
class _Block:
    kind: str  # "item" or "para"
    level: int
    text: str
    last: Line


def layout(lines: list[Line]) -> str:
    """Rebuild paragraphs and nested list entries from positioned lines."""
    if not lines:
        return ""
    rows = [line for line in lines if line.cells is not None]
    text_lines = [line for line in lines if line.cells is None] or lines
    lefts = Counter(round(l.x0) for l in text_lines if len(l.text) > 25) or Counter(round(l.x0) for l in text_lines)
    body_left = min(x for x, c in lefts.items() if c >= max(1, lefts.most_common(1)[0][1] // 4))
    right_margin = _percentile([l.x1 for l in text_lines], 0.9)
    width = max(right_margin - body_left, 1.0)
    # The body's font size: the size most of the text (by characters, not lines) is set in, so that a title
    # over three short lines does not outvote two long lines of text.
    body_size = _weighted_median(_chars_by_size(text_lines))
    line_gap = _line_gap(text_lines, body_size) if rows else _line_gap(lines, body_size)
    tol = max(2.0, (body_size or 10) * 0.4)

    lines = _attach_lone_markers(lines)
    blocks: list[_Block] = []
    markers: list[float] = []  # x of the open list markers, outermost first
    for line in lines:
        text = line.text
        if line.cells is not None:  # a table's row: a line of its own, never wrapped into another
            blocks.append(_Block("row", 0, text, line))
            markers.clear()
            continue
        is_marker = bool(MARKER.match(text + " ")) or bool(_BULLET_START.match(text))
        prev = blocks[-1] if blocks else None
        if prev is not None and prev.kind == "row":
            prev = None
        # A marker starts a list entry, unless a wrap put the next number of a list written inside the
        # paragraph at the start of the line ("… yaitu: 1. …; 2. …;" then "3. …").
        inline = is_marker and prev is not None and continues_inline_run(prev.text, text)
        if prev is not None and (not is_marker or inline) and _continues(prev.last, line, width, right_margin,
                                                                          line_gap, body_size, tol):
            prev.text = join_wrapped(prev.text, text)
            prev.last = line
            continue
        if is_marker:
            while markers and line.x0 < markers[-1] - tol:
                markers.pop()
            if markers and abs(line.x0 - markers[-1]) <= tol:
                level = len(markers) - 1
            elif markers and line.x0 > markers[-1] + tol:
                markers.append(line.x0)
                level = len(markers) - 1
            else:
                markers[:] = [line.x0]
                level = 0
            text = _BULLET_START.sub("- ", text) if _BULLET_START.match(text) else text
            blocks.append(_Block("item", level, text, line))
        else:
            while markers and line.x0 <= markers[-1] + tol:
                markers.pop()
            level = len(markers)  # an explanation indented under a list entry stays under it
            blocks.append(_Block("para", level, text, line))
    out: list[str] = []
    prev_kind = None
    end = -1  # where the text written so far ends (the line joins add one character each)
    for block in blocks:
        if out and not (block.kind == prev_kind and block.kind in ("item", "row")):
            out.append("")
            end += 1
        line = "  " * block.level + block.text
        out.append(line)
        if block.kind == "row":
            place(block.last.cells, end + 1)
        end += 1 + len(line)
        prev_kind = block.kind
    return "\n".join(out)


def _attach_lone_markers(lines: list[Line]) -> list[Line]:
    """A marker that pdfium put on a line of its own ("1." then "Membangun …" on the same baseline)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and line.cells is None and nxt.cells is None and only_marker(line.text) \
                and nxt.page == line.page \
                and abs(nxt.y - line.y) <= max(2.0, 0.5 * (line.size or 10)) and nxt.x0 > line.x0:
            out.append(Line(text=f"{line.text} {nxt.text}", x0=line.x0, x1=nxt.x1, y=nxt.y, size=nxt.size,
                            page=nxt.page, hyphen_break=nxt.hyphen_break))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _line_gap(lines: list[Line], body_size: float) -> float:
    """The document's line spacing (baseline to baseline) within a paragraph.

    A low quantile of the gaps between lines, since paragraph gaps are in the sample too. Where that is
    wider than single spacing, it is the line spacing only if lines that are surely wrapped (the next line
    goes on in lower case) are set that far apart: a document whose every paragraph is one line has no
    line spacing to see, only paragraph gaps, and double-spaced text has wrapped lines that say so.
    """
    size = body_size or 12.0
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if a.page == b.page and 0 < a.y - b.y < 4 * (a.size or 12)]
    if not pairs:
        return size * 1.2
    gap = _percentile([a.y - b.y for a, b in pairs], 0.3)
    wrapped = [a.y - b.y for a, b in pairs
               if b.text[:1].islower() and not _SENTENCE_STOP.search(a.text) and not MARKER.match(b.text + " ")
               and abs(a.size - b.size) <= 0.5]
    if wrapped:
        return min(gap, _percentile(wrapped, 0.5))
    return min(gap, size * 1.3)


def _continues(prev: Line, line: Line, width: float, right_margin: float, line_gap: float, body_size: float,
               tol: float) -> bool:
    """Is ``line`` the wrapped continuation of the block ending with ``prev``?"""
    if prev.hyphen_break:
        return True
    if _is_title_line(prev, body_size) and _is_title_line(line, body_size) and prev.page == line.page \
            and abs(prev.size - line.size) <= 0.5 and not _SENTENCE_STOP.search(prev.text):
        # A title set in a large font over several lines, left-aligned or centred: one title, if the lines
        # are as close as that font's line spacing.
        return 0 < prev.y - line.y <= 1.45 * line_gap * line.size / (body_size or line.size)
    if _is_caps_heading(prev.text):
        return False
    if _is_caps_heading(line.text) and (_SENTENCE_STOP.search(prev.text) or _is_title_line(prev, body_size)):
        return False  # a heading in capitals after a finished sentence (a capitalised word after a wrap goes on)
    if line.size and body_size and line.size > body_size * 1.15 and prev.size < line.size * 0.95:
        return False  # a heading in a larger font
    if prev.size and line.size and abs(prev.size - line.size) > max(1.0, 0.15 * prev.size):
        return False
    if prev.page == line.page:
        gap = prev.y - line.y
        if gap <= 0 or gap > line_gap * 1.45:
            return False  # a paragraph gap, or a jump back up (a new column or text box)
    elif line.text[:1].isupper():
        return False  # across a page only a sentence that obviously continues is joined
    # Did the previous line stop short? The next word would have fitted on it if so.
    first_word = line.text.split(" ", 1)[0]
    char_width = (prev.x1 - prev.x0) / max(len(prev.text), 1) if prev.x1 > prev.x0 else width / 80
    if prev.x1 + char_width * (len(first_word) + 1) < right_margin - tol:
        return False
    if line.x0 > prev.x0 + 3 * tol and not MARKER.match(prev.text + " "):
        # Deeper than the block: a nested paragraph, unless it is the hanging indent of an entry
        # whose marker we do not know ("1 Text", "§ Text"): the text then lines up after the first token.
        head = prev.text.split(" ", 1)[0]
        hang = prev.x0 + char_width * (len(head) + 1)
        if len(head) > 4 or abs(line.x0 - hang) > max(3 * tol, 2 * char_width):
            return False
    return True


def _is_title_line(line: Line, body_size: float) -> bool:
    return bool(line.size and body_size and line.size > body_size * 1.15)


def _is_caps_heading(text: str) -> bool:
    return len(text) < 80 and text.isupper() and len(_LETTERS.findall(text)) >= 3


def _chars_by_size(lines: list[Line]) -> Counter:
    counts: Counter = Counter()
    for line in lines:
        if line.size > 0:
            counts[line.size] += len(line.text)
    return counts


def _weighted_median(counts: Counter) -> float:
    """The median of values each counted ``counts[value]`` times (0.0 when there are none)."""
    total = sum(counts.values())
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen * 2 >= total:
            return value
    return 0.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0
