"""A store filled with the test corpus and a TestClient over the portal."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import portal_corpus as corpus  # noqa: E402
from portal_corpus import make_client  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from janji.store import open_store

    path = tmp_path_factory.mktemp("store") / "janji.db"
    s = open_store(f"sqlite:///{path}")
    corpus.load(s)
    yield s
    s.close()


@pytest.fixture(scope="module")
def ids(store):
    """Ids of the corpus objects by name, so tests do not hard-code autoincrement values."""
    regions = {r["name"]: r["id"] for r in store.regions()}
    pairs = {c["head"]: c["id"] for c in store.candidates()}
    docs = {d["name"]: d["id"] for d in store.documents()}
    return {"regions": regions, "pairs": pairs, "docs": docs}


@pytest.fixture(scope="module")
def client(store):
    return make_client(store)
