"""A live portal (uvicorn on a free loopback port, in a thread) and Debian's chromium driven by Playwright.

Never downloads a browser: chromium comes from the distribution (`make setup`
installs it); without it these tests are skipped with the reason.
"""
from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "web"))
import portal_corpus as corpus  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the tests save screenshots: $JANJI_SCREENSHOT_DIR, else a temporary folder."""
    target = os.environ.get("JANJI_SCREENSHOT_DIR")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    """Base URL of a writable portal over a temporary SQLite store: the test corpus plus the seed documents."""
    import uvicorn

    from janji.store import open_store
    from janji.web import create_app

    db = tmp_path_factory.mktemp("e2e-store") / "janji.db"
    store = open_store(f"sqlite:///{db}")
    corpus.load(store)
    for path in sorted((ROOT / "examples" / "seeds").glob("*.txt")):
        store.ingest_path(path)
    port = free_port()
    config = uvicorn.Config(create_app(store, writable=True), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the portal did not start within 30 s")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "store": store}
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI"):  # CI runs `make setup`, which installs it: missing there is a defect
            pytest.fail("chromium is not installed although `make setup` should have installed it")
        pytest.skip("Debian's chromium is not installed (make setup installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, portal):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=portal["url"], locale="id-ID")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.js_errors = errors
    yield pg
    context.close()
