"""The store commands end to end (`janji ingest/search/compare/export/stats/import --db URL`), and the
SIGKILL test: an ingest killed mid-batch and run again gives exactly the store of one uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import PAIR_A, PAIR_B, campaign_a, campaign_b, doc, item  # noqa: E402


def run(*args, ok=True):
    from janji.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "korpus"
    folder.mkdir()
    (folder / "paslon-1.json").write_text(json.dumps(campaign_a()), encoding="utf-8")
    (folder / "paslon-2.json").write_text(json.dumps(campaign_b()), encoding="utf-8")
    return folder


def test_ingest_summary_and_idempotence(db_url, corpus, tmp_path):
    (corpus / "kosong.txt").write_bytes(b"")
    first = run("ingest", str(corpus), "--db", db_url, "--json", ok=False)
    assert first.exit_code == 1  # one file failed; the others are stored
    data = json.loads(first.stdout)
    assert (data["added"], data["unchanged"], data["failed"]) == (2, 0, 1)
    failed = next(r for r in data["results"] if r["status"] == "failed")
    assert failed["name"] == "kosong.txt" and failed["reason"]
    assert "kosong.txt" in first.stderr and "Traceback" not in first.output
    (corpus / "kosong.txt").unlink()
    again = json.loads(run("ingest", str(corpus), "--db", db_url, "--json").stdout)
    assert (again["added"], again["unchanged"]) == (0, 2)


def test_search_stats_compare_export_import(db_url, db_url2, corpus, tmp_path):
    run("ingest", str(corpus), "--db", db_url)
    found = json.loads(run("search", "pembangunan jalan", "--db", db_url, "--json").stdout)
    assert found["total"] == 2
    table = run("search", "posyandu", "--db", db_url, "--region", "Kota Bandung").stdout
    assert "Posyandu" in table
    stats = json.loads(run("stats", "--db", db_url, "--json").stdout)
    assert (stats["documents"], stats["candidates"], stats["items"]) == (2, 2, 9)
    assert stats["by_region"][0]["name"] == "Kota Bandung" and "by_sector" not in stats
    by_sector = {r["code"]: r for r in json.loads(run("stats", "--sectors", "--db", db_url, "--json").stdout)["by_sector"]}
    assert by_sector["1.03"] == {"code": "1.03", "name": "Pekerjaan Umum dan Penataan Ruang", "items": 4, "regions": 1}
    sector_table = run("stats", "--sectors", "--db", db_url).stdout
    assert "Per bidang urusan" in sector_table and "Pendidikan" in sector_table and "Pariwisata" not in sector_table
    chart = tmp_path / "bandung.svg"
    cmp = json.loads(run("compare", "Kota Bandung", "--db", db_url, "--chart", str(chart), "--json").stdout)
    assert [p["head"] for p in cmp["pairs"]] == ["Budi Santoso", "Rahmat Hidayat"]
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml") and "<svg" in chart.read_text()
    human = run("compare", "bandung", "--year", "2024", "--db", db_url, "--no-chart").stdout
    assert "Budi Santoso" in human and "Janji khas" in human
    export = run("export", "--db", db_url, "--format", "json").stdout
    dump = tmp_path / "dump.json"
    dump.write_text(export, encoding="utf-8")
    imported = json.loads(run("import", str(dump), "--db", db_url2, "--json").stdout)
    assert imported["added"] == 2
    assert json.loads(run("stats", "--db", db_url2, "--json").stdout)["items"] == 9


def test_user_errors_are_one_line(db_url, tmp_path):
    run("init", "--db", db_url)  # an empty store: the readers refuse one that does not exist
    res = run("compare", "Kota Atlantis", "--db", db_url, "--no-chart", ok=False)
    assert res.exit_code == 1 and "wilayah tidak ditemukan" in res.stderr
    res = run("export", "--db", db_url, "--format", "xlsx", ok=False)
    assert res.exit_code == 2 and "--out" in res.stderr
    res = run("stats", "--db", "postgresql://nobody@127.0.0.1:1/none", ok=False)
    assert res.exit_code == 2 and "basis data tidak dapat dibuka" in res.stderr and "Traceback" not in res.output
    res = run("import", str(tmp_path), "--db", db_url, "--json", ok=True)  # an empty folder imports nothing
    assert json.loads(res.stdout)["added"] == 0


def test_default_database_comes_from_the_environment(tmp_path, monkeypatch, corpus):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("JANJI_DATABASE_URL", url)
    run("ingest", str(corpus / "paslon-1.json"))
    assert (tmp_path / "env.db").exists()
    assert json.loads(run("stats", "--json").stdout)["documents"] == 1


# --- SIGKILL ----------------------------------------------------------------------------------------------------

PLACES = ["Sukamaju", "Cibeunying", "Kiaracondong", "Antapani", "Arcamanik", "Ujungberung", "Cicendo", "Sumur"]
ACTS = ["Membangun jalan", "Memperbaiki drainase", "Menyediakan air bersih", "Merenovasi sekolah",
        "Membuka posyandu", "Melatih UMKM", "Menanam pohon", "Menerangi jalan"]


def _batch(folder: Path, n_docs: int, n_items: int) -> None:
    folder.mkdir()
    for d in range(n_docs):
        pair = [PAIR_A, PAIR_B][d % 2]
        region = [("Kota Bandung", "32.73", "kota"), ("Kota Bogor", "32.71", "kota")][(d // 2) % 2]
        items = [item("vision", f"Visi dokumen {d}")]
        for i in range(n_items):
            items.append(item("program", f"{ACTS[i % 8]} di {PLACES[(i + d) % 8]} tahap {d}-{i}",
                              sectors=["1.03"], quantities=[{"value": i + 1, "unit": "km"}]))
        (folder / f"dok-{d:03d}.json").write_text(json.dumps(doc(f"dok-{d:03d}.txt", region=region, candidates=[pair],
                                                                 items=items)), encoding="utf-8")


def _ingest_cmd(folder: Path, url: str) -> list[str]:
    return [sys.executable, "-c", "from janji.cli import main; main()", "ingest", str(folder), "--db", url, "--json"]


def _count(url: str) -> int:
    from sqlalchemy import create_engine, text

    from janji.store.db import normalise_url

    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0
    except Exception:  # schema not created yet
        return 0
    finally:
        engine.dispose()


def _content(url: str) -> dict:
    """The store's logical content: everything but retrieval timestamps (and ids, which exports do not carry)."""
    from janji.store import open_store

    store = open_store(url)
    docs = store.export_json()["documents"]
    for d in docs:
        d["store"].pop("retrieved_at")
    pairs = [{k: v for k, v in p.items() if k not in ("id", "election_id")} | {"region": p["region"]["name"]}
             for p in store.candidates()]
    stats = store.stats()
    stats.pop("database")
    store.close()
    return {"documents": docs, "pairs": pairs, "stats": stats}


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun_equals_one_uninterrupted_run(db_url, db_url2, tmp_path):
    n_docs = 50
    folder = tmp_path / "batch"
    _batch(folder, n_docs, 100)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(_ingest_cmd(folder, db_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env)
    deadline = time.monotonic() + 120
    while _count(db_url) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed: make the batch larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(db_url)
    assert 0 < partial < n_docs
    done = subprocess.run(_ingest_cmd(folder, db_url), capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["added"] + summary["unchanged"] == n_docs and summary["unchanged"] >= partial
    clean = subprocess.run(_ingest_cmd(folder, db_url2), capture_output=True, text=True, env=env, timeout=600)
    assert clean.returncode == 0, clean.stderr
    assert _content(db_url) == _content(db_url2)


def test_two_ingests_at_the_same_time_store_everything_once(db_url, tmp_path):
    folder = tmp_path / "bersama"
    _batch(folder, 16, 40)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    procs = [subprocess.Popen(_ingest_cmd(folder, db_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    summaries = [json.loads(out) for out, _ in outs]
    assert sum(s["added"] for s in summaries) == 16
    content = _content(db_url)
    assert content["stats"]["documents"] == 16 and len(content["pairs"]) == 4
