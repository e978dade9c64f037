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
