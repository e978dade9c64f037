"""Benchmark the portal under load: requests/s and p50/p99 latency, next to Datasette on the same data.

    .venv/bin/python bench/web.py                      # 100,000 items, 50 clients, 15 s per scenario
    .venv/bin/python bench/web.py --items 20000 --seconds 5

Builds (once, cached in $TMPDIR/janji-bench-web/, or $JANJI_BENCH_DIR) a store of synthetic promises — real
region names, two pairs per election, 200 items per pair with sectors, SDGs and
targets — through the store's own import, and its SQLite export for Datasette.
Then serves the store with `janji serve` (its default worker processes) and the
export with `datasette serve` (loopback only) and drives each with the same load:
50 concurrent keep-alive HTTP/1.1 clients for a bounded time and request count.
Each figure is also given as a ratio to Datasette's in the same run, with the
server's own CPU time per request (its processes, from /proc). `--against DIR`
serves another checkout too (uncached, its own store built by its own code).

Scenarios (same regions and words for both servers):
- region page: Janji `/wilayah/{id}` (pairs side by side, sector chart, shared promises);
  Datasette `/{db}/items?document_id__in=…&_facet=primary_sector&_facet=kind` (the same items, faceted).
- search API: Janji `/api/v1/search?q=…&per_page=50` (stemmed FTS, filters, snippets);
  Datasette `/{db}/items.json?_search=…&_size=50` (FTS5 on the text, no stemming).

Search is measured a second time with one client (`--single-seconds`, 0 to skip):
its p50/p99 are the service time, what one user waits for. With 50 closed-loop
clients and no think time, latency is queueing instead (Little's law: mean
latency = clients / throughput), so a p99 under 100 ms at 50 clients would need
well over 500 requests/s from 2 shared cores; the one-client figures are the ones
to hold against a latency target.

The client runs on the same 2 cores as the server, so figures are a floor and
noisy; compare the two servers with each other, not with other machines. Its
own CPU per request is printed too (about 0.25 ms for a 50 kB search answer:
a few percent of what the servers take from the same cores).
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proc import cpu_seconds  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# the generated store is kept between runs, in the system's temporary folder (never in the repository)
OUT = Path(os.environ.get("JANJI_BENCH_DIR") or Path(tempfile.gettempdir()) / "janji-bench-web")
VENV_BIN = Path(sys.executable).parent
MAX_SECONDS = 60  # hard cap per scenario whatever the arguments say
MAX_REQUESTS = 100_000

VERBS = ["Pembangunan", "Peningkatan", "Penyediaan", "Perbaikan", "Pengembangan", "Pemberdayaan", "Penguatan",
         "Perluasan", "Revitalisasi", "Optimalisasi"]
OBJECTS = [("jalan desa", "1.03", 9, "km"), ("air bersih", "1.03", 6, "sambungan"), ("puskesmas", "1.02", 3, "unit"),
           ("beasiswa pendidikan", "1.01", 4, "siswa"), ("sekolah dasar", "1.01", 4, "unit"),
           ("pasar tradisional", "3.31", 8, "unit"), ("UMKM", "2.17", 8, "pelaku"), ("irigasi pertanian", "3.27", 2, "ha"),
           ("rumah tidak layak huni", "1.04", 11, "rumah"), ("bank sampah", "2.11", 12, "titik"),
           ("layanan kesehatan ibu dan anak", "1.02", 3, "posyandu"), ("wisata budaya", "3.26", 8, "desa"),
           ("internet desa", "2.16", 9, "titik"), ("pelatihan kerja", "2.07", 8, "orang"),
           ("lampu penerangan jalan", "1.03", 11, "titik"), ("ruang terbuka hijau", "2.11", 11, "ha")]
PLACES = ["di seluruh kecamatan", "di desa tertinggal", "di kawasan perkotaan", "bagi warga miskin", "bagi petani",
          "bagi nelayan", "bagi pemuda", "bagi perempuan kepala keluarga", "di daerah pesisir", "di wilayah perbatasan"]
SEARCH_WORDS = ["air bersih", "beasiswa", "jalan desa", "puskesmas", "pasar", "petani", "nelayan", "UMKM", "irigasi",
                "sampah"]
FIRST = ["Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gatot", "Hendra", "Indah", "Joko", "Kartika", "Lukman"]
LAST = ["Santoso", "Wijaya", "Lestari", "Siregar", "Nasution", "Hidayat", "Saputra", "Rahmawati", "Pratama", "Hakim"]


# --- data -------------------------------------------------------------------------------------------------------

def promise(rng: random.Random, kind: str, label: str) -> dict:
    obj, sector, sdg, unit = rng.choice(OBJECTS)
    text = f"{rng.choice(VERBS)} {obj} {rng.choice(PLACES)}"
    item = {"kind": kind, "label": label, "text": text, "sectors": [sector], "sdgs": [sdg]}
    if rng.random() < 0.4:
        value = rng.choice([5, 10, 20, 50, 100, 500, 1000, 10000])
        item["text"] += f" sebanyak {value:,} {unit}".replace(",", ".")
        item["quantities"] = [{"value": value, "unit": unit, "text": f"{value:,} {unit}".replace(",", ".")}]
    return item


def pair_document(rng: random.Random, region: dict, number: int, per_pair: int) -> dict:
    head = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    deputy = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    items = [{"kind": "vision", "text": f"{region['name']} yang {rng.choice(['Maju', 'Sejahtera', 'Mandiri'])} "
                                        f"dan {rng.choice(['Berdaya Saing', 'Berkeadilan', 'Religius'])}"}]
    count = 1
    m = 0
    while count < per_pair:
        m += 1
        mission = {"kind": "mission", "label": str(m), "text": f"Misi {m}: " + promise(rng, "mission", "")["text"],
                   "children": []}
        count += 1
        for p in range(6):
            if count >= per_pair:
                break
            program = promise(rng, "program", str(p + 1))
            program["children"] = []
            mission["children"].append(program)
            count += 1
            for a in range(5):
                if count >= per_pair:
                    break
                program["children"].append(promise(rng, "activity", "abcde"[a]))
                count += 1
        items.append(mission)
    name = f"bench-{region['code']}-{number}.txt"
    return {"schema": "janji/1", "source": {"name": name, "format": "text"}, "kind": "campaign",
            "region": {"name": region["name"], "code": region["code"], "level": region["level"]},
            "period": {"start": 2025, "end": 2030},
            "candidates": [{"number": number, "head": head, "deputy": deputy, "parties": ["PKB"], "incumbent": None,
                            "aliases": []}],
            "items": items}


def build(items: int, per_pair: int = 200, out: Path | None = None) -> tuple[Path, Path]:
    """The store and its Datasette export for ``items`` items (cached in ``out``, default :data:`OUT`)."""
    out = out or OUT
    out.mkdir(parents=True, exist_ok=True)
    db, export = out / f"store-{items}.db", out / f"export-{items}.db"
    if db.exists() and export.exists():
        return db, export
    for path in (db, export):
        if path.exists():
            path.unlink()
    from janji.store import open_store

    rng = random.Random(6)
    with open(ROOT / "src" / "janji" / "data" / "regions.csv", encoding="utf-8") as fh:
        regions = [r for r in csv.DictReader(fh) if r["level"] in ("kabupaten", "kota")]
    docs_needed = -(-items // per_pair)
    store = open_store(f"sqlite:///{db}")
    t0 = time.perf_counter()
    made = 0
    for i in range(docs_needed):
        region = regions[(i // 2) % len(regions)]
        doc = pair_document(rng, region, i % 2 + 1, min(per_pair, items - made))
        result = store.ingest_document(doc, origin=doc["source"]["name"])
        if result.status == "failed":
            raise SystemExit(f"bench: could not store a generated document: {result.reason}")
        made += result.items
        if i % 50 == 0:
            print(f"  building store: {made:,} items ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    print(f"  store: {made:,} items in {time.perf_counter() - t0:.0f} s; exporting for Datasette …", file=sys.stderr)
    store.optimize()  # as `janji ingest` does after adding documents
    store.export("sqlite", export)
    store.close()
    return db, export


# --- servers ----------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(cmd: list[str], port: int, env: dict[str, str]) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, **env})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench: {cmd[0]} exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise SystemExit(f"bench: {cmd[0]} did not listen on {port} within 60 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# --- load -------------------------------------------------------------------------------------------------------

async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _client(port: int, paths: list[str], stop_at: float, budget: list[int], lat: list[float],
                  errors: list[str], rng: random.Random) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop_at and budget[0] > 0:
            budget[0] -= 1
            path = rng.choice(paths)
            t0 = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode())
            await writer.drain()
            status = await _read_response(reader)
            lat.append(time.perf_counter() - t0)
            if status != 200:
                errors.append(f"{status} {path}")
    except (ConnectionError, asyncio.IncompleteReadError) as exc:
        errors.append(f"{type(exc).__name__}")
    finally:
        writer.close()


async def _load(port: int, paths: list[str], clients: int, seconds: float, max_requests: int) -> dict:
    lat: list[float] = []
    errors: list[str] = []
    budget = [max_requests]
    t0 = time.perf_counter()
    stop_at = t0 + seconds
    await asyncio.gather(*[_client(port, paths, stop_at, budget, lat, errors, random.Random(i))
                           for i in range(clients)])
    elapsed = time.perf_counter() - t0
    lat.sort()
    pct = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000) if lat else (lambda q: float("nan"))
    return {"requests": len(lat), "seconds": round(elapsed, 2), "rps": round(len(lat) / elapsed, 1),
            "p50_ms": round(pct(0.50), 1), "p99_ms": round(pct(0.99), 1),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else None,
            "errors": len(errors), "error_sample": errors[:3]}


def sweep(port: int, paths: list[str]) -> None:
    """Request every path once, in order (bounded: one request each, 60 s timeout)."""
    import urllib.request

    for path in paths:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
            response.read()


def load(port: int, paths: list[str], clients: int, seconds: float, max_requests: int, pid: int) -> dict:
    asyncio.run(_load(port, paths[:5], min(clients, 5), 2.0, 200))  # warm caches and lazy imports
    cpu0, client0 = cpu_seconds(pid), time.process_time()
    out = asyncio.run(_load(port, paths, clients, seconds, max_requests))
    # the server's own CPU per answered request: what carries over from a machine other jobs share
    out["cpu_ms_per_request"] = round(1000 * (cpu_seconds(pid) - cpu0) / max(1, out["requests"]), 1)
    # and this load generator's, taken from the same 2 cores (writing requests, reading whole responses)
    out["client_cpu_ms_per_request"] = round(1000 * (time.process_time() - client0) / max(1, out["requests"]), 2)
    return out


# --- main -------------------------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--max-requests", type=int, default=20_000)
    ap.add_argument("--single-seconds", type=float, default=8.0,
                    help="search API with one client too, for this long (service time; 0: skip)")
    ap.add_argument("--against", default=None,
                    help="another janji checkout served too, uncached, from its own store built by its own code")
    ap.add_argument("--build-only", default=None, help=argparse.SUPPRESS)  # --against: build in this folder
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    if args.build_only:
        build(args.items, out=Path(args.build_only))
        return
    seconds = min(args.seconds, MAX_SECONDS)
    max_requests = min(args.max_requests, MAX_REQUESTS)

    db, export = build(args.items)
    import sqlite3

    con = sqlite3.connect(export)
    regions = con.execute("SELECT region_id, group_concat(id) FROM documents WHERE region_id IS NOT NULL "
                          "GROUP BY region_id ORDER BY region_id LIMIT 50").fetchall()
    n_items = con.execute("SELECT count(*) FROM items").fetchone()[0]
    con.close()
    dbname = export.stem
    facets = "&_facet=primary_sector&_facet=kind"
    scenarios = {
        "region page": (
            [f"/wilayah/{rid}" for rid, _ in regions],
            [f"/{dbname}/items?document_id__in={ids}{facets}" for _, ids in regions]),
        "search API": (
            ["/api/v1/search?" + urlencode({"q": w, "per_page": 50}) for w in SEARCH_WORDS],
            [f"/{dbname}/items.json?_search={quote(w)}&_size=50" for w in SEARCH_WORDS]),
    }
    janji = [str(VENV_BIN / "janji"), "serve", "--db", f"sqlite:///{db}", "--port"]
    datasette = str(VENV_BIN / "datasette") if (VENV_BIN / "datasette").exists() else shutil.which("datasette")
    servers = [
        # the portal keeps comparisons and searches per store version: measured once without that cache
        # (every request computed: first views) and once with it after every path was shown (repeat views)
        ("janji", "first views", janji, {"JANJI_WEB_CACHE_SIZE": "0"}),
        ("janji", "repeat views", janji, {}),
        # Janji computes no facet suggestions either; leave Datasette's out of the comparison
        ("datasette", "", [datasette, "serve", str(export), "--host", "127.0.0.1", "--setting", "suggest_facets", "off",
                           "--port"], {}),
    ]
    if args.against:
        other = Path(args.against).resolve()
        if not (other / "src" / "janji").is_dir():
            raise SystemExit(f"web.py: {other}: not a janji checkout (no src/janji; --against)")
        other_env = {"PYTHONPATH": str(other / "src")}
        other_dir = OUT / f"against-{other.name}"
        subprocess.run([sys.executable, __file__, "--items", str(args.items), "--build-only", str(other_dir)],
                       env={**os.environ, **other_env}, check=True)
        servers.insert(1, ("against", "first views",
                           [str(VENV_BIN / "janji"), "serve", "--db", f"sqlite:///{other_dir / f'store-{args.items}.db'}",
                            "--port"], {**other_env, "JANJI_WEB_CACHE_SIZE": "0"}))
    results = {"items": n_items, "clients": args.clients, "seconds": seconds, "max_requests": max_requests,
               "cores": os.cpu_count(), "load_average_1min_before": round(os.getloadavg()[0], 1),
               "against": args.against, "runs": []}
    for name, variant, cmd, env in servers:
        port = free_port()
        proc = start(cmd + [str(port)], port, env)
        time.sleep(1.0)  # let every worker process start accepting
        try:
            for scenario, (janji_paths, ds_paths) in scenarios.items():
                paths = ds_paths if name == "datasette" else janji_paths
                if variant == "repeat views":
                    sweep(port, paths)
                label = f"{scenario}, {variant}" if variant else scenario
                runs = [(label, scenario, args.clients, seconds)]
                if scenario == "search API" and args.single_seconds > 0:
                    # one client: no queue, so p50/p99 are what a user waits for (the 100 ms target)
                    runs.append((f"{label}, 1 client", f"{scenario}, 1 client", 1,
                                 min(args.single_seconds, MAX_SECONDS)))
                for run_label, kind, clients, run_seconds in runs:
                    r = load(port, paths, clients, run_seconds, max_requests, proc.pid)
                    results["runs"].append({"server": name, "scenario": run_label, "kind": kind,
                                            "clients": clients, **r})
                    print(f"{name:10} {run_label:36} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms  "
                          f"p99 {r['p99_ms']:7.1f} ms  CPU {r['cpu_ms_per_request']:6.1f} ms/request "
                          f"(client {r['client_cpu_ms_per_request']:.2f})  "
                          f"({r['requests']} requests, {r['errors']} errors)", file=sys.stderr)
        finally:
            stop(proc)
    anchors = {r["kind"]: r for r in results["runs"] if r["server"] == "datasette"}
    for r in results["runs"]:
        anchor = anchors.get(r["kind"])
        if anchor and r["server"] != "datasette":
            # throughput and the server's CPU per request, both against Datasette measured in this run
            r["rps_vs_datasette"] = round(r["rps"] / anchor["rps"], 2) if anchor["rps"] else None
            r["cpu_vs_datasette"] = round(anchor["cpu_ms_per_request"] / r["cpu_ms_per_request"], 2) \
                if r["cpu_ms_per_request"] else None
    results["load_average_1min_after"] = round(os.getloadavg()[0], 1)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"\n{n_items:,} items, {args.clients} concurrent clients, {seconds:g} s per run, loopback, "
              f"{os.cpu_count()} cores shared by client and server (load average {results['load_average_1min_before']}"
              f" before, {results['load_average_1min_after']} after)\n")
        print("| server | scenario | requests/s | × Datasette | p50 ms | p99 ms | server CPU ms/request "
              "| Datasette's CPU / this | client CPU ms/request | requests | errors |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in results["runs"]:
            print(f"| {r['server']} | {r['scenario']} | {r['rps']} | {r.get('rps_vs_datasette', '')} | {r['p50_ms']} "
                  f"| {r['p99_ms']} | {r['cpu_ms_per_request']} | {r.get('cpu_vs_datasette', '')} "
                  f"| {r['client_cpu_ms_per_request']} | {r['requests']} | {r['errors']} |")
        # Little's law for a closed loop without think time: mean latency = clients / throughput
        for r in results["runs"]:
            if r["kind"] == "search API" and r["server"] != "against":
                print(f"\n{r['server']} {r['scenario']}: {args.clients} clients / {r['rps']} requests/s = "
                      f"{1000 * args.clients / r['rps']:.0f} ms mean wait by Little's law; a p99 under 100 ms "
                      f"at {args.clients} clients needs more than {args.clients / 0.1:.0f} requests/s",
                      end="")
        print()


if __name__ == "__main__":
    main()
