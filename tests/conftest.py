"""Shared fixtures: the seed and development documents beside the project (../shared), and the browser."""
from __future__ import annotations

import os
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import settings

# Property tests assert what the code computes, never how fast: on two cores shared with other work a first
# call can take 400 ms (imports, regex compilation) and Hypothesis's default 200 ms deadline would fail it.
settings.register_profile("janji", deadline=None)
settings.load_profile("janji")

# The compiled patterns the tests make (and the odd ones they try) stay out of the user's cache folder
# (janji.lang.lazy): one folder for the whole run, the processes the tests start included.
os.environ.setdefault("JANJI_CACHE_DIR", str(Path(tempfile.gettempdir()) / f"janji-tests-cache-{os.getuid()}"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the project")
    return SHARED


FLOORS = Path(__file__).resolve().parent / "floors.toml"


@pytest.fixture(scope="session")
def check_floors() -> Callable[[str, dict], None]:
    """`check_floors("pipeline.devset", scores)` fails when any metric of that section of
    tests/floors.toml is below its floor (a missing or None score counts as 0)."""
    floors = tomllib.loads(FLOORS.read_text(encoding="utf-8"))

    def check(section: str, got: dict) -> None:
        group, name = section.split(".")
        wanted = floors[group][name]
        low = {k: round(got.get(k) or 0.0, 4) for k, floor in wanted.items() if (got.get(k) or 0.0) < floor}
        assert not low, f"{section} below its floors: {low}; floors {wanted}; measured " + \
            str({k: round(got.get(k) or 0.0, 4) for k in wanted})

    return check


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright, one per test process (two sync Playwright sessions in one
    process collide). Never downloads a browser: `make test` installs chromium from the distribution."""
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI"):  # CI runs `make test`, which installs it: missing there is a defect
            pytest.fail("chromium is not installed although `make test` should have installed it")
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
