"""DirectReads (janji.web.direct) answers `/api/v1/search` with words and paging only, on a worker thread: the same
bytes — status, every header, the body — as the route, every security layer still applied, and anything else
(a filter, an empty or a too long ``q``, a number the route refuses or reads otherwise) left to the route."""
from __future__ import annotations

from janji.web import api

from direct_layer import get, layer, same  # noqa: F401 (layer: the fixture)

ANSWERED = ["/api/v1/search?q=jalan", "/api/v1/search?q=air+bersih", "/api/v1/search?q=Pembangunan%20jalan%20desa",
            "/api/v1/search?q=jalan&per_page=1", "/api/v1/search?q=jalan&per_page=1&page=2",
            "/api/v1/search?page=3&per_page=7&q=pembangunan", "/api/v1/search?q=puskesmas&per_page=200",
            "/api/v1/search?q=tidakadasamasekali", "/api/v1/search?q=dan",  # no match; only a function word
            "/api/v1/search?q=%E2%80%9Cjalan%E2%80%9D", "/api/v1/search?q=+jalan++desa+",  # quotes, spaces
            "/api/v1/search?q=" + "a" * 200,  # the longest q the route takes
            "/api/v1/search?q=jalan&page=10&per_page=100"]  # as deep as the layer goes (1,000)


def test_searches_are_the_routes_byte_for_byte(client, layer):
    for path in ANSWERED:
        full, way = get(client, layer, path, False)
        assert way == "passed" and full.status_code == 200, path
        kept, way = get(client, layer, path, True)
        assert way == "answered", path
        same(full, kept)
        assert kept.headers["content-security-policy"] and kept.headers["x-content-type-options"] == "nosniff"
        full_head, _ = get(client, layer, path, False, method="HEAD")
        kept_head, way = get(client, layer, path, True, method="HEAD")
        assert way == "answered" and kept_head.content == b""
        same(full_head, kept_head)
    # the API reads no cookie or token here; the security layer's no-store follows them either way
    for headers in ({"Authorization": "Bearer jnj_bukan-token"}, {"Cookie": "janji_sesi=apa-saja"}):
        full, _ = get(client, layer, ANSWERED[1], False, headers=headers)
        kept, way = get(client, layer, ANSWERED[1], True, headers=headers)
        assert way == "answered"
        same(full, kept)
        assert kept.headers["cache-control"] == "no-store"


def test_pages_follow_each_other(client, layer):
    both, _ = get(client, layer, "/api/v1/search?q=pembangunan&per_page=2", True)
    data = both.json()
    assert data["total"] >= 2 and data["per_page"] == 2 and data["page"] == 1
    for page in (1, 2):
        one, way = get(client, layer, f"/api/v1/search?q=pembangunan&per_page=1&page={page}", True)
        assert way == "answered"
        assert one.json()["items"] == data["items"][page - 1:page]
        assert one.json()["pages"] == data["total"]
    past, way = get(client, layer, "/api/v1/search?q=pembangunan&page=99&per_page=10", True)
    assert way == "answered" and past.json()["items"] == [] and past.json()["total"] == data["total"]


def test_matches_are_marked_in_snippets(client, layer):
    r, way = get(client, layer, "/api/v1/search?q=diperbaiki+jalan", True)
    assert way == "answered"
    items = r.json()["items"]
    assert items and r.json()["stems"] == ["baik", "jalan"]
    for item in items:
        hits = [s["text"].lower() for s in item["snippet"] if s["hit"]]
        assert "jalan" in hits and "".join(s["text"] for s in item["snippet"]) == item["text"]


LEFT = [  # (path, status): everything but words and paging, each once, goes to the route
    ("/api/v1/search?q=air&region=1", 200), ("/api/v1/search?q=air&sector=1.03", 200),
    ("/api/v1/search?q=air&sdg=6", 200), ("/api/v1/search?q=jalan&kind=program", 200),
    ("/api/v1/search?q=jalan&measurable=true", 200), ("/api/v1/search?q=jalan&year=2024", 200),
    ("/api/v1/search?q=air&region=", 422), ("/api/v1/search?q=air&sector=abc", 422),
    ("/api/v1/search?q=air&unknown=1", 200), ("/api/v1/search?q=air&q=jalan", 200),  # duplicated: the route's
    ("/api/v1/search", 200), ("/api/v1/search?q=", 200), ("/api/v1/search?per_page=5", 200),  # no words: a list
    ("/api/v1/search?q=%00%01", 200), ("/api/v1/search?q=+++", 200),  # nothing left once cleaned
    ("/api/v1/search?q=" + "a" * 201, 422), ("/api/v1/search?q=" + "%C3%A9" * 201, 422),  # too long
    ("/api/v1/search?q=air&page=0", 422), ("/api/v1/search?q=air&page=10001", 422),
    ("/api/v1/search?q=air&per_page=0", 422), ("/api/v1/search?q=air&per_page=201", 422),
    ("/api/v1/search?q=air&per_page=abc", 422), ("/api/v1/search?q=air&page=-1", 422),
    ("/api/v1/search?q=air&per_page=050", 200), ("/api/v1/search?q=air&page=+2", 200),  # the route reads them
    ("/api/v1/search?q=air&page=", 422), ("/api/v1/search?q=air&page=1.0", 200),
    ("/api/v1/search?q=air&page=11&per_page=100", 200),  # deeper than the layer goes: on a thread
    ("/api/v1/search?q=air&page=1000000", 422),
]


def test_what_it_does_not_read_goes_to_the_route(client, layer):
    for path, status in LEFT:
        r, way = get(client, layer, path, True)
        assert way == "passed" and r.status_code == status, (path, r.text[:200])
        full, _ = get(client, layer, path, False)
        same(full, r)
    r, way = get(client, layer, "/api/v1/search?q=" + "a" * 201, True)
    assert r.json()["detail"] and "200" in r.json()["detail"]  # the route's message, in Indonesian
    for path in ("/api/v1/search/?q=air", "/api/v1/searchx?q=air", "/api/v1/Search?q=air"):
        r, way = get(client, layer, path, True, follow_redirects=False)
        assert way == "passed" and r.status_code in (307, 404), path
    r, way = get(client, layer, "/api/v1/search?q=air", True, method="POST")
    assert way == "passed" and r.status_code == 405


def test_a_failing_search_is_answered_by_the_app(client, layer, monkeypatch):
    path = "/api/v1/search?q=jalan"
    full, _ = get(client, layer, path, False)
    real = api.search_response
    calls = []

    def once(*args, **kw):  # the layer's call fails (a database error, say); the route's, next, does not
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("basis data sibuk")
        return real(*args, **kw)

    monkeypatch.setattr(api, "search_response", once)
    r, way = get(client, layer, path, True)
    assert way == "refused" and len(calls) == 2
    same(full, r)
