"""The portal in a real browser: the journeys a voter or journalist takes, with screenshots."""
from __future__ import annotations

import re
from pathlib import Path

import portal_corpus as corpus
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_home_region_compare_candidate_source(page, screenshots):
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Janji kepala daerah")
    page.screenshot(path=str(screenshots / "home.png"), full_page=True)

    page.get_by_role("link", name="Kota Mojokerto").first.click()
    expect(page).to_have_url(re.compile(r"/wilayah/\d+"))
    pairs = page.locator(".compare .pair")
    # the seeds speak of the same election, so other pairs may stand beside the test corpus's two
    expect(pairs.filter(has=page.locator("h3", has_text="Harun Effendi")).first).to_be_visible()
    expect(pairs.filter(has=page.locator("h3", has_text="Sari Wulandari")).first).to_be_visible()
    # side by side on a wide screen: the two cards share a row
    boxes = [pairs.nth(i).bounding_box() for i in range(pairs.count())]
    assert len({round(b["y"]) for b in boxes[:2]}) == 1
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("table.grid")).to_contain_text("Pendidikan")
    page.screenshot(path=str(screenshots / "region.png"), full_page=True)

    pairs.locator("h3").get_by_role("link", name=re.compile("Harun Effendi – Chairul Anam")).first.click()
    expect(page).to_have_url(re.compile(r"/pasangan/\d+"))
    program = page.locator("li.item", has_text="Membangun 10.000 titik lubang biopori").last
    expect(program).to_be_visible()
    expect(program.locator(".chip.qty").first).to_have_text("10.000 titik")
    # the tree collapses and opens
    page.get_by_role("button", name="Tutup semua").first.click()
    expect(program).to_be_hidden()
    page.get_by_role("button", name="Buka semua").first.click()
    expect(program).to_be_visible()
    page.screenshot(path=str(screenshots / "candidate.png"), full_page=False)

    program.get_by_role("link", name=re.compile("sumber")).click()
    expect(page).to_have_url(re.compile(r"/dokumen/\d+#src-\d+$"))
    item_id = page.url.rsplit("#src-", 1)[1]
    span = page.locator(f"#src-{item_id}")
    expect(span).to_have_text("Membangun 10.000 titik lubang biopori dalam 5 tahun")
    expect(span).to_have_class(re.compile(r"\bon\b"))
    expect(span).to_be_in_viewport()
    expect(page.locator(f"#item-{item_id}")).to_have_class(re.compile(r"\bon\b"))
    page.screenshot(path=str(screenshots / "document.png"), full_page=False)
    # and back: the highlighted source words lead to their item
    page.locator(f".hl[data-item='{item_id}']").first.click()
    expect(page).to_have_url(re.compile(rf"#item-{item_id}$"))
    assert not page.js_errors, page.js_errors


def test_search_with_filters(page, screenshots):
    page.goto("/cari")
    page.locator("#q").fill("beasiswa")
    page.get_by_role("button", name="Cari").click()
    results = page.locator("li.result")
    expect(results.filter(has_text="Beasiswa kuliah untuk siswa miskin")).to_have_count(1)
    unfiltered = results.count()
    page.locator("select[name=sector]").select_option("1.01")
    page.locator("select[name=measurable]").select_option("true")
    page.get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"sector=1\.01.*measurable=true"))
    # the promise without a target is filtered out; the one with "1.000 siswa" stays
    expect(results.filter(has_text="Beasiswa kuliah untuk siswa miskin")).to_have_count(0)
    expect(results.filter(has_text="1.000 siswa miskin")).to_have_count(1)
    assert 0 < results.count() < unfiltered
    for i in range(results.count()):
        expect(results.nth(i).locator(".chip.sector", has_text="Pendidikan")).to_have_count(1)
        expect(results.nth(i).locator(".chip.yes")).to_have_count(1)
        expect(results.nth(i).locator("mark").first).to_have_text(re.compile("beasiswa", re.I))
    expect(page.locator("select[name=sector]")).to_have_value("1.01")
    expect(page.get_by_role("link", name="CSV")).to_have_attribute("href", re.compile(r"q=beasiswa.*format=csv"))
    page.screenshot(path=str(screenshots / "search.png"), full_page=True)


def test_upload_a_document_file(page, screenshots, tmp_path):
    upload = tmp_path / "visi-misi-paslon-1.txt"
    upload.write_text("Pasangan nomor urut 1 Harun Effendi-Chairul Anam.\n" + corpus.TEXT_A, encoding="utf-8")
    page.goto("/unggah")
    page.screenshot(path=str(screenshots / "upload-form.png"), full_page=True)
    page.locator("#file").set_input_files(str(upload))
    page.get_by_role("button", name="Analisis").click()
    expect(page.locator(".notice")).to_contain_text(upload.name)
    expect(page.locator("#doc-tree li.item").first).to_be_visible()
    expect(page.locator(".srctext")).to_contain_text("Kota Yang Hijau Dan Berdaya")
    page.screenshot(path=str(screenshots / "upload-result.png"), full_page=False)


def test_hostile_upload_stays_inert(page):
    page.goto("/unggah")
    page.locator("#text").fill("Visi: Kota Aman\nMisi:\n1. " + corpus.HOSTILE + "\n")
    page.get_by_role("button", name="Analisis").click()
    expect(page.locator(".srctext")).to_contain_text("<script>window.__pwned = 1</script>")
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".srctext script, .srctext img").count() == 0
    # the stored hostile document too
    page.goto("/cari?q=script")
    assert page.evaluate("() => window.__pwned") is None


def test_upload_refusal_is_shown(page, tmp_path):
    bad = tmp_path / "foto.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    page.goto("/unggah")
    page.locator("#file").set_input_files(str(bad))
    page.get_by_role("button", name="Analisis").click()
    expect(page.locator(".error")).to_contain_text("foto.pdf")


def test_region_page_fits_a_phone(browser, portal, screenshots):
    context = browser.new_context(viewport={"width": 375, "height": 740}, base_url=portal["url"],
                                  device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    pg.goto("/")
    pg.get_by_role("link", name="Kota Mojokerto").first.click()
    expect(pg.locator(".compare .pair").first).to_be_visible()
    width = pg.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide on a 375px phone"
    pg.screenshot(path=str(screenshots / "region-phone.png"), full_page=False)
    context.close()
