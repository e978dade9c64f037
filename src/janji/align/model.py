"""The link model: a logistic regression over :data:`janji.align.features.FEATURES`, and its threshold.

``P(link right) = sigmoid(bias + sum_k w_k * (x_k - mean_k) / scale_k)``. A promise is linked to its best
plan item when that probability reaches ``threshold``; below it the promise is "dropped". Weights and
threshold are fitted by :func:`janji.align.fit.fit` on hand-aligned pairs and chosen by leave-one-pair-out
cross-validation (``bench/align.py --fit`` writes ``janji/data/align_model.json``; see docs/align.md).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from janji.align.features import FEATURES

MODEL_FILE = "align_model.json"


@dataclass
class LinkModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def logit(self, x: np.ndarray) -> np.ndarray:
        """``x``: (..., len(features)) in the order of :data:`FEATURES`; returns the log-odds."""
        cols = [FEATURES.index(f) for f in self.features]
        z = (x[..., cols] - self.mean) / self.scale
        return z @ self.weights + self.bias

    def prob(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logit(x)))

    def contributions(self, x: np.ndarray) -> dict[str, float]:
        """Each feature's share of one pair's log-odds (for ``--explain``)."""
        cols = [FEATURES.index(f) for f in self.features]
        z = (x[cols] - self.mean) / self.scale
        return {f: round(float(w * v), 2) for f, w, v in zip(self.features, self.weights, z)}

    def to_json(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": [round(float(v), 6) for v in self.mean],
                "scale": [round(float(v), 6) for v in self.scale],
                "weights": [round(float(v), 6) for v in self.weights], "bias": round(float(self.bias), 6),
                "threshold": round(float(self.threshold), 4), "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "LinkModel":
        return cls(tuple(data["features"]), np.asarray(data["mean"], np.float32),
                   np.asarray(data["scale"], np.float32), np.asarray(data["weights"], np.float32),
                   float(data["bias"]), float(data["threshold"]), dict(data.get("meta") or {}))


@lru_cache(maxsize=1)
def default_model() -> LinkModel:
    from importlib import resources

    with resources.files("janji.data").joinpath(MODEL_FILE).open(encoding="utf-8") as fh:
        return LinkModel.from_json(json.load(fh))
