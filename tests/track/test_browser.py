"""Browser tests (Debian chromium + Playwright, the tests/e2e harness): an editor changes a status with evidence
and the public sees it; a reviewer approves a pending change."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "kata-sandi-uji-123"
_spec = importlib.util.spec_from_file_location("e2e_conftest_for_track", ROOT / "tests" / "e2e" / "conftest.py")
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)

@pytest.fixture
def chromium(browser):
    return browser  # the session's one Playwright browser (tests/conftest.py)


@pytest.fixture
def live(sqlite_url):


    w = _build(sqlite_url)
    from janji.web import create_app

    with e2e.live_server(create_app(w["store"])) as url:
        w["url"] = url
        yield w
    w["store"].close()

def _build(url):
    spec = importlib.util.spec_from_file_location("track_conftest_for_browser", Path(__file__).parent / "conftest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.build(url)

def _page(chromium, live):
    return e2e.new_page(chromium, live["url"])

def _login(pg, username, next_path):
    e2e.login(pg, username, PASSWORD, next_path)

def _shots():
    target = os.environ.get("JANJI_SCREENSHOT_DIR")
    return Path(target) if target else None

def test_editor_changes_status_and_public_sees_timeline(chromium, live):
    road = live["road"]
    ctx, pg = _page(chromium, live)
    _login(pg, "editor", f"/pantau/butir/{road}")
    pg.select_option("#u-status", "dalam proses")
    pg.fill("#u-url", "https://jdih.example.go.id/lelang-jalan-desa")
    pg.fill("#u-note", "Lelang paket jalan desa tahap 1 selesai")
    pg.fill("#u-value", "31,5")
    pg.fill("#u-measured", "2026-06-30")
    pg.click("form[action$='/status'] button[type=submit]")
    pg.wait_for_url("**ok=tersimpan")
    assert "tampil untuk publik" in pg.inner_text(".notice")
    assert pg.js_errors == []
    ctx.close()

    ctx, pub = _page(chromium, live)
    pub.goto(f"/pantau/butir/{road}")
    assert pub.inner_text("#status-now").strip() == "Dalam proses"
    timeline = pub.inner_text("#riwayat")
    assert "Lelang paket jalan desa tahap 1 selesai" in timeline and "editor" in timeline
    assert "31,5" in pub.inner_text(".current") and "31,5%" in pub.inner_text(".current")  # of the item's 100 km
    link = pub.locator("#riwayat a", has_text="Sumber bukti")
    assert link.get_attribute("href") == "https://jdih.example.go.id/lelang-jalan-desa"
    assert pub.locator("form[action$='/status']").count() == 0  # the public gets no edit form
    if _shots():
        pub.screenshot(path=str(_shots() / "track-item.png"), full_page=True)
    pub.goto(f"/pantau/wilayah/{live['bandung']}")
    assert "Lelang" not in pub.inner_text("h1")
    assert pub.locator(".countrow li", has_text="Dalam proses").locator("b").inner_text() == "1"
    assert pub.locator("svg.chart").count() == 1
    if _shots():
        pub.screenshot(path=str(_shots() / "track-scorecard.png"), full_page=True)
    assert pub.js_errors == []
    ctx.close()

def test_reviewer_approves_pending_change(chromium, live):
    t, a, water = live["tracker"], live["actors"], live["water"]
    t.set_needs_review(a["admin"], live["bandung"], True)
    ctx, ed = _page(chromium, live)
    _login(ed, "editor", f"/pantau/butir/{water}")
    ed.select_option("#u-status", "ditepati")
    ed.fill("#u-url", "https://berita.example.com/air-bersih-tuntas")
    ed.click("form[action$='/status'] button[type=submit]")
    ed.wait_for_url("**ok=menunggu")
    ctx.close()
    ctx, pub = _page(chromium, live)
    pub.goto(f"/pantau/butir/{water}")
    assert pub.inner_text("#status-now").strip() == "Belum dinilai"  # not public before review
    ctx.close()

    ctx, rev = _page(chromium, live)
    _login(rev, "reviewer", "/pantau/tinjau")
    card = rev.locator(".queue li", has_text="Penyediaan air bersih")
    assert "ditepati" in card.inner_text().lower()
    card.locator("button[value=setujui]").click()
    rev.wait_for_url("**/pantau/tinjau")
    assert "Tidak ada perubahan yang menunggu" in rev.inner_text("main")
    ctx.close()
    ctx, pub = _page(chromium, live)
    pub.goto(f"/pantau/butir/{water}")
    assert pub.inner_text("#status-now").strip() == "Ditepati"
    assert pub.js_errors == []
    ctx.close()
