"""Evidence suggestions in the store: for each promise of a region's sitting pair, the sentences of the region's
later documents that speak of it (method: :mod:`janji.align.evidence`), kept with the editor's decision.

:func:`refresh` computes them for a region when its documents changed since the last time (a fingerprint of
the promise and report documents, in ``suggestion_scans``): new documents ingested for the region update its
suggestions the next time they are read (the tracking screens, the API, ``janji suggest``). A proposal is stored
once per promise and sentence (``text_key``): a rejected one is never proposed again, an accepted one stays
accepted. :func:`suggestions` lists them as plain dicts. Accepting and rejecting belong to :mod:`janji.track`.

Which documents:
- promises: the mission, goal, program, activity, quick-win and commitment items of the region's sitting
  pair in its documents that are not reports — the pair of the region's latest stored alignment, else the pair
  its plan names, else every pair of its latest election;
- reports: the region's other current documents (100-day reports, progress articles, speeches): those its
  text dates on or after the start of the term, and undated ones that hold no list promises; never plans.
"""
from __future__ import annotations

import threading
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from janji.document import Document as JDocument
from janji.document import Item as JItem
from janji.document import Source
from janji.store import models as m
from janji.store.align_models import Alignment, EvidenceSuggestion, SuggestionScan
from janji.store.api import NotFound, Store, _pair_name

PROMISE_KINDS = ("mission", "goal", "program", "activity", "quick_win", "commitment")
LIST_PROMISE_KINDS = ("vision", "mission", "goal", "program", "quick_win")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def _sitting_pairs(session: Session, region_id: int) -> list[int]:
    aligned = session.scalar(select(Alignment.candidate_id).where(Alignment.region_id == region_id,
                                                                  Alignment.candidate_id.is_not(None))
                             .order_by(Alignment.id.desc()).limit(1))
    if aligned is not None:
        return [aligned]
    election = session.scalars(select(m.Election).where(m.Election.region_id == region_id)
                               .order_by(m.Election.year.desc().nulls_last(), m.Election.id.desc())).first()
    if election is None:
        return []
    pairs = list(session.scalars(select(m.Candidate.id).where(m.Candidate.election_id == election.id)))
    named = set(session.scalars(
        select(m.DocumentCandidate.candidate_id).join(m.Document)
        .where(m.Document.kind == "plan", m.Document.region_id == region_id, m.Document.superseded_by_id.is_(None))))
    in_plan = [p for p in pairs if p in named]
    return in_plan if len(in_plan) == 1 else pairs


def _term_start(session: Session, pair_ids: list[int]) -> int | None:
    starts = [s for s in session.scalars(select(m.Election.period_start).join(
        m.Candidate, m.Candidate.election_id == m.Election.id).where(m.Candidate.id.in_(pair_ids))) if s]
    if starts:
        return min(starts)
    years = [y for y in session.scalars(select(m.Election.year).join(
        m.Candidate, m.Candidate.election_id == m.Election.id).where(m.Candidate.id.in_(pair_ids))) if y]
    return min(years) + 1 if years else None


def _sources(session: Session, region_id: int) -> tuple[list[int], list[m.Item], list[m.Document]]:
    """The sitting pairs, their promises, and the region's report documents.

    A report is a current document of the region, not a plan, that its text dates on or after the start of
    the term; an undated one is a report unless it holds list promises (a visi-misi). The analyser's document
    kind is not trusted here: a 100-day report naming the pair reads much like campaign news. Promises are
    the pair's items in its other documents.
    """
    from janji.align.evidence import document_date

    pairs = _sitting_pairs(session, region_id)
    start = _term_start(session, pairs) if pairs else None
    current = m.Document.superseded_by_id.is_(None)
    with_list_promises = set(session.scalars(select(m.Item.document_id).join(m.Document)
                                             .where(m.Document.region_id == region_id, current,
                                                    m.Item.kind.in_(LIST_PROMISE_KINDS))))
    reports, others = [], set()
    for d in session.scalars(select(m.Document).where(m.Document.region_id == region_id, current,
                                                      m.Document.kind != "plan").order_by(m.Document.id)):
        when = document_date(d.text or "")
        if when is not None and start is not None:
            later = when >= date(start, 1, 1)
        else:
            later = d.id not in with_list_promises
        (reports.append(d) if later else others.add(d.id))
    promise_docs = set(session.scalars(
        select(m.DocumentCandidate.document_id).where(m.DocumentCandidate.candidate_id.in_(pairs),
                                                      m.DocumentCandidate.document_id.in_(others)))) if pairs else set()
    promises = list(session.scalars(
        select(m.Item).where(m.Item.document_id.in_(promise_docs), m.Item.candidate_id.in_(pairs),
                             m.Item.kind.in_(PROMISE_KINDS))
        .order_by(m.Item.document_id, m.Item.position))) if promise_docs else []
    return pairs, promises, reports


def fingerprint(store: Store, region_id: int) -> str:
    """Changes when the region's promises or report documents change (what :func:`refresh` reads)."""
    with store._session() as session:
        pairs, promises, reports = _sources(session, region_id)
    from janji.align.evidence import MIN_PROBABILITY, MIN_SHARE

    return "|".join([",".join(map(str, pairs)), ",".join(str(i.id) for i in promises),
                     ",".join(str(d.id) for d in reports), f"{MIN_PROBABILITY},{MIN_SHARE}"])


_refreshing = threading.Lock()


def refresh(store: Store, region: int | str, *, force: bool = False, aligner=None) -> dict[str, Any]:
    """Compute the region's suggestions if its documents changed since the last scan (or ``force``).

    Returns ``{"region", "scanned": bool, "promises", "reports", "new"}``; raises :class:`NotFound` for an
    unknown region. One refresh at a time per process (the model is shared; web workers are threads).
    """
    with _refreshing:
        return _refresh(store, region, force, aligner)


def _refresh(store: Store, region: int | str, force: bool, aligner) -> dict[str, Any]:
    reg = store.resolve_region(region)
    fp = fingerprint(store, reg["id"])
    with store._session() as session:
        scan = session.get(SuggestionScan, reg["id"])
        if scan is not None and scan.fingerprint == fp and not force:
            return {"region": reg, "scanned": False, "promises": None, "reports": None, "new": 0}
        pairs, promise_rows, report_rows = _sources(session, reg["id"])
        promises = [(it.id, JItem(kind=it.kind, text=it.text, scores=it.scores)) for it in promise_rows]
        reports = [(d.id, d.text or "", d.url) for d in report_rows]
    from janji.align.evidence import document_date, passages, suggest, text_key

    found, dates, texts = [], {}, {}
    for doc_id, text, _url in reports:
        dates[doc_id] = document_date(text)
        for a, b, sentence in passages(JDocument(Source(str(doc_id)), text=text)):
            key = (doc_id, a, b)
            found.append((key, a, b, sentence))
            texts[key] = sentence
    proposals = suggest(promises, found, aligner)
    new = 0
    with store._session() as session, session.begin():
        known = {(i, k) for i, k in session.execute(
            select(EvidenceSuggestion.item_id, EvidenceSuggestion.text_key)
            .where(EvidenceSuggestion.item_id.in_([p for p, _ in promises])))} if promises else set()
        now = _now()
        for s in proposals:
            doc_id, a, b = s.passage
            key = text_key(texts[s.passage])
            if (s.promise, key) in known:
                continue
            known.add((s.promise, key))
            when = dates.get(doc_id)
            session.add(EvidenceSuggestion(item_id=s.promise, region_id=reg["id"], document_id=doc_id, span_start=a,
                                           span_end=b, text=texts[s.passage], text_key=key, score=s.score, why=s.why,
                                           evidence_date=when.isoformat() if when else None, state="pending",
                                           created_at=now))
            new += 1
        scan = session.get(SuggestionScan, reg["id"])
        if scan is None:
            session.add(SuggestionScan(region_id=reg["id"], fingerprint=fp, scanned_at=now))
        else:
            scan.fingerprint, scan.scanned_at = fp, now
    return {"region": reg, "scanned": True, "promises": len(promises), "reports": len(reports), "new": new}


def refresh_quietly(store: Store, region_id: int) -> None:
    """:func:`refresh` for a reader: two readers refreshing at once must not fail a page (the loser's rows exist)."""
    try:
        refresh(store, region_id)
    except IntegrityError:
        pass


def suggestions(store: Store, *, region_id: int | None = None, item_id: int | None = None,
                state: str | None = "pending", limit: int | None = 500) -> list[dict[str, Any]]:
    """Stored suggestions, best first per promise: ``[{id, state, score, why, text, evidence_date, created_at,
    decided_at, decided_by, update_id, item: {id, kind, label, text, region_id}, document: {id, name, title, url,
    current}, span, url}]`` (``url`` opens the document with the sentence highlighted). Only those of current
    documents."""
    with store._session() as session:
        q = (select(EvidenceSuggestion, m.Item, m.Document)
             .join(m.Item, m.Item.id == EvidenceSuggestion.item_id)
             .join(m.Document, m.Document.id == EvidenceSuggestion.document_id)
             .where(m.Document.superseded_by_id.is_(None)))
        if region_id is not None:
            q = q.where(EvidenceSuggestion.region_id == int(region_id))
        if item_id is not None:
            q = q.where(EvidenceSuggestion.item_id == int(item_id))
        if state:
            q = q.where(EvidenceSuggestion.state == state)
        q = q.order_by(m.Item.document_id, m.Item.position, EvidenceSuggestion.score.desc(), EvidenceSuggestion.id)
        if limit is not None:
            q = q.limit(limit)
        return [suggestion_dict(s, it, d) for s, it, d in session.execute(q)]


def count(store: Store, region_id: int, state: str = "pending") -> int:
    with store._session() as session:
        return session.scalar(select(func.count()).select_from(EvidenceSuggestion).join(
            m.Document, m.Document.id == EvidenceSuggestion.document_id).where(
            EvidenceSuggestion.region_id == int(region_id), EvidenceSuggestion.state == state,
            m.Document.superseded_by_id.is_(None))) or 0


def source_url(document_id: int, start: int | None, end: int | None) -> str:
    """The document page with a span highlighted (``?sorot=start-end``), scrolled to it."""
    if start is None or end is None:
        return f"/dokumen/{document_id}"
    return f"/dokumen/{document_id}?sorot={start}-{end}#sorot"


def suggestion_dict(s: EvidenceSuggestion, it: m.Item, d: m.Document) -> dict[str, Any]:
    return {"id": s.id, "state": s.state, "score": s.score, "why": s.why, "text": s.text,
            "evidence_date": s.evidence_date, "created_at": s.created_at.isoformat(timespec="seconds"),
            "decided_at": s.decided_at.isoformat(timespec="seconds") if s.decided_at else None,
            "decided_by": s.decided_by, "update_id": s.update_id,
            "item": {"id": it.id, "kind": it.kind, "label": it.label, "text": it.text, "region_id": s.region_id},
            "document": {"id": d.id, "name": d.name, "title": d.title, "url": d.url,
                         "current": d.superseded_by_id is None},
            "span": [s.span_start, s.span_end] if s.span_start is not None else None,
            "url": source_url(d.id, s.span_start, s.span_end)}


def pair_names(store: Store, region_id: int) -> list[str]:
    """The pairs whose promises get suggestions (for the pages)."""
    with store._session() as session:
        ids = _sitting_pairs(session, region_id)
        return [_pair_name(c.head, c.deputy) for c in session.scalars(select(m.Candidate).where(m.Candidate.id.in_(ids)))]


__all__ = ["refresh", "refresh_quietly", "suggestions", "count", "fingerprint", "suggestion_dict", "source_url",
           "pair_names", "NotFound"]
