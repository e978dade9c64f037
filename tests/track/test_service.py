"""The tracking rules through the Python API (every door calls these)."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from janji.track.service import Conflict, Forbidden, Invalid

EV = {"evidence_url": "https://jdih.example.go.id/perda-5-2026", "evidence_date": "2026-03-01"}


def test_update_appends_history_and_moves_state(world):
    t, ed, road = world["tracker"], world["actors"]["editor"], world["road"]
    assert t.state(road)["version"] == 0 and t.state(road)["status"] == "belum dinilai"
    first = t.update_status(ed, road, "dalam proses", expected_version=0, note="lelang selesai", **EV)
    assert first["state"] == "published" and first["prev_status"] == "belum dinilai"
    t.update_status(ed, road, "sebagian", expected_version=1, progress_value="312", measured_on="2026-06-30", **EV)
    state = t.state(road)
    # the item's own "100 km" is the default target: 312 of 100 is reported as such, not clipped
    assert (state["status"], state["version"], state["progress_target"], state["progress_unit"]) == \
        ("sebagian", 2, 100.0, "km")
    assert state["progress_percent"] == 312.0
    history = t.history(road)
    assert [e["status"] for e in history] == ["sebagian", "dalam proses"]  # newest first, nothing overwritten
    assert history[1]["note"] == "lelang selesai"


def test_stale_version_is_refused_and_nothing_saved(world):
    t, ed, road = world["tracker"], world["actors"]["editor"], world["road"]
    t.update_status(ed, road, "dalam proses", expected_version=0, **EV)
    with pytest.raises(Conflict) as exc:
        t.update_status(ed, road, "ditepati", expected_version=0, **EV)
    assert "diubah orang lain" in exc.value.message and "Dalam proses" in exc.value.message
    assert [e["status"] for e in t.history(road)] == ["dalam proses"]


@pytest.mark.parametrize("kwargs, fragment", [
    ({"evidence_url": None}, "bukti wajib"),
    ({"evidence_url": "javascript:alert(1)"}, "http://"),
    ({"evidence_date": "2999-01-01"}, "masa depan"),
    ({"evidence_date": "kemarin"}, "bukan tanggal"),
    ({"progress_value": "banyak"}, "angka"),
    ({"progress_value": "5"}, "tanggal pengukuran wajib"),
])
def test_validation_names_the_problem(world, kwargs, fragment):
    t, ed, road = world["tracker"], world["actors"]["editor"], world["road"]
    with pytest.raises(Invalid) as exc:
        t.update_status(ed, road, "dalam proses", expected_version=0, **(EV | kwargs))
    assert fragment in exc.value.message
    assert t.history(road) == []


def test_unknown_status_and_non_promise(world):
    t, ed = world["tracker"], world["actors"]["editor"]
    with pytest.raises(Invalid, match="status tidak dikenal"):
        t.update_status(ed, world["road"], "hampir", expected_version=0, **EV)
    with pytest.raises(Invalid, match="bukan janji"):
        t.update_status(ed, world["vision"], "ditepati", expected_version=0, **EV)


def test_roles_and_regions(world):
    t, a = world["tracker"], world["actors"]
    with pytest.raises(Forbidden):
        t.update_status(a["editor_other"], world["road"], "ditepati", expected_version=0, **EV)
    with pytest.raises(Forbidden):
        t.update_status(a["reviewer"], world["road"], "ditepati", expected_version=0, **EV)
    t.update_status(a["editor_other"], world["clinic"], "dalam proses", expected_version=0, **EV)
    t.update_status(a["admin"], world["road"], "ditepati", expected_version=0, **EV)


def test_review_region_holds_changes_until_approved(world):
    t, a, road = world["tracker"], world["actors"], world["road"]
    t.set_needs_review(a["admin"], world["bandung"], True)
    entry = t.update_status(a["editor"], road, "ditepati", expected_version=0, **EV)
    assert entry["state"] == "pending"
    assert t.state(road)["status"] == "belum dinilai" and t.history(road) == []
    queue = t.queue(a["reviewer"])
    assert [u["id"] for u in queue["updates"]] == [entry["id"]]
    assert t.queue(a["admin"])["updates"] and not t.queue(world["tracker"].actor(
        t.add_user("rev2", "kata-sandi-uji-123", role="reviewer", regions=[world["bogor"]])["id"]))["updates"]
    with pytest.raises(Forbidden):
        t.review(a["editor"], entry["id"], True)
    t.review(a["reviewer"], entry["id"], True)
    assert t.state(road)["status"] == "ditepati"
    with pytest.raises(Conflict, match="sudah ditinjau"):
        t.review(a["reviewer"], entry["id"], False)


def test_public_proposal_is_never_published_unreviewed(world):
    t, a, road = world["tracker"], world["actors"], world["road"]
    p = t.propose(road, proposer="Warga Cibiru", contact="warga@example.org", status="terhenti",
                  evidence_url="https://berita.example.com/jalan-mangkrak", evidence_date="2026-05-01",
                  note="Proyek berhenti sejak April")
    assert p["state"] == "pending" and t.history(road) == [] and t.state(road)["version"] == 0
    with pytest.raises(Forbidden):
        t.review_proposal(a["editor_other"], p["id"], True)
    out = t.review_proposal(a["reviewer"], p["id"], True)
    assert out["update"]["status"] == "terhenti" and "Warga Cibiru" in out["update"]["author"]
    assert t.state(road)["status"] == "terhenti"
    assert "warga@example.org" not in str(t.history(road))


def test_audit_log_is_append_only_in_the_database(world):
    t, a = world["tracker"], world["actors"]
    t.update_status(a["editor"], world["road"], "dalam proses", expected_version=0, **EV)
    log = t.audit(a["admin"])["entries"]
    entry = next(e for e in log if e["action"] == "update.publish")
    assert entry["actor"] == "editor" and entry["before"]["status"] == "belum dinilai"
    assert entry["after"]["status"] == "dalam proses"
    with pytest.raises(Forbidden):
        t.audit(a["editor"])
    with world["store"].engine.connect() as conn:
        for sql in ("UPDATE track_audit SET actor = 'x'", "DELETE FROM track_audit"):
            with pytest.raises(Exception, match="append-only"):
                with conn.begin():
                    conn.execute(text(sql))
    assert len(t.audit(a["admin"])["entries"]) == len(log)


def test_audit_entry_of_an_update_keeps_the_state_before_it(world):
    t, a = world["tracker"], world["actors"]
    t.update_status(a["editor"], world["road"], "dalam proses", expected_version=0, **EV)
    t.update_status(a["editor"], world["road"], "ditepati", expected_version=1, **EV)
    second = [e for e in t.audit(a["admin"])["entries"] if e["action"] == "update.publish"
              and e["after"]["status"] == "ditepati"]
    assert len(second) == 1
    assert second[0]["before"]["status"] == "dalam proses" and second[0]["before"]["version"] == 1


def test_scorecard_counts_rollups_and_series(world):
    t, a = world["tracker"], world["actors"]
    t.update_status(a["editor"], world["road"], "ditepati", expected_version=0, **EV)
    t.update_status(a["editor"], world["water"], "diingkari", expected_version=0, **EV)
    t.update_status(a["editor"], world["water"], "sebagian", expected_version=1, **EV)
    card = t.scorecard(world["bandung"])
    # campaign_a: 2 missions + 3 programs are promises; the vision is not
    assert card["total"] == 5
    assert card["counts"]["ditepati"] == 1 and card["counts"]["sebagian"] == 1
    assert card["counts"]["diingkari"] == 0 and card["counts"]["belum dinilai"] == 3
    infra = next(r for r in card["sectors"] if r["code"] == "1.03")
    assert infra["counts"]["ditepati"] == 1 and infra["total"] == 3
    assert card["series"][-1]["counts"] == card["counts"]
    assert [r["total"] for r in t.regions_rollup()] == [5, 2] or sorted(r["total"] for r in t.regions_rollup()) == [2, 5]
    pair = t.pair_tracking(card["pairs"][0]["id"], status="ditepati")
    assert [i["id"] for i in pair["items"]] == [world["road"]]
    infra_mission = next(m for m in pair["missions"] if m["text"].startswith("Membangun infrastruktur"))
    assert infra_mission["counts"]["ditepati"] == 1 and infra_mission["counts"]["sebagian"] == 1


def test_import_round_trip_all_or_nothing(world):
    t, a = world["tracker"], world["actors"]
    rows = t.export_rows(world["bandung"])
    assert [r["status"] for r in rows] == ["belum dinilai"] * 5
    by_id = {r["id_butir"]: r for r in rows}
    by_id[world["road"]].update(status="dalam proses", url_bukti=EV["evidence_url"], tanggal_bukti="2026-04-01",
                                nilai_capaian="40", tanggal_ukur="2026-04-01")
    by_id[world["water"]].update(status="ditepati", url_bukti="", tanggal_bukti="2026-04-01")  # no evidence
    report = t.import_rows(a["editor"], list(by_id.values()))
    assert report["applied"] == 0 and [e["id_butir"] for e in report["errors"]] == [str(world["water"])]
    assert "bukti wajib" in report["errors"][0]["message"] and report["errors"][0]["row"] >= 2
    assert t.state(world["road"])["version"] == 0  # nothing applied from a file with errors
    report = t.import_rows(a["editor"], list(by_id.values()), force=True)
    assert report["applied"] == 1 and t.state(world["road"])["progress_percent"] == 40.0
    again = t.export_rows(world["bandung"])
    assert t.import_rows(a["editor"], again)["applied"] == 0  # an unchanged export is a no-op round trip
    stale = [dict(r) for r in rows if r["id_butir"] == world["road"]]
    stale[0].update(status="ditepati", url_bukti=EV["evidence_url"], tanggal_bukti="2026-04-01")
    assert "diubah orang lain" in t.import_rows(a["editor"], stale)["errors"][0]["message"]
    other = t.import_rows(a["editor_other"], [dict(again[0], status="ditepati", url_bukti=EV["evidence_url"])])
    assert "tidak berhak" in other["errors"][0]["message"]


def test_login_throttled_per_account_and_address(world):
    t = world["tracker"]
    for _ in range(5):
        with pytest.raises(Forbidden):
            t.authenticate("editor", "salah", ip="10.0.0.1")
    with pytest.raises(Exception, match="terlalu banyak"):
        t.authenticate("editor", "kata-sandi-uji-123", ip="10.0.0.1")
    actor, epoch = t.authenticate("editor", "kata-sandi-uji-123", ip="10.0.0.2")  # another address still may
    assert actor.username == "editor"


def test_disabled_account_and_stale_sessions(world):
    t, a = world["tracker"], world["actors"]
    _, epoch = t.authenticate("editor", "kata-sandi-uji-123")
    assert t.actor(a["editor"].id, epoch=epoch) is not None
    t.modify_user("editor", disabled=True, actor=a["admin"])
    assert t.actor(a["editor"].id, epoch=epoch) is None
    with pytest.raises(Forbidden):
        t.authenticate("editor", "kata-sandi-uji-123")


def test_tokens_are_hashed_at_rest(world):
    t, a = world["tracker"], world["actors"]
    tok = t.create_token(a["editor"], "skrip harian")
    assert t.token_actor(tok["token"]).username == "editor"
    with world["store"].engine.connect() as conn:
        stored = conn.execute(text("SELECT token_hash FROM track_tokens")).scalars().all()
    assert tok["token"] not in stored and len(stored[0]) == 64
    t.revoke_token(a["editor"], tok["id"])
    assert t.token_actor(tok["token"]) is None


def test_scorecard_tallies_match_a_recount_and_follow_new_document_versions(world):
    import copy

    from janji.track import models as tm

    t, a, store = world["tracker"], world["actors"], world["store"]
    t.scorecard(world["bandung"])  # tallies built before the writes: from here on they are kept per publication
    t.update_status(a["editor"], world["road"], "ditepati", expected_version=0, progress_value=50,
                    measured_on="2026-03-01", **EV)
    t.update_status(a["editor"], world["road"], "sebagian", expected_version=1, **EV)
    t.update_status(a["editor"], world["water"], "terhenti", expected_version=0, **EV)
    card = t.scorecard(world["bandung"])
    assert card["counts"]["sebagian"] == 1 and card["counts"]["terhenti"] == 1 and card["counts"]["ditepati"] == 0
    assert card["progress"] == {"measured": 1, "average_percent": 50.0}
    months = card["series"]
    assert months[-1]["counts"] == card["counts"]
    with store.engine.begin() as conn:  # a recount from scratch gives the same scorecard
        conn.execute(tm.Tally.__table__.delete())
        conn.execute(tm.Setting.__table__.delete().where(tm.Setting.key.like("tally:%")))
    assert t.scorecard(world["bandung"])["counts"] == card["counts"]
    assert t.scorecard(world["bandung"])["sectors"] == card["sectors"]
    # a new version of the source document: its promises are new items, the old ones leave the scorecard
    from store_helpers import campaign_a

    doc = campaign_a()
    doc["items"][1]["children"].append({"kind": "program", "text": "Program baru di versi kedua"})
    store.ingest_document(copy.deepcopy(doc), origin="paslon-1.txt")
    fresh = t.scorecard(world["bandung"])
    # (statuses are kept per item: the new version's promises start unrated — see docs/track.md)
    assert fresh["total"] == 6 and fresh["counts"]["belum dinilai"] == 6 and fresh["progress"]["measured"] == 0
