"""DirectReads (janji.web.direct) sends the public tracking reads straight to their endpoints: the same bytes
— status, every header and cookie, the body with the visitor's CSRF token — as through the routes, and never
an answer older than the database."""
from __future__ import annotations

from janji.store import open_store
from janji.track import Tracker

from direct_layer import get, layer, same  # noqa: F401 (layer: the fixture)
from portal_client import CSRF_RE, PASSWORD, client

EV = {"evidence_url": "https://jdih.example.go.id/perda-9-2026", "evidence_date": "2026-03-01"}


def login(c):
    r = c.get("/masuk")
    token = CSRF_RE.search(r.text).group(1)
    r = c.post("/masuk", data={"username": "editor", "password": PASSWORD, "csrf": token, "next": "/pantau"})
    assert r.status_code == 303
    return c


def paths(world):
    t = world["tracker"]
    pair = t.scorecard(world["bandung"])["pairs"][0]["id"]
    item = world["road"]
    return {"pages": [f"/pantau/butir/{item}", f"/pantau/pasangan/{pair}", f"/pantau/pasangan/{pair}?status=ditepati",
                      f"/pantau/pasangan/{pair}?status=dalam+proses"],
            "json": [f"/api/v1/items/{item}/tracking", f"/api/v1/items/{item}/history",
                     f"/api/v1/track/candidates/{pair}", f"/api/v1/track/candidates/{pair}?status=dalam%20proses"]}


def test_kept_answers_are_the_routes_byte_for_byte(world, layer):
    t, road = world["tracker"], world["road"]
    t.update_status(world["actors"]["editor"], road, "dalam proses", expected_version=0, note="tahap pertama", **EV)
    c = client(world["store"])
    every = paths(world)
    # a visitor with the CSRF cookie from an earlier page: the same token in the form on both ways
    c.cookies.set("janji_csrf", "cookie-acak-pengunjung-123", domain="testserver.local")
    for path in every["pages"] + every["json"]:
        first, way = get(c, layer, path, True)
        assert first.status_code == 200 and way == "answered"  # made and kept
        full, way = get(c, layer, path, False)
        assert way == "passed"
        kept, way = get(c, layer, path, True)
        assert way == "answered", path
        same(full, kept)
        if path.startswith("/pantau/butir/"):
            assert "tahap pertama" in kept.text and 'name="csrf"' in kept.text
        full_head, _ = get(c, layer, path, False, method="HEAD")
        kept_head, way = get(c, layer, path, True, method="HEAD")
        assert way == "answered" and kept_head.content == b""
        same(full_head, kept_head)
    # an API token changes nothing in the JSON; its headers (no-store) are the security layer's, as before
    for path in every["json"]:
        head = {"Authorization": "Bearer jnj_bukan-token"}
        full, _ = get(c, layer, path, False, headers=head)
        kept, way = get(c, layer, path, True, headers=head)
        assert way == "answered"
        same(full, kept)
        assert kept.headers["cache-control"] == "no-store"


def test_a_first_visitor_gets_a_csrf_cookie_and_its_token_either_way(sworld, layer):
    from fastapi.testclient import TestClient
    from janji.web import create_app

    app = create_app(sworld["store"])
    for path in paths(sworld)["pages"]:
        TestClient(app, base_url="https://testserver").get(path)
    for path in paths(sworld)["pages"]:
        answers = []
        for on in (False, True):
            c = TestClient(app, base_url="https://testserver", follow_redirects=False)  # no cookie at all
            r, way = get(c, layer, path, on)
            assert way == ("answered" if on else "passed") and r.status_code == 200
            value = c.cookies["janji_csrf"]
            assert r.headers["set-cookie"].startswith(f"janji_csrf={value};")
            token = CSRF_RE.search(r.text)
            again, _ = get(c, layer, path, on)
            assert "set-cookie" not in again.headers
            if token:  # a page with a form: the cookie it got is the one its token is made of
                assert CSRF_RE.search(again.text).group(1) == token.group(1)
            # the same answer but for the new random cookie and its token
            answers.append((r.status_code, [(k, v.replace(value.encode(), b"COOKIE")) for k, v in r.headers.raw],
                            r.content.replace(token.group(1).encode(), b"TOKEN") if token else r.content))
        assert answers[0] == answers[1], path


def test_a_signed_in_visitor_is_left_to_the_routes(sworld, layer):
    c = login(client(sworld["store"]))
    for path in paths(sworld)["pages"]:
        full, way = get(c, layer, path, True)
        assert way == "passed" and full.status_code == 200
        assert full.headers["cache-control"] == "no-store"
    item, _ = get(c, layer, f"/pantau/butir/{sworld['road']}", True)
    assert "Perbarui status" in item.text or 'name="status"' in item.text  # the editor's form, not the public page


def test_what_it_does_not_read_goes_to_the_routes(sworld, layer):
    c = client(sworld["store"])
    road = sworld["road"]
    pair = sworld["tracker"].scorecard(sworld["bandung"])["pairs"][0]["id"]
    for path in paths(sworld)["pages"] + paths(sworld)["json"]:
        c.get(path)
    for path, status in ((f"/pantau/butir/{road}?ok=usulan", 200), (f"/pantau/pasangan/{pair}?status=bukan", 422),
                         (f"/api/v1/track/candidates/{pair}?status=", 422), (f"/pantau/butir/0{road}", 200),
                         ("/pantau/butir/0", 422), (f"/pantau/butir/{2**31}", 422)):
        r, way = get(c, layer, path, True)
        assert way == "passed" and r.status_code == status, path
    # unknown: the endpoint answers 404 itself (the API's JSON) or raises it (left to the app's error page)
    for path in ("/pantau/butir/999999", "/api/v1/items/999999/history", "/api/v1/track/candidates/999999",
                 f"/api/v1/items/{sworld['vision']}/tracking", "/pantau/pasangan/999999"):
        full, _ = get(c, layer, path, False)
        r, way = get(c, layer, path, True)
        assert r.status_code == 404 and way != "passed", path
        same(full, r)
    r, _ = get(c, layer, f"/pantau/butir/{road}?ok=usulan", True)
    assert "Usulan bukti Anda masuk antrean" in r.text


def test_a_write_by_another_worker_shows_at_the_next_read(world, db_url, layer):
    t, road = world["tracker"], world["road"]
    c = client(world["store"])
    pair = t.scorecard(world["bandung"])["pairs"][0]["id"]
    # each read with what it shows of the write below
    reads = {f"/pantau/butir/{road}": "diresmikan bupati", f"/api/v1/items/{road}/history": "diresmikan bupati",
             f"/api/v1/track/candidates/{pair}": '"ditepati":1',
             f"/pantau/pasangan/{pair}?status=ditepati": "Pembangunan jalan desa sepanjang 100 km"}
    for path in reads:
        c.get(path)
        assert get(c, layer, path, True)[1] == "answered", path
    for path, shown in reads.items():
        assert shown not in c.get(path).text, path
    store = open_store(db_url)  # another worker process: its own engine and Tracker over the same database
    try:
        other = Tracker(store)
        other.update_status(other.actor(world["users"]["editor"]["id"]), road, "ditepati", expected_version=0,
                            note="diresmikan bupati", **EV)
    finally:
        store.close()
    for path, shown in reads.items():
        r, way = get(c, layer, path, True)
        assert way == "answered" and r.status_code == 200, path
        assert shown in r.text, path  # the versions moved: built again
        full, _ = get(c, layer, path, False)
        assert full.content == r.content, path
