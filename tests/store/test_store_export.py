"""Exports and imports: JSON round trip, CSV, XLSX for planners, SQLite that Datasette opens."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import csv
import io
import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import campaign_a, campaign_b, doc, item, news_both  # noqa: E402


def _fill(store):
    store.ingest_document(campaign_a(), origin="/korpus/paslon-1.txt", text="Visi: Bandung yang maju dan sejahtera")
    store.ingest_document(campaign_b(), origin="/korpus/paslon-2.txt")
    store.ingest_document(news_both(), origin="https://berita.example/bandung")
    newer = campaign_b()
    newer["items"].append(item("quick_win", "Seragam sekolah gratis dalam 100 hari", sectors=["1.01"]))
    store.ingest_document(newer, origin="/korpus/paslon-2.txt")
    store.ingest_document(doc("rpjmd.txt", region=("Jawa Barat", None, None), period=None, kind="plan",
                              items=[item("goal", "Meningkatnya daya saing daerah")]))


def _logical(store) -> list[dict]:
    docs = store.export_json()["documents"]
    return docs


def test_json_export_imported_into_an_empty_store_gives_the_same_data(store, db_url2, tmp_path):
    from janji.store import open_store

    _fill(store)
    out = tmp_path / "korpus.json"
    store.export("json", out)
    other = open_store(db_url2)
    summary = other.import_json(out)
    assert summary.count("added") == 5 and summary.count("failed") == 0
    assert _logical(other) == _logical(store)
    assert other.stats() | {"database": ""} == store.stats() | {"database": ""}
    strip = lambda rows: [{k: v for k, v in r.items() if k != "id" and k != "election_id"} for r in rows]  # noqa: E731
    assert strip(other.candidates()) == strip(store.candidates())
    # importing again changes nothing
    assert other.import_json(out).count("unchanged") == 5
    other.close()


def test_import_a_folder_of_janji1_files(store, tmp_path):
    folder = tmp_path / "hasil"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(campaign_a()), encoding="utf-8")
    (folder / "b.json").write_text(json.dumps(campaign_b()), encoding="utf-8")
    (folder / "rusak.json").write_text("{bukan json", encoding="utf-8")
    summary = store.import_json(folder)
    assert summary.count("added") == 2 and summary.count("failed") == 1
    assert store.stats()["documents"] == 2


def test_csv_export_one_row_per_current_item(store):
    _fill(store)
    buf = io.StringIO()
    store.export("csv", buf, region="Kota Bandung")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == store.count_items(region="Kota Bandung")
    road = next(r for r in rows if r["text"] == "Membangun jalan desa 50 km setiap tahun")
    assert (road["target"], road["satuan"], road["sectors"], road["region_code"]) == ("50", "km/tahun", "1.03",
                                                                                      "32.73")
    assert road["candidate"] == "Rahmat Hidayat – Dewi Lestari"


def test_xlsx_has_a_sheet_per_pair_in_planner_columns(store, tmp_path):
    from openpyxl import load_workbook

    _fill(store)
    out = tmp_path / "bandung.xlsx"
    store.export("xlsx", out, region="Kota Bandung")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Budi Santoso – Siti Aminah", "Rahmat Hidayat – Dewi Lestari"]
    rows = list(wb["Budi Santoso – Siti Aminah"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "misi")
    assert list(rows[header][:8]) == ["misi", "sasaran", "program", "kegiatan", "target", "satuan", "bidang urusan",
                                      "SDG"]
    assert rows[1][0] == "Visi: Bandung yang maju dan sejahtera"
    body = [r for r in rows[header + 1:]]
    road = next(r for r in body if r[2] == "Pembangunan jalan desa sepanjang 100 km")
    # the programme row carries its misi, so a filter on any column keeps the context
    assert road[0] == "Membangun infrastruktur yang merata"
    assert (road[4], road[5], road[7]) == ("100", "km", "9")
    assert road[6].startswith("1.03 Pekerjaan Umum")
    assert any(r[2] == "akan membangun pasar rakyat modern" and r[9] == "berita.html" for r in body)


def test_sqlite_export_opens_in_datasette(store, tmp_path):
    from datasette.app import Datasette

    _fill(store)
    out = tmp_path / "korpus.sqlite"
    store.export("sqlite", out)
    con = sqlite3.connect(out)
    assert con.execute("SELECT count(*) FROM items").fetchone()[0] == store.stats()["items"]
    con.close()

    async def query():
        ds = Datasette([str(out)])
        tables = (await ds.client.get("/korpus.json")).json()
        found = (await ds.client.get("/korpus/items.json?_search=posyandu&_shape=array")).json()
        row = (await ds.client.get("/korpus/items.json?_shape=array&_labels=on&kind=quick_win")).json()
        return tables, found, row

    # A fresh thread gets a fresh event loop, whatever loop an earlier test in this worker left running.
    with ThreadPoolExecutor(max_workers=1) as pool:
        tables, found, rows = pool.submit(lambda: asyncio.run(query())).result()
    names = {t["name"]: t for t in tables["tables"]}
    assert {"regions", "elections", "candidates", "documents", "items", "item_sectors"} <= set(names)
    assert names["items"]["fts_table"] == "items_fts"
    assert [r["text"] for r in found] == ["Posyandu gratis di setiap kelurahan"]
    assert rows[0]["candidate_id"]["label"] == "Rahmat Hidayat – Dewi Lestari"  # foreign keys give labelled links


def test_a_deputy_named_in_full_and_shortened_is_one_pair():
    from janji.store.text import same_name

    assert same_name("rudi hartono", "rudi hartono saputra")
    assert not same_name("ali", "ali akbar")  # one word is too little to tell two people apart
