"""A promise's public tracking is kept per process (janji.track.freshness), yet every change made through
another process shows at once: two Trackers on two engines over the same database stand for two workers."""
from __future__ import annotations

import pytest

from janji.store import open_store
from janji.track import Tracker

EV = {"evidence_url": "https://jdih.example.go.id/perda-9-2026", "evidence_date": "2026-03-01"}


@pytest.fixture
def other(world, db_url):
    """A second worker: its own engine and Tracker over the same store."""
    store = open_store(db_url)
    yield Tracker(store)
    store.close()


def test_a_write_by_another_worker_shows_at_once(world, other):
    t, road = world["tracker"], world["road"]
    editor = world["actors"]["editor"]
    seen = t.item_tracking(road)
    assert seen == t.item_tracking(road)  # kept, and the same answer
    other.update_status(other.actor(world["users"]["editor"]["id"]), road, "dalam proses", expected_version=0, **EV)
    after = t.item_tracking(road)
    assert after["state"]["status"] == "dalam proses" and after["state"]["version"] == 1
    assert [e["status"] for e in after["history"]] == ["dalam proses"]
    # a milestone and a review setting changed elsewhere show too
    other.add_milestone(other.actor(world["users"]["editor"]["id"]), road, "Anggaran disetujui")
    assert [m["name"] for m in t.item_tracking(road)["milestones"]] == ["Anggaran disetujui"]
    other.set_needs_review(other.actor(world["users"]["admin"]["id"]), world["bandung"], True)
    assert t.item_tracking(road)["needs_review"] is True
    # and a pending entry stays out of the public view, which is what the cache keeps
    t.update_status(editor, road, "sebagian", expected_version=1, **EV)
    assert [e["status"] for e in t.item_tracking(road)["history"]] == ["dalam proses"]
    assert [e["status"] for e in t.item_tracking(road, include_pending=True)["history"]] == ["sebagian", "dalam proses"]


def test_what_a_caller_changes_in_its_copy_stays_out_of_the_kept_one(world):
    t, road = world["tracker"], world["road"]
    first = t.item_tracking(road)
    first["history"].append({"status": "rusak"})
    first["state"]["status"] = "rusak"
    again = t.item_tracking(road)
    assert again["history"] == [] and again["state"]["status"] != "rusak"


def test_readers_arriving_during_a_build_wait_for_it(sworld):
    """After a change, the readers of a promise that come while one thread rebuilds it get that build (one
    build per process and version), and a failed build leaves the others to build for themselves."""
    import threading
    import time

    from janji.track.freshness import PublicTracking

    public = PublicTracking(sworld["store"].engine)
    road = sworld["road"]
    builds = []

    def build():
        builds.append(1)
        time.sleep(0.2)
        return {"n": len(builds)}

    got = []
    threads = [threading.Thread(target=lambda: got.append(public.get(road, build))) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(builds) == 1 and got == [{"n": 1}] * 6

    sworld["tracker"].update_status(sworld["actors"]["editor"], road, "dalam proses",
                                     evidence_url="https://jdih.example.go.id/b", evidence_date="2026-03-01",
                                     expected_version=0)
    calls = []

    def failing():
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.2)
            raise RuntimeError("gagal")
        return {"ok": True}

    errors, results = [], []

    def read():
        try:
            results.append(public.get(road, failing))
        except RuntimeError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(3)]
    for th in threads:
        th.start()
        time.sleep(0.02)
    for th in threads:
        th.join()
    assert len(errors) == 1 and results == [{"ok": True}] * 2 and public.building == {}


def test_a_pair_page_changes_as_soon_as_another_worker_writes(world, other):
    """A pair's promises are kept per process under the pair's version (migration 0012): a change of a
    promise's state made elsewhere — published, approved, or a new document — shows at the next read."""
    t, road = world["tracker"], world["road"]
    pair_id = t.scorecard(world["bandung"])["pairs"][0]["id"]
    first = t.pair_tracking(pair_id)
    assert first is t.pair_tracking(pair_id)  # kept: the same object, nothing read again
    assert t.pair_tracking(pair_id, "ditepati")["items"] == []
    editor = other.actor(world["users"]["editor"]["id"])
    other.update_status(editor, road, "ditepati", expected_version=0, **EV)
    after = t.pair_tracking(pair_id, "ditepati")
    assert [i["id"] for i in after["items"]] == [road] and after["counts"]["ditepati"] == 1
    assert t.pair_tracking(pair_id)["counts"]["ditepati"] == 1
    # a pending entry changes nothing public; its approval does, at once
    other.set_needs_review(other.actor(world["users"]["admin"]["id"]), world["bandung"], True)
    pending = other.update_status(editor, road, "sebagian", expected_version=1, **EV)
    assert t.pair_tracking(pair_id, "sebagian")["items"] == []
    other.review(other.actor(world["users"]["reviewer"]["id"]), pending["id"], True)
    assert [i["id"] for i in t.pair_tracking(pair_id, "sebagian")["items"]] == [road]
    assert t.pair_tracking(pair_id)["counts"]["ditepati"] == 0
    # and an unknown pair stays unknown
    assert t.pair_tracking(10**6) is None


def test_a_pair_page_follows_a_new_version_of_its_document(world):
    t = world["tracker"]
    pair_id = t.scorecard(world["bandung"])["pairs"][0]["id"]
    before = t.pair_tracking(pair_id)
    import store_helpers as h

    doc = h.campaign_a()
    doc["items"] = doc["items"][:1]  # a new version of the campaign with fewer promises
    world["store"].ingest_document(doc)
    after = t.pair_tracking(pair_id)
    assert after is not before


def test_migration_0012_down_and_up(world):
    """The pair versions' triggers go and come back with their migration; the promise versions stay."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from janji.store.db import MIGRATIONS, upgrade

    t, road = world["tracker"], world["road"]
    editor = world["actors"]["editor"]
    engine = world["store"].engine
    pair_id = t.scorecard(world["bandung"])["pairs"][0]["id"]

    def version(scope, key):
        with engine.connect() as conn:
            return conn.execute(text("SELECT version FROM track_versions WHERE scope = :s AND key = :k"),
                                {"s": scope, "k": key}).scalar()

    t.update_status(editor, road, "dalam proses", expected_version=0, **EV)
    assert version("pair", pair_id) == 1 and version("item", road) == 2
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011_fts_rank")
    t.update_status(editor, road, "sebagian", expected_version=1, **EV)
    assert version("pair", pair_id) is None and version("item", road) == 4
    upgrade(engine)
    t.update_status(editor, road, "ditepati", expected_version=2, **EV)
    assert version("pair", pair_id) == 1
    assert [i["id"] for i in t.pair_tracking(pair_id, "ditepati")["items"]] == [road]
