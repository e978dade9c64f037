"""Import and export: a region's promises as rows of a spreadsheet (CSV or XLSX) with their status, progress
and latest evidence, and the same layout read back as a bulk update — every row validated like a form,
all or nothing unless forced.
"""
from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy import select

from janji.errors import InputError
from janji.sheets import undefuse
from janji.store import models as sm
from janji.track import models as tm
from janji.track import statuses as st
from janji.track.core import PROMISE_KINDS, Actor, Core
from janji.track.errors import Conflict, Forbidden, Invalid, NotFound, TrackError
from janji.track.records import conflict_message, pair_name, state_dict
from janji.track.updates import Updates
from janji.track.validation import parse_number, validate_update

EXPORT_COLUMNS = ["id_butir", "wilayah", "pasangan", "jenis", "teks", "status", "nilai_capaian", "target", "satuan",
                  "tanggal_ukur", "url_bukti", "tanggal_bukti", "catatan", "versi"]


class Exchange:
    """A region's promises out to rows, and rows back in as updates."""

    def __init__(self, core: Core, updates: Updates):
        self.core = core
        self.updates = updates

    def export_rows(self, region_id: int) -> list[dict[str, Any]]:
        """One row per promise of a region in the round-trip layout (:data:`EXPORT_COLUMNS`)."""
        with self.core.session() as s:
            region = s.get(sm.Region, int(region_id))
            if region is None:
                raise NotFound(f"wilayah {region_id} tidak ditemukan")
            q = (select(sm.Item, tm.State, tm.Update, sm.Candidate)
                 .join(sm.Document, sm.Document.id == sm.Item.document_id)
                 .outerjoin(tm.State, tm.State.item_id == sm.Item.id)
                 .outerjoin(tm.Update, tm.Update.id == tm.State.update_id)
                 .outerjoin(sm.Candidate, sm.Candidate.id == sm.Item.candidate_id)
                 .where(sm.Document.region_id == region.id, sm.Document.superseded_by_id.is_(None),
                        sm.Item.kind.in_(PROMISE_KINDS))
                 .order_by(sm.Item.document_id, sm.Item.position))
            out = []
            for item, state, upd, cand in s.execute(q):
                out.append({
                    "id_butir": item.id, "wilayah": region.name, "pasangan": pair_name(cand) if cand else "",
                    "jenis": item.kind, "teks": item.text, "status": state.status if state else st.UNRATED,
                    "nilai_capaian": _num_cell(state.progress_value if state else None),
                    "target": _num_cell(state.progress_target if state else None),
                    "satuan": (state.progress_unit if state else None) or "",
                    "tanggal_ukur": state.measured_on.isoformat() if state and state.measured_on else "",
                    "url_bukti": (upd.evidence_url if upd else None) or "",
                    "tanggal_bukti": upd.evidence_date.isoformat() if upd and upd.evidence_date else "",
                    "catatan": (upd.note if upd else None) or "",
                    "versi": state.version if state else 0,
                })
            return out

    def import_rows(self, actor: Actor, rows: list[dict[str, Any]], *, force: bool = False,
                    source: str = "impor") -> dict[str, Any]:
        """Bulk update from rows in the export layout.

        A row whose status and progress equal the current ones is skipped. Every other row is validated
        like a form (evidence, dates, the ``versi`` it was exported at). With any error nothing is applied
        unless ``force`` (then the valid rows are). Returns ``{"applied", "unchanged", "errors": [{"row",
        "id_butir", "message"}], "entries"}``; rows are numbered as in a spreadsheet (header = row 1).
        """
        report: dict[str, Any] = {"applied": 0, "unchanged": 0, "errors": [], "entries": [], "source": source}
        plans = []
        with self.core.session() as s:
            for n, raw in enumerate(rows, start=2):
                row = {str(k).strip().lower(): ("" if v is None else v) for k, v in raw.items() if k is not None}
                if not any(str(v).strip() for v in row.values()):
                    continue
                item_id = str(row.get("id_butir", "")).strip().split(".")[0]
                try:
                    if not item_id.isdigit():
                        raise Invalid("id_butir harus bilangan bulat")
                    item, region_id = self.core.item(s, int(item_id))
                    if not actor.can_edit(region_id):
                        raise Forbidden("Anda tidak berhak mengubah janji di wilayah ini")
                    state = s.get(tm.State, item.id)
                    cur = state_dict(state)
                    status = st.normalise(row.get("status")) or row.get("status")
                    value = parse_number(row.get("nilai_capaian"), "nilai capaian", [])
                    target = parse_number(row.get("target"), "target", [])
                    measured = str(row.get("tanggal_ukur") or "").strip()[:10] or None
                    if (status == cur["status"] and value == cur["progress_value"]
                            and (target is None or target == cur["progress_target"])
                            and measured == cur["measured_on"]):
                        report["unchanged"] += 1
                        continue
                    data = validate_update(status=row.get("status"), evidence_url=row.get("url_bukti"),
                                           evidence_date=row.get("tanggal_bukti"), note=row.get("catatan"),
                                           progress_value=row.get("nilai_capaian"), progress_target=row.get("target"),
                                           progress_unit=row.get("satuan"), measured_on=row.get("tanggal_ukur"),
                                           expected_version=row.get("versi"))
                    if data["expected_version"] != cur["version"]:
                        raise Conflict(conflict_message(state))
                    plans.append((n, item.id, data))
                except TrackError as exc:
                    report["errors"].append({"row": n, "id_butir": item_id, "message": exc.message})
        if report["errors"] and not force:
            report["applied"] = 0
            return report
        if not plans:
            return report
        try:
            with self.core.session.begin() as s:
                for n, item_id, data in plans:
                    try:
                        with s.begin_nested():
                            entry = self.updates.write(s, actor, item_id, dict(data), None, "import")
                        report["entries"].append(entry)
                    except TrackError as exc:
                        report["errors"].append({"row": n, "id_butir": str(item_id), "message": exc.message})
                        if not force:
                            raise _Abort() from None
                report["applied"] = len(report["entries"])
                self.core.log(s, actor, "import", "region", None, None,
                              {"source": source, "applied": report["applied"], "errors": len(report["errors"])})
        except _Abort:
            report["applied"], report["entries"] = 0, []
        report["errors"].sort(key=lambda e: e["row"])
        return report


class _Abort(Exception):
    pass


def _num_cell(v):
    if v is None:
        return ""
    return int(v) if float(v).is_integer() else v


def read_table(name: str, data: bytes) -> list[dict[str, Any]]:
    """Rows of a CSV (UTF-8, comma or semicolon) or XLSX file; raise :class:`janji.errors.InputError` if unreadable."""
    if data[:4] == b"PK\x03\x04":
        try:
            import openpyxl

            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            ws = wb.worksheets[0]
            it = ws.iter_rows(values_only=True)
            header = [str(h or "").strip() for h in next(it, [])]
            out = []
            for values in it:
                out.append({h: v for h, v in zip(header, values) if h})
            wb.close()
        except Exception as exc:  # corrupt archives raise many kinds
            raise InputError(name, f"berkas XLSX tidak dapat dibaca ({exc})") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(name, "CSV harus UTF-8") from None
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        out = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        header = list(out[0].keys()) if out else [h.strip() for h in first.split(delimiter)]
    missing = [c for c in ("id_butir", "status", "versi") if c not in {str(h).strip().lower() for h in header}]
    if missing:
        raise InputError(name, f"kolom wajib tidak ada: {', '.join(missing)} (pakai tata letak hasil ekspor)")
    # an export's text cells that looked like formulas carry an apostrophe (janji.sheets): take it off again
    return [{k: undefuse(v) for k, v in row.items()} for row in out]
