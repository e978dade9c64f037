"""Every page fits a 390 px phone and a desktop: nothing runs off the right edge (Debian chromium + Playwright).

The page may scroll vertically, and a wide table may scroll inside its own
box (``.scroll``), but the page itself never scrolls sideways and no element
sticks out beyond the viewport: a search filter, a long title, a status
form. Public pages, and the pages of an editor and an admin, are visited at
both widths; the promise page is also checked for what a shared link shows.
"""
from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "kata-sandi-uji-123"
_spec = importlib.util.spec_from_file_location("e2e_conftest_for_layout", ROOT / "tests" / "e2e" / "conftest.py")
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)
corpus = e2e.corpus

LAYOUT_SHOTS = Path(os.environ["JANJI_LAYOUT_SHOTS"]) if os.environ.get("JANJI_LAYOUT_SHOTS") else None
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# A long unbroken word in a title, as pasted URLs and party coalitions give them.
LONG_TITLE = "Janji-janji-PasanganCalonNomorUrutSatuUntukPembangunanInfrastrukturDesaTertinggalDanTerluar di Kota Contoh"
ARTICLE = f"""<!doctype html><html><head><meta charset="utf-8">
<meta property="og:title" content="{LONG_TITLE}">
<meta property="og:site_name" content="Kabar Contoh">
<link rel="canonical" href="https://kabar.contoh.id/berita/{'sangat-panjang-' * 12}">
<meta property="article:published_time" content="2024-10-21T19:30:00+08:00">
</head><body><article><p>Pasangan calon Wali Kota Denpasar nomor urut 1 Made Wirawan-Ketut Sudarsana berjanji
membangun 25 taman kota dalam lima tahun.</p></article></body></html>"""

OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > vw) out.push(`page is ${document.documentElement.scrollWidth}px wide`);
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 0.5) continue;
    if (getComputedStyle(el).visibility === "hidden") continue;
    // inside a box that scrolls or clips sideways (a wide table in .scroll) the overflow is reachable there
    let p = el.parentElement, boxed = false;
    for (; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") { boxed = true; break; }
    }
    if (boxed) continue;
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    out.push(`${name} reaches ${Math.round(r.right)}px: ${(el.innerText || el.value || "").replace(/\\s+/g, " ").trim().slice(0, 50)}`);
  }
  return out.slice(0, 8);
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A portal with the test corpus and the seeds, a described news page from a WITA region, an admin and
    an editor, and a promise with a published status, a milestone and a pending proposal."""
    from janji.store import open_store
    from janji.track import Tracker, service
    from janji.web import create_app

    service.HASH_PARAMS.update(time_cost=1, memory_cost=1024, parallelism=1)
    folder = tmp_path_factory.mktemp("layout")
    store = open_store(f"sqlite:///{folder / 'janji.db'}")
    corpus.load(store)
    for path in sorted((ROOT / "examples" / "seeds").glob("*.txt")):
        store.ingest_path(path)
    news = store.ingest_bytes(ARTICLE.encode(), "7a6b5c4d3e2f1a0b.html")
    assert news.status == "added", news.reason
    region = store.resolve_region("Kota Mojokerto")["id"]
    items = {it["text"]: it for it in store.items(region=region, limit=None)}
    road = items["Membangun 10.000 titik lubang biopori dalam 5 tahun"]["id"]
    vision = items["Kota Yang Hijau Dan Berdaya"]["id"]
    tracker = Tracker(store)
    tracker.add_user("admin", PASSWORD, role="admin")
    tracker.add_user("editor", PASSWORD, role="editor", regions=[region])
    tracker.update_status(service.CLI, road, "dalam proses", evidence_url="https://kabar.contoh.id/biopori",
                          evidence_date="2025-03-01", note="Anggaran tahap pertama disetujui DPRD.",
                          progress_value="2500", progress_target="10000", progress_unit="titik",
                          measured_on="2025-03-01", expected_version=0)
    tracker.add_milestone(service.CLI, road, "anggaran disetujui", planned_on="2025-02-01")
    tracker.propose(road, proposer="Warga Contoh", evidence_url="https://kabar.contoh.id/biopori-2",
                    evidence_date="2025-04-01", note="Sudah ada 3.000 titik di kelurahan kami.")
    with e2e.live_server(create_app(store)) as url:
        yield {"url": url, "store": store, "region": region, "road": road, "vision": vision,
               "news": news.document_id, "items": items}
    store.close()


def _public_pages(site) -> list[str]:
    s = site["store"]
    pair = next(c["id"] for c in s.candidates() if c["head"] == "Harun Effendi")
    doc = next(d["id"] for d in s.documents() if d["name"] == "paslon-1.txt")
    road = site["road"]
    span = site["items"]["Membangun 10.000 titik lubang biopori dalam 5 tahun"]["span"]
    return ["/", f"/wilayah/{site['region']}", f"/wilayah/{site['region']}/janji-rpjmd", f"/pasangan/{pair}",
            f"/dokumen/{doc}", f"/dokumen/{doc}?sorot={span[0]}-{span[1]}", f"/dokumen/{site['news']}",
            f"/janji/{road}", f"/janji/{site['vision']}", "/cari", "/cari?q=beasiswa", "/cari?q=pembangunan&sector=1.03",
            "/bidang", "/bidang/1.01", "/unggah", "/api/docs", "/pantau", f"/pantau/wilayah/{site['region']}",
            f"/pantau/pasangan/{pair}", f"/pantau/butir/{road}", "/masuk", "/halaman-yang-tidak-ada"]


EDITOR_PAGES = ["/pantau/butir/{road}", "/pantau/wilayah/{region}/saran", "/pantau/impor", "/akun"]
ADMIN_PAGES = ["/pantau/tinjau", "/admin/pengguna", "/admin/audit", "/pantau/wilayah/{region}"]


def _check(pg, paths, shots: Path | None = None, tag: str = "") -> list[str]:
    problems = []
    for path in paths:
        response = pg.goto(path)
        assert response is not None and response.status in (200, 404), f"{path}: {response and response.status}"
        problems.extend(f"{path}: {p}" for p in pg.evaluate(OVERFLOW))
        if shots is not None:  # JANJI_LAYOUT_SHOTS=dir: every page at every width, to look at
            name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "beranda"
            pg.screenshot(path=str(shots / f"{tag}-{name}.png"), full_page=True)
    return problems


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_no_page_overflows_sideways(browser, site, size, screenshots):
    options = PHONE if size == "phone" else DESKTOP
    problems = []
    for who, paths in (("publik", _public_pages(site)), ("editor", EDITOR_PAGES), ("admin", ADMIN_PAGES)):
        context = browser.new_context(base_url=site["url"], locale="id-ID", **options)
        pg = context.new_page()
        paths = [p.format(**site) for p in paths]
        if who != "publik":
            e2e.login(pg, who, PASSWORD, paths[0])
        problems.extend(f"[{who}] {p}" for p in _check(pg, paths, LAYOUT_SHOTS, f"{size}-{who}"))
        if who == "publik":
            pg.goto(f"/janji/{site['road']}")
            pg.screenshot(path=str(screenshots / f"promise-{size}.png"), full_page=size == "phone")
            if size == "phone":
                pg.goto("/cari?q=pembangunan")
                pg.screenshot(path=str(screenshots / "search-phone.png"), full_page=False)
        context.close()
    assert not problems, "\n".join(problems)


def test_the_checks_see_an_overflow(browser, site):
    """The overflow probe itself: a page made too wide is caught (so a passing layout test means something)."""
    context = browser.new_context(base_url=site["url"], **PHONE)
    pg = context.new_page()
    pg.goto("/cari")
    assert pg.evaluate(OVERFLOW) == []
    pg.evaluate("() => { const d = document.createElement('div'); d.id = 'lebar'; d.textContent = 'x';"
                " d.style.width = '600px'; document.querySelector('main').append(d); }")
    found = pg.evaluate(OVERFLOW)
    assert any("div#lebar reaches" in p for p in found) and any("page is" in p for p in found), found
    context.close()


def test_a_promise_page_is_the_promise(browser, site):
    """From a search result to the promise's own page: text, pair, targets, status with its history in the
    region's time zone, the source cited and its words highlighted; the shared link's preview tags."""
    ctx, pg = e2e.new_page(browser, site["url"])
    pg.goto("/cari?q=biopori")
    pg.get_by_role("link", name=re.compile("Membangun 10.000 titik lubang biopori")).first.click()
    expect(pg).to_have_url(re.compile(rf"/janji/{site['road']}$"))
    expect(pg.locator("h1")).to_contain_text("Membangun 10.000 titik lubang biopori dalam 5 tahun")
    expect(pg.locator("main")).to_contain_text("Harun Effendi – Chairul Anam")
    expect(pg.locator("#status-now")).to_have_text("Dalam proses")
    expect(pg.locator("#riwayat")).to_contain_text("Anggaran tahap pertama disetujui DPRD.")
    expect(pg.locator("#riwayat")).to_contain_text(re.compile(r"\d{1,2} \w+ 20\d\d \d\d\.\d\d WIB"))
    expect(pg.locator("#riwayat")).to_contain_text("bukti bertanggal 1 Maret 2025")
    expect(pg.locator("main")).not_to_contain_text("Warga Contoh")  # a proposal is not public before review
    assert pg.locator('meta[property="og:title"]').get_attribute("content").startswith(
        "Janji Harun Effendi – Chairul Anam: Membangun 10.000 titik")
    assert pg.locator('meta[property="og:url"]').get_attribute("content").endswith(f"/janji/{site['road']}")
    pg.locator("#sumber-sorot").click()
    expect(pg).to_have_url(re.compile(r"/dokumen/\d+\?sorot=\d+-\d+#sorot$"))
    expect(pg.locator("#sorot")).to_have_text("Membangun 10.000 titik lubang biopori dalam 5 tahun")
    expect(pg.locator("#sorot")).to_be_in_viewport()
    # a news page from a WITA region: cited by its title and publisher, its time in WITA, never its file name
    pg.goto(f"/dokumen/{site['news']}")
    expect(pg.locator("h1")).to_have_text(LONG_TITLE)
    expect(pg.locator("main .meta").first).to_contain_text("Kabar Contoh")
    expect(pg.locator("main .meta").first).to_contain_text("terbit 21 Oktober 2024 19.30 WITA")
    expect(pg.locator("main")).not_to_contain_text("7a6b5c4d3e2f1a0b")
    assert not pg.js_errors, pg.js_errors
    ctx.close()


def test_top_navigation_leads_to_tracking_and_login(browser, site):
    context = browser.new_context(base_url=site["url"], **PHONE)
    pg = context.new_page()
    pg.goto(f"/wilayah/{site['region']}")
    nav = pg.get_by_role("navigation", name="Menu utama")
    expect(nav.get_by_role("link", name="Pantau")).to_be_visible()
    expect(nav.get_by_role("link", name="Masuk")).to_be_visible()
    nav.get_by_role("link", name="Masuk").click()
    pg.fill("#l-user", "editor")
    pg.fill("#l-pass", PASSWORD)
    pg.click("form.track button[type=submit]")
    expect(pg).to_have_url(re.compile(rf"/wilayah/{site['region']}$"))  # back where the visitor was
    expect(nav.get_by_role("link", name="Pantau")).to_be_visible()
    context.close()
