"""Safe on the internet: sessions that end server-side, login back-off per address and account (behind a
trusted proxy too), limits and quotas on public evidence proposals, the evidence size limit, and a review
queue that survives a flood. Each test replays the probe that found the hole."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update

from janji.track import models as tm
from janji.track.service import Forbidden, Throttled, Tracker, now
from janji.track.settings import Rate, Settings, SettingError, load, parse_rate

import portal_client
from portal_client import CSRF_RE, PASSWORD

EV = {"evidence_url": "https://jdih.example.go.id/perda", "evidence_date": "2026-03-01"}


def client(world, address="10.0.0.2"):
    return portal_client.client(world["store"], client=(address, 50000))


def csrf(c, path="/masuk", headers=None) -> str:
    r = c.get(path, headers=headers)
    m = CSRF_RE.search(r.text)
    assert m, f"no CSRF token on {path}"
    return m.group(1)


def try_login(c, username, password=PASSWORD, headers=None):
    return c.post("/masuk", data={"username": username, "password": password, "csrf": csrf(c, headers=headers),
                                  "next": "/pantau"}, headers=headers)


def login(c, username, password=PASSWORD, headers=None):
    r = try_login(c, username, password, headers)
    assert r.status_code == 303, r.text[:300]
    return c


def replay(world, cookie: str, path="/admin/audit"):
    """A fresh browser that only has the copied session cookie."""
    c = client(world, "192.0.2.50")
    c.cookies.set("janji_sesi", cookie)
    return c.get(path)


# --- 2. sessions end on the server ---------------------------------------------------------------------------------

def test_a_session_cookie_replayed_after_logout_opens_nothing(sworld):
    c = login(client(sworld), "admin")
    stolen = c.cookies.get("janji_sesi")
    assert replay(sworld, stolen).status_code == 200  # the copy works while the session is open
    r = c.post("/keluar", data={"csrf": csrf(c, "/pantau")})
    assert r.status_code == 303
    r = replay(sworld, stolen)
    assert r.status_code == 303 and r.headers["location"].startswith("/masuk")


def test_changing_ones_password_ends_the_other_sessions(sworld):
    here, there = login(client(sworld), "editor"), login(client(sworld, "10.0.0.3"), "editor")
    old_copy = here.cookies.get("janji_sesi")
    new = "kata-sandi-baru-456"
    r = here.post("/akun/sandi", data={"csrf": csrf(here, "/akun"), "current": PASSWORD, "new": new,
                                       "repeat": new})
    assert r.status_code == 303 and r.headers["location"] == "/akun?ok=sandi"
    assert there.get("/akun").status_code == 303  # the other browser is logged out
    assert replay(sworld, old_copy, "/akun").status_code == 303  # so is a copy of this one's old cookie
    assert here.get("/akun").status_code == 200  # this browser goes on with a new session
    assert try_login(client(sworld, "10.0.0.4"), "editor").status_code == 403
    login(client(sworld, "10.0.0.4"), "editor", new)
    # a wrong current password changes nothing
    r = here.post("/akun/sandi", data={"csrf": csrf(here, "/akun"), "current": "salah-sekali", "new": PASSWORD,
                                       "repeat": PASSWORD})
    assert r.status_code == 422 and "salah" in r.text and here.get("/akun").status_code == 200


def test_an_admin_setting_a_password_or_disabling_ends_every_session(sworld):
    t, admin = sworld["tracker"], sworld["actors"]["admin"]
    ed = login(client(sworld), "editor")
    copy = ed.cookies.get("janji_sesi")
    t.modify_user("editor", password="kata-sandi-lain-789", actor=admin)
    assert ed.get("/akun").status_code == 303 and replay(sworld, copy, "/akun").status_code == 303
    ed = login(client(sworld), "editor", "kata-sandi-lain-789")
    copy = ed.cookies.get("janji_sesi")
    t.modify_user("editor", disabled=True, actor=admin)
    t.modify_user("editor", disabled=False, actor=admin)
    assert replay(sworld, copy, "/akun").status_code == 303  # enabling again does not bring the session back


def test_logout_everywhere(sworld):
    a, b = login(client(sworld), "admin"), login(client(sworld, "10.0.0.3"), "admin")
    r = a.post("/akun/keluar-semua", data={"csrf": csrf(a, "/akun")})
    assert r.status_code == 303
    assert a.get("/admin/audit").status_code == 303 and b.get("/admin/audit").status_code == 303


def test_sessions_end_when_idle_or_too_old(world):
    t = Tracker(world["store"], settings=Settings(session_idle_minutes=30, session_max_hours=2))
    admin = world["actors"]["admin"]
    engine = world["store"].engine

    def age(token, **delta):
        with engine.begin() as conn:
            conn.execute(update(tm.LoginSession).values(
                **{col: now() - timedelta(**d) for col, d in delta.items()}))

    tok = t.start_session(admin)
    assert t.session_actor(tok).username == "admin"
    age(tok, seen_at={"minutes": 29})
    assert t.session_actor(tok) is not None  # used within the idle time: still open, and seen again now
    age(tok, seen_at={"minutes": 31})
    assert t.session_actor(tok) is None  # idle too long
    tok = t.start_session(admin)
    age(tok, created_at={"hours": 2, "minutes": 1})
    assert t.session_actor(tok) is None  # in use all along, but logged in too long ago
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(tm.LoginSession)) == 0  # ended ones are swept


def test_sessions_are_shared_by_worker_processes(world):
    """Two Trackers over two engines (two server processes): a logout in one ends the session in the other."""
    from janji.store import open_store

    other = Tracker(open_store(world["store"].url))
    try:
        tok = world["tracker"].start_session(world["actors"]["editor"])
        assert other.session_actor(tok).username == "editor"
        world["tracker"].end_session(tok)
        assert other.session_actor(tok) is None
    finally:
        other.store.close()


# --- 5. login throttling per address and per account, with back-off ----------------------------------------------

def test_many_usernames_from_one_address_are_slowed_and_the_admin_elsewhere_is_not(sworld):
    attacker = client(sworld, "203.0.113.7")
    answers = [try_login(attacker, f"tebakan{n}", "salah-salah") for n in range(40)]
    codes = [r.status_code for r in answers]
    assert codes[:20] == [403] * 20 and set(codes[20:]) == {429}
    assert "coba lagi dalam" in answers[-1].text and int(answers[-1].headers["retry-after"]) > 0
    assert try_login(attacker, "admin").status_code == 429  # the right password too, from that address
    login(client(sworld, "198.51.100.2"), "admin")  # the admin from another address logs in at once


def test_behind_a_trusted_proxy_one_visitor_cannot_lock_out_the_admin(sworld, monkeypatch):
    monkeypatch.setenv("JANJI_TRUSTED_PROXIES", "10.0.0.1")
    via_proxy = client(sworld, "10.0.0.1")
    attacker = {"X-Forwarded-For": "203.0.113.7"}
    codes = [try_login(via_proxy, "admin", "salah-salah", headers=attacker).status_code for _ in range(8)]
    assert codes[:5] == [403] * 5 and set(codes[5:]) == {429}
    # the administrator comes through the same proxy, from their own address
    login(client(sworld, "10.0.0.1"), "admin", headers={"X-Forwarded-For": "198.51.100.2"})
    # the header is believed only from the proxy: sent by anyone else, it is the visitor's own text
    direct = client(sworld, "203.0.113.7")
    assert try_login(direct, "admin", headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 429
    # and only the hop the proxy appended counts: a forged left part does not change the address
    forged = {"X-Forwarded-For": "198.51.100.2, 203.0.113.7"}
    assert try_login(client(sworld, "10.0.0.1"), "admin", headers=forged).status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(sworld):
    c = client(sworld, "203.0.113.8")
    for n in range(5):
        try_login(c, "editor", "salah-salah", headers={"X-Forwarded-For": f"198.51.100.{n}"})
    assert try_login(c, "editor", headers={"X-Forwarded-For": "198.51.100.99"}).status_code == 429


def test_a_browser_that_logged_in_before_keeps_in_while_the_account_is_attacked(sworld, monkeypatch):
    monkeypatch.setenv("JANJI_LOGIN_FAILURES_ALL", "10")
    own = login(client(sworld, "198.51.100.2"), "admin")
    own.post("/keluar", data={"csrf": csrf(own, "/pantau")})
    # a spread attack on the account: each address stays under its own limits, the account's count does not
    codes = [try_login(client(sworld, f"203.0.113.{n + 1}"), "admin", "salah-salah").status_code for n in range(12)]
    assert codes == [403] * 10 + [429] * 2
    r = try_login(client(sworld, "198.51.100.3"), "admin")
    assert r.status_code == 429 and "retry-after" in r.headers  # a new browser waits (back-off, not a lock)
    own_elsewhere = client(sworld, "198.51.100.9")
    own_elsewhere.cookies = own.cookies
    login(own_elsewhere, "admin")  # the owner's browser, even from a new address, is not slowed


def test_back_off_doubles_and_then_lets_the_right_password_in(world):
    t = Tracker(world["store"], settings=Settings(login_failures_per_account=3, login_backoff_max_minutes=15))
    ip = "203.0.113.20"

    def unblock():
        with world["store"].engine.begin() as conn:
            conn.execute(update(tm.Counter).values(blocked_until=now() - timedelta(seconds=1)))

    for _ in range(3):
        with pytest.raises(Forbidden):
            t.authenticate("editor", "salah-salah", ip=ip)
    with pytest.raises(Throttled) as first:
        t.authenticate("editor", PASSWORD, ip=ip)
    assert 25 <= first.value.retry_after <= 30
    unblock()
    with pytest.raises(Forbidden):
        t.authenticate("editor", "salah-salah", ip=ip)
    with pytest.raises(Throttled) as second:
        t.authenticate("editor", PASSWORD, ip=ip)
    assert 55 <= second.value.retry_after <= 60  # twice as long after one more failure
    unblock()
    assert t.authenticate("editor", PASSWORD, ip=ip)[0].username == "editor"
    t.authenticate("editor", PASSWORD, ip=ip)  # a success starts the pair's count again


def test_login_throttling_is_shared_by_worker_processes(world):
    from janji.store import open_store

    other = Tracker(open_store(world["store"].url))
    try:
        for _ in range(5):
            with pytest.raises(Forbidden):
                world["tracker"].authenticate("editor", "salah-salah", ip="203.0.113.30")
        with pytest.raises(Throttled):
            other.authenticate("editor", PASSWORD, ip="203.0.113.30")
    finally:
        other.store.close()


# --- 4. public proposals: rates, quotas, sizes, the queue ---------------------------------------------------------

def propose(c, item, n=0, files=None, **more):
    data = {"csrf": csrf(c, f"/pantau/butir/{item}"), "proposer": f"Warga {n}", "note": f"catatan usulan {n}",
            **EV, **more}
    return c.post(f"/pantau/butir/{item}/usul", data=data, files=files)


def pending(world) -> int:
    with world["store"].engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(tm.Proposal).where(tm.Proposal.state == "pending"))


def test_proposal_rate_per_address(sworld, monkeypatch):
    monkeypatch.setenv("JANJI_PROPOSAL_RATE_ADDRESS", "3/10m")
    c = client(sworld, "203.0.113.40")
    assert [propose(c, sworld["road"], n).status_code for n in range(3)] == [303] * 3
    r = propose(c, sworld["road"], 3, note="tulisan panjang saya")
    assert r.status_code == 429 and "terlalu banyak usulan dari alamat Anda" in r.text
    assert 0 < int(r.headers["retry-after"]) <= 600
    assert "tulisan panjang saya" in r.text  # the first refusal gives the form back with what was typed
    # the next is refused before its body is read (a file is never received)
    r = propose(c, sworld["road"], 4, files={"evidence_file": ("bukti.pdf", b"%PDF-1.4 " + b"x" * 100_000)})
    assert r.status_code == 429 and "coba lagi dalam" in r.text and "retry-after" in r.headers
    assert pending(sworld) == 3
    assert propose(client(sworld, "203.0.113.41"), sworld["road"]).status_code == 303  # another address may


def test_proposal_rate_for_everyone(sworld, monkeypatch):
    monkeypatch.setenv("JANJI_PROPOSAL_RATE_ALL", "4/1h")
    codes = [propose(client(sworld, f"203.0.113.{50 + n}"), sworld["road"], n).status_code for n in range(6)]
    assert codes == [303] * 4 + [429] * 2
    r = propose(client(sworld, "203.0.113.99"), sworld["road"])
    assert "terlalu banyak usulan" in r.text and 3000 < int(r.headers["retry-after"]) <= 3600
    assert pending(sworld) == 4


def test_an_address_over_its_own_limit_does_not_use_up_everyones(sworld, monkeypatch):
    monkeypatch.setenv("JANJI_PROPOSAL_RATE_ADDRESS", "2/10m")
    monkeypatch.setenv("JANJI_PROPOSAL_RATE_ALL", "5/10m")
    flood = client(sworld, "203.0.113.60")
    assert [propose(flood, sworld["road"], n).status_code for n in range(10)].count(303) == 2
    assert propose(client(sworld, "203.0.113.61"), sworld["road"]).status_code == 303


def test_daily_quota_per_address_and_for_everyone(sworld, monkeypatch):
    monkeypatch.setenv("JANJI_PROPOSAL_RATE_ADDRESS", "100/1m")
    monkeypatch.setenv("JANJI_PROPOSAL_DAILY_ADDRESS", "2")
    monkeypatch.setenv("JANJI_PROPOSAL_DAILY_ALL", "3")
    c = client(sworld, "203.0.113.70")
    assert [propose(c, sworld["road"], n).status_code for n in range(2)] == [303, 303]
    r = propose(c, sworld["road"], 2)
    assert r.status_code == 429 and "batas harian usulan dari alamat Anda" in r.text
    assert 23 * 3600 < int(r.headers["retry-after"]) <= 24 * 3600
    assert propose(client(sworld, "203.0.113.71"), sworld["road"]).status_code == 303
    r = propose(client(sworld, "203.0.113.72"), sworld["road"])
    assert r.status_code == 429 and "batas harian usulan untuk seluruh portal" in r.text
    # the quota is read from the proposals in the database: older than 24 hours, they no longer count
    with sworld["store"].engine.begin() as conn:
        conn.execute(update(tm.Proposal).values(created_at=now() - timedelta(hours=25)))
    assert propose(client(sworld, "203.0.113.72"), sworld["road"]).status_code == 303


def test_daily_file_volume_and_the_queue_file_cap(sworld, monkeypatch):
    monkeypatch.setenv("JANJI_PROPOSAL_RATE_ADDRESS", "100/1m")
    monkeypatch.setenv("JANJI_PROPOSAL_DAILY_MB", "1")
    pdf = b"%PDF-1.4 " + b"x" * 600_000
    c = client(sworld, "203.0.113.80")
    assert propose(c, sworld["road"], 0, files={"evidence_file": ("a.pdf", pdf, "application/pdf")}).status_code == 303
    r = propose(c, sworld["road"], 1, files={"evidence_file": ("b.pdf", pdf, "application/pdf")})
    assert r.status_code == 429 and "ukuran berkas" in r.text and "retry-after" in r.headers
    assert propose(c, sworld["road"], 2).status_code == 303  # a link without a file is still welcome
    monkeypatch.setenv("JANJI_PROPOSAL_DAILY_MB", "100")
    monkeypatch.setenv("JANJI_PROPOSAL_PENDING_MB", "1")
    r = propose(client(sworld, "203.0.113.81"), sworld["road"], 3,
                files={"evidence_file": ("c.pdf", pdf, "application/pdf")})
    assert r.status_code == 429 and "antrean tinjauan sedang penuh" in r.text


def test_the_probe_flood_of_large_files_is_held(sworld):
    """25 anonymous posts with 4 MB files from one address (the probe): defaults hold them."""
    db = sworld["store"].url.split("///", 1)[1]
    import os

    before = os.path.getsize(db)
    c = client(sworld, "203.0.113.90")
    pdf = b"%PDF-1.4 " + os.urandom(4 * 1024 * 1024 - 9)
    codes = [propose(c, sworld["road"], n, files={"evidence_file": (f"f{n}.pdf", pdf)}).status_code
             for n in range(25)]
    assert codes.count(303) == 5 and codes.count(429) == 20
    assert pending(sworld) == 5
    with sworld["store"].engine.connect() as conn:
        stored = conn.scalar(select(func.coalesce(func.sum(tm.File.size), 0)))
    assert stored == 5 * len(pdf)
    assert os.path.getsize(db) - before < 30 * 1024 * 1024


def test_limits_are_shared_by_worker_processes(world):
    """Rates and daily quotas live in the database: a second server process sees the first one's counts."""
    from janji.store import open_store

    cfg = Settings(proposal_rate_address=Rate(2, 600), proposal_daily_all=3)
    one, two = Tracker(world["store"], settings=cfg), Tracker(open_store(world["store"].url), settings=cfg)
    try:
        for t in (one, two):
            t.propose(world["road"], proposer="Warga", ip="203.0.113.100", limits=True, **EV)
        with pytest.raises(Throttled, match="alamat Anda"):
            two.propose(world["road"], proposer="Warga", ip="203.0.113.100", limits=True, **EV)
        one.propose(world["road"], proposer="Warga", ip="203.0.113.101", limits=True, **EV)
        with pytest.raises(Throttled, match="batas harian") as exc:
            two.propose(world["road"], proposer="Warga", ip="203.0.113.102", limits=True, **EV)
        assert exc.value.retry_after > 23 * 3600
    finally:
        two.store.close()


# --- evidence size: one setting, stated on the form, the form kept ----------------------------------------------

def test_evidence_between_5_and_10_mb_is_accepted_as_documented(sworld):
    ed = login(client(sworld), "editor")
    page = ed.get(f"/pantau/butir/{sworld['road']}").text
    assert "maks. 10 MB" in page
    big = b"%PDF-1.4 " + b"x" * (6 * 1024 * 1024)
    r = ed.post(f"/pantau/butir/{sworld['road']}/status", files={"evidence_file": ("laporan.pdf", big)},
                data={"csrf": csrf(ed, f"/pantau/butir/{sworld['road']}"), "status": "dalam proses",
                      "expected_version": "0", "evidence_date": "2026-03-01"})
    assert r.status_code == 303, r.text[:500]
    assert sworld["tracker"].history(sworld["road"])[0]["evidence_file"]["size"] == len(big)


def test_an_over_size_evidence_file_gives_the_form_back_with_what_was_typed(sworld, monkeypatch):
    monkeypatch.setenv("JANJI_EVIDENCE_MAX_MB", "1")
    ed = login(client(sworld), "editor")
    item = f"/pantau/butir/{sworld['road']}"
    assert "maks. 1 MB" in ed.get(item).text  # the limit is stated on the form
    big = b"%PDF-1.4 " + b"x" * (1536 * 1024)
    r = ed.post(f"{item}/status", files={"evidence_file": ("laporan.pdf", big)},
                data={"csrf": csrf(ed, item), "status": "dalam proses", "expected_version": "0",
                      "evidence_date": "2026-03-01", "note": "catatan panjang yang saya ketik",
                      "progress_value": "31,5"})
    assert r.status_code == 413
    assert "berkas bukti terlalu besar (1,5 MB); batas 1 MB" in r.text
    assert "catatan panjang yang saya ketik" in r.text and 'value="31,5"' in r.text
    assert sworld["tracker"].history(sworld["road"]) == []
    anon = client(sworld, "203.0.113.110")
    r = propose(anon, sworld["road"], 0, files={"evidence_file": ("foto.pdf", big)}, note="usulan saya")
    assert r.status_code == 413 and "batas 1 MB" in r.text and "usulan saya" in r.text
    # far over the limit the body is not read at all: a page that says so and leads back to the form
    huge = b"%PDF-1.4 " + b"x" * (4 * 1024 * 1024)
    r = propose(anon, sworld["road"], 1, files={"evidence_file": ("besar.pdf", huge)})
    assert r.status_code == 413 and "batas berkas bukti 1 MB" in r.text
    assert f'href="{item}"' in r.text
    assert pending(sworld) == 0


# --- the review queue under a flood ---------------------------------------------------------------------------------

def flood(world, n, ip, region_item=None, with_file=False):
    t = world["tracker"]
    out = []
    for i in range(n):
        f = ("x.png", b"\x89PNG\r\n\x1a\n" + bytes([i % 256]) * 50) if with_file else None
        out.append(t.propose(region_item or world["road"], proposer=f"Penyembur {i}", ip=ip, evidence_file=f,
                             **({"evidence_date": "2026-03-01"} if f else EV))["id"])
    return out


def test_the_queue_is_paginated_filterable_and_bulk_rejectable(sworld):
    spam = flood(sworld, 120, "203.0.113.120", with_file=True)
    real = sworld["tracker"].propose(sworld["road"], proposer="Ibu Warga Asli", ip="198.51.100.7",
                                     note="foto jembatan selesai", **EV)
    rev = login(client(sworld), "reviewer")
    page = rev.get("/pantau/tinjau")
    assert page.status_code == 200 and page.text.count('name="ids"') == 50
    assert "121 usulan menunggu" in page.text and "halaman 1 dari 3" in page.text
    assert rev.get("/pantau/tinjau?page=3").text.count('name="ids"') == 21
    found = rev.get("/pantau/tinjau?q=jembatan").text
    assert "Ibu Warga Asli" in found and "Penyembur" not in found
    spam_source = sworld["tracker"].queue(sworld["actors"]["admin"], text="Penyembur 0")["proposals"][0]["source"]
    assert spam_source and spam_source in page.text  # the "most proposals" list links to the sender
    r = rev.post("/pantau/tinjau/usulan/tolak", data={"csrf": csrf(rev, "/pantau/tinjau"), "scope": "saringan",
                                                      "pengirim": spam_source})
    assert r.status_code == 303 and "ok=120" in r.headers["location"]
    assert "120 usulan ditolak" in rev.get(r.headers["location"]).text
    q = sworld["tracker"].queue(sworld["actors"]["admin"])
    assert [p["id"] for p in q["proposals"]] == [real["id"]]
    with sworld["store"].engine.connect() as conn:  # rejected proposals' files are gone
        assert conn.scalar(select(func.count()).select_from(tm.File)) == 0
        rejected = conn.scalar(select(func.count()).select_from(tm.Audit).where(tm.Audit.action == "proposal.reject"))
    assert rejected == 120 and len(spam) == 120


def test_bulk_reject_of_ticked_proposals_keeps_to_the_reviewers_regions(sworld):
    ours = flood(sworld, 3, "203.0.113.121")
    theirs = flood(sworld, 2, "203.0.113.121", region_item=sworld["clinic"])  # Bogor: not the reviewer's
    rev = login(client(sworld), "reviewer")
    r = rev.post("/pantau/tinjau/usulan/tolak", data={"csrf": csrf(rev, "/pantau/tinjau"), "scope": "pilihan",
                                                      "ids": [ours[0], ours[2], theirs[0]]})
    assert r.status_code == 303
    left = sworld["tracker"].queue(sworld["actors"]["admin"])["proposals"]
    assert sorted(p["id"] for p in left) == sorted([ours[1], *theirs])
    assert rev.get("/pantau/tinjau").text.count('name="ids"') == 1
    anon = client(sworld, "203.0.113.122")
    r = anon.post("/pantau/tinjau/usulan/tolak", data={"csrf": csrf(anon, f"/pantau/butir/{sworld['road']}"), "scope": "saringan"})
    assert r.status_code == 303 and r.headers["location"].startswith("/masuk")
    assert len(sworld["tracker"].queue(sworld["actors"]["admin"])["proposals"]) == 3


def test_rejecting_one_proposal_deletes_its_file(sworld):
    t, admin = sworld["tracker"], sworld["actors"]["admin"]
    p = t.propose(sworld["road"], proposer="Warga", evidence_file=("a.png", b"\x89PNG\r\n\x1a\nzz"),
                  evidence_date="2026-03-01")
    t.review_proposal(admin, p["id"], False)
    assert t.file(p["evidence_file"]["id"]) is None


# --- settings -------------------------------------------------------------------------------------------------------

def test_settings_from_the_environment():
    cfg = load({"JANJI_PROPOSAL_RATE_ADDRESS": "7/15m", "JANJI_TRUSTED_PROXIES": "10.0.0.1, 172.16.0.0/12",
                "JANJI_SESSION_IDLE_MINUTES": "45"})
    assert cfg.proposal_rate_address == Rate(7, 900) and cfg.session_idle_minutes == 45
    assert cfg.trusts("172.20.1.2") and cfg.trusts("10.0.0.1") and not cfg.trusts("10.0.0.2")
    assert load({}) == Settings() and parse_rate("60/h") == Rate(60, 3600)
    for env, name in (({"JANJI_PROPOSAL_RATE_ALL": "banyak"}, "JANJI_PROPOSAL_RATE_ALL"),
                      ({"JANJI_TRUSTED_PROXIES": "proksi-saya"}, "JANJI_TRUSTED_PROXIES"),
                      ({"JANJI_SESSION_MAX_HOURS": "0"}, "JANJI_SESSION_MAX_HOURS")):
        with pytest.raises(SettingError, match=name):
            load(env)


def test_serve_refuses_a_setting_it_cannot_read(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from janji.cli import cli

    monkeypatch.setenv("JANJI_PROPOSAL_RATE_ADDRESS", "lima")
    db = tmp_path / "j.db"
    from janji.store import open_store

    open_store(f"sqlite:///{db}", create=True).close()
    r = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "8799"])
    assert r.exit_code == 1 and "JANJI_PROPOSAL_RATE_ADDRESS" in r.output and "Traceback" not in r.output


def test_migration_0008_down_and_up_again_with_data(world):
    """A store with proposals, sessions and counters goes back to 0007 (the old throttling table returns) and
    forward again; the proposals survive both ways."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from janji.store.db import MIGRATIONS, upgrade

    t = world["tracker"]
    t.propose(world["road"], proposer="Warga", ip="203.0.113.5", limits=True, **EV)
    t.start_session(world["actors"]["admin"])
    with pytest.raises(Forbidden):
        t.authenticate("editor", "salah-salah", ip="203.0.113.5")
    engine = world["store"].engine
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
    assert {"track_sessions", "track_counters"} <= names and "track_login_failures" not in names
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007_sources")
    with engine.connect() as conn:
        insp = inspect(conn)
        names = set(insp.get_table_names())
        assert "track_login_failures" in names and not {"track_sessions", "track_counters"} & names
        assert "source" not in {c["name"] for c in insp.get_columns("track_proposals")}
        assert conn.scalar(select(func.count()).select_from(text("track_proposals"))) == 1
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(tm.Proposal)) == 1
    assert t.queue(world["actors"]["admin"])["proposals_total"] == 1
