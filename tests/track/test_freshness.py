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
