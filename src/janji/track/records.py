"""Tracking rows as the plain dicts every door returns (no ORM object leaves :mod:`janji.track`)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from janji.track import models as tm
from janji.track import statuses as st
from janji.track.validation import http_url, percent


def zero_counts() -> dict[str, int]:
    return {s: 0 for s in st.STATUSES}


def quantity_target(quantities) -> dict[str, Any] | None:
    """The promise's own number as the default target ("100 km" -> 100, "km"); None without one."""
    for q in quantities or []:
        if isinstance(q, dict) and isinstance(q.get("value"), (int, float)) and q["value"] > 0:
            unit = q.get("unit")
            if unit in ("tahun", "bulan", "hari", "persen", "%") and len(quantities) > 1:
                continue  # "dalam 5 tahun" is a deadline, not the target
            return {"value": float(q["value"]), "unit": unit, "text": q.get("text")}
    return None


def pair_name(c) -> str:
    return c.head + (f" – {c.deputy}" if c.deputy else "")


def jsonable(value):
    if value is None:
        return None
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def state_dict(state: tm.State | None) -> dict[str, Any]:
    if state is None:
        return {"status": st.UNRATED, "label": st.label(st.UNRATED), "version": 0, "progress_value": None,
                "progress_target": None, "progress_unit": None, "progress_percent": None, "measured_on": None,
                "updated_at": None, "update_id": None}
    return {"status": state.status, "label": st.label(state.status), "version": state.version,
            "progress_value": state.progress_value, "progress_target": state.progress_target,
            "progress_unit": state.progress_unit,
            "progress_percent": percent(state.progress_value, state.progress_target),
            "measured_on": state.measured_on.isoformat() if state.measured_on else None,
            "updated_at": state.updated_at.isoformat(timespec="seconds"), "update_id": state.update_id}


def state_values(status, version, value, target, unit, measured_on, updated_at, update_id) -> dict[str, Any]:
    """:func:`state_dict` from plain columns (lists of hundreds of promises: no ORM objects)."""
    if status is None:
        return state_dict(None)
    return {"status": status, "label": st.label(status), "version": version, "progress_value": value,
            "progress_target": target, "progress_unit": unit, "progress_percent": percent(value, target),
            "measured_on": measured_on.isoformat() if measured_on else None,
            "updated_at": updated_at.isoformat(timespec="seconds"), "update_id": update_id}


def conflict_message(current: tm.State | None) -> str:
    if current is None:
        return ("Janji ini diubah orang lain sejak Anda membukanya. Perubahan Anda belum disimpan; periksa status "
                "terbaru lalu simpan lagi.")
    return (f"Janji ini diubah orang lain sejak Anda membukanya (sekarang: {st.label(current.status)}, versi "
            f"{current.version}). Perubahan Anda belum disimpan; periksa status terbaru lalu simpan lagi.")


def file_meta(s: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    return {f.id: {"id": f.id, "name": f.name, "content_type": f.content_type, "size": f.size}
            for f in s.execute(select(tm.File.id, tm.File.name, tm.File.content_type, tm.File.size)
                               .where(tm.File.id.in_(set(ids))))}


def update_dict(u: tm.Update, files: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": u.id, "item_id": u.item_id, "region_id": u.region_id, "status": u.status, "label": st.label(u.status),
        "prev_status": u.prev_status, "progress_value": u.progress_value, "progress_target": u.progress_target,
        "progress_unit": u.progress_unit, "progress_percent": percent(u.progress_value, u.progress_target),
        "measured_on": u.measured_on.isoformat() if u.measured_on else None,
        "evidence_url": u.evidence_url, "evidence_link": u.evidence_url if http_url(u.evidence_url) else None,
        "evidence_file": files.get(u.evidence_file_id) or ({"id": u.evidence_file_id} if u.evidence_file_id else None),
        "evidence_document": {"id": u.evidence_document_id, "url": f"/dokumen/{u.evidence_document_id}"}
        if u.evidence_document_id else None,
        "evidence_date": u.evidence_date.isoformat() if u.evidence_date else None, "note": u.note,
        "author": u.author_name, "origin": u.origin, "base_version": u.base_version,
        "created_at": u.created_at.isoformat(timespec="seconds"), "state": u.state,
        "published_at": u.published_at.isoformat(timespec="seconds") if u.published_at else None,
        "reviewed_at": u.reviewed_at.isoformat(timespec="seconds") if u.reviewed_at else None,
        "review_note": u.review_note,
    }


def proposal_dict(p: tm.Proposal, files: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {"id": p.id, "item_id": p.item_id, "region_id": p.region_id, "proposer": p.proposer,
            "status": p.status, "label": st.label(p.status) if p.status else None, "evidence_url": p.evidence_url,
            "evidence_link": p.evidence_url if http_url(p.evidence_url) else None,
            "evidence_file": files.get(p.evidence_file_id) or ({"id": p.evidence_file_id} if p.evidence_file_id
                                                                else None),
            "evidence_date": p.evidence_date.isoformat() if p.evidence_date else None, "note": p.note,
            "created_at": p.created_at.isoformat(timespec="seconds"), "state": p.state, "source": p.source}


def milestone_dict(ms: tm.Milestone) -> dict[str, Any]:
    return {"id": ms.id, "item_id": ms.item_id, "position": ms.position, "name": ms.name,
            "planned_on": ms.planned_on.isoformat() if ms.planned_on else None,
            "reached_on": ms.reached_on.isoformat() if ms.reached_on else None,
            "evidence_url": ms.evidence_url, "evidence_link": ms.evidence_url if http_url(ms.evidence_url) else None}


def user_dict(u: tm.User, regions) -> dict[str, Any]:
    return {"id": u.id, "username": u.username, "name": u.name, "role": u.role, "disabled": bool(u.disabled),
            "regions": list(regions), "created_at": u.created_at.isoformat(timespec="seconds")}


def audit_dict(a: tm.Audit) -> dict[str, Any]:
    return {"id": a.id, "at": a.at.isoformat(timespec="seconds"), "actor_id": a.actor_id, "actor": a.actor,
            "action": a.action, "target": a.target, "target_id": a.target_id, "before": a.before, "after": a.after,
            "ip": a.ip}
