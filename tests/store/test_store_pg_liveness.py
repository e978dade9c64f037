"""PostgreSQL connections the server ended are not handed out again (without a ping at every checkout)."""
from __future__ import annotations

import time

import pytest


@pytest.fixture
def pg_url(db_url) -> str:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    return db_url


def _backend_pids(engine) -> set[int]:
    pids = set()
    conns = [engine.raw_connection() for _ in range(3)]
    try:
        for raw in conns:
            cur = raw.cursor()
            cur.execute("SELECT pg_backend_pid()")
            pids.add(cur.fetchone()[0])
            cur.close()
    finally:
        for raw in conns:
            raw.close()
    return pids


def test_a_connection_the_server_ended_is_replaced_at_checkout(pg_url):
    from sqlalchemy import create_engine, text

    from janji.store import open_store

    store = open_store(pg_url)
    try:
        engine = store.engine
        pids = _backend_pids(engine)  # three pooled connections, resting
        admin = create_engine(pg_url.split("?")[0], isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as c:
                for pid in pids:  # as a server restart does to every connection
                    c.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        finally:
            admin.dispose()
        time.sleep(0.3)  # the server's message and the closed socket reach the client
        for _ in range(5):  # every checkout gets a live connection: no request fails
            with engine.connect() as conn:
                assert conn.execute(text("SELECT 1")).scalar() == 1
        assert not (_backend_pids(engine) & pids)
        assert store.regions() == []
    finally:
        store.close()


def test_resting_connections_are_not_pinged(pg_url):
    """A checkout of a connection that rested briefly and has nothing to read asks the server nothing."""
    from sqlalchemy import event, text

    from janji.store import open_store

    store = open_store(pg_url)
    try:
        engine = store.engine
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        seen = []
        event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
        pings = []
        real = engine.dialect.do_ping
        engine.dialect.do_ping = lambda raw: pings.append(1) or real(raw)
        try:
            for _ in range(3):
                with engine.connect() as conn:
                    conn.execute(text("SELECT 2"))
        finally:
            engine.dialect.do_ping = real
        assert pings == [] and seen == ["SELECT 2"] * 3
    finally:
        store.close()
