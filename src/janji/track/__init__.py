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

Pages and ``/api/v1`` routes: :mod:`janji.track.web`; CLI: ``janji user`` and ``janji track``.
"""
from __future__ import annotations

from janji.track.service import Conflict, Forbidden, Tracker, TrackError
from janji.track.statuses import STATUSES, STATUS_LABELS

__all__ = ["Tracker", "TrackError", "Conflict", "Forbidden", "STATUSES", "STATUS_LABELS"]
