"""Tracking fixtures: a store with two regions' promises (SQLite and PostgreSQL, reusing tests/store's
database fixtures) and one account per role."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "store"))
sys.path.insert(0, str(HERE))  # portal_client
sys.path.insert(0, str(ROOT / "tests" / "web"))  # direct_layer
import store_helpers as h  # noqa: E402
from portal_client import PASSWORD  # noqa: E402,F401

_spec = importlib.util.spec_from_file_location("store_conftest_for_track", ROOT / "tests" / "store" / "conftest.py")
store_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(store_conftest)

# argon2 at the library's default cost makes every login ~0.1 s; the tests log in a lot
from janji.track import service as _service  # noqa: E402

_service.HASH_PARAMS.update(time_cost=1, memory_cost=1024, parallelism=1)


def corpus_docs():
    """Two regions, one pair each; Bandung has missions with programs (one with a 100 km target)."""
    bogor = h.doc("bogor.txt", region=("Kabupaten Bogor", "32.01", "kabupaten"), candidates=[
        {"head": "Asep Sunandar", "deputy": "Neng Yuli", "number": 3, "parties": ["PDIP"]}], items=[
        h.item("program", "Membangun 20 puskesmas baru", sectors=["1.02"],
               quantities=[{"value": 20, "unit": "puskesmas", "text": "20 puskesmas"}]),
        h.item("program", "Sekolah gratis untuk SD dan SMP", sectors=["1.01"]),
    ])
    return [h.campaign_a(), bogor]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'janji.db'}"
    return store_conftest._pg_url(request)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'janji.db'}"


def build(url):
    from janji.store import open_store
    from janji.track import Tracker

    store = open_store(url)
    for d in corpus_docs():
        store.ingest_document(d)
    tracker = Tracker(store)
    regions = {r["name"]: r["id"] for r in store.regions()}
    items = {it["text"]: it["id"] for it in store.items(limit=None)}
    bdg, bgr = regions["Kota Bandung"], regions["Kabupaten Bogor"]
    users = {
        "admin": tracker.add_user("admin", PASSWORD, role="admin"),
        "editor": tracker.add_user("editor", PASSWORD, role="editor", regions=[bdg]),
        "editor_other": tracker.add_user("editor2", PASSWORD, role="editor", regions=[bgr]),
        "reviewer": tracker.add_user("reviewer", PASSWORD, role="reviewer", regions=[bdg]),
    }
    actors = {k: tracker.actor(u["id"]) for k, u in users.items()}
    return {"store": store, "tracker": tracker, "regions": regions, "items": items, "users": users,
            "actors": actors, "bandung": bdg, "bogor": bgr,
            "road": items["Pembangunan jalan desa sepanjang 100 km"],
            "water": items["Penyediaan air bersih untuk seluruh warga"],
            "clinic": items["Membangun 20 puskesmas baru"],
            "vision": items["Bandung yang maju dan sejahtera"]}


@pytest.fixture
def world(db_url):
    w = build(db_url)
    yield w
    w["store"].close()


@pytest.fixture
def sworld(sqlite_url):
    """The same world on SQLite only (web tests: the backend does not change what a page allows)."""
    w = build(sqlite_url)
    yield w
    w["store"].close()
