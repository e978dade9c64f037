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

On PostgreSQL every read asked the database for its stamp (:mod:`janji.track.freshness`), one round trip
the loop waited through: a third of a worker loop's time under bench/track.py's load, and rebuilds after a
write (three statements) most of the rest. There the stamps of the reads that come while one statement is under
way are read together by the next, on a thread of the layer (:class:`Stamps`); a hit is then answered on the
loop as before, a rebuild on a thread of the layer, so the loop never waits for the database. On SQLite (a
stamp is a call into the process, no wait) reads stay as they were.

On PostgreSQL an editor's API write (``POST /api/v1/items/{id}/updates`` with a JSON body) is answered here
too: its body is read on the loop, then parsing, validation, the token's account, the write and the response are
done on one of the layer's own threads in one go (:func:`janji.web.track_api.record_update`, the route's own
function), so it waits for the loop once instead of three times (routing, the hop to a thread, the answer). A
body the route's validation would refuse, or anything not plainly JSON, goes to the route with the body it sent.
"""
from __future__ import annotations

import asyncio
import email.message
import json
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl, unquote_plus

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from janji.track import freshness
from janji.track.statuses import STATUSES
from janji.web import api, auth, track_api, track_pages
from janji.web.params import MAX_PAGE, MAX_PER_PAGE, MAX_Q, Filters, StatusName, clean_q

ID = r"([1-9][0-9]{0,9})"
MAX_ID = 2**31 - 1  # the routes' Path(le=…)
SESSION = auth.SESSION_COOKIE.encode() + b"="
NOT_READ = object()  # a query left to the route (its validation, its messages)

# path -> (endpoint, whether it reads a status filter, whether it is a page a signed-in visitor sees otherwise,
# whose stamp it reads: a promise's or a pair's)
ROUTES = [
    (re.compile(rf"/pantau/butir/{ID}"), lambda request, key, _: track_pages.item(request, key, None), False, True,
     "item"),
    (re.compile(rf"/pantau/pasangan/{ID}"), track_pages.pair, True, True, "pair"),
    (re.compile(rf"/api/v1/items/{ID}/tracking"), lambda request, key, _: track_api.api_item_tracking(request, key),
     False, False, "item"),
    (re.compile(rf"/api/v1/items/{ID}/history"), lambda request, key, _: track_api.api_item_history(request, key),
     False, False, "item"),
    (re.compile(rf"/api/v1/track/candidates/{ID}"), track_api.api_pair, True, False, "pair"),
]
KIND = {endpoint: kind for _, endpoint, _, _, kind in ROUTES}
UPDATES = re.compile(rf"/api/v1/items/{ID}/updates")
# the layer's threads per worker process: for the reads (their stamps and rebuilds, on PostgreSQL) and, apart, for
# the API's writes, which never queue behind reads (those of one region queue for its tally rows anyway)
READ_THREADS = 8
WRITE_THREADS = 8


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
    for pattern, endpoint, reads_status, page, _ in ROUTES:
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


def _update_key(scope) -> int | None:
    """The promise of an API write this layer answers (``POST /api/v1/items/{id}/updates``, no query), or None."""
    match = UPDATES.fullmatch(scope["path"])
    if match is None or scope.get("query_string"):
        return None
    key = int(match.group(1))
    return key if key <= MAX_ID else None


def _json_body(request: Request, body: bytes):
    """The body as the route reads it when it is JSON by its content type (FastAPI's own test), else NOT_READ:
    no body, no content type, another type or JSON that does not parse all go to the route."""
    value = request.headers.get("content-type")
    if not body or not value:
        return NOT_READ
    message = email.message.Message()
    message["content-type"] = value
    subtype = message.get_content_subtype()
    if message.get_content_maintype() != "application" or not (subtype == "json" or subtype.endswith("+json")):
        return NOT_READ
    try:
        return json.loads(body)  # as Request.json()
    except ValueError:
        return NOT_READ


def _record(scope, body: bytes, key: int):
    """An API write, on a thread of the layer: the route's answer, or None to leave the request to the route."""
    request = Request(scope)
    data = _json_body(request, body)
    if data is NOT_READ:
        return None
    try:
        # as FastAPI validates the route's one body parameter (Annotated[UpdateIn, Body()])
        update = track_api.UpdateIn.model_validate(data, from_attributes=True)
    except ValidationError:
        return None  # the route says what is wrong, in its words
    return track_api.record_update(request, key, update)


class Stamps:
    """The stamps of the reads that reach :class:`DirectReads`, read together (:func:`janji.track.freshness.stamps`)
    on a thread of the layer while the loop goes on: the reads that come while one statement is under way wait
    for the next, which asks for all of them. Each read is then answered with its stamp given
    (:data:`janji.track.freshness.GIVEN`); one round trip for many reads, and none the loop waits through. A
    statement starts after every read it answers came, so no stamp is older than its read."""

    def __init__(self, engine, pool):
        self.engine = engine
        self.pool = pool
        self.pending: dict[tuple[str, int], list[asyncio.Future]] = {}
        self.busy = False

    def get(self, kind: str, key: int) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self.pending.setdefault((kind, key), []).append(future)
        if not self.busy:
            self.busy = True
            loop.call_soon(self._start, loop)  # after the other reads of this turn of the loop
        return future

    def _start(self, loop) -> None:
        asked, self.pending = self.pending, {}
        items = [k for kind, k in asked if kind == "item"]
        job = loop.run_in_executor(self.pool, freshness.stamps, self.engine, items,
                                   [k for kind, k in asked if kind == "pair"])
        job.add_done_callback(lambda done: self._answer(loop, asked, done))

    def _answer(self, loop, asked, done) -> None:
        try:
            items, pairs = done.result()
            found = {"item": items, "pair": pairs}
        except Exception:  # noqa: BLE001 - each read goes to its route, which meets the same and answers it
            found = {"item": {}, "pair": {}}
        for (kind, key), futures in asked.items():
            for future in futures:
                if not future.done():
                    future.set_result(found[kind].get(key))
        if self.pending:
            self._start(loop)
        else:
            self.busy = False


class DirectReads:
    """Calls the endpoint of a public promise or pair page (no session cookie) or of a promise's or pair's
    tracking JSON (the API reads no cookie or token there) for a ``GET``, on the event loop, and of a plain
    search on a worker thread, without routing; and, on PostgreSQL, answers an editor's API write on a thread of
    its own in one go.

    ``batch_stamps``: on PostgreSQL, read the reads' stamps together and rebuild on the layer's threads
    (:class:`Stamps`); False answers every read on the loop, as on SQLite."""

    batch_stamps = True
    # the API's writes on the layer's threads: None on PostgreSQL only, where the loop was the writes' wait; on
    # SQLite no gain could be measured (a run of main against itself swings 2x in writes/s), so the route's there
    direct_writes: bool | None = None

    def __init__(self, app):
        self.app = app
        self.stamps: Stamps | None = None
        self.pools: dict[str, ThreadPoolExecutor] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            if scope["method"] == "GET":
                call = _call(scope)
                if call is not None:
                    if call[0] is _search:
                        # on a worker thread, as the route would: see the module's docstring
                        response = await run_in_threadpool(self._answer, scope, *call)
                    else:
                        response = await self._read(scope, call)
                    if response is not None:
                        await response(scope, receive, send)
                        return
            elif scope["method"] == "POST" and self._writes(scope):
                key = _update_key(scope)
                if key is not None:
                    await self._write(scope, receive, send, key)
                    return
        await self.app(scope, receive, send)

    def _writes(self, scope) -> bool:
        if self.direct_writes is not None:
            return self.direct_writes
        return auth.tracker_of(scope["app"]).dialect == "postgresql"

    async def _read(self, scope, call):
        endpoint, key, status = call
        tracker = auth.tracker_of(scope["app"])
        if not (self.batch_stamps and tracker.dialect == "postgresql"):
            return self._answer(scope, endpoint, key, status)
        if self.stamps is None:
            self.stamps = Stamps(tracker.engine, self._threads("read"))
        kind = KIND[endpoint]
        stamp = await self.stamps.get(kind, key)
        if stamp is None:
            return None  # the stamps could not be read: the route reads its own
        kept = tracker.updates.public if kind == "item" else tracker.scorecards.pairs
        given = {(kept, key): stamp}
        if kept.has(key, stamp):
            return _given(given, self._answer, scope, endpoint, key, status)
        # a rebuild is a few statements, each a round trip the loop would wait through: on a thread of the layer
        # the loop answers the other reads meanwhile
        return await asyncio.get_running_loop().run_in_executor(self._threads("read"), _given, given, self._answer,
                                                                scope, endpoint, key, status)

    def _threads(self, kind: str) -> ThreadPoolExecutor:
        pool = self.pools.get(kind)
        if pool is None:
            size = READ_THREADS if kind == "read" else WRITE_THREADS
            pool = self.pools[kind] = ThreadPoolExecutor(size, thread_name_prefix=f"janji-{kind}")
        return pool

    @staticmethod
    def _answer(scope, endpoint, key, status):
        # its own request state: what a failed call set (a new CSRF token) must not follow the request
        request = Request({**scope, "state": dict(scope.get("state") or {})})
        try:
            return endpoint(request, key, status)
        except Exception:  # noqa: BLE001 - the app meets the same and answers it as it always has
            return None

    async def _write(self, scope, receive, send, key: int) -> None:
        messages, body, failure = [], [], None
        try:
            while True:
                message = await receive()
                messages.append(message)
                if message["type"] != "http.request":
                    break
                body.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
        except Exception as exc:  # noqa: BLE001 - a body over its limit: the route meets it as it always has
            failure = exc
        replay = _replay(messages, receive, failure)
        if failure is not None or messages[-1]["type"] != "http.request":
            await self.app(scope, replay, send)
            return
        response = await asyncio.get_running_loop().run_in_executor(self._threads("write"), _record, scope,
                                                                    b"".join(body), key)
        if response is None:
            await self.app(scope, replay, send)
            return
        await response(scope, replay, send)


def _given(given: dict, function, *args):
    """``function(*args)`` with the stamps ``given`` (:data:`janji.track.freshness.GIVEN`)."""
    token = freshness.GIVEN.set(given)
    try:
        return function(*args)
    finally:
        freshness.GIVEN.reset(token)


def _replay(messages: list, receive, failure: Exception | None):
    """A ``receive`` that gives the messages read already, then raises what reading raised, then reads on."""
    queue = list(messages)

    async def replay():
        if queue:
            return queue.pop(0)
        if failure is not None:
            raise failure
        return await receive()

    return replay
