"""A multinomial logistic regression over sparse features, as numpy arrays: load, score, save.

Features are named strings ("flag:akan", "stem:bangun", "stem:bangun_jalan") with a
value; named flags keep their own column, every other name is hashed into one of
``buckets`` columns (crc32: the same column on every machine and in every process).
Fitting happens at build time (:mod:`janji.training`); here a model only scores.

Example:
    >>> import numpy as np
    >>> m = LinearModel(classes=["none", "yes"], flags=["flag:akan"], buckets=8,
    ...                 weights=np.zeros((9, 2), np.float32), bias=np.array([0.0, 0.0], np.float32))
    >>> m.weights[0, 1] = 2.0
    >>> [round(p, 3) for p in m.proba({"flag:akan": 1.0})], [round(p, 3) for p in m.proba({})]
    ([0.119, 0.881], [0.5, 0.5])
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from janji import cache, data

MODELS = "models"  # folder in janji/data


def bucket(name: str, buckets: int) -> int:
    return zlib.crc32(name.encode("utf-8")) % buckets


@dataclass
class LinearModel:
    classes: list[str]
    flags: list[str]  # named features, columns 0 … len(flags)-1
    buckets: int  # hashed features, columns len(flags) … len(flags)+buckets-1
    weights: np.ndarray  # (len(flags) + buckets, len(classes))
    bias: np.ndarray  # (len(classes),)
    threshold: float = 0.5  # chosen by cross-validation: how sure the model must be to say "not none"
    meta: dict = field(default_factory=dict)  # what it was trained on and how it scored (for bench/ and docs)

    def __post_init__(self) -> None:
        self._flag_index = {name: i for i, name in enumerate(self.flags)}
        self._columns: dict[str, int] = {}  # column of each feature name met (hashing is most of scoring)

    @property
    def width(self) -> int:
        return len(self.flags) + self.buckets

    def column(self, name: str) -> int:
        c = self._columns.get(name)
        if c is None:
            i = self._flag_index.get(name)
            c = i if i is not None else len(self.flags) + bucket(name, self.buckets)
            if len(self._columns) < 500_000:
                self._columns[name] = c
        return c

    def vector(self, features: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of a feature dict; hashed names falling in one column add up."""
        cols: dict[int, float] = {}
        column = self.column
        for name, value in features.items():
            if value:
                c = column(name)
                cols[c] = cols.get(c, 0.0) + value
        idx = np.fromiter(cols, dtype=np.int64, count=len(cols))
        return idx, np.fromiter(cols.values(), dtype=np.float32, count=len(cols))

    def proba(self, features: dict[str, float]) -> list[float]:
        idx, val = self.vector(features)
        # np.add.reduce is what ndarray.sum calls (the same sums, without its Python wrapper)
        logits = self.bias + np.add.reduce(self.weights[idx] * val[:, None], axis=0) if len(idx) else self.bias.copy()
        logits = logits - np.maximum.reduce(logits)
        e = np.exp(logits)
        return (e / np.add.reduce(e)).tolist()

    def proba_many(self, features: list[dict[str, float]], chunk: int = 256) -> list[list[float]]:
        """:meth:`proba` of each feature dict — the same numbers — with the weights of many gathered and
        summed at once (numpy's fixed cost per call was most of scoring one clause).

        The columns of each dict go down one column of a zero-padded table, so each dict's weights are
        summed row after row in the order :meth:`proba` sums them (padding adds zeros after them).
        """
        out: list[list[float]] = []
        for k in range(0, len(features), chunk):
            vectors = [self.vector(f) for f in features[k:k + chunk]]
            longest = max(len(idx) for idx, _ in vectors)
            cols = np.zeros((longest, len(vectors)), np.int64)
            vals = np.zeros((longest, len(vectors)), np.float32)
            for j, (idx, val) in enumerate(vectors):
                cols[:len(idx), j] = idx
                vals[:len(val), j] = val
            sums = self.bias + np.add.reduce(self.weights[cols] * vals[:, :, None], axis=0)
            for (idx, _), row in zip(vectors, sums):
                logits = row if len(idx) else self.bias.copy()
                logits = logits - np.maximum.reduce(logits)
                e = np.exp(logits)
                out.append((e / np.add.reduce(e)).tolist())
        return out

    def predict(self, features: dict[str, float], none: str = "none") -> tuple[str, float]:
        """The most likely class other than ``none`` if the model gives the non-``none`` classes together at
        least :attr:`threshold`, else ``none``; with the probability of what it says."""
        return self._choose(self.proba(features), none)

    def predict_many(self, features: list[dict[str, float]], none: str = "none") -> list[tuple[str, float]]:
        """:meth:`predict` of each feature dict (scored together: :meth:`proba_many`)."""
        return [self._choose(p, none) for p in self.proba_many(features)]

    def _choose(self, proba: list[float], none: str) -> tuple[str, float]:
        p = dict(zip(self.classes, proba))
        rest = 1.0 - p.get(none, 0.0)
        if none in p and rest < self.threshold:
            return none, p[none]
        best = max((c for c in self.classes if c != none), key=lambda c: p[c])
        return best, rest if none in p else p[best]

    # -- files -----------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        import json

        np.savez_compressed(path, classes=np.array(self.classes), flags=np.array(self.flags, dtype=str),
                            buckets=np.array(self.buckets), weights=self.weights.astype(np.float32),
                            bias=self.bias.astype(np.float32), threshold=np.array(self.threshold),
                            meta=np.array(json.dumps(self.meta, ensure_ascii=False)))

    @classmethod
    def read(cls, path) -> "LinearModel":
        import json

        with np.load(path, allow_pickle=False) as z:
            return cls(classes=[str(c) for c in z["classes"]], flags=[str(f) for f in z["flags"]],
                       buckets=int(z["buckets"]), weights=z["weights"].astype(np.float32),
                       bias=z["bias"].astype(np.float32), threshold=float(z["threshold"]),
                       meta=json.loads(str(z["meta"])))


@lru_cache(maxsize=None)
def load(name: str) -> LinearModel:
    """The packaged model ``janji/data/models/<name>.npz`` (read once per process). What reading it yields is
    kept in the user's cache folder under the file's SHA-256 (:mod:`janji.cache`): read back, it spares a
    one-file run numpy's zip reader (~8 ms with its imports)."""
    raw = data.path(MODELS, f"{name}.npz").read_bytes()
    value, block = cache.derived_with_block(raw, f"model-{name}", lambda: _parts(raw), version=1)
    arrays = cache.unpack_arrays(value.pop("arrays"), block)
    return LinearModel(**value, **arrays)


def _parts(raw: bytes) -> tuple[dict, bytes]:
    """A model file's fields as :mod:`marshal` writes them, its arrays packed in a block."""
    import io

    model = LinearModel.read(io.BytesIO(raw))
    index, block = cache.pack_arrays({"weights": model.weights, "bias": model.bias})
    return {"classes": model.classes, "flags": model.flags, "buckets": model.buckets, "threshold": model.threshold,
            "meta": model.meta, "arrays": index}, block


class ModelSlot:
    """Which model a stage uses: one set for a while (training, bench, tests; ``False``: none, the rules
    decide) or, by default, the packaged ``janji/data/models/<name>.npz``.

    >>> slot = ModelSlot("example"); slot.set(False); slot.get() is None
    True
    """

    def __init__(self, name: str):
        self.name = name
        self._given: list = []

    def set(self, model) -> None:
        """Use ``model`` (a :class:`LinearModel`, or ``False`` for none); ``None`` goes back to the packaged one."""
        self._given[:] = [] if model is None else [model]

    def get(self) -> LinearModel | None:
        if self._given:
            return self._given[0] or None
        try:
            return load(self.name)
        except FileNotFoundError:  # a checkout whose models were not built yet: the rules decide
            return None


def model_path(name: str) -> Path:
    """Where ``janji train`` writes a model in a source checkout."""
    return data.path(MODELS, f"{name}.npz")
