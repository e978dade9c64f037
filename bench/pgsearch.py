"""PostgreSQL search on 100,000 items: this checkout against another (`--against DIR`), in the same run.

Each checkout builds its own store (bench/store.py's documents, its own code and migrations, one schema
each on 127.0.0.1:5432/test) in a subprocess, then both answer the same searches (bench/store.py's 1-3
word queries plus common single words), interleaved so that machine load falls on both alike. Prints
p50/p99 and searches/s of one client per checkout and whether both gave the same pages.

    .venv/bin/python bench/pgsearch.py --against <checkout of main>
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = ["daerah", "kota", "fasilitas", "bangun", "layan", "usaha", "didik", "kesehatan", "jalan", "air bersih"]


def serve(src: Path, schema: str, items: int) -> None:
    """In the subprocess: build the store, then answer queries from stdin (one JSON line each)."""
    sys.path[:0] = [str(src), str(HERE)]
    from sqlalchemy import create_engine, text

    from store import PG_URL, make_documents
    from janji.store import open_store

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    store = open_store(f"{PG_URL}?options=-csearch_path%3D{schema}")
    docs = make_documents(items)
    t = time.perf_counter()
    for d in docs:
        store.ingest_document(d)
    store.optimize()
    print(f"ready {time.perf_counter() - t:.1f}", flush=True)
    for line in sys.stdin:
        q = json.loads(line)
        t = time.perf_counter()
        res = store.search(q, limit=20)
        ms = (time.perf_counter() - t) * 1000
        print(json.dumps({"ms": ms, "total": res["total"], "page": [(r["id"], r["score"]) for r in res["results"]]}),
              flush=True)
    store.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", help="another janji checkout (its src/ is used; required)")
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3, help="times every query is asked")
    ap.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(Path(args.serve[0]), args.serve[1], args.items)
        return
    if not args.against:
        ap.error("--against DIR is required")
    sys.path.insert(0, str(HERE))
    from store import make_queries, percentile

    checkouts = {"this": HERE.parent / "src", "against": Path(args.against).resolve() / "src"}
    procs = {}
    for name, src in checkouts.items():
        procs[name] = subprocess.Popen(
            [sys.executable, __file__, "--items", str(args.items), "--serve", str(src),
             f"bench_{uuid.uuid4().hex[:8]}"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(src)})
    built = {}
    for name, p in procs.items():  # both build at once: the ingest times are only roughly comparable
        word, seconds = p.stdout.readline().split()
        assert word == "ready"
        built[name] = float(seconds)
    queries = make_queries(300) + WORDS
    lat = {name: [] for name in procs}
    differ = 0
    for q in queries[:10]:  # warm-up
        for p in procs.values():
            p.stdin.write(json.dumps(q) + "\n"); p.stdin.flush(); p.stdout.readline()
    load = os.getloadavg()[0]
    for _ in range(args.rounds):
        for q in queries:
            answers = {}
            for name, p in procs.items():
                p.stdin.write(json.dumps(q) + "\n"); p.stdin.flush()
                answers[name] = json.loads(p.stdout.readline())
                lat[name].append(answers[name]["ms"])
            differ += answers["this"]["total"] != answers["against"]["total"] \
                or answers["this"]["page"] != answers["against"]["page"]
    for p in procs.values():
        p.stdin.close(); p.wait()
    print(f"{args.items:,} items, {len(queries)} queries x {args.rounds}, one client each, load average "
          f"{load:.1f} before, {os.getloadavg()[0]:.1f} after; pages that differ: {differ}")
    for name, v in lat.items():
        print(f"{name:8} ({checkouts[name].parent}): search p50 {percentile(v, 50):.1f} ms, "
              f"p99 {percentile(v, 99):.1f} ms, "
              f"{1000 * len(v) / sum(v):.0f} searches/s; ingest and optimize {built[name]:.0f} s")
    common = [i for i, q in enumerate(queries * args.rounds) if q in WORDS]
    for name, v in lat.items():
        w = [v[i] for i in common]
        print(f"{name:8} common words only: p50 {percentile(w, 50):.1f} ms, p99 {percentile(w, 99):.1f} ms")


if __name__ == "__main__":
    main()
