"""Ruled tables of a PDF (pdfplumber) as grids, their rows as lines of the page.

pdfium gives the text of a table as loose lines, cell by cell, that read as
nonsense; the rules drawn between the cells say which text is in which row and
column. Only pages with enough ruling drawn on them (counted on pdfium's page
objects, which is cheap) are handed to pdfplumber, whose table finder joins the
rules into cells. Each table found becomes:

- a grid of :class:`janji.document.Cell`, a cell merged over several rows or
  columns being one object at every position it covers;
- lines of the page, one per row, written as every reader writes table rows
  (:mod:`janji.read.tables`), standing where the table's own text stood.

A table that runs on at the top of the next page, with the same columns, is one
table; its header row, repeated on the new page, is dropped there.

Example:

    >>> pages, tables = find_tables(raw, pages)  # doctest: +SKIP
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from janji.document import Cell, Table
from janji.lang.words import join_wrapped
from janji.read.tables import RowWriter, cell_text

# A page needs this many thin path objects (rules, or cell borders drawn as rectangles) to be worth a look.
MIN_RULES = 6
_THIN = 3.0  # points: a rule is a path this thin in one direction
_NEAR = 3.0  # points: column boundaries this close are the same


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


def find_tables(raw: bytes, pdf, pages: list[list]) -> tuple[list[list], list[Table]]:
    """The pages' lines with each ruled table's lines replaced by one line per row, and the tables' grids.

    ``pages`` are the lines of each page (:class:`janji.read.pdf.Line`); the row lines carry their cells
    (``Line.cells``) so the layout can give each cell its span in the text.
    """
    ruled = [i for i in range(len(pages)) if pages[i] and _ruled(pdf, i)]
    if not ruled:
        return pages, []
    try:
        import pdfplumber

        plumber = pdfplumber.open(io.BytesIO(raw))
    except Exception:  # pdfminer refusing a file pdfium reads: the text is still there, as loose lines
        return pages, []
    found: list[_Found] = []
    try:
        for index in ruled:
            try:
                found.extend(_page_tables(plumber.pages[index], pdf, index, pages[index]))
            except Exception:  # one page pdfminer cannot parse keeps its loose lines
                continue
    finally:
        plumber.close()
    if not found:
        return pages, []
    return _lay(pages, _join(found))


def _ruled(pdf, index: int) -> bool:
    """Does the page have rules drawn on it: enough thin paths, some across and some down?"""
    page = pdf[index]
    try:
        across = down = 0
        for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
            obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
            if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            left, bottom, right, top = (pdfium_c.FS_FLOAT() for _ in range(4))
            if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            width, height = right.value - left.value, top.value - bottom.value
            if height <= _THIN < width:
                across += 1
            elif width <= _THIN < height:
                down += 1
            elif width > _THIN and height > _THIN:
                across += 1  # a cell drawn as a rectangle has rules both ways
                down += 1
            if across + down >= MIN_RULES and across >= 2 and down >= 2:
                return True
        return False
    except pdfium.PdfiumError:
        return False
    finally:
        page.close()


def _page_tables(page, pdf, index: int, lines: list) -> list[_Found]:
    left, _, _, top_edge = pdf[index].get_mediabox()
    mx, mtop = page.mediabox[0], page.mediabox[1]

    def down(y: float) -> float:  # pdfium's y -> pdfplumber's distance from the top
        return top_edge - y + mtop

    out = []
    for table in page.find_tables():
        rows = table.rows
        columns = sorted({cell[0] for cell in table.cells})
        if len(rows) < 2 or len(columns) < 2:
            continue
        texts = table.extract()
        grid = _grid(table, rows, columns, texts)
        if not any(c.text for row in grid for c in row):
            continue
        x0, top, x1, bottom = table.bbox
        inside = [k for k, line in enumerate(lines)
                  if x0 - 2 <= (line.x0 + line.x1) / 2 - left + mx <= x1 + 2 and top - 2 <= down(line.y) <= bottom + 2]
        if not inside:
            continue
        first = inside[0]
        rest = [line for k, line in enumerate(lines) if k not in set(inside)]
        out.append(_Found(page=index, top=top_edge - (top - mtop), bottom=top_edge - (bottom - mtop),
                          x0=x0 - mx + left, x1=x1 - mx + left, columns=[c - mx + left for c in columns], rows=grid,
                          first=first,
                          before=not any(down(line.y) < top for line in rest),
                          after=not any(down(line.y) > bottom for line in rest)))
    return out


def _grid(table, rows, columns: list[float], texts: list[list[str | None]]) -> list[list[Cell]]:
    """One Cell per cell pdfplumber found, at every row and column its box covers."""
    by_box: dict[tuple, Cell] = {}
    for r, row in enumerate(rows):
        for c, box in enumerate(row.cells):
            if box is not None and box not in by_box:
                text = texts[r][c] if r < len(texts) and c < len(texts[r]) else None
                by_box[box] = Cell(_one_line(text or ""))
    tops = [row.bbox[1] for row in rows]
    grid = []
    for r, top in enumerate(tops):
        line = []
        for c, x in enumerate(columns):
            box = next((b for b in by_box if b[0] <= x + _NEAR and b[2] > x + _NEAR and b[1] <= top + _NEAR
                        and b[3] > top + _NEAR), None)
            line.append(by_box[box] if box is not None else Cell(""))
        grid.append(line)
    return grid


def _one_line(text: str) -> str:
    """A cell's lines joined as wrapped text (hyphenation undone)."""
    out = ""
    for part in text.split("\n"):
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
