"""The store's Python API on SQLite and PostgreSQL: ingest, versions, pairs, search, compare, errors."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import PAIR_A, campaign_a, campaign_b, doc, item, news_both  # noqa: E402


def test_same_document_twice_is_stored_once(store):
    first = store.ingest_document(campaign_a(), origin="a.txt")
    again = store.ingest_document(campaign_a(), origin="a.txt")
    assert first.status == "added" and first.items == 6
    assert again.status == "unchanged" and again.document_id == first.document_id
    stats = store.stats()
    assert stats["documents"] == 1 and stats["items"] == 6
    assert stats["items_by_kind"] == {"vision": 1, "mission": 2, "program": 3}


def test_changed_file_is_a_new_version_and_the_old_one_is_kept(store):
    old = campaign_a()
    new = campaign_a()
    new["items"][1]["children"][0]["text"] = "Pembangunan jalan desa sepanjang 250 km"
    r1 = store.ingest_document(old, origin="/data/paslon-1.txt", sha256="a" * 64)
    r2 = store.ingest_document(new, origin="/data/paslon-1.txt", sha256="b" * 64)
    assert (r1.version, r2.version) == (1, 2)
    assert store.stats()["superseded_documents"] == 1
    versions = store.document(r2.document_id)["versions"]
    assert [(v["version"], v["current"]) for v in versions] == [(1, False), (2, True)]
    # the old version stays readable, but answers come from the current one
    assert store.document("a" * 64)["current"] is False
    texts = [r["text"] for r in store.search("jalan desa")["results"]]
    assert texts == ["Pembangunan jalan desa sepanjang 250 km"]


def test_pair_named_by_several_documents_is_one_pair_with_several_sources(store):
    store.ingest_document(campaign_a())
    store.ingest_document(campaign_b())
    store.ingest_document(news_both())
    pairs = store.candidates(region="Kota Bandung")
    assert [(p["head"], p["deputy"], p["documents"]) for p in pairs] == [
        ("Budi Santoso", "Siti Aminah", 2), ("Rahmat Hidayat", "Dewi Lestari", 2)]
    budi = store.candidate(pairs[0]["id"])
    assert {s["name"] for s in budi["sources"]} == {"paslon-1.txt", "berita.html"}
    assert "Budi-Siti" in budi["aliases"]
    # the news item went to the pair it names; each item keeps its own source document
    texts = {it["text"]: it["document"] for it in store.items(candidate=budi["id"], limit=None)}
    assert texts["akan membangun pasar rakyat modern"] == "berita.html"
    assert texts["Beasiswa kuliah untuk mahasiswa berprestasi"] == "paslon-1.txt"


def test_same_names_in_another_region_or_election_are_another_pair(store):
    store.ingest_document(campaign_a())
    store.ingest_document(doc("bogor.txt", region=("Kota Bogor", "32.71", "kota"), candidates=[PAIR_A],
                              items=[item("vision", "Bogor nyaman")]))
    store.ingest_document(doc("lama.txt", period=(2018, 2023), candidates=[PAIR_A],
                              items=[item("vision", "Bandung lama")]))
    assert len(store.candidates()) == 3
    assert [e["year"] for e in store.elections("Kota Bandung")] == [2024, 2018]


def test_document_keeps_cleaned_text_and_item_spans(store):
    text = "Visi: Kota sehat\nMisi:\n1. Membangun puskesmas baru"
    data = doc("spans.txt", candidates=[PAIR_A], items=[
        item("vision", "Kota sehat", span=[6, 16]),
        item("mission", "Membangun puskesmas baru", label="1", span=[26, 50])])
    r = store.ingest_document(data, text=text)
    d = store.document(r.document_id)
    assert d["text"] == text
    assert [text[s:e] for s, e in (it["span"] for it in d["items"])] == ["Kota sehat", "Membangun puskesmas baru"]
    assert store.document(d["sha256"])["id"] == d["id"]


def test_search_matches_by_stem_ranks_and_highlights(store):
    store.ingest_document(campaign_a())
    store.ingest_document(campaign_b())
    # "pembangunan" and "membangun" share the stem "bangun"
    res = store.search("pembangunan jalan")
    assert res["total"] == 2
    assert {r["text"] for r in res["results"]} == {"Pembangunan jalan desa sepanjang 100 km",
                                                   "Membangun jalan desa 50 km setiap tahun"}
    seg = res["results"][0]["snippet"]["segments"]
    assert [s["text"] for s in seg if s["match"]] in (["Pembangunan", "jalan"], ["Membangun", "jalan"])
    assert "«jalan»" in res["results"][0]["snippet"]["marked"]
    # every content word must match; function words in the query do not get in the way
    assert store.search("jalan untuk kesehatan")["total"] == 0
    assert store.search("beasiswa untuk mahasiswa")["total"] == 1


def test_search_filters(store):
    store.ingest_document(campaign_a())
    store.ingest_document(campaign_b())
    store.ingest_document(doc("bogor.txt", region=("Kota Bogor", "32.71", "kota"), candidates=[PAIR_A],
                              items=[item("program", "Membangun jalan lingkar", sectors=["1.03"])]))
    assert store.search("jalan")["total"] == 3
    assert store.search("jalan", region="Kota Bogor")["total"] == 1
    assert store.search("jalan", region="32.73")["total"] == 2
    assert store.search("jalan", sector="1.01")["total"] == 0
    assert store.search("jalan", sector="1")["total"] == 3  # urusan prefix
    assert store.search("air", sdg=6)["total"] == 1
    assert store.search("jalan", measurable=True)["total"] == 2  # both carry a quantity
    assert store.search("air bersih", measurable=True)["total"] == 0  # labelled "sebagian"
    assert store.search("jalan", kind="mission")["total"] == 0
    page = store.search("jalan", limit=1, offset=1)
    assert page["total"] == 3 and len(page["results"]) == 1


@pytest.mark.parametrize("query", ['"', "jalan AND OR", "NEAR(jalan", "'; DROP TABLE items; --", "*", "jalan:*"])
def test_search_treats_query_syntax_as_words(store, query):
    store.ingest_document(campaign_a())
    res = store.search(query)
    assert res["total"] in (0, 1)
    assert store.stats()["items"] == 6


def test_items_filters_and_item_context(store):
    store.ingest_document(campaign_a())
    programs = store.items(kind="program")
    assert [p["text"] for p in programs][:1] == ["Pembangunan jalan desa sepanjang 100 km"]
    assert store.count_items(kind="program") == 2 + 1 and store.count_items(sdg=4) == 1
    assert store.count_items(measurable=True) == 2
    one = store.item(programs[0]["id"])
    assert [a["text"] for a in one["ancestors"]] == ["Membangun infrastruktur yang merata"]
    assert one["candidate"] == "Budi Santoso – Siti Aminah"
    assert one["quantities"][0]["value"] == 100
    mission = store.item(one["parent_id"])
    assert len(mission["children"]) == 2
    assert store.item(10**6) is None and store.document(10**6) is None and store.candidate(10**6) is None


def test_compare_two_pairs(store):
    store.ingest_document(campaign_a())
    store.ingest_document(campaign_b())
    result = store.compare("bandung", year=2024)
    a, b = result["pairs"]
    assert (a["number"], b["number"]) == (1, 2)
    assert a["items_by_kind"] == {"vision": 1, "mission": 2, "program": 3}
    assert b["items_by_kind"] == {"vision": 1, "program": 2}
    # measurable: "terukur" label, or a quantity when unlabelled; "sebagian" is not enough
    assert (a["promises"], a["measurable"]) == (5, 2)
    assert b["measurable_share"] == 0.5
    assert [t["text"] for t in b["targets"]] == ["Membangun jalan desa 50 km setiap tahun"]
    cov = {s["code"]: s["counts"] for s in result["sectors"]}
    assert cov["1.03"] == {a["id"]: 3, b["id"]: 1} and cov["1.02"] == {b["id"]: 1}
    assert result["sectors"][0]["code"] == "1.03"  # most covered first
    # the two road programs are the same promise; scholarships and posyandu are each pair's own
    shared_texts = [{i["text"] for i in g["items"]} for g in result["shared"]]
    assert {"Pembangunan jalan desa sepanjang 100 km", "Membangun jalan desa 50 km setiap tahun"} in shared_texts
    uniq_a = {u["text"] for u in result["unique"][a["id"]]}
    assert "Beasiswa kuliah untuk mahasiswa berprestasi" in uniq_a
    assert "Pembangunan jalan desa sepanjang 100 km" not in uniq_a
    assert {u["text"] for u in result["unique"][b["id"]]} == {"Posyandu gratis di setiap kelurahan"}


def test_compare_unknown_region_or_year_says_so(store):
    from janji.store import NotFound

    store.ingest_document(campaign_a())
    with pytest.raises(NotFound, match="wilayah tidak ditemukan"):
        store.compare("Kota Atlantis")
    with pytest.raises(NotFound, match="2019"):
        store.compare("Kota Bandung", year=2019)


def test_a_failing_document_leaves_the_store_as_it_was(store):
    store.ingest_document(campaign_a())
    before = store.stats()
    bad = campaign_b()
    bad["items"][1]["sdgs"] = ["bukan angka"]  # fails after the document and its first items were written
    result = store.ingest_document(bad, name="rusak.json")
    assert result.status == "failed" and "gagal disimpan" in result.reason
    assert store.stats() == before
    assert len(store.candidates()) == 1
    assert store.search("posyandu")["total"] == 0


def test_ingest_path_reports_unreadable_and_invalid_files(store, tmp_path):
    missing = store.ingest_path(tmp_path / "tidak-ada.pdf")
    assert missing.status == "failed" and "tidak dapat dibaca" in missing.reason
    bad = tmp_path / "rusak.json"
    bad.write_text('{"schema": "janji/1", "items": [{"text": "tanpa jenis"}]}', encoding="utf-8")
    result = store.ingest_path(bad)
    assert result.status == "failed" and "janji/1" in result.reason
    assert store.stats()["documents"] == 0


def test_ingest_path_analyses_a_source_file(store, tmp_path):
    src = tmp_path / "visi-misi.txt"
    src.write_text("Visi:\nKota Bandung yang sehat\n\nMisi:\n1. Membangun puskesmas di setiap kecamatan\n",
                   encoding="utf-8")
    result = store.ingest_path(src)
    assert result.status == "added", result.reason
    d = store.document(result.document_id)
    assert "puskesmas" in d["text"] and d["origin"] == str(src.resolve())
    assert store.ingest_path(src).status == "unchanged"
    src.write_text(src.read_text(encoding="utf-8") + "2. Sekolah gratis\n", encoding="utf-8")
    changed = store.ingest_path(src)
    assert changed.status == "added" and changed.version == 2


def test_ingest_paths_analyses_in_batches_with_the_results_of_one_by_one(db_url, db_url2, tmp_path):
    import json

    from janji.store import open_store

    texts = {
        "a.txt": "Visi:\nKota Contoh yang sehat\n\nMisi:\n1. Membangun puskesmas di setiap kecamatan\n",
        "b.txt": "Misi:\n1. Memberikan beasiswa kepada 1.000 mahasiswa\n2. Memperbaiki jalan desa 40 km\n",
        "b-salinan.txt": "Misi:\n1. Memberikan beasiswa kepada 1.000 mahasiswa\n2. Memperbaiki jalan desa 40 km\n",
        "kosong.txt": "",
        "c.txt": "Pasangan calon berjanji menambah 200 guru honorer dan membangun 3 pasar rakyat.\n",
    }
    paths = []
    for name, text in texts.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    paths.insert(2, tmp_path / "tidak-ada.txt")
    given = tmp_path / "dokumen.json"
    given.write_text(json.dumps(campaign_a()), encoding="utf-8")
    paths.append(given)

    batched, single = open_store(db_url), open_store(db_url2)
    try:
        together = list(batched.ingest_paths(paths, batch=4))  # two batches: the duplicate in the first
        alone = [single.ingest_path(p) for p in paths]
        assert [(r.name, r.status, r.items, r.version, r.reason) for r in together] == \
               [(r.name, r.status, r.items, r.version, r.reason) for r in alone]
        assert [r.status for r in together] == ["added", "added", "failed", "unchanged", "failed", "added", "added"]
        for a, b in zip(together, alone):
            if a.status == "added":
                x, y = batched.document(a.document_id), single.document(b.document_id)
                assert [i["sectors"] for i in x["items"]] == [i["sectors"] for i in y["items"]]
                assert [i["text"] for i in x["items"]] == [i["text"] for i in y["items"]]
        assert [r.status for r in batched.ingest_paths(paths)][:2] == ["unchanged", "unchanged"]
    finally:
        batched.close()
        single.close()


def test_regions_resolve_by_code_name_and_part(store):
    from janji.store import NotFound

    store.ingest_document(campaign_a())
    store.ingest_document(doc("kab.txt", region=("Kabupaten Bandung", None, None), candidates=[PAIR_A],
                              items=[item("vision", "Kabupaten Bandung bedas")]))
    regions = {r["name"]: r for r in store.regions()}
    assert regions["Kabupaten Bandung"]["code"] == "32.04"  # filled from the Kemendagri list
    assert store.resolve_region("32.73")["name"] == "Kota Bandung"
    assert store.resolve_region("kota bandung")["code"] == "32.73"
    with pytest.raises(NotFound, match="beberapa wilayah"):
        store.resolve_region("bandung")


def test_a_store_at_an_older_revision_is_upgraded_on_open(db_url):
    from alembic import command
    from alembic.config import Config

    from janji.store import open_store
    from janji.store.db import MIGRATIONS, make_engine

    engine = make_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    store = open_store(db_url)  # applies 0002 (PostgreSQL: stored search vector)
    store.ingest_document(campaign_a())
    assert store.search("beasiswa")["total"] == 1
    store.close()


def test_a_document_listing_one_pair_twice_is_one_source(store):
    data = doc("debat.txt", candidates=[PAIR_A, {"head": "H. Budi Santoso", "deputy": None, "aliases": ["Budi"]}],
               items=[item("commitment", "akan menggratiskan sekolah", candidate="H. Budi Santoso")])
    result = store.ingest_document(data)
    assert result.status == "added", result.reason
    [pair] = store.candidates()
    assert pair["documents"] == 1 and pair["items"] == 1


def test_a_source_without_term_joins_the_election_its_pair_stands_in(store):
    store.ingest_document(campaign_a())  # term 2025-2030: election 2024
    store.ingest_document(doc("berita-tanpa-tahun.html", period=None, candidates=[PAIR_A],
                              items=[item("commitment", "akan membuka lapangan kerja")]))
    store.ingest_document(doc("lain.html", period=None, candidates=[{"head": "Orang Lain", "deputy": None}],
                              items=[item("commitment", "akan menanam pohon")]))
    [budi] = [p for p in store.candidates() if p["head"] == "Budi Santoso"]
    assert budi["documents"] == 2 and budi["year"] == 2024
    assert [e["year"] for e in store.elections("Kota Bandung")] == [2024, None]


def test_the_counts_the_portal_shows_come_from_the_store(store):
    """Sector counts, region menus, document counts and the cache stamp: plain values from the store's API,
    counting current documents only (an old version of a document counts nowhere)."""
    empty = store.data_version()
    store.ingest_document(campaign_a())
    old = campaign_b()
    old["items"].append(item("program", "Sekolah rakyat di setiap kecamatan", sectors=["1.01"]))
    store.ingest_document(old, origin="paslon-2.txt", sha256="c" * 64)
    store.ingest_document(campaign_b(), origin="paslon-2.txt", sha256="d" * 64)  # the new version drops it
    store.ingest_document(doc("bogor.txt", region=("Kota Bogor", "32.71", "kota"), candidates=[PAIR_A],
                              items=[item("program", "Membangun jalan lingkar", sectors=["1.03"])]))
    stamp = store.data_version()
    assert stamp != empty
    store.ingest_document(campaign_a())  # unchanged: nothing added, the stamp stays
    assert store.data_version() == stamp

    bandung, bogor = store.region_names()
    assert (bandung["name"], bogor["name"]) == ("Kota Bandung", "Kota Bogor") and set(bandung) == {"id", "name"}
    assert store.has_region(bandung["id"]) and not store.has_region(10**6)
    assert store.count_documents() == 3 and store.count_documents(region=bandung["id"]) == 2
    assert store.count_documents(region="Kota Bogor") == 1

    sectors = {s["code"]: s for s in store.sectors()}
    assert len(sectors) == 49 and sectors["1.01"]["name"] == "Pendidikan"
    # 1.03: a mission and two programs of pair 1, a program of pair 2, one in Bogor
    assert (sectors["1.03"]["items"], sectors["1.03"]["regions"]) == (5, 2) == (store.count_items(sector="1.03"), 2)
    assert (sectors["1.01"]["items"], sectors["1.02"]["items"], sectors["2.08"]["items"]) == (2, 1, 0)
    assert store.sector_regions("1.03") == [{"id": bandung["id"], "name": "Kota Bandung", "items": 4},
                                            {"id": bogor["id"], "name": "Kota Bogor", "items": 1}]
    assert store.sector_regions("2.08") == []
