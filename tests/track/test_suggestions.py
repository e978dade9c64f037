"""Evidence suggestions in tracking (SQLite and PostgreSQL): a campaign, its plan and two later reports written
for the test are ingested; report sentences about a promise are proposed for it and unrelated ones are not; an
editor accepts one (a history entry with source and date, audited, no status change) and rejects another (never
proposed again); a new document updates the suggestions; only the region's editors decide."""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "align"))
from align_helpers import EXPECTED_EVIDENCE, UNRELATED, write_region_texts, write_reports  # noqa: E402

PASSWORD = "kata-sandi-uji-123"  # as in conftest.py


def build_region(url, folder):
    from janji.store import open_store
    from janji.track import Tracker

    store = open_store(url)
    camp, plan = write_region_texts(folder)
    report, speech = write_reports(folder)
    for path in (camp, plan, report):
        assert store.ingest_path(path).status == "added"
    tracker = Tracker(store)
    region = store.resolve_region("Wonosobo")["id"]
    other = store.ingest_document({"schema": "janji/1", "source": {"name": "lain.txt"}, "kind": "campaign",
                                   "region": {"name": "Kabupaten Sinjai", "code": "73.07", "level": "kabupaten"},
                                   "period": {"start": 2025, "end": 2030}, "candidates": [], "items": []})
    assert other.status == "added"
    users = {"admin": tracker.add_user("admin", PASSWORD, role="admin"),
             "editor": tracker.add_user("editor", PASSWORD, role="editor", regions=[region]),
             "editor_other": tracker.add_user("editor2", PASSWORD, role="editor",
                                              regions=[store.resolve_region("Sinjai")["id"]]),
             "reviewer": tracker.add_user("reviewer", PASSWORD, role="reviewer", regions=[region])}
    actors = {k: tracker.actor(u["id"]) for k, u in users.items()}
    promises = {it["text"]: it["id"] for it in store.items(region=region, limit=None)}
    return {"store": store, "tracker": tracker, "region": region, "actors": actors, "promises": promises,
            "speech": speech}


@pytest.fixture
def wono(db_url, tmp_path):
    w = build_region(db_url, tmp_path)
    yield w
    w["store"].close()


def _promise(w, start: str) -> int:
    return next(i for t, i in w["promises"].items() if t.startswith(start))


def _pending(w) -> dict[str, list[dict]]:
    data = w["tracker"].suggestions(w["actors"]["editor"], w["region"])
    return {g["item"]["text"]: g["suggestions"] for g in data["promises"]}


def test_report_sentences_are_proposed_for_their_promise_and_unrelated_ones_are_not(wono):
    pending = _pending(wono)
    everything = [s["text"] for ss in pending.values() for s in ss]
    for sentence in UNRELATED:
        assert not any(t.startswith(sentence) for t in everything), sentence
    for start, sentences in EXPECTED_EVIDENCE.items():
        got = next(ss for t, ss in pending.items() if t.startswith(start))
        for sentence in sentences[:1]:  # the speech (second document) is not ingested yet
            match = [s for s in got if s["text"].startswith(sentence)]
            assert match, f"{start}: {sentence}"
            s = match[0]
            assert s["document"]["name"] == "laporan-100-hari.txt" and s["evidence_date"] == "2025-06-09"
            a, b = s["span"]
            assert s["url"] == f"/dokumen/{s['document']['id']}?sorot={a}-{b}#sorot"
    # only the sitting pair's promises (not its plan's misi) receive suggestions
    assert all(ss[0]["item"]["kind"] in ("mission", "program") for ss in pending.values())


def test_accept_records_evidence_without_changing_the_status_and_audits_it(wono):
    t, editor = wono["tracker"], wono["actors"]["editor"]
    road = _promise(wono, "Perbaikan jalan desa")
    before = t.state(road)
    sg = next(s for s in _pending(wono)["Perbaikan jalan desa sepanjang 100 km"] if "35 km" in s["text"])
    out = t.accept_suggestion(editor, sg["id"], note="Dicek ke dinas PU")
    assert out["state"] == "accepted" and out["update"]["origin"] == "suggestion"
    assert t.state(road) == before  # nothing changes a status (or its version) by itself
    entry = t.history(road)[0]
    assert entry["status"] == before["status"] and entry["evidence_date"] == "2025-06-09"
    assert "35 km" in entry["note"] and "laporan-100-hari.txt" in entry["note"] and "Dicek ke dinas PU" in entry["note"]
    assert entry["evidence_document"]["url"] == sg["url"] and entry["author"] == editor.label
    log = t.audit(wono["actors"]["admin"], action="suggestion.accept")["entries"]
    assert log and log[0]["target_id"] == str(sg["id"]) and log[0]["actor"] == "editor"
    assert log[0]["after"]["update_id"] == out["update_id"]
    from janji.track.service import Conflict

    with pytest.raises(Conflict):
        t.reject_suggestion(editor, sg["id"])  # decided once


def test_a_rejected_suggestion_is_not_proposed_again(wono):
    from janji.store.suggest import refresh

    t, editor = wono["tracker"], wono["actors"]["editor"]
    sg = _pending(wono)["Bantuan benih dan pupuk bagi kelompok tani"][0]
    t.reject_suggestion(editor, sg["id"])
    assert t.audit(wono["actors"]["admin"], action="suggestion.reject")["entries"][0]["target_id"] == str(sg["id"])
    assert refresh(wono["store"], wono["region"], force=True)["scanned"]
    again = _pending(wono).get("Bantuan benih dan pupuk bagi kelompok tani", [])
    assert all(s["text"] != sg["text"] for s in again)


def test_a_new_document_updates_the_suggestions(wono):
    before = _pending(wono)["Beasiswa kuliah gratis bagi 200 mahasiswa dari keluarga tidak mampu"]
    assert not any(s["text"].startswith("Beasiswa kuliah tahap kedua") for s in before)
    assert wono["store"].ingest_path(wono["speech"]).status == "added"
    after = _pending(wono)["Beasiswa kuliah gratis bagi 200 mahasiswa dari keluarga tidak mampu"]
    new = [s for s in after if s["text"].startswith("Beasiswa kuliah tahap kedua")]
    assert new and new[0]["document"]["name"] == "pidato-hari-jadi.txt" and new[0]["evidence_date"] == "2025-10-15"
    assert {s["id"] for s in before} <= {s["id"] for s in after}  # the earlier ones are kept as they were


def test_only_the_regions_editors_decide(wono):
    from janji.track.service import PUBLIC, Forbidden

    t = wono["tracker"]
    sg = next(iter(_pending(wono).values()))[0]
    for who in (wono["actors"]["editor_other"], wono["actors"]["reviewer"], PUBLIC):
        with pytest.raises(Forbidden):
            t.accept_suggestion(who, sg["id"])
        with pytest.raises(Forbidden):
            t.suggestions(who, wono["region"])
    assert t.accept_suggestion(wono["actors"]["admin"], sg["id"])["state"] == "accepted"


def test_api_needs_an_editor_token(wono):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from janji.web import create_app

    t = wono["tracker"]
    c = TestClient(create_app(wono["store"]))
    url = f"/api/v1/track/regions/{wono['region']}/suggestions"
    assert c.get(url).status_code == 401
    other = t.create_token(wono["actors"]["editor_other"], "skrip")["token"]
    assert c.get(url, headers={"Authorization": f"Bearer {other}"}).status_code == 403
    token = t.create_token(wono["actors"]["editor"], "skrip")["token"]
    data = c.get(url, headers={"Authorization": f"Bearer {token}"}).json()
    sg = data["promises"][0]["suggestions"][0]
    assert c.post(f"/api/v1/suggestions/{sg['id']}/accept").status_code == 401
    r = c.post(f"/api/v1/suggestions/{sg['id']}/accept", headers={"Authorization": f"Bearer {token}"},
               json={"note": "dari API"})
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    assert c.post(f"/api/v1/suggestions/{sg['id']}/reject", headers={"Authorization": f"Bearer {token}"}).status_code == 409
    assert c.post("/api/v1/suggestions/999999/reject", headers={"Authorization": f"Bearer {token}"}).status_code == 404
    history = c.get(f"/api/v1/items/{sg['item']['id']}/history").json()["history"]
    assert history[0]["origin"] == "suggestion" and history[0]["evidence_document"]["id"] == sg["document"]["id"]
