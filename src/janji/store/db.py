"""Engines and schema upgrades: SQLite (embedded default) and PostgreSQL (shared server)."""
from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ENV_VAR = "JANJI_DATABASE_URL"
SQLITE_POOL = 32  # connections kept per process: about the web server's thread pool
SQLITE_MMAP = 256 * 1024 * 1024
LOCK_SUFFIX = "-writer"  # beside a SQLite store: the file its writing processes queue on (WriteGate)
# PostgreSQL: a new connection is a server process; keep enough for the threads of one worker without
# letting a few workers take the server's 100 connections. All of them kept open, none on overflow: an
# overflow connection is closed as soon as it comes back to a full pool, so under load a worker opened and
# closed several connections a second (a server process started, authenticated and warmed up for each)
PG_POOL, PG_OVERFLOW = 20, 0
PG_IDLE_PING = 10.0  # seconds a pooled PostgreSQL connection may rest before its checkout asks the server


def default_url() -> str:
    """``JANJI_DATABASE_URL`` if set, else a SQLite file in the user's data directory for "janji"."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    from platformdirs import user_data_dir

    path = Path(user_data_dir("janji", appauthor=False)) / "janji.db"
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """Accept the short forms people type: a file path, ``postgresql://`` (driver: psycopg 3)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and for in-memory SQLite."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def display_name(url: str) -> str:
    """How a store is named in messages: a SQLite file by its path, a server URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return make_url(normalise_url(url)).render_as_string(hide_password=True)


def has_store(url: str) -> bool:
    """Whether ``url`` already holds a Janji store (its schema), found without creating or changing anything:
    a mistyped ``--db`` must not leave an empty store (or a new directory) behind."""
    from janji.errors import JanjiError

    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is None:  # in memory: never there before it is opened
            return False
        if not path.is_file():
            return False
        import sqlite3

        # read-only, and without the WAL pragma of make_engine: a foreign SQLite file stays as it was
        try:
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            finally:
                con.close()
        except sqlite3.OperationalError as exc:  # e.g. no permission to read it
            raise JanjiError(f"{path}: tidak dapat dibuka ({exc})") from None
        except sqlite3.DatabaseError:
            raise JanjiError(f"{path}: bukan basis data SQLite") from None
        return {"alembic_version", "documents"} <= names
    from sqlalchemy import inspect

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            return found.has_table("alembic_version") and found.has_table("documents")
    finally:
        engine.dispose()


def missing_dirs(url: str) -> list[Path]:
    """The folders opening a new SQLite store at ``url`` would create, outermost first."""
    path = sqlite_path(url)
    out: list[Path] = []
    if path is None:
        return out
    parent = path.resolve().parent
    while not parent.exists():
        out.insert(0, parent)
        parent = parent.parent
    return out


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # the portal serves from a thread pool (40 threads): keep that many connections open rather than
        # opening and closing one per request past the default 5 + 10 (each new one starts with a cold cache)
        kwargs = {} if parsed.database in (None, "", ":memory:") else {"pool_size": SQLITE_POOL, "max_overflow": 8}
        engine = create_engine(url, connect_args={"timeout": 60}, **kwargs)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            # WAL: the web portal keeps reading while `janji ingest` writes
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            # reads straight from the operating system's cache, shared by every connection and worker
            # process, instead of copying each page into a 2 MB cache per connection (a search ranks
            # thousands of rows of the full-text index)
            cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP}")
            cur.close()

        WriteGate(Path(parsed.database) if parsed.database not in (None, "", ":memory:") else None).install(engine)
        return engine
    engine = create_engine(url, pool_size=PG_POOL, max_overflow=PG_OVERFLOW)
    LivenessCheck(engine).install()
    return engine


class LivenessCheck:
    """Hands out only live PostgreSQL connections, without a round trip at every checkout.

    ``pool_pre_ping`` asks the server at every checkout, one round trip more per request. A connection the
    server ended (a restart, ``pg_terminate_backend``, an idle timeout) is told so by the server (a FATAL
    message, then the socket closed): its socket turns readable while it rests in the pool, and an idle
    connection that is fine has nothing to read. So a checkout pings only a connection whose socket is
    readable, that is marked closed or bad, or that has rested more than ``PG_IDLE_PING`` seconds (a
    quiet portal, where a silent drop would not show on the socket); a failed ping raises
    :class:`DisconnectionError`, on which the pool drops the connection and checks out another (a new one
    if need be). A connection that dies during a request fails that request as before, and the pool then
    drops every connection older than the failure."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def install(self) -> None:
        import select as _select

        from sqlalchemy.exc import DisconnectionError

        dialect = self.engine.dialect

        @event.listens_for(self.engine.pool, "checkin")
        def _rested(raw, record):  # noqa: ANN001
            if record is not None:
                record.info["janji_checkin"] = time.monotonic()

        @event.listens_for(self.engine.pool, "checkout")
        def _check(raw, record, proxy):  # noqa: ANN001
            since = record.info.get("janji_checkin")
            if since is None:  # just opened
                return
            suspect = time.monotonic() - since > PG_IDLE_PING
            if not suspect:
                try:
                    if raw.closed or raw.pgconn.status != 0:  # psycopg: ConnStatus.OK
                        suspect = True
                    else:
                        poller = _select.poll()
                        poller.register(raw.pgconn.socket, _select.POLLIN | _select.POLLERR | _select.POLLHUP)
                        suspect = bool(poller.poll(0))
                except Exception:  # noqa: BLE001 - no socket to look at: ask the server
                    suspect = True
            if not suspect:
                return
            try:
                alive = dialect.do_ping(raw)
            except Exception as exc:  # noqa: BLE001
                raise DisconnectionError(f"connection not alive: {exc}") from exc
            if not alive:
                raise DisconnectionError("connection not alive")


WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class WriteGate:
    """One writing transaction at a time on a SQLite store, handed over the moment it ends.

    SQLite has one writer per database. A second writer waits in SQLite's busy handler, which sleeps and
    polls (1, 2, 5 … 100 ms), so under load the lock changes hands between polls and some writers wait
    for seconds while others pass. This gate is taken at a transaction's first write and given back at
    its commit or rollback: a lock in memory queues the writers of one process, then an exclusive
    ``flock`` on ``LOCK_SUFFIX`` beside the database queues the processes (every process that opens the
    store through :func:`make_engine`: the workers of ``janji serve``, a ``janji ingest`` beside them).
    Both wake the next writer at once; SQLite's busy handler is left for writers outside Janji. With 20
    editors and 200 readers on two worker processes (bench/track.py, SQLite) it took the write p95 from
    3.9–5.5 s to 2.1–2.4 s and p99 from 5.5–7.1 s to 3.0 s, in alternating runs on one loaded machine.
    A thread that already holds the gate (a second connection of its own) passes, as before: SQLite then
    decides.
    """

    def __init__(self, path: Path | None = None):
        self.lock = threading.Lock()
        self.owner: int | None = None
        self.holders: set[int] = set()  # id() of the DBAPI connections whose transaction holds the gate
        self.path = Path(f"{path}{LOCK_SUFFIX}") if path is not None else None
        self.fd: int | None = None

    def enter(self, raw) -> None:
        key = id(raw)
        if key in self.holders or self.owner == threading.get_ident():
            return
        self.lock.acquire()
        try:
            if self.path is not None:
                import fcntl

                if self.fd is None:
                    self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
                fcntl.flock(self.fd, fcntl.LOCK_EX)
        except BaseException:
            self.lock.release()
            raise
        self.owner = threading.get_ident()
        self.holders.add(key)

    def leave(self, raw) -> None:
        key = id(raw)
        if key in self.holders:
            self.holders.discard(key)
            self.owner = None
            try:
                if self.fd is not None:
                    import fcntl

                    fcntl.flock(self.fd, fcntl.LOCK_UN)
            finally:
                self.lock.release()

    def install(self, engine: Engine) -> None:
        dialect = engine.dialect

        @event.listens_for(engine, "before_cursor_execute")
        def _first_write(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
            if WRITE.match(statement):
                self.enter(conn.connection.dbapi_connection)

        commit, rollback = dialect.do_commit, dialect.do_rollback

        def do_commit(raw):
            try:
                commit(raw)
            finally:
                self.leave(raw)

        def do_rollback(raw):
            try:
                rollback(raw)
            finally:
                self.leave(raw)

        # on this engine's dialect only (the pool's reset on return goes through it too)
        dialect.do_commit, dialect.do_rollback = do_commit, do_rollback

        @event.listens_for(engine.pool, "checkin")
        def _returned(raw, _record):  # noqa: ANN001
            if raw is not None:
                self.leave(raw)  # a connection back in the pool holds nothing

        @event.listens_for(engine.pool, "close")
        def _closed(raw, _record):  # noqa: ANN001
            self.leave(raw)


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migrations (idempotent).

    Upgrades to every head: parts of janji (the store, tracking) add their own
    migrations on branches from the initial revision, and each branch applies
    on its own.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    for attempt in range(5):
        try:
            with engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    # two processes opening a new store at once: one migrates, the other waits for it
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")
            return
        except (OperationalError, IntegrityError, ProgrammingError):
            # SQLite has no advisory lock: the process that lost the race finds the schema made (or the
            # database locked) and tries again once the winner's transaction is done
            if attempt == 4:
                raise
            time.sleep(0.3 * (attempt + 1))


def drop_schema(engine: Engine) -> None:
    """Remove every table of a Janji store from a server database (the migrations down to nothing)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
