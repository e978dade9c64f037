"""The portal's holes found by probing (issue 12): a cross-site upload into a writable demo portal, caching
and HSTS headers, cookies that a browser drops over plain http, and what a trusted proxy may say."""
from __future__ import annotations

import re
import warnings

import pytest

from janji.track import service as _service

_service.HASH_PARAMS.update(time_cost=1, memory_cost=1024, parallelism=1)  # logins in tests: cheap hashes
PASSWORD = "kata-sandi-uji-123"
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')
PROXY = "10.1.2.3"


@pytest.fixture
def store(tmp_path):
    from janji.store import open_store
    from janji.track import Tracker

    s = open_store(f"sqlite:///{tmp_path / 'janji.db'}")
    Tracker(s).add_user("admin", PASSWORD, role="admin")
    yield s
    s.close()


def client(store, base_url="http://testserver", writable=False, proxies=None, address="testclient"):
    from janji.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        return TestClient(create_app(store, writable=writable, trusted_proxies=proxies or []), base_url=base_url,
                          follow_redirects=False, client=(address, 50000))


def token(c, path) -> str:
    m = CSRF_RE.search(c.get(path).text)
    assert m, f"no CSRF token on {path}"
    return m.group(1)


def login(c, username="admin"):
    return c.post("/masuk", data={"username": username, "password": PASSWORD, "csrf": token(c, "/masuk"),
                                  "next": "/akun"})


def cookie_flags(response, name: str) -> set[str]:
    header = next(h for h in response.headers.get_list("set-cookie") if h.startswith(name + "="))
    return {p.strip().lower() for p in header.split(";")[1:]}


# --- 6. a cross-site upload into a writable portal ------------------------------------------------------------

TEXT = "Visi: Desa yang mandiri.\nMisi:\n1. Membangun 12 embung desa.\n"


def test_writable_portal_refuses_an_upload_without_the_form_token(store):
    c = client(store, writable=True)
    before = store.stats()["documents"]
    # what a page on another site can make a visitor's browser send: the form, no token
    r = c.post("/unggah", data={"text": TEXT, "name": "lintas.txt", "save": "true"})
    assert r.status_code == 403 and "Cookie sesi tidak diterima" in r.text
    token(c, "/unggah")  # the browser has been here before: its cookie exists, but the forged form has no token
    r = c.post("/unggah", data={"text": TEXT, "name": "lintas.txt", "save": "true"})
    assert r.status_code == 403 and "Formulir kedaluwarsa atau tidak sah" in r.text
    assert "Desa yang mandiri" in r.text  # what was typed is kept in the form
    r = c.post("/unggah", data={"text": TEXT, "name": "lintas.txt", "save": "true", "csrf": "x" * 64})
    assert r.status_code == 403
    assert store.stats()["documents"] == before
    # the portal's own form works
    r = c.post("/unggah", data={"text": TEXT, "name": "sendiri.txt", "save": "true", "csrf": token(c, "/unggah")})
    assert r.status_code == 303 and r.headers["location"].startswith("/dokumen/")
    assert store.stats()["documents"] == before + 1


def test_the_api_refuses_a_cross_site_browser_upload(store):
    c = client(store, writable=True)
    before = store.stats()["documents"]
    for headers in ({"sec-fetch-site": "cross-site"}, {"origin": "https://jahat.example"},
                    {"sec-fetch-site": "same-site", "origin": "https://sub.testserver"}):
        r = c.post("/api/v1/documents", data={"text": TEXT, "save": "true"}, headers=headers)
        assert r.status_code == 403 and "lintas situs" in r.json()["detail"], headers
    assert store.stats()["documents"] == before
    # scripts (no browser headers) and the portal's own pages still may
    r = c.post("/api/v1/documents", data={"text": TEXT, "save": "true", "name": "skrip.txt"})
    assert r.status_code == 201
    r = c.post("/api/v1/documents", data={"text": TEXT + "2", "save": "true", "name": "sama.txt"},
               headers={"sec-fetch-site": "same-origin", "origin": "http://testserver"})
    assert r.status_code == 201


# --- 7. Cache-Control and HSTS ----------------------------------------------------------------------------------

PRIVATE = ["/masuk", "/pantau", "/unggah", "/admin/pengguna", "/admin/audit", "/akun"]


def test_account_admin_and_tracking_pages_are_never_stored(store):
    anonymous = client(store)
    for path in PRIVATE:
        assert anonymous.get(path).headers.get("cache-control") == "no-store", path
    assert "no-store" not in anonymous.get("/").headers.get("cache-control", "")  # public pages may be cached
    admin = client(store)
    assert login(admin).status_code == 303
    for path in [*PRIVATE, "/", "/cari", "/admin/audit.csv"]:  # a signed-in visitor: every page
        r = admin.get(path)
        assert r.status_code == 200 and r.headers.get("cache-control") == "no-store", (path, r.status_code)
    # an API call with a token too
    r = anonymous.get("/api/v1/stats", headers={"authorization": "Bearer jnj_x"})
    assert r.headers.get("cache-control") == "no-store"


def test_hsts_only_over_https(store):
    assert "strict-transport-security" not in client(store).get("/").headers
    r = client(store, base_url="https://janji.example").get("/")
    assert r.headers["strict-transport-security"].startswith("max-age=") and \
        int(r.headers["strict-transport-security"].split("=")[1].split(";")[0]) >= 15552000


def test_forwarded_proto_only_from_a_trusted_proxy(store):
    headers = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9"}
    # anyone can send the header: without a configured proxy it means nothing
    r = client(store, address="198.51.100.7").get("/", headers=headers)
    assert "strict-transport-security" not in r.headers
    r = client(store, proxies=[PROXY], address="198.51.100.7").get("/", headers=headers)
    assert "strict-transport-security" not in r.headers
    # from the configured proxy it is the visitor's scheme
    c = client(store, proxies=[PROXY], address=PROXY, base_url="http://janji.example")
    r = c.get("/masuk", headers=headers)
    assert "strict-transport-security" in r.headers and "secure" in cookie_flags(r, "janji_csrf")


def test_a_trusted_proxy_gives_the_visitors_address(store):
    from janji.track import Tracker

    c = client(store, proxies=["10.0.0.0/8"], address=PROXY, base_url="https://janji.example")
    # a forged first hop is the visitor's business; the proxy's own hops are skipped from the right
    headers = {"x-forwarded-proto": "https", "x-forwarded-for": "1.1.1.1, 203.0.113.9, 10.9.9.9"}
    r = c.post("/masuk", data={"username": "admin", "password": PASSWORD, "csrf": token(c, "/masuk")},
               headers=headers)
    assert r.status_code == 303
    t = Tracker(store)
    logins = [a for a in t.audit_rows(t.actor(1)) if a["action"] == "login"]
    assert logins and logins[-1]["ip"] == "203.0.113.9", logins[-1:]
    # from anyone else the header is only a claim: the address stays the connection's
    c = client(store, proxies=["10.0.0.0/8"], address="198.51.100.7", base_url="https://janji.example")
    assert c.post("/masuk", data={"username": "admin", "password": PASSWORD, "csrf": token(c, "/masuk")},
                  headers=headers).status_code == 303
    logins = [a for a in t.audit_rows(t.actor(1)) if a["action"] == "login"]
    assert logins[-1]["ip"] == "198.51.100.7"


def test_one_proxy_setting_for_the_scheme_the_address_and_login_throttling(store, monkeypatch):
    """--trusted-proxy (create_app(trusted_proxies=...)) and JANJI_TRUSTED_PROXIES are one setting: the
    one the scheme (Secure cookies, HSTS) and the address that login throttling counts are read from."""
    monkeypatch.setenv("JANJI_TRUSTED_PROXIES", "192.0.2.1")  # the option wins over the variable, for everything
    c = client(store, proxies=[PROXY], address=PROXY, base_url="https://janji.example")
    settings = c.app.state.tracker.settings
    assert settings.trusts(PROXY) and not settings.trusts("192.0.2.1")
    attacker = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7"}
    codes = [c.post("/masuk", data={"username": "admin", "password": "salah-salah",
                                    "csrf": token(c, "/masuk")}, headers=attacker).status_code for _ in range(6)]
    assert codes[:5] == [403] * 5 and codes[5] == 429, codes
    # the administrator behind the same proxy is another address: not slowed
    admin = client(store, proxies=[PROXY], address=PROXY, base_url="https://janji.example")
    r = admin.post("/masuk", data={"username": "admin", "password": PASSWORD, "csrf": token(admin, "/masuk")},
                   headers={"x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.2"})
    assert r.status_code == 303 and "secure" in cookie_flags(r, "janji_sesi")
    # the variable alone (no option) is the same setting
    from janji.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    env_app = create_app(store)
    assert env_app.state.tracker.settings.trusts("192.0.2.1")
    r = TestClient(env_app, base_url="http://janji.example", client=("192.0.2.1", 1)).get(
        "/masuk", headers={"x-forwarded-proto": "https"})
    assert "strict-transport-security" in r.headers and "secure" in cookie_flags(r, "janji_csrf")


# --- the first hour: `janji serve --host 0.0.0.0` over plain http ----------------------------------------------

def test_login_over_plain_http_on_a_lan_address_works(store):
    c = client(store, base_url="http://192.168.1.20:8000")  # the server's address, as a colleague types it
    r = login(c)
    assert r.status_code == 303, r.text[:300]
    for name in ("janji_sesi", "janji_csrf"):
        assert "secure" not in cookie_flags(r, name)  # a Secure cookie would be dropped over http
    assert c.get("/akun").status_code == 200


def test_over_https_the_cookies_are_secure(store):
    c = client(store, base_url="https://janji.example")
    r = login(c)
    assert r.status_code == 303
    assert {"secure", "httponly", "samesite=lax"} <= cookie_flags(r, "janji_sesi")
    assert "secure" in cookie_flags(r, "janji_csrf")
    assert c.get("/akun").status_code == 200


def test_a_missing_cookie_is_said_so(store):
    c = client(store, base_url="http://192.168.1.20:8000")
    form = token(c, "/masuk")
    c.cookies.clear()  # what a browser that refused the cookie sends back
    r = c.post("/masuk", data={"username": "admin", "password": PASSWORD, "csrf": form})
    assert r.status_code == 403 and "Cookie sesi tidak diterima browser" in r.text
    assert "kedaluwarsa" not in r.text
