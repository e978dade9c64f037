"""Tracking tables, on the store's declarative ``Base`` (migration: ``0002_track``).

History is the truth: ``track_updates`` is appended to, never rewritten (a
review only moves an entry from "pending" to "published" or "rejected").
``track_state`` is the latest published entry of each promise, kept beside it
so a scorecard of 50,000 promises is one grouped query, and carries the
``version`` that optimistic locking compares. ``track_audit`` is append-only;
database triggers refuse UPDATE and DELETE on it.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String,
                        Text)
from sqlalchemy.orm import Mapped, mapped_column

from janji.store.models import Base

ROLES = ("admin", "editor", "reviewer")


class User(Base):
    __tablename__ = "track_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # bumped on disable / password change / role change: every cookie signed for an older epoch stops working
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class UserRegion(Base):
    """A region an editor may change, or a reviewer may review."""

    __tablename__ = "track_user_regions"
    user_id: Mapped[int] = mapped_column(ForeignKey("track_users.id", ondelete="CASCADE"), primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True, index=True)


class Token(Base):
    """An API token for an account's scripts; only its SHA-256 is kept (the token is shown once)."""

    __tablename__ = "track_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("track_users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))  # shown in lists so a user can tell tokens apart
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class RegionSetting(Base):
    __tablename__ = "track_region_settings"
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)


class Setting(Base):
    """Instance-wide values (the cookie signing key), shared by every worker process of a server."""

    __tablename__ = "track_settings"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LoginSession(Base):
    """A login: the cookie carries a random token, this row its SHA-256. Deleting the row ends the session
    (logout, password change, account disabled); it also ends when idle or too old (``track.settings``)."""

    __tablename__ = "track_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("track_users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    seen_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ip: Mapped[str | None] = mapped_column(String(64))


class Counter(Base):
    """A count of events per key (failed logins, public proposals) in a window, shared by every worker
    process of a server; ``blocked_until`` is the end of a back-off."""

    __tablename__ = "track_counters"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)  # "login:pair:<user>|<ip>", "proposal:all", …
    count: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    last_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime)


class File(Base):
    """An uploaded evidence document (kept in the database: one backup holds everything)."""

    __tablename__ = "track_files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))  # sniffed from the bytes, never the client's claim
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Update(Base):
    """One entry of a promise's history: a status and/or progress, with its evidence."""

    __tablename__ = "track_updates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    prev_status: Mapped[str | None] = mapped_column(String(20))  # set when published: lets charts sum deltas
    progress_value: Mapped[float | None] = mapped_column(Float)
    progress_target: Mapped[float | None] = mapped_column(Float)
    progress_unit: Mapped[str | None] = mapped_column(String(50))
    measured_on: Mapped[date | None] = mapped_column(Date)
    evidence_url: Mapped[str | None] = mapped_column(Text)
    evidence_file_id: Mapped[int | None] = mapped_column(ForeignKey("track_files.id"))
    # a stored document that is the evidence (an accepted suggestion: a sentence of a later report)
    evidence_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    evidence_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("track_users.id"))
    author_name: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(20))  # form, api, import, proposal, suggestion
    base_version: Mapped[int] = mapped_column(Integer, default=0)  # the state version the author saw
    created_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(20), index=True)  # published, pending, rejected
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    published_month: Mapped[str | None] = mapped_column(String(7))  # "YYYY-MM" of publication (chart buckets)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("track_users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    review_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_track_updates_region_state", "region_id", "state", "published_month"),
                      Index("ix_track_updates_series", "region_id", "state", "published_month", "prev_status",
                            "status"),
                      Index("ix_track_updates_recent", "region_id", "published_at"))


class State(Base):
    """The current (latest published) status of a promise; absent = "belum dinilai" at version 0."""

    __tablename__ = "track_state"
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    update_id: Mapped[int] = mapped_column(ForeignKey("track_updates.id"))
    progress_value: Mapped[float | None] = mapped_column(Float)
    progress_target: Mapped[float | None] = mapped_column(Float)
    progress_unit: Mapped[str | None] = mapped_column(String(50))
    measured_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_track_state_region_status", "region_id", "status"),)


class Milestone(Base):
    """A dated stage of a promise (anggaran disetujui → lelang → dibangun → diresmikan)."""

    __tablename__ = "track_milestones"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    planned_on: Mapped[date | None] = mapped_column(Date)
    reached_on: Mapped[date | None] = mapped_column(Date)
    evidence_url: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("track_users.id"))


class Proposal(Base):
    """Evidence proposed by anyone; enters the review queue and is never published unreviewed."""

    __tablename__ = "track_proposals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    proposer: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str | None] = mapped_column(String(200))  # never shown publicly
    status: Mapped[str | None] = mapped_column(String(20))
    evidence_url: Mapped[str | None] = mapped_column(Text)
    evidence_file_id: Mapped[int | None] = mapped_column(ForeignKey("track_files.id"))
    evidence_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # a keyed hash of the proposer's address (never the address): daily quota per address, "same sender" filter
    source: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(20), index=True)  # pending, approved, rejected

    __table_args__ = (Index("ix_track_proposals_source", "source", "created_at"),)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("track_users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    update_id: Mapped[int | None] = mapped_column(ForeignKey("track_updates.id"))


class Audit(Base):
    """Append-only log of every write: who, when, what, before and after."""

    __tablename__ = "track_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)  # no FK: the log outlives what it names
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(50))
    target_id: Mapped[str | None] = mapped_column(String(50))
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    ip: Mapped[str | None] = mapped_column(String(64))


class Tally(Base):
    """Running counts behind the scorecard, kept in the same transaction as each publication.

    ``scope`` "pair" (key: candidate id, "-" without a pair), "sector" (key: bidang code), "month" (key:
    YYYY-MM; ``n`` = net change of that status in that month), "progress" (key "-", status "measured":
    ``n`` promises with a measured value, ``total`` the sum of their value/target). Only rated promises are
    counted; "belum dinilai" is the region's number of promises minus the rest. Rebuilt from the history
    when the documents change (a superseded document's promises leave the scorecard).
    """

    __tablename__ = "track_tally"
    region_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[float] = mapped_column(Float, default=0.0)
