#!/usr/bin/env python3
"""Every score the tests hold to a floor, measured now, beside its floor in tests/floors.toml.

    .venv/bin/python bench/scores.py            # print measured vs floor for every section
    .venv/bin/python bench/scores.py --raise    # rewrite tests/floors.toml with the floors raised to the figures
                                                # measured now (never lowered), truncated to 3 decimals

Needs ../shared beside the project (the seeds, the development set and their gold). The sections and
their measurement are the same as the score tests': the whole pipeline (tests/test_scores.py), the
corpus against this repository's annotations of it, the
prose stage alone and the pipeline without classify (tests/test_prose_scores.py), the classifier on
the gold items (tests/classify/test_gold.py), quantities (tests/quantities/test_gold.py) and facts
(tests/facts/test_gold.py).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "tests" / "floors.toml"
ANNOTATIONS = ROOT / "annotations" / "corpus"
sys.path.insert(0, str(ROOT / "src"))


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sets():
    return {"seeds": (SHARED / "seeds", SHARED / "gold"), "devset": (SHARED / "devset" / "docs", SHARED / "devset" / "gold")}


def measure() -> dict[str, dict[str, float]]:
    from janji.pipeline import Pipeline
    from janji.prose import prose

    scorer = _module("janji_score", SHARED / "tools" / "score.py")
    prose_tests = _module("prose_scores", ROOT / "tests" / "test_prose_scores.py")
    out: dict[str, dict[str, float]] = {}

    def total(pairs):
        tally = scorer.Tally()
        for gold, pred in pairs:
            scorer.score_document(gold, pred, tally)
        return scorer.summary(tally)

    full, without_classify = Pipeline(), Pipeline(disable=["classify"])
    facts_only = Pipeline(names=["read", "clean", "facts"])
    for name, (docs, gold_dir) in _sets().items():
        golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}
        pairs = [(g, full.analyze_path(docs / f"{stem}.txt").to_json()) for stem, g in golds.items()]
        out[f"pipeline.{name}"] = total(pairs)
        pairs = [(g, without_classify.analyze_path(docs / f"{stem}.txt").to_json()) for stem, g in golds.items()]
        out[f"prose_full.{name}"] = total(pairs)
        pairs = []
        for gold, text, stem in prose_tests.corpus(SHARED, name):
            doc = prose_tests.gold_document(gold, text, stem)
            prose(doc)
            pairs.append((gold, doc.to_json()))
        out[f"prose_stage.{name}"] = total(pairs)
        hits = count = 0
        for stem, want in golds.items():
            checks = scorer.metadata_checks(want, facts_only.analyze_path(docs / f"{stem}.txt").to_json())
            hits, count = hits + sum(checks), count + len(checks)
        out[f"facts.{name}"] = {"meta_acc": hits / count}
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(ANNOTATIONS.glob("*.json"))}
    out["pipeline.corpus"] = total([(g, full.analyze_path(SHARED / "corpus" / "docs" / f"{stem}.txt").to_json())
                                    for stem, g in golds.items()])
    from janji.classify.classifier import Classifier

    classify_eval = _module("classify_eval", ROOT / "bench" / "classify_eval.py")
    quantities_eval = _module("quantities_eval", ROOT / "bench" / "quantities_eval.py")
    classifier = Classifier()
    for name, (_, gold_dir) in _sets().items():
        out[f"classify.{name}"] = classify_eval.score_gold(classifier, gold_dir)
        out[f"quantities.{name}"] = quantities_eval.evaluate(gold_dir)
    return out


def raise_floors(measured: dict[str, dict[str, float]]) -> list[str]:
    """Rewrite each floor line that is below its measured figure; returns the changed lines."""
    text = FLOORS.read_text(encoding="utf-8")
    section, changed, lines = None, [], []
    for line in text.splitlines():
        head = re.match(r"\[(\w+\.\w+)\]", line)
        if head:
            section = head.group(1)
        entry = re.match(r"(\w+) = ([\d.]+)$", line)
        if entry and section in measured and measured[section].get(entry.group(1)) is not None:
            now = math.floor(measured[section][entry.group(1)] * 1000) / 1000
            if now > float(entry.group(2)):
                line = f"{entry.group(1)} = {now}"
                changed.append(f"{section}.{line}")
        lines.append(line)
    FLOORS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raise", dest="raise_", action="store_true", help="raise the floors to the measured figures")
    args = parser.parse_args()
    floors = tomllib.loads(FLOORS.read_text(encoding="utf-8"))
    measured = measure()
    for section, got in measured.items():
        group, name = section.split(".")
        wanted = floors.get(group, {}).get(name, {})
        cells = []
        for key, floor in wanted.items():
            value = got.get(key) or 0.0
            mark = "  " if value >= floor else "!!"
            cells.append(f"{key} {value:.3f}{mark}(≥{floor})")
        print(f"{section:22} " + "  ".join(cells))
    if args.raise_:
        changed = raise_floors(measured)
        print("raised: " + (", ".join(changed) if changed else "nothing"))


if __name__ == "__main__":
    main()
