"""Alignment against the hand-aligned development pairs (../shared/align), scored by align_score.py and held
to the floors of tests/floors.toml — given the gold's own items (alignment alone), leave-one-pair-out (each
pair aligned by a model fitted without it), and from the raw texts through the whole analyser.

The package never reads ../shared; only this test (and bench/align.py) does.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from janji.align import Aligner
from janji.align.fit import Example, leave_one_out
from janji.align.model import default_model
from janji.align.units import choose_pair, select
from janji.document import Document


@pytest.fixture(scope="module")
def scorer(shared):
    spec = importlib.util.spec_from_file_location("align_score", shared / "tools" / "align_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pairs(shared, scorer):
    out = {}
    for path in sorted((shared / "align").glob("*/gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out[path.parent.name] = (path, gold, *[Document.from_json(scorer.input_document(gold, path.parent, side))
                                               for side in ("campaign", "plan")])
    assert out, "no development pairs found"
    return out


def total(scorer, pairs, predictions) -> dict:
    tally = scorer.Tally()
    for slug, (path, *_rest) in pairs.items():
        scorer.score_pair(scorer.load_gold(path), predictions[slug], tally)
    return scorer.summary(tally)


def test_given_items(scorer, pairs, aligner, check_floors):
    predictions = {slug: aligner.align(c, p) for slug, (_, _, c, p) in pairs.items()}
    check_floors("align.inputs", total(scorer, pairs, predictions))


def test_given_items_leave_one_pair_out(scorer, pairs, aligner, check_floors):
    examples = []
    for slug, (_, gold, camp, plan) in pairs.items():
        c_units, p_units, _, _, x = aligner.prepare(select(camp, choose_pair(camp, plan, None)), select(plan))
        where = {u.text: j for j, u in enumerate(p_units)}
        answers = {l["campaign"]: {where[t] for t in l["plan"] if t in where} for l in gold["links"]}
        examples.append(Example(slug, x, [answers.get(u.text, set()) for u in c_units]))
    packaged = default_model()
    models = leave_one_out(examples, packaged.meta.get("l2", 5.0), packaged.features)
    predictions = {slug: Aligner(embedder=aligner.embedder, classifier=aligner.classifier, model=models[slug])
                   .align(c, p) for slug, (_, _, c, p) in pairs.items()}
    check_floors("align.inputs_lopo", total(scorer, pairs, predictions))


def test_from_raw_texts(scorer, pairs, aligner, check_floors):
    from janji.pipeline import analyze

    predictions = {slug: aligner.align(analyze(path.parent / "campaign.txt"), analyze(path.parent / "plan.txt"))
                   for slug, (path, *_rest) in pairs.items()}
    check_floors("align.raw", total(scorer, pairs, predictions))
