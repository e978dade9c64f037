"""Tables of campaign → plan alignments and evidence suggestions (migration ``0006_align``).

``alignments`` keeps one row per run of ``janji align --region`` (the latest of a region and election is the
one shown), with the whole ``janji-align/1`` result and its coverage; ``alignment_rows`` one row per promise
(linked or dropped) and per added plan item, pointing at the stored items, so that the portal, the API and the
exports read them without recomputing. ``evidence_suggestions`` are sentences of later documents of a region
proposed as evidence for a promise, with the editor's decision; ``suggestion_scans`` remembers which
documents a region's suggestions were computed from.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from janji.store.models import Base


class Alignment(Base):
    __tablename__ = "alignments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    election_id: Mapped[int | None] = mapped_column(ForeignKey("elections.id"), index=True)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id"))
    plan_document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    campaign_document_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    campaign_items: Mapped[int] = mapped_column(Integer, default=0)
    carried: Mapped[int] = mapped_column(Integer, default=0)
    dropped: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    model: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the link model's threshold and features
    result: Mapped[dict[str, Any]] = mapped_column(JSON)  # the janji-align/1 object

    __table_args__ = (Index("ix_alignments_region_election", "region_id", "election_id", "id"),)


class AlignmentRow(Base):
    """A promise (``linked`` or ``dropped``) or a plan item no promise reaches (``added``)."""

    __tablename__ = "alignment_rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alignment_id: Mapped[int] = mapped_column(ForeignKey("alignments.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))
    campaign_item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))
    plan_item_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    match: Mapped[str | None] = mapped_column(String(10))
    score: Mapped[float | None] = mapped_column(Float)
    why: Mapped[str | None] = mapped_column(Text)


class EvidenceSuggestion(Base):
    """A sentence of a later document proposed as evidence for a promise; an editor accepts or rejects it."""

    __tablename__ = "evidence_suggestions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(String(64))  # sha256 of the normalised sentence: never proposed twice
    score: Mapped[float] = mapped_column(Float)
    why: Mapped[str | None] = mapped_column(Text)
    evidence_date: Mapped[str | None] = mapped_column(String(10))  # YYYY-MM-DD the document speaks of, if found
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending, accepted, rejected
    created_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    update_id: Mapped[int | None] = mapped_column(Integer)  # the tracking entry an acceptance created

    __table_args__ = (UniqueConstraint("item_id", "text_key", name="uq_evidence_suggestions_item_text"),
                      Index("ix_evidence_suggestions_region_state", "region_id", "state"))


class SuggestionScan(Base):
    """Which documents a region's suggestions were last computed from (``fingerprint``)."""

    __tablename__ = "suggestion_scans"
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(Text)
    scanned_at: Mapped[datetime] = mapped_column(DateTime)


__all__ = ["Alignment", "AlignmentRow", "EvidenceSuggestion", "SuggestionScan"]
