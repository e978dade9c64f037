"""The hottest public reads answered by their endpoint functions without routing (searches on a thread).

Searches too, without routing but on a worker thread: ``/api/v1/search`` with words (``q``) and no parameter
but ``page`` and ``per_page`` (each once, written as plain numbers, at most :data:`SEARCH_DEPTH` results deep)
goes to the same function as the route (:func:`janji.web.api.search_response`) with the values the route
would have read; a filter, an empty or a too long ``q``, a number the route refuses (422, its message) or
reads its own way, goes to the route. Routing and FastAPI's parameter handling were about a fifth of a
search's CPU. A search, unlike the tracking reads, keeps its thread: SQLite counts its matches with the
interpreter lock released, so on a thread another search's Python and the loop's reading and writing of
other connections go on meanwhile; in alternating runs under 50 clients on 2 shared cores, searches on
the loop made 150–280 requests/s against 250–450 on threads at the same CPU per request (docs/web.md).

A promise's public page and JSON and a pair's are most of what the portal serves; their endpoints answer
from what :mod:`janji.track.freshness` keeps per version (a version query and a lookup; a rebuild after a
write). Routing through the app's eighty routes in order, FastAPI's parameter and dependency handling and
the hop to a worker thread cost a worker more CPU than that, and under load the threads' contention for the
interpreter lock more again. :class:`DirectReads` sits in front of the routes (behind every security layer,
so the headers are theirs): it recognises these addresses by their exact shape — an id the routes'
``Path(ge=1, le=2³¹-1)`` takes, no query but a known ``status`` filter where the route reads one — and calls
the same endpoint function with the same parameters. A response it returns is what the route answers; an
exception (a 404, a database error) leaves the request to the app, which runs it again and answers as it
always has. Everything else goes to the app unchanged, a signed-in visitor's pages included.

The call runs on the event loop itself: these reads are short (a hit is one indexed statement; a rebuild a
few statements and a render of what changed), and run one after another in the order they came, while
writes, signed-in pages and everything else keep their worker threads. In alternating runs of
bench/track.py this took a worker from ~2–3 ms of CPU per request to ~1 ms; answering only the hits on the
loop and the rebuilds on threads was worse than both, the rebuilds queueing behind a loop full of hits
(docs/track.md, "The framework's share").
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote_plus

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from janji.track.statuses import STATUSES
from janji.web import api, auth, track_api, track_pages
from janji.web.params import MAX_PAGE, MAX_PER_PAGE, MAX_Q, Filters, StatusName, clean_q

ID = r"([1-9][0-9]{0,9})"
MAX_ID = 2**31 - 1  # the routes' Path(le=…)
SESSION = auth.SESSION_COOKIE.encode() + b"="
NOT_READ = object()  # a query left to the route (its validation, its messages)

# path -> (endpoint, whether it reads a status filter, whether it is a page a signed-in visitor sees otherwise)
ROUTES = [
    (re.compile(rf"/pantau/butir/{ID}"), lambda request, key, _: track_pages.item(request, key, None), False, True),
    (re.compile(rf"/pantau/pasangan/{ID}"), track_pages.pair, True, True),
    (re.compile(rf"/api/v1/items/{ID}/tracking"), lambda request, key, _: track_api.api_item_tracking(request, key),
     False, False),
    (re.compile(rf"/api/v1/items/{ID}/history"), lambda request, key, _: track_api.api_item_history(request, key),
     False, False),
    (re.compile(rf"/api/v1/track/candidates/{ID}"), track_api.api_pair, True, False),
]


def _status(query: bytes):
    """A ``status`` query as the routes read it (:data:`janji.web.params.StatusQ`): None without one, the
    status, or :data:`NOT_READ` for anything else (the route answers it, 422 included)."""
    if not query:
        return None
    name, sep, value = query.partition(b"=")
    if name != b"status" or not sep or b"&" in value:
        return NOT_READ
    status = unquote_plus(value.decode("latin-1"))
    return StatusName(status) if status in STATUSES else NOT_READ


def _signed_in(scope) -> bool:
    # as PublicShare and SecurityMiddleware read it: a session cookie of any value goes to the route
    return any(k == b"cookie" and SESSION in v for k, v in scope["headers"])


SEARCH = "/api/v1/search"
NUMBER = re.compile(r"[1-9][0-9]{0,5}")  # page and per_page as a person or a page's link writes them
SEARCH_DEPTH = 1_000  # page × per_page answered here: deeper pages, rare, are left to the route


def _search_call(scope) -> tuple | None:
    """``/api/v1/search`` with words (``q``) and nothing but ``page`` and ``per_page`` besides, each once and
    within what the route takes, as the route's endpoint; None for anything else (a filter, an empty or a too
    long ``q``, a number the route would refuse or read otherwise): the route validates and answers it."""
    params = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)  # as Starlette
    values = dict(params)
    if len(values) != len(params) or "q" not in values or not values.keys() <= {"q", "page", "per_page"}:
        return None
    numbers = []
    for name, default, top in (("page", 1, MAX_PAGE), ("per_page", 50, MAX_PER_PAGE)):
        text = values.get(name)
        if text is not None and not NUMBER.fullmatch(text):
            return None
        number = int(text) if text is not None else default
        if number > top:
            return None
        numbers.append(number)
    page, per_page = numbers
    q = values["q"]
    if len(q) > MAX_Q or not clean_q(q) or page * per_page > SEARCH_DEPTH:
        return None
    return _search, (q, page, per_page), None


def _search(request, params, _):
    q, page, per_page = params
    return api.search_response(request.app.state.store, q, Filters(), page, per_page)


def _call(scope) -> tuple | None:
    """The endpoint and parameters of a read this layer answers, or None."""
    path = scope["path"]
    if path == SEARCH:
        return _search_call(scope)
    if not path.startswith(("/pantau/", "/api/v1/")):
        return None
    for pattern, endpoint, reads_status, page in ROUTES:
        match = pattern.fullmatch(path)
        if match is None:
            continue
        key = int(match.group(1))
        query = scope.get("query_string", b"")
        status = _status(query) if reads_status else (NOT_READ if query else None)
        if key > MAX_ID or status is NOT_READ or (page and _signed_in(scope)):
            return None
        return endpoint, key, status
    return None


class DirectReads:
    """Calls the endpoint of a public promise or pair page (no session cookie) or of a promise's or pair's
    tracking JSON (the API reads no cookie or token there) for a ``GET``, on the event loop, and of a plain
    search on a worker thread, without routing."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET":
            call = _call(scope)
            if call is not None:
                if call[0] is _search:
                    # on a worker thread, as the route would: see the module's docstring
                    response = await run_in_threadpool(self._answer, scope, *call)
                else:
                    response = self._answer(scope, *call)
                if response is not None:
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)

    @staticmethod
    def _answer(scope, endpoint, key, status):
        # its own request state: what a failed call set (a new CSRF token) must not follow the request
        request = Request({**scope, "state": dict(scope.get("state") or {})})
        try:
            return endpoint(request, key, status)
        except Exception:  # noqa: BLE001 - the app meets the same and answers it as it always has
            return None
