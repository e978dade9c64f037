"""The write path of tracking: a promise's state and history, recording a change of status or progress
with its evidence (optimistic locking; pending in a region that needs review), evidence files, milestones,
and the editors' decisions on evidence suggestions (:mod:`janji.track.suggestions`).

Publishing moves the running tallies of :class:`janji.track.tallies.Scorecards` in the same transaction.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from janji.store import models as sm
from janji.track import models as tm
from janji.track import settings as track_settings
from janji.track import statuses as st
from janji.track import suggestions as sg
from janji.track.core import PROMISE_KINDS, Actor, Core, now
from janji.track.errors import Conflict, Forbidden, Invalid, NotFound, NotTracked, TooLarge
from janji.track.freshness import PublicTracking
from janji.track.records import (conflict_message, file_meta, milestone_dict, pair_name, quantity_target,
                                 state_dict, update_dict)
from janji.track.tallies import TALLY_LOCK, Scorecards
from janji.track.validation import any_date, http_url, parse_date, safe_filename, sniff, validate_update


STATE_COLUMNS = ("status", "version", "progress_value", "progress_target", "progress_unit", "measured_on",
                 "updated_at", "update_id")
# a promise's page in one row: the promise, its region, its pair, its state (s_…) and its region's review setting
TRACKING = (select(sm.Item.id, sm.Item.kind, sm.Item.text, sm.Item.candidate_id, sm.Item.document_id,
                   sm.Item.quantities, sm.Document.region_id, sm.Region.id.label("r_id"), sm.Region.name.label("r_name"),
                   sm.Candidate.head.label("c_head"), sm.Candidate.deputy.label("c_deputy"),
                   *(getattr(tm.State, c).label(f"s_{c}") for c in STATE_COLUMNS), tm.RegionSetting.needs_review)
            .join(sm.Document, sm.Document.id == sm.Item.document_id)
            .outerjoin(sm.Region, sm.Region.id == sm.Document.region_id)
            .outerjoin(sm.Candidate, sm.Candidate.id == sm.Item.candidate_id)
            .outerjoin(tm.State, tm.State.item_id == sm.Item.id)
            .outerjoin(tm.RegionSetting, tm.RegionSetting.region_id == sm.Document.region_id))
STATE_AT = {c: 11 + i for i, c in enumerate(STATE_COLUMNS)}  # where TRACKING's row has each state column
# the statements of a promise's page, built once (building and keying them cost as much as running them)
TRACKING_OF = TRACKING.where(sm.Item.id == bindparam("item"))
MILESTONES_OF = (select(tm.Milestone.__table__).where(tm.Milestone.item_id == bindparam("item"))
                 .order_by(tm.Milestone.position, tm.Milestone.id))
_NEWEST_FIRST = (func.coalesce(tm.Update.published_at, tm.Update.created_at).desc(), tm.Update.id.desc())
# what a write needs of a promise, in one row: its kind, target, pair, bidang, region, document and review
# setting, and its state (s_…)
_WRITE = (select(sm.Item.kind, sm.Item.quantities, sm.Item.candidate_id, sm.Item.sectors, sm.Document.region_id,
                 sm.Document.superseded_by_id, tm.RegionSetting.needs_review,
                 *(getattr(tm.State, c).label(f"s_{c}") for c in STATE_COLUMNS))
          .join(sm.Document, sm.Document.id == sm.Item.document_id)
          .outerjoin(tm.State, tm.State.item_id == sm.Item.id)
          .outerjoin(tm.RegionSetting, tm.RegionSetting.region_id == sm.Document.region_id)
          .where(sm.Item.id == bindparam("item")))
WRITE_STATE_AT = {c: 7 + i for i, c in enumerate(STATE_COLUMNS)}
WRITE_OF = _WRITE
# PostgreSQL: the region's shared tally lock (janji.track.tallies.TALLY_LOCK) in the same round trip; a
# promise without a region takes none (the function is strict)
WRITE_OF_PG = _WRITE.add_columns(func.pg_advisory_xact_lock_shared(TALLY_LOCK, sm.Document.region_id))
UPDATE_INSERT = insert(tm.Update.__table__).returning(tm.Update.__table__.c.id)
STATE_INSERT = insert(tm.State.__table__)
_state = tm.State.__table__
STATE_UPDATE = (update(_state).where(_state.c.item_id == bindparam("item"), _state.c.version == bindparam("seen"))
                .values(version=_state.c.version + 1))
HISTORY_OF = {  # include_pending -> a promise's timeline, newest first
    True: select(tm.Update.__table__).where(tm.Update.item_id == bindparam("item")).order_by(*_NEWEST_FIRST),
    False: select(tm.Update.__table__).where(tm.Update.item_id == bindparam("item"), tm.Update.state == "published")
    .order_by(*_NEWEST_FIRST)}


class RowDicts:
    """A bounded map of database rows (hashable, compared by every value) to what was made of them."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, row):
        return self.entries.get(row)

    def put(self, row, value):
        with self.lock:
            self.entries[row] = value
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value


class Updates:
    """A promise's state, history and milestones, and every change made to them."""

    def __init__(self, core: Core, scorecards: Scorecards):
        self.core = core
        self.scorecards = scorecards
        self.public = PublicTracking(core.engine)
        # a history entry as a dict, per row: the row holds every column the dict is made of, so an entry
        # changed in any way is another key. A promise changed by a write is rebuilt with its whole history;
        # its older entries are found here instead of being made again
        self._entries = RowDicts(5_000)

    def state(self, item_id: int) -> dict[str, Any]:
        """The current status of a promise: ``status``, ``version`` (0 = never rated), progress, ``updated_at``."""
        with self.core.read_session() as s:
            return state_dict(s.get(tm.State, int(item_id)))

    def item_tracking(self, item_id: int, *, include_pending: bool = False) -> dict[str, Any]:
        """Everything a promise's page shows: the item (with its region and pair), its state, default target,
        milestones and history — in one session (this is the most read page). The public view (without
        pending entries) is kept while the promise is unchanged (:mod:`janji.track.freshness`)."""
        if not include_pending:
            return self.public.get(int(item_id), lambda: self._item_tracking(item_id, False))
        return self._item_tracking(item_id, include_pending)

    def public_view(self, item_id: int, name: Any, make) -> Any:
        """``make(tracking)`` over a promise's public tracking (:meth:`item_tracking`), made once and kept with
        it while the promise is unchanged: its JSON, its public page. ``name`` tells the products of one
        promise apart (and holds whatever else they depend on); ``make`` must not change what it is given.
        Raises as :meth:`item_tracking` does."""
        return self.public.derive(int(item_id), lambda: self._item_tracking(item_id, False), name, make)

    def _item_tracking(self, item_id: int, include_pending: bool) -> dict[str, Any]:
        # plain rows on the session's connection, the promise with its region, pair, state and review setting
        # in one query: the ORM's object loading cost more than the queries, each query is a round trip
        with self.core.read_connection() as conn:
            row = conn.execute(TRACKING_OF, {"item": int(item_id)}).first()
            if row is None:
                raise NotFound(f"butir janji {item_id} tidak ditemukan")
            if row.kind not in PROMISE_KINDS:
                raise NotTracked(f"butir {item_id} bukan janji (jenis {row.kind}); statusnya tidak dipantau")
            state = state_dict(SimpleNamespace(**{k: row[i] for k, i in STATE_AT.items()})
                               if row.s_version is not None else None)
            milestones = [milestone_dict(ms) for ms in conn.execute(MILESTONES_OF, {"item": row.id})]
            region_id = row.region_id
            out = {"item_id": row.id, "region_id": region_id, "kind": row.kind, "text": row.text,
                   "candidate_id": row.candidate_id, "document_id": row.document_id, "state": state,
                   "region": {"id": row.r_id, "name": row.r_name} if row.r_id is not None else None,
                   "candidate": pair_name(SimpleNamespace(head=row.c_head, deputy=row.c_deputy))
                   if row.c_head is not None else None,
                   "default_target": quantity_target(row.quantities), "milestones": milestones,
                   "needs_review": region_id is not None and bool(row.needs_review),
                   "history": self._history(conn, row.id, include_pending)}
        return out

    def history(self, item_id: int, *, include_pending: bool = False) -> list[dict[str, Any]]:
        """A promise's timeline, newest first (published entries; pending and rejected ones on request)."""
        with self.core.read_connection() as conn:
            return self._history(conn, int(item_id), include_pending)

    def _history(self, conn, item_id: int, include_pending: bool) -> list[dict[str, Any]]:
        rows = conn.execute(HISTORY_OF[bool(include_pending)], {"item": int(item_id)}).all()  # plain rows
        files = file_meta(conn, [r.evidence_file_id for r in rows if r.evidence_file_id])
        docs = {}
        if any(r.evidence_document_id for r in rows):
            with Session(bind=conn) as s:
                docs = sg.history_documents(s, rows)
        out = []
        for r in rows:
            entry = self._entries.get(r)
            if entry is None:
                entry = self._entries.put(r, update_dict(r, {}))
            # what may hold nested dicts is made anew: nothing a caller gets is shared with the kept entry
            more = {"evidence_document": docs.get(r.id)}
            if r.evidence_file_id:
                more["evidence_file"] = files.get(r.evidence_file_id) or {"id": r.evidence_file_id}
            out.append(entry | more)
        return out

    # --- the write path -------------------------------------------------------------------------------------------

    def update_status(self, actor: Actor, item_id: int, status: str, *, evidence_url: str | None = None,
                      evidence_file: tuple[str, bytes] | None = None, evidence_date: Any = None,
                      note: str | None = None, progress_value: Any = None, progress_target: Any = None,
                      progress_unit: Any = None, measured_on: Any = None, expected_version: Any = None,
                      origin: str = "form") -> dict[str, Any]:
        """Record a change of status/progress with its evidence; returns the new history entry.

        ``expected_version`` is the version the author saw (``state(item)["version"]``); if the promise
        changed since, :class:`Conflict` is raised and nothing is saved. In a region that needs review the
        entry is "pending" until a reviewer approves it.
        """
        data = validate_update(status=status, evidence_url=evidence_url, has_file=bool(evidence_file),
                               evidence_date=evidence_date, note=note, progress_value=progress_value,
                               progress_target=progress_target, progress_unit=progress_unit,
                               measured_on=measured_on, expected_version=expected_version)
        if evidence_file is not None:
            self.check_file(*evidence_file)
        for attempt in range(5):
            try:
                with self.core.session.begin() as s:
                    return self.write(s, actor, int(item_id), data, evidence_file, origin)
            except OperationalError as exc:
                # SQLite: another writer held the lock past the timeout; PostgreSQL: a serialization failure
                if attempt == 4:
                    raise Conflict("basis data sibuk; coba simpan lagi") from exc
                time.sleep(0.05 * (attempt + 1))
        raise Conflict("basis data sibuk; coba simpan lagi")

    def write(self, s: Session, actor: Actor, item_id: int, data: dict[str, Any],
              evidence_file: tuple[str, bytes] | None, origin: str) -> dict[str, Any]:
        """Write one update already checked by :func:`validate_update` in the caller's transaction ``s`` (a
        form's own, or a whole import's): rights, the version seen, the default target, the file; published
        at once unless the region needs review.

        Plain statements on the session's connection, as few as the rules allow (each is a round trip while
        the promise's state row and the region's tallies are locked): the promise with its region, pair,
        bidang, document, review setting and state in one query (on PostgreSQL it also takes the region's
        shared tally lock, :meth:`Scorecards.publish`), the entry inserted already published, the state
        moved only from the version seen, the tallies in one statement, the audit entry."""
        conn = s.connection()
        row = conn.execute(self._write_of(), {"item": int(item_id)}).first()
        if row is None:
            raise NotFound(f"butir janji {item_id} tidak ditemukan")
        if row.kind not in PROMISE_KINDS:
            raise NotTracked(f"butir {item_id} bukan janji (jenis {row.kind}); statusnya tidak dipantau")
        region_id = row.region_id
        if not actor.can_edit(region_id):
            raise Forbidden("Anda tidak berhak mengubah janji di wilayah ini")
        current = (SimpleNamespace(**{c: row[i] for c, i in WRITE_STATE_AT.items()})
                   if row.s_version is not None else None)
        seen = current.version if current is not None else 0
        before = state_dict(current)
        if data["expected_version"] != seen:
            raise Conflict(conflict_message(current), before)
        if data["progress_value"] is not None and data["progress_target"] is None:
            data["progress_target"] = (current.progress_target if current is not None and current.progress_target
                                       else (quantity_target(row.quantities) or {}).get("value"))
            if data["progress_unit"] is None:
                data["progress_unit"] = (current.progress_unit if current is not None and current.progress_unit
                                         else (quantity_target(row.quantities) or {}).get("unit"))
            if data["progress_target"] is None:  # a well-formed request the promise's state cannot take: 409
                raise Conflict("target wajib diisi untuk nilai capaian (janji ini tidak punya target angka)", before)
        file_id = self.store_file(s, *evidence_file) if evidence_file is not None else None
        review = actor.role != "admin" and region_id is not None and bool(row.needs_review)
        t = now()
        entry = dict(item_id=int(item_id), region_id=region_id, status=data["status"], prev_status=None,
                     progress_value=data["progress_value"], progress_target=data["progress_target"],
                     progress_unit=data["progress_unit"], measured_on=data["measured_on"],
                     evidence_url=data["evidence_url"], evidence_file_id=file_id, evidence_document_id=None,
                     evidence_date=data["evidence_date"], note=data["note"], author_id=actor.id,
                     author_name=actor.label, origin=origin, base_version=seen, created_at=t,
                     state="pending" if review else "published", published_at=None, published_month=None,
                     reviewer_id=None, reviewed_at=None, review_note=None)
        if not review:
            entry.update(state="published", published_at=t, published_month=t.strftime("%Y-%m"),
                         prev_status=current.status if current is not None else st.UNRATED)
        entry["id"] = conn.execute(UPDATE_INSERT, entry).scalar_one()
        out = SimpleNamespace(**entry)
        after = update_dict(out, {})
        action = "update.submit" if review else "update.publish"
        early = self.core.dialect == "postgresql"
        if early:
            # the audit entry before the shared rows: the state row (the promise's), then the region's tallies
            # and, at the commit, the pair's version stay locked for one round trip fewer (on SQLite the write
            # lock is held from the entry's insert to the commit whatever the order)
            self.core.log(s, actor, action, "item", item_id, before, after)
        if not review:
            values = dict(status=out.status, update_id=out.id, progress_value=out.progress_value,
                          progress_target=out.progress_target, progress_unit=out.progress_unit,
                          measured_on=out.measured_on, updated_at=t, region_id=region_id)
            if out.progress_value is None and current is not None:
                # a status change without a new measurement keeps the last measured progress
                values.update(progress_value=current.progress_value, progress_target=current.progress_target,
                              progress_unit=current.progress_unit, measured_on=current.measured_on)
            self._move_state(s, out.item_id, seen, values)
            if region_id is not None:
                old = (current.status, current.progress_value, current.progress_target) if current else None
                self.scorecards.move(s, region_id, row.candidate_id, row.sectors, row.superseded_by_id is not None,
                                     old, (values["status"], values["progress_value"], values["progress_target"]),
                                     out.published_month)
        if not early:
            self.core.log(s, actor, action, "item", item_id, before, after)
        return after

    def _write_of(self):
        """:data:`WRITE_OF`, on PostgreSQL with the region's shared tally lock taken by the same statement."""
        return WRITE_OF_PG if self.core.dialect == "postgresql" else WRITE_OF

    @staticmethod
    def _move_state(s: Session, item_id: int, seen: int, values: dict[str, Any]) -> None:
        """The promise's state from version ``seen`` to the next with ``values`` (:class:`Conflict` if it moved)."""
        if seen == 0:
            try:
                with s.begin_nested():
                    s.connection().execute(STATE_INSERT, dict(values, item_id=item_id, version=1))
            except IntegrityError:
                raise Conflict(conflict_message(None)) from None
            return
        res = s.connection().execute(STATE_UPDATE, dict(values, item=item_id, seen=seen))
        if res.rowcount != 1:
            s.expire_all()
            raise Conflict(conflict_message(s.get(tm.State, item_id)))

    def publish(self, s: Session, row: tm.Update, *, current_version: int) -> None:
        """Make ``row`` the promise's current state if the state is still at ``current_version`` (else Conflict)."""
        t = now()
        current = s.get(tm.State, row.item_id)
        prev_status = current.status if current is not None else st.UNRATED
        values = dict(status=row.status, update_id=row.id, progress_value=row.progress_value,
                      progress_target=row.progress_target, progress_unit=row.progress_unit,
                      measured_on=row.measured_on, updated_at=t, region_id=row.region_id)
        if row.progress_value is None and current is not None:
            # a status change without a new measurement keeps the last measured progress
            values.update(progress_value=current.progress_value, progress_target=current.progress_target,
                          progress_unit=current.progress_unit, measured_on=current.measured_on)
        if current_version == 0:
            try:
                with s.begin_nested():
                    s.execute(insert(tm.State).values(item_id=row.item_id, version=1, **values))
            except IntegrityError:
                raise Conflict(conflict_message(None)) from None
        else:
            # a plain UPDATE on the session's connection (the ORM's bulk-update path cost more than the statement)
            state = tm.State.__table__
            res = s.connection().execute(update(state).where(state.c.item_id == row.item_id,
                                                             state.c.version == current_version)
                                         .values(version=state.c.version + 1, **values))
            if res.rowcount != 1:
                s.expire_all()
                raise Conflict(conflict_message(s.get(tm.State, row.item_id)))
        row.state, row.published_at, row.published_month, row.prev_status = "published", t, t.strftime("%Y-%m"), \
            prev_status
        old = (current.status, current.progress_value, current.progress_target) if current is not None else None
        self.scorecards.publish(s, row, old, (values["status"], values["progress_value"], values["progress_target"]),
                                row.published_month)
        s.flush()
        if current is not None:
            # the state was changed past the session (above): read again when next used. Only it: expiring
            # everything made the caller's next look at ``row`` one more query inside the write transaction
            s.expire(current)

    def check_file(self, name: str, data: bytes, size: int | None = None) -> None:
        """An evidence file must have bytes and stay within ``JANJI_EVIDENCE_MAX_MB``: :class:`TooLarge` (413).
        ``size``: the file's whole size when only its first bytes were read."""
        size = len(data) if size is None else size
        if not size:
            raise Invalid(f"{safe_filename(name)}: berkas bukti kosong")
        if size > self.core.settings.evidence_max_bytes:
            mb = f"{size / track_settings.MB:.1f}".replace(".", ",")
            raise TooLarge(f"{safe_filename(name)}: berkas bukti terlalu besar ({mb} MB); "
                           f"batas {self.core.settings.evidence_max_mb} MB")

    @staticmethod
    def store_file(s: Session, name: str, data: bytes) -> int:
        """Keep an evidence file (its name made safe, its type sniffed from its bytes); returns its id."""
        row = tm.File(sha256=hashlib.sha256(data).hexdigest(), name=safe_filename(name), content_type=sniff(data),
                      size=len(data), data=data, created_at=now())
        s.add(row)
        s.flush()
        return row.id

    def file(self, file_id: int) -> dict[str, Any] | None:
        """An evidence file: ``name``, ``content_type`` (sniffed), ``data`` — if it belongs to a published entry."""
        with self.core.session() as s:
            f = s.get(tm.File, int(file_id))
            if f is None:
                return None
            published = s.scalar(select(func.count()).select_from(tm.Update).where(
                tm.Update.evidence_file_id == f.id, tm.Update.state == "published"))
            return {"id": f.id, "name": f.name, "content_type": f.content_type, "size": f.size, "data": f.data,
                    "published": bool(published)}

    # --- evidence suggestions (janji.track.suggestions) ------------------------------------------------------------

    def suggestions(self, actor: Actor, region_id: int) -> dict[str, Any]:
        """A region's pending evidence suggestions by promise (editors of the region; computed when stale)."""
        return sg.for_region(self.core, actor, region_id)

    def item_suggestions(self, item_id: int) -> list[dict[str, Any]]:
        """A promise's pending evidence suggestions (stored ones: reading a promise's page computes nothing)."""
        return sg.for_item(self.core, item_id)

    def accept_suggestion(self, actor: Actor, suggestion_id: int, note: str | None = None) -> dict[str, Any]:
        """Accept a suggestion: a history entry with its source and date, audited; no status changes."""
        return sg.accept(self.core, actor, suggestion_id, note)

    def reject_suggestion(self, actor: Actor, suggestion_id: int) -> dict[str, Any]:
        """Reject a suggestion (audited); it is not proposed again."""
        return sg.reject(self.core, actor, suggestion_id)

    # --- milestones -----------------------------------------------------------------------------------------------

    def add_milestone(self, actor: Actor, item_id: int, name: str, *, planned_on: Any = None,
                      reached_on: Any = None, evidence_url: str | None = None) -> dict[str, Any]:
        errors: list[str] = []
        name = (name or "").strip()
        if not name or len(name) > 200:
            errors.append("nama tahapan wajib diisi (maks. 200 karakter)")
        planned = any_date(planned_on, "tanggal rencana", errors)
        reached = parse_date(reached_on, "tanggal tercapai", errors)
        url = (evidence_url or "").strip() or None
        if url and not http_url(url):
            errors.append("URL bukti harus alamat http:// atau https:// yang lengkap")
        if reached and not url:
            errors.append("tahapan yang sudah tercapai perlu URL bukti")
        if errors:
            raise Invalid("; ".join(errors), errors)
        with self.core.session.begin() as s:
            item, region_id = self.core.item(s, item_id)
            if not actor.can_edit(region_id):
                raise Forbidden("Anda tidak berhak mengubah janji di wilayah ini")
            pos = (s.scalar(select(func.max(tm.Milestone.position)).where(tm.Milestone.item_id == item.id)) or 0) + 1
            row = tm.Milestone(item_id=item.id, position=pos, name=name, planned_on=planned, reached_on=reached,
                               evidence_url=url, created_by_id=actor.id)
            s.add(row)
            s.flush()
            out = milestone_dict(row)
            self.core.log(s, actor, "milestone.add", "item", item.id, None, out)
            return out

    def reach_milestone(self, actor: Actor, milestone_id: int, reached_on: Any, evidence_url: str) -> dict[str, Any]:
        errors: list[str] = []
        reached = parse_date(reached_on, "tanggal tercapai", errors, required=True)
        url = (evidence_url or "").strip() or None
        if not url or not http_url(url):
            errors.append("URL bukti harus alamat http:// atau https:// yang lengkap")
        if errors:
            raise Invalid("; ".join(errors), errors)
        with self.core.session.begin() as s:
            row = s.get(tm.Milestone, int(milestone_id))
            if row is None:
                raise NotFound(f"tahapan {milestone_id} tidak ditemukan")
            _, region_id = self.core.item(s, row.item_id)
            if not actor.can_edit(region_id):
                raise Forbidden("Anda tidak berhak mengubah janji di wilayah ini")
            before = milestone_dict(row)
            row.reached_on, row.evidence_url = reached, url
            s.flush()
            out = milestone_dict(row)
            self.core.log(s, actor, "milestone.reach", "milestone", row.id, before, out)
            return out
