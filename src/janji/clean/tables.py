"""Keep the tables' cell spans in step with the text while the clean stage edits it.

Cleaning normalises characters and removes lines of furniture, so offsets into
the read text move. Each cell's text, normalised the same way, is found again in
the cleaned text, in reading order and close to where it was; a cell whose line
was removed loses its span.

Example:

    >>> from janji.document import Cell, Table
    >>> old = "Baca juga: Lain\\nNo | Tujuan"
    >>> table = Table([[Cell("No", (16, 18)), Cell("Tujuan", (21, 27))]])
    >>> follow([table], old, "No | Tujuan")
    >>> [c.span for c in table.cells()]
    [(0, 2), (5, 11)]
"""
from __future__ import annotations

from janji.clean.whitespace import normalize
from janji.document import Table

_SLACK = 64  # characters a cleaned stretch may grow by (a tab indenting a line becomes two spaces)


def follow(tables: list[Table], old: str, new: str) -> None:
    """Move every cell span of ``tables`` from ``old`` (the text as read) to ``new`` (the cleaned text)."""
    if old == new:
        return
    cursor, old_cursor = 0, 0
    for table in tables:
        for cell in table.cells():
            start, end = cell.span
            needle = normalize(old[start:end]).strip()
            pos = new.find(needle, cursor) if needle else -1
            if pos < 0 or pos - cursor > max(0, start - old_cursor) + _SLACK:
                cell.span = None  # its line was removed as furniture
                continue
            cell.text = needle
            cell.span = (pos, pos + len(needle))
            cursor, old_cursor = pos + len(needle), end
