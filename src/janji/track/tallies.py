"""Reading the tracking as numbers: a region's scorecard (kept as running tallies), the national roll-up, a
pair's promises by misi, and a region's latest published changes (its feed).

The tallies (``track_tally``) move by ±1 in the same transaction as each publication
(:meth:`Scorecards.publish`, called by :mod:`janji.track.updates`), so reading a scorecard costs the same
for ten promises or fifty thousand; after documents are added or superseded, the first read recounts.
"""
from __future__ import annotations

import os
import time
from collections import defaultdict
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, case, func, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from janji.data import labels
from janji.store import models as sm
from janji.track import models as tm
from janji.track import statuses as st
from janji.track.core import PROMISE_KINDS, Core
from janji.track.freshness import PAIR_STAMP, PublicTracking
from janji.track.records import pair_name, state_dict, state_values, update_dict, zero_counts
from janji.track.validation import RATIO_CAP, capped_ratio


TALLY_LOCK = 4242005  # PostgreSQL advisory lock (key, region id): a region's recount vs its publications
SUPERSEDED_BY = select(sm.Document.superseded_by_id).where(sm.Document.id == bindparam("doc"))
# a pair's promises' states (state_values' columns after the item id)
PAIR_STATES = (select(tm.State.item_id, tm.State.status, tm.State.version, tm.State.progress_value,
                      tm.State.progress_target, tm.State.progress_unit, tm.State.measured_on, tm.State.updated_at,
                      tm.State.update_id)
               .join(sm.Item, sm.Item.id == tm.State.item_id).where(sm.Item.candidate_id == bindparam("c")))


class Scorecards:
    """Running tallies and everything read from them, plus the roll-ups over current states."""

    def __init__(self, core: Core):
        self.core = core
        self._index_cache: dict[int, tuple[str, dict[str, Any]]] = {}
        # a pair's promises with their states, kept per process while the pair's version and the documents
        # are unchanged (janji.track.freshness; the version is moved by triggers, migration 0012)
        size = int(os.environ.get("JANJI_TRACK_CACHE_SIZE", "4096") or 0)
        self.pairs = PublicTracking(core.engine, size=min(64, size), stamp=PAIR_STAMP, derived_max=32)
        self._pair_static: dict[int, tuple[str, dict[str, Any] | None]] = {}

    @staticmethod
    def _documents_fingerprint(s: Session) -> str:
        """Changes whenever a document is added or superseded (one aggregate over the small documents table)."""
        return ",".join(str(v) for v in s.execute(select(func.max(sm.Document.id), func.count(sm.Document.superseded_by_id),
                                                         func.count(sm.Document.id))).one())

    def _totals(self, s: Session, region_id: int, fp: str) -> dict[str, Any]:
        """Promises of the region per pair and per bidang (store data: cached until the documents change)."""
        cached = self._index_cache.get(region_id)
        if cached is not None and cached[0] == fp:
            return cached[1]
        where = (sm.Document.region_id == region_id, sm.Document.superseded_by_id.is_(None),
                 sm.Item.kind.in_(PROMISE_KINDS))
        pairs = {("-" if c is None else str(c)): n for c, n in s.execute(
            select(sm.Item.candidate_id, func.count()).join(sm.Document, sm.Document.id == sm.Item.document_id)
            .where(*where).group_by(sm.Item.candidate_id))}
        sectors = dict(s.execute(
            select(sm.ItemSector.code, func.count()).join(sm.Item, sm.Item.id == sm.ItemSector.item_id)
            .join(sm.Document, sm.Document.id == sm.Item.document_id).where(*where).group_by(sm.ItemSector.code)).all())
        out = {"pairs": pairs, "sectors": sectors, "total": sum(pairs.values())}
        if len(self._index_cache) > 256:
            self._index_cache.clear()
        self._index_cache[region_id] = (fp, out)
        return out

    def _bump(self, s: Session, region_id: int | None, scope: str, key: str, status: str, dn: int,
              dt: float = 0.0) -> None:
        if region_id is None or (dn == 0 and dt == 0.0):
            return
        s.connection().execute(_tally_upsert(self.core.dialect), {"region_id": region_id, "scope": scope,
                                                                  "key": key, "status": status, "n": dn,
                                                                  "total": dt})

    def publish(self, s: Session, row: tm.Update, old: tuple | None, new: tuple, month: str) -> None:
        """Move one promise from its old (status, value, target) to the new one in the running tallies.

        The tally rows are changed in one order (scope, key, status) whatever the statuses: two editors
        publishing at once on PostgreSQL lock the rows they share in the same order, instead of each
        holding one the other waits for (a deadlock, broken after a second by aborting one of them)."""
        item = s.get(sm.Item, row.item_id)
        # only whether its document is superseded: the document object carries its whole text
        superseded_by = s.connection().execute(SUPERSEDED_BY, {"doc": item.document_id}).scalar()
        region = row.region_id
        if self.core.dialect == "postgresql" and region is not None:
            # many publications at once, but not during a recount of the region (see _rebuild_tally)
            s.execute(text("SELECT pg_advisory_xact_lock_shared(:k, :r)"), {"k": TALLY_LOCK, "r": int(region)})
        self.move(s, region, item.candidate_id, item.sectors, superseded_by is not None, old, new, month)

    def move(self, s: Session, region: int | None, candidate_id: int | None, sectors: list[str] | None,
             superseded: bool, old: tuple | None, new: tuple, month: str) -> None:
        """:meth:`publish` once the promise's pair, bidang and document are known (and, on PostgreSQL, the
        region's shared :data:`TALLY_LOCK` is held): the tally rows moved, in one statement."""
        old_status = old[0] if old else st.UNRATED
        bumps = [("month", month, old_status, -1, 0.0), ("month", month, new[0], 1, 0.0)]
        if not superseded:  # a superseded document's promises are not on the scorecard
            pair = "-" if candidate_id is None else str(candidate_id)
            if old:
                bumps.append(("pair", pair, old[0], -1, 0.0))
                bumps.extend(("sector", code, old[0], -1, 0.0) for code in sectors or [])
            bumps.append(("pair", pair, new[0], 1, 0.0))
            bumps.extend(("sector", code, new[0], 1, 0.0) for code in sectors or [])
            was = old is not None and old[1] is not None and bool(old[2])
            now_ = new[1] is not None and bool(new[2])
            if was or now_:
                bumps.append(("progress", "-", "measured", int(now_) - int(was),
                              (capped_ratio(new[1], new[2]) if now_ else 0.0)
                              - (capped_ratio(old[1], old[2]) if was else 0.0)))
        if region is None:
            return
        merged: dict[tuple[str, str, str], list] = {}
        for scope, key, status, dn, dt in bumps:
            if dn == 0 and dt == 0.0:
                continue  # moves nothing: never written
            m = merged.setdefault((scope, key, status), [0, 0.0])
            m[0] += dn
            m[1] += dt
        if merged:
            # one statement for them all, rows in that one order: on both backends the tally rows are locked
            # (SQLite: the write lock is held) until the commit, and each statement more was a round trip more
            # while every other publication of the region waited. A row two bumps share (a status that did
            # not change) gets their sum, where the two would have left it.
            s.connection().execute(_tally_upsert(self.core.dialect), [
                {"region_id": region, "scope": scope, "key": key, "status": status, "n": n, "total": total}
                for (scope, key, status), (n, total) in sorted(merged.items())])

    def _rebuild_tally(self, region_id: int, fp: str) -> None:
        """Recount a region's tallies from the current states and the published history.

        On PostgreSQL one recount per region at a time, and none while a publication is moving the
        region's tallies (:data:`TALLY_LOCK`): readers that found the tallies stale at once wait for the
        first one's recount and find them fresh, instead of each deleting and recounting against the
        others and against the editors' publications (deadlocks, each broken after a second)."""
        with self.core.session.begin() as s:
            if self.core.dialect == "postgresql":
                s.execute(text("SELECT pg_advisory_xact_lock(:k, :r)"), {"k": TALLY_LOCK, "r": int(region_id)})
                stamp = s.get(tm.Setting, f"tally:{region_id}")
                if stamp is not None and stamp.value == fp:
                    return  # recounted while this one waited
            s.query(tm.Tally).filter(tm.Tally.region_id == region_id).delete(synchronize_session=False)
            cur = (select(tm.State.item_id).join(sm.Item, sm.Item.id == tm.State.item_id)
                   .join(sm.Document, sm.Document.id == sm.Item.document_id)
                   .where(tm.State.region_id == region_id, sm.Document.superseded_by_id.is_(None)))
            rows = []
            for cand, status, n in s.execute(
                    select(sm.Item.candidate_id, tm.State.status, func.count()).join(tm.State, tm.State.item_id == sm.Item.id)
                    .where(tm.State.item_id.in_(cur.scalar_subquery())).group_by(sm.Item.candidate_id, tm.State.status)):
                rows.append(dict(scope="pair", key="-" if cand is None else str(cand), status=status, n=n, total=0.0))
            for code, status, n in s.execute(
                    select(sm.ItemSector.code, tm.State.status, func.count())
                    .join(tm.State, tm.State.item_id == sm.ItemSector.item_id)
                    .where(tm.State.item_id.in_(cur.scalar_subquery())).group_by(sm.ItemSector.code, tm.State.status)):
                rows.append(dict(scope="sector", key=code, status=status, n=n, total=0.0))
            ratio = case((tm.State.progress_value > RATIO_CAP * tm.State.progress_target, RATIO_CAP),
                         else_=tm.State.progress_value / tm.State.progress_target)  # as capped_ratio
            n, total = s.execute(select(func.count(), func.sum(ratio))
                                 .where(tm.State.item_id.in_(cur.scalar_subquery()), tm.State.progress_target > 0,
                                        tm.State.progress_value.is_not(None))).one()
            if n:
                rows.append(dict(scope="progress", key="-", status="measured", n=n, total=float(total or 0)))
            months: dict[tuple[str, str], int] = defaultdict(int)
            for m, prev, new, c in s.execute(
                    select(tm.Update.published_month, tm.Update.prev_status, tm.Update.status, func.count())
                    .where(tm.Update.region_id == region_id, tm.Update.state == "published")
                    .group_by(tm.Update.published_month, tm.Update.prev_status, tm.Update.status)):
                months[(m, prev or st.UNRATED)] -= c
                months[(m, new)] += c
            rows.extend(dict(scope="month", key=m, status=status, n=c, total=0.0)
                        for (m, status), c in months.items() if c)
            if rows:
                s.execute(insert(tm.Tally), [dict(r, region_id=region_id) for r in rows])
            key = f"tally:{region_id}"
            setting = s.get(tm.Setting, key)
            if setting is None:
                s.add(tm.Setting(key=key, value=fp))
            else:
                setting.value = fp

    def scorecard(self, region_id: int) -> dict[str, Any] | None:
        """A region's scorecard: counts per status (overall, per pair, per bidang urusan), progress, a monthly
        series of status counts, and the latest changes. None if the region does not exist.

        Reads running tallies (kept with every publication), so its cost does not grow with the number of
        promises; after documents are added or superseded the first read recounts them.
        """
        with self.core.session() as s:
            region = s.get(sm.Region, int(region_id))
            if region is None:
                return None
            fp = self._documents_fingerprint(s)
            totals = self._totals(s, region.id, fp)
            stamp = s.get(tm.Setting, f"tally:{region.id}")
            fresh = stamp is not None and stamp.value == fp
        if not fresh:
            for _ in range(3):
                try:
                    self._rebuild_tally(region.id, fp)
                    break
                except (IntegrityError, OperationalError):  # another reader rebuilt it at the same moment
                    time.sleep(0.05)
        with self.core.session() as s:
            tallies = s.execute(select(tm.Tally.scope, tm.Tally.key, tm.Tally.status, tm.Tally.n, tm.Tally.total)
                                .where(tm.Tally.region_id == region.id)).all()
            recent = s.execute(select(tm.Update, sm.Item.text).join(sm.Item, sm.Item.id == tm.Update.item_id)
                               .where(tm.Update.region_id == region.id, tm.Update.state == "published")
                               .order_by(tm.Update.published_at.desc()).limit(10)).all()
            needs_review = self.core.needs_review_in(s, region.id)
            per_pair: dict[str, dict[str, int]] = defaultdict(zero_counts)
            sectors: dict[str, dict[str, int]] = defaultdict(zero_counts)
            month_rows: dict[str, dict[str, int]] = defaultdict(zero_counts)
            measured, ratio_sum = 0, 0.0
            for scope, key, status, n, total in tallies:
                if scope == "pair" and key in totals["pairs"]:
                    per_pair[key][status] += n
                elif scope == "sector" and key in totals["sectors"]:
                    sectors[key][status] += n
                elif scope == "month":
                    month_rows[key][status] += n
                elif scope == "progress":
                    measured, ratio_sum = n, total
            for key, n in totals["pairs"].items():
                per_pair[key][st.UNRATED] = n - sum(per_pair[key].values())
            for code, n in totals["sectors"].items():
                sectors[code][st.UNRATED] = n - sum(sectors[code].values())
            counts = zero_counts()
            for c in per_pair.values():
                for k, v in c.items():
                    counts[k] += v
            ids = [int(k) for k in per_pair if k != "-"]
            pairs = {str(c.id): c for c in s.scalars(select(sm.Candidate).where(sm.Candidate.id.in_(ids)))}

        series, running = [], zero_counts()
        running[st.UNRATED] = totals["total"]
        for month in sorted(month_rows):
            for k, v in month_rows[month].items():
                running[k] += v
            series.append({"month": month, "counts": dict(running)})
        if series:
            # the newest point is today's scorecard (promises added or superseded since the history began)
            series[-1]["counts"] = dict(counts)
        total = sum(counts.values())
        return {
            "region": {"id": region.id, "name": region.name, "code": region.code},
            "needs_review": needs_review,
            "total": total, "counts": counts, "shares": {k: (v / total if total else None) for k, v in counts.items()},
            "progress": {"measured": measured,
                         "average_percent": round(100 * ratio_sum / measured, 1) if measured else None},
            "pairs": sorted(({"id": int(k) if k != "-" else None,
                              "name": pair_name(pairs[k]) if k in pairs else "(tanpa pasangan)",
                              "number": pairs[k].number if k in pairs else None, "counts": c,
                              "total": sum(c.values())} for k, c in per_pair.items()),
                            key=lambda p: (p["number"] is None, p["number"] or 0, p["name"])),
            "sectors": sorted(({"code": code, "name": labels.sector_name(code), "counts": c,
                                "total": sum(c.values())} for code, c in sectors.items()),
                              key=lambda r: (-r["total"], r["code"])),
            "series": series,
            "recent": [update_dict(u, {}) | {"item_text": text} for u, text in recent],
            "definitions": st.definitions(),
        }

    def regions_rollup(self) -> list[dict[str, Any]]:
        """Counts per status for every region that has promises (the national roll-up)."""
        with self.core.session() as s:
            q = (select(sm.Document.region_id, func.coalesce(tm.State.status, st.UNRATED), func.count())
                 .select_from(sm.Item).join(sm.Document, sm.Document.id == sm.Item.document_id)
                 .outerjoin(tm.State, tm.State.item_id == sm.Item.id)
                 .where(sm.Document.region_id.is_not(None), sm.Document.superseded_by_id.is_(None),
                        sm.Item.kind.in_(PROMISE_KINDS))
                 .group_by(sm.Document.region_id, tm.State.status))
            per = defaultdict(zero_counts)
            for rid, status, n in s.execute(q):
                per[rid][status] += n
            names = dict(s.execute(select(sm.Region.id, sm.Region.name).where(sm.Region.id.in_(list(per)))).all())
        return sorted(({"id": rid, "name": names.get(rid, "?"), "counts": c, "total": sum(c.values())}
                       for rid, c in per.items()), key=lambda r: r["name"])

    def pair_tracking(self, candidate_id: int, status: str | None = None) -> dict[str, Any] | None:
        """A pair's promises with their current status, filterable by status, rolled up by misi (a mission
        counts its own status and its descendants'; promises outside any mission are grouped together).

        Kept per process while the pair's version and the documents are unchanged: what it returns is shared
        by every caller of the same pair and status, and must not be changed."""
        canonical = st.normalise(status) if status else None
        return self.pair_view(candidate_id, ("data", canonical), lambda full: pair_filtered(full, canonical))

    def pair_view(self, candidate_id: int, name: Any, make) -> Any:
        """``make(tracking)`` over a pair's whole tracking (:meth:`pair_tracking` without a filter; None for an
        unknown pair), made once and kept with it while the pair and the documents are unchanged (its
        filtered views, its public page, its JSON). ``name`` tells the products apart and holds whatever else
        they depend on; ``make`` must not change what it is given."""
        return self.pairs.derive(int(candidate_id), lambda: self._pair_tracking(int(candidate_id)), name, make)

    def _pair_tracking(self, candidate_id: int) -> dict[str, Any] | None:
        with self.core.read_session() as s:
            fp = self._documents_fingerprint(s)
            static = self._pair_static.get(candidate_id)
            if static is None or static[0] != fp:
                static = (fp, self._pair_promises(s, candidate_id))
                if len(self._pair_static) > 256:
                    self._pair_static.clear()
                self._pair_static[candidate_id] = static
            base = static[1]
            if base is None:
                return None
            # only the states change between two versions of the pair: plain rows, no promise text
            states = {r[0]: tuple(r[1:]) for r in s.connection().execute(PAIR_STATES, {"c": int(candidate_id)})}
        made = base["made"]
        counts = zero_counts()
        missions: dict[Any, dict[str, Any]] = {}
        out = []
        for item_id, kind, label, text, depth, mission, mission_text in base["promises"]:
            state = states.get(item_id)
            kept = made.get(item_id)
            if kept is not None and kept[0] == state:
                entry = kept[1]
            else:  # a promise's entry is made again only when its state changed
                entry = {"id": item_id, "kind": kind, "label": label, "text": text, "depth": depth,
                         "state": state_values(*state) if state is not None else state_dict(None)}
                made[item_id] = (state, entry)
            status_now = state[0] if state is not None else st.UNRATED
            counts[status_now] += 1
            m = missions.get(mission)
            if m is None:
                m = missions[mission] = {"id": mission, "text": mission_text, "counts": zero_counts()}
            m["counts"][status_now] += 1
            out.append(entry)
        return {"candidate": base["candidate"], "status": None, "counts": counts, "total": sum(counts.values()),
                "missions": [dict(v, total=sum(v["counts"].values())) for v in missions.values()],
                "items": out, "definitions": st.definitions()}

    @staticmethod
    def _pair_promises(s: Session, candidate_id: int) -> dict[str, Any] | None:
        """What a pair's page shows that only the documents change: the pair, and its promises in order, each
        with its misi (None for an unknown pair). Kept per process until the documents change."""
        row = s.execute(select(sm.Candidate, sm.Election, sm.Region)
                        .outerjoin(sm.Election, sm.Election.id == sm.Candidate.election_id)
                        .outerjoin(sm.Region, sm.Region.id == sm.Election.region_id)
                        .where(sm.Candidate.id == int(candidate_id))).first()
        if row is None:
            return None
        c, el, reg = row
        pair = {"id": c.id, "head": c.head, "deputy": c.deputy, "number": c.number, "parties": list(c.parties or []),
                "region": {"id": reg.id, "name": reg.name} if reg else None,
                "election": {"id": el.id, "year": el.year} if el else None}
        rows = s.connection().execute(
            select(sm.Item.id, sm.Item.parent_id, sm.Item.kind, sm.Item.label, sm.Item.text, sm.Item.depth)
            .join(sm.Document, sm.Document.id == sm.Item.document_id)
            .where(sm.Item.candidate_id == int(candidate_id), sm.Document.superseded_by_id.is_(None))
            .order_by(sm.Item.document_id, sm.Item.position)).all()
        mission_of: dict[int, Any] = {}
        text_of = {r[0]: r[4] for r in rows}
        promises = []
        for item_id, parent_id, kind, label, text, depth in rows:
            mission = item_id if kind == "mission" else mission_of.get(parent_id)
            mission_of[item_id] = mission
            if kind in PROMISE_KINDS:
                promises.append((item_id, kind, label, text, depth, mission,
                                 text_of.get(mission, "(di luar misi)") if mission else "(di luar misi)"))
        # made: item id -> (state row, its entry), filled as the pair's versions are built
        return {"candidate": pair, "promises": promises, "made": {}}

    def feed_entries(self, region_id: int, limit: int = 50) -> list[dict[str, Any]]:
        """A region's latest published changes, newest first, with their promise's text (its Atom feed)."""
        with self.core.session() as s:
            rows = s.execute(select(tm.Update, sm.Item.text).join(sm.Item, sm.Item.id == tm.Update.item_id)
                             .where(tm.Update.region_id == int(region_id), tm.Update.state == "published")
                             .order_by(tm.Update.published_at.desc()).limit(limit)).all()
            return [update_dict(u, {}) | {"item_text": text} for u, text in rows]


def pair_filtered(full: dict[str, Any] | None, status: str | None) -> dict[str, Any] | None:
    """A pair's tracking with only the promises of ``status`` (any of its names) listed (the counts stay whole)."""
    status = st.normalise(status) if status else None
    if full is None or status is None:
        return full
    return dict(full, status=status, items=[it for it in full["items"] if it["state"]["status"] == status])


@lru_cache(maxsize=2)
def _tally_upsert(dialect: str):
    """Add ``n`` and ``total`` to a tally row, creating it (one statement built once per dialect: a
    publication moves half a dozen tallies inside the write transaction, and building each upsert anew
    cost more than running it)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    table = tm.Tally.__table__
    stmt = upsert(table)
    return stmt.on_conflict_do_update(index_elements=["region_id", "scope", "key", "status"],
                                      set_={"n": table.c.n + stmt.excluded.n, "total": table.c.total + stmt.excluded.total})
