"""Sources as people cite them: title, publisher, address and publication time — read from an HTML page,
given by the caller (`janji ingest --url --title --publisher --published`), kept by the store (migration
0007_sources upgrades an existing store in place) and carried through export and import."""
from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, inspect, insert

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import campaign_a  # noqa: E402

ARTICLE = """<!doctype html><html><head>
<meta charset="utf-8">
<title>Paslon Contoh Janjikan Air Bersih - Kabar Contoh</title>
<meta property="og:title" content="Paslon Contoh Janjikan Air Bersih">
<meta property="og:site_name" content="Kabar Contoh">
<link rel="canonical" href="https://kabar.contoh.id/berita/air-bersih">
<meta property="article:published_time" content="2024-10-21T19:30:00+07:00">
</head><body><article><h1>Paslon Contoh Janjikan Air Bersih</h1>
<p>Pasangan calon Wali Kota Bandung nomor urut 1 Budi Santoso-Siti Aminah berjanji membangun jaringan air
bersih untuk 10.000 rumah dalam lima tahun bila terpilih pada Pilkada 2024.</p>
<p>Visi: Bandung yang maju dan sejahtera.</p></article></body></html>"""


def test_an_html_page_describes_itself(store):
    result = store.ingest_bytes(ARTICLE.encode(), "000_9f8e7d6c5b4a3921.html")
    assert result.status == "added", result.reason
    doc = store.document(result.document_id)
    assert doc["title"] == "Paslon Contoh Janjikan Air Bersih"
    assert doc["publisher"] == "Kabar Contoh"
    assert doc["url"] == "https://kabar.contoh.id/berita/air-bersih"
    assert doc["published_at"] == "2024-10-21T12:30:00Z"  # an instant, kept in UTC


def test_what_the_caller_says_wins_and_describes_a_stored_document_anew(store):
    raw = "Visi: Bandung yang maju.\nMisi:\n1. Membangun jalan desa sepanjang 100 km\n".encode()
    first = store.ingest_bytes(raw, "5e0c2a7d91b4f3e8.txt", source={"title": "Visi misi paslon 1",
                                                                     "url": "https://contoh.id/a"})
    assert first.status == "added", first.reason
    doc = store.document(first.document_id)
    assert (doc["title"], doc["url"], doc["publisher"]) == ("Visi misi paslon 1", "https://contoh.id/a", None)
    # the same bytes again, now with the publisher and the date: nothing is analysed, the description grows
    again = store.ingest_bytes(raw, "5e0c2a7d91b4f3e8.txt", source={"publisher": "KPU Kota Contoh",
                                                                     "published": "2024-09-23"})
    assert (again.status, again.document_id, again.source_updated) == ("unchanged", first.document_id, True)
    doc = store.document(first.document_id)
    assert (doc["title"], doc["publisher"], doc["published_at"]) == ("Visi misi paslon 1", "KPU Kota Contoh",
                                                                    "2024-09-23")
    same = store.ingest_bytes(raw, "5e0c2a7d91b4f3e8.txt", source={"publisher": "KPU Kota Contoh"})
    assert same.source_updated is False
    from janji.errors import InputError

    with pytest.raises(InputError, match="tanggal terbit"):
        store.ingest_bytes(raw, "x.txt", source={"published": "kemarin sore"})


def test_the_description_survives_export_and_import(store, db_url2):
    from janji.store import open_store

    data = campaign_a()
    data["source"].update(title="Visi misi paslon 1", publisher="Kabar Contoh", url="https://contoh.id/a",
                          published="2024-09-23T03:15:00Z")
    store.ingest_document(data)
    exported = store.export_json()
    assert exported["documents"][0]["source"]["publisher"] == "Kabar Contoh"
    other = open_store(db_url2)
    try:
        other.import_json(exported)
        [doc] = other.documents()
        assert (doc["title"], doc["publisher"], doc["url"], doc["published_at"]) == (
            "Visi misi paslon 1", "Kabar Contoh", "https://contoh.id/a", "2024-09-23T03:15:00Z")
    finally:
        other.close()


def test_a_store_of_the_previous_schema_upgrades_in_place(db_url):
    """A store made before 0007_sources (both 0006 heads), with a document, an item and its search index,
    opens with the new code: the columns are added, nothing is lost, search still finds the item."""
    from alembic import command
    from alembic.config import Config

    from janji.store import open_store
    from janji.store.db import MIGRATIONS, make_engine
    from janji.store.text import stem_text

    engine = make_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006_align")
        command.upgrade(cfg, "0006_restem")
    with engine.begin() as conn:
        assert "publisher" not in {c["name"] for c in inspect(conn).get_columns("documents")}
        old = MetaData()
        old.reflect(conn, only=["regions", "documents", "items"])
        conn.execute(insert(old.tables["regions"]).values(id=1, key="code:32.73", name="Kota Bandung",
                                                          code="32.73", level="kota"))
        conn.execute(insert(old.tables["documents"]).values(
            id=1, sha256="a" * 64, origin="/lama/000_5e0c2a7d91b4f3e8.txt", version=1, name="000_5e0c2a7d91b4f3e8.txt",
            format="text", kind="campaign", title=None, url=None, retrieved_at=datetime(2024, 10, 1, 4, 0),
            region_id=1, text="Membangun jalan desa sepanjang 100 km", warnings=[]))
        text = "Membangun jalan desa sepanjang 100 km"
        conn.execute(insert(old.tables["items"]).values(
            id=1, document_id=1, position=0, depth=0, kind="program", text=text, span_start=0, span_end=len(text),
            quantities=[], sectors=[], sdgs=[], measurable=False, stemmed=stem_text(text)))
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("INSERT INTO item_fts(rowid, stemmed) VALUES (1, ?)", (stem_text(text),))
    engine.dispose()

    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("documents")}
            versions = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
        assert {"publisher", "published_at"} <= columns
        from alembic.script import ScriptDirectory

        assert versions == set(ScriptDirectory.from_config(cfg).get_heads())  # 0007_sources and what follows it
        doc = store.document(1)
        assert (doc["name"], doc["publisher"], doc["published_at"]) == ("000_5e0c2a7d91b4f3e8.txt", None, None)
        assert store.search("pembangunan jalan")["total"] == 1
        assert store.update_source(1, title="Jalan desa 100 km", publisher="Kabar Contoh",
                                   published_at="2024-09-23T10:15+07:00") is True
        doc = store.document(1)
        assert (doc["title"], doc["publisher"], doc["published_at"]) == ("Jalan desa 100 km", "Kabar Contoh",
                                                                        "2024-09-23T03:15:00Z")
        store.ingest_document(campaign_a())  # and the upgraded store takes new documents as before
        assert len(store.documents()) == 2
    finally:
        store.close()


def _run(*args):
    from janji.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_ingest_command_takes_the_description(db_url, tmp_path):
    page = tmp_path / "berita.txt"
    page.write_text("Pasangan Budi Santoso-Siti Aminah berjanji membangun 20 puskesmas di Kota Bandung.\n",
                    encoding="utf-8")
    result = _run("ingest", str(page), "--db", db_url, "--json", "--title", "Janji puskesmas",
                  "--publisher", "Kabar Contoh", "--url", "https://contoh.id/p", "--published", "2024-10-21")
    assert result.exit_code == 0, result.output
    doc_id = json.loads(result.stdout)["results"][0]["document_id"]
    from janji.store import open_store

    store = open_store(db_url)
    try:
        doc = store.document(doc_id)
        assert (doc["title"], doc["publisher"], doc["url"], doc["published_at"]) == (
            "Janji puskesmas", "Kabar Contoh", "https://contoh.id/p", "2024-10-21")
    finally:
        store.close()
    again = _run("ingest", str(page), "--db", db_url, "--title", "Janji 20 puskesmas")
    assert again.exit_code == 0 and "diperbarui" in again.stderr
    bad = _run("ingest", str(page), "--db", db_url, "--published", "besok")
    assert bad.exit_code == 2 and "--published" in bad.stderr and "Traceback" not in bad.output
    other = tmp_path / "lain.txt"
    other.write_text("Visi: Bandung juara.\n", encoding="utf-8")
    two = _run("ingest", str(page), str(other), "--db", db_url, "--url", "https://contoh.id/p")
    assert two.exit_code == 2 and "satu berkas" in two.stderr


def test_dates_are_read_as_pages_write_them():
    from janji.read.meta import published

    assert published("2024-10-21T19:30:00+07:00") == "2024-10-21T12:30:00Z"
    assert published("2024-10-21T19:30:00+0800") == "2024-10-21T11:30:00Z"
    assert published("2024-10-21T12:30:00.123Z") == "2024-10-21T12:30:00Z"
    assert published("2024-10-21 19:30:00") == "2024-10-21"  # no zone: only the day is certain
    assert published("2024-02-30") is None and published("21 Oktober 2024") is None
