"""Engines and schema upgrades: SQLite (embedded default) and PostgreSQL (shared server)."""
from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ENV_VAR = "JANJI_DATABASE_URL"


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


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            # WAL: the web portal keeps reading while `janji ingest` writes
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


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
