"""A store that does not exist: the commands that read one refuse it with one line naming it and create
nothing; only `janji init`, `ingest` and `import` create one, and a first ingest or import that stores nothing
leaves nothing behind (SQLite and PostgreSQL)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import campaign_a  # noqa: E402

READERS = [
    ["stats"],
    ["search", "jalan"],
    ["compare", "Kota Bandung"],
    ["export", "--format", "json"],
    ["user", "list"],
    ["user", "add", "rina", "--role", "admin"],
    ["track", "export", "Kota Bandung", "-o", "x.csv"],
    ["align", "--region", "Kota Bandung"],
    ["suggest", "--region", "Kota Bandung"],
]


def run(*args, env=None, input=None):
    from janji.cli import cli

    return CliRunner().invoke(cli, list(args), env=env or {}, input=input, catch_exceptions=False)


def janji_tables(url: str) -> set[str]:
    from sqlalchemy import create_engine, inspect

    from janji.store.db import normalise_url

    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names()) & {"alembic_version", "documents", "items", "track_users"}
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c[:2]))
def test_a_reading_command_refuses_a_store_that_does_not_exist_and_creates_nothing(command, tmp_path):
    db = tmp_path / "salah-ketik" / "korpus.db"
    res = run(*command, "--db", str(db), env={"JANJI_NEW_PASSWORD": "kata-sandi-panjang-1"})
    assert res.exit_code != 0
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("galat: penyimpanan tidak ada: ") and str(db) in lines[0], \
        res.output
    assert "Kata sandi" not in res.output  # refused before any prompt
    assert not db.parent.exists()


def test_the_default_store_is_named_when_it_does_not_exist(tmp_path, monkeypatch):
    monkeypatch.delenv("JANJI_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    res = run("stats")
    assert res.exit_code == 2
    assert str(tmp_path / "data" / "janji" / "janji.db") in res.output and "janji init" in res.output
    assert not (tmp_path / "data" / "janji").exists()


def test_a_database_without_the_janji_tables_is_refused_and_left_as_it_was(db_url):
    res = run("stats", "--db", db_url)
    assert res.exit_code == 2
    if db_url.startswith("sqlite"):  # the fixture's file is not there yet
        assert "penyimpanan tidak ada" in res.output
        assert not Path(db_url.removeprefix("sqlite:///")).exists()
    else:  # the server's database is there, with no Janji tables in it
        assert "bukan penyimpanan Janji" in res.output
        assert janji_tables(db_url) == set()


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    import sqlite3

    other = tmp_path / "lain.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE catatan (isi TEXT)")
    con.commit()
    con.close()
    before = other.read_bytes()
    res = run("search", "jalan", "--db", str(other))
    assert res.exit_code == 2 and "bukan penyimpanan Janji" in res.output
    assert other.read_bytes() == before and not Path(f"{other}-wal").exists()
    not_sqlite = tmp_path / "catatan.txt"
    not_sqlite.write_text("bukan basis data\n", encoding="utf-8")
    res = run("stats", "--db", str(not_sqlite))
    assert res.exit_code == 2 and "bukan basis data SQLite" in res.output and "Traceback" not in res.output


def test_init_creates_a_store_the_readers_then_accept(db_url):
    first = json.loads(run("init", "--db", db_url, "--json").stdout)
    assert first["created"] is True
    again = json.loads(run("init", "--db", db_url, "--json").stdout)
    assert again["created"] is False
    stats = json.loads(run("stats", "--db", db_url, "--json").stdout)
    assert stats["documents"] == 0


def test_a_failed_first_import_leaves_nothing(db_url, tmp_path):
    bad = tmp_path / "rusak.json"
    bad.write_text('{"schema": "lain"}', encoding="utf-8")
    url = db_url
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'baru' / 'dalam' / 'korpus.db'}"
    res = run("import", str(bad), "--db", url)
    assert res.exit_code == 1 and "rusak.json" in res.output
    if url.startswith("sqlite"):
        assert not (tmp_path / "baru").exists()
    else:
        assert janji_tables(url) == set()
    assert run("stats", "--db", url).exit_code == 2


def test_a_failed_import_into_an_existing_store_keeps_it(db_url, tmp_path):
    good = tmp_path / "a.json"
    good.write_text(json.dumps(campaign_a()), encoding="utf-8")
    assert run("ingest", str(good), "--db", db_url).exit_code == 0
    bad = tmp_path / "rusak.json"
    bad.write_text("{", encoding="utf-8")
    assert run("import", str(bad), "--db", db_url).exit_code == 1
    assert json.loads(run("stats", "--db", db_url, "--json").stdout)["documents"] == 1


def test_a_first_ingest_of_only_bad_files_leaves_nothing_and_a_good_one_says_it_created_the_store(tmp_path):
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    db = tmp_path / "baru" / "korpus.db"
    res = run("ingest", str(empty), "--db", str(db))
    assert res.exit_code == 1 and not (tmp_path / "baru").exists()
    good = tmp_path / "a.json"
    good.write_text(json.dumps(campaign_a()), encoding="utf-8")
    res = run("ingest", str(good), "--db", str(db))
    assert res.exit_code == 0 and f"penyimpanan baru dibuat: {db}" in res.output and db.exists()


def test_serve_refuses_a_store_that_does_not_exist(tmp_path):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    res = run("serve", "--db", str(tmp_path / "tidak-ada.db"), "--port", str(port))
    assert res.exit_code != 0 and "penyimpanan tidak ada" in res.output
    assert not (tmp_path / "tidak-ada.db").exists()
