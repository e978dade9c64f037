"""Store benchmark: ingest throughput (documents/s, items/s) and search latency (p50/p99) on a store of
100,000 items, on SQLite and PostgreSQL.

The documents are pre-built janji/1 dicts (the analyser is not measured): each has one candidate pair, a
visi, 5 misi and programmes/kegiatan under them. Item texts recombine the official nomenclature
(src/janji/data/kegiatan.csv: 8,686 kegiatan and sub kegiatan phrases) with place names from the
Kemendagri region list and numbers, so the vocabulary and the stemmer's cache behave as on real corpora;
sectors come from the phrase's bidang code. Queries are 1-3 words drawn from the same phrases (stemmed
the same way as user queries). Timings are wall clock on a shared 2-core machine: expect noise.

    .venv/bin/python bench/store.py                       # both backends, 100,000 items
    .venv/bin/python bench/store.py --backend sqlite --items 20000 --json
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from importlib import resources
from pathlib import Path

ITEMS_PER_DOC = 100
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
VERBS = ["Meningkatkan", "Membangun", "Memperluas", "Menyediakan", "Mempercepat", "Menata", "Mengembangkan",
         "Memperkuat", "Menjamin", "Merevitalisasi"]


def phrases() -> list[tuple[str, str]]:
    with resources.files("janji.data").joinpath("kegiatan.csv").open(encoding="utf-8") as fh:
        return [(r["name"], r["bidang_code"]) for r in csv.DictReader(fh)]


def places() -> list[str]:
    with resources.files("janji.data").joinpath("regions.csv").open(encoding="utf-8") as fh:
        return [r["name"].replace("Kabupaten ", "").replace("Kota ", "") for r in csv.DictReader(fh)]


def make_documents(n_items: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    ph, pl = phrases(), places()
    regions = []
    with resources.files("janji.data").joinpath("regions.csv").open(encoding="utf-8") as fh:
        regions = [r for r in csv.DictReader(fh) if r["level"] != "provinsi"]
    docs = []
    n_docs = max(1, n_items // ITEMS_PER_DOC)
    for d in range(n_docs):
        region = regions[d // 3 % len(regions)]  # three pairs per region
        items, count = [{"kind": "vision", "text": f"{region['name']} yang maju, adil dan sejahtera"}], 1
        missions = []
        for k in range(5):
            text, code = rng.choice(ph)
            missions.append({"kind": "mission", "label": str(k + 1), "text": f"{rng.choice(VERBS)} {text.lower()}",
                             "sectors": [code], "children": []})
            count += 1
        while count < ITEMS_PER_DOC:
            text, code = rng.choice(ph)
            place = rng.choice(pl)
            qty = rng.randint(1, 500)
            node = {"kind": rng.choice(["program", "program", "activity", "quick_win"]),
                    "text": f"{text} di {place} sebanyak {qty} unit", "sectors": [code],
                    "sdgs": [rng.randint(1, 17)], "quantities": [{"value": qty, "unit": "unit"}]}
            rng.choice(missions)["children"].append(node)
            count += 1
        items.extend(missions)
        docs.append({
            "schema": "janji/1", "source": {"name": f"bench-{d:05d}.txt", "sha256": uuid.UUID(int=rng.getrandbits(128)).hex * 2},
            "kind": "campaign", "region": {"name": region["name"], "code": region["code"], "level": region["level"]},
            "period": {"start": 2025, "end": 2030},
            "candidates": [{"number": d % 3 + 1, "head": f"Calon {d} Kepala", "deputy": f"Calon {d} Wakil",
                            "parties": [], "incumbent": None, "aliases": []}],
            "items": items,
        })
    return docs


def make_queries(n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    ph = phrases()
    out = []
    for _ in range(n):
        words = [w for w in rng.choice(ph)[0].split() if len(w) > 3 and w.isalpha()]
        if not words:
            continue
        k = rng.randint(1, min(3, len(words)))
        start = rng.randint(0, len(words) - k)
        out.append(" ".join(words[start:start + k]))
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench(url: str, docs: list[dict], queries: list[str]) -> dict:
    from janji.store import open_store

    store = open_store(url)
    t0, c0 = time.perf_counter(), time.process_time()
    items = 0
    for d in docs:
        r = store.ingest_document(d)
        if r.status != "added":
            raise SystemExit(f"{r.name}: {r.status} {r.reason}")
        items += r.items
    ingest_s = time.perf_counter() - t0
    ingest_cpu = time.process_time() - c0
    store.optimize()  # what `janji ingest` does at the end of a batch
    # warm-up: first queries pay for page cache and the stemmer's dictionary
    for q in queries[:10]:
        store.search(q)
    lat, hits = [], []
    for q in queries:
        t = time.perf_counter()
        res = store.search(q, limit=20)
        lat.append((time.perf_counter() - t) * 1000)
        hits.append(res["total"])
    t = time.perf_counter()
    store.compare(docs[0]["region"]["name"])
    compare_ms = (time.perf_counter() - t) * 1000
    stats = store.stats()
    store.close()
    return {"documents": len(docs), "items": items, "ingest_seconds": round(ingest_s, 1),
            "documents_per_second": round(len(docs) / ingest_s, 1), "items_per_second": round(items / ingest_s),
            "client_cpu_seconds": round(ingest_cpu, 1), "documents_per_cpu_second": round(len(docs) / ingest_cpu, 1),
            "queries": len(queries), "search_ms_p50": round(percentile(lat, 50), 1),
            "search_ms_p99": round(percentile(lat, 99), 1), "median_hits": statistics.median(hits),
            "compare_ms": round(compare_ms, 1), "stored_items": stats["items"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    docs = make_documents(args.items)
    queries = make_queries(args.queries)
    results = {}
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            results["sqlite"] = bench(f"sqlite:///{Path(tmp) / 'bench.db'}", docs, queries)
    if args.backend in ("postgresql", "both"):
        from sqlalchemy import create_engine, text

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            results["postgresql"] = bench(f"{PG_URL}?options=-csearch_path%3D{schema}", docs, queries)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return
    for backend, r in results.items():
        print(f"{backend:11s} {r['documents']} docs / {r['items']} items in {r['ingest_seconds']} s: "
              f"{r['documents_per_second']} docs/s ({r['items_per_second']} items/s; "
              f"{r['documents_per_cpu_second']} docs per CPU-second of this process); "
              f"search p50 {r['search_ms_p50']} ms, p99 {r['search_ms_p99']} ms "
              f"(median {r['median_hits']} hits); compare {r['compare_ms']} ms")


if __name__ == "__main__":
    main()
