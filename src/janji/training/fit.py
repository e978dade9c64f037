"""Fitting a :class:`~janji.learn.linear.LinearModel` and judging it by cross-validation grouped by document."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from janji.learn.linear import LinearModel

FOLDS = 5
SEED = 20261206


@dataclass
class Example:
    group: str  # the document it comes from: examples of one document never straddle a fold
    features: dict[str, float]
    label: str


def _require_sklearn():
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise SystemExit("janji train needs scikit-learn (pip install -e '.[dev]')") from None


def matrix(examples: list[Example], template: LinearModel):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, ex in enumerate(examples):
        idx, val = template.vector(ex.features)
        rows.extend([r] * len(idx))
        cols.extend(idx.tolist())
        vals.extend(val.tolist())
    return csr_matrix((vals, (rows, cols)), shape=(len(examples), template.width), dtype=np.float32)


def fit(examples: list[Example], flags: list[str], buckets: int, c: float, classes: list[str] | None = None,
        weight_none: float = 1.0) -> LinearModel:
    """A multinomial logistic regression (L2, strength 1/c) on ``examples``."""
    _require_sklearn()
    from sklearn.linear_model import LogisticRegression

    classes = classes or sorted({e.label for e in examples})
    template = LinearModel(classes, flags, buckets, np.zeros((len(flags) + buckets, len(classes)), np.float32),
                           np.zeros(len(classes), np.float32))
    x = matrix(examples, template)
    y = np.array([e.label for e in examples])
    weights = {label: (weight_none if label == "none" else 1.0) for label in set(y)}
    clf = LogisticRegression(C=c, max_iter=5000, class_weight=weights)
    clf.fit(x, y)
    coef = np.zeros((template.width, len(classes)), np.float32)
    bias = np.full(len(classes), -30.0, np.float32)  # a class never seen in training is never predicted
    for k, label in enumerate(clf.classes_):
        j = classes.index(label)
        if len(clf.classes_) == 2:  # sklearn keeps one row for two classes: the second class's logit
            coef[:, j] = clf.coef_[0] * (1 if k == 1 else 0)
            bias[j] = clf.intercept_[0] * (1 if k == 1 else 0)
        else:
            coef[:, j] = clf.coef_[k]
            bias[j] = clf.intercept_[k]
    return LinearModel(classes, flags, buckets, coef, bias)


def folds(groups: list[str], k: int = FOLDS) -> list[set[str]]:
    """``k`` sets of group names, each group in one, sizes as even as the groups allow (fixed seed)."""
    names = sorted(set(groups))
    rng = np.random.default_rng(SEED)
    rng.shuffle(names)
    return [set(names[i::k]) for i in range(k)]


def out_of_fold(examples: list[Example], flags: list[str], buckets: int, c: float, **options) -> list[list[float]]:
    """For every example, the class probabilities of a model fitted on the folds its document is not in."""
    probas: list[list[float] | None] = [None] * len(examples)
    for held in folds([e.group for e in examples]):
        train = [e for e in examples if e.group not in held]
        model = fit(train, flags, buckets, c, **options)
        for i, e in enumerate(examples):
            if e.group in held:
                probas[i] = dict(zip(model.classes, model.proba(e.features)))
    return probas  # type: ignore[return-value]


def best_threshold(examples: list[Example], probas: list[dict[str, float]], none: str = "none") -> tuple[float, dict]:
    """The threshold on P(not none) that maximises F1 of "not none" over the out-of-fold probabilities."""
    gold = np.array([e.label != none for e in examples])
    score = np.array([1.0 - p.get(none, 0.0) for p in probas])
    best = (0.5, {"f1": 0.0, "precision": 0.0, "recall": 0.0})
    for t in np.arange(0.10, 0.91, 0.025):
        said = score >= t
        tp = int((said & gold).sum())
        p = tp / max(1, int(said.sum()))
        r = tp / max(1, int(gold.sum()))
        f = 2 * p * r / (p + r) if p + r else 0.0
        if f > best[1]["f1"]:
            best = (round(float(t), 3), {"f1": round(f, 4), "precision": round(p, 4), "recall": round(r, 4)})
    return best


def detection(examples: list[Example], probas: list[dict[str, float]], threshold: float, none: str = "none") -> dict:
    """Precision, recall and F1 of "not none" at ``threshold``, and how often the class is right when both agree."""
    tp = said = gold = right = 0
    for e, p in zip(examples, probas):
        yes = 1.0 - p.get(none, 0.0) >= threshold
        said += yes
        gold += e.label != none
        if yes and e.label != none:
            tp += 1
            right += max((c for c in p if c != none), key=lambda c: p[c]) == e.label
    prec, rec = tp / max(1, said), tp / max(1, gold)
    return {"precision": round(prec, 4), "recall": round(rec, 4),
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0, "class_acc": round(right / max(1, tp), 4)}
