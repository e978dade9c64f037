#!/usr/bin/env python3
"""Each learned component's cross-validated score (grouped by document) beside its in-sample score.

    .venv/bin/python bench/learned.py [--json] [--components kind,prose]

For every component (:data:`janji.training.COMPONENTS`) and every set of documents
with gold answers (the seeds, the development set, the annotated corpus documents):

- in-sample: the whole analyser with the packaged model, trained on every document
  (the documents it is scored on included);
- cross-validated: the documents are split into five folds (by document, fixed seed);
  each fold is analysed with a model fitted on the other four only, so no document is
  scored by a model that saw it. This is the figure to expect on documents from
  other regions;
- the same pipeline with no model at all (the prose cue words alone; unnamed lists left ``other``), for
  comparison.

Figures are ../shared/tools/score.py's (promises_f1, prose_f1, speaker_acc, …), and
the model's own clause-level F1 (what `janji train` prints). Needs ../shared and
scikit-learn.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from janji.pipeline import Pipeline  # noqa: E402
from janji.training.corpus import DEFAULT_SHARED, gold_documents  # noqa: E402
from janji.training.fit import folds  # noqa: E402

METRICS = ("promises_f1", "items_f1", "prose_p", "prose_r", "prose_f1", "speaker_acc")


def scorer():
    spec = importlib.util.spec_from_file_location("janji_score", DEFAULT_SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def summarise(score, pairs) -> dict[str, dict]:
    out = {}
    for group in ("seeds", "devset", "corpus", "all"):
        tally = score.Tally()
        for doc, pred in pairs:
            if group in (doc.group, "all"):
                score.score_document(doc.gold, pred, tally)
        summary = score.summary(tally)
        out[group] = {m: round(summary[m] or 0.0, 3) for m in METRICS}
    return out


def run(component: str, docs) -> dict:
    import importlib

    from janji.training.fit import fit

    module = importlib.import_module(f"janji.training.{component}")
    score = scorer()
    pipe = Pipeline(disable=["classify"])
    t0 = time.perf_counter()
    examples = module.examples(docs)
    report: dict = {}
    module.use(False)
    report[module.WITHOUT] = summarise(score, [(d, pipe.analyze_path(d.path, time_limit=None).to_json()) for d in docs])
    module.use(None)
    report["in-sample"] = summarise(score, [(d, pipe.analyze_path(d.path, time_limit=None).to_json()) for d in docs])
    from janji.learn.linear import load

    packaged_model = load(component)
    pairs = []
    for held in folds([d.name for d in docs]):
        train = [e for e in examples if e.group not in held]
        model = fit(train, packaged_model.flags, packaged_model.buckets, packaged_model.meta.get("C", 0.3),
                    classes=packaged_model.classes)
        model.threshold = packaged_model.threshold
        module.use(model)
        pairs += [(d, pipe.analyze_path(d.path, time_limit=None).to_json()) for d in docs if d.name in held]
    module.use(None)
    report["cross-validated"] = summarise(score, pairs)
    report["model"] = {k: packaged_model.meta.get(k) for k in ("examples", "documents", "C", "threshold",
                                                                "cross_validated", "in_sample")}
    report["readings"] = [module.WITHOUT, "in-sample", "cross-validated"]
    report["seconds"] = round(time.perf_counter() - t0, 1)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--components", default="kind,prose")
    args = parser.parse_args()
    docs = gold_documents()
    reports = {c: run(c, docs) for c in args.components.split(",")}
    if args.json:
        print(json.dumps(reports, indent=2))
        return
    for component, report in reports.items():
        m = report["model"]
        print(f"{component}: {m['examples']} examples from {m['documents']} documents; example-level F1 "
              f"cross-validated {m['cross_validated']['f1']:.3f}, in-sample {m['in_sample']['f1']:.3f}")
        print(f"  {'':40} {'set':7} " + " ".join(f"{x:>12}" for x in METRICS))
        for reading in report["readings"]:
            for group, figures in report[reading].items():
                print(f"  {reading:40} {group:7} " + " ".join(f"{figures[x]:>12.3f}" for x in METRICS))
        print(f"  ({report['seconds']} s)")


if __name__ == "__main__":
    main()
