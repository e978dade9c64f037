"""Fitting the link model on hand-aligned pairs, and choosing its threshold (numpy only).

An :class:`Example` is one aligned pair: the feature tensor of every (promise, plan item) and, for each
promise, the plan items a reader accepts (none: the plan dropped it). :func:`fit` fits an L2-regularised
logistic regression on every (promise, plan item) of the examples (label: the plan item is an accepted
one) and then picks the threshold that gives the best answer F1 on the same examples — every promise gets
one answer, its best plan item or "dropped", scored as ``align_score.py`` scores them.

:func:`leave_one_out` refits without each example in turn and answers that example with the model fitted on
the others: the estimate of how the procedure does on pairs it never saw. ``bench/align.py`` runs both and
``--fit`` writes the model fitted on every example.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from janji.align.features import FEATURES
from janji.align.model import LinkModel

L2 = 5.0
# The features the model uses: what each text says (e5), which words they share, which bidang and which
# field of a Bappeda (manusia, ekonomi, wilayah, pemerintahan) they serve.
# The other features of janji.align.features (relative ranks, kinds) were tried and did not help out of sample.
MODEL_FEATURES = ("cos", "lex", "sector", "profile", "cluster")
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.01), 2)
SMOOTH = 2  # thresholds on each side averaged when choosing: the middle of a plateau, not its edge


@dataclass
class Example:
    name: str
    features: np.ndarray  # (promises, plan items, len(FEATURES))
    gold: list[set[int]]  # accepted plan items per promise; empty = dropped


def _irls(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 50) -> np.ndarray:
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.diag(np.r_[np.full(len(w) - 1, l2), 0.0])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + penalty + 1e-6 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def answers(example: Example, model: LinkModel, threshold: float | None = None) -> list[int | None]:
    """Each promise's answer: the index of its best plan item, or None (dropped)."""
    t = model.threshold if threshold is None else threshold
    out: list[int | None] = []
    if example.features.shape[1] == 0:
        return [None] * len(example.gold)
    prob = model.prob(example.features)
    for i in range(len(example.gold)):
        j = int(np.argmax(prob[i]))
        out.append(j if prob[i, j] >= t else None)
    return out


def tally(examples: list[Example], predicted: list[list[int | None]]) -> dict[str, float]:
    """answer P/R/F1 and link P/R/F1 as ``align_score.py`` computes them (given the gold's own items)."""
    right = links = link_hit = drop_hit = n = gold_links = 0
    for ex, pred in zip(examples, predicted):
        for gold, ans in zip(ex.gold, pred):
            n += 1
            gold_links += bool(gold)
            if ans is not None:
                links += 1
                if ans in gold:
                    right += 1
                    link_hit += 1
            elif not gold:
                drop_hit += 1
                right += 1
    p = right / (links + drop_hit) if links + drop_hit else 0.0
    r = right / n if n else 0.0
    lp = link_hit / links if links else 0.0
    lr = link_hit / gold_links if gold_links else 0.0
    return {"answer_p": p, "answer_r": r, "answer_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "link_p": lp, "link_r": lr, "link_f1": 2 * lp * lr / (lp + lr) if lp + lr else 0.0}


def choose_threshold(examples: list[Example], model: LinkModel) -> float:
    scores = np.array([tally(examples, [answers(ex, model, t) for ex in examples])["answer_f1"]
                       for t in THRESHOLDS])
    kernel = np.ones(2 * SMOOTH + 1) / (2 * SMOOTH + 1)
    smooth = np.convolve(np.pad(scores, SMOOTH, mode="edge"), kernel, mode="valid")
    best = np.flatnonzero(smooth >= smooth.max() - 1e-9)
    return float(THRESHOLDS[best[len(best) // 2]])


def fit(examples: list[Example], l2: float = L2, features: tuple[str, ...] = MODEL_FEATURES) -> LinkModel:
    cols = [FEATURES.index(f) for f in features]
    x = np.vstack([ex.features.reshape(-1, len(FEATURES))[:, cols] for ex in examples])
    y = np.concatenate([np.array([[1.0 if j in gold else 0.0 for j in range(ex.features.shape[1])]
                                  for gold in ex.gold]).reshape(-1) for ex in examples])
    mean, scale = x.mean(0), x.std(0) + 1e-6
    w = _irls((x - mean) / scale, y, l2)
    model = LinkModel(tuple(features), mean.astype(np.float32), scale.astype(np.float32),
                      w[:-1].astype(np.float32), float(w[-1]), 0.5,
                      {"l2": l2, "pairs": len(examples), "promises": int(sum(len(e.gold) for e in examples))})
    model.threshold = choose_threshold(examples, model)
    return model


def leave_one_out(examples: list[Example], l2: float = L2,
                  features: tuple[str, ...] = MODEL_FEATURES) -> dict[str, LinkModel]:
    """For each example, the model fitted on all the others (its threshold chosen on them too)."""
    return {ex.name: fit([o for o in examples if o.name != ex.name], l2, features) for ex in examples}
