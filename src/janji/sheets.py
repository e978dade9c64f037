"""The one spreadsheet writer: CSV (UTF-8 with a BOM, so Excel reads Indonesian names right) and XLSX.

Every export that a person may open in Excel or LibreOffice goes through here —
``janji export``, the portal's downloads, tracking's scorecards and audit log,
the Janji vs RPJMD table — because item texts come from documents anyone may
upload, and a cell such as ``=HYPERLINK("http://…","klik")`` must never run as
a formula on a journalist's machine:

- CSV has no types, so a text cell that a spreadsheet would read as a formula
  (first character ``=``, ``+``, ``-``, ``@``, a tab or a line break, also after
  leading spaces) gets an apostrophe in front (:func:`defuse`), the usual
  guard; :func:`undefuse` takes it off again when such a file is read back.
- XLSX has types: every text is written as a string cell, never a formula,
  so the text stays exactly as it was.

Example:

    >>> defuse('=HYPERLINK("http://contoh.id","klik")')
    '\\'=HYPERLINK("http://contoh.id","klik")'
    >>> defuse("-5"), defuse(-5), defuse("Jalan desa 10 km")
    ("'-5", -5, 'Jalan desa 10 km')
"""
from __future__ import annotations

import csv
import io
import re
from typing import IO, Any, Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
BOM = "\ufeff"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# characters an XLSX file cannot hold (openpyxl refuses them): control characters but tab and line breaks
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def formula_like(value: Any) -> bool:
    """Whether a spreadsheet could read ``value`` (a CSV cell) as a formula."""
    if not isinstance(value, str) or not value:
        return False
    return value[0] in FORMULA_START or value.lstrip(" ")[:1] in FORMULA_START


def defuse(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs: formula-like text gets a leading apostrophe; others unchanged."""
    return "'" + value if formula_like(value) else value


def undefuse(value: Any) -> Any:
    """The inverse of :func:`defuse`, for files this module wrote and people send back (imports)."""
    if isinstance(value, str) and value.startswith("'") and formula_like(value[1:]):
        return value[1:]
    return value


# --- CSV ------------------------------------------------------------------------------------------------------------

def write_csv(fh: IO[str], header: list[str] | None, rows: Iterable[Iterable[Any]], *, bom: bool = True) -> None:
    """Write ``header`` and ``rows`` to the text stream ``fh`` (opened with ``newline=""``), cells defused."""
    if bom:
        fh.write(BOM)
    writer = csv.writer(fh)
    if header is not None:
        writer.writerow(header)
    for row in rows:
        writer.writerow([defuse(v) for v in row])


def csv_bytes(header: list[str] | None, rows: Iterable[Iterable[Any]]) -> bytes:
    buf = io.StringIO()
    write_csv(buf, header, rows)
    return buf.getvalue().encode("utf-8")


# --- XLSX -----------------------------------------------------------------------------------------------------------

def text_cell(ws, value: Any):
    """What to append to the worksheet ``ws`` for ``value``: text as a string cell (never a formula),
    anything else as it is."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=_ILLEGAL_XLSX.sub("", value))
    cell.data_type = "s"  # openpyxl would store "=…" as a formula
    return cell


def append(ws, row: Iterable[Any]) -> None:
    """``ws.append(row)`` with every text a string cell (works on normal and write-only worksheets)."""
    ws.append([text_cell(ws, v) for v in row])


def sheet_title(title: str, used: set[str] | None = None, fallback: str = "janji") -> str:
    """A worksheet name Excel accepts (no ``[]:*?/\\``, at most 31 characters), unique within ``used``."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or fallback
    if used is None:
        return base
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[:31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def xlsx_bytes(header: list[str] | None, rows: Iterable[Iterable[Any]], title: str = "janji") -> bytes:
    """One worksheet: ``header`` then ``rows``."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title(title))
    if header is not None:
        append(ws, header)
    for row in rows:
        append(ws, row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_bytes(header: list[str] | None, rows: Iterable[Iterable[Any]], fmt: str, title: str = "janji") -> bytes:
    """``rows`` as ``fmt`` (``"csv"`` or ``"xlsx"``)."""
    if fmt == "xlsx":
        return xlsx_bytes(header, rows, title)
    if fmt == "csv":
        return csv_bytes(header, rows)
    raise ValueError(f"format lembar kerja tidak dikenal: {fmt} (csv atau xlsx)")


def media_type(fmt: str) -> str:
    return XLSX_MEDIA_TYPE if fmt == "xlsx" else CSV_MEDIA_TYPE
