"""CSV and XLSX downloads of item lists (region and search pages) and of a region's Janji vs RPJMD table.

The files are written by :mod:`janji.sheets`, which keeps formula-like cells
(an item text starting with ``=``) from running in a spreadsheet.
"""
from __future__ import annotations

from typing import Any, Iterable

from janji import sheets

COLUMNS = ["id", "wilayah", "tahun", "pasangan", "jenis", "label", "teks", "bidang_urusan", "sdg",
           "target", "terukur", "dokumen"]


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
    return sheets.csv_bytes(COLUMNS, to_rows(items))


def xlsx_bytes(items: Iterable[dict[str, Any]], title: str = "janji") -> bytes:
    return sheets.xlsx_bytes(COLUMNS, to_rows(items), title)


ALIGNMENT_COLUMNS = ["no", "janji", "jenis", "butir_rencana", "kecocokan", "skor", "alasan", "sumber_janji",
                     "sumber_rencana"]


def alignment_rows(data: dict[str, Any]) -> list[list[Any]]:
    """One row per promise, as a Bappeda planner pastes it into a report (promise, kind, plan item, match, score;
    then the reason and the sources); the plan items no promise reaches follow, with no promise."""
    al = data.get("alignment") or {}
    docs = al.get("documents") or {}
    names = {d["id"]: d.get("title") or d["name"] for d in [*(docs.get("campaign") or []), docs.get("plan") or {}]
             if d.get("id")}

    def source(doc_id) -> str:
        return names.get(doc_id, f"dokumen {doc_id}")

    rows = []
    for n, row in enumerate(al.get("rows") or [], start=1):
        plan = row["plan"]
        rows.append([n, row["campaign"]["text"], row["campaign"].get("kind_label") or row["campaign"]["kind"],
                     "; ".join(p["text"] for p in plan), row.get("match_label") or row["match"],
                     round(row["score"], 2) if row.get("score") is not None else "", row.get("why") or "",
                     source(row["campaign"]["document_id"]),
                     "; ".join(dict.fromkeys(source(p["document_id"]) for p in plan))])
    for a in al.get("added") or []:
        rows.append(["", "", "", a["text"], "ditambahkan rencana", "", "tidak ada janji kampanye yang dimuatnya",
                     "", source(a["document_id"])])
    return rows


def table_bytes(header: list[str], rows: list[list[Any]], fmt: str, title: str = "janji") -> bytes:
    """CSV (UTF-8 with BOM) or XLSX of plain rows (see :mod:`janji.sheets`)."""
    return sheets.table_bytes(header, rows, fmt, title)
