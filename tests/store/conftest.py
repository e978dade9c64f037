"""Store fixtures: every store test runs on SQLite and on PostgreSQL (own schema per test, so `pytest -n 2`
runs don't collide). Without a PostgreSQL server the PostgreSQL variants skip, except in CI (CI=true) where
they fail: the server is part of the test environment there."""
from __future__ import annotations

import os
import uuid

import pytest

PG_BASE = os.environ.get("JANJI_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_admin_engine():
    from sqlalchemy import create_engine

    return create_engine(PG_BASE, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


_pg_state: dict[str, object] = {}


def pg_available() -> str | None:
    """None if PostgreSQL answers, else the reason it does not."""
    if "reason" not in _pg_state:
        from sqlalchemy import text

        try:
            engine = _pg_admin_engine()
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            engine.dispose()
            _pg_state["reason"] = None
        except Exception as exc:  # any failure to connect means: no server here
            _pg_state["reason"] = f"PostgreSQL tidak tersedia di {PG_BASE}: {str(exc).splitlines()[0]}"
    return _pg_state["reason"]  # type: ignore[return-value]


def _pg_url(request) -> str:
    reason = pg_available()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI: {reason}")
        pytest.skip(reason)
    from sqlalchemy import text

    schema = f"jt_{uuid.uuid4().hex[:12]}"
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop():
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()

    request.addfinalizer(drop)
    return f"{PG_BASE}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A URL of an empty database of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'janji.db'}"
    return _pg_url(request)


@pytest.fixture
def db_url2(request, tmp_path, db_url) -> str:
    """A second empty database on the same backend as ``db_url``."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'janji2.db'}"
    return _pg_url(request)


@pytest.fixture
def store(db_url):
    from janji.store import open_store

    s = open_store(db_url)
    yield s
    s.close()
