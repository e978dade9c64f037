"""Campaign → plan alignments in the store: made from stored documents, stored, read back as plain data.

:func:`align_region` takes a region's election (a year, or the latest), the pair that won it or sits in
office, that pair's campaign documents and the region's plan document of the term, aligns them with
:mod:`janji.align` and stores the result (tables in :mod:`janji.store.align_models`), so that the portal, the
API and the exports serve it without recomputing. :func:`alignment_view` reads the latest stored alignment
of a region and election with everything a page shows (and its exports).

Every function returns plain dicts; :class:`janji.store.NotFound` (message in Indonesian) when a region,
election, pair, campaign or plan is missing.

Example:
    from janji.store import open_store
    from janji.store.align import align_region, alignment_view
    store = open_store()
    align_region(store, "Kabupaten Contoh", year=2024)["coverage"]
    alignment_view(store, store.resolve_region("Kabupaten Contoh")["id"])["rows"][0]["match"]
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from janji.document import Candidate as JCandidate
from janji.document import Document as JDocument
from janji.document import Item as JItem
from janji.document import Quantity, Region, Source
from janji.store import models as m
from janji.store.align_models import Alignment, AlignmentRow
from janji.store.api import NotFound, Store, _doc_summary, _pair_name, _period, _region_dict

MATCH_LABELS = {"same": "sama", "narrowed": "menyempit", "broadened": "meluas", "partial": "sebagian",
                "dropped": "tidak dimuat"}
MATCH_HELP = {
    "same": "rencana memuat komitmen yang sama, dengan kata lain",
    "narrowed": "rencana memuat kegiatannya untuk cakupan lebih kecil (penerima, sektor atau tempat lebih sedikit)",
    "broadened": "rencana memuatnya dalam komitmen yang lebih luas atau lebih umum (tanpa target atau penerima)",
    "partial": "janji memuat beberapa bagian dan rencana hanya memuat sebagian",
    "dropped": "tidak ada butir rencana yang memuat janji ini",
}
CAMPAIGN_KINDS = ("campaign",)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


# --- choosing what to align -----------------------------------------------------------------------------------

def _election(session: Session, region: dict, year: int | None) -> m.Election:
    elections = session.scalars(select(m.Election).where(m.Election.region_id == region["id"])
                                .order_by(m.Election.year.desc().nulls_last(), m.Election.id.desc())).all()
    if year is not None:
        elections = [e for e in elections if year in (e.year, e.period_start)]
        if not elections:
            raise NotFound(f"tidak ada pemilihan {year} untuk {region['name']}")
    if not elections:
        raise NotFound(f"belum ada pemilihan tersimpan untuk {region['name']}")
    return elections[0]


def _term(el: m.Election) -> tuple[int, int] | None:
    if el.period_start is not None:
        return el.period_start, el.period_end or el.period_start + 5
    if el.year is not None:
        return el.year + 1, el.year + 6
    return None


def _plan_document(session: Session, region: dict, el: m.Election) -> m.Document:
    """The region's latest current plan document whose period overlaps the term of the election."""
    term = _term(el)
    plans = session.scalars(select(m.Document).where(m.Document.region_id == region["id"], m.Document.kind == "plan",
                                                     m.Document.superseded_by_id.is_(None))
                            .order_by(m.Document.id.desc())).all()
    fitting = [d for d in plans if d.election_id == el.id or (
        term and d.period_start is not None and d.period_start <= term[1] and (d.period_end or d.period_start) >= term[0])]
    if not fitting:
        when = f" masa {term[0]}–{term[1]}" if term else ""
        raise NotFound(f"belum ada dokumen rencana (RPJMD){when} untuk {region['name']}; simpan dulu dengan janji ingest")
    return fitting[0]


def _pair(session: Session, region: dict, el: m.Election, plan: m.Document, head: str | None) -> m.Candidate:
    """The pair that won the election or sits in office: named by ``head``, else by the plan, else the only
    pair with campaign documents."""
    from janji.align.text import same_person

    pairs = session.scalars(select(m.Candidate).where(m.Candidate.election_id == el.id)
                            .order_by(m.Candidate.number.nulls_last(), m.Candidate.id)).all()
    if not pairs:
        raise NotFound(f"belum ada pasangan calon tersimpan untuk {region['name']} ({el.year or '?'})")

    def names(c: m.Candidate) -> list[str]:
        return [n for n in [c.head, c.deputy, *(c.aliases or [])] if n]

    if head:
        found = [c for c in pairs if any(same_person(head, n) for n in names(c))]
        if not found:
            raise NotFound(f"pasangan {head!r} tidak ditemukan di {region['name']} ({el.year or '?'}); "
                           f"pasangan: {', '.join(c.head for c in pairs)}")
        return found[0]
    named = {link.candidate_id for link in session.scalars(select(m.DocumentCandidate)
                                                           .where(m.DocumentCandidate.document_id == plan.id))}
    in_plan = [c for c in pairs if c.id in named]
    if not in_plan:  # the plan names its head, but in another spelling or as an office holder of no election
        plan_names = [n for link in session.scalars(select(m.DocumentCandidate)
                                                    .where(m.DocumentCandidate.document_id == plan.id))
                      for n in [link.data.get("head"), link.data.get("deputy")] if n]
        in_plan = [c for c in pairs if any(same_person(n, x) for n in plan_names for x in names(c))]
    if len(in_plan) == 1:
        return in_plan[0]
    with_campaigns = [c for c in pairs if c.id in set(session.scalars(
        select(m.DocumentCandidate.candidate_id).join(m.Document)
        .where(m.Document.kind.in_(CAMPAIGN_KINDS), m.Document.superseded_by_id.is_(None))))]
    if len(with_campaigns) == 1:
        return with_campaigns[0]
    raise NotFound(f"pasangan terpilih {region['name']} ({el.year or '?'}) tidak dapat ditentukan dari dokumen "
                   f"rencana; sebutkan dengan --head (pasangan: {', '.join(c.head for c in pairs)})")


def _campaign_documents(session: Session, region: dict, pair: m.Candidate) -> list[m.Document]:
    docs = session.scalars(select(m.Document).join(m.DocumentCandidate, m.DocumentCandidate.document_id == m.Document.id)
                           .where(m.DocumentCandidate.candidate_id == pair.id, m.Document.kind.in_(CAMPAIGN_KINDS),
                                  m.Document.superseded_by_id.is_(None))
                           .order_by(m.Document.id)).all()
    if not docs:
        raise NotFound(f"belum ada dokumen kampanye pasangan {_pair_name(pair.head, pair.deputy)} "
                       f"di {region['name']}; simpan dulu dengan janji ingest")
    return docs


def _items(session: Session, doc_ids: list[int], candidate_id: int | None) -> tuple[list[JItem], dict[int, int]]:
    """Stored items of ``doc_ids`` (of one pair, if given) as a janji/1 tree; returns it and id(JItem) -> item id."""
    q = select(m.Item).where(m.Item.document_id.in_(doc_ids)).order_by(m.Item.document_id, m.Item.position)
    if candidate_id is not None:
        q = q.where(m.Item.candidate_id == candidate_id)
    roots: list[JItem] = []
    made: dict[int, JItem] = {}
    ids: dict[int, int] = {}
    for row in session.scalars(q):
        item = JItem(kind=row.kind, text=row.text, label=row.label, candidate=row.candidate_name, speaker=row.speaker,
                     span=(row.span_start, row.span_end) if row.span_start is not None else None,
                     quantities=[Quantity.from_json(q) for q in row.quantities or [] if isinstance(q, dict)],
                     sectors=list(row.sectors or []), sdgs=list(row.sdgs or []), scores=row.scores,
                     evidence=row.evidence, measurability=row.measurability)
        made[row.id] = item
        ids[id(item)] = row.id
        parent = made.get(row.parent_id)
        (parent.children if parent is not None else roots).append(item)
    return roots, ids


def _region_of(d: m.Document) -> Region | None:
    return Region(d.region.name, d.region.code, d.region.level) if d.region else None


def align_region(store: Store, region: int | str, *, year: int | None = None, head: str | None = None,
                 explain: bool = False, aligner=None) -> dict[str, Any]:
    """Align the winning (or sitting) pair's campaign documents with the region's plan of the term; store it.

    Returns the ``janji-align/1`` object (each item reference with its stored ``id`` and ``document_id``)
    plus ``"store"``: ``{alignment_id, region, election, pair, plan_document_id, campaign_document_ids,
    warnings}``. Raises :class:`NotFound` when a side is missing.
    """
    from janji.align import default_aligner, mismatches

    reg = store.resolve_region(region)
    with store._session() as session:
        el = _election(session, reg, year)
        plan_row = _plan_document(session, reg, el)
        pair = _pair(session, reg, el, plan_row, head)
        camp_rows = _campaign_documents(session, reg, pair)
        c_items, c_ids = _items(session, [d.id for d in camp_rows], pair.id)
        if not c_items:
            raise NotFound(f"dokumen kampanye pasangan {_pair_name(pair.head, pair.deputy)} di {reg['name']} "
                           f"tidak memuat janji yang dapat diselaraskan")
        p_items, p_ids = _items(session, [plan_row.id], None)
        doc_of = dict(session.execute(select(m.Item.id, m.Item.document_id)
                                      .where(m.Item.id.in_(list(c_ids.values()) + list(p_ids.values())))).all())
        cand = JCandidate(pair.head, pair.deputy, pair.number, list(pair.parties or []), pair.incumbent,
                          list(pair.aliases or []))
        first = camp_rows[0]
        campaign = JDocument(Source(" + ".join(d.name for d in camp_rows), sha256=first.sha256 if len(camp_rows) == 1
                                    else None, format=first.format if len(camp_rows) == 1 else None,
                                    title=first.title if len(camp_rows) == 1 else None,
                                    url=first.url if len(camp_rows) == 1 else None),
                             kind="campaign", region=_region_of(first),
                             period=(first.period_start, first.period_end) if first.period_start is not None
                             else _term(el), candidates=[cand], items=c_items)
        plan = JDocument(Source(plan_row.name, sha256=plan_row.sha256, format=plan_row.format, title=plan_row.title,
                                url=plan_row.url), kind="plan", region=_region_of(plan_row),
                         period=(plan_row.period_start, plan_row.period_end) if plan_row.period_start is not None
                         else None, text=plan_row.text, items=p_items)
        ids = {**c_ids, **p_ids}
        el_info = {"id": el.id, "year": el.year, "period": _period(el.period_start, el.period_end)}
        pair_info = {"id": pair.id, "head": pair.head, "deputy": pair.deputy, "name": _pair_name(pair.head, pair.deputy),
                     "number": pair.number}
        camp_ids = [d.id for d in camp_rows]

    aligner = aligner or default_aligner()

    def annotate(item: JItem) -> dict[str, Any]:
        item_id = ids.get(id(item))
        return {"id": item_id, "document_id": doc_of.get(item_id)} if item_id is not None else {}

    result = aligner.align(campaign, plan, head=pair.head, explain=explain, annotate=annotate)
    warnings = mismatches(campaign, plan)
    with store._session() as session, session.begin():
        row = Alignment(region_id=reg["id"], election_id=el_info["id"], candidate_id=pair_info["id"],
                        plan_document_id=plan_row.id, campaign_document_ids=camp_ids, created_at=_now(),
                        campaign_items=result["coverage"]["campaign_items"], carried=result["coverage"]["carried"],
                        dropped=result["coverage"]["dropped"], added=len(result["added"]), warnings=warnings,
                        model={"features": list(aligner.model.features), "threshold": aligner.model.threshold},
                        result=result)
        session.add(row)
        session.flush()
        session.add_all(_rows(row.id, result))
        alignment_id = row.id
    result["store"] = {"alignment_id": alignment_id, "region": reg, "election": el_info, "pair": pair_info,
                       "plan_document_id": plan_row.id, "campaign_document_ids": camp_ids, "warnings": warnings}
    return result


def _rows(alignment_id: int, result: dict[str, Any]) -> list[AlignmentRow]:
    promises = [(link["campaign"], "linked", link) for link in result["links"]] + \
        [(d, "dropped", None) for d in result["dropped"]]
    promises.sort(key=lambda t: (t[0].get("document_id") or 0, t[0].get("id") or 0))
    out = []
    for pos, (ref, status, link) in enumerate(promises):
        out.append(AlignmentRow(alignment_id=alignment_id, position=pos, status=status, campaign_item_id=ref.get("id"),
                                plan_item_ids=[p.get("id") for p in link["plan"] if p.get("id")] if link else [],
                                match=link["match"] if link else None, score=link["score"] if link else None,
                                why=link["why"] if link else None))
    for k, ref in enumerate(result["added"]):
        out.append(AlignmentRow(alignment_id=alignment_id, position=len(promises) + k, status="added",
                                campaign_item_id=None, plan_item_ids=[ref["id"]] if ref.get("id") else [],
                                match=None, score=None, why=None))
    return out


# --- reading ---------------------------------------------------------------------------------------------------

def alignment_view(store: Store, region_id: int, year: int | None = None) -> dict[str, Any] | None:
    """The latest stored alignment of a region's election (a year, or the latest election that has one).

    None if the region does not exist (or has no election ``year``). Otherwise ``{region, election,
    elections, alignment}`` where ``alignment`` is None when nothing was aligned yet, else ``{id, created_at,
    pair, coverage: {campaign_items, carried, dropped, added, share}, by_match: {match: n}, warnings, threshold,
    documents: {campaign: [..], plan: {..}}, rows: [{status, match, match_label, score, why, campaign: item,
    plan: [items]}], added: [items]}``; an item is ``{id, document_id, kind, label, text, url, marks}`` (``url``
    opens the source document at the item, highlighted; ``marks`` cut the text where it shares words with the
    other side).
    """
    from janji.align.text import marks, name_terms

    with store._session() as session:
        region = session.get(m.Region, int(region_id))
        if region is None:
            return None
        elections = session.scalars(select(m.Election).where(m.Election.region_id == region.id)
                                    .order_by(m.Election.year.desc().nulls_last(), m.Election.id.desc())).all()
        aligned = set(session.scalars(select(Alignment.election_id).where(Alignment.region_id == region.id)))
        if year is not None:
            chosen = [e for e in elections if year in (e.year, e.period_start)]
            if not chosen:
                return None
        else:
            chosen = [e for e in elections if e.id in aligned] or elections[:1]
        el = chosen[0] if chosen else None
        out: dict[str, Any] = {
            "region": _region_dict(region),
            "election": {"id": el.id, "year": el.year, "period": _period(el.period_start, el.period_end)} if el else None,
            "elections": [{"id": e.id, "year": e.year, "period": _period(e.period_start, e.period_end),
                           "aligned": e.id in aligned} for e in elections],
            "alignment": None, "match_help": MATCH_HELP, "match_labels": MATCH_LABELS,
        }
        if el is None:
            return out
        row = session.scalars(select(Alignment).where(Alignment.region_id == region.id, Alignment.election_id == el.id)
                              .order_by(Alignment.id.desc()).limit(1)).first()
        if row is None:
            return out
        rows = session.scalars(select(AlignmentRow).where(AlignmentRow.alignment_id == row.id)
                               .order_by(AlignmentRow.position)).all()
        item_ids = {r.campaign_item_id for r in rows if r.campaign_item_id} | {i for r in rows for i in r.plan_item_ids}
        items = {it.id: it for it in session.scalars(select(m.Item).where(m.Item.id.in_(item_ids)))} if item_ids else {}
        pair = session.get(m.Candidate, row.candidate_id) if row.candidate_id else None
        docs = {d.id: d for d in session.scalars(select(m.Document).where(
            m.Document.id.in_([row.plan_document_id, *row.campaign_document_ids])))}

        place = name_terms(region.name)

        def item(item_id: int | None, other: str = "") -> dict[str, Any] | None:
            it = items.get(item_id) if item_id else None
            if it is None:
                return None
            return {"id": it.id, "document_id": it.document_id, "kind": it.kind, "label": it.label, "text": it.text,
                    "url": f"/dokumen/{it.document_id}#src-{it.id}",
                    "marks": marks(it.text, other, place) if other else [{"text": it.text, "hit": False}]}

        view_rows, added = [], []
        by_match = {k: 0 for k in ("same", "narrowed", "broadened", "partial")}
        for r in rows:
            if r.status == "added":
                for pid in r.plan_item_ids:
                    it = item(pid)
                    if it:
                        added.append(it)
                continue
            camp = items.get(r.campaign_item_id)
            plan_items = [items[i] for i in r.plan_item_ids if i in items]
            plan_text = " ".join(p.text for p in plan_items)
            entry = {"status": r.status, "match": r.match or "dropped",
                     "match_label": MATCH_LABELS.get(r.match or "dropped"), "score": r.score, "why": r.why,
                     "campaign": item(r.campaign_item_id, plan_text),
                     "plan": [item(p.id, camp.text if camp else "") for p in plan_items]}
            if entry["campaign"] is None:  # the item's document was removed: keep the text the result recorded
                continue
            if r.match in by_match:
                by_match[r.match] += 1
            view_rows.append(entry)
        n = row.campaign_items
        out["alignment"] = {
            "id": row.id, "created_at": row.created_at.isoformat(timespec="seconds"),
            "pair": {"id": pair.id, "name": _pair_name(pair.head, pair.deputy), "number": pair.number} if pair else None,
            "coverage": {"campaign_items": n, "carried": row.carried, "dropped": row.dropped, "added": row.added,
                         "share": round(row.carried / n, 4) if n else None},
            "by_match": by_match, "warnings": list(row.warnings or []), "threshold": (row.model or {}).get("threshold"),
            "documents": {"campaign": [_doc_summary(docs[i]) for i in row.campaign_document_ids if i in docs],
                          "plan": _doc_summary(docs[row.plan_document_id]) if row.plan_document_id in docs else None},
            "rows": view_rows, "added": added,
        }
        for d in out["alignment"]["documents"]["campaign"] + [out["alignment"]["documents"]["plan"] or {}]:
            d.pop("origin", None)
        return out
