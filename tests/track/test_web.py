"""Pages and API of tracking: the permission matrix, CSRF, cookie flags, evidence links and files."""
from __future__ import annotations

import pytest

import portal_client
from portal_client import CSRF_RE, PASSWORD

EV = {"evidence_url": "https://jdih.example.go.id/perda", "evidence_date": "2026-03-01"}


def client(world):
    return portal_client.client(world["store"])


def csrf(c, path="/masuk") -> str:
    r = c.get(path)
    m = CSRF_RE.search(r.text)
    assert m, f"no CSRF token on {path}"
    return m.group(1)


def login(c, username):
    token = csrf(c, "/masuk")
    r = c.post("/masuk", data={"username": username, "password": PASSWORD, "csrf": token, "next": "/pantau"})
    assert r.status_code == 303, r.text[:300]
    return c


@pytest.fixture
def clients(sworld):
    out = {"anonymous": client(sworld)}
    for role, username in (("admin", "admin"), ("editor", "editor"), ("editor_other", "editor2"),
                           ("reviewer", "reviewer")):
        out[role] = login(client(sworld), username)
    return out


def test_session_cookie_flags(sworld):
    c = client(sworld)
    token = csrf(c, "/masuk")
    assert "httponly" in c.get("/masuk").headers.get("set-cookie", "httponly").lower()
    r = c.post("/masuk", data={"username": "editor", "password": PASSWORD, "csrf": token})
    cookies = r.headers.get_list("set-cookie")
    session = next(h for h in cookies if h.startswith("janji_sesi="))
    flags = {p.strip().lower() for p in session.split(";")}
    assert "httponly" in flags and "samesite=lax" in flags and "secure" in flags
    csrf_cookie = next(h for h in cookies if h.startswith("janji_csrf="))
    assert "httponly" in csrf_cookie.lower() and "samesite=lax" in csrf_cookie.lower()


def test_wrong_password_and_login_throttle(sworld):
    c = client(sworld)
    for _ in range(5):
        r = c.post("/masuk", data={"username": "editor", "password": "salah", "csrf": csrf(c, "/masuk")})
        assert r.status_code == 403 and "salah" in r.text
    r = c.post("/masuk", data={"username": "editor", "password": PASSWORD, "csrf": csrf(c, "/masuk")})
    assert r.status_code == 429 and "terlalu banyak" in r.text


def test_form_without_csrf_token_is_refused(clients, sworld):
    c = clients["editor"]
    r = c.post(f"/pantau/butir/{sworld['road']}/status", data={"status": "ditepati", "expected_version": "0", **EV})
    assert r.status_code == 403 and "CSRF" in r.text
    r = c.post(f"/pantau/butir/{sworld['road']}/status",
               data={"status": "ditepati", "expected_version": "0", "csrf": "x" * 64, **EV})
    assert r.status_code == 403
    anon = clients["anonymous"]
    r = anon.post(f"/pantau/butir/{sworld['road']}/usul", data={"proposer": "Warga", **EV})
    assert r.status_code == 403
    assert sworld["tracker"].history(sworld["road"]) == [] and sworld["tracker"].queue(
        sworld["actors"]["admin"])["proposals"] == []
    # the token of one browser is no good in another
    other = clients["editor_other"]
    token = csrf(other)
    r = c.post(f"/pantau/butir/{sworld['road']}/status",
               data={"status": "ditepati", "expected_version": "0", "csrf": token, **EV})
    assert r.status_code == 403


def _forms(w):
    """Every write form: (name, path, data builder, roles allowed)."""
    road, clinic = w["road"], w["clinic"]

    def pending(kind):
        def make():
            t = w["tracker"]
            t.set_needs_review(w["actors"]["admin"], w["bandung"], True)
            if kind == "update":
                e = t.update_status(w["actors"]["editor"], road, "ditepati",
                                    expected_version=t.state(road)["version"], **EV)
                return f"/pantau/tinjau/perubahan/{e['id']}", {"action": "setujui"}
            p = t.propose(road, proposer="Warga", **EV)
            return f"/pantau/tinjau/usulan/{p['id']}", {"action": "setujui"}
        return make

    def milestone():
        ms = w["tracker"].add_milestone(w["actors"]["admin"], road, "lelang")
        return f"/pantau/tahapan/{ms['id']}/capai", {"reached_on": "2026-02-01", "evidence_url": EV["evidence_url"]}

    return [
        ("status own region", lambda: (f"/pantau/butir/{road}/status",
                                       {"status": "dalam proses", "expected_version": "0", **EV}),
         {"admin", "editor"}),
        ("status other region", lambda: (f"/pantau/butir/{clinic}/status",
                                         {"status": "dalam proses", "expected_version": "0", **EV}),
         {"admin", "editor_other"}),
        ("milestone add", lambda: (f"/pantau/butir/{road}/tahapan", {"name": "anggaran disetujui"}),
         {"admin", "editor"}),
        ("milestone reach", milestone, {"admin", "editor"}),
        ("approve update", pending("update"), {"admin", "reviewer"}),
        ("approve proposal", pending("proposal"), {"admin", "reviewer"}),
        ("proposal", lambda: (f"/pantau/butir/{road}/usul", {"proposer": "Warga", **EV}),
         {"admin", "editor", "editor_other", "reviewer", "anonymous"}),
        ("import", lambda: ("/pantau/impor", {}), {"admin", "editor", "editor_other"}),
        ("token", lambda: ("/akun/token", {"name": "skrip"}), {"admin", "editor", "editor_other"}),
        ("user add", lambda: ("/admin/pengguna", {"username": "baru", "password": PASSWORD, "role": "editor"}),
         {"admin"}),
        ("user modify", lambda: (f"/admin/pengguna/{w['users']['editor_other']['id']}",
                                 {"role": "editor", "regions": str(w["bogor"])}), {"admin"}),
        ("region review", lambda: (f"/admin/wilayah/{w['bandung']}/tinjauan", {"needs_review": "true"}), {"admin"}),
    ]


ROLES = ["admin", "editor", "editor_other", "reviewer", "anonymous"]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_forms(sworld, role):
    """Each write form, for each role: allowed exactly where the rules say; else 403 (or login for the public)."""
    from janji.web.track_pages import _file  # noqa: F401  (the module must import)

    failures = []
    c = client(sworld) if role == "anonymous" else login(client(sworld), {
        "admin": "admin", "editor": "editor", "editor_other": "editor2", "reviewer": "reviewer"}[role])
    for name, build, allowed in _forms(sworld):
        path, data = build()
        files = None
        if name == "import":
            rows = "id_butir,status,versi\n"
            files = {"file": ("kosong.csv", rows.encode(), "text/csv")}
        r = c.post(path, data={**data, "csrf": csrf(c)}, files=files)
        ok = r.status_code in (200, 303) and not (r.status_code == 303 and r.headers["location"].startswith("/masuk"))
        if role in allowed and not ok:
            failures.append(f"{name}: {role} should be allowed, got {r.status_code} {r.text[:200]}")
        if role not in allowed:
            expected = (303,) if role == "anonymous" else (403,)
            if r.status_code not in expected or (r.status_code == 303 and not r.headers["location"].startswith("/masuk")):
                failures.append(f"{name}: {role} should be refused, got {r.status_code}")
        sworld["tracker"].set_needs_review(sworld["actors"]["admin"], sworld["bandung"], False)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path, allowed", [("/pantau/tinjau", {"admin", "reviewer"}), ("/pantau/impor", {"admin", "editor", "editor_other"}),
                                           ("/admin/pengguna", {"admin"}), ("/admin/audit", {"admin"}),
                                           ("/admin/audit.csv", {"admin"}), ("/akun", set(ROLES) - {"anonymous"})])
def test_permission_matrix_pages(clients, path, allowed):
    for role in ROLES:
        r = clients[role].get(path)
        if role in allowed:
            assert r.status_code == 200, (role, path, r.status_code)
        elif role == "anonymous":
            assert r.status_code == 303 and r.headers["location"].startswith("/masuk"), (role, path)
        else:
            assert r.status_code == 403, (role, path, r.status_code)


def test_api_updates_need_a_token_of_the_right_region(sworld):
    t, a = sworld["tracker"], sworld["actors"]
    c = client(sworld)
    body = {"status": "dalam proses", "expected_version": 0, **EV}
    road, clinic = sworld["road"], sworld["clinic"]
    assert c.post(f"/api/v1/items/{road}/updates", json=body).status_code == 401
    assert c.post(f"/api/v1/items/{road}/updates", json=body,
                  headers={"authorization": "Bearer jnj_nope"}).status_code == 401
    tokens = {role: t.create_token(a[role], "uji")["token"] for role in ("admin", "editor", "editor_other", "reviewer")}
    # a logged-in session does not authorise the API (no cookie-borne writes without CSRF)
    sess = login(client(sworld), "editor")
    assert sess.post(f"/api/v1/items/{road}/updates", json=body).status_code == 401

    def post(role, item, version=0, **extra):
        return c.post(f"/api/v1/items/{item}/updates", json={**body, "expected_version": version, **extra},
                      headers={"authorization": f"Bearer {tokens[role]}"})

    assert post("reviewer", road).status_code == 403
    assert post("editor_other", road).status_code == 403
    assert post("editor", clinic).status_code == 403
    r = post("editor", road)
    assert r.status_code == 201 and r.json()["status"] == "dalam proses"
    assert post("editor_other", clinic).status_code == 201
    assert post("admin", clinic, version=1).status_code == 201
    r = post("editor", road)  # stale version
    assert r.status_code == 409 and "diubah orang lain" in r.json()["detail"] and r.json()["current"]["version"] == 1
    r = post("editor", road, version=1, evidence_url="javascript:alert(1)")
    assert r.status_code == 422 and "http" in r.json()["detail"]
    r = c.get(f"/api/v1/items/{road}/history")
    assert [e["status"] for e in r.json()["history"]] == ["dalam proses"]
    assert c.get(f"/api/v1/items/{road}/tracking").json()["state"]["version"] == 1


def test_evidence_links_only_for_http_and_files_never_rendered(sworld, clients):
    from sqlalchemy import update

    from janji.track import models as tm

    t, a, road = sworld["tracker"], sworld["actors"], sworld["road"]
    html = b"<html><script>alert(1)</script></html>"
    t.update_status(a["editor"], road, "dalam proses", evidence_file=("bukti.html", html),
                    evidence_date="2026-03-01", expected_version=0)
    e = t.update_status(a["editor"], road, "sebagian", expected_version=1, **EV)
    # a javascript: URL that got into the database some other way (older import, direct SQL) is still data only
    with sworld["store"].engine.begin() as conn:
        conn.execute(update(tm.Update).where(tm.Update.id == e["id"]).values(evidence_url="javascript:alert(1)"))
    page = clients["anonymous"].get(f"/pantau/butir/{road}").text
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page
    file_id = t.history(road)[1]["evidence_file"]["id"]
    r = clients["anonymous"].get(f"/pantau/berkas/{file_id}")
    assert r.status_code == 200 and r.content == html
    assert r.headers["content-type"].startswith("application/octet-stream")
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.headers["x-content-type-options"] == "nosniff"
    pdf = b"%PDF-1.4\n%fake\n"
    t.update_status(a["editor"], road, "sebagian", evidence_file=("lap.pdf", pdf), evidence_date="2026-03-02",
                    expected_version=2)
    pid = t.history(road)[0]["evidence_file"]["id"]
    r = clients["anonymous"].get(f"/pantau/berkas/{pid}")
    assert r.headers["content-type"] == "application/pdf" and r.headers["content-disposition"].startswith("attachment")


def test_pending_evidence_file_is_not_public(sworld, clients):
    t, a = sworld["tracker"], sworld["actors"]
    p = t.propose(sworld["road"], proposer="Warga", evidence_file=("foto.png", b"\x89PNG\r\n\x1a\nxx"),
                  evidence_date="2026-03-01")
    assert clients["anonymous"].get(f"/pantau/berkas/{p['evidence_file']['id']}").status_code == 404
    assert clients["reviewer"].get(f"/pantau/berkas/{p['evidence_file']['id']}").status_code == 200


def test_public_pages_show_status_definitions_and_feed(sworld, clients):
    t, a = sworld["tracker"], sworld["actors"]
    t.update_status(a["editor"], sworld["road"], "ditepati", expected_version=0, note="Jalan <b>diresmikan</b>", **EV)
    anon = clients["anonymous"]
    from janji.track.statuses import DEFINITIONS

    card = anon.get(f"/pantau/wilayah/{sworld['bandung']}")
    pair_id = t.scorecard(sworld["bandung"])["pairs"][0]["id"]
    for r in (card, anon.get(f"/pantau/pasangan/{pair_id}"), anon.get(f"/pantau/butir/{sworld['road']}"),
              anon.get("/pantau")):
        assert r.status_code == 200
        assert DEFINITIONS["sebagian"] in r.text  # every page that shows a status explains the scale
    item = anon.get(f"/pantau/butir/{sworld['road']}").text
    assert "Jalan &lt;b&gt;diresmikan&lt;/b&gt;" in item and "<b>diresmikan" not in item
    filtered = anon.get(f"/pantau/pasangan/{pair_id}?status=ditepati").text
    assert "Pembangunan jalan desa" in filtered and "Beasiswa kuliah" not in filtered
    feed = anon.get(f"/pantau/wilayah/{sworld['bandung']}/feed.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    import xml.etree.ElementTree as ET

    root = ET.fromstring(feed.content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1 and "Ditepati" in entries[0].find("{http://www.w3.org/2005/Atom}title").text
    csv_ = anon.get(f"/pantau/wilayah/{sworld['bandung']}/unduh?format=csv")
    assert csv_.status_code == 200 and "id_butir,wilayah" in csv_.text and "ditepati" in csv_.text
    xlsx = anon.get(f"/api/v1/track/regions/{sworld['bandung']}/export?format=xlsx")
    assert xlsx.content[:2] == b"PK"


def test_public_promise_page_is_shared_but_each_visitor_gets_own_token_and_fresh_state(sworld):
    t, a, road = sworld["tracker"], sworld["actors"], sworld["road"]
    first, second = client(sworld), client(sworld)
    page_1, page_2 = first.get(f"/pantau/butir/{road}").text, second.get(f"/pantau/butir/{road}").text
    token_1, token_2 = CSRF_RE.search(page_1).group(1), CSRF_RE.search(page_2).group(1)
    assert token_1 != token_2  # the page is rendered once, the token is each visitor's own
    assert CSRF_RE.sub("", page_1) == CSRF_RE.sub("", page_2)
    assert "csrf-" not in page_1.replace(token_1, "")  # no placeholder left behind
    t.update_status(a["editor"], road, "ditepati", expected_version=0, note="Jalan baru diresmikan", **EV)
    after = first.get(f"/pantau/butir/{road}").text
    assert "Jalan baru diresmikan" in after  # a write is seen at once, not the page kept from before
    r = first.post(f"/pantau/butir/{road}/usul",
                   data={"proposer": "Warga", "csrf": CSRF_RE.search(after).group(1), **EV})
    assert r.status_code == 303 and "ok=usulan" in r.headers["location"]  # the token works in its form
    assert second.post(f"/pantau/butir/{road}/usul",
                       data={"proposer": "Warga", "csrf": token_1, **EV}).status_code == 403


def test_import_page_round_trip(sworld, clients):
    ed = clients["editor"]
    exported = ed.get(f"/pantau/wilayah/{sworld['bandung']}/unduh?format=xlsx").content
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(exported))
    ws = wb.active
    header = [c.value for c in ws[1]]
    road_row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == sworld["road"])
    road_row[header.index("status")].value = "dalam proses"
    road_row[header.index("url_bukti")].value = EV["evidence_url"]
    road_row[header.index("tanggal_bukti")].value = "2026-03-01"
    bad_row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == sworld["water"])
    bad_row[header.index("status")].value = "hampir selesai"
    buf = io.BytesIO()
    wb.save(buf)
    upload = {"file": ("pantau.xlsx", buf.getvalue(), "application/octet-stream")}
    r = ed.post("/pantau/impor", data={"csrf": csrf(ed, "/pantau/impor")}, files=upload)
    assert r.status_code == 422 and "status tidak dikenal" in r.text and "tidak ada yang diterapkan" in r.text
    assert sworld["tracker"].state(sworld["road"])["version"] == 0
    r = ed.post("/pantau/impor", data={"csrf": csrf(ed, "/pantau/impor"), "force": "true"}, files=upload)
    assert r.status_code == 200 and sworld["tracker"].state(sworld["road"])["status"] == "dalam proses"


def test_conflicting_form_save_keeps_the_input(sworld, clients):
    t, a = sworld["tracker"], sworld["actors"]
    ed = clients["editor"]
    token = csrf(ed, f"/pantau/butir/{sworld['road']}")
    t.update_status(a["admin"], sworld["road"], "terhenti", expected_version=0, **EV)  # meanwhile
    r = ed.post(f"/pantau/butir/{sworld['road']}/status",
                data={"csrf": token, "status": "ditepati", "expected_version": "0", "note": "catatan saya", **EV})
    assert r.status_code == 409 and "diubah orang lain" in r.text and "catatan saya" in r.text
    assert [e["status"] for e in t.history(sworld["road"])] == ["terhenti"]


def test_disabled_account_session_ends(sworld, clients):
    ed = clients["editor"]
    assert ed.get("/akun").status_code == 200
    sworld["tracker"].modify_user("editor", disabled=True, actor=sworld["actors"]["admin"])
    assert ed.get("/akun").status_code == 303


def test_api_updates_take_what_their_schema_allows(sworld):
    """Bodies the OpenAPI schema allows are not refused as invalid: English status names, a progress value
    without a measuring date (the evidence's), extreme but allowed numbers; a vision is no tracked promise
    (404, as its tracking page), a promise without a numeric target cannot take a bare value (409)."""
    t, a = sworld["tracker"], sworld["actors"]
    c = client(sworld)
    auth = {"authorization": f"Bearer {t.create_token(a['admin'], 'uji')['token']}"}

    def post(item, **body):
        version = t.state(item)["version"]
        return c.post(f"/api/v1/items/{item}/updates", json={"expected_version": version, **EV, **body},
                      headers=auth)

    r = post(sworld["road"], status="in progress", progress_value=40)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "dalam proses" and r.json()["measured_on"] == EV["evidence_date"]
    r = post(sworld["road"], status="kept", progress_value=1e15, progress_target=1e-300)
    assert r.status_code == 201, r.text
    card = c.get(f"/api/v1/track/regions/{sworld['bandung']}")
    assert card.status_code == 200 and card.json()["progress"]["average_percent"] is not None
    assert c.get(f"/api/v1/items/{sworld['road']}/tracking").status_code == 200
    assert post(sworld["vision"], status="ditepati").status_code == 404
    r = post(sworld["water"], status="dalam proses", progress_value=3)
    assert r.status_code == 409 and "target" in r.json()["detail"]
    r = post(sworld["road"], status="Ditepati ")  # not one of the schema's names
    assert r.status_code == 422
    r = post(sworld["road"], status="ditepati", evidence_date="2026-02-30")
    assert r.status_code == 422 and "tanggal bukti" in r.json()["detail"]


def test_api_tracking_json_is_what_fastapis_encoder_makes(sworld):
    """The tracking JSON kept per version is written by the json module (FastAPI's encoder only for what it
    cannot write): byte for byte what JSONResponse(jsonable_encoder(...)) gives, dates and decimals included."""
    from datetime import date, datetime
    from decimal import Decimal

    from fastapi.encoders import jsonable_encoder
    from fastapi.responses import JSONResponse

    from janji.web.track_api import _json_bytes

    t, road = sworld["tracker"], sworld["road"]
    t.update_status(sworld["actors"]["editor"], road, "dalam proses", evidence_url="https://jdih.example.go.id/a",
                    evidence_date="2026-03-01", note="Tahap satu «selesai» </script>", progress_value=12.5,
                    progress_target=100, progress_unit="km", measured_on="2026-03-01", expected_version=0)
    samples = [t.item_tracking(road), t.history(road),
               {"t": datetime(2026, 1, 2, 3, 4, 5, 6), "d": date(2026, 1, 2), "x": Decimal("1.50"), "n": Decimal("10"),
                "s": {3}, "u": (1, "é\u2028"), 7: None}]
    for value in samples:
        assert _json_bytes(value) == JSONResponse(jsonable_encoder(value)).body


def test_a_public_pair_page_shows_a_write_at_once(sworld, clients):
    """The public's pair page and its JSON are rendered once per version of the pair, and a write shows at
    the very next read; a signed-in editor's page is their own."""
    t, a = sworld["tracker"], sworld["actors"]
    anon = clients["anonymous"]
    pair_id = t.scorecard(sworld["bandung"])["pairs"][0]["id"]
    assert "Pembangunan jalan desa" not in anon.get(f"/pantau/pasangan/{pair_id}?status=ditepati").text
    api = anon.get(f"/api/v1/track/candidates/{pair_id}?status=ditepati").json()
    assert api["items"] == [] and api["status"] == "ditepati"
    t.update_status(a["editor"], sworld["road"], "ditepati", expected_version=0, **EV)
    page = anon.get(f"/pantau/pasangan/{pair_id}?status=ditepati")
    assert page.status_code == 200 and "Pembangunan jalan desa" in page.text
    api = anon.get(f"/api/v1/track/candidates/{pair_id}?status=ditepati").json()
    assert [i["id"] for i in api["items"]] == [sworld["road"]]
    assert anon.get(f"/api/v1/track/candidates/{pair_id}").json()["counts"]["ditepati"] == 1
    from janji.web.track_pages import CSRF_SLOT

    assert CSRF_SLOT not in page.text  # the kept page gets each visitor's token
    assert "Pembangunan jalan desa" in clients["editor"].get(f"/pantau/pasangan/{pair_id}?status=ditepati").text
    assert anon.get("/pantau/pasangan/999999").status_code == 404
    assert anon.get("/api/v1/track/candidates/999999").status_code == 404
