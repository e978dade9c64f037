"""SQLite's write gate (janji.store.db.WriteGate): writers queue on it, and it is always given back — after a
commit, a rollback, or a session closed with its write never committed — so no writer waits forever."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from janji.store import open_store


def write_elsewhere(engine, key: str) -> bool:
    """Write from another thread; whether it finished within 10 s."""
    done = threading.Event()

    def run():
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO regions(key, name) VALUES (:k, :k)"), {"k": key})
        done.set()

    threading.Thread(target=run, daemon=True).start()
    return done.wait(10)


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'gate.db'}")
    yield s
    s.close()


def test_the_gate_is_given_back_after_commit_rollback_and_an_abandoned_session(store):
    engine = store.engine
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO regions(key, name) VALUES ('a', 'A')"))
    assert write_elsewhere(engine, "b")
    with pytest.raises(RuntimeError):
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO regions(key, name) VALUES ('c', 'C')"))
            raise RuntimeError("batal")
    assert write_elsewhere(engine, "d")
    session = Session(engine)
    session.execute(text("INSERT INTO regions(key, name) VALUES ('e', 'E')"))
    session.close()  # never committed
    assert write_elsewhere(engine, "f")
    with engine.connect() as conn:
        keys = [k for (k,) in conn.execute(text("SELECT key FROM regions ORDER BY key"))]
    assert keys == ["a", "b", "d", "f"]


def test_writers_of_two_engines_on_one_file_all_get_through(store, tmp_path):
    """Two engines stand for two worker processes' (each its own gate; the flock beside the file queues them)."""
    second = open_store(f"sqlite:///{tmp_path / 'gate.db'}")
    try:
        errors = []

        def writer(engine, prefix):
            try:
                for i in range(30):
                    with engine.begin() as conn:
                        conn.execute(text("INSERT INTO regions(key, name) VALUES (:k, :k)"), {"k": f"{prefix}{i}"})
            except Exception as exc:  # noqa: BLE001 - the test reports any
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(e, f"{n}-{j}-")) for n, e in
                   (("x", store.engine), ("y", second.engine)) for j in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM regions")).scalar() == 180
    finally:
        second.close()
