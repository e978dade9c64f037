"""Browser tests (Debian chromium + Playwright): the "Janji vs RPJMD" page of a stored alignment, traced to both
source texts; an editor accepts an evidence suggestion and sees it in the promise's evidence, an admin in the
audit log; a rejected suggestion is not proposed again."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "align"))
from align_helpers import write_region_texts, write_reports  # noqa: E402

PASSWORD = "kata-sandi-uji-123"
_spec = importlib.util.spec_from_file_location("e2e_conftest_for_align", ROOT / "tests" / "e2e" / "conftest.py")
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from janji.store import open_store
    from janji.store.align import align_region
    from janji.track import Tracker
    from janji.track import service

    service.HASH_PARAMS.update(time_cost=1, memory_cost=1024, parallelism=1)
    folder = tmp_path_factory.mktemp("align-e2e")
    store = open_store(f"sqlite:///{folder / 'janji.db'}")
    for path in (*write_region_texts(folder), *write_reports(folder)):
        assert store.ingest_path(path).status == "added"
    region = store.resolve_region("Wonosobo")["id"]
    align_region(store, region)
    tracker = Tracker(store)
    tracker.add_user("admin", PASSWORD, role="admin")
    tracker.add_user("editor", PASSWORD, role="editor", regions=[region])
    items = {it["text"]: it["id"] for it in store.items(region=region, limit=None)}
    from janji.web import create_app

    with e2e.live_server(create_app(store)) as url:
        yield {"url": url, "store": store, "region": region, "items": items}
    store.close()


def test_janji_vs_rpjmd_page_traces_every_link_to_its_sources(browser, live, screenshots):
    ctx, pg = e2e.new_page(browser, live["url"])
    pg.goto(f"/wilayah/{live['region']}")
    pg.click("text=Janji vs RPJMD")
    pg.wait_for_url(f"**/wilayah/{live['region']}/janji-rpjmd**")
    assert "7 dari 8 janji dimuat rencana" in " ".join(pg.inner_text("#cakupan").split())
    assert pg.locator("svg.chart").count() == 1
    dropped = pg.locator("tr.m-dropped")
    assert dropped.count() == 1 and "Festival kuliner" in dropped.inner_text()
    assert "tata kelola pemerintahan" in pg.inner_text("#ditambahkan")
    row = pg.locator("#selaras tbody tr", has_text="Beasiswa kuliah gratis")
    assert "meluas" in row.inner_text()
    assert pg.locator("#selaras mark").count() > 0  # shared words highlighted on both sides
    pg.screenshot(path=str(screenshots / "janji-vs-rpjmd.png"), full_page=True)
    # the plan item's source: the RPJMD's text with that misi highlighted
    row.locator("td").nth(1).locator("a.src").first.click()
    pg.wait_for_url("**/dokumen/**#src-**")
    item_id = pg.url.rsplit("#src-", 1)[1]
    lit = pg.locator(f'.hl.on[data-item="{item_id}"]')
    assert lit.count() >= 1 and "sumber daya manusia" in lit.first.inner_text()
    pg.go_back()
    row.locator("td").first.locator("a.src").click()
    pg.wait_for_url("**/dokumen/**#src-**")
    item_id = pg.url.rsplit("#src-", 1)[1]
    assert "Beasiswa kuliah gratis" in pg.locator(f'.hl.on[data-item="{item_id}"]').first.inner_text()
    assert pg.js_errors == []
    ctx.close()


def test_editor_accepts_a_suggestion_and_it_is_evidence_and_audited(browser, live, screenshots):
    road = next(i for t, i in live["items"].items() if t.startswith("Perbaikan jalan desa"))
    ctx, ed = e2e.new_page(browser, live["url"])
    e2e.login(ed, "editor", PASSWORD, f"/pantau/wilayah/{live['region']}/saran")
    card = ed.locator(".suggestion-group", has_text="Perbaikan jalan desa sepanjang 100 km")
    sg = card.locator("li", has_text="35 km")
    assert sg.count() == 1
    assert ed.locator(".suggestions li", has_text="doa bersama").count() == 0  # unrelated sentences are not there
    ed.screenshot(path=str(screenshots / "saran-bukti.png"), full_page=True)
    ed.goto(f"/pantau/butir/{road}")
    status_before = ed.inner_text("#status-now").strip()
    ed.locator("#saran li", has_text="35 km").locator("button.accept").click()
    ed.wait_for_url(f"**/pantau/butir/{road}?ok=diterima")
    assert "statusnya tidak berubah" in ed.inner_text(".notice")
    assert ed.inner_text("#status-now").strip() == status_before
    entry = ed.locator("#riwayat li").first
    assert "35 km" in entry.inner_text() and "editor" in entry.inner_text()
    ed.screenshot(path=str(screenshots / "bukti-diterima.png"), full_page=True)
    entry.locator("a.evdoc").click()
    ed.wait_for_url("**/dokumen/**sorot=**")
    assert "35 km" in ed.inner_text("#sorot")
    # reject another: it leaves the list and is not proposed again
    ed.goto(f"/pantau/wilayah/{live['region']}/saran")
    benih = ed.locator(".suggestions li", has_text="benih padi")
    benih.locator("button.reject").click()
    ed.wait_for_url("**/saran?ok=ditolak")
    assert ed.locator(".suggestions li", has_text="benih padi").count() == 0
    assert ed.js_errors == []
    ctx.close()

    from janji.store.suggest import refresh, suggestions

    refresh(live["store"], live["region"], force=True)
    assert not any("benih padi" in s["text"] for s in suggestions(live["store"], region_id=live["region"]))

    ctx, pub = e2e.new_page(browser, live["url"])
    pub.goto(f"/pantau/butir/{road}")
    assert "35 km" in pub.inner_text("#riwayat")  # the public sees the evidence entry …
    assert pub.locator("#saran").count() == 0  # … but not the suggestions
    ctx.close()

    ctx, adm = e2e.new_page(browser, live["url"])
    e2e.login(adm, "admin", PASSWORD, "/admin/audit")
    log = adm.inner_text("main")
    assert "suggestion.accept" in log and "suggestion.reject" in log and "35 km" in log
    assert adm.js_errors == []
    ctx.close()
