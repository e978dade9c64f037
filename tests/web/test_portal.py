"""The portal's pages and their JSON twins over a small store (Starlette TestClient, no browser)."""
from __future__ import annotations

import re

import portal_corpus as corpus
import pytest
from portal_corpus import make_client


def test_home_lists_regions_elections_and_counts(client, ids):
    page = client.get("/")
    assert page.status_code == 200
    assert "Kota Mojokerto" in page.text and "Kota Bogor" in page.text
    assert f'href="/wilayah/{ids["regions"]["Kota Mojokerto"]}?year=2024"' in page.text
    stats = client.get("/api/v1/stats").json()["stats"]
    assert stats["regions"] == 2 and stats["candidates"] == 3 and stats["documents"] == 3
    assert "database" not in stats  # the server's file path is not public


def test_region_page_puts_pairs_side_by_side_with_sector_table(client, ids):
    rid = ids["regions"]["Kota Mojokerto"]
    page = client.get(f"/wilayah/{rid}")
    assert page.status_code == 200
    html = page.text
    assert html.index("Harun Effendi") < html.index("Sari Wulandari")  # ballot order
    assert '<svg class="chart"' in html
    assert "Pendidikan" in html and "Pekerjaan Umum" in html
    # beasiswa is promised by both pairs: shown as shared
    assert "Janji yang mirip antarpasangan" in html
    data = client.get(f"/api/v1/regions/{rid}").json()
    assert [p["head"] for p in data["pairs"]] == ["Harun Effendi", "Sari Wulandari"]
    edu = next(r for r in data["sector_rows"] if r["code"] == "1.01")
    assert edu["counts"] == [1, 1]
    first = data["pairs"][0]
    assert first["measurable_share"] == pytest.approx(2 / 4)  # 2 of its 4 promises carry targets
    assert "/api/v1/export/regions/" in html


def test_pair_page_and_region_page_count_measurable_promises_alike(client, ids):
    rid, cid = ids["regions"]["Kota Mojokerto"], ids["pairs"]["Harun Effendi"]
    region_pair = next(p for p in client.get(f"/api/v1/regions/{rid}").json()["pairs"] if p["id"] == cid)
    pair = client.get(f"/api/v1/candidates/{cid}").json()
    assert pair["measurable_share"] == pytest.approx(region_pair["measurable_share"], abs=1e-3)


def test_compare_api_matches_region_page(client, ids):
    rid = ids["regions"]["Kota Mojokerto"]
    cmp = client.get("/api/v1/compare", params={"region": rid, "year": 2024}).json()
    assert {p["head"] for p in cmp["pairs"]} == {"Harun Effendi", "Sari Wulandari"}
    assert any(len(g["pairs"]) == 2 for g in cmp["shared"])
    assert client.get("/api/v1/compare", params={"region": rid, "year": 1999}).status_code == 404


def test_candidate_page_shows_collapsible_tree_with_chips_and_source_links(client, ids):
    cid = ids["pairs"]["Harun Effendi"]
    page = client.get(f"/pasangan/{cid}")
    assert page.status_code == 200
    html = page.text
    assert "<details open>" in html and "<summary>" in html
    assert "10.000 titik" in html and "SDG 6" in html and "terukur" in html
    data = client.get(f"/api/v1/candidates/{cid}").json()
    doc_id = data["sources"][0]["document"]["id"]
    program = data["sources"][0]["items"][1]["children"][0]
    assert program["text"].startswith("Membangun 10.000 titik")
    assert f'href="/dokumen/{doc_id}#src-{program["id"]}"' in html


def test_document_page_highlights_each_item_span_and_links_both_ways(client, ids):
    doc_id = ids["docs"]["paslon-1.txt"]
    data = client.get(f"/api/v1/documents/{doc_id}").json()
    html = client.get(f"/dokumen/{doc_id}").text
    flat = []

    def walk(nodes):
        for n in nodes:
            flat.append(n)
            walk(n.get("children") or [])

    walk(data["items"])
    assert len(flat) == 5
    for item in flat:
        start, end = item["span"]
        assert data["text"][start:end] == item["text"]
        # source span -> item, and item -> source span
        assert re.search(rf'<a class="hl k-{item["kind"]}" href="#item-{item["id"]}" id="src-{item["id"]}"', html)
        assert f'id="item-{item["id"]}"' in html and f'#src-{item["id"]}"' in html
    assert "origin" not in data


def test_hostile_text_is_escaped_everywhere(client, ids):
    doc_id = ids["docs"]["paslon-2.txt"]
    for url in (f"/dokumen/{doc_id}", f"/pasangan/{ids['pairs']['Sari Wulandari']}", "/cari?q=script",
                f"/wilayah/{ids['regions']['Kota Mojokerto']}"):
        html = client.get(url).text
        assert "<script>window.__pwned" not in html and "onerror=\"window" not in html, url
    assert "&lt;script&gt;window.__pwned" in client.get(f"/dokumen/{doc_id}").text
    page = client.get("/cari", params={"q": '"><script>alert(1)</script>'})
    assert page.status_code == 200 and "<script>alert(1)" not in page.text


def test_head_requests_answer_like_get(client):
    head = client.head("/")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-security-policy"]


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r"\son[a-z]+=", client.get("/unggah").text)  # no inline event handlers


def test_search_with_filters(client, ids):
    rid = ids["regions"]["Kota Mojokerto"]
    all_hits = client.get("/api/v1/search", params={"q": "beasiswa"}).json()
    assert all_hits["total"] == 2
    one = client.get("/api/v1/search", params={"q": "beasiswa", "measurable": "true"}).json()
    assert [r["candidate_name"] for r in one["items"]] == ["Harun Effendi – Chairul Anam"]
    by_sector = client.get("/api/v1/search", params={"q": "", "sector": "1.02"}).json()
    assert [r["text"] for r in by_sector["items"]] == ["Pembangunan 20 puskesmas baru"]
    page = client.get("/cari", params={"q": "beasiswa", "region": rid, "sector": "1.01"})
    assert page.status_code == 200 and page.text.count('class="result"') == 2
    assert "<mark>" in page.text
    assert client.get("/api/v1/search", params={"q": "beasiswa", "sector": "9.99"}).json()["total"] == 0


def test_sector_page_spans_regions(client, ids):
    page = client.get("/bidang/1.03")
    assert page.status_code == 200
    assert "Pelayanan air bersih" in page.text and "Perbaikan jalan desa" in page.text
    listing = client.get("/api/v1/sectors").json()["sectors"]
    assert next(s for s in listing if s["code"] == "1.03")["items"] == 2
    assert client.get("/bidang/9.99").status_code == 404


def test_exports(client, ids):
    rid = ids["regions"]["Kota Mojokerto"]
    csv_text = client.get(f"/api/v1/export/regions/{rid}", params={"format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("id,wilayah")
    assert "Beasiswa kuliah untuk 1.000 siswa miskin per tahun" in csv_text
    xlsx = client.get("/api/v1/export/search", params={"q": "beasiswa", "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "attachment" in xlsx.headers["content-disposition"]


@pytest.mark.parametrize("url,param", [
    ("/api/v1/items?page=0", "page"),
    ("/api/v1/items?per_page=100000", "per_page"),
    ("/api/v1/search?q=a&sector=abc", "sector"),
    ("/api/v1/search?sdg=18", "sdg"),
    ("/api/v1/items?kind=janji", "kind"),
    ("/api/v1/items?measurable=mungkin", "measurable"),
    ("/api/v1/regions/abc", "region_id"),
    ("/api/v1/compare", "region"),
])
def test_invalid_parameters_get_422_with_a_message(client, url, param):
    response = client.get(url)
    assert response.status_code == 422
    assert param in response.json()["detail"]


def test_invalid_parameters_on_pages_get_a_readable_page(client):
    response = client.get("/cari?page=-1")
    assert response.status_code == 422 and "Permintaan tidak sah" in response.text
    assert client.get("/wilayah/99999").status_code == 404
    assert "Tidak ditemukan" in client.get("/pasangan/99999").text
    assert client.get("/api/v1/items/99999").json() == {"detail": "butir janji tidak ditemukan"}


def test_pagination(client):
    first = client.get("/api/v1/items", params={"per_page": 3}).json()
    second = client.get("/api/v1/items", params={"per_page": 3, "page": 2}).json()
    assert first["total"] == second["total"] == 11
    assert len(first["items"]) == 3 and first["pages"] == 4
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_api_docs_list_every_route(client):
    html = client.get("/api/docs").text
    spec = client.get("/api/openapi.json").json()
    for path in spec["paths"]:
        assert f"<code>{path}</code>" in html
    assert "/api/v1/search" in spec["paths"]
    assert "422" in spec["paths"]["/api/v1/search"]["get"]["responses"]


# --- upload ---------------------------------------------------------------------------------------------------

def upload_token(client) -> str:
    """The upload form's CSRF token (and the client's CSRF cookie)."""
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/unggah").text)
    assert found, "no CSRF token on /unggah"
    return found.group(1)


def test_upload_pasted_text_is_analysed_and_escaped(client):
    text = "Visi: Kota Sehat\nMisi:\n1. " + corpus.HOSTILE + "\n"
    page = client.post("/unggah", data={"text": text, "name": "tempel", "csrf": upload_token(client)})
    assert page.status_code == 200
    assert "Hasil analisis unggahan" in page.text and "tempel.txt" in page.text
    assert "<script>window.__pwned" not in page.text and "&lt;script&gt;" in page.text
    api = client.post("/api/v1/documents", data={"text": text})
    assert api.status_code == 200
    body = api.json()
    assert body["stored"] is False and body["text"].startswith("Visi: Kota Sehat")
    assert body["document"]["schema"] == "janji/1"


def test_upload_refusals_have_clear_messages(client):
    r = client.post("/api/v1/documents", files={"file": ("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")})
    assert r.status_code == 415 and "foto.png" in r.json()["detail"]
    r = client.post("/unggah", files={"file": ("laporan.pdf", b"hanya teks", "application/pdf")},
                    data={"csrf": upload_token(client)})
    assert r.status_code == 415 and "bukan PDF" in r.text and "<form" in r.text
    r = client.post("/api/v1/documents", data={})
    assert r.status_code == 422 and "pilih berkas" in r.json()["detail"]
    big = b"a" * (6 * 1024 * 1024)
    r = client.post("/api/v1/documents", files={"file": ("besar.txt", big, "text/plain")})
    assert r.status_code == 413 and "terlalu besar" in r.json()["detail"]
    r = client.post("/unggah", files={"file": ("besar.txt", big, "text/plain")})
    assert r.status_code == 413 and "Berkas terlalu besar" in r.text


def test_saving_uploads_needs_a_writable_portal(store):
    read_only = make_client(store)
    r = read_only.post("/api/v1/documents", data={"text": "Visi: Desa Mandiri", "save": "true"})
    assert r.status_code == 403
    writable = make_client(store, writable=True)
    r = writable.post("/api/v1/documents", data={"text": "Visi: Desa Mandiri Sejahtera", "save": "true",
                                                 "name": "desa.txt"})
    assert r.status_code == 201
    doc_id = r.json()["id"]
    assert writable.get(f"/api/v1/documents/{doc_id}").json()["name"] == "desa.txt"


def test_pages_link_to_their_next_page(client):
    html = client.get("/cari", params={"q": "", "per_page": 2}).text
    assert 'rel="next" href="/cari?per_page=2&amp;page=2"' in html
    assert 'rel="next" href="/bidang/1.01?per_page=1&amp;page=2"' in client.get("/bidang/1.01?per_page=1").text


def test_empty_filter_fields_from_the_form_mean_no_filter(client):
    page = client.get("/cari?q=beasiswa&region=&sector=&sdg=&kind=&measurable=")
    assert page.status_code == 200 and page.text.count('class="result"') == 2
    assert client.get("/api/v1/search?q=beasiswa&region=").status_code == 422  # the API stays strict


def test_cached_pages_see_new_documents(tmp_path):
    from janji.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    s.ingest_document(corpus.DOC_A, origin="a", text=corpus.TEXT_A)
    c = make_client(s)
    rid = s.regions()[0]["id"]
    assert [p["head"] for p in c.get(f"/api/v1/regions/{rid}").json()["pairs"]] == ["Harun Effendi"]
    assert c.get("/api/v1/search?q=beasiswa").json()["total"] == 1
    s.ingest_document(corpus.DOC_B, origin="b", text=corpus.TEXT_B)  # a new document must show at once, not after a cache expires
    assert len(c.get(f"/api/v1/regions/{rid}").json()["pairs"]) == 2
    assert c.get("/api/v1/search?q=beasiswa").json()["total"] == 2
    assert c.get("/api/v1/stats").json()["stats"]["documents"] == 2
    assert "Sari Wulandari" in c.get(f"/wilayah/{rid}").text


def test_a_hanging_analysis_is_stopped(client, monkeypatch):
    import time

    import janji.pipeline
    from janji.web import analysis

    monkeypatch.setattr(janji.pipeline, "TIME_LIMIT", 0.5)
    monkeypatch.setattr(analysis, "_warm", True)
    monkeypatch.setattr(janji.pipeline, "analyze", lambda *a, **k: time.sleep(60))  # a reader stuck on a file
    started = time.monotonic()
    r = client.post("/api/v1/documents", data={"text": "Visi: Kota Sehat", "name": "macet.txt"})
    assert r.status_code == 422 and "batas waktu" in r.json()["detail"]
    assert time.monotonic() - started < 30


def test_validation_messages_are_in_indonesian(client):
    assert client.get("/api/v1/items?page=0").json()["detail"] == "parameter 'page': paling kecil 1"
    assert "harus bilangan bulat" in client.get("/api/v1/items?region=satu").json()["detail"]
    assert "harus salah satu dari" in client.get("/api/v1/items?kind=janji").json()["detail"]


def test_only_http_source_urls_become_links(tmp_path):
    from janji.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 'u.db'}")
    bad = {**corpus.DOC_A, "source": {"name": "x.txt", "url": "javascript:alert(1)"}}
    good = {**corpus.DOC_B, "source": {"name": "y.txt", "url": "https://contoh.id/berita"}}
    bad_id = s.ingest_document(bad, origin="x", text=corpus.TEXT_A).document_id
    good_id = s.ingest_document(good, origin="y", text=corpus.TEXT_B).document_id
    c = make_client(s)
    assert "javascript:" not in c.get(f"/dokumen/{bad_id}").text
    assert 'href="https://contoh.id/berita"' in c.get(f"/dokumen/{good_id}").text
