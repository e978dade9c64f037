"""The linear model scores many feature dicts at once to the same numbers as one at a time."""
from __future__ import annotations

import random

import numpy as np
import pytest

from janji.learn.linear import LinearModel, load


def _random_model(rng: np.random.Generator) -> LinearModel:
    flags = [f"flag:f{i}" for i in range(12)]
    weights = (rng.standard_normal((len(flags) + 997, 3)) * 2).astype(np.float32)
    weights[rng.integers(0, len(weights), 50)] = -0.0
    return LinearModel(classes=["none", "commitment", "claim"], flags=flags, buckets=997, weights=weights,
                       bias=rng.standard_normal(3).astype(np.float32), threshold=0.4)


def _random_features(rng: random.Random) -> dict[str, float]:
    out = {f"flag:f{rng.randrange(12)}": 1.0 for _ in range(rng.randrange(6))}
    out.update({f"stem:w{rng.randrange(5000)}": 1.0 for _ in range(rng.randrange(150))})
    if rng.random() < 0.7:
        out["flag:f3"] = rng.random()
    return out


def test_scoring_together_gives_each_dict_the_numbers_it_gets_alone():
    model = _random_model(np.random.default_rng(7))
    rng = random.Random(7)
    for size in (1, 2, 5, 40, 300):  # 300: more than one chunk
        feats = [_random_features(rng) for _ in range(size)] + [{}]  # an empty dict scores the bias alone
        together = model.proba_many(feats)
        alone = [model.proba(f) for f in feats]
        assert together == alone  # the same floats, not nearly the same
        assert model.predict_many(feats) == [model.predict(f) for f in feats]


def test_the_packaged_prose_model_too():
    try:
        model = load("prose")
    except FileNotFoundError:
        pytest.skip("the prose model is not built")
    rng = random.Random(3)
    words = ["bangun", "jalan", "desa", "sekolah", "gratis", "akan", "sudah", "warga", "pasar", "rakyat"]
    feats = []
    for _ in range(200):
        f = {name: 1.0 for name in rng.sample(model.flags, rng.randrange(1, 12))}
        stems = [rng.choice(words) for _ in range(rng.randrange(1, 25))]
        f.update({f"stem:{w}": 1.0 for w in stems})
        f.update({f"stem:{a}_{b}": 1.0 for a, b in zip(stems, stems[1:])})
        f["flag:words"] = rng.random()
        feats.append(f)
    assert model.proba_many(feats) == [model.proba(f) for f in feats]
