"""Load test of the public evidence-proposal form (issue 12): a flood must meet the limits, not the database.

``N`` posts (default 200) from ``A`` addresses (default 20), each with an evidence file (default 4 MB, as in
the probe that found the hole), spread over ``D`` seconds (default 10), against a real server: uvicorn in a
subprocess (``--workers 2`` runs two worker processes, which share the limits through the database). The
addresses are told apart the way a deployment behind a reverse proxy does it: the server trusts 127.0.0.1
as its proxy (``JANJI_TRUSTED_PROXIES``) and each simulated visitor sends its own ``X-Forwarded-For``.

Before the flood the review queue holds a backlog (default 5,000 pending proposals from 500 senders, as
after earlier floods); during it a reviewer keeps loading the queue. Printed: accepted / refused counts (by
answer), how many refusals came before the body was read, the database's growth and the bytes of files
stored, the time of the queue page (during and after the flood, its 50th page, filtered to one sender) and
of rejecting one sender's proposals, then the whole flood (found by its text), in one go.

Usage:
    .venv/bin/python bench/proposals.py                          # SQLite, defaults above
    .venv/bin/python bench/proposals.py --backend postgresql --workers 2
    .venv/bin/python bench/proposals.py --posts 200 --addresses 20 --seconds 10 --file-mb 4 --backlog 5000
"""
from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_track", Path(__file__).with_name("track.py"))
bt = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bt)

CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')
PASSWORD = "kata-sandi-bench-123"


def start_server(url: str, port: int, workers: int, env: dict[str, str]) -> subprocess.Popen:
    code = ("import uvicorn; uvicorn.run('janji.web.app:create_app', factory=True, host='127.0.0.1', "
            f"port={port}, workers={workers}, log_level='warning', access_log=False, timeout_keep_alive=60)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=str(ROOT),
                            env={**os.environ, **env, "JANJI_DATABASE_URL": url})
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                time.sleep(1.0 if workers > 1 else 0.2)  # let every worker start accepting
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def db_bytes(store) -> int:
    """Bytes the database takes: the SQLite file with its WAL, or the schema's tables on PostgreSQL."""
    from janji.store.db import sqlite_path

    path = sqlite_path(store.url)
    if path is not None:
        with store.engine.connect() as conn:  # pages still in the WAL would count twice
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
            "AND c.relkind = 'r'").scalar())


def backlog(store, tracker, item_ids: list[int], n: int, senders: int) -> None:
    """``n`` pending proposals from ``senders`` addresses, bulk-inserted (the state after earlier floods)."""
    from sqlalchemy import insert

    from janji.track import models as tm
    from janji.track.service import now

    if not n:
        return
    region = store.regions()[0]["id"]
    t = now() - timedelta(days=3)  # older than a day: they fill the queue, not today's quota
    keys = [tracker._address_key(f"198.18.{i // 250}.{i % 250}") for i in range(senders)]
    rows = [dict(item_id=item_ids[i % len(item_ids)], region_id=region, proposer=f"Pengirim lama {i}",
                 contact=None, status=None, evidence_url=f"https://contoh.example.org/bukti/{i}",
                 evidence_file_id=None, evidence_date=t.date(), note=f"usulan lama nomor {i}",
                 created_at=t + timedelta(seconds=i), source=keys[i % senders], state="pending")
            for i in range(n)]
    with store.engine.begin() as conn:
        for i in range(0, n, 5000):
            conn.execute(insert(tm.Proposal), rows[i:i + 5000])


async def flood(base: str, item: int, posts: int, addresses: int, seconds: float, file_bytes: bytes,
                reviewer_cookies: dict, poll: list[float]) -> dict:
    import httpx

    counts: dict[str, int] = {}
    reasons: dict[str, int] = {}
    latencies: list[float] = []
    stop_polling = asyncio.Event()

    async def visitor(n: int) -> None:
        headers = {"x-forwarded-for": f"203.0.113.{n + 1}"}
        async with httpx.AsyncClient(base_url=base, timeout=60, headers=headers) as c:
            r = await c.get(f"/pantau/butir/{item}")
            token = CSRF_RE.search(r.text).group(1)
            per = posts // addresses + (1 if n < posts % addresses else 0)
            start = time.monotonic()
            for k in range(per):
                # paced: the posts of all addresses spread evenly over the period, with a little jitter
                await asyncio.sleep(max(0.0, start + (k + random.random() * 0.5) * seconds / per - time.monotonic()))
                data = {"csrf": token, "proposer": f"Penyembur {n}-{k}", "note": "banjir usulan",
                        "evidence_date": "2026-03-01"}
                files = {"evidence_file": (f"bukti-{n}-{k}.pdf", file_bytes, "application/pdf")} if file_bytes \
                    else None
                if not file_bytes:
                    data["evidence_url"] = f"https://contoh.example.org/banjir/{n}/{k}"
                t0 = time.perf_counter()
                try:
                    r = await c.post(f"/pantau/butir/{item}/usul", data=data, files=files)
                    code = str(r.status_code)
                    if r.status_code == 429:
                        m = re.search(r'<p class="error"[^>]*>([^<;]+)', r.text)
                        why = (m.group(1) if m else r.text[:60]).split(";")[0].strip()
                        if "tidak diterima" in r.text:
                            why = "(before the body) " + why
                        reasons[why] = reasons.get(why, 0) + 1
                except httpx.HTTPError as exc:  # the server may close a refused upload's connection early
                    code = type(exc).__name__
                latencies.append(time.perf_counter() - t0)
                counts[code] = counts.get(code, 0) + 1

    async def reviewer() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60, cookies=reviewer_cookies) as c:
            while not stop_polling.is_set():
                t0 = time.perf_counter()
                r = await c.get("/pantau/tinjau")
                assert r.status_code == 200, r.status_code
                poll.append(time.perf_counter() - t0)
                await asyncio.sleep(0.5)

    polling = asyncio.create_task(reviewer())
    t0 = time.perf_counter()
    await asyncio.gather(*[visitor(n) for n in range(addresses)])
    wall = time.perf_counter() - t0
    stop_polling.set()
    await polling
    return {"answers": counts, "refusals": reasons, "wall_s": round(wall, 1),
            "post_ms": {"p50": bt.pct(latencies, 0.5), "p95": bt.pct(latencies, 0.95)}}


def timed_get(c, path: str, n: int = 10) -> dict:
    lat = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = c.get(path)
        lat.append(time.perf_counter() - t0)
        assert r.status_code == 200, (path, r.status_code)
    return {"p50": bt.pct(lat, 0.5), "max": bt.pct(lat, 1.0)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--posts", type=int, default=200)
    ap.add_argument("--addresses", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--file-mb", type=float, default=4, help="size of each post's evidence file (0: none)")
    ap.add_argument("--backlog", type=int, default=5000, help="pending proposals in the queue before the flood")
    ap.add_argument("--senders", type=int, default=500, help="addresses the backlog came from")
    args = ap.parse_args()

    import httpx
    from sqlalchemy import func, select

    from janji.store import open_store
    from janji.track import models as tm
    from janji.track.service import Tracker

    with tempfile.TemporaryDirectory() as tmp:
        url, drop = bt.make_db(args.backend, Path(tmp))
        try:
            info = bt.seed_province(url, 1250, with_history=False)
            store = open_store(url)
            tracker = Tracker(store)
            items = [it["id"] for it in store.items(region=info["region"], kind="program", limit=200)]
            tracker.add_user("peninjau", PASSWORD, role="reviewer", regions=[info["region"]])
            backlog(store, tracker, items, args.backlog, args.senders)
            before = db_bytes(store)
            port = bt.free_port()
            proc = start_server(url, port, args.workers, {"JANJI_TRUSTED_PROXIES": "127.0.0.1"})
            base = f"http://127.0.0.1:{port}"
            try:
                with httpx.Client(base_url=base, timeout=60, follow_redirects=False) as rev:
                    token = CSRF_RE.search(rev.get("/masuk").text).group(1)
                    r = rev.post("/masuk", data={"username": "peninjau", "password": PASSWORD, "csrf": token})
                    assert r.status_code == 303, r.text[:300]
                    queue_before = timed_get(rev, "/pantau/tinjau")
                    poll: list[float] = []
                    file_bytes = (b"%PDF-1.4\n" + os.urandom(int(args.file_mb * 1024 * 1024) - 9)
                                  if args.file_mb else b"")
                    result = asyncio.run(flood(base, items[0], args.posts, args.addresses, args.seconds, file_bytes,
                                               dict(rev.cookies), poll))
                    queue_after = timed_get(rev, "/pantau/tinjau")
                    page = rev.get("/pantau/tinjau?page=50")
                    assert page.status_code == 200
                    last_page = timed_get(rev, "/pantau/tinjau?page=50", 5)
                    sender = tracker._address_key("203.0.113.1")
                    one_sender = timed_get(rev, f"/pantau/tinjau?pengirim={sender}", 5)
                    token = CSRF_RE.search(rev.get("/pantau/tinjau").text).group(1)
                    old_sender = tracker._address_key("198.18.0.7")
                    t0 = time.perf_counter()
                    r = rev.post("/pantau/tinjau/usulan/tolak", data={"csrf": token, "scope": "saringan",
                                                                      "pengirim": old_sender})
                    bulk_s = time.perf_counter() - t0
                    assert r.status_code == 303, r.status_code
                    bulk_n = int(re.search(r"ok=(\d+)", r.headers["location"]).group(1))
                    after = db_bytes(store)
                    with store.engine.connect() as conn:
                        stored = conn.scalar(select(func.coalesce(func.sum(tm.File.size), 0)))
                    # the whole flood found by its text and rejected in one go: its files are deleted
                    t0 = time.perf_counter()
                    r = rev.post("/pantau/tinjau/usulan/tolak", data={"csrf": token, "scope": "saringan",
                                                                      "q": "banjir usulan"})
                    flood_s = time.perf_counter() - t0
                    assert r.status_code == 303, r.status_code
                    flood_n = int(re.search(r"ok=(\d+)", r.headers["location"]).group(1))
            finally:
                proc.terminate()
                proc.wait(30)
            with store.engine.connect() as conn:
                accepted = conn.scalar(select(func.count()).select_from(tm.Proposal).where(
                    tm.Proposal.proposer.like("Penyembur%")))
                stored_after_reject = conn.scalar(select(func.coalesce(func.sum(tm.File.size), 0)))
                pending = conn.scalar(select(func.count()).select_from(tm.Proposal).where(
                    tm.Proposal.state == "pending"))
            store.close()
        finally:
            drop()
    out = {"backend": args.backend, "workers": args.workers, "posts": args.posts, "addresses": args.addresses,
           "seconds": args.seconds, "file_mb": args.file_mb, "load_average_1min": round(os.getloadavg()[0], 1),
           "flood": result, "accepted_in_db": accepted,
           "db_growth_mb": round((after - before) / 1024 / 1024, 1),
           "file_bytes_stored_mb": round(stored / 1024 / 1024, 1),
           "queue": {"backlog": args.backlog, "pending_at_end": pending,
                     "page_ms_before": queue_before, "page_ms_during_flood": {
                         "p50": bt.pct(poll, 0.5), "max": bt.pct(poll, 1.0), "loads": len(poll)},
                     "page_ms_after": queue_after, "page_50_ms": last_page, "one_sender_ms": one_sender,
                     "bulk_reject_one_sender": {"rejected": bulk_n, "ms": round(bulk_s * 1000, 1)},
                     "bulk_reject_the_flood": {"rejected": flood_n, "ms": round(flood_s * 1000, 1),
                                               "file_mb_left": round(stored_after_reject / 1024 / 1024, 1)}}}
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
