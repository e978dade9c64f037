"""What every part of tracking shares: who is acting (:class:`Actor`), and :class:`Core` — the store, the
settings, one session factory over the store's engine, the audit log's writer, the rate counters.

The concern classes (:mod:`~janji.track.accounts`, :mod:`~janji.track.updates`,
:mod:`~janji.track.review`, :mod:`~janji.track.tallies`, :mod:`~janji.track.exchange`) each hold the
same :class:`Core`, so they see one database, one secret and one set of limits.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import DateTime, bindparam, case, insert, literal, null, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from janji.store import models as sm
from janji.track import models as tm
from janji.track import settings as track_settings
from janji.track.errors import NotFound, NotTracked
from janji.track.records import jsonable

AUDIT_INSERT = insert(tm.Audit.__table__)
NEEDS_REVIEW = select(tm.RegionSetting.needs_review).where(tm.RegionSetting.region_id == bindparam("region"))
PROMISE_KINDS = ("mission", "goal", "program", "activity", "quick_win", "strategy", "commitment")
DAY = timedelta(hours=24)


@dataclass(frozen=True)
class Actor:
    """Who is acting: an account (with its role and regions), or the public (``id`` None, role "public")."""

    id: int | None
    username: str
    name: str
    role: str
    regions: frozenset[int] = field(default_factory=frozenset)
    ip: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.username

    def can_edit(self, region_id: int | None) -> bool:
        return self.role == "admin" or (self.role == "editor" and region_id in self.regions)

    def can_review(self, region_id: int | None) -> bool:
        return self.role == "admin" or (self.role == "reviewer" and region_id in self.regions)


PUBLIC = Actor(None, "publik", "Publik", "public")
CLI = Actor(None, "cli", "Baris perintah (admin)", "admin")


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Core:
    """The store, the limits and the database session factory the tracking parts share."""

    def __init__(self, store, settings: track_settings.Settings):
        self.store = store
        self.settings = settings
        self.engine = store.engine
        self.dialect = self.engine.dialect.name
        self.session = sessionmaker(self.engine, expire_on_commit=False)
        # reads that write nothing (a promise's page, its history, a pair's promises, a token's account): on
        # PostgreSQL in autocommit. At its READ COMMITTED level every statement of a transaction sees its own
        # snapshot anyway, so a read transaction only added BEGIN and ROLLBACK, two round trips; and psycopg
        # forgets its prepared statements at every ROLLBACK (the pool's reset of each connection), so none
        # was ever reused. Never for a read that may write (the scorecard's recount).
        self.read_session = (sessionmaker(self.engine.execution_options(isolation_level="AUTOCOMMIT"),
                                          expire_on_commit=False) if self.dialect == "postgresql" else self.session)
        # the same, as a plain connection: a promise's page is built from a handful of statements, and the
        # ORM session around them (its transaction bookkeeping, opened and closed at each build) cost more
        self._read_engine = (self.engine.execution_options(isolation_level="AUTOCOMMIT")
                             if self.dialect == "postgresql" else self.engine)
        self._secret: str | None = None

    def read_connection(self):
        """A connection for reads that write nothing (see ``read_session``); use it as a context manager."""
        return self._read_engine.connect()

    @staticmethod
    def log(session: Session, actor: Actor, action: str, target: str, target_id: Any, before=None,
            after=None) -> None:
        """Write one audit entry in ``session`` (so it commits, or not, with the change it records)."""
        # a plain insert on the session's connection (every write logs one: the ORM's insert path cost more)
        session.connection().execute(AUDIT_INSERT, dict(
            at=now(), actor_id=actor.id, actor=actor.label if actor.id is None else actor.username, action=action,
            target=target, target_id=None if target_id is None else str(target_id), before=jsonable(before),
            after=jsonable(after), ip=actor.ip))

    def item(self, s: Session, item_id: int) -> tuple[sm.Item, int | None]:
        """A tracked promise and its region; :class:`NotFound` or :class:`NotTracked` otherwise."""
        row = s.execute(select(sm.Item, sm.Document.region_id).join(sm.Document, sm.Document.id == sm.Item.document_id)
                        .where(sm.Item.id == int(item_id))).first()
        if row is None:
            raise NotFound(f"butir janji {item_id} tidak ditemukan")
        item, region_id = row
        if item.kind not in PROMISE_KINDS:
            raise NotTracked(f"butir {item_id} bukan janji (jenis {item.kind}); statusnya tidak dipantau")
        return item, region_id

    @staticmethod
    def needs_review_in(s: Session, region_id: int | None) -> bool:
        if region_id is None:
            return False
        return bool(s.connection().execute(NEEDS_REVIEW, {"region": region_id}).scalar())

    def secret_key(self) -> str:
        """The cookie signing key: ``JANJI_SECRET_KEY``, else one generated once and kept in the database."""
        import os

        env = os.environ.get("JANJI_SECRET_KEY", "").strip()
        if env:
            return env
        if self._secret is not None:
            return self._secret
        with self.session() as s:
            row = s.get(tm.Setting, "secret_key")
            if row is None:
                try:
                    s.add(tm.Setting(key="secret_key", value=secrets.token_urlsafe(48)))
                    s.commit()
                except IntegrityError:  # another worker created it first: use theirs
                    s.rollback()
                row = s.get(tm.Setting, "secret_key")
            self._secret = row.value
            return self._secret

    def address_key(self, ip: str | None) -> str:
        """A keyed hash of an address: counters and proposals never keep the address itself."""
        mac = hmac.new(self.secret_key().encode(), b"addr|" + (ip or "-").encode(), hashlib.sha256)
        return mac.hexdigest()[:32]

    def upsert(self):
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        return upsert

    def hit(self, s: Session, key: str, t: datetime, *, fresh_before: datetime, by: str = "last_at") -> int:
        """Count one event for ``key`` in one atomic statement (safe with several workers on both backends).

        The count starts again from 1 when the key's ``by`` time (``last_at``: the last event, a quiet
        period; ``started_at``: the window's start, a fixed window) is older than ``fresh_before``."""
        col = getattr(tm.Counter, by)
        stale = col < fresh_before
        stmt = self.upsert()(tm.Counter).values(key=key, count=1, started_at=t, last_at=t, blocked_until=None)
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={
            "count": case((stale, 1), else_=tm.Counter.count + 1),
            "started_at": case((stale, literal(t, DateTime)), else_=tm.Counter.started_at),
            "blocked_until": case((stale, null()), else_=tm.Counter.blocked_until),
            "last_at": literal(t, DateTime)}).returning(tm.Counter.count)
        return int(s.execute(stmt).scalar_one())
