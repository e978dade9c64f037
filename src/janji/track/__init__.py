"""Tracking: every promise followed through the term — statuses with evidence, accounts, review, audit trail.

Example:
    >>> from janji.store import open_store
    >>> from janji.track import Tracker
    >>> t = Tracker(open_store("sqlite:///janji.db"))
    >>> admin = t.add_user("admin", "rahasia-panjang-sekali", role="admin")
    >>> t.update_status(admin, 42, "dalam proses", evidence_url="https://example.go.id/berita", expected_version=0)
    >>> t.history(42)[0]["status"]
    'dalam proses'

Pages and ``/api/v1`` routes: :mod:`janji.track.web`; CLI: ``janji user`` and ``janji track``.
"""
from __future__ import annotations

from janji.track.service import Conflict, Forbidden, Tracker, TrackError
from janji.track.statuses import STATUSES, STATUS_LABELS

__all__ = ["Tracker", "TrackError", "Conflict", "Forbidden", "STATUSES", "STATUS_LABELS"]
