"""The "Janji vs RPJMD" page and its /api/v1 twin over a stored alignment: each promise beside the plan item
that carries it, dropped promises marked, added items listed, coverage and chart, links to both sources, CSV
and XLSX in the planner's layout; 404 for what does not exist."""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "align"))
from align_helpers import write_region_texts  # noqa: E402
from portal_corpus import make_client  # noqa: E402


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    from janji.store import open_store
    from janji.store.align import align_region

    folder = tmp_path_factory.mktemp("wonosobo")
    store = open_store(f"sqlite:///{folder / 'janji.db'}")
    for path in write_region_texts(folder):
        store.ingest_path(path)
    region = store.resolve_region("Wonosobo")["id"]
    unaligned = store.ingest_document({"schema": "janji/1", "source": {"name": "lain.txt"}, "kind": "campaign",
                                       "region": {"name": "Kabupaten Sinjai", "code": "73.07", "level": "kabupaten"},
                                       "period": {"start": 2025, "end": 2030}, "candidates": [], "items": []})
    assert unaligned.status == "added"
    align_region(store, region)
    yield store, region, store.resolve_region("Sinjai")["id"]
    store.close()


@pytest.fixture(scope="module")
def client(aligned):
    return make_client(aligned[0])


def test_api_twin_and_page_show_the_same_alignment(client, aligned):
    _, region, _ = aligned
    data = client.get(f"/api/v1/regions/{region}/alignment").json()
    al = data["alignment"]
    assert al["coverage"]["carried"] == 7 and al["coverage"]["dropped"] == 1
    page = client.get(f"/wilayah/{region}/janji-rpjmd")
    assert page.status_code == 200
    html = page.text
    assert "7</strong> dari 8 janji dimuat rencana" in html and "88%" in html
    assert "<svg" in html and "Janji menurut kecocokannya" in html  # the chart
    for row in al["rows"]:
        assert row["campaign"]["url"] in html  # traceable to the campaign text …
        for p in row["plan"]:
            assert p["url"] in html  # … and to the plan text
    dropped = re.search(r'<tr class="m-dropped"[^>]*>(.*?)</tr>', html, re.S).group(1)
    assert "Festival kuliner" in dropped and "Tidak ada butir rencana" in dropped
    assert "Mewujudkan tata kelola pemerintahan yang bersih" in re.search(r'id="ditambahkan">(.*?)</ul>', html, re.S).group(1)
    assert "<mark>pendidikan</mark>" in html.lower()  # shared words are highlighted on both sides
    assert f'/api/v1/regions/{region}/alignment' in html  # the page names its JSON twin


def test_the_region_page_links_to_it(client, aligned):
    _, region, _ = aligned
    assert f"/wilayah/{region}/janji-rpjmd" in client.get(f"/wilayah/{region}").text


def test_exports_in_the_planners_layout(client, aligned):
    from openpyxl import load_workbook

    _, region, _ = aligned
    data = client.get(f"/api/v1/regions/{region}/alignment").json()
    xlsx = client.get(f"/api/v1/regions/{region}/alignment/export?format=xlsx")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx.headers["content-type"]
    assert "attachment" in xlsx.headers["content-disposition"]
    rows = list(load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:5] == ("no", "janji", "jenis", "butir_rencana", "kecocokan") and rows[0][5] == "skor"
    promises = [r for r in rows[1:] if r[1]]
    assert len(promises) == data["alignment"]["coverage"]["campaign_items"]
    by_text = {r[1]: r for r in promises}
    beasiswa = by_text["Beasiswa kuliah gratis bagi 200 mahasiswa dari keluarga tidak mampu"]
    assert beasiswa[2] == "Program" and beasiswa[3].startswith("Meningkatkan kualitas sumber daya manusia")
    assert beasiswa[4] == "meluas" and 0 < float(beasiswa[5]) <= 1 and beasiswa[7] == "kampanye.txt"
    assert by_text["Festival kuliner antar-RT setiap bulan"][4] == "tidak dimuat"
    assert any(r[4] == "ditambahkan rencana" and r[3].startswith("Mewujudkan tata kelola") for r in rows[1:])
    csv = client.get(f"/api/v1/regions/{region}/alignment/export?format=csv")
    assert csv.status_code == 200 and csv.text.lstrip("\ufeff").startswith("no,janji,jenis,butir_rencana,kecocokan,skor")
    assert csv.text.count("\n") == len(rows)


def test_a_region_without_alignment_and_what_does_not_exist(client, aligned):
    _, _, other = aligned
    data = client.get(f"/api/v1/regions/{other}/alignment").json()
    assert data["alignment"] is None
    page = client.get(f"/wilayah/{other}/janji-rpjmd")
    assert page.status_code == 200 and "belum diselaraskan" in page.text and "janji align --region" in page.text
    assert client.get(f"/api/v1/regions/{other}/alignment/export?format=csv").status_code == 404
    assert client.get("/api/v1/regions/99999/alignment").status_code == 404
    assert client.get("/wilayah/99999/janji-rpjmd").status_code == 404
    assert client.get(f"/api/v1/regions/{other}/alignment?year=1990").status_code == 404


def test_openapi_documents_the_routes_and_their_404s(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/v1/regions/{region_id}/alignment", "/api/v1/regions/{region_id}/alignment/export"):
        assert "404" in spec["paths"][path]["get"]["responses"]
