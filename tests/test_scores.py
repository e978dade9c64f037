"""The whole analyser against the hand-made gold (issue 2's targets), scored by ../shared/tools/score.py.

The same numbers as `janji analyze DIR --out OUT && python ../shared/tools/score.py GOLD OUT`,
computed in-process. The package never reads ../shared; only this test does.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest

from janji.pipeline import Pipeline

SEED_TARGETS = {"items_f1": 0.98, "kind_acc": 0.97, "parent_acc": 0.97, "qty_f1": 0.90, "meta_acc": 0.90}
DEV_TARGETS = {"items_f1": 0.85, "kind_acc": 0.90, "parent_acc": 0.90, "qty_f1": 0.80, "meta_acc": 0.80,
               "candidate_acc": 0.85}


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("janji_score", shared / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def analysed(shared: Path) -> dict[str, dict[str, dict]]:
    pipe = Pipeline()
    out = {}
    for name, folder in (("seeds", shared / "seeds"), ("devset", shared / "devset" / "docs")):
        out[name] = {p.stem: json.loads(json.dumps(pipe.analyze_path(p).to_json())) for p in sorted(folder.iterdir())}
    return out


def totals(shared: Path, gold_dir: Path, predictions: dict[str, dict]) -> dict:
    scorer = load_scorer(shared)
    tally = scorer.Tally()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        scorer.score_document(gold, predictions.get(gold_path.stem, {}), tally)
    return scorer.summary(tally)


def test_seed_scores(shared, analysed):
    got = totals(shared, shared / "gold", analysed["seeds"])
    low = {k: round(got[k] or 0, 3) for k, v in SEED_TARGETS.items() if (got[k] or 0) < v}
    assert not low, f"seed metrics below target: {low} (all: { {k: got[k] for k in SEED_TARGETS} })"


def test_devset_scores(shared, analysed):
    got = totals(shared, shared / "devset" / "gold", analysed["devset"])
    low = {k: round(got[k] or 0, 3) for k, v in DEV_TARGETS.items() if (got[k] or 0) < v}
    assert not low, f"devset metrics below target: {low} (all: { {k: got[k] for k in DEV_TARGETS} })"


def test_output_validates_against_the_janji1_schema(shared, analysed):
    schema = json.loads((shared / "spec" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for corpus in analysed.values():
        for stem, data in corpus.items():
            errors = sorted(validator.iter_errors(data), key=lambda e: e.path)
            assert not errors, f"{stem}: {errors[0].message} at {list(errors[0].path)}"
