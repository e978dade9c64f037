"""Public tracking reads answered from what the routes already made, before the framework.

A promise's public page and JSON and a pair's are made once per version and kept per worker process
(:mod:`janji.track.freshness`); the routes answer them with a version query and a lookup. Routing through
the app's routes, FastAPI's parameter handling and the hop to a worker thread cost a worker about as much
CPU again as that. :class:`KeptReads` sits in front of the routes (behind every security layer, so the
headers are theirs): for a ``GET`` of one of these addresses whose product is kept under the current
versions it sends the same response the route would — built by the same functions
(:func:`janji.web.track_pages.public_page`, :func:`janji.web.track_api.json_response`) under the same names.
Everything else — a signed-in visitor's page, a query it does not read, an unknown or changed promise —
goes to the app as before, which builds, keeps and answers it.

The version query runs on the event loop: one indexed statement on a pooled connection, cheaper than
handing the request to a thread and back.
"""
from __future__ import annotations

import re
from urllib.parse import unquote_plus

from starlette.requests import Request

from janji.track.statuses import STATUSES
from janji.web import auth, track_api, track_pages

ID = r"([1-9][0-9]{0,9})"
MAX_ID = 2**31 - 1  # the routes' Path(le=…)
ITEM_PAGE = re.compile(rf"/pantau/butir/{ID}")
PAIR_PAGE = re.compile(rf"/pantau/pasangan/{ID}")
ITEM_JSON = re.compile(rf"/api/v1/items/{ID}/(tracking|history)")
PAIR_JSON = re.compile(rf"/api/v1/track/candidates/{ID}")
SESSION = auth.SESSION_COOKIE.encode() + b"="
MISSING = object()
NOT_READ = object()  # a query this layer leaves to the route (its validation, its messages)


def _status(query: bytes):
    """The ``status`` filter of a pair's query as the route reads it: None without one, :data:`NOT_READ` for
    anything but one known status (the route answers it, 422 included)."""
    if not query:
        return None
    name, sep, value = query.partition(b"=")
    if name != b"status" or not sep or b"&" in value:
        return NOT_READ
    status = unquote_plus(value.decode("latin-1"))
    return status if status in STATUSES else NOT_READ


def _signed_in(scope) -> bool:
    # as PublicShare and SecurityMiddleware read it: a session cookie of any value goes to the route
    return any(k == b"cookie" and SESSION in v for k, v in scope["headers"])


class KeptReads:
    """Answers ``GET`` of a public promise page or pair page (no session cookie), or of a promise's or pair's
    tracking JSON (the API reads no cookie or token there), from the kept product when it is current."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET":
            response = self._kept(scope)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _kept(self, scope):
        path = scope["path"]
        if path.startswith("/pantau/"):
            kind = "item" if path.startswith("/pantau/butir/") else "pair"
            match = (ITEM_PAGE if kind == "item" else PAIR_PAGE).fullmatch(path)
            if match is None or _signed_in(scope):
                return None
        elif path.startswith("/api/v1/"):
            match = ITEM_JSON.fullmatch(path)
            kind = "item json"
            if match is None:
                match = PAIR_JSON.fullmatch(path)
                kind = "pair json"
            if match is None:
                return None
        else:
            return None
        key = int(match.group(1))
        if key > MAX_ID:
            return None
        query = scope.get("query_string", b"")
        request = Request(scope)
        tracker = auth.tracker_of(scope["app"])
        try:
            if kind == "item":
                if query:
                    return None  # ?ok=… shows a notice: the route's
                html = tracker.public_kept(key, track_pages.item_page_name(request.url.path, track_pages.page_day()),
                                           MISSING)
                return None if html is MISSING else track_pages.public_page(request, html)
            if kind == "item json":
                body = tracker.public_kept(key, track_api.ITEM_JSON[match.group(2)], MISSING)
                return None if body is MISSING else track_api.json_response(body)
            status = _status(query)
            if status is NOT_READ:
                return None
            if kind == "pair":
                html = tracker.pair_kept(key, track_pages.pair_page_name(status, request.url.path,
                                                                         track_pages.page_day()), None)
                return None if html is None else track_pages.public_page(request, html)
            body = tracker.pair_kept(key, track_api.pair_json_name(status), None)  # None: unknown pair, the route's 404
            return None if body is None else track_api.json_response(body)
        except Exception:  # noqa: BLE001 - the route meets the same trouble and answers it as it always has
            return None
