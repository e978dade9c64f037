"""`janji user …` and `janji track export/import` through click (SQLite)."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
import store_helpers as h  # noqa: E402


def run(*args, env=None):
    from janji.cli import cli

    return CliRunner().invoke(cli, list(args), env=env or {}, catch_exceptions=False)


def test_user_commands_and_import_round_trip(tmp_path):
    db = f"sqlite:///{tmp_path / 'j.db'}"
    src = tmp_path / "a.json"
    src.write_text(json.dumps(h.campaign_a()), encoding="utf-8")
    assert run("ingest", str(src), "--db", db).exit_code == 0
    env = {"JANJI_NEW_PASSWORD": "kata-sandi-panjang-1"}
    r = run("user", "add", "rina", "--role", "editor", "--region", "Kota Bandung", "--db", db, "--json", env=env)
    assert r.exit_code == 0 and json.loads(r.stdout)["regions"]
    r = run("user", "add", "xena", "--role", "editor", "--db", db, env={"JANJI_NEW_PASSWORD": "pendek"})
    assert r.exit_code == 1 and "minimal 10" in r.output
    r = run("user", "add", "yuli", "--role", "editor", "--region", "Kota Antah", "--db", db, env=env)
    assert r.exit_code == 1 and "Kota Antah" in r.output and "Traceback" not in r.output
    out = tmp_path / "bdg.csv"
    assert run("track", "export", "Kota Bandung", "-o", str(out), "--db", db).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) == 5 and rows[0]["versi"] == "0"
    rows[1].update(status="dalam proses", url_bukti="https://example.go.id/lelang", tanggal_bukti="2026-02-01")
    rows[2].update(status="ditepati")  # no evidence: an error
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    r = run("track", "import", str(out), "--as", "rina", "--db", db, "--json")
    report = json.loads(r.stdout)
    assert r.exit_code == 1 and report["applied"] == 0 and [e["row"] for e in report["errors"]] == [4]
    r = run("track", "import", str(out), "--as", "rina", "--force", "--db", db, "--json")
    assert json.loads(r.stdout)["applied"] == 1
    assert run("user", "disable", "rina", "--db", db).exit_code == 0
    listed = json.loads(run("user", "list", "--db", db, "--json").stdout)
    assert listed[0]["disabled"] is True
    r = run("track", "import", str(out), "--as", "rina", "--db", db)
    assert r.exit_code == 1 and "nonaktif" in r.output
