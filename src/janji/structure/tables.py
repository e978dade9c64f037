"""Planning tables (``Document.tables``) -> items: a misi row, its tujuan, their sasaran, their programs.

A table is a planning table when its header names the columns of a plan
(:func:`janji.lang.tables.column_role`): at least one column of items (Misi,
Tujuan, Sasaran, Program, Kegiatan) and either a second one or an indicator or
target column. Its rows are read top-down the way a planner reads them:

- a new text in an item column starts an item under the current item of the
  columns to its left; an empty or merged cell (the same text carried on) keeps
  the item above, and a new item leaves the columns to its right empty;
- an indicator row becomes no item: its target for the period's last year (the
  "Kondisi Akhir" column, or the latest year that has a value) is an
  :class:`janji.document.Indicator` of the row's deepest item, which the
  quantities stage reads into quantities; a pagu column does the same for the
  budget;
- a header row repeated further down (a table continued on the next page) is
  skipped, and a table that goes on in a second table with the same header (or
  with no header, right after it) goes on with the same items.

Every item's span is its cell's span in the text. The lines of a planning table
are left out of the line-by-line reading of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from janji.document import Cell, Indicator, Item, Table
from janji.lang import lazy
from janji.lang.tables import ITEM_ROLES, Column, column_number, column_role, empty_value

MAX_HEADER_ROWS = 4
# "1.", "1.2", "a)", "Misi 2:", "Tujuan 1.1 –": the label a planner writes before an item in its cell
CELL_LABEL = lazy.compile(r"^(?:(?:misi|tujuan|sasaran|program)\s+(?:ke-?\s*)?(?=[\dIVX]))?"
                        r"(?P<label>\d{1,2}(?:\.\d{1,2}){1,3}|\d{1,2}(?=[.):])|[a-zA-Z](?=[.)])|[IVX]{1,4}(?=[.)]))"
                        r"[.)]?\s*[:.)–-]?\s+(?=\S)", re.IGNORECASE)


@dataclass
class Planned:
    """The items read from one planning table, and the stretch of text its rows stand in."""

    start: int
    end: int
    items: list[Item]
    has_missions: bool


@dataclass
class _Reading:
    """Where the reading of a planning table stands; a table continued in the next one goes on from it."""

    columns: list[Column | None]
    header: list[tuple[str, ...]]
    current: dict[int, Item | None] = field(default_factory=dict)
    cells: dict[int, Cell] = field(default_factory=dict)
    measured: set[int] = field(default_factory=set)


def plan_tables(tables: list[Table], text: str) -> list[Planned]:
    """The planning tables among ``tables`` read into items (in text order)."""
    out: list[Planned] = []
    last: _Reading | None = None
    for table in tables:
        cells = table.cells()
        if not cells:
            continue
        start = text.rfind("\n", 0, cells[0].span[0]) + 1
        end = text.find("\n", cells[-1].span[1])
        end = len(text) if end < 0 else end
        header = _header(table.rows)
        goes_on = last is not None and out and not text[out[-1].end:start].strip()
        if header is not None:
            skip, columns = header
            texts = [_texts(row) for row in table.rows[:skip]]
            if goes_on and last.columns == columns:
                reading = last  # the same table on, its header repeated
            else:
                reading = _Reading(columns, texts) if _planning(columns) else None
                goes_on = False
            rows = table.rows[skip:]
        elif goes_on and len(table.rows[0]) == len(last.columns):
            reading, rows = last, table.rows
        else:
            reading = None
        if reading is None:
            last = None
            continue
        top = _read_rows(reading, rows)
        if goes_on:
            out[-1].end = end
            out[-1].items.extend(top)
        else:
            out.append(Planned(start, end, top, "mission" in {c.role for c in reading.columns if c}))
        last = reading
    return out


def _texts(row: list[Cell]) -> tuple[str, ...]:
    return tuple(" ".join(c.text.lower().split()) for c in row)


def _header(rows: list[list[Cell]]) -> tuple[int, list[Column | None]] | None:
    """How many rows the header takes (title and column-number rows included) and each column's role."""
    k = 0
    while k < min(2, len(rows)) and len({id(c) for c in rows[k] if c.text}) == 1 \
            and column_role(next(c.text for c in rows[k] if c.text)) is None:
        k += 1  # a title written across the table
    first = k
    while k < len(rows) and k - first < MAX_HEADER_ROWS and _is_header_row(rows[k]):
        k += 1
    if k == first:
        return None
    while k < len(rows) and all(column_number(c.text) for c in rows[k] if c.text) and any(c.text for c in rows[k]):
        k += 1  # "(1) | (2) | (3)": the columns numbered under the header
    width = len(rows[first])
    names = [""] * width
    for r in range(first, k):
        row = rows[r]
        if all(column_number(c.text) for c in row if c.text):
            continue
        for c in range(width):
            text = row[c].text if c < len(row) else ""
            below = any(rows[q][c].text for q in range(r + 1, k) if c < len(rows[q]))
            if not text and c and below and r == first:
                text = row[c - 1].text  # an empty cell right of a merged heading ("Target" over the years)
            if text and text not in names[c].split(" / "):
                names[c] = f"{names[c]} / {text}" if names[c] else text
    columns = [column_role(name.replace(" / ", " ")) if name else None for name in names]
    for c in range(1, width):
        if columns[c] is None and not names[c] and columns[c - 1] is not None \
                and columns[c - 1].role in ("target", "budget"):
            columns[c] = columns[c - 1]
    return k, columns


def _is_header_row(row: list[Cell]) -> bool:
    texts = {c.text for c in row if c.text}
    return bool(texts) and all(column_role(t) is not None or column_number(t) for t in texts) \
        and any(column_role(t) is not None for t in texts)


def _planning(columns: list[Column | None]) -> bool:
    roles = [c.role for c in columns if c]
    items = sum(1 for r in roles if r in ITEM_ROLES)
    return items >= 1 and (items >= 2 or any(r in ("indicator", "target", "budget") for r in roles))


def _read_rows(reading: _Reading, rows: list[list[Cell]]) -> list[Item]:
    columns = reading.columns
    item_columns = [c for c, col in enumerate(columns) if col and col.role in ITEM_ROLES]
    number_column = next((c for c, col in enumerate(columns) if col and col.role == "number"), None)
    top: list[Item] = []
    for row in rows:
        if len(row) != len(columns) or not any(c.text for c in row) or _is_header_row(row) \
                or all(column_number(c.text) for c in row if c.text):
            continue  # a header repeated where the table goes on (a new page), the columns' numbers
        new_from = None
        for depth, c in enumerate(item_columns):
            cell = row[c]
            same = reading.cells.get(c) is cell
            current = reading.current.get(c)
            if new_from is not None and depth > new_from and (same or not cell.text):
                reading.current[c] = None  # a new item above: nothing here in this row
                continue
            if same or not cell.text or cell.span is None or \
                    (current is not None and _plain(cell.text) == current.text.lower() and new_from is None):
                continue
            label, body_start = _label(cell.text)
            body = cell.text[body_start:]
            if not re.search(r"[^\W\d_]", body):
                continue
            if label is None and new_from is None and number_column is not None and number_column < c:
                number = row[number_column]
                if number.text and reading.cells.get(number_column) is not number:
                    label = number.text.rstrip(".")
            item = Item(kind=columns[c].role, text=" ".join(body.split()), label=label,
                        span=(cell.span[0] + body_start, cell.span[1]))
            parent = next((reading.current[p] for p in reversed(item_columns[:depth]) if reading.current.get(p)), None)
            (parent.children if parent is not None else top).append(item)
            reading.current[c] = item
            reading.cells[c] = cell
            for deeper in item_columns[depth + 1:]:
                reading.current[deeper] = None
                reading.cells.pop(deeper, None)
            new_from = depth if new_from is None else new_from
        if number_column is not None:
            reading.cells[number_column] = row[number_column]
        _measures(reading, row, item_columns)
    return top


def _plain(text: str) -> str:
    return " ".join(text[_label(text)[1]:].lower().split())


def _label(text: str) -> tuple[str | None, int]:
    m = CELL_LABEL.match(text)
    return (m.group("label"), m.end()) if m else (None, 0)


def _measures(reading: _Reading, row: list[Cell], item_columns: list[int]) -> None:
    """The targets and budgets of one row, as indicators of the row's deepest item left of them."""
    columns = reading.columns
    groups: list[tuple[int | None, list[int]]] = []  # (indicator column or None, measure columns)
    for c, col in enumerate(columns):
        if col is None:
            continue
        if col.role == "indicator":
            groups.append((c, []))
        elif col.role in ITEM_ROLES:
            groups.append((None, []))
        elif col.role in ("target", "budget", "unit") and groups:
            groups[-1][1].append(c)
    for indicator, measures in groups:
        if not measures:
            continue
        first = indicator if indicator is not None else measures[0]
        owner = next((reading.current[c] for c in reversed(item_columns) if c < first and reading.current.get(c)),
                     None)
        if owner is None:
            continue
        name = row[indicator].text if indicator is not None else ""
        unit = next((row[c].text for c in measures if columns[c].role == "unit"), "")
        for role in ("target", "budget"):
            c = _final(row, columns, [c for c in measures if columns[c].role == role])
            if c is None or id(row[c]) in reading.measured:
                continue
            reading.measured.add(id(row[c]))
            owner.indicators.append(Indicator(name=name, target=row[c].text,
                                              unit=unit if role == "target" else columns[c].scale, span=row[c].span))


def _final(row: list[Cell], columns: list[Column | None], candidates: list[int]) -> int | None:
    """The column of the value for the period's end: a final column with a value, else the latest year with one."""
    filled = [c for c in candidates if row[c].span is not None and not empty_value(row[c].text)]
    if not filled:
        return None
    final = [c for c in filled if columns[c].final]
    if final:
        return final[-1]
    dated = [c for c in filled if columns[c].year is not None]
    if dated:
        return max(dated, key=lambda c: columns[c].year)
    return filled[-1]
