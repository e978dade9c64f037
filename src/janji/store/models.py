"""The store's tables (SQLAlchemy 2 declarative models).

Regions hold elections (region + year); an election holds candidate pairs;
documents belong to an election (when the analyser found region and term) and
name the pairs they speak for (``document_candidates``: one pair, several
sources); items keep their source document, their place in the tree
(``parent_id``, ``position``) and, where known, the pair that made them.

Sectors and SDGs are kept twice on purpose: as the ordered JSON list the
`janji/1` format has (lossless export) and as rows in ``item_sectors`` /
``item_sdgs`` so filters and the comparison's coverage table are plain indexed
joins on SQLite and PostgreSQL alike.

Full-text search is not modelled here: the migration adds an FTS5 table
(``item_fts``, rowid = item id) on SQLite and a GIN expression index over
``to_tsvector('simple', items.stemmed)`` on PostgreSQL.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Region(Base):
    """A province, regency or city (Kemendagri name and code where known)."""

    __tablename__ = "regions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # code, else normalised name
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(20))
    level: Mapped[str | None] = mapped_column(String(20))

    elections: Mapped[list["Election"]] = relationship(back_populates="region")


class Election(Base):
    """One regional head election: a region and a year (``year`` may be unknown)."""

    __tablename__ = "elections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(250), unique=True)  # "<region key>|<year or ?>"
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)

    region: Mapped[Region | None] = relationship(back_populates="elections")
    candidates: Mapped[list["Candidate"]] = relationship(back_populates="election")


class Candidate(Base):
    """A candidate pair (or a sole office holder), one row however many documents name it."""

    __tablename__ = "candidates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    election_id: Mapped[int | None] = mapped_column(ForeignKey("elections.id"), index=True)
    head: Mapped[str] = mapped_column(String(200))
    deputy: Mapped[str | None] = mapped_column(String(200))
    head_key: Mapped[str] = mapped_column(String(200), index=True)  # normalised, titles dropped
    deputy_key: Mapped[str | None] = mapped_column(String(200))
    number: Mapped[int | None] = mapped_column(Integer)
    parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    incumbent: Mapped[bool | None] = mapped_column(Boolean)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)

    election: Mapped[Election | None] = relationship(back_populates="candidates")


class Document(Base):
    """One stored source document (one version of it: a changed file is a new row)."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    origin: Mapped[str] = mapped_column(String(1000), index=True)  # path/URL/name the versions share
    version: Mapped[int] = mapped_column(Integer, default=1)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str | None] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(300))  # the site or body that published it
    published_at: Mapped[str | None] = mapped_column(String(40))  # ISO day, or instant in UTC ("…Z")
    retrieved_at: Mapped[datetime] = mapped_column(DateTime)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    election_id: Mapped[int | None] = mapped_column(ForeignKey("elections.id"), index=True)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")  # the cleaned text item spans point into
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)

    region: Mapped[Region | None] = relationship()
    election: Mapped[Election | None] = relationship()
    items: Mapped[list["Item"]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                               order_by="Item.position")
    links: Mapped[list["DocumentCandidate"]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                            order_by="DocumentCandidate.position")


class DocumentCandidate(Base):
    """A pair named by a document: the document is one of the pair's sources."""

    __tablename__ = "document_candidates"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order in the document's candidate list
    # the pair as this document wrote it (names, number, parties): exported back unchanged
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    document: Mapped[Document] = relationship(back_populates="links")
    candidate: Mapped[Candidate] = relationship()


class Item(Base):
    """One node of a document's promise tree."""

    __tablename__ = "items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # depth-first order in the document
    depth: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    label: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    candidate_name: Mapped[str | None] = mapped_column(String(200))  # `candidate` as the document wrote it
    speaker: Mapped[str | None] = mapped_column(String(200))
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    quantities: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    sdgs: Mapped[list[int]] = mapped_column(JSON, default=list)
    measurability: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    measurable: Mapped[bool] = mapped_column(Boolean, index=True)  # see janji.store.api.is_measurable
    scores: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    evidence: Mapped[list[str] | None] = mapped_column(JSON)
    stemmed: Mapped[str] = mapped_column(Text, default="")  # Sastrawi stems of text: what search indexes

    document: Mapped[Document] = relationship(back_populates="items")
    sector_rows: Mapped[list["ItemSector"]] = relationship(cascade="all, delete-orphan")
    sdg_rows: Mapped[list["ItemSdg"]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (Index("ix_items_document_position", "document_id", "position"),)


class ItemSector(Base):
    __tablename__ = "item_sectors"
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(10), primary_key=True, index=True)
    rank: Mapped[int] = mapped_column(Integer, default=0)


class ItemSdg(Base):
    __tablename__ = "item_sdgs"
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    goal: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    rank: Mapped[int] = mapped_column(Integer, default=0)


__all__ = ["Base", "Region", "Election", "Candidate", "Document", "DocumentCandidate", "Item", "ItemSector",
           "ItemSdg"]
