"""`janji user add` as the README's tour runs it: what can be checked is checked before the password is
asked, and an account may cover any region of the reference table, stored or not yet."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
import store_helpers as h  # noqa: E402

PASSWORD = "kata-sandi-panjang-1"


def run(*args, input=None):
    from janji.cli import cli

    return CliRunner().invoke(cli, list(args), input=input, env={"JANJI_NEW_PASSWORD": None},
                              catch_exceptions=False)


def store_with_one_region(tmp_path) -> str:
    db = f"sqlite:///{tmp_path / 'j.db'}"
    src = tmp_path / "a.json"
    src.write_text(json.dumps(h.campaign_a()), encoding="utf-8")  # Kota Bandung only
    assert run("ingest", str(src), "--db", db).exit_code == 0
    return db


def test_a_region_of_the_reference_table_not_yet_stored_is_accepted(tmp_path):
    db = store_with_one_region(tmp_path)
    res = run("user", "add", "ana", "--role", "editor", "--region", "Kota Bogor", "--db", db, "--json",
              input=f"{PASSWORD}\n{PASSWORD}\n")
    assert res.exit_code == 0, res.output
    account = json.loads(res.stdout[res.stdout.index("{"):])
    regions = {r["id"]: r for r in stored_regions(db)}
    assert [(regions[r]["name"], regions[r]["code"]) for r in account["regions"]] == [("Kota Bogor", "32.71")]
    # named again by its code: the same region row, not a second one
    res = run("user", "role", "ana", "editor", "--region", "32.71", "--db", db)
    assert res.exit_code == 0, res.output
    assert sorted(r["name"] for r in stored_regions(db)) == ["Kota Bandung", "Kota Bogor"]


def stored_regions(db: str) -> list[dict]:
    from janji.store import open_store

    with open_store(db) as store:
        return store.regions()


def test_an_unknown_region_fails_before_the_password_is_asked(tmp_path):
    db = store_with_one_region(tmp_path)
    res = run("user", "add", "ana", "--role", "editor", "--region", "Kota Atlantis", "--db", db, input="")
    assert res.exit_code == 1
    assert "Kata sandi" not in res.output
    assert res.output.strip().splitlines() == [res.output.strip()] and "Kota Atlantis" in res.output
    # an ambiguous part of a name is named too, with the candidates
    res = run("user", "add", "ana", "--role", "editor", "--region", "Bogor", "--db", db, input="")
    assert res.exit_code == 1 and "Kata sandi" not in res.output
    assert "Kabupaten Bogor" in res.output and "Kota Bogor" in res.output
    assert json.loads(run("user", "list", "--db", db, "--json").stdout) == []


def test_a_taken_username_fails_before_the_password_is_asked(tmp_path):
    db = store_with_one_region(tmp_path)
    assert run("user", "add", "ana", "--role", "admin", "--password", PASSWORD, "--db", db).exit_code == 0
    res = run("user", "add", "Ana", "--role", "admin", "--db", db, input="")
    assert res.exit_code == 1 and "Kata sandi" not in res.output and "sudah dipakai" in res.output
