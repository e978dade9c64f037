"""The one query layer behind every page and its `/api/v1` twin.

Each function takes the :class:`janji.store.Store` and returns plain,
JSON-ready dicts; a page renders exactly what its API twin returns. Every
function is a shape over the store's public methods (the counts of bidang
urusan included: ``Store.sectors()``, ``Store.sector_regions()``), so what a
page shows is what Python and the CLI get too; nothing here opens a database
session.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Any

from janji.store import NotFound
from janji.data import labels
from janji.web import views
from janji.web.params import Filters

EXPORT_LIMIT = 50_000  # rows in one CSV/XLSX download; a whole province is far below this
PRIVATE_KEYS = ("origin",)  # where a file was on the server that ingested it: not the public's business


class VersionedCache:
    """Results of the costly queries (comparison, home, searches), kept while the store is unchanged.

    The store only ever adds documents (a changed file is a new row), so the
    largest document id and the number of documents tell whether anything
    changed; checking them is one indexed query, while a comparison loads every
    item of an election and computes pairwise similarities.
    """

    def __init__(self, size: int = 512):
        self.size = size
        self.data: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, store, key, compute):
        if self.size <= 0:
            return compute()
        full = (id(store), store.data_version(), key)
        with self.lock:
            if full in self.data:
                self.data.move_to_end(full)
                return self.data[full]
        value = compute()
        with self.lock:
            self.data[full] = value
            while len(self.data) > self.size:
                self.data.popitem(last=False)
        return value


# JANJI_WEB_CACHE_SIZE=0 turns the cache off (bench/web.py measures first views so)
CACHE = VersionedCache(int(os.environ.get("JANJI_WEB_CACHE_SIZE", "512") or 0))


def _public(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in PRIVATE_KEYS}


def _page(items: list, total: int, page: int, per_page: int) -> dict[str, Any]:
    return {"items": items, "total": total, "page": page, "per_page": per_page,
            "pages": max(1, -(-total // per_page)) if per_page else 1}


def _slice(rows: list, page: int, per_page: int) -> dict[str, Any]:
    start = (page - 1) * per_page
    return _page(rows[start:start + per_page], len(rows), page, per_page)


def item_view(it: dict[str, Any]) -> dict[str, Any]:
    """A store item dict plus the names pages show (kind, sectors, SDGs, region, pair)."""
    out = views.decorate(it)
    region = it.get("region") or {}
    out["region_id"] = region.get("id")
    out["region_name"] = region.get("name")
    out["candidate_name"] = it.get("candidate")
    out["document_name"] = it.get("document")
    if "document_summary" in out:
        out["document_summary"] = _public(out["document_summary"])
    return out


# --- home, regions, elections, pairs -------------------------------------------------------------------------------

def overview(store) -> dict[str, Any]:
    """Home: store totals, and every region with its elections."""
    return CACHE.get(store, ("overview",), lambda: _overview(store))


def _overview(store) -> dict[str, Any]:
    stats = {k: v for k, v in store.stats().items() if k != "database"}
    by_region: dict[int, list] = {}
    for el in store.elections():
        by_region.setdefault(el["region"]["id"], []).append(
            {"id": el["id"], "year": el["year"], "period": el["period"], "candidates": el["candidates"],
             "documents": el["documents"]})
    regions = []
    for r in store.regions():
        regions.append({**r, "elections": by_region.get(r["id"], [])})
    unplaced = [{"id": d["id"], "name": d["name"], "title": d["title"], "items": d["items"]}
                for d in store.documents(limit=500) if d["region"] is None][:50]
    return {"stats": stats, "regions": regions, "unplaced_documents": unplaced}


def regions(store, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    return _slice(store.regions(), page, per_page)


def region_choices(store) -> list[dict[str, Any]]:
    """Id and name of every region (for filter menus): one light query, no counts."""
    return store.region_names()


def elections(store, region: int | None = None, year: int | None = None, page: int = 1,
              per_page: int = 50) -> dict[str, Any]:
    rows = store.elections(region=region) if region is None or _region_exists(store, region) else []
    if year is not None:
        rows = [e for e in rows if year in (e["year"], (e["period"] or {}).get("start"))]
    return _slice(rows, page, per_page)


def candidates(store, region: int | None = None, year: int | None = None, page: int = 1,
               per_page: int = 50) -> dict[str, Any]:
    rows = store.candidates(region=region, year=year) if region is None or _region_exists(store, region) else []
    return _slice(rows, page, per_page)


def _region_exists(store, region_id: int) -> bool:
    return store.has_region(region_id)


def compare(store, region_id: int, year: int | None = None) -> dict[str, Any] | None:
    """The store's comparison of one election's pairs (None: no such region, or no election that year)."""
    if not _region_exists(store, region_id):
        return None

    def run():
        try:
            return store.compare(region_id, year=year)
        except NotFound:
            return None

    return CACHE.get(store, ("compare", region_id, year), run)


def region(store, region_id: int, year: int | None = None) -> dict[str, Any] | None:
    """Region page: its elections and, for the chosen one (default: latest), the pairs side by side."""
    if not _region_exists(store, region_id):
        return None
    return CACHE.get(store, ("region", region_id, year), lambda: _region(store, region_id, year))


def _region(store, region_id: int, year: int | None) -> dict[str, Any] | None:
    try:
        cmp = store.compare(region_id, year=year)
    except NotFound:
        if year is not None:
            return None
        reg = store.resolve_region(region_id)
        cmp = {"region": reg, "election": None, "elections": [], "pairs": [], "sectors": [], "shared": [],
               "unique": {}, "unassigned_items": 0}
    pairs = []
    head_of = {}
    for p in cmp["pairs"]:
        head_of[p["id"]] = p["head"]
        unique = [views.decorate({**u, "id": u["item_id"]}) for u in cmp["unique"].get(p["id"], [])]
        pairs.append({**p, "counts": p["items_by_kind"], "unique": unique})
    order = [p["id"] for p in cmp["pairs"]]
    sector_rows = [{"code": s["code"], "name": labels.sector_name(s["code"]),
                    "counts": [s["counts"].get(pid, s["counts"].get(str(pid), 0)) for pid in order]}
                   for s in cmp["sectors"]]
    shared = [{"similarity": g["similarity"],
               "items": [{"id": it["item_id"], "text": it["text"], "kind": it["kind"], "pair_id": it["pair_id"],
                          "candidate_head": head_of.get(it["pair_id"], "")} for it in g["items"]]}
              for g in cmp["shared"]]
    docs = [_public(d) for d in store.documents(region=region_id, limit=200)]
    election = cmp["election"]
    if election and election.get("year") is not None:
        # documents of other elections of the same region belong on their own year's page
        docs = [d for d in docs if d["period"] is None or _year_matches(d, election)]
    return {
        "region": cmp["region"], "election": election, "elections": cmp["elections"], "pairs": pairs,
        "sector_rows": sector_rows, "shared": shared, "unassigned_items": cmp.get("unassigned_items", 0),
        "documents": docs,
        "sector_chart_series": [p["name"] for p in pairs],
        "sector_chart_rows": [[row["name"], row["counts"]] for row in sector_rows],
    }


def _year_matches(doc: dict[str, Any], election: dict[str, Any]) -> bool:
    period = election.get("period") or {}
    return doc["period"].get("start") == period.get("start")


def candidate(store, candidate_id: int) -> dict[str, Any] | None:
    """Pair page: the pair, its region and election, and its promise tree grouped by source document."""
    data = store.candidate(candidate_id, tree=True)
    if data is None:
        return None
    by_doc: dict[int, list] = {}
    for root in data.get("tree") or []:
        by_doc.setdefault(root["document_id"], []).append(views.decorate(root))
    sources = []
    for doc in data.get("sources") or []:
        sources.append({"document": _public(doc), "items": by_doc.pop(doc["id"], [])})
    for doc_id, roots in by_doc.items():  # items of documents not linked to the pair (should not happen)
        sources.append({"document": {"id": doc_id, "name": roots[0].get("document") or f"dokumen {doc_id}",
                                     "title": None}, "items": roots})
    flat = views.flatten([it for s in sources for it in s["items"]])
    cand = {k: data[k] for k in ("id", "head", "deputy", "name", "number", "parties", "incumbent", "aliases")}
    return {"candidate": cand, "region": data.get("region"),
            "election": {"id": data.get("election_id"), "year": data.get("year"), "period": data.get("period")},
            "counts": data.get("items_by_kind") or views.kind_counts(flat),
            "measurable_share": views.measurable_share(flat), "sources": sources}


def alignment(store, region_id: int, year: int | None = None) -> dict[str, Any] | None:
    """"Janji vs RPJMD" page: the latest stored alignment of the region's election (None: no such region/year),
    with the numbers for its chart."""
    from janji.store.align import alignment_view

    data = alignment_view(store, region_id, year=year)
    if data is None:
        return None
    al = data["alignment"]
    if al:
        labels_ = data["match_labels"]
        counts = [(labels_[k], [al["by_match"].get(k, 0)]) for k in ("same", "narrowed", "broadened", "partial")]
        counts.append((labels_["dropped"], [al["coverage"]["dropped"]]))
        counts.append(("ditambahkan rencana", [al["coverage"]["added"]]))
        data["chart_rows"] = counts
        for row in al["rows"]:
            row["campaign"] = {**row["campaign"], "kind_label": labels.kind_label(row["campaign"]["kind"])}
            row["plan"] = [{**p, "kind_label": labels.kind_label(p["kind"])} for p in row["plan"]]
        al["added"] = [{**a, "kind_label": labels.kind_label(a["kind"])} for a in al["added"]]
    return data


# --- documents and items ----------------------------------------------------------------------------------------

def documents(store, region: int | None = None, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    if region is not None and not _region_exists(store, region):
        return _page([], 0, page, per_page)
    total = store.count_documents(region=region)
    rows = store.documents(region=region, limit=per_page, offset=(page - 1) * per_page)
    return _page([_public(d) for d in rows], total, page, per_page)


def document(store, document_id: int) -> dict[str, Any] | None:
    """Document page: summary, cleaned text cut into highlighted segments, and the item tree."""
    data = store.document(document_id)
    if data is None:
        return None
    flat = [views.decorate(it) for it in data["items"]]
    tree = [views.decorate(t) for t in data["tree"]]
    out = _public({k: v for k, v in data.items() if k not in ("items", "tree")})
    out.update(items=tree, segments=views.segments(data["text"], flat), counts=views.kind_counts(flat),
               measurable_share=views.measurable_share(flat))
    return out


def item(store, item_id: int) -> dict[str, Any] | None:
    data = store.item(item_id)
    return None if data is None else item_view(data)


def promise(store, item_id: int, tracker=None) -> dict[str, Any] | None:
    """A promise's own page (``/janji/{id}``): the item with its names and targets, where it sits in its
    tree, its source as a citation with the link to its highlighted words, and — for promises, not visions
    or claims — its public tracking (status, progress, milestones, published history) from ``tracker``."""
    data = store.item(item_id)
    if data is None:
        return None
    from janji.store.suggest import source_url
    from janji.track import statuses
    from janji.web import times

    out = item_view(data)
    doc = out["document_summary"]  # kept for earlier API clients; `source` is the citation
    span = data.get("span") or (None, None)
    out.update(
        url=f"/janji/{item_id}", source=views.source_view(doc), source_url=source_url(doc["id"], span[0], span[1]),
        source_current=doc.get("current", True), zone=times.zone_of(data.get("region")),
        ancestors=[_brief(a) for a in data.get("ancestors") or []],
        children=[_brief(c) for c in data.get("children") or []],
        tracked=data["kind"] in views.PROMISE_KINDS, tracking=None)
    if tracker is not None and out["tracked"]:
        t = tracker.item_tracking(item_id)  # published entries only: this page is public
        out["tracking"] = {k: t[k] for k in ("state", "default_target", "milestones", "history")}
    status = (out["tracking"] or {}).get("state", {}).get("status")
    out["share"] = views.share_text(out, statuses.label(status) if status else None)
    return out


def _brief(it: dict[str, Any]) -> dict[str, Any]:
    return {"id": it["id"], "kind": it["kind"], "kind_label": labels.kind_label(it["kind"]), "label": it.get("label"),
            "text": it["text"], "url": f"/janji/{it['id']}"}


def items(store, filters: Filters, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    args = _filter_args(filters)
    if args is None:
        return _page([], 0, page, per_page)
    rows = store.items(**args, candidate=filters.candidate, limit=per_page, offset=(page - 1) * per_page)
    total = store.count_items(**args, candidate=filters.candidate)
    return _page([item_view(r) for r in rows], total, page, per_page)


def _filter_args(filters: Filters) -> dict[str, Any] | None:
    """Store keyword arguments; None when a filter names nothing that exists (no results, not an error)."""
    if filters.sector is not None and filters.sector not in labels.sectors():
        return None
    return {"region": filters.region, "sector": filters.sector, "sdg": filters.sdg, "kind": filters.kind,
            "measurable": filters.measurable, "year": filters.year}


def search(store, q: str, filters: Filters, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Full-text search (stemmed, best first) with filters; without words, the filtered item list."""
    if not q:
        out = items(store, filters, page, per_page)
        out.update(query="", stems=[])
        return out
    args = _filter_args(filters)
    if args is None:
        return {**_page([], 0, page, per_page), "query": q, "stems": []}
    key = ("search", q, tuple(sorted(args.items(), key=lambda kv: kv[0])), page, per_page)
    return CACHE.get(store, key, lambda: _search(store, q, args, page, per_page))


def _search(store, q: str, args: dict[str, Any], page: int, per_page: int) -> dict[str, Any]:
    res = store.search(q, **args, limit=per_page, offset=(page - 1) * per_page)
    rows = []
    for r in res["results"]:
        row = item_view(r)
        row["snippet"] = [{"text": s["text"], "hit": bool(s.get("match"))}
                          for s in (r.get("snippet") or {}).get("segments", [])]
        rows.append(row)
    return {**_page(rows, res["total"], page, per_page), "query": q, "stems": res["stems"]}


# --- sectors ----------------------------------------------------------------------------------------------------

def sectors(store) -> dict[str, Any]:
    """Every bidang urusan with how many promises and regions it has."""
    return {"sectors": store.sectors()}


def sector(store, code: str, region: int | None = None, page: int = 1, per_page: int = 50) -> dict[str, Any] | None:
    """Sector page: all promises of one bidang urusan, across regions (or in one)."""
    if code not in labels.sectors():
        return None
    by_region = store.sector_regions(code)
    listing = items(store, Filters(region=region, sector=code), page, per_page)
    return {**listing, "sector": {"code": code, "name": labels.sector_name(code)}, "by_region": by_region}


# --- downloads and uploads ----------------------------------------------------------------------------------------

def export_search(store, q: str, filters: Filters) -> list[dict[str, Any]]:
    if not q:
        args = _filter_args(filters)
        return [] if args is None else [item_view(r) for r in store.items(**args, limit=EXPORT_LIMIT)]
    args = _filter_args(filters)
    # straight to the store: a 50,000-row download must not sit in the page cache
    return [] if args is None else _search(store, q, args, 1, EXPORT_LIMIT)["items"]


def export_region(store, region_id: int, year: int | None = None) -> list[dict[str, Any]] | None:
    if not _region_exists(store, region_id):
        return None
    return [item_view(r) for r in store.items(region=region_id, year=year, limit=EXPORT_LIMIT)]


def store_document(store, doc) -> int:
    """Save an analysed upload; returns its document id (an identical earlier upload keeps its id)."""
    from fastapi import HTTPException

    # each upload is its own document: two different texts pasted under the same name are not versions
    result = store.ingest_document(doc, name=doc.source.name, text=doc.text, origin=f"unggahan:{doc.source.sha256}")
    if result.status == "failed":
        raise HTTPException(422, f"{doc.source.name}: tidak dapat disimpan ({result.reason})")
    return result.document_id
