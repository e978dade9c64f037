"""`janji train` rebuilds every learned model from the gold answers, judged by cross-validation by document."""
from pathlib import Path

import pytest

from janji.learn.linear import load
from janji.training import COMPONENTS, train_all

SHARED = Path(__file__).resolve().parents[2] / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "devset").is_dir(), reason="../shared is not beside the project")


def test_every_component_is_rebuilt_and_scored_on_documents_it_did_not_see():
    metas = train_all(shared=SHARED, write=False, log=lambda message: None)
    assert set(metas) == set(COMPONENTS)
    for name, meta in metas.items():
        cv, fitted = meta["cross_validated"], meta["in_sample"]
        assert meta["documents"] >= 36 and meta["examples"] > 100, name
        # a model that learned something: well above chance out of fold, and no better out of fold than in
        assert 0.6 <= cv["f1"] <= fitted["f1"], name
        assert meta["trained_on"]["devset"] >= 31, name


def test_the_packaged_models_carry_their_own_scores():
    for name in COMPONENTS:
        meta = load(name).meta
        assert meta["cross_validated"]["f1"] <= meta["in_sample"]["f1"], name
        assert meta["documents"] >= 36, name
