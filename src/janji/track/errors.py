"""What the tracking rules refuse: one exception per HTTP-like outcome, each with an Indonesian message.

Every door (pages, ``/api/v1``, CLI, bulk import) shows ``message`` as it is and answers with
``status_code``.
"""
from __future__ import annotations

import math
from typing import Any

from janji.errors import JanjiError


class TrackError(JanjiError):
    """A request the rules refuse; ``message`` is Indonesian and safe to show."""

    status_code = 400

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or [message]


class Invalid(TrackError):
    status_code = 422


class NotTracked(Invalid):
    """The item exists but is not a promise (a vision, a claim): it has no status to change."""


class Forbidden(TrackError):
    status_code = 403


class NotFound(TrackError):
    status_code = 404


class Conflict(TrackError):
    """The promise changed since the author loaded it (optimistic locking): nothing was saved."""

    status_code = 409

    def __init__(self, message: str, current: dict[str, Any] | None = None):
        super().__init__(message)
        self.current = current


class TooLarge(Invalid):
    """An evidence file over the size limit (the form is shown again with what was typed)."""

    status_code = 413


class Throttled(TrackError):
    """Too many requests: ``retry_after`` is how many seconds to wait (sent as ``Retry-After``)."""

    status_code = 429

    def __init__(self, message: str, retry_after: int = 60):
        super().__init__(message)
        self.retry_after = max(1, math.ceil(retry_after))
