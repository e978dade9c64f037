"""The command line holes found by probing (issue 12): formulas in exports, ingested symbolic links and
FIFOs, database passwords in error messages and log lines."""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "store"))
from store_helpers import PAIR_A, doc, item  # noqa: E402

FORMULA = '=HYPERLINK("http://contoh.invalid/curi","klik di sini")'
NEEDLE = "RAHASIA-SISTEM-7f3a"  # stands for the text of a system file


def run(*args, env=None):
    from janji.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)


# --- 1. formulas in the exports ---------------------------------------------------------------------------------

@pytest.fixture
def formula_store(tmp_path) -> str:
    """A store whose item texts a spreadsheet would run: =, +, -, @ first."""
    source = tmp_path / "jahat.json"
    source.write_text(json.dumps(doc("jahat.txt", candidates=[PAIR_A], items=[
        item("vision", "Kota yang maju"),
        item("mission", "+1 misi pertama", children=[
            item("program", FORMULA, sectors=["1.03"], quantities=[{"value": 5, "unit": "km", "text": "5 km"}]),
            item("program", "-2+3 program kedua"),
            item("program", "@SUM(A1:A9) program ketiga"),
        ]),
    ])), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'jahat.db'}"
    assert run("ingest", str(source), "--db", db).exit_code == 0
    return db


def test_cli_csv_export_defuses_formulas(formula_store, tmp_path):
    out = tmp_path / "janji.csv"
    assert run("export", "--format", "csv", "--out", str(out), "--db", formula_store).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    texts = {r["text"] for r in rows}
    assert "'" + FORMULA in texts and FORMULA not in texts
    assert {"'+1 misi pertama", "'-2+3 program kedua", "'@SUM(A1:A9) program ketiga"} <= texts
    assert "Kota yang maju" in texts  # ordinary text untouched
    # the same on stdout
    printed = run("export", "--format", "csv", "--db", formula_store).stdout
    assert {r["text"] for r in csv.DictReader(io.StringIO(printed.lstrip("\ufeff")))} == texts


def test_cli_xlsx_export_writes_text_never_a_formula(formula_store, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "janji.xlsx"
    assert run("export", "--format", "xlsx", "--out", str(out), "--db", formula_store).exit_code == 0
    cells = [c for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    hits = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert hits, "the item is in the export"
    for c in cells:
        assert c.data_type != "f", f"{c.coordinate} is a formula: {c.value!r}"
    assert {c.value for c in hits} == {FORMULA}  # the text itself, exactly (a string cell needs no apostrophe)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_track_export_goes_through_the_same_guard(formula_store, tmp_path, suffix):
    from openpyxl import load_workbook

    out = tmp_path / f"pantau.{suffix}"
    res = run("track", "export", "Kota Bandung", "-o", str(out), "--db", formula_store)
    assert res.exit_code == 0, res.output
    if suffix == "csv":
        text = out.read_bytes().decode("utf-8-sig")
        teks = {r["teks"] for r in csv.DictReader(io.StringIO(text))}
        assert "'" + FORMULA in teks and FORMULA not in teks
    else:
        cells = [c for row in load_workbook(out).active.iter_rows() for c in row]
        assert FORMULA in {c.value for c in cells} and all(c.data_type != "f" for c in cells)


def test_track_import_reads_a_defused_export_back_unchanged(formula_store, tmp_path):
    from janji.track.service import read_table

    out = tmp_path / "pantau.csv"
    assert run("track", "export", "Kota Bandung", "-o", str(out), "--db", formula_store).exit_code == 0
    rows = read_table(out.name, out.read_bytes())
    assert FORMULA in {r["teks"] for r in rows}


def test_one_spreadsheet_writer():
    """The guard lives in janji.sheets: no other module writes CSV rows or worksheet cells on its own."""
    src = ROOT / "src" / "janji"
    own = []
    for path in src.rglob("*.py"):
        if path.name == "sheets.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(w in line for w in ("csv.writer(", "csv.DictWriter(", "Workbook(write_only")) or \
                    re.search(r"\bws\.append\((?!\[\]\))", line):
                own.append(f"{path.relative_to(src)}:{n}: {line.strip()}")
    assert not own, "\n".join(own)


# --- 3. ingest and analyze do not leave the folder, never read special files ------------------------------------

@pytest.fixture
def probe_folder(tmp_path) -> Path:
    outside = tmp_path / "di-luar"
    outside.mkdir()
    (outside / "rahasia.txt").write_text(f"Visi: {NEEDLE}\nMisi:\n1. {NEEDLE} membangun jalan.\n", encoding="utf-8")
    folder = tmp_path / "korpus"
    folder.mkdir()
    (folder / "visi.txt").write_text("Visi: Kota yang maju.\nMisi:\n1. Membangun jalan desa 10 km.\n",
                                     encoding="utf-8")
    (folder / "tautan.txt").symlink_to(outside / "rahasia.txt")
    (folder / "folder-luar").symlink_to(outside, target_is_directory=True)
    (folder / "sama.txt").symlink_to("visi.txt")  # a link inside the folder stays fine
    os.mkfifo(folder / "pipa.txt")
    return folder


def _stored_text(db: str) -> str:
    from janji.store import open_store

    store = open_store(db, create=False)
    try:
        return "\n".join((store.document(d["id"]) or {}).get("text") or "" for d in store.documents(limit=None))
    finally:
        store.close()


def _janji(*args, timeout=120):
    """The real command in a child process: a FIFO that is opened would hang it (the timeout fails the test)."""
    exe = Path(sys.executable).parent / "janji"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout)


def test_ingest_skips_links_out_of_the_folder_and_special_files(probe_folder, tmp_path):
    db = f"sqlite:///{tmp_path / 'janji.db'}"
    done = _janji("ingest", str(probe_folder), "--db", db)
    assert done.returncode == 0, done.stderr
    assert NEEDLE not in _stored_text(db)
    lines = done.stderr.splitlines()
    assert any("tautan.txt" in line and "luar folder" in line for line in lines), done.stderr
    assert any("folder-luar" in line and "luar folder" in line for line in lines), done.stderr
    assert any("pipa.txt" in line and "FIFO" in line for line in lines), done.stderr
    assert "visi.txt" not in " ".join(line for line in lines if "peringatan" in line)


def test_follow_links_is_the_explicit_way_out(probe_folder, tmp_path):
    db = f"sqlite:///{tmp_path / 'janji.db'}"
    res = run("ingest", str(probe_folder), "--db", db, "--follow-links")
    assert res.exit_code == 0, res.output
    assert NEEDLE in _stored_text(db)
    assert "--follow-links" in run("ingest", "--help").output and "--follow-links" in run("analyze", "--help").output


def test_analyze_walks_a_folder_the_same_way(probe_folder, tmp_path):
    done = _janji("analyze", str(probe_folder), "--out", str(tmp_path / "hasil"))
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "hasil").iterdir())
    assert written == ["sama.json", "visi.json"]
    assert all(NEEDLE not in p.read_text(encoding="utf-8") for p in (tmp_path / "hasil").iterdir())
    assert "tautan.txt" in done.stderr and "pipa.txt" in done.stderr


def test_a_fifo_named_directly_is_refused_not_waited_on(probe_folder, tmp_path):
    done = _janji("analyze", str(probe_folder / "pipa.txt"), timeout=60)
    assert done.returncode != 0 and "pipa.txt" in done.stderr and "FIFO" in done.stderr
    from janji.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'api.db'}")
    try:  # the library call too (no walk in front of it)
        result = store.ingest_path(probe_folder / "pipa.txt")
        assert result.status == "failed" and "bukan berkas biasa" in result.reason
    finally:
        store.close()


def test_import_of_a_folder_leaves_links_out(tmp_path):
    from janji.store import open_store

    outside = tmp_path / "luar"
    outside.mkdir()
    secret = doc("rahasia.txt", items=[item("program", NEEDLE)])
    (outside / "rahasia.json").write_text(json.dumps(secret), encoding="utf-8")
    folder = tmp_path / "impor"
    folder.mkdir()
    (folder / "rahasia.json").symlink_to(outside / "rahasia.json")
    store = open_store(f"sqlite:///{tmp_path / 'i.db'}")
    try:
        summary = store.import_json(folder)
        assert summary.count("added") == 0 and summary.count("failed") == 1
        assert "luar folder" in summary.results[0].reason
    finally:
        store.close()


# --- 8. no database password in any message ---------------------------------------------------------------------

BAD_URLS = ["postgresql://u:s3cret@127.0.0.1:1/nodb", "nosuchdriver://u:s3cret@127.0.0.1:1/nodb"]
COMMANDS = [["stats"], ["search", "air"], ["export", "--format", "csv"], ["init"], ["compare", "Kota Contoh"],
            ["user", "list"], ["align", "--region", "Kota Contoh"], ["suggest", "--region", "Kota Contoh"],
            ["track", "export", "Kota Contoh", "-o", "x.csv"]]


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_wrong_db_url_never_prints_its_password(command, url, tmp_path):
    res = run(*command, "--db", url)
    assert res.exit_code != 0
    assert "s3cret" not in res.output
    assert "u:***@127.0.0.1:1/nodb" in res.output  # the user still sees which database failed
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr


@pytest.mark.parametrize("url", BAD_URLS)
def test_ingest_and_import_neither(url, tmp_path):
    (tmp_path / "a.txt").write_text("Visi: maju.\n", encoding="utf-8")
    for command in (["ingest", str(tmp_path / "a.txt")], ["import", str(tmp_path / "a.txt")]):
        res = run(*command, "--db", url)
        assert res.exit_code != 0 and "s3cret" not in res.output and "***" in res.output


@pytest.mark.parametrize("command", ["serve", "demo"])
@pytest.mark.parametrize("url", BAD_URLS)
def test_serve_and_demo_neither(command, url, tmp_path):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    extra = ["--seeds", str(tmp_path)] if command == "demo" else []
    done = _janji(command, "--db", url, "--port", str(port), *extra, timeout=90)
    assert done.returncode != 0
    assert "s3cret" not in done.stdout + done.stderr and "u:***@" in done.stderr


def test_the_default_url_from_the_environment_neither(tmp_path):
    res = run("stats", env={"JANJI_DATABASE_URL": "postgresql://u:s3cret@127.0.0.1:1/nodb"})
    assert res.exit_code != 0 and "s3cret" not in res.output


def test_log_lines_are_scrubbed_too(caplog):
    from janji.redact import install_log_filter, remember

    install_log_filter()
    remember("postgresql://u:s3cret-log@db.example.invalid/janji")
    log = logging.getLogger("janji.test")
    with caplog.at_level(logging.INFO):
        log.error("gagal membuka %s", "postgresql://other:pw-in-url@db.example.invalid/janji")
        log.warning("driver berkata: password s3cret-log salah")
        try:
            raise RuntimeError("connect failed for postgresql://u:s3cret-log@db.example.invalid/janji")
        except RuntimeError:
            log.exception("galat")
    text = "\n".join(caplog.text.splitlines())
    assert "pw-in-url" not in text and "s3cret-log" not in text
    assert "other:***@db.example.invalid" in text
