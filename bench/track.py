"""Tracking benchmarks (loopback only, bounded):

1. ``load``: 20 editors (API tokens, optimistic locking on a small hot set of promises so conflicts really
   happen) and 200 readers (scorecard, pair list, promise timeline pages) against a portal on 127.0.0.1 for
   60 s. Reports request errors (must be 0), lost writes (must be 0: every accepted update is in its
   promise's history and every state version equals its number of published entries) and latencies.
2. ``scorecard``: a generated province (~50,000 promises, most with a history of 1–4 entries); p50/p95 of
   the scorecard page over HTTP.

The server is ``janji serve`` in a subprocess (its default worker processes: one per core); the load
generator is one asyncio process (plain keep-alive connections, one per client, each with its cookies). On
PostgreSQL each run uses its own schema in the ``test`` database (127.0.0.1:5432) and drops it after.
Everything is written to a temporary folder.

``--against DIR`` runs the same load, alternately, against another checkout's sources (its own store,
seeded by its own code) and prints each figure of this checkout as a ratio to that one's: on a machine
other jobs share, the ratio within one run is the figure to trust.

Usage:
    .venv/bin/python bench/track.py load --backend sqlite --duration 60
    .venv/bin/python bench/track.py load --backend postgresql --duration 60
    .venv/bin/python bench/track.py load --duration 30 --against /tmp/janji-main --rounds 2
    .venv/bin/python bench/track.py scorecard --backend sqlite --items 50000
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proc import cpu_seconds  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PG_BASE = os.environ.get("JANJI_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PROMISE_KINDS = ("mission", "program", "activity")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_db(backend: str, tmp: Path) -> tuple[str, callable]:
    if backend == "sqlite":
        return f"sqlite:///{tmp / 'bench.db'}", lambda: None
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_BASE, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop():
        with admin.connect() as c:
            c.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    return f"{PG_BASE}?options=-csearch_path%3D{schema}", drop


def province_doc(n_pair: int, n_missions: int, per_mission: int, seed: int) -> dict:
    rnd = random.Random(seed)
    words = ["jalan", "air bersih", "puskesmas", "sekolah", "beasiswa", "pasar", "irigasi", "UMKM", "listrik desa",
             "rumah layak huni", "posyandu", "jembatan", "pelabuhan", "internet desa", "bank sampah"]
    sectors = ["1.01", "1.02", "1.03", "1.04", "2.11", "3.25", "3.30", "2.17"]
    items = []
    for m in range(n_missions):
        children = []
        for p in range(per_mission):
            w = rnd.choice(words)
            q = rnd.randint(5, 500)
            children.append({"kind": rnd.choice(("program", "activity")), "text": f"Membangun {q} unit {w} "
                             f"tahap {m}-{p} pasangan {n_pair}", "sectors": [rnd.choice(sectors)],
                             "quantities": [{"value": q, "unit": "unit", "text": f"{q} unit"}]})
        items.append({"kind": "mission", "text": f"Misi {m + 1} pasangan {n_pair}: pembangunan merata",
                      "label": str(m + 1), "sectors": [rnd.choice(sectors)], "children": children})
    return {"schema": "janji/1", "source": {"name": f"prov-{n_pair}.txt", "format": "text"}, "kind": "plan",
            "region": {"name": "Provinsi Jawa Barat", "code": "32", "level": "provinsi"},
            "period": {"start": 2025, "end": 2030},
            "candidates": [{"number": n_pair, "head": f"Kepala {n_pair} Wijaya", "deputy": f"Wakil {n_pair} Lestari",
                            "parties": [], "incumbent": False, "aliases": []}],
            "items": items}


def seed_province(url: str, items: int, with_history: bool = True) -> dict:
    """A province with ~``items`` promises; with histories (bulk-inserted: this is about reading)."""
    from sqlalchemy import insert, select

    from janji.store import models as sm
    from janji.store import open_store
    from janji.track import models as tm
    from janji.track import statuses as st
    from janji.track.service import Tracker

    store = open_store(url)
    per_doc = 1250
    n_docs = max(1, items // per_doc)
    t0 = time.perf_counter()
    for d in range(n_docs):
        store.ingest_document(province_doc(d + 1, 50, per_doc // 50 - 1, d))
    ingest_s = time.perf_counter() - t0
    tracker = Tracker(store)
    region = store.regions()[0]["id"]
    rnd = random.Random(7)
    updates = 0
    if with_history:
        with store.engine.begin() as conn:
            ids = [r[0] for r in conn.execute(select(sm.Item.id).where(sm.Item.kind.in_(PROMISE_KINDS)))]
            upd_rows, state_rows = [], []
            next_id = 1
            start = datetime(2025, 3, 1)
            for item_id in ids:
                if rnd.random() < 0.35:
                    continue  # not yet rated
                prev = st.UNRATED
                when = start + timedelta(days=rnd.randint(0, 200))
                n = rnd.randint(1, 4)
                for k in range(n):
                    status = rnd.choice(st.STATUSES[1:])
                    value = rnd.randint(0, 120) if rnd.random() < 0.4 else None
                    upd_rows.append(dict(id=next_id, item_id=item_id, region_id=region, status=status, prev_status=prev,
                                         progress_value=value, progress_target=100 if value is not None else None,
                                         progress_unit="unit" if value is not None else None,
                                         measured_on=when.date() if value is not None else None,
                                         evidence_url=f"https://berita.example.com/{item_id}/{k}",
                                         evidence_date=when.date(), note="bukti", author_name="editor",
                                         origin="import", base_version=k, created_at=when, state="published",
                                         published_at=when, published_month=when.strftime("%Y-%m")))
                    prev = status
                    last = upd_rows[-1]
                    next_id += 1
                    when += timedelta(days=rnd.randint(10, 120))
                state_rows.append(dict(item_id=item_id, region_id=region, status=last["status"], version=n,
                                       update_id=last["id"], progress_value=last["progress_value"],
                                       progress_target=last["progress_target"], progress_unit=last["progress_unit"],
                                       measured_on=last["measured_on"], updated_at=last["published_at"]))
            for i in range(0, len(upd_rows), 5000):
                conn.execute(insert(tm.Update), upd_rows[i:i + 5000])
            for i in range(0, len(state_rows), 5000):
                conn.execute(insert(tm.State), state_rows[i:i + 5000])
            updates = len(upd_rows)
            if store.dialect == "postgresql":
                conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('track_updates', 'id'), "
                                     "(SELECT max(id) FROM track_updates))")
        # fresh statistics, as autovacuum / the store's optimize step would have them after a bulk load
        with store.engine.begin() as c:
            c.exec_driver_sql("ANALYZE")
    promises = store.count_items(kind=list(("mission", "goal", "program", "activity", "quick_win", "strategy",
                                            "commitment")))
    info = {"region": region, "promises": promises, "updates": updates, "ingest_s": round(ingest_s, 1)}
    store.close()
    return info


def start_server(url: str, port: int, workers: int | None = None) -> subprocess.Popen:
    """``janji serve`` as a site runs it (its default number of worker processes unless ``workers``)."""
    cmd = [str(Path(sys.executable).parent / "janji"), "serve", "--db", url, "--port", str(port)]
    if workers:
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, cwd=str(ROOT), stdout=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                time.sleep(1.0)  # let every worker start accepting
                return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("server did not start")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p))] * 1000, 1)


class Client:
    """One keep-alive HTTP/1.1 connection with its cookies: a visitor or an editor's script. Plain asyncio
    streams, so that 220 of them cost the load generator little next to the server it measures (httpx costs
    a few milliseconds of CPU per request, which on a shared 2-core machine made the generator the bottleneck)."""

    def __init__(self, port: int):
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.cookies: dict[str, str] = {}

    async def request(self, method: str, path: str, body: dict | None = None,
                      headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        data = json.dumps(body).encode() if body is not None else b""
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: keep-alive"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if body is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
        try:
            self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + data)
            await self.writer.drain()
            head = await self.reader.readuntil(b"\r\n\r\n")
            status_line, *header_lines = head.decode("latin-1").split("\r\n")
            length, chunked, close = None, False, False
            for line in header_lines:
                name, _, value = line.partition(":")
                name, value = name.strip().lower(), value.strip()
                if name == "content-length":
                    length = int(value)
                elif name == "transfer-encoding" and value.lower() == "chunked":
                    chunked = True
                elif name == "connection" and value.lower() == "close":
                    close = True
                elif name == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            if chunked:
                parts = []
                while True:
                    size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    parts.append(await self.reader.readexactly(size + 2))
                    if size == 0:
                        break
                payload = b"".join(p[:-2] for p in parts)
            else:
                payload = await self.reader.readexactly(length or 0)
        except BaseException:
            self.close()
            raise
        if close:
            self.close()
        return int(status_line.split()[1]), payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run_load(port: int, tokens: list[str], hot: list[int], pages: list[str], duration: float, readers: int):
    stop = time.monotonic() + duration
    accepted: list[tuple[int, int]] = []
    stats = {"conflicts": 0, "errors": 0, "error_samples": [], "write_lat": [], "read_lat": []}

    async def editor(token: str, n: int):
        rnd = random.Random(n)
        client = Client(port)
        headers = {"Authorization": f"Bearer {token}"}
        while time.monotonic() < stop:
            item = rnd.choice(hot)
            t0 = time.perf_counter()
            try:
                # an API client sends its token with every call, reads included
                status, payload = await client.request("GET", f"/api/v1/items/{item}/tracking", headers=headers)
                version = json.loads(payload)["state"]["version"]
                body = {"status": rnd.choice(["dalam proses", "sebagian", "ditepati", "terhenti"]),
                        "expected_version": version, "evidence_url": f"https://bukti.example.org/{n}/{item}",
                        "evidence_date": date.today().isoformat(), "note": f"editor {n}"}
                status, payload = await client.request("POST", f"/api/v1/items/{item}/updates", body, headers)
            except Exception as exc:  # a transport error is an error too
                stats["errors"] += 1
                stats["error_samples"].append(repr(exc)[:200])
                continue
            stats["write_lat"].append(time.perf_counter() - t0)
            if status == 201:
                accepted.append((item, json.loads(payload)["id"]))
            elif status == 409:
                stats["conflicts"] += 1
            else:
                stats["errors"] += 1
                stats["error_samples"].append(f"{status} {payload[:200]!r}")
        client.close()

    async def reader(n: int):
        rnd = random.Random(1000 + n)
        client = Client(port)
        while time.monotonic() < stop:
            path = rnd.choice(pages)
            t0 = time.perf_counter()
            try:
                status, _ = await client.request("GET", path)
            except Exception as exc:
                stats["errors"] += 1
                stats["error_samples"].append(repr(exc)[:200])
                continue
            stats["read_lat"].append(time.perf_counter() - t0)
            if status != 200:
                stats["errors"] += 1
                stats["error_samples"].append(f"{status} {path}")
        client.close()

    await asyncio.gather(*[editor(t, i) for i, t in enumerate(tokens)], *[reader(i) for i in range(readers)])
    return accepted, stats


def cmd_load(args) -> dict:
    from janji.store import open_store
    from janji.track.service import HASH_PARAMS, Tracker

    HASH_PARAMS.update(time_cost=1, memory_cost=1024, parallelism=1)  # accounts are created, never logged into
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = make_db(args.backend, Path(tmp))
        try:
            info = seed_province(url, args.items, with_history=True)
            store = open_store(url)
            t = Tracker(store)
            region = info["region"]
            tokens = []
            for i in range(args.editors):
                u = t.add_user(f"editor{i}", "kata-sandi-bench-1", role="editor", regions=[region])
                tokens.append(t.create_token(t.actor(u["id"]), "bench")["token"])
            items = [it["id"] for it in store.items(region=region, kind="program", limit=2000)]
            hot = items[:args.hot]
            pairs = [c["id"] for c in store.candidates()]
            pages = ([f"/pantau/wilayah/{region}"] * 2 + [f"/pantau/pasangan/{c}?status=ditepati" for c in pairs[:3]]
                     + [f"/pantau/butir/{i}" for i in items[:200]] + [f"/api/v1/items/{i}/history" for i in hot])
            before = {i: t.state(i)["version"] for i in hot}
            port = free_port()
            proc = start_server(url, port, args.workers)
            try:
                cpu0 = cpu_seconds(proc.pid)
                t0 = time.perf_counter()
                accepted, stats = asyncio.run(run_load(port, tokens, hot, pages, args.duration, args.readers))
                wall = time.perf_counter() - t0
                server_cpu = cpu_seconds(proc.pid) - cpu0
                load_avg = os.getloadavg()[0]
            finally:
                stop_server(proc)
            # lost writes: an accepted entry missing from its history, or a version that does not count them
            lost = 0
            by_item: dict[int, list[int]] = {}
            for item, entry in accepted:
                by_item.setdefault(item, []).append(entry)
            for item in hot:
                history_ids = {e["id"] for e in t.history(item)}
                mine = by_item.get(item, [])
                lost += sum(1 for e in mine if e not in history_ids)
                if t.state(item)["version"] != before[item] + len(mine):
                    lost += abs(t.state(item)["version"] - before[item] - len(mine))
            store.close()
        finally:
            drop()
    return {"backend": args.backend, "duration_s": round(wall, 1), "editors": args.editors, "readers": args.readers,
            "workers": args.workers or "default", "cores": os.cpu_count(),
            "hot_promises": len(hot), "store": info, "accepted_writes": len(accepted),
            "refused_conflicts": stats["conflicts"], "errors": stats["errors"],
            "error_samples": stats["error_samples"][:5], "lost_writes": lost,
            "load_average_1min": round(load_avg, 1), "server_cpu_s": round(server_cpu, 1),
            "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, len(stats["read_lat"]) +
                                                                     len(stats["write_lat"]) * 2), 1),
            "writes_per_s": round(len(accepted) / wall, 1), "reads": len(stats["read_lat"]),
            "reads_per_s": round(len(stats["read_lat"]) / wall, 1),
            "read_ms": {"p50": pct(stats["read_lat"], 0.5), "p95": pct(stats["read_lat"], 0.95),
                        "p99": pct(stats["read_lat"], 0.99)},
            "write_ms": {"p50": pct(stats["write_lat"], 0.5), "p95": pct(stats["write_lat"], 0.95),
                         "p99": pct(stats["write_lat"], 0.99)}}


def cmd_scorecard(args) -> dict:
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        url, drop = make_db(args.backend, Path(tmp))
        try:
            info = seed_province(url, args.items, with_history=True)
            port = free_port()
            proc = start_server(url, port, 1)
            try:
                lat = []
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as c:
                    t0 = time.perf_counter()  # the first read after the documents changed recounts the tallies
                    assert c.get(f"/pantau/wilayah/{info['region']}").status_code == 200
                    first = time.perf_counter() - t0
                    for _ in range(4):  # warm-up (templates, connection pool)
                        assert c.get(f"/pantau/wilayah/{info['region']}").status_code == 200
                    for _ in range(args.requests):
                        t0 = time.perf_counter()
                        r = c.get(f"/pantau/wilayah/{info['region']}")
                        lat.append(time.perf_counter() - t0)
                        assert r.status_code == 200
                    api = []
                    for _ in range(20):
                        t0 = time.perf_counter()
                        c.get(f"/api/v1/track/regions/{info['region']}")
                        api.append(time.perf_counter() - t0)
            finally:
                stop_server(proc)
        finally:
            drop()
    return {"backend": args.backend, "store": info, "requests": len(lat),
            "first_request_recount_ms": round(first * 1000, 1),
            "scorecard_page_ms": {"p50": pct(lat, 0.5), "p95": pct(lat, 0.95), "max": pct(lat, 1.0)},
            "scorecard_api_ms": {"p50": pct(api, 0.5), "p95": pct(api, 0.95)}}


FIGURES = (("reads_per_s", "reads/s"), ("writes_per_s", "writes/s"), ("server_cpu_ms_per_request", "server CPU ms per request"))


def cmd_against(args) -> dict:
    """The load, alternately with this checkout's and with ``args.against``'s sources (each its own process,
    store and server); the runs, and this checkout's medians as ratios to the other's."""
    other = Path(args.against).resolve()
    if not (other / "src" / "janji").is_dir():
        raise SystemExit(f"track.py: {other}: not a janji checkout (no src/janji)")
    argv = ["load", "--backend", args.backend, "--duration", str(args.duration), "--editors", str(args.editors),
            "--readers", str(args.readers), "--items", str(args.items), "--hot", str(args.hot)]
    if args.workers:
        argv += ["--workers", str(args.workers)]
    runs: dict[str, list[dict]] = {"this": [], "against": []}
    for _ in range(max(1, args.rounds)):
        for label, src in (("against", other / "src"), ("this", ROOT / "src")):
            env = {**os.environ, "PYTHONPATH": str(src)}
            done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *argv], env=env,
                                  capture_output=True, text=True, timeout=args.duration * 6 + 600)
            if done.returncode not in (0, 1) or not done.stdout.strip():
                raise SystemExit(f"track.py: the {label} run failed: {done.stderr[-2000:]}")
            runs[label].append(json.loads(done.stdout))
            print(f"{label}: {json.dumps({k: runs[label][-1][k] for k in ('reads_per_s', 'writes_per_s', 'read_ms', 'write_ms', 'errors', 'lost_writes')})}",
                  file=sys.stderr)

    def median(label, key, sub=None):
        values = sorted((r[key][sub] if sub else r[key]) for r in runs[label])
        return values[len(values) // 2]

    ratios = {name: round(median("this", key) / median("against", key), 2) for key, name in FIGURES}
    for key in ("read_ms", "write_ms"):
        for q in ("p50", "p95", "p99"):
            ratios[f"{key[:-3]} {q} latency"] = round(median("this", key, q) / median("against", key, q), 3)
    return {"against": str(other), "runs": runs, "this_over_against": ratios}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    load = sub.add_parser("load")
    load.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    load.add_argument("--duration", type=float, default=60)
    load.add_argument("--editors", type=int, default=20)
    load.add_argument("--readers", type=int, default=200)
    load.add_argument("--items", type=int, default=2500, help="promises in the store under load")
    load.add_argument("--hot", type=int, default=40, help="promises the editors fight over")
    load.add_argument("--against", default=None, help="another janji checkout to run the same load against")
    load.add_argument("--rounds", type=int, default=1, help="--against: alternate runs of each checkout")
    load.add_argument("--workers", type=int, default=None,
                      help="server worker processes (default: janji serve's own, one per core)")
    sc = sub.add_parser("scorecard")
    sc.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    sc.add_argument("--items", type=int, default=50000)
    sc.add_argument("--requests", type=int, default=100)
    args = ap.parse_args()
    if args.cmd == "load" and args.against:
        out = cmd_against(args)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    out = cmd_load(args) if args.cmd == "load" else cmd_scorecard(args)
    print(json.dumps(out, ensure_ascii=False, indent=2))
    if args.cmd == "load" and (out["errors"] or out["lost_writes"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
