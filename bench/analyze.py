#!/usr/bin/env python3
"""Throughput of the whole analyser over a corpus, against the floor of merely reading the files.

    .venv/bin/python bench/analyze.py [--mb 50] [--pdf 20] [--docx 20] [--stages read,clean]
                                      [--max-seconds 600] [--json]
    .venv/bin/python bench/analyze.py --devset [--dir ../shared/devset/docs] [--passes 9]
                                      [--against /path/to/another/checkout] [--json]

The corpus (written to a temporary folder, removed afterwards): the five seed
documents from examples/seeds copied under new names until the text reaches
``--mb`` megabytes, plus ``--pdf`` PDFs and ``--docx`` DOCX files generated from
the seeds (reportlab, python-docx: list lines become real numbered
paragraphs, text wrapped at a page width), so every reader is exercised.

Printed figures:

- the seeds alone: the five seed documents analysed once, cold (first use
  loads every stage's data and models) and warm; the target is < 2 s warm;
- documents/s and MB/s over the corpus, per format;
- seconds per stage (where the time goes);
- the ratio of analyse time to the *floor*: the time to read the same files
  and Unicode-normalise their bytes (UTF-8 decode + NFC), i.e. what any tool
  must spend at least.

``--stages`` runs only some stages (``read,clean`` measures the readers and
cleaning alone). ``--max-seconds`` stops analysing the corpus after that long
and reports figures over the documents done so far (marked "partial").
The machine is shared with other work: figures are noisy, run it twice.

``--devset`` measures instead the warm time of one pass of the whole pipeline
(every stage, then the janji/1 JSON text as ``janji analyze --out`` writes it)
over the documents of ``--dir`` (default ``../shared/devset/docs``, the 31
development documents), each analysed once per pass. Each checkout runs in its
own worker process (this checkout's ``src``, and with ``--against DIR`` also
``DIR/src``, e.g. a ``git worktree add`` of an older commit); every worker
analyses the folder once to load its data and models, then the passes are
interleaved — one pass of each checkout in turn, the order alternating — so
both see the same load. Printed: best and median wall seconds per pass, best
CPU seconds per pass (the steadier figure on a shared machine), seconds per
stage in the best pass, and the ratio of this checkout to the other (best wall,
median wall, best CPU, and the median of the pass-by-pass CPU ratios). To
reproduce the README's row against the commit the speed goal was set at
(issue 10: "not slower than today"; the other checkout needs nothing built, it
runs on this checkout's virtualenv):

    git worktree add --detach /tmp/janji-abd3c5f abd3c5f
    .venv/bin/python bench/analyze.py --devset --against /tmp/janji-abd3c5f --passes 31
    .venv/bin/python bench/analyze.py --devset --dir ../shared/corpus/docs --against /tmp/janji-abd3c5f
    git worktree remove /tmp/janji-abd3c5f

Measured so (2 shared cores, load ~1): 0.264 s per pass against 0.310 s at
abd3c5f, 0.85x (0.45 s before the speed work).

``--distinct`` measures what a batch of new documents costs, where no cache of
the analyser (stems, classified texts, regexes) has seen them: a fresh worker
process per run loads the pipeline, warms up on the five seeds, measures the
*floor* over the same files (read + UTF-8 decode + NFC + ``re.findall(r"\w+")``,
best of five), then analyses every document of the development set and the
corpus once (``--dir`` may be given several times), as ``janji analyze FOLDER
--out DIR`` does (the batch engine, files written to a temporary folder), then
once more stage by stage for the CPU seconds per stage.
Printed: the marginal analyse time as a multiple of the floor (CPU and wall),
the same without the time spent inside the embedding model, the seconds per
stage, and with ``--against DIR`` the same for another checkout, the runs
interleaved (``--runs`` each, the order alternating) so both see the same load.
The issue-13 target is <= 40x the floor. Each worker runs on a copy of the user's cache folder without the
Sastrawi stems kept there (see docs/analyze.md): a word an earlier run stemmed would not be new.

``--startup`` times ``janji analyze`` of one small file, as a user runs it
(a new process: start-up, imports, data and models loaded, analysis, the file
written; the modules' bytecode compiled beforehand, as an installed package has
it), ``--runs`` times, against the anchors of the same run: ``python -c
pass`` and ``python -c "import numpy"``. Wall and CPU seconds (best and
median). The issue-13 target is < 250 ms of wall time. With ``--against DIR``
the other checkout's is timed too, interleaved.

    .venv/bin/python bench/analyze.py --distinct [--runs 3] [--against DIR] [--json]
    .venv/bin/python bench/analyze.py --startup [--runs 9] [--against DIR] [--json]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
DEVSET = ROOT.parent / "shared" / "devset" / "docs"
# A devset worker (see devset_worker) imports janji from the checkout it was given, not from this one.
WORKER = len(sys.argv) > 2 and sys.argv[1] in ("--worker", "--distinct-worker")
sys.path.insert(0, sys.argv[2] if WORKER else str(ROOT / "src"))

from janji.document import Document  # noqa: E402
from janji.errors import JanjiError  # noqa: E402
from janji.pipeline import STAGES, Pipeline, deadline, TIME_LIMIT  # noqa: E402


def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def make_pdf(text: str) -> bytes:
    from janji.lang.markers import MARKER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = 800.0
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            y -= 8
            continue
        marker = MARKER.match(line + " ")
        x = 72 + (24 if raw.startswith("  ") and marker else 0)
        hang = c.stringWidth(line[: marker.end()], "Helvetica", 10) if marker else 0
        for i, part in enumerate(simpleSplit(line, "Helvetica", 10, 440 - (x - 72))):
            if y < 60:
                c.showPage()
                y = 800.0
            c.setFont("Helvetica", 10)
            c.drawString(x + (hang if i else 0), y, part)
            y -= 13
    c.showPage()
    c.save()
    return buf.getvalue()


def make_docx(text: str) -> bytes:
    """The text typed into Word: real numbered lists restarting per list (the tests' builder)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("janji_test_builders", ROOT / "tests" / "read" / "builders.py")
    builders = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builders)
    return builders.docx_from_text(text)


def build_corpus(folder: Path, mb: float, n_pdf: int, n_docx: int) -> list[Path]:
    seeds = seed_texts()
    files: list[Path] = []
    total = 0
    i = 0
    target = mb * 1e6
    names = list(seeds)
    while total < target:
        name = names[i % len(names)]
        data = seeds[name].encode("utf-8")
        path = folder / f"{i:06d}_{name}"
        path.write_bytes(data)
        files.append(path)
        total += len(data)
        i += 1
    for j in range(n_pdf):
        name = names[j % len(names)]
        path = folder / f"pdf{j:04d}_{Path(name).stem}.pdf"
        path.write_bytes(make_pdf(seeds[name]))
        files.append(path)
    for j in range(n_docx):
        name = names[j % len(names)]
        path = folder / f"docx{j:04d}_{Path(name).stem}.docx"
        path.write_bytes(make_docx(seeds[name]))
        files.append(path)
    return files


WORD = re.compile(r"\w+")


def floor_seconds(files: list[Path], clock=time.perf_counter) -> float:
    """Read, decode, NFC-normalise and split into words: what any tool must spend at least on the files."""
    start = clock()
    for path in files:
        WORD.findall(unicodedata.normalize("NFC", path.read_bytes().decode("utf-8", errors="replace")))
    return clock() - start


def analyse(pipe: Pipeline, files: list[Path], max_seconds: float | None):
    per_stage: dict[str, float] = defaultdict(float)
    per_format: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])  # docs, bytes, seconds
    failed = 0
    done: list[Path] = []
    start = time.perf_counter()
    for path in files:
        raw = path.read_bytes()
        doc = Document.from_bytes(raw, path.name)
        t0 = time.perf_counter()
        try:
            with deadline(TIME_LIMIT, path.name):
                for name, stage in pipe.stages:
                    s0 = time.perf_counter()
                    stage(doc)
                    per_stage[name] += time.perf_counter() - s0
        except JanjiError:
            failed += 1
        fmt = doc.source.format or "?"
        per_format[fmt][0] += 1
        per_format[fmt][1] += len(raw)
        per_format[fmt][2] += time.perf_counter() - t0
        done.append(path)
        if max_seconds and time.perf_counter() - start > max_seconds:
            break
    return time.perf_counter() - start, done, dict(per_stage), dict(per_format), failed


def seeds_alone(pipe_factory) -> tuple[float, float]:
    seeds = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    times = []
    pipe = pipe_factory()
    for _ in range(2):  # cold (lazy loading of data and models), then warm
        start = time.perf_counter()
        for name, raw in seeds:
            pipe.analyze_bytes(raw, name)
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def timed_analysis(pipe: Pipeline, named_bytes, clock=time.perf_counter) -> tuple[dict[str, float], int, int]:
    """Analyse (name, bytes) pairs stage by stage and write each janji/1 text: (seconds per stage and "json"
    by ``clock``, items found, documents that failed)."""
    per_stage: dict[str, float] = defaultdict(float)
    items = failed = 0
    for name, raw in named_bytes:
        doc = Document.from_bytes(raw, name)
        try:
            for stage_name, stage in pipe.stages:
                s0 = clock()
                stage(doc)
                per_stage[stage_name] += clock() - s0
            s0 = clock()
            doc.dumps()
            per_stage["json"] += clock() - s0
        except JanjiError:
            failed += 1
            continue
        items += sum(1 for _ in doc.walk())
    return dict(per_stage), items, failed


def devset_worker(folder: str) -> None:
    """One checkout's side of ``--devset``: analyse the folder once per "pass" line read from stdin.

    Runs with janji imported from the checkout named on the command line; answers each
    pass with one JSON line (wall and CPU seconds, seconds per stage, documents, items).
    """
    files = [(p.name, p.read_bytes()) for p in sorted(Path(folder).iterdir()) if p.is_file()]
    pipe = Pipeline()

    def one_pass() -> dict:
        c0, w0 = time.process_time(), time.perf_counter()
        per_stage, items, failed = timed_analysis(pipe, files)
        return {"wall": time.perf_counter() - w0, "cpu": time.process_time() - c0, "documents": len(files),
                "items": items, "failed": failed, "per_stage": per_stage}

    load = time.perf_counter()
    cold = one_pass()  # loads every stage's data and models
    print(json.dumps({"ready": True, "cold": cold["wall"], "load": time.perf_counter() - load,
                      "janji": str(Path(sys.modules["janji"].__file__).parent)}), flush=True)
    for line in sys.stdin:
        if line.strip() != "pass":
            break
        print(json.dumps(one_pass()), flush=True)


def devset(args) -> None:
    folder = Path(args.dir).resolve()
    if not folder.is_dir():
        sys.exit(f"analyze.py: {folder}: no such folder (--dir)")
    checkouts = _checkouts(args)
    workers = {}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for label, checkout in checkouts.items():
        workers[label] = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(checkout / "src"), str(folder)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=str(checkout))
    try:
        info = {label: json.loads(w.stdout.readline()) for label, w in workers.items()}
        runs: dict[str, list[dict]] = {label: [] for label in workers}
        labels = list(workers)
        for k in range(args.passes):
            for label in (labels if k % 2 == 0 else labels[::-1]):
                w = workers[label]
                w.stdin.write("pass\n")
                w.stdin.flush()
                runs[label].append(json.loads(w.stdout.readline()))
    finally:
        for w in workers.values():
            if w.stdin:
                w.stdin.close()
            w.wait(timeout=60)

    def summary(label: str) -> dict:
        passes = runs[label]
        best = min(passes, key=lambda r: r["wall"])
        return {"checkout": str(checkouts[label]), "janji": info[label]["janji"],
                "documents": best["documents"], "items": best["items"], "failed": best["failed"],
                "cold_s": round(info[label]["cold"], 3), "passes": len(passes),
                "best_s": round(best["wall"], 3), "median_s": round(statistics.median(r["wall"] for r in passes), 3),
                "best_cpu_s": round(min(r["cpu"] for r in passes), 3),
                "median_cpu_s": round(statistics.median(r["cpu"] for r in passes), 3),
                "per_stage_s": {k: round(v, 3) for k, v in best["per_stage"].items()}}

    figures = {"folder": str(folder), **{label: summary(label) for label in workers}}
    if "against" in figures:
        a, b = figures["this"], figures["against"]
        figures["ratio_best"] = round(a["best_s"] / b["best_s"], 3)
        figures["ratio_median"] = round(a["median_s"] / b["median_s"], 3)
        figures["ratio_best_cpu"] = round(a["best_cpu_s"] / b["best_cpu_s"], 3)
        # pass by pass (same moment, same load): the median of the paired ratios
        figures["ratio_paired_median"] = round(statistics.median(
            x["cpu"] / y["cpu"] for x, y in zip(runs["this"], runs["against"])), 3)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['folder']}: the whole pipeline and the janji/1 JSON text, {args.passes} warm passes each")
    for label in workers:
        f = figures[label]
        print(f"{label:8s} {f['checkout']}: {f['documents']} documents, {f['items']} items, {f['failed']} failed")
        print(f"         per pass: best {f['best_s']:.3f} s, median {f['median_s']:.3f} s wall;"
              f" best {f['best_cpu_s']:.3f} s, median {f['median_cpu_s']:.3f} s CPU (cold first pass {f['cold_s']:.2f} s)")
        total = sum(f["per_stage_s"].values()) or 1
        print("         seconds per stage (best pass): " + ", ".join(
            f"{k} {v:.3f} ({100 * v / total:.0f} %)" for k, v in f["per_stage_s"].items()))
    if "against" in figures:
        print(f"this / against: best wall {figures['ratio_best']}, median wall {figures['ratio_median']},"
              f" best CPU {figures['ratio_best_cpu']}, median of paired CPU ratios {figures['ratio_paired_median']}"
              f" — not slower: {'ok' if figures['ratio_best_cpu'] <= 1.0 else 'SLOWER'}")


def distinct_worker(folders: list[str]) -> None:
    """One run of ``--distinct`` in a fresh process (janji imported from the checkout on the command line)."""
    files = [p for folder in folders for p in sorted(Path(folder).iterdir()) if p.is_file()]
    t0 = time.perf_counter()
    pipe = Pipeline()
    for path in sorted(SEEDS.glob("*.txt")):  # warm-up: every stage's data and models loaded, on other texts
        pipe.analyze_path(path).dumps()
    warm_up = time.perf_counter() - t0
    model = {"wall": 0.0, "cpu": 0.0, "calls": 0, "texts": 0}
    from janji.classify import get_classifier

    try:
        classifier = get_classifier()
        embedder = classifier.embedder
        if embedder is not None:
            embed = embedder.embed

            def timed_embed(texts, kind="query"):
                w, c = time.perf_counter(), time.process_time()
                try:
                    return embed(texts, kind)
                finally:
                    model["wall"] += time.perf_counter() - w
                    model["cpu"] += time.process_time() - c
                    model["calls"] += 1
                    model["texts"] += len(texts)

            embedder.embed = timed_embed
    except (ImportError, AttributeError):
        pass
    floor_cpu = min(floor_seconds(files, time.process_time) for _ in range(5))
    floor_wall = min(floor_seconds(files) for _ in range(5))
    # as `janji analyze FOLDER --out DIR` runs them: the batch engine, files written (to a temporary folder)
    from janji.scale import iter_analyze, plan

    with tempfile.TemporaryDirectory(prefix="janji-bench-") as out:
        jobs, _ = plan(files, out)
        c0, w0 = time.process_time(), time.perf_counter()
        results = list(iter_analyze(jobs))
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    items, failed = sum(r.items for r in results if r.ok), sum(1 for r in results if not r.ok)
    # then the same documents stage by stage, for the CPU per stage, with the classifier's cache emptied
    # (its model's time is counted again: the breakdown is its own measurement)
    get_classifier().cache.clear()
    model_batch = dict(model)
    per_stage, _, _ = timed_analysis(pipe, ((p.name, p.read_bytes()) for p in files), time.process_time)
    model.update(model_batch)
    print(json.dumps({"documents": len(files), "bytes": sum(p.stat().st_size for p in files), "items": items,
                      "failed": failed, "cpu": cpu, "wall": wall, "floor_cpu": floor_cpu, "floor_wall": floor_wall,
                      "model": model, "per_stage_cpu": per_stage, "warm_up": warm_up,
                      "janji": str(Path(sys.modules["janji"].__file__).parent)}), flush=True)


def _checkouts(args) -> dict[str, Path]:
    checkouts = {"this": ROOT}
    if args.against:
        other = Path(args.against).resolve()
        if not (other / "src" / "janji").is_dir():
            sys.exit(f"analyze.py: {other}: not a janji checkout (no src/janji; --against)")
        checkouts["against"] = other
    return checkouts


@contextlib.contextmanager
def _cache_without_stems():
    """A copy of the user's cache folder (compiled patterns, janji.cache's forms of the data files) without the
    Sastrawi stems kept there: a word some earlier run stemmed would not be new to the analyser."""
    from janji import cache

    folder = Path(tempfile.mkdtemp(prefix="janji-bench-cache-"))
    try:
        kept = cache.folder()
        if kept is not None and kept.is_dir():
            for path in kept.iterdir():
                if path.is_file() and not path.name.startswith("stems-"):
                    shutil.copy2(path, folder / path.name)
        yield str(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def distinct(args) -> None:
    folders = [str(Path(d).resolve()) for d in (args.dir_list or [DEVSET, DEVSET.parent.parent / "corpus" / "docs"])]
    for folder in folders:
        if not Path(folder).is_dir():
            sys.exit(f"analyze.py: {folder}: no such folder (--dir)")
    checkouts = _checkouts(args)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    runs: dict[str, list[dict]] = {label: [] for label in checkouts}
    labels = list(checkouts)
    for k in range(args.runs):
        for label in (labels if k % 2 == 0 else labels[::-1]):
            with _cache_without_stems() as cache_dir:
                out = subprocess.run([sys.executable, __file__, "--distinct-worker", str(checkouts[label] / "src"), *folders],
                                     capture_output=True, text=True, env={**env, "JANJI_CACHE_DIR": cache_dir},
                                     cwd=str(checkouts[label]), check=True)
            runs[label].append(json.loads(out.stdout.strip().splitlines()[-1]))

    def summary(label: str) -> dict:
        rs = runs[label]
        best = min(rs, key=lambda r: r["cpu"] / r["floor_cpu"])
        ratio = [r["cpu"] / r["floor_cpu"] for r in rs]
        ratio_wall = [r["wall"] / r["floor_wall"] for r in rs]
        no_model = [(r["cpu"] - r["model"]["cpu"]) / r["floor_cpu"] for r in rs]
        return {"checkout": str(checkouts[label]), "janji": best["janji"], "documents": best["documents"],
                "megabytes": round(best["bytes"] / 1e6, 3), "items": best["items"], "failed": best["failed"],
                "runs": len(rs), "floor_cpu_ms": round(1000 * best["floor_cpu"], 2),
                "cpu_s": round(best["cpu"], 3), "wall_s": round(best["wall"], 3),
                "ratio_cpu_best": round(min(ratio), 1), "ratio_cpu_median": round(statistics.median(ratio), 1),
                "ratio_wall_median": round(statistics.median(ratio_wall), 1),
                "ratio_cpu_without_model_median": round(statistics.median(no_model), 1),
                "model_cpu_s": round(best["model"]["cpu"], 3), "model_calls": best["model"]["calls"],
                "model_texts": best["model"]["texts"],
                "per_stage_cpu_s": {k: round(v, 3) for k, v in best["per_stage_cpu"].items()}}

    figures = {"folders": folders, **{label: summary(label) for label in checkouts}}
    if "against" in figures:
        figures["ratio_this_to_against_cpu"] = round(statistics.median(
            a["cpu"] / b["cpu"] for a, b in zip(runs["this"], runs["against"])), 3)
        figures["ratio_this_to_against_cpu_without_model"] = round(statistics.median(
            (a["cpu"] - a["model"]["cpu"]) / (b["cpu"] - b["model"]["cpu"]) for a, b in zip(runs["this"], runs["against"])), 3)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"distinct documents, each analysed once after a warm-up on the seeds, {args.runs} fresh processes per checkout:")
    print("  " + ", ".join(folders))
    for label in checkouts:
        f = figures[label]
        print(f"{label:8s} {f['checkout']}: {f['documents']} documents ({f['megabytes']} MB), {f['items']} items, {f['failed']} failed")
        print(f"         floor (read + decode + NFC + \\w+ words) {f['floor_cpu_ms']} ms CPU; analyse {f['cpu_s']} s CPU, {f['wall_s']} s wall (best run)")
        print(f"         analyse / floor: {f['ratio_cpu_best']}x best, {f['ratio_cpu_median']}x median (CPU),"
              f" {f['ratio_wall_median']}x median (wall); without the embedding model {f['ratio_cpu_without_model_median']}x"
              f" — target <= 40x: {'ok' if f['ratio_cpu_median'] <= 40 else 'NOT MET'}")
        print(f"         embedding model: {f['model_cpu_s']} s CPU in {f['model_calls']} calls for {f['model_texts']} texts")
        total = sum(f["per_stage_cpu_s"].values()) or 1
        print("         CPU seconds per stage: " + ", ".join(
            f"{k} {v:.3f} ({100 * v / total:.0f} %)" for k, v in f["per_stage_cpu_s"].items()))
    if "against" in figures:
        print(f"this / against (median of paired runs, CPU): {figures['ratio_this_to_against_cpu']};"
              f" without the model {figures['ratio_this_to_against_cpu_without_model']}")


SMALL_TEXT = """Visi: Kota Contoh yang Maju, Sehat dan Berbudaya
Misi:
1. Membangun jalan desa sepanjang 25 km setiap tahun
2. Pendidikan gratis bagi 5.000 siswa SMP
3. Menambah 10 puskesmas di kecamatan yang belum terlayani
"""


def startup(args) -> None:
    checkouts = _checkouts(args)
    folder = Path(tempfile.mkdtemp(prefix="janji-bench-"))
    # Bytecode as an installed package has it (pip compiles it at install time), kept in the temporary folder
    # (PYTHONPYCACHEPREFIX) so that nothing is written into the checkouts; one untimed run of each command
    # below writes it.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    try:
        small = folder / "contoh.txt"
        small.write_text(SMALL_TEXT, encoding="utf-8")
        commands = {"python -c pass": ([sys.executable, "-c", "pass"], None),
                    "python -c 'import numpy'": ([sys.executable, "-c", "import numpy"], None)}
        for label, checkout in checkouts.items():
            commands[f"janji analyze ({label})"] = (
                [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); from janji.cli import main; main()",
                 str(checkout / "src"), "analyze", str(small), "--out", str(folder / label)], checkout)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        names = list(commands)
        for name in names:  # untimed: writes the bytecode
            argv, cwd = commands[name]
            subprocess.run(argv, env=env, cwd=str(cwd or ROOT), check=True, stdout=subprocess.DEVNULL)
        for k in range(args.runs):
            for name in (names if k % 2 == 0 else names[::-1]):
                argv, cwd = commands[name]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                w0 = time.perf_counter()
                subprocess.run(argv, env=env, cwd=str(cwd or ROOT), check=True, stdout=subprocess.DEVNULL)
                wall = time.perf_counter() - w0
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                times[name].append((wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime))
        written = sorted(p.name for p in (folder / "this").iterdir())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figures = {name: {"best_wall_ms": round(1000 * min(w for w, _ in t)), "median_wall_ms": round(1000 * statistics.median(w for w, _ in t)),
                      "best_cpu_ms": round(1000 * min(c for _, c in t)), "median_cpu_ms": round(1000 * statistics.median(c for _, c in t))}
               for name, t in times.items()}
    figures["written"] = written
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"one small file ({len(SMALL_TEXT)} bytes), {args.runs} runs each, interleaved; wrote {', '.join(written)}")
    for name in commands:
        f = figures[name]
        print(f"  {name:32s} wall best {f['best_wall_ms']:5d} ms, median {f['median_wall_ms']:5d} ms;"
              f" CPU best {f['best_cpu_ms']:5d} ms, median {f['median_cpu_ms']:5d} ms")
    f = figures["janji analyze (this)"]
    print(f"target < 250 ms wall: {'ok' if f['median_wall_ms'] < 250 else 'NOT MET'} (median {f['median_wall_ms']} ms)")


def main() -> None:
    if WORKER:
        if sys.argv[1] == "--distinct-worker":
            distinct_worker(sys.argv[3:])
        else:
            devset_worker(sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="megabytes of seed text in the corpus")
    parser.add_argument("--pdf", type=int, default=20, help="generated PDFs added to the corpus")
    parser.add_argument("--docx", type=int, default=20, help="generated DOCX files added to the corpus")
    parser.add_argument("--stages", default=",".join(STAGES), help="comma-separated stages to run")
    parser.add_argument("--max-seconds", type=float, default=None, help="stop the corpus run after this long")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--devset", action="store_true",
                        help="warm seconds per pass over a folder of documents (--dir), optionally against another checkout")
    parser.add_argument("--dir", dest="dir_list", action="append", default=None,
                        help="--devset: the documents (default ../shared/devset/docs); --distinct: a folder of"
                             " documents, may be given several times (default the development set and the corpus)")
    parser.add_argument("--against", default=None, help="--devset: another janji checkout to time in the same run")
    parser.add_argument("--passes", type=int, default=9, help="--devset: warm passes per checkout")
    parser.add_argument("--distinct", action="store_true",
                        help="marginal cost of new documents (each once, fresh processes) as a multiple of the floor")
    parser.add_argument("--startup", action="store_true", help="wall time of `janji analyze` of one small file")
    parser.add_argument("--runs", type=int, default=None, help="--distinct (default 3), --startup (default 9): runs each")
    args = parser.parse_args()
    if args.distinct:
        args.runs = args.runs or 3
        distinct(args)
        return
    if args.startup:
        args.runs = args.runs or 9
        startup(args)
        return
    args.dir = args.dir_list[0] if args.dir_list else str(DEVSET)
    if args.devset:
        devset(args)
        return
    names = [s for s in args.stages.split(",") if s]

    t0 = time.perf_counter()
    pipe = Pipeline(names)
    load = time.perf_counter() - t0
    cold, warm = seeds_alone(lambda: pipe)

    folder = Path(tempfile.mkdtemp(prefix="janji-bench-"))
    try:
        files = build_corpus(folder, args.mb, args.pdf, args.docx)
        floor_all = floor_seconds(files)  # also warms the page cache for the analysis below
        floor_all = floor_seconds(files)
        seconds, done, per_stage, per_format, failed = analyse(pipe, files, args.max_seconds)
        floor_done = floor_seconds(done) if len(done) < len(files) else floor_all
        total_bytes = sum(p.stat().st_size for p in done)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    figures = {
        "stages": names,
        "stage_import_s": round(load, 3),
        "seeds_cold_s": round(cold, 3),
        "seeds_warm_s": round(warm, 3),
        "corpus_files": len(files),
        "documents": len(done),
        "partial": len(done) < len(files),
        "failed": failed,
        "megabytes": round(total_bytes / 1e6, 2),
        "seconds": round(seconds, 2),
        "documents_per_s": round(len(done) / seconds, 1) if seconds else None,
        "mb_per_s": round(total_bytes / 1e6 / seconds, 3) if seconds else None,
        "floor_s": round(floor_done, 3),
        "ratio_to_floor": round(seconds / floor_done, 1) if floor_done else None,
        "per_stage_s": {k: round(v, 2) for k, v in per_stage.items()},
        "per_format": {k: {"documents": int(v[0]), "mb": round(v[1] / 1e6, 2),
                           "documents_per_s": round(v[0] / v[2], 1) if v[2] else None}
                       for k, v in per_format.items()},
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"stages: {', '.join(names)} (imported in {load:.2f} s)")
    print(f"five seeds alone: {cold:.2f} s cold (loads data and models), {warm:.2f} s warm"
          f" — target < 2 s: {'ok' if warm < 2 else 'TOO SLOW'}")
    label = " (partial: --max-seconds reached)" if figures["partial"] else ""
    print(f"corpus{label}: {len(done)} of {len(files)} documents, {figures['megabytes']} MB in {seconds:.1f} s"
          f" ({failed} failed)")
    print(f"  {figures['documents_per_s']} documents/s, {figures['mb_per_s']} MB/s")
    print(f"  floor (read + UTF-8 decode + NFC + \\w+ words of the same files): {floor_done:.2f} s;"
          f" analyse/floor = {figures['ratio_to_floor']}x")
    for fmt, v in figures["per_format"].items():
        print(f"  {fmt:9s} {v['documents']:6d} documents  {v['mb']:8.2f} MB  {v['documents_per_s']} documents/s")
    print("  seconds per stage: " + ", ".join(f"{k} {v}" for k, v in figures["per_stage_s"].items()))


if __name__ == "__main__":
    main()
