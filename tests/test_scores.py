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

ANNOTATIONS = Path(__file__).resolve().parent.parent / "annotations" / "corpus"

def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("janji_score", shared / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def analysed(shared: Path) -> dict[str, dict[str, dict]]:
    pipe = Pipeline()
    out = {}
    for name, folder in (("seeds", shared / "seeds"), ("devset", shared / "devset" / "docs"),
                         ("corpus", shared / "corpus" / "docs")):
        out[name] = {}
        for path in sorted(folder.iterdir()):
            doc = pipe.analyze_path(path)
            assert not doc.warnings, f"{path.name}: {doc.warnings}"
            out[name][path.stem] = json.loads(json.dumps(doc.to_json()))
    return out


def totals(shared: Path, gold_dir: Path, predictions: dict[str, dict], stems: set[str] | None = None) -> dict:
    """The score of ``predictions`` against the gold files of ``gold_dir`` (only those named in ``stems``)."""
    scorer = load_scorer(shared)
    tally = scorer.Tally()
    for gold_path in sorted(gold_dir.glob("*.json")):
        if stems is not None and gold_path.stem not in stems:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        scorer.score_document(gold, predictions.get(gold_path.stem, {}), tally)
    return scorer.summary(tally)


def test_seed_scores(shared, analysed, check_floors):
    check_floors("pipeline.seeds", totals(shared, shared / "gold", analysed["seeds"]))


def test_devset_scores(shared, analysed, check_floors):
    check_floors("pipeline.devset", totals(shared, shared / "devset" / "gold", analysed["devset"]))


def test_corpus_scores(shared, analysed, check_floors):
    """The 60 corpus documents against the annotations made for them in this repository (annotations/corpus):
    regions, kinds and styles the rules were not written on, the nearest thing to the held-out set."""
    check_floors("pipeline.corpus", totals(shared, ANNOTATIONS, analysed["corpus"]))


def test_every_corpus_document_gives_promises(analysed):
    """Each corpus document is a campaign, debate, report or plan text: none may come out empty."""
    empty = [stem for stem, data in analysed["corpus"].items() if not data["items"]]
    assert not empty, f"no promise found in {empty}"


def test_output_validates_against_the_janji1_schema(shared, analysed):
    schema = json.loads((shared / "spec" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for corpus in analysed.values():
        for stem, data in corpus.items():
            errors = sorted(validator.iter_errors(data), key=lambda e: e.path)
            assert not errors, f"{stem}: {errors[0].message} at {list(errors[0].path)}"


FORMATS = ("html", "pdf", "docx")
FORMAT_METRICS = ("promises_f1", "meta_acc")
FORMAT_TOLERANCE = 0.03


@pytest.mark.slow
def test_formats_score_as_the_plain_text(shared, analysed):
    """The development texts rendered as a news HTML page, a PDF and a Word document
    (../shared/devset/formats/) score within 0.03 of the plain texts on promises_f1 and meta: every reader
    gives the later stages the same text. The plain texts' analysis is the one the other score tests use."""
    pipe = Pipeline()
    gold_dir = shared / "devset" / "gold"
    measured, off = {}, []
    for fmt in FORMATS:
        predictions = {}
        for path in sorted((shared / "devset" / "formats" / fmt).glob(f"*.{fmt}")):
            doc = pipe.analyze_path(path)
            assert not doc.warnings, f"{fmt}/{path.name}: {doc.warnings}"
            predictions[path.stem] = json.loads(json.dumps(doc.to_json()))
        assert predictions, f"no {fmt} documents in devset/formats/{fmt}"
        stems = set(predictions)
        plain = totals(shared, gold_dir, analysed["devset"], stems)
        got = totals(shared, gold_dir, predictions, stems)
        for metric in FORMAT_METRICS:
            measured[f"{fmt}.{metric}"] = (round(got[metric], 4), round(plain[metric], 4))
            if abs(got[metric] - plain[metric]) > FORMAT_TOLERANCE:
                worse = [stem for stem in sorted(stems)
                         if totals(shared, gold_dir, predictions, {stem})[metric]
                         != totals(shared, gold_dir, analysed["devset"], {stem})[metric]]
                off.append(f"{fmt} {metric} {got[metric]:.3f} vs plain {plain[metric]:.3f} (differs in {worse})")
    assert not off, "; ".join(off) + f"; measured (format, plain): {measured}"


def test_output_matches_the_snapshot(analysed):
    """Refactors and speed-ups leave the janji/1 output as it was. A change meant to alter it updates
    tests/snapshots/analysis.json.gz (python tests/snapshots/update.py) and says in its commit why."""
    spec = importlib.util.spec_from_file_location("snapshot", Path(__file__).parent / "snapshots" / "update.py")
    snapshot = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(snapshot)
    diffs = snapshot.differences(snapshot.load(), analysed)
    taken, here = snapshot.recorded_environment(), snapshot.environment()
    elsewhere = "" if taken == here else (
        f"\nThe snapshot was taken in another environment ({taken}; here: {here}): if the code is the "
        "snapshot's own, re-take it here in a commit of its own (see tests/snapshots/update.py).")
    assert not diffs, f"{len(diffs)} documents differ from the snapshot:\n" + "\n".join(diffs[:20]) + elsewhere
