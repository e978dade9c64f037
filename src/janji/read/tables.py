"""Tables as every reader writes them: a grid of cells, each row one line of text.

A row is written as one line, its cells joined by " | " (a row whose first cell
is a number, "1 | Jalan | 5 km", is written as a list entry: "1. Jalan | 5 km").
A merged cell is written once, in the first row and column it covers; empty
cells are left out. The grid itself (:class:`janji.document.Table`) keeps every
column, so a later stage can still tell which column a cell stands in; each
cell's ``span`` says where its text stands in the document's text.

Example:

    >>> from janji.document import Cell
    >>> merged = Cell("Meningkatnya mutu layanan")
    >>> rows = [[Cell("1"), merged, Cell("Angka Harapan Hidup")], [Cell(""), merged, Cell("Rata-rata Lama Sekolah")]]
    >>> writer = RowWriter()
    >>> [writer.line(row)[0] for row in rows]
    ['1. Meningkatnya mutu layanan | Angka Harapan Hidup', 'Rata-rata Lama Sekolah']
"""
from __future__ import annotations


from janji.document import Cell, Table
from janji.lang import lazy

SEPARATOR = " | "
_ROW_NUMBER = lazy.compile(r"\d{1,3}\.?|[a-zA-Z][.)]")
_SPACES = lazy.compile(r"\s+")


def cell_text(text: str) -> str:
    """A cell's text on one line: runs of spaces and line breaks as one space."""
    return _SPACES.sub(" ", text).strip()


class RowWriter:
    """Writes the rows of one table as lines; remembers which merged cells were written already."""

    def __init__(self) -> None:
        self._written: set[int] = set()

    def line(self, row: list[Cell]) -> tuple[str, list[tuple[Cell, int]]]:
        """The line for ``row`` ("" if it has nothing new to say) and the offset of each written cell in it."""
        cells = []
        for cell in row:
            if id(cell) in self._written or not cell.text:
                continue
            self._written.add(id(cell))
            cells.append(cell)
        if not cells:
            return "", []
        parts: list[tuple[Cell, int]] = []
        out = ""
        if len(cells) > 1 and _ROW_NUMBER.fullmatch(cells[0].text):
            # a numbered row reads as a list entry, as it always has: "1. Jalan | 5 km"
            cells[0].text = cells[0].text.rstrip(".)")
            parts.append((cells[0], 0))
            out = cells[0].text + ". "
            cells = cells[1:]
        for k, cell in enumerate(cells):
            if k:
                out += SEPARATOR
            parts.append((cell, len(out)))
            out += cell.text
        return out, parts


def place(parts: list[tuple[Cell, int]], line_start: int) -> None:
    """Set the spans of a written row's cells, now that its line starts at ``line_start`` of the text."""
    for cell, offset in parts:
        cell.span = (line_start + offset, line_start + offset + len(cell.text))


def worth_keeping(table: Table) -> bool:
    """Two rows and two columns at least: one cell alone, or one line of cells, is no table to read."""
    return len(table.rows) >= 2 and max((len(r) for r in table.rows), default=0) >= 2 \
        and any(cell.text for row in table.rows for cell in row)


def grid(rows: list[list[tuple[str, int, int, bool]]]) -> list[list[Cell]]:
    """The grid of a table given row by row as (text, columns spanned, rows spanned, continues) per cell.

    ``continues`` marks a cell that carries on the merged cell above it (Word's ``vMerge``); ``rows spanned``
    is HTML's ``rowspan``. Short rows are padded with empty cells.
    """
    out: list[list[Cell]] = []
    pending: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows it still covers below) from rowspan
    for row in rows:
        line: list[Cell] = []

        def fill_pending() -> None:
            while len(line) in pending:
                cell, left = pending.pop(len(line))
                line.append(cell)
                if left > 1:
                    pending[len(line) - 1] = (cell, left - 1)

        for text, across, down, continues in row:
            fill_pending()
            column = len(line)
            above = out[-1][column] if continues and out and column < len(out[-1]) else None
            cell = above if above is not None else Cell(cell_text(text))
            for k in range(max(1, across)):
                line.append(cell)
                if down > 1:
                    pending[column + k] = (cell, down - 1)
        fill_pending()
        while pending and max(pending) >= len(line):  # a rowspan further right, past this row's own cells
            line.append(Cell(""))
            fill_pending()
        out.append(line)
    width = max((len(r) for r in out), default=0)
    for line in out:
        while len(line) < width:
            line.append(Cell(""))
    return out
