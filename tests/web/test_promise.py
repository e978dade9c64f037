"""A promise's own page (`/janji/{id}`) and its JSON twin (`/api/v1/items/{id}`), sources cited by title,
publisher, link and date, times in the region's zone, and the top navigation (Starlette TestClient)."""
from __future__ import annotations

import html as htmllib
import re

import portal_corpus as corpus
import pytest
from portal_corpus import make_client


def _id(client, text: str) -> int:
    hits = client.get("/api/v1/search", params={"q": text}).json()["items"]
    return next(h["id"] for h in hits if h["text"] == text)


def _meta(page: str, prop: str) -> str:
    m = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', page)
    assert m, f"no {prop}"
    return htmllib.unescape(m.group(1))


def test_a_promise_page_shows_the_promise_its_source_and_its_status(client, ids):
    pid = _id(client, "Membangun 10.000 titik lubang biopori dalam 5 tahun")
    page = client.get(f"/janji/{pid}")
    assert page.status_code == 200
    html = page.text
    assert '<h1 class="promise" id="janji"><span class="label">a.</span> Membangun 10.000 titik lubang biopori' in html
    assert f'href="/pasangan/{ids["pairs"]["Harun Effendi"]}">Harun Effendi – Chairul Anam</a>' in html
    assert "Lingkungan Hidup" in html and "SDG 6" in html and "<dd>10.000 titik</dd>" in html
    assert "Pembangunan ekonomi kerakyatan berbasis potensi daerah" in html  # the misi it belongs to
    data = client.get(f"/api/v1/items/{pid}").json()
    start, end = data["span"]
    assert data["source_url"] == f"/dokumen/{data['document_id']}?sorot={start}-{end}#sorot"
    assert f'href="{data["source_url"]}"' in html
    highlighted = client.get(data["source_url"].split("#")[0]).text
    assert '<span id="sorot"><mark class="sorot">' in highlighted
    assert data["tracking"]["state"]["status"] == "belum dinilai" and data["tracking"]["history"] == []
    assert 'id="status-now"><span class="status s-belum-dinilai">Belum dinilai</span>' in html
    assert f'href="/pantau/butir/{pid}#usul"' in html
    assert '"api"' not in html and f'href="/api/v1/items/{pid}"' in html  # the JSON twin in the footer


def test_a_shared_link_previews_who_promised_what(client):
    pid = _id(client, "Beasiswa kuliah untuk 1.000 siswa miskin per tahun")
    page = client.get(f"/janji/{pid}").text
    title = _meta(page, "og:title")
    assert title == "Janji Harun Effendi – Chairul Anam: Beasiswa kuliah untuk 1.000 siswa miskin per tahun"
    description = _meta(page, "og:description")
    assert "Kota Mojokerto 2024" in description and "1.000 siswa" in description and "Belum dinilai" in description
    assert _meta(page, "og:url").endswith(f"/janji/{pid}") and _meta(page, "og:type") == "article"
    assert f'<link rel="canonical" href="http://testserver/janji/{pid}">' in page
    assert _meta(page, "description") == description and _meta(page, "twitter:card") == "summary"


def test_a_vision_has_a_page_but_no_status(client):
    vid = _id(client, "Kota Yang Hijau Dan Berdaya")
    page = client.get(f"/janji/{vid}")
    assert page.status_code == 200 and "statusnya tidak dipantau" in page.text and 'id="status-now"' not in page.text
    assert client.get(f"/api/v1/items/{vid}").json()["tracking"] is None


def test_hostile_text_stays_text_in_the_page_and_its_preview(client):
    hits = client.get("/api/v1/search", params={"q": "script"}).json()["items"]
    pid = next(h["id"] for h in hits if "__pwned" in h["text"])
    page = client.get(f"/janji/{pid}").text
    assert "<script>window.__pwned" not in page and 'onerror="window' not in page
    assert "&lt;script&gt;" in page


def test_old_item_links_and_unknown_ids(client):
    pid = _id(client, "Perbaikan jalan desa sepanjang 50 km")
    moved = client.get(f"/butir/{pid}", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == f"/janji/{pid}"
    to_source = client.get(f"/janji/{pid}/sumber", follow_redirects=False)
    assert re.fullmatch(r"/dokumen/\d+\?sorot=\d+-\d+#sorot", to_source.headers["location"])
    assert client.get("/janji/999999").status_code == 404
    assert client.get("/api/v1/items/999999").json() == {"detail": "butir janji tidak ditemukan"}
    assert client.get("/janji/abc").status_code == 422


def test_every_list_of_promises_links_to_their_pages(client, ids):
    rid = ids["regions"]["Kota Mojokerto"]
    pid = _id(client, "Beasiswa kuliah untuk siswa miskin")
    for url in ("/cari?q=beasiswa", f"/wilayah/{rid}", f"/pasangan/{ids['pairs']['Sari Wulandari']}",
                f"/dokumen/{ids['docs']['paslon-2.txt']}", "/bidang/1.01",
                f"/pantau/pasangan/{ids['pairs']['Sari Wulandari']}"):
        assert f'href="/janji/{pid}"' in client.get(url).text, url
    assert "/butir/" not in client.get("/cari?q=beasiswa").text


def test_sources_are_cited_by_title_publisher_link_and_date_not_file_name(tmp_path):
    from janji.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 's.db'}")
    doc = {**corpus.DOC_B, "source": {"name": "000_5e0c2a7d91b4f3e8.txt", "title": "Adu program paslon Mojokerto",
                                      "publisher": "Kabar Contoh", "url": "https://kabar.contoh.id/adu",
                                      "published": "2024-10-21T12:30:00Z"}}
    bare = {**corpus.DOC_OTHER, "source": {"name": "002_7d4e1f0a2b9c8d63.txt"}}
    did = s.ingest_document(doc, origin="a", text=corpus.TEXT_B).document_id
    bid = s.ingest_document(bare, origin="b").document_id
    c = make_client(s)
    page = c.get(f"/dokumen/{did}").text
    assert "<h1>Adu program paslon Mojokerto</h1>" in page
    assert '<span class="publisher">Kabar Contoh</span>' in page
    assert '<time datetime="2024-10-21T12:30:00Z">21 Oktober 2024 19.30 WIB</time>' in page
    assert 'href="https://kabar.contoh.id/adu"' in page
    mojokerto = next(r["id"] for r in s.regions() if r["name"] == "Kota Mojokerto")
    region = c.get(f"/wilayah/{mojokerto}").text
    assert "Adu program paslon Mojokerto" in region and "Kabar Contoh" in region
    pid = next(it["id"] for it in s.items(document=did) if it["kind"] == "program")
    promise = c.get(f"/janji/{pid}").text
    assert "Adu program paslon Mojokerto" in promise and "terbit" in promise and "Kabar Contoh" in promise
    for url in (f"/dokumen/{did}", f"/dokumen/{bid}", f"/janji/{pid}", "/"):
        body = c.get(url).text
        assert "5e0c2a7d91b4f3e8" not in body and "7d4e1f0a2b9c8d63" not in body, url
    assert "<h1>Visi-misi kampanye, Kota Bogor</h1>" in c.get(f"/dokumen/{bid}").text
    assert c.get(f"/api/v1/documents/{did}").json()["publisher"] == "Kabar Contoh"  # the twin has it too
    s.close()


def test_tracking_times_are_in_the_regions_zone(tmp_path):
    from janji.store import open_store
    from janji.track import Tracker, service

    s = open_store(f"sqlite:///{tmp_path / 't.db'}")
    denpasar = {**corpus.DOC_OTHER, "region": {"name": "Kota Denpasar", "code": "51.71", "level": "kota"}}
    did = s.ingest_document(denpasar, origin="d").document_id
    pid = next(it["id"] for it in s.items(document=did) if it["kind"] == "program")
    t = Tracker(s)
    entry = t.update_status(service.CLI, pid, "dalam proses", evidence_url="https://contoh.id/b",
                            evidence_date="2025-03-01", expected_version=0)
    page = make_client(s).get(f"/janji/{pid}").text
    shown = re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', page)
    assert any(label.endswith(" WITA") for _, label in shown), shown
    assert not any(label.endswith(" WIB") for _, label in shown)
    assert ("2025-03-01", "1 Maret 2025") in shown  # the evidence date is a day
    assert entry["published_at"] not in re.sub(r'datetime="[^"]+"', "", page)  # no raw ISO text on the page
    s.close()


def test_top_navigation_has_tracking_and_login(client):
    for url in ("/", "/cari", "/pantau", "/bidang"):
        nav = client.get(url).text.split('<nav aria-label="Menu utama">')[1].split("</nav>")[0]
        assert '<a href="/pantau">Pantau</a>' in nav, url
        assert re.search(r'<a class="login" href="/masuk(\?next=%2F[^"]*)?">Masuk</a>', nav), url
    nav = client.get("/cari").text.split('<nav aria-label="Menu utama">')[1]
    assert 'href="/masuk?next=%2Fcari"' in nav


@pytest.mark.parametrize("path", ["/", "/cari", "/bidang", "/unggah", "/pantau"])
def test_every_page_has_a_description(client, path):
    assert len(_meta(client.get(path).text, "description")) > 40
