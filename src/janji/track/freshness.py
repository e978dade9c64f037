"""Public tracking kept per process while nothing it shows has changed.

A promise's public tracking (state, milestones, published history: what its page, its history and its
JSON show) is the most read thing in tracking, and rebuilding it takes half a dozen queries. The database
keeps a version per promise (``track_versions``, moved by triggers on every change of the promise's
history, state or milestones, whoever makes it: migration 0010); the documents table says whether the
store's documents changed (a new document or version is a new row). One indexed query reads those
numbers; while they are the ones an entry was built under, the entry is what a rebuild would give. Every
worker process reads the same numbers, so a write shows at once in all of them.

The numbers are read before the entry is built: a write that lands in between leaves an entry older than
its numbers say, which the next read rebuilds, never one newer data would be mistaken for.
"""
from __future__ import annotations

import copy
import os
import threading
from collections import OrderedDict
from contextvars import ContextVar
from typing import Any, Callable, Iterable

from sqlalchemy import text

STAMP = text("SELECT (SELECT version FROM track_versions WHERE scope = 'item' AND key = :key), "
             "(SELECT version FROM track_versions WHERE scope = 'settings' AND key = 0), "
             "(SELECT max(id) FROM documents), (SELECT count(id) FROM documents)")
# a pair's promises with their states: its version (moved by every change of one of its promises' states,
# migration 0012) and the documents (a new document or version, a superseded or deleted one)
PAIR_STAMP = text("SELECT (SELECT version FROM track_versions WHERE scope = 'pair' AND key = :key), "
                  "(SELECT max(id) FROM documents), (SELECT count(superseded_by_id) FROM documents), "
                  "(SELECT count(id) FROM documents)")

# the stamps of many promises and pairs in one statement (one snapshot, as each of the two above is): the
# documents' numbers, then the version rows asked for and the settings' ('docs' is no scope of track_versions)
MANY_STAMPS = ("SELECT 'docs', max(id), count(superseded_by_id), count(id) FROM documents UNION ALL "
               "SELECT scope, key, version, NULL FROM track_versions WHERE (scope = 'item' AND key = ANY({items})) "
               "OR (scope = 'pair' AND key = ANY({pairs})) OR (scope = 'settings' AND key = 0)")
# stamps read already for the reads being answered now: {(PublicTracking, key): stamp} (see :func:`stamps`)
GIVEN: ContextVar[dict | None] = ContextVar("janji_track_given_stamps", default=None)


def stamps(engine, items: Iterable[int], pairs: Iterable[int]) -> tuple[dict[int, tuple], dict[int, tuple]]:
    """The stamps :data:`STAMP` and :data:`PAIR_STAMP` give for each of ``items`` and ``pairs``, read in one
    statement, one round trip (PostgreSQL only: ``= ANY`` of an array). Equal tuples to theirs, so what was
    kept under one is found under the other. Many reads that came at once each need one: read together they
    cost the database and the worker one statement instead of one each (:class:`janji.web.direct.DirectReads`);
    a stamp read after a request came is as good for it as one read at its turn (never older than the data
    the request could have seen)."""
    items, pairs = sorted({int(k) for k in items}), sorted({int(k) for k in pairs})
    sql = MANY_STAMPS.format(items="%s::integer[]", pairs="%s::integer[]")
    rows = _driver_rows(engine, sql, (items, pairs), autocommit=True)
    versions: dict[tuple[str, int], int] = {}
    docs = (None, 0, 0)
    for scope, key, version, count in rows:
        if scope == "docs":
            docs = (key, version, count)  # max(id), count(superseded_by_id), count(id)
        else:
            versions[(scope, key)] = version
    settings = versions.get(("settings", 0))
    return ({k: (versions.get(("item", k)), settings, docs[0], docs[2]) for k in items},
            {k: (versions.get(("pair", k)), docs[0], docs[1], docs[2]) for k in pairs})


def _driver_rows(engine, sql: str, params, autocommit: bool) -> list[tuple]:
    """The rows of one statement run on a pooled connection's driver cursor. With ``autocommit`` (PostgreSQL)
    the statement runs outside a transaction, one round trip: a transaction added BEGIN and the pool's
    ROLLBACK, and that ROLLBACK made psycopg forget the statement it had prepared."""
    raw = engine.raw_connection()
    try:
        if autocommit:
            raw.driver_connection.autocommit = True
        try:
            cur = raw.cursor()
            try:
                cur.execute(sql, params)
                return cur.fetchall()
            finally:
                cur.close()
        finally:
            if autocommit and not raw.driver_connection.closed:
                raw.driver_connection.autocommit = False  # as the pool hands connections out
    finally:
        raw.close()  # back to the pool, reset there as any connection is

class PublicTracking:
    """``get(item_id, build)``: ``build()`` (a promise's public tracking), or a copy of the one built under
    the same versions. ``derive(item_id, build, name, make)``: ``make(tracking)`` (something made of it once,
    e.g. its JSON or its rendered page, which must not change what it is given), kept with the entry under
    the same versions, so that a read of an unchanged promise neither rebuilds nor copies nor renders.
    ``JANJI_TRACK_CACHE_SIZE=0`` turns it off (every read rebuilds)."""

    BUILD_WAIT = 5.0  # seconds a reader waits for another thread's build of the same entry before building
    DERIVED_MAX = 8  # products kept per promise (pages per date and path, JSON): a bound, not a working set

    def __init__(self, engine, size: int | None = None, stamp=STAMP, derived_max: int | None = None):
        self.engine = engine
        self.size = int(os.environ.get("JANJI_TRACK_CACHE_SIZE", "4096") or 0) if size is None else size
        self.stamp_sql = stamp  # the versions an entry is kept under, for one key (:key)
        if derived_max is not None:
            self.DERIVED_MAX = derived_max
        # item id -> (stamp, tracking, {name: product})
        self.entries: OrderedDict[int, tuple[tuple, dict[str, Any], dict[Any, Any]]] = OrderedDict()
        self.lock = threading.Lock()
        self.building: dict[tuple, threading.Event] = {}  # (item id, stamp) being built, set when done
        self._autocommit = engine.dialect.name == "postgresql"

    def stamp(self, item_id: int) -> tuple:
        # asked at every read of a promise: on the driver's own cursor (a pooled connection all the same),
        # without building a statement, a result and a row around four numbers
        sql = self._driver_sql()
        if sql is None:
            with self.engine.connect() as conn:
                return tuple(conn.execute(self.stamp_sql, {"key": int(item_id)}).one())
        return tuple(_driver_rows(self.engine, sql, (int(item_id),), self._autocommit)[0])

    def _driver_sql(self) -> str | None:
        """The stamp query in the driver's placeholder style (None for a style not known here)."""
        if not hasattr(self, "_sql"):
            mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(self.engine.dialect.paramstyle)
            self._sql = self.stamp_sql.text.replace(":key", mark) if mark else None
        return self._sql

    def _entry(self, item_id: int, build: Callable[[], dict[str, Any]]) -> tuple[tuple, dict[str, Any], dict]:
        given = GIVEN.get()
        stamp = given.get((self, item_id)) if given else None
        if stamp is None:
            stamp = self.stamp(item_id)
        with self.lock:
            hit = self._hit(item_id, stamp)
            if hit is not None:
                return hit
            # one build per promise and stamp at a time in a process: after a write, the readers of the promise
            # that come while it is being built wait for that build instead of each running the same queries
            key = (item_id, stamp)
            building = self.building.get(key)
            if building is None:
                self.building[key] = mine = threading.Event()
        if building is not None:
            building.wait(self.BUILD_WAIT)
            with self.lock:
                hit = self._hit(item_id, stamp)
            if hit is not None:
                return hit
            return self._build(item_id, stamp, build)  # that build failed (or is slow): as if alone
        try:
            return self._build(item_id, stamp, build)
        finally:
            with self.lock:
                self.building.pop(key, None)
            mine.set()

    def has(self, item_id: int, stamp: tuple) -> bool:
        """Whether the entry of ``item_id`` was built under ``stamp`` (a read finds it without a build)."""
        if self.size <= 0:
            return False
        with self.lock:
            hit = self.entries.get(item_id)
            return hit is not None and hit[0] == stamp

    def _hit(self, item_id: int, stamp: tuple):
        """The entry of ``item_id`` if it was built under ``stamp`` (the caller holds the lock)."""
        hit = self.entries.get(item_id)
        if hit is not None and hit[0] == stamp:
            self.entries.move_to_end(item_id)
            return hit
        return None

    def _build(self, item_id: int, stamp: tuple, build: Callable[[], dict[str, Any]]):
        entry = (stamp, build(), {})
        with self.lock:
            self.entries[item_id] = entry
            self.entries.move_to_end(item_id)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return entry

    def get(self, item_id: int, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if self.size <= 0:
            return build()
        return copy.deepcopy(self._entry(item_id, build)[1])  # callers may change what they get; the entry stays

    def derive(self, item_id: int, build: Callable[[], dict[str, Any]], name: Any,
               make: Callable[[dict[str, Any]], Any]) -> Any:
        if self.size <= 0:
            return make(build())
        _, value, products = self._entry(item_id, build)
        with self.lock:
            if name in products:
                return products[name]
        made = make(value)
        with self.lock:
            if len(products) >= self.DERIVED_MAX:
                products.clear()
            products[name] = made
        return made
