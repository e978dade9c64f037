"""Alignments in the store (SQLite and PostgreSQL): from stored documents to stored rows, read back by the
portal's query; clear messages when a side is missing; nothing half-stored."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "align"))
from align_helpers import write_region_texts  # noqa: E402

from janji.store import NotFound  # noqa: E402
from janji.store.align import align_region, alignment_view  # noqa: E402


@pytest.fixture
def stored(store, tmp_path):
    camp, plan = write_region_texts(tmp_path)
    for path in (camp, plan):
        assert store.ingest_path(path).status == "added"
    return store


def test_align_region_stores_what_the_page_reads(stored):
    result = align_region(stored, "Wonosobo")
    meta = result["store"]
    assert meta["pair"]["head"] == "Arif Wicaksono" and meta["election"]["year"] == 2024
    # every item reference carries its stored id, so each link leads back to both sources
    for link in result["links"]:
        assert link["campaign"]["id"] and all(p["id"] and p["document_id"] for p in link["plan"])
    assert [d["text"] for d in result["dropped"]] == ["Festival kuliner antar-RT setiap bulan"]
    assert [a["text"] for a in result["added"]] == ["Mewujudkan tata kelola pemerintahan yang bersih"]

    view = alignment_view(stored, meta["region"]["id"])
    al = view["alignment"]
    assert al["id"] == meta["alignment_id"] and al["pair"]["name"] == "Arif Wicaksono – Rina Wati"
    assert al["coverage"] == {"campaign_items": 8, "carried": 7, "dropped": 1, "added": 1, "share": 0.875}
    rows = {r["campaign"]["text"]: r for r in al["rows"]}
    beasiswa = rows["Beasiswa kuliah gratis bagi 200 mahasiswa dari keluarga tidak mampu"]
    assert beasiswa["match"] == "broadened" and beasiswa["plan"][0]["text"].startswith("Meningkatkan kualitas sumber")
    assert beasiswa["campaign"]["url"] == f"/dokumen/{beasiswa['campaign']['document_id']}#src-{beasiswa['campaign']['id']}"
    jalan = rows["Membangun infrastruktur jalan desa yang mantap"]
    assert any(m["hit"] and m["text"].lower() == "infrastruktur" for m in jalan["campaign"]["marks"])
    assert rows["Festival kuliner antar-RT setiap bulan"]["status"] == "dropped"
    assert [r["campaign"]["kind"] for r in al["rows"]][:4] == ["vision", "mission", "mission", "mission"]
    assert sum(al["by_match"].values()) == 7


def test_a_new_alignment_is_the_one_shown(stored):
    first = align_region(stored, "Wonosobo")["store"]["alignment_id"]
    second = align_region(stored, "Wonosobo", year=2024)["store"]["alignment_id"]
    assert second > first
    assert alignment_view(stored, stored.resolve_region("Wonosobo")["id"], year=2024)["alignment"]["id"] == second


def test_missing_sides_are_named(store, tmp_path):
    camp, plan = write_region_texts(tmp_path)
    with pytest.raises(NotFound, match="wilayah tidak ditemukan"):
        align_region(store, "Wonosobo")
    store.ingest_path(camp)
    with pytest.raises(NotFound, match="rencana"):
        align_region(store, "Wonosobo")
    with pytest.raises(NotFound, match="2019"):
        align_region(store, "Wonosobo", year=2019)
    region = store.resolve_region("Wonosobo")["id"]
    assert alignment_view(store, region)["alignment"] is None  # nothing stored by the failures
    store.ingest_path(plan)
    with pytest.raises(NotFound, match="tidak ditemukan"):
        align_region(store, "Wonosobo", head="Orang Lain")
    assert align_region(store, "Wonosobo", head="Arif Wicaksono")["coverage"]["carried"] == 7


def test_a_plan_alone_has_no_campaign(store, tmp_path):
    _, plan = write_region_texts(tmp_path)
    store.ingest_path(plan)
    with pytest.raises(NotFound, match="kampanye|pasangan"):
        align_region(store, "Wonosobo")


def test_view_of_unknown_region_or_year(stored):
    assert alignment_view(stored, 9999) is None
    region = stored.resolve_region("Wonosobo")["id"]
    assert alignment_view(stored, region, year=1999) is None


def test_a_campaign_without_promises_is_named(store, tmp_path):
    _, plan = write_region_texts(tmp_path)
    store.ingest_path(plan)
    empty = tmp_path / "kosong.txt"
    empty.write_text("Pasangan Calon Nomor Urut 1: Drs. H. Arif Wicaksono, M.Si. dan Rina Wati, S.E. mendaftar ke KPU "
                     "Kabupaten Wonosobo untuk Pilkada 2024.\n", encoding="utf-8")
    store.ingest_path(empty)
    with pytest.raises(NotFound, match="tidak memuat janji"):
        align_region(store, "Wonosobo")
    assert alignment_view(store, store.resolve_region("Wonosobo")["id"])["alignment"] is None
