"""A live portal (uvicorn on a free loopback port, in a thread) and Debian's chromium driven by Playwright.

Never downloads a browser: chromium comes from the distribution (`make test`
installs it); without it these tests are skipped with the reason.
"""
from __future__ import annotations

import os
import socket
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "web"))
import portal_corpus as corpus  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(app):
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the portal did not start within 30 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


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

    from janji.store import open_store
    from janji.web import create_app

    db = tmp_path_factory.mktemp("e2e-store") / "janji.db"
    store = open_store(f"sqlite:///{db}")
    corpus.load(store)
    for path in sorted((ROOT / "examples" / "seeds").glob("*.txt")):
        store.ingest_path(path)
    with live_server(create_app(store, writable=True)) as url:
        yield {"url": url, "store": store}
    store.close()


def new_page(browser, base_url: str):
    """A fresh browser context and page on ``base_url``; ``page.js_errors`` collects script errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url, locale="id-ID")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.js_errors = errors
    return context, pg


def login(pg, username: str, password: str, next_path: str) -> None:
    """Sign in through /masuk and wait for the page it leads to."""
    pg.goto(f"/masuk?next={next_path}")
    pg.fill("#l-user", username)
    pg.fill("#l-pass", password)
    pg.click("form.track button[type=submit]")
    pg.wait_for_url(f"**{next_path}")


@pytest.fixture
def page(browser, portal):
    context, pg = new_page(browser, portal["url"])
    yield pg
    context.close()
