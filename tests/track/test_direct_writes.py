"""DirectReads' other halves (janji.web.direct): the API's tracking update answered on the layer's thread (on
PostgreSQL; here on SQLite too) with the route's answer — status, every header, the body — and exactly one write
per accepted request; and, on PostgreSQL, the stamps of many reads read in one statement, equal to each read's
own."""
from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from janji.store import open_store
from janji.track import Tracker, freshness
from janji.web import create_app, direct

from portal_client import client

EV = {"evidence_url": "https://jdih.example.go.id/perda-9-2026", "evidence_date": "2026-03-01"}
# what differs between two accepted writes of the same change: the entry's id and its times
MOVING = ("id", "item_id", "created_at", "published_at")


@pytest.fixture
def writes(monkeypatch):
    """Switches the layer's write path off and on, and tells whether it answered the last request."""
    real_key, real_record = direct._update_key, direct._record
    state = {"on": True, "answered": []}
    # on PostgreSQL by default; the same way on SQLite here, so that both stores check its answers
    monkeypatch.setattr(direct.DirectReads, "direct_writes", True)

    def record(*args):
        response = real_record(*args)
        state["answered"].append(response is not None)
        return response

    monkeypatch.setattr(direct, "_update_key", lambda scope: real_key(scope) if state["on"] else None)
    monkeypatch.setattr(direct, "_record", record)
    return state


def post(c, writes, item, on, body, **kw):
    writes["on"] = on
    writes["answered"].clear()
    kw.setdefault("headers", {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        kw["headers"].setdefault("content-type", "application/json")
    r = c.post(f"/api/v1/items/{item}/updates", content=body, **kw)
    way = {(): "passed", (True,): "answered", (False,): "refused"}[tuple(writes["answered"])]
    return r, way


def same(a, b, moving=False):
    assert a.status_code == b.status_code
    if not moving:
        assert a.headers.raw == b.headers.raw  # every header, its order and its bytes
        assert a.content == b.content
        return
    # two accepted writes: the same answer but for the entry's id and times (and so the body's length)
    assert [h for h in a.headers.raw if h[0] != b"content-length"] == \
        [h for h in b.headers.raw if h[0] != b"content-length"]
    first, second = a.json(), b.json()
    assert first.keys() == second.keys()
    assert {k: v for k, v in first.items() if k not in MOVING} == {k: v for k, v in second.items() if k not in MOVING}


def test_an_api_write_is_the_routes_answer_and_one_write(world, writes):
    t, road, water = world["tracker"], world["road"], world["water"]
    editor, other = world["actors"]["editor"], world["actors"]["editor_other"]
    token = {"Authorization": f"Bearer {t.create_token(editor, 'skrip')['token']}"}
    c = client(world["store"])
    # the same change of two promises alike (same region, unrated), one by the route, one by the layer
    answers = []
    for item, on in ((road, False), (water, True)):
        body = {"status": "dalam proses", "expected_version": 0, "note": "tahap pertama", **EV}
        r, way = post(c, writes, item, on, body, headers=dict(token))
        assert r.status_code == 201 and way == ("answered" if on else "passed")
        assert r.headers["cache-control"] == "no-store"  # the security layer's, as for the route
        answers.append(r)
    same(*answers, moving=True)
    r, way = post(c, writes, road, True, {"status": "sebagian", "expected_version": 1, **EV}, headers=dict(token))
    assert way == "answered" and r.json()["prev_status"] == "dalam proses"
    # one entry each, nothing twice
    assert [e["status"] for e in t.history(road)] == ["sebagian", "dalam proses"] and len(t.history(water)) == 1
    assert t.state(road)["version"] == 2 and t.state(water)["version"] == 1
    # refusals: the same bytes both ways, and nothing written
    cases = [
        (road, {"status": "ditepati", "expected_version": 0, **EV}, token),  # 409, the current state in the body
        (road, {"status": "ditepati", "expected_version": 2, **EV}, {}),  # 401: no token
        (road, {"status": "ditepati", "expected_version": 2, **EV}, {"Authorization": "Bearer jnj_salah"}),
        (world["clinic"], {"status": "ditepati", "expected_version": 0, **EV}, token),  # 403: another region
        (999999, {"status": "ditepati", "expected_version": 0, **EV}, token),  # 404
        (world["vision"], {"status": "ditepati", "expected_version": 0, **EV}, token),  # 404: not a promise
        (water, {"status": "ditepati", "expected_version": 1, "progress_value": 3, **EV}, token),  # 409: no target
    ]
    for item, body, head in cases:
        full, way = post(c, writes, item, False, body, headers=dict(head))
        assert way == "passed"
        mine, way = post(c, writes, item, True, body, headers=dict(head))
        assert way == "answered" and mine.status_code in (401, 403, 404, 409), (item, body)
        same(full, mine)
    assert t.state(road)["version"] == 2 and len(t.history(road)) == 2 and t.state(water)["version"] == 1
    # what the route's validation refuses, or reads otherwise, is the route's to answer: the body goes on to it
    odd = [({"status": "bukan status", "expected_version": 2, **EV}, {}), ({"status": "ditepati", **EV}, {}),
           ("{bukan json", {"content-type": "application/json"}), ("", {"content-type": "application/json"}),
           ('{"status": "ditepati"}', {"content-type": "text/plain"}), ("[1, 2]", {"content-type": "application/json"}),
           ({"status": "ditepati", "expected_version": 2, **EV, "progress_value": float("nan")}, {})]
    for body, head in odd:
        full, way = post(c, writes, road, False, body, headers={**token, **head})
        mine, way = post(c, writes, road, True, body, headers={**token, **head})
        assert way in ("refused", "passed"), body
        same(full, mine)
        assert full.status_code in (400, 422), (body, full.status_code)
    # a query, an id the route's Path() does not take: never the layer's
    r, way = post(c, writes, road, True, {"status": "ditepati", "expected_version": 2, **EV}, headers=dict(token),
                  params={"x": "1"})
    assert way == "passed" and r.status_code == 201
    r, way = post(c, writes, 2**31, True, {"status": "ditepati", "expected_version": 0, **EV}, headers=dict(token))
    assert way == "passed" and r.status_code == 422


def test_a_write_in_a_region_under_review_is_pending_either_way(sworld, writes):
    t, road = sworld["tracker"], sworld["road"]
    t.set_needs_review(sworld["actors"]["admin"], sworld["bandung"], True)
    token = {"Authorization": f"Bearer {t.create_token(sworld['actors']['editor'], 'skrip')['token']}"}
    c = client(sworld["store"])
    answers = []
    for on in (False, True):
        r, way = post(c, writes, road, on, {"status": "ditepati", "expected_version": 0, **EV}, headers=dict(token))
        assert r.status_code == 202 and r.json()["state"] == "pending"
        answers.append(r)
    same(*answers, moving=True)
    assert t.state(road)["version"] == 0  # nothing published


def test_a_body_over_the_limit_is_refused_as_by_the_route(sworld, writes, monkeypatch):
    from janji.web import track_pages

    t, road = sworld["tracker"], sworld["road"]
    token = {"Authorization": f"Bearer {t.create_token(sworld['actors']['editor'], 'skrip')['token']}"}
    app = create_app(sworld["store"])
    monkeypatch.setattr(track_pages, "body_limit", lambda app, path: (1000, "terlalu besar", "/pantau"))
    from fastapi.testclient import TestClient

    c = TestClient(app, base_url="https://testserver")
    body = {"status": "ditepati", "expected_version": 0, **EV, "note": "x" * 5000}
    answers = []
    for on in (False, True):
        # a streamed body (no content-length): refused while it is read, on the layer's way as on the route's
        writes["on"] = on
        r = c.post(f"/api/v1/items/{road}/updates", content=iter([json.dumps(body).encode()]),
                   headers={**token, "content-type": "application/json"})
        answers.append(r)
    same(*answers)
    assert answers[0].status_code in (400, 413)
    assert t.state(road)["version"] == 0


def test_many_stamps_in_one_statement_equal_each_ones(world, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("one statement for many stamps: PostgreSQL's reads (SQLite reads its own)")
    t = world["tracker"]
    items = list(world["items"].values()) + [999999]
    pairs = [p["id"] for p in t.scorecard(world["bandung"])["pairs"]] + [999999]

    def check():
        found_items, found_pairs = freshness.stamps(t.engine, items, pairs)
        assert found_items == {k: t.updates.public.stamp(k) for k in items}
        assert found_pairs == {k: t.scorecards.pairs.stamp(k) for k in pairs}
        return found_items, found_pairs

    before = check()
    t.update_status(world["actors"]["editor"], world["road"], "dalam proses", expected_version=0, **EV)
    t.set_needs_review(world["actors"]["admin"], world["bogor"], True)
    after = check()
    assert after[0][world["road"]] != before[0][world["road"]]
    assert after[0][world["water"]][1] != before[0][world["water"]][1]  # the review settings moved
    assert freshness.stamps(t.engine, [], []) == ({}, {})


def test_reads_that_come_together_share_one_stamp_query(world, db_url, monkeypatch):
    if not db_url.startswith("postgresql"):
        pytest.skip("the stamps are read together on PostgreSQL only")
    t = world["tracker"]
    t.update_status(world["actors"]["editor"], world["road"], "dalam proses", expected_version=0, **EV)
    pair = t.scorecard(world["bandung"])["pairs"][0]["id"]
    items = [world["road"], world["water"], world["clinic"]]
    paths = ([f"/pantau/butir/{i}" for i in items] + [f"/api/v1/items/{i}/tracking" for i in items]
             + [f"/api/v1/items/{i}/history" for i in items]
             + [f"/pantau/pasangan/{pair}", f"/api/v1/track/candidates/{pair}?status=dalam+proses"])
    calls = []
    real = freshness.stamps
    monkeypatch.setattr(freshness, "stamps", lambda *a: calls.append(a) or real(*a))
    # the routes' answers (the layer switched off), then the layer's, built and then kept, all on one loop
    routes = create_app(world["store"])
    app = create_app(world["store"])

    async def scenario():
        real_call = direct._call
        direct._call = lambda scope: None
        try:
            expected = await _get_all(routes, paths)
        finally:
            direct._call = real_call
        for _ in range(2):
            calls.clear()
            got = await _get_all(app, paths)
            assert got == expected
            assert 1 <= len(calls) < len(paths)  # together, not one each
        # a write through another worker's store shows at the next reads, read together
        store = open_store(db_url)
        try:
            other = Tracker(store)
            other.update_status(other.actor(world["users"]["editor"]["id"]), world["road"], "ditepati",
                                expected_version=1, note="diresmikan bupati", **EV)
        finally:
            store.close()
        got = await _get_all(app, paths)
        assert all("diresmikan bupati" in body.decode() for _, body in got[:1] + got[3:4] + got[6:7])
        direct._call = lambda scope: None
        try:
            assert got == await _get_all(routes, paths)
        finally:
            direct._call = real_call

    # a loop of its own on a thread of its own: another test of this process (a browser's) may hold this thread's
    with ThreadPoolExecutor(1) as alone:
        alone.submit(asyncio.run, scenario()).result()


async def _get_all(app, paths):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
        # one CSRF cookie for every page, so that the pages' tokens agree between runs
        c.cookies.set("janji_csrf", "cookie-acak-pengunjung-123")
        answers = await asyncio.gather(*(c.get(p) for p in paths))
    return [(r.status_code, r.content) for r in answers]
