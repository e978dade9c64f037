"""Tracking: every promise followed through the term — statuses with evidence, accounts, review, audit trail.

Example:
    >>> from janji.store import open_store
    >>> from janji.track import Tracker
    >>> store = open_store("sqlite://")  # in memory here; a file or PostgreSQL in real use
    >>> doc = store.document(store.ingest_bytes(b"Misi:\\n1. Membangun 10 puskesmas baru\\n", "misi.txt").document_id)
    >>> promise = doc["items"][0]["id"]
    >>> t = Tracker(store)
    >>> admin = t.actor(t.add_user("admin", "rahasia-panjang-sekali", role="admin")["id"])
    >>> t.update_status(admin, promise, "dalam proses", evidence_url="https://example.go.id/berita",
    ...                 evidence_date="2026-03-01", expected_version=0)["status"]
    'dalam proses'
    >>> t.history(promise)[0]["status"]
    'dalam proses'

A domain service over the store (same database): it knows nothing of HTTP. The portal's tracking pages
and their ``/api/v1`` routes are :mod:`janji.web.track_pages` and :mod:`janji.web.track_api`; the CLI is
``janji user`` and ``janji track``.
"""
from __future__ import annotations

from janji.track.core import CLI, PUBLIC, Actor
from janji.track.errors import Conflict, Forbidden, TrackError
from janji.track.service import Tracker
from janji.track.statuses import STATUS_LABELS, STATUSES

__all__ = ["Tracker", "Actor", "PUBLIC", "CLI", "TrackError", "Conflict", "Forbidden", "STATUSES", "STATUS_LABELS"]
