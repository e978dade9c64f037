"""Ruled tables of a PDF as grids, their rows as lines of the page.

pdfium gives the text of a table as loose lines, cell by cell, that read as
nonsense; the rules drawn between the cells say which text is in which row and
column. The rules are read from pdfium's path objects (cheap: the page is
already open, and a page without rules costs a glance at its objects);
pdfplumber's table finder joins them into cells and tables (its ``explicit``
strategy: given the edges, it needs no second parse of the PDF); each cell's
text is pdfium's text inside the cell. Each table found becomes:

- a grid of :class:`janji.document.Cell`, a cell merged over several rows or
  columns being one object at every position it covers;
- lines of the page, one per row, written as every reader writes table rows
  (:mod:`janji.read.tables`), standing where the table's own text stood.

A table that runs on at the top of the next page, with the same columns, is one
table; its header row, repeated on the new page, is dropped there.

Example (a one-page PDF written by hand: six rules and four words make a table of two rows):

    >>> from janji.read.pdf import read_pdf
    >>> pdf = (b"%PDF-1.4\\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
    ...        b"endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R/Resources<</Font"
    ...        b"<</F 5 0 R>>>>>>endobj 4 0 obj<<>>stream\\n20 150 m 280 150 l 20 125 m 280 125 l 20 100 m 280 100 l"
    ...        b" 20 150 m 20 100 l 150 150 m 150 100 l 280 150 m 280 100 l S BT /F 10 Tf 25 132 Td (Sasaran) Tj"
    ...        b" 130 0 Td (2029) Tj -130 -25 Td (Meningkatnya mutu) Tj 130 0 Td (72,5) Tj ET\\nendstream endobj"
    ...        b" 5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj trailer<</Root 1 0 R>>")
    >>> tables = []
    >>> text, _ = read_pdf(pdf, "tabel.pdf", tables=tables)
    >>> print(text)
    Sasaran | 2029
    Meningkatnya mutu | 72,5
    >>> tables[0].texts()
    [['Sasaran', '2029'], ['Meningkatnya mutu', '72,5']]
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from janji.document import Cell, Table
from janji.lang import lazy
from janji.lang.words import join_wrapped
from janji.read.tables import RowWriter, cell_text

MIN_RULES = 3  # rules across and down a page needs at least, to hold a table of two rows and two columns
MIN_RULE = 6.0  # points: shorter strokes are underlines of words, bullets, glyph parts
MAX_PATHS = 20_000  # a page drawn with more paths than this is a drawing, not a table
_NEAR = 3.0  # points: column boundaries this close are the same
_LINE_BREAK = lazy.compile("\r\n|[\r\n]")


@dataclass
class _Found:
    page: int
    top: float  # the table's top and bottom, pdfium's coordinates (up is larger)
    bottom: float
    x0: float
    x1: float
    columns: list[float]  # the x of each column's left edge
    rows: list[list[Cell]]
    first: int  # index, in the page's lines, where its rows go
    before: bool  # nothing but the table's own lines above it on its page
    after: bool  # nothing below it on its page


class _Page:
    """What pdfplumber's table finder asks of a page when it is given the edges (its ``explicit`` strategy)."""

    def __init__(self, width: float, height: float) -> None:
        self.bbox = (0, 0, width, height)


def find_tables(pdf, pages: list[list]) -> tuple[list[list], list[Table]]:
    """The pages' lines with each ruled table's lines replaced by one line per row, and the tables' grids.

    ``pages`` are the lines of each page (:class:`janji.read.pdf.Line`); the row lines carry their cells
    (``Line.cells``) so the layout can give each cell its span in the text.
    """
    found: list[_Found] = []
    for index, lines in enumerate(pages):
        if not lines:
            continue
        page = pdf[index]
        try:
            rules = _rules(page)
            if rules is not None:
                found.extend(_page_tables(page, index, lines, rules))
        except (pdfium.PdfiumError, ValueError, TypeError, IndexError, KeyError, ZeroDivisionError):
            continue  # a page whose drawing cannot be taken apart into cells keeps its loose lines
        finally:
            page.close()
    if not found:
        return pages, []
    return _lay(pages, _join(found))


def _rules(page) -> list[tuple[float, float, float, float]] | None:
    """The straight strokes across and down the page (x0, y0, x1, y1 in PDF units; cell borders drawn as thin
    rectangles give their edges), or None when there are too few for a table."""
    out: list[tuple[float, float, float, float]] = []
    objects = [pdfium_c.FPDFPage_GetObject(page.raw, k) for k in range(pdfium_c.FPDFPage_CountObjects(page.raw))]
    paths = [obj for obj in objects if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH]
    if not paths or len(paths) > MAX_PATHS:
        return None
    for obj in paths:
        out.extend(_strokes(obj))
    across = sum(1 for x0, y0, x1, y1 in out if abs(y1 - y0) < 0.5)
    if across < MIN_RULES or len(out) - across < MIN_RULES:
        return None
    return out


def _strokes(obj) -> list[tuple[float, float, float, float]]:
    """The straight, level or upright segments of one path object, in page coordinates."""
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, int, bool]] = []
    for k in range(min(pdfium_c.FPDFPath_CountSegments(obj), 400)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            return []
        px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
        points.append((px, py, pdfium_c.FPDFPathSegment_GetType(seg), bool(pdfium_c.FPDFPathSegment_GetClose(seg))))
    out = []
    start = None
    prev = None
    for px, py, kind, close in points:
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or prev is None:
            start = prev = (px, py)
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO:
            out.append((*prev, px, py))
        prev = (px, py)
        if close and start is not None:
            out.append((px, py, *start))
            prev = start
    strokes = []
    for x0, y0, x1, y1 in out:
        if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= MIN_RULE:
            strokes.append((min(x0, x1), y0, max(x0, x1), y0))
        elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= MIN_RULE:
            strokes.append((x0, min(y0, y1), x0, max(y0, y1)))
    return strokes


def _page_tables(page, index: int, lines: list, rules) -> list[_Found]:
    from pdfplumber.table import TableFinder

    height = page.get_height()
    edges = []
    for x0, y0, x1, y1 in rules:  # pdfplumber measures from the top of the page
        top, bottom = height - y1, height - y0
        edges.append({"object_type": "line_edge", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                      "width": x1 - x0, "height": bottom - top, "orientation": "h" if y0 == y1 else "v"})
    finder = TableFinder(_Page(page.get_width(), height), {
        "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
        "explicit_vertical_lines": [e for e in edges if e["orientation"] == "v"],
        "explicit_horizontal_lines": [e for e in edges if e["orientation"] == "h"]})
    textpage = page.get_textpage()
    out = []
    try:
        for table in finder.tables:
            rows = table.rows
            columns = sorted({cell[0] for cell in table.cells})
            if len(rows) < 2 or len(columns) < 2:
                continue
            grid = _grid(table, columns, lambda box: _cell_text(textpage, box, height))
            if not any(c.text for row in grid for c in row):
                continue
            x0, top, x1, bottom = table.bbox
            inside = [k for k, line in enumerate(lines)
                      if x0 - 2 <= (line.x0 + line.x1) / 2 <= x1 + 2 and top - 2 <= height - line.y <= bottom + 2]
            if not inside:
                continue
            rest = [line for k, line in enumerate(lines) if k not in set(inside)]
            out.append(_Found(page=index, top=height - top, bottom=height - bottom, x0=x0, x1=x1, columns=columns,
                              rows=grid, first=inside[0],
                              before=not any(height - line.y < top for line in rest),
                              after=not any(height - line.y > bottom for line in rest)))
    finally:
        textpage.close()
    return out


def _cell_text(textpage, box, height: float) -> str:
    """pdfium's text inside a cell's box (pdfplumber's top-down box), its lines joined as wrapped text."""
    x0, top, x1, bottom = box
    text = textpage.get_text_bounded(left=x0 + 1, bottom=height - bottom + 1, right=x1 - 1, top=height - top - 1)
    return _one_line(text.replace("\ufffe", "-\n"))


def _grid(table, columns: list[float], text_of) -> list[list[Cell]]:
    """One Cell per cell the finder made, at every row and column its box covers."""
    by_box = {box: Cell(text_of(box)) for box in dict.fromkeys(table.cells)}
    tops = [row.bbox[1] for row in table.rows]
    grid = []
    for top in tops:
        line = []
        for x in columns:
            box = next((b for b in by_box if b[0] <= x + _NEAR and b[2] > x + _NEAR and b[1] <= top + _NEAR
                        and b[3] > top + _NEAR), None)
            line.append(by_box[box] if box is not None else Cell(""))
        grid.append(line)
    return grid


def _one_line(text: str) -> str:
    """A cell's lines joined as wrapped text (hyphenation undone)."""
    out = ""
    for part in _LINE_BREAK.split(text):
        part = cell_text(part)
        if part:
            out = join_wrapped(out, part) if out else part
    return out


def _join(found: list[_Found]) -> list[_Found]:
    """A table that ends its page and one that starts the next, with the same columns, are one table."""
    out: list[_Found] = []
    for table in found:
        prev = out[-1] if out else None
        if prev is not None and table.page == prev.page + 1 and prev.after and table.before \
                and len(table.columns) == len(prev.columns) \
                and all(abs(a - b) <= _NEAR for a, b in zip(table.columns, prev.columns)):
            header = [[c.text for c in row] for row in prev.rows[:3]]
            rows = table.rows
            k = 0
            while k < len(rows) and k < len(header) and [c.text for c in rows[k]] == header[k]:
                k += 1  # the header, repeated on the new page
            prev.rows.extend(rows[k:])
            table.rows = []
            table.columns = []  # keeps its place on its page, for lines, but holds no rows of its own
            out.append(table)
            continue
        out.append(table)
    return out


def _lay(pages: list[list], found: list[_Found]) -> tuple[list[list], list[Table]]:
    """Replace each table's loose lines by its row lines, where the table stood on its page."""
    from janji.read.pdf import Line

    tables: list[Table] = []
    writers: dict[int, tuple[Table, RowWriter]] = {}
    by_page: dict[int, list[_Found]] = {}
    owner: _Found | None = None
    for table in found:
        by_page.setdefault(table.page, []).append(table)
        if table.rows:
            owner = table
            grid = Table([list(row) for row in table.rows])
            tables.append(grid)
            writers[id(table)] = (grid, RowWriter())
        elif owner is not None:
            writers[id(table)] = writers[id(owner)]
    out = []
    for index, lines in enumerate(pages):
        here = by_page.get(index)
        if not here:
            out.append(lines)
            continue
        dropped = set()
        for table in here:
            for k, line in enumerate(lines):
                mid = (line.x0 + line.x1) / 2
                if table.x0 - 2 <= mid <= table.x1 + 2 and table.bottom - 2 <= line.y <= table.top + 2:
                    dropped.add(k)
        new = []
        size = _body_size(lines)
        for k, line in enumerate(lines):
            for table in here:
                if table.first == k:
                    new.extend(_row_lines(table, writers, index, size, Line))
            if k not in dropped:
                new.append(line)
        out.append(new)
    return out, tables


def _row_lines(table: _Found, writers, page: int, size: float, Line) -> list:
    if not table.rows:
        return []  # the part of a table joined to the one before it: written with that one
    grid, writer = writers[id(table)]
    rows = grid.rows
    out = []
    step = (table.top - table.bottom) / max(len(rows), 1)
    for r, row in enumerate(rows):
        text, parts = writer.line(row)
        if text:
            out.append(Line(text=text, x0=table.x0, x1=table.x1, y=table.top - step * (r + 1), size=size, page=page,
                            cells=parts))
    return out


def _body_size(lines: list) -> float:
    sizes = sorted(line.size for line in lines if line.size)
    return sizes[len(sizes) // 2] if sizes else 10.0
