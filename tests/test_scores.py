"""The whole analyser against the hand-made gold, scored by ../shared/tools/score.py, held to the
floors in tests/floors.toml.

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


def test_seed_scores(shared, analysed, check_floors):
    check_floors("pipeline.seeds", totals(shared, shared / "gold", analysed["seeds"]))


def test_devset_scores(shared, analysed, check_floors):
    check_floors("pipeline.devset", totals(shared, shared / "devset" / "gold", analysed["devset"]))


def test_output_validates_against_the_janji1_schema(shared, analysed):
    schema = json.loads((shared / "spec" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for corpus in analysed.values():
        for stem, data in corpus.items():
            errors = sorted(validator.iter_errors(data), key=lambda e: e.path)
            assert not errors, f"{stem}: {errors[0].message} at {list(errors[0].path)}"
