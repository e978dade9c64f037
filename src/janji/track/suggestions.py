"""Evidence suggestions in the tracking workflow: an editor accepts or rejects each one.

An accepted suggestion becomes an entry of the promise's history — the sentence quoted, its stored document as
the source (and the document's web address when it has one), the date the document speaks of — written in the
same transaction as the audit record. It does not change the promise's status or progress: the entry carries
the status the promise has, and the current state (and its version, which open forms compare) is left as it
was. A rejected suggestion stays rejected and is never proposed again (:mod:`janji.store.suggest`).

The proposals themselves are computed by :mod:`janji.store.suggest` over :mod:`janji.align.evidence`.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update

from janji.store import models as sm
from janji.store import suggest as store_suggest
from janji.store.align_models import EvidenceSuggestion
from janji.track import models as tm
from janji.track import statuses as st
from janji.track.core import Actor, Core, now
from janji.track.errors import Conflict, Forbidden, NotFound
from janji.track.records import update_dict
from janji.track.validation import MAX_NOTE, http_url


def _claim(s, suggestion_id: int, state: str, actor: Actor) -> EvidenceSuggestion:
    """Move a pending suggestion to ``state`` (one decision only: a second one gets :class:`Conflict`)."""
    row = s.get(EvidenceSuggestion, int(suggestion_id))
    if row is None:
        raise NotFound(f"saran bukti {suggestion_id} tidak ditemukan")
    res = s.execute(update(EvidenceSuggestion).where(EvidenceSuggestion.id == row.id,
                                                     EvidenceSuggestion.state == "pending")
                    .values(state=state, decided_at=now(), decided_by=actor.label)
                    .execution_options(synchronize_session=False))
    if res.rowcount != 1:
        raise Conflict("saran ini sudah diputuskan orang lain")
    s.expire_all()
    return s.get(EvidenceSuggestion, row.id)


def _check(core: Core, s, suggestion_id: int, actor: Actor) -> tuple[EvidenceSuggestion, sm.Item, int | None]:
    row = s.get(EvidenceSuggestion, int(suggestion_id))
    if row is None:
        raise NotFound(f"saran bukti {suggestion_id} tidak ditemukan")
    item, region_id = core.item(s, row.item_id)
    if not actor.can_edit(region_id):
        raise Forbidden("Anda tidak berhak memutuskan saran bukti di wilayah ini")
    return row, item, region_id


def accept(core: Core, actor: Actor, suggestion_id: int, note: str | None = None) -> dict[str, Any]:
    """Accept a suggestion: a history entry with its source and date, audited; the status stays as it is."""
    with core.session.begin() as s:
        row, item, region_id = _check(core, s, suggestion_id, actor)
        doc = s.get(sm.Document, row.document_id)
        row = _claim(s, row.id, "accepted", actor)
        state = s.get(tm.State, item.id)
        status = state.status if state is not None else st.UNRATED
        when = date.fromisoformat(row.evidence_date) if row.evidence_date else doc.retrieved_at.date()
        source = doc.title or doc.name
        text = f"“{row.text}” — {source}"
        if note and note.strip():
            text += "\n" + note.strip()
        t = now()
        entry = tm.Update(item_id=item.id, region_id=region_id, status=status, prev_status=status,
                          evidence_url=doc.url if http_url(doc.url) else None, evidence_document_id=doc.id,
                          evidence_date=when, note=text[:MAX_NOTE], author_id=actor.id, author_name=actor.label,
                          origin="suggestion", base_version=state.version if state is not None else 0, created_at=t,
                          state="published", published_at=t, published_month=t.strftime("%Y-%m"))
        s.add(entry)
        s.flush()
        s.execute(update(EvidenceSuggestion).where(EvidenceSuggestion.id == row.id).values(update_id=entry.id)
                  .execution_options(synchronize_session=False))
        out = store_suggest.suggestion_dict(row, item, doc) | {"state": "accepted", "update_id": entry.id,
                                                               "update": update_dict(entry, {})}
        core.log(s, actor, "suggestion.accept", "suggestion", row.id, {"state": "pending"},
                 {"state": "accepted", "item_id": item.id, "document_id": doc.id, "text": row.text,
                  "update_id": entry.id})
        return out


def reject(core: Core, actor: Actor, suggestion_id: int) -> dict[str, Any]:
    """Reject a suggestion (audited); it is never proposed again for that promise."""
    with core.session.begin() as s:
        row, item, _ = _check(core, s, suggestion_id, actor)
        doc = s.get(sm.Document, row.document_id)
        row = _claim(s, row.id, "rejected", actor)
        out = store_suggest.suggestion_dict(row, item, doc)
        core.log(s, actor, "suggestion.reject", "suggestion", row.id, {"state": "pending"},
                 {"state": "rejected", "item_id": item.id, "document_id": doc.id, "text": row.text})
        return out


def for_region(core: Core, actor: Actor, region_id: int, *, refresh: bool = True) -> dict[str, Any]:
    """The region's pending suggestions grouped by promise, for the editors of the region (computed first if
    the region's documents changed)."""
    with core.session() as s:
        region = s.get(sm.Region, int(region_id))
        if region is None:
            raise NotFound(f"wilayah {region_id} tidak ditemukan")
    if not actor.can_edit(region.id):
        raise Forbidden("hanya editor wilayah ini (atau admin) yang memutuskan saran bukti")
    if refresh:
        store_suggest.refresh_quietly(core.store, region.id)
    rows = store_suggest.suggestions(core.store, region_id=region.id)
    groups: dict[int, dict[str, Any]] = {}
    for r in rows:
        g = groups.setdefault(r["item"]["id"], {"item": r["item"], "suggestions": []})
        g["suggestions"].append(r)
    decided = {state: store_suggest.count(core.store, region.id, state) for state in ("accepted", "rejected")}
    return {"region": {"id": region.id, "name": region.name}, "pairs": store_suggest.pair_names(core.store, region.id),
            "promises": list(groups.values()), "pending": len(rows), "decided": decided}


def for_item(core: Core, item_id: int) -> list[dict[str, Any]]:
    """Pending suggestions of one promise (stored ones: reading a promise's page computes nothing)."""
    return store_suggest.suggestions(core.store, item_id=item_id)


def history_documents(s, rows: list[tm.Update]) -> dict[int, dict[str, Any]]:
    """For history entries whose evidence is a stored document: the document and a link to the sentence."""
    ids = [r.id for r in rows if r.evidence_document_id]
    if not ids:
        return {}
    spans = {u: (a, b) for u, a, b in s.execute(select(EvidenceSuggestion.update_id, EvidenceSuggestion.span_start,
                                                       EvidenceSuggestion.span_end)
                                                .where(EvidenceSuggestion.update_id.in_(ids)))}
    docs = {d.id: d for d in s.scalars(select(sm.Document).where(
        sm.Document.id.in_({r.evidence_document_id for r in rows if r.evidence_document_id})))}
    out = {}
    for r in rows:
        d = docs.get(r.evidence_document_id)
        if d is not None:
            a, b = spans.get(r.id, (None, None))
            out[r.id] = {"id": d.id, "name": d.name, "title": d.title,
                         "url": store_suggest.source_url(d.id, a, b)}
    return out
