#!/usr/bin/env python3
"""Documents per second with the distributed engine: sync vs Dask processes vs a dask.distributed cluster.

    .venv/bin/python bench/scale.py [--copies 60] [--workers 2] [--modes sync,processes,cluster] [--json]

The corpus (a temporary folder, removed afterwards): the seed documents of
examples/seeds copied ``--copies`` times under different names (5 seeds x 60
= 300 documents), each copy's longer lines ending in a made-up word of its
own so that the classifier's per-sentence cache does not serve copies for free
(``--identical-copies`` turns that off). Each mode analyses the whole corpus into its own output
folder with :func:`janji.scale.analyze_many`:

- ``sync``: one process, as `janji analyze --out` (the pipeline is loaded
  before the clock starts, as in a long batch);
- ``processes``: Dask's multiprocessing scheduler, ``--workers`` processes on
  this machine; the time includes starting them and loading the pipeline in each;
- ``cluster``: a ``distributed.LocalCluster`` with ``--workers`` worker
  processes of one thread each, reached over TCP on 127.0.0.1 exactly as a
  remote cluster would be (the client reads the files and writes the JSON);
  the cluster's own start-up is printed apart, the run includes the workers
  loading the pipeline.

Every mode's output is compared with the sync output byte for byte. Besides
wall time, the CPU seconds spent (this process plus its finished child
processes) show what parallelism costs in overhead, separately from how much
of the cores the machine actually gave the run. Figures
on a shared 2-core machine are noisy (other processes compete for the same
cores): run it twice and read the ratio, not the absolute numbers. With 2
cores, parallelism can at most double throughput; the point of the cluster
mode is that the same command scales out over more machines.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
sys.path.insert(0, str(ROOT / "src"))

from janji.scale import analyze_many  # noqa: E402
from janji.scale.tasks import pipeline  # noqa: E402


def tag(n: int) -> str:
    """A made-up word for copy ``n`` (letters only, so it never reads as a quantity)."""
    letters = ""
    n += 26 * 26  # at least three letters
    while n:
        n, r = divmod(n, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[r] + letters
    return "x" + letters


def make_corpus(folder: Path, copies: int, unique: bool = True) -> list[Path]:
    """``copies`` of every seed; with ``unique``, each copy's longer lines end in a word of its own.

    The classifier caches results by sentence text: identical copies would be
    classified once and then served from the cache, flattering the figures.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(copies):
        for seed in seeds:
            path = folder / f"{seed.stem}_{n:04d}{seed.suffix}"
            if unique:
                lines = seed.read_text(encoding="utf-8").splitlines()
                path.write_text("\n".join(f"{line} {tag(n)}" if len(line.split()) >= 4 else line for line in lines)
                                + "\n", encoding="utf-8")
            else:
                shutil.copyfile(seed, path)
            paths.append(path)
    return paths


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pool and cluster workers, once they exit)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(label: str, paths: list[Path], out: Path, scheduler, workers: int) -> dict:
    t0 = time.perf_counter()
    results = analyze_many(paths, out, scheduler=scheduler, num_workers=workers)
    seconds = time.perf_counter() - t0
    return {"mode": label, "documents": len(paths), "seconds": round(seconds, 2),
            "docs_per_s": round(len(paths) / seconds, 2), "failed": sum(not r.ok for r in results),
            "workers_seen": len({r.worker for r in results if r.worker}),
            "analysis_s_per_doc": round(sum(r.seconds for r in results) / max(1, len(results)), 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=60, help="copies of each seed document (default 60)")
    ap.add_argument("--workers", type=int, default=2, help="processes for 'processes' and the cluster (default 2)")
    ap.add_argument("--modes", default="sync,processes,cluster")
    ap.add_argument("--identical-copies", action="store_true",
                    help="copy the seeds unchanged (the classifier's cache then serves most sentences)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    modes = args.modes.split(",")

    tmp = Path(tempfile.mkdtemp(prefix="janji-bench-scale-"))
    try:
        paths = make_corpus(tmp / "corpus", args.copies, unique=not args.identical_copies)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        rows = []
        notes = {"cores": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 1), "megabytes": round(mb, 2)}
        if "sync" in modes:
            pipeline()  # loaded before the clock: a long sync batch pays it once
            c0 = cpu_seconds()
            rows.append(run("sync", paths, tmp / "sync", None, args.workers))
            rows[-1]["cpu_s"] = round(cpu_seconds() - c0, 1)
        if "processes" in modes:
            c0 = cpu_seconds()
            rows.append(run("processes", paths, tmp / "processes", "processes", args.workers))
            rows[-1]["cpu_s"] = round(cpu_seconds() - c0, 1)  # the pool has exited: its CPU time is counted
        if "cluster" in modes:
            from distributed import LocalCluster
            t0, c0 = time.perf_counter(), cpu_seconds()
            with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                              host="127.0.0.1") as cluster:
                notes["cluster_start_s"] = round(time.perf_counter() - t0, 2)
                rows.append(run("cluster", paths, tmp / "cluster", cluster.scheduler_address, args.workers))
            rows[-1]["cpu_s"] = round(cpu_seconds() - c0, 1)  # includes the cluster's start-up and shutdown
        base = outputs(tmp / rows[0]["mode"]) if rows else {}
        for row in rows:
            row["identical_to_" + rows[0]["mode"]] = outputs(tmp / row["mode"]) == base
        notes["load_avg_1m_after"] = round(os.getloadavg()[0], 1)
        if args.json:
            print(json.dumps({"rows": rows, "notes": notes}, indent=2))
            return
        print(f"corpus: {len(paths)} documents ({mb:.1f} MB), {notes['cores']} cores, "
              f"load average {notes['load_avg_1m']} -> {notes['load_avg_1m_after']}")
        if "cluster_start_s" in notes:
            print(f"LocalCluster start-up: {notes['cluster_start_s']} s (not counted below)")
        sync = next((r for r in rows if r["mode"] == "sync"), None)
        for row in rows:
            speedup = f"  x{row['docs_per_s'] / sync['docs_per_s']:.2f} vs sync" if sync and row is not sync else ""
            same = "identical" if row["identical_to_" + rows[0]["mode"]] else "DIFFERENT OUTPUT"
            print(f"{row['mode']:>10}: {row['seconds']:7.1f} s  {row['docs_per_s']:6.2f} docs/s  "
                  f"CPU {row['cpu_s']:6.1f} s ({row['cpu_s'] / row['documents']:.2f} s/doc)  "
                  f"failed {row['failed']}  workers {row['workers_seen']}  {same}{speedup}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
