"""Review: which regions need a reviewer, the queue of pending changes and public proposals, approving and
rejecting them (one decision each, however many reviewers click at once), and the public's evidence
proposals with their rate limits and daily quotas (``janji.track.settings``).
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any, Iterable

from sqlalchemy import false, func, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from janji.store import models as sm
from janji.track import models as tm
from janji.track import settings as track_settings
from janji.track import statuses as st
from janji.track.core import DAY, Actor, Core, now
from janji.track.errors import Conflict, Forbidden, Invalid, NotFound, Throttled
from janji.track.records import file_meta, proposal_dict, update_dict
from janji.track.updates import Updates
from janji.track.validation import MAX_NOTE, validate_update, wait_label

_RATE_ADDRESS = "terlalu banyak usulan dari alamat Anda dalam waktu singkat; coba lagi dalam {wait}"
_RATE_ALL = "portal sedang menerima terlalu banyak usulan; coba lagi dalam {wait}"
_DAILY_ADDRESS = "batas harian usulan dari alamat Anda ({n} usulan per 24 jam) tercapai; coba lagi dalam {wait}"
_DAILY_ALL = "batas harian usulan untuk seluruh portal tercapai; coba lagi dalam {wait}"
_DAILY_BYTES = ("batas harian ukuran berkas usulan untuk seluruh portal tercapai; kirim tautan (URL) bukti "
                "tanpa berkas, atau coba lagi dalam {wait}")
_QUEUE_FULL = ("antrean tinjauan sedang penuh berkas; kirim tautan (URL) bukti tanpa berkas, atau coba lagi "
               "setelah peninjau memproses antrean")


class Review:
    """The review queue and its decisions, the regions' review setting, and public proposals."""

    QUEUE_PAGE = 50
    BULK_MAX = 2000

    def __init__(self, core: Core, updates: Updates):
        self.core = core
        self.updates = updates

    # --- which regions need review ------------------------------------------------------------------------------

    def needs_review(self, region_id: int | None) -> bool:
        if region_id is None:
            return False
        with self.core.session() as s:
            return self.core.needs_review_in(s, region_id)

    def set_needs_review(self, actor: Actor, region_id: int, needs: bool) -> None:
        if actor.role != "admin":
            raise Forbidden("hanya admin yang dapat mengatur wilayah")
        with self.core.session.begin() as s:
            if s.get(sm.Region, region_id) is None:
                raise NotFound(f"wilayah {region_id} tidak ditemukan")
            row = s.get(tm.RegionSetting, region_id)
            before = bool(row and row.needs_review)
            if row is None:
                s.add(tm.RegionSetting(region_id=region_id, needs_review=needs))
            else:
                row.needs_review = needs
            self.core.log(s, actor, "region.review", "region", region_id, {"needs_review": before},
                          {"needs_review": needs})

    # --- review ---------------------------------------------------------------------------------------------------

    def _queue_filters(self, actor: Actor, q, model, *, region: int | None = None, has_file: bool | None = None,
                       text: str | None = None, source: str | None = None):
        """The queue's filters on a select of ``model`` (``tm.Update`` or ``tm.Proposal``) joined to the item."""
        if actor.role != "admin":
            q = q.where(model.region_id.in_(actor.regions or {-1}))
        if region is not None:
            q = q.where(model.region_id == region)
        if has_file is not None:
            q = q.where(model.evidence_file_id.is_not(None) if has_file else model.evidence_file_id.is_(None))
        if text:
            like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            who = model.proposer if model is tm.Proposal else model.author_name
            q = q.where(or_(*(func.lower(func.coalesce(col, "")).like(like.lower(), escape="\\")
                              for col in (sm.Item.text, model.note, model.evidence_url, who))))
        if source is not None:
            q = q.where(tm.Proposal.source == source) if model is tm.Proposal else q.where(false())
        return q

    def queue(self, actor: Actor, *, kind: str | None = None, region: int | None = None,
              has_file: bool | None = None, text: str | None = None, source: str | None = None, page: int = 1,
              per_page: int = QUEUE_PAGE) -> dict[str, Any]:
        """Pending updates and public proposals the actor may review, oldest first, a page at a time.

        Filters: ``kind`` ("updates" or "proposals" only), ``region``, ``has_file``, ``text`` (in the promise,
        note, URL or name), ``source`` (proposals sent from one address: its keyed hash). ``senders`` lists
        the addresses with the most pending proposals, so that a flood is found and rejected in one go.
        """
        if actor.role not in ("admin", "reviewer"):
            raise Forbidden("hanya peninjau atau admin yang dapat membuka antrean tinjauan")
        page = max(1, int(page))
        per_page = max(1, min(int(per_page), 500))
        text = (text or "").strip()[:200] or None
        with self.core.session() as s:
            out: dict[str, Any] = {"page": page, "per_page": per_page}
            for name, model in (("updates", tm.Update), ("proposals", tm.Proposal)):
                if kind not in (None, name):
                    out[name], out[f"{name}_total"] = [], 0
                    continue
                base = self._queue_filters(actor, select(model.id).join(sm.Item, sm.Item.id == model.item_id)
                                           .where(model.state == "pending"), model, region=region,
                                           has_file=has_file, text=text, source=source)
                out[f"{name}_total"] = s.scalar(select(func.count()).select_from(base.subquery()))
                ids = list(s.scalars(base.order_by(model.id).limit(per_page).offset((page - 1) * per_page)))
                rows = s.execute(select(model, sm.Item.text).join(sm.Item, sm.Item.id == model.item_id)
                                 .where(model.id.in_(ids or [-1])).order_by(model.id)).all()
                files = file_meta(s, [r.evidence_file_id for r, _ in rows if r.evidence_file_id])
                as_dict = update_dict if model is tm.Update else proposal_dict
                out[name] = [as_dict(r, files) | {"item_text": t} for r, t in rows]
            out["pages"] = max(1, -(-max(out["updates_total"], out["proposals_total"]) // per_page))
            senders = select(tm.Proposal.source, func.count().label("n")).where(
                tm.Proposal.state == "pending", tm.Proposal.source.is_not(None))
            if actor.role != "admin":
                senders = senders.where(tm.Proposal.region_id.in_(actor.regions or {-1}))
            out["senders"] = [{"source": src, "pending": n} for src, n in s.execute(
                senders.group_by(tm.Proposal.source).having(func.count() > 1)
                .order_by(func.count().desc(), tm.Proposal.source).limit(10))]
            return out

    def reject_proposals(self, actor: Actor, ids: Iterable[int] | None = None, *, region: int | None = None,
                         has_file: bool | None = None, text: str | None = None, source: str | None = None
                         ) -> dict[str, Any]:
        """Reject many pending proposals at once: the ``ids`` given, or (``ids`` None) every one matching the
        queue's filters, up to :attr:`BULK_MAX` per call. Their files are deleted (a rejected proposal is
        never shown); each rejection is audited. Returns ``{"rejected": n, "left": pending still matching}``."""
        if actor.role not in ("admin", "reviewer"):
            raise Forbidden("hanya peninjau atau admin yang dapat menolak usulan")
        t = now()
        with self.core.session.begin() as s:
            q = self._queue_filters(actor, select(tm.Proposal).join(sm.Item, sm.Item.id == tm.Proposal.item_id)
                                    .where(tm.Proposal.state == "pending"), tm.Proposal, region=region,
                                    has_file=has_file, text=text, source=source)
            if ids is not None:
                wanted = sorted({int(i) for i in ids})[: self.BULK_MAX]
                q = q.where(tm.Proposal.id.in_(wanted or [-1]))
            rows = list(s.scalars(q.order_by(tm.Proposal.id).limit(self.BULK_MAX)))
            files = []
            for p in rows:
                p.state, p.reviewer_id, p.reviewed_at = "rejected", actor.id, t
                self.core.log(s, actor, "proposal.reject", "proposal", p.id, {"state": "pending"},
                              proposal_dict(p, {}))
                if p.evidence_file_id is not None:
                    files.append(p.evidence_file_id)
                    p.evidence_file_id = None
            s.flush()
            self._drop_files(s, files)
            left = 0
            if ids is None:
                left = s.scalar(select(func.count()).select_from(q.subquery()))
            return {"rejected": len(rows), "left": left}

    @staticmethod
    def _drop_files(s: Session, file_ids: list[int]) -> None:
        """Delete evidence files nothing refers to any more (a rejected proposal's)."""
        for chunk in range(0, len(file_ids), 500):
            part = file_ids[chunk:chunk + 500]
            used = set(s.scalars(select(tm.Update.evidence_file_id).where(tm.Update.evidence_file_id.in_(part))))
            used |= set(s.scalars(select(tm.Proposal.evidence_file_id).where(tm.Proposal.evidence_file_id.in_(part))))
            gone = [f for f in part if f not in used]
            if gone:
                s.query(tm.File).filter(tm.File.id.in_(gone)).delete(synchronize_session=False)

    def review(self, actor: Actor, update_id: int, approve: bool, note: str | None = None) -> dict[str, Any]:
        """Approve (publish) or reject a pending update. Approving publishes on top of whatever is current:
        both entries stay in the history, nothing is overwritten."""
        note = (note or "").strip()[:MAX_NOTE] or None
        for _ in range(5):
            try:
                with self.core.session.begin() as s:
                    row = s.get(tm.Update, int(update_id))
                    if row is None:
                        raise NotFound(f"perubahan {update_id} tidak ditemukan")
                    if not actor.can_review(row.region_id):
                        raise Forbidden("Anda tidak berhak meninjau perubahan di wilayah ini")
                    if actor.id is not None and row.author_id == actor.id:
                        raise Forbidden("perubahan sendiri tidak dapat ditinjau sendiri")
                    claimed = s.execute(update(tm.Update).where(tm.Update.id == row.id, tm.Update.state == "pending")
                                        .values(state="reviewing" if approve else "rejected", reviewer_id=actor.id,
                                                reviewed_at=now(), review_note=note)
                                        .execution_options(synchronize_session=False))
                    if claimed.rowcount != 1:
                        raise Conflict("perubahan ini sudah ditinjau orang lain")
                    s.expire_all()
                    row = s.get(tm.Update, int(update_id))
                    if approve:
                        current = s.get(tm.State, row.item_id)
                        self.updates.publish(s, row, current_version=current.version if current is not None else 0)
                    after = update_dict(row, {})
                    self.core.log(s, actor, "update.approve" if approve else "update.reject", "update", row.id,
                                  {"state": "pending"}, after)
                    return after
            except Conflict as exc:
                if "ditinjau" in exc.message:
                    raise
                continue  # the state moved between our read and our write: read it again
        raise Conflict("basis data sibuk; coba lagi")

    # --- public proposals -----------------------------------------------------------------------------------------

    def proposal_wait(self, ip: str | None) -> tuple[float, str | None]:
        """Seconds before ``ip`` may send another proposal, with the reason in Indonesian; (0, None) = now.

        Only reads the rate counters, and says "wait" only once a post has already been refused by them (so a
        person who goes one over the limit still gets the form back with what they typed). The portal asks
        this before it reads a proposal's body: a flood is refused without receiving its files."""
        cfg = self.core.settings
        t = now()
        keys = {f"proposal:addr:{self.core.address_key(ip)}": (cfg.proposal_rate_address, _RATE_ADDRESS),
                "proposal:all": (cfg.proposal_rate_all, _RATE_ALL)}
        with self.core.session() as s:
            for row in s.scalars(select(tm.Counter).where(tm.Counter.key.in_(list(keys)))):
                rate, message = keys[row.key]
                end = row.started_at + timedelta(seconds=rate.seconds)
                if end > t and row.count > rate.count:
                    wait = (end - t).total_seconds()
                    return wait, message.format(wait=wait_label(wait))
        return 0.0, None

    def _quota_wait(self, s: Session, source: str | None, size: int, t: datetime) -> tuple[float, str | None]:
        """The daily quotas and the queue's file cap, counted from the proposals kept in the database (so
        every worker process sees the same): (seconds to wait, reason) or (0, None)."""
        cfg = self.core.settings
        since = t - DAY

        def until_oldest(q) -> float:
            oldest = s.scalar(q)
            return max(60.0, ((oldest + DAY) - t).total_seconds()) if oldest else 3600.0

        recent = select(tm.Proposal.created_at).where(tm.Proposal.created_at >= since)
        if source is not None:
            n = s.scalar(select(func.count()).where(tm.Proposal.source == source, tm.Proposal.created_at >= since))
            if n >= cfg.proposal_daily_address:
                wait = until_oldest(select(func.min(tm.Proposal.created_at)).where(
                    tm.Proposal.source == source, tm.Proposal.created_at >= since))
                return wait, _DAILY_ADDRESS.format(n=cfg.proposal_daily_address, wait=wait_label(wait))
        n = s.scalar(select(func.count()).select_from(recent.subquery()))
        if n >= cfg.proposal_daily_all:
            wait = until_oldest(select(func.min(tm.Proposal.created_at)).where(tm.Proposal.created_at >= since))
            return wait, _DAILY_ALL.format(wait=wait_label(wait))
        if size:
            daily = s.scalar(select(func.coalesce(func.sum(tm.File.size), 0)).select_from(tm.Proposal)
                             .join(tm.File, tm.File.id == tm.Proposal.evidence_file_id)
                             .where(tm.Proposal.created_at >= since))
            if daily + size > cfg.proposal_daily_mb * track_settings.MB:
                wait = until_oldest(select(func.min(tm.Proposal.created_at)).where(
                    tm.Proposal.created_at >= since, tm.Proposal.evidence_file_id.is_not(None)))
                return wait, _DAILY_BYTES.format(wait=wait_label(wait))
            waiting = s.scalar(select(func.coalesce(func.sum(tm.File.size), 0)).select_from(tm.Proposal)
                               .join(tm.File, tm.File.id == tm.Proposal.evidence_file_id)
                               .where(tm.Proposal.state == "pending"))
            if waiting + size > cfg.proposal_pending_mb * track_settings.MB:
                return 3600.0, _QUEUE_FULL
        return 0.0, None

    def count_proposal(self, ip: str | None) -> None:
        """Count one proposal post against the per-address rate, then (if that allowed it) the overall rate:
        :class:`Throttled` when either is used up. An address over its own limit does not use up everyone's."""
        cfg = self.core.settings
        t = now()
        for key, rate, message in ((f"proposal:addr:{self.core.address_key(ip)}", cfg.proposal_rate_address,
                                    _RATE_ADDRESS), ("proposal:all", cfg.proposal_rate_all, _RATE_ALL)):
            window = timedelta(seconds=rate.seconds)
            for attempt in range(5):
                try:
                    with self.core.session.begin() as s:
                        n = self.core.hit(s, key, t, fresh_before=t - window, by="started_at")
                        started = s.scalar(select(tm.Counter.started_at).where(tm.Counter.key == key))
                    break
                except (IntegrityError, OperationalError):
                    if attempt == 4:
                        raise Throttled("server sedang sibuk; coba lagi sebentar lagi", 5) from None
                    time.sleep(0.05 * (attempt + 1))
            if n > rate.count:
                wait = ((started + window) - t).total_seconds()
                raise Throttled(message.format(wait=wait_label(wait)), wait)

    def propose(self, item_id: int, *, proposer: str, contact: str | None = None, status: str | None = None,
                evidence_url: str | None = None, evidence_file: tuple[str, bytes] | None = None,
                evidence_date: Any = None, note: str | None = None, ip: str | None = None,
                limits: bool = False) -> dict[str, Any]:
        """Anyone proposes evidence for a promise: it waits in the review queue, never published unreviewed.

        With ``limits`` (the portal's public form sets it), every post counts against the per-address and overall rates, and
        an accepted one against the daily quotas and the queue's file cap (``janji.track.settings``); over
        any of them: :class:`Throttled` (429) with the seconds to wait. A file over the evidence limit:
        :class:`TooLarge` (413)."""
        if limits:
            self.count_proposal(ip)
        errors = []
        proposer = (proposer or "").strip()
        if not proposer or len(proposer) > 200:
            errors.append("nama pengusul wajib diisi (maks. 200 karakter)")
        contact = (contact or "").strip()[:200] or None
        try:
            data = validate_update(status=status or st.UNRATED, evidence_url=evidence_url,
                                   has_file=bool(evidence_file), evidence_date=evidence_date, note=note,
                                   require_version=False)
        except Invalid as exc:
            errors.extend(exc.errors)
            data = None
        if errors:
            raise Invalid("; ".join(errors), errors)
        if evidence_file is not None:
            self.updates.check_file(*evidence_file)
        source = self.core.address_key(ip) if ip is not None else None
        with self.core.session.begin() as s:
            if limits:
                # one row every proposal writes first: its lock (held to the commit, on both backends) lets
                # one proposal at a time count the quotas and add itself, so a burst cannot overshoot them
                t = now()
                self.core.hit(s, "proposal:serial", t, fresh_before=t - DAY)
            item, region_id = self.core.item(s, item_id)
            if limits:
                wait, reason = self._quota_wait(s, source, len(evidence_file[1]) if evidence_file else 0, now())
                if wait:
                    raise Throttled(reason, wait)
            file_id = self.updates.store_file(s, *evidence_file) if evidence_file is not None else None
            row = tm.Proposal(item_id=item.id, region_id=region_id, proposer=proposer, contact=contact,
                              status=data["status"] if status else None, evidence_url=data["evidence_url"],
                              evidence_file_id=file_id, evidence_date=data["evidence_date"], note=data["note"],
                              created_at=now(), source=source, state="pending")
            s.add(row)
            s.flush()
            out = proposal_dict(row, {})
            self.core.log(s, Actor(None, "publik", f"publik: {proposer}", "public", ip=ip), "proposal.add", "item",
                          item.id, None, out)
            return out

    def review_proposal(self, actor: Actor, proposal_id: int, approve: bool, *, status: str | None = None
                        ) -> dict[str, Any]:
        """Approve (becomes a published history entry, credited to the proposer) or reject a proposal."""
        for _ in range(5):
            try:
                with self.core.session.begin() as s:
                    p = s.get(tm.Proposal, int(proposal_id))
                    if p is None:
                        raise NotFound(f"usulan {proposal_id} tidak ditemukan")
                    if not actor.can_review(p.region_id):
                        raise Forbidden("Anda tidak berhak meninjau usulan di wilayah ini")
                    claimed = s.execute(update(tm.Proposal).where(tm.Proposal.id == p.id,
                                                                  tm.Proposal.state == "pending")
                                        .values(state="approved" if approve else "rejected", reviewer_id=actor.id,
                                                reviewed_at=now()).execution_options(synchronize_session=False))
                    if claimed.rowcount != 1:
                        raise Conflict("usulan ini sudah ditinjau orang lain")
                    s.expire_all()
                    p = s.get(tm.Proposal, int(proposal_id))
                    current = s.get(tm.State, p.item_id)
                    new_status = st.normalise(status) or p.status or (current.status if current else st.UNRATED)
                    entry = None
                    if approve:
                        row = tm.Update(item_id=p.item_id, region_id=p.region_id, status=new_status,
                                        evidence_url=p.evidence_url, evidence_file_id=p.evidence_file_id,
                                        evidence_date=p.evidence_date, note=p.note, author_id=None,
                                        author_name=f"{p.proposer} (usulan publik)", origin="proposal",
                                        base_version=current.version if current else 0, created_at=p.created_at,
                                        state="reviewing", reviewer_id=actor.id, reviewed_at=now())
                        s.add(row)
                        s.flush()
                        self.updates.publish(s, row, current_version=current.version if current else 0)
                        p.update_id = row.id
                        entry = update_dict(row, {})
                    out = proposal_dict(p, {}) | {"update": entry}
                    self.core.log(s, actor, "proposal.approve" if approve else "proposal.reject", "proposal", p.id,
                                  {"state": "pending"}, out)
                    if not approve and p.evidence_file_id is not None:
                        dropped, p.evidence_file_id = p.evidence_file_id, None
                        s.flush()
                        self._drop_files(s, [dropped])
                    return out
            except Conflict as exc:
                if "ditinjau" in exc.message:
                    raise
                continue
        raise Conflict("basis data sibuk; coba lagi")
