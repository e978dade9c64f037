"""CSV and XLSX downloads of item lists (region and search pages).

Cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``
first) are prefixed with an apostrophe: item texts come from documents anyone
may upload, and journalists open these files in Excel.
"""
from __future__ import annotations

import csv
import io
from typing import Any, Iterable

COLUMNS = ["id", "wilayah", "tahun", "pasangan", "jenis", "label", "teks", "bidang_urusan", "sdg",
           "target", "terukur", "dokumen"]


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_rows(items: Iterable[dict[str, Any]]) -> list[list[Any]]:
    """Flatten item dicts (as returned by the query layer) into export rows."""
    rows = []
    for it in items:
        rows.append([
            it.get("id"),
            it.get("region_name") or "",
            it.get("year") or "",
            it.get("candidate_name") or "",
            it.get("kind_label") or it.get("kind") or "",
            it.get("label") or "",
            it.get("text") or "",
            "; ".join(it.get("sectors") or []),
            "; ".join(str(s) for s in it.get("sdgs") or []),
            "; ".join(q.get("text") or f"{q.get('value')} {q.get('unit', '')}".strip() for q in it.get("quantities") or []),
            {True: "ya", False: "tidak"}.get(it.get("measurable"), ""),
            it.get("document_name") or "",
        ])
    return rows


def csv_bytes(items: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for row in to_rows(items):
        writer.writerow([_safe(v) for v in row])
    # BOM so Excel opens UTF-8 (Indonesian names with diacritics) correctly.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def xlsx_bytes(items: Iterable[dict[str, Any]], title: str = "janji") -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(title))
    ws.append(COLUMNS)
    for row in to_rows(items):
        ws.append([_safe(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_title(title: str) -> str:
    bad = set('[]:*?/\\')
    clean = "".join(c for c in title if c not in bad).strip() or "janji"
    return clean[:31]
