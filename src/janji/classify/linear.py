"""A linear model over stem unigrams and bigrams, trained on the official nomenclature.

It is the fast half of the classifier: a softmax regression whose classes are
the bidang urusan, trained (by :mod:`janji.classify.train`) on 80 % of the
kegiatan and sub kegiatan names (split by program, so that near-identical
siblings never straddle the split), the program names of those programs, and
janji's own descriptions and keyword lists. Scoring an item is a sum of a few
rows of a weight matrix: ~10,000 items/s.

The same file keeps the training phrases' features, so an explanation can
name the nearest official entry ("mirip nomenklatur: Pembangunan Unit Sekolah
Baru").
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from janji import cache
from janji.classify.taxonomy import data_path

MODEL_FILE = "classify_linear.npz"
MAX_POSTINGS = 300


def pack_strings(strings) -> np.ndarray:
    """A list of strings as one array of UTF-8 bytes, each string ended by a newline: read back
    (:func:`unpack_strings`) in a fraction of the time numpy takes to read and convert a fixed-width unicode
    array of them (four bytes a character, padded to the longest: the 4,922 nomenclature phrases were 7.9 MB).

        >>> unpack_strings(pack_strings(["jalan", "", "sekolah dasar"]))
        ['jalan', '', 'sekolah dasar']
    """
    strings = list(strings)
    if any("\n" in s for s in strings):
        raise ValueError("a string holds a newline")
    return np.frombuffer("".join(s + "\n" for s in strings).encode("utf-8"), dtype=np.uint8)


def unpack_strings(array: np.ndarray) -> list[str]:
    """The strings of :func:`pack_strings`' array (or of a numpy unicode array, as older model files hold them)."""
    if array.dtype.kind == "U":
        return array.tolist()
    return array.tobytes().decode("utf-8").split("\n")[:-1]


@dataclass
class LinearModel:
    vocab: dict[str, int]
    classes: list[str]
    weights: np.ndarray  # (V, C) float32
    bias: np.ndarray  # (C,)
    idf: np.ndarray  # (V,) idf of each feature over the training phrases
    # training nomenclature phrases, as a feature -> phrase posting list (CSC)
    post_ptr: np.ndarray
    post_idx: np.ndarray
    phrase_text: list[str]
    phrase_class: np.ndarray  # (P,) class index of each phrase
    stem_table: dict[str, str]  # word -> stem for every word seen at build time
    # feature -> {class: phrases}, filled as items ask (most of the 14,000 features are never asked for)
    _postings: dict[int, dict[int, list[int]]] = field(default_factory=dict, repr=False, compare=False)
    _local: dict[int, dict[int, list[int]]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path=None) -> "LinearModel":
        """The model of ``path`` (default: the packaged one). What reading the packaged file yields — arrays,
        string lists, the vocabulary and stem dictionaries — is kept in the user's cache folder
        (:mod:`janji.cache`, keyed by the file's SHA-256): read back, it takes a fraction of decompressing and
        parsing the file (a model being trained, given by ``path``, is read as it is)."""
        if path:
            with open(path, "rb") as fh:
                value, block = _read_parts(fh.read())
        else:
            raw = data_path(MODEL_FILE).read_bytes()
            value, block = cache.derived_with_block(raw, "classify-linear", lambda: _read_parts(raw), version=1)
        return cls(vocab=value["vocab"], classes=value["classes"], phrase_text=value["phrase_text"],
                   stem_table=value["stem_table"], **cache.unpack_arrays(value["arrays"], block))

    def nearest_phrase(self, idx: np.ndarray, cls: int) -> tuple[str, float] | None:
        """The training nomenclature phrase of class ``cls`` sharing most idf-weight with the item."""
        if len(idx) == 0:
            return None
        score: dict[int, float] = {}
        idf = self._idf_list
        for f in idx.tolist():
            phrases = self._feature_postings(f).get(cls)
            if phrases is None:
                continue
            w = idf[f]
            for p in phrases:
                score[p] = score.get(p, 0.0) + w
        if not score:
            return None
        top = max(score.values())
        best = min(p for p, v in score.items() if v == top)  # the first phrase of the best score
        total = float(self.idf[idx].sum()) or 1.0
        return self.phrase_text[best], score[best] / total

    def contributions_many(self, idx_lists: list[list[int]], classes: list[int], top: int = 4) -> list[list[tuple[str, float]]]:
        """For each item (its feature indices and its class): the features that pushed most towards that class,
        for the explanation — the weights above 0.5, largest first, at most ``top``."""
        sizes = [len(ix) for ix in idx_lists]
        flat = [f for ix in idx_lists for f in ix]
        if not flat:
            return [[] for _ in idx_lists]
        cols = [c for c, n in zip(classes, sizes) for _ in range(n)]
        weights = self.weights[np.array(flat, dtype=np.int64), np.array(cols, dtype=np.int64)].tolist()
        inv = self._inverse_vocab
        out, at = [], 0
        for ix, n in zip(idx_lists, sizes):
            w = weights[at:at + n]
            at += n
            if len(set(w)) == n:
                # distinct weights: every sort gives numpy's order (np.argsort's own order decides only ties)
                order = sorted(range(n), key=w.__getitem__, reverse=True)[:top]
            else:
                order = np.argsort(-np.array(w, dtype=np.float32))[:top].tolist()
            out.append([(inv[ix[i]], w[i]) for i in order if w[i] > 0.5])
        return out

    def nearest_phrases(self, idx_lists: list[list[int]], classes: list[int]) -> list[tuple[str, float] | None]:
        """:meth:`nearest_phrase` of several items at once, with the same results: each phrase's score is the
        same sum of idf values in the same order (np.bincount adds its weights in input order, as the
        dictionary did), counted in one array for the whole batch (each item its class's phrases)."""
        out: list[tuple[str, float] | None] = [None] * len(idx_lists)
        idf = self._idf_list
        ids: list[int] = []  # every (feature, phrase) pair's phrase, as its place among its class's phrases
        part_len: list[int] = []
        part_w: list[float] = []
        part_base: list[int] = []
        items: list[tuple[int, int, int]] = []  # (item, base, size)
        base = 0
        known, feature_local = self._local.get, self._feature_local
        for n, (ix, cls) in enumerate(zip(idx_lists, classes)):
            found = len(part_len)
            for f in ix:
                local = (known(f) or feature_local(f)).get(cls)
                if local is not None:
                    ids.extend(local)
                    part_len.append(len(local))
                    part_w.append(idf[f])
                    part_base.append(base)
            if len(part_len) > found:
                size = len(self._class_phrases[cls])
                items.append((n, base, size))
                base += size
        if not items:
            return out
        lens = np.array(part_len, dtype=np.int64)
        sums = np.bincount(np.array(ids, dtype=np.int64) + np.repeat(np.array(part_base, dtype=np.int64), lens),
                           weights=np.repeat(np.array(part_w, dtype=np.float64), lens), minlength=base)
        bases = np.array([b for _, b, _ in items], dtype=np.int64)
        sizes = np.array([s for _, _, s in items], dtype=np.int64)
        top = np.maximum.reduceat(sums, bases)
        hits = np.flatnonzero(sums == np.repeat(top, sizes))
        first = hits[np.searchsorted(hits, bases)].tolist()  # the first phrase of the best score in each segment
        for (n, b, _), t, at in zip(items, top.tolist(), first):
            if t <= 0.0:  # untouched phrases count 0 here, not in the dictionary: ask the one-item form
                out[n] = self.nearest_phrase(np.array(idx_lists[n], dtype=np.int64), classes[n])
                continue
            total = float(self.idf[np.array(idx_lists[n], dtype=np.int64)].sum()) or 1.0
            out[n] = self.phrase_text[int(self._class_phrases[classes[n]][at - b])], float(sums[at]) / total
        return out

    def _feature_local(self, f: int) -> dict[int, list[int]]:
        """:meth:`_feature_postings` of ``f`` with each phrase as its position among its class's phrases."""
        found = self._local.get(f)
        if found is None:
            local = self._phrase_local
            # read from the file's arrays, not kept twice: the batched form needs only these
            postings = self._postings.get(f) or self._read_postings(f)
            found = self._local[f] = {c: [local[p] for p in phrases] for c, phrases in postings.items()}
        return found

    @cached_property
    def _class_phrases(self) -> dict[int, np.ndarray]:
        """class -> its phrases, in phrase order."""
        classes = self.phrase_class.tolist()
        out: dict[int, list[int]] = {}
        for p, c in enumerate(classes):
            out.setdefault(c, []).append(p)
        return {c: np.array(ps, dtype=np.int64) for c, ps in out.items()}

    @cached_property
    def _phrase_local(self) -> list[int]:
        """Each phrase's position among its class's phrases (the order of phrases kept)."""
        local = [0] * len(self.phrase_class)
        for phrases in self._class_phrases.values():
            for k, p in enumerate(phrases.tolist()):
                local[p] = k
        return local

    def _feature_postings(self, f: int) -> dict[int, list[int]]:
        """class -> the phrases holding feature ``f``, in phrase order; words in hundreds of phrases
        ("pengelolaan") are left out: they say little. Read for a feature when an item first has it."""
        found = self._postings.get(f)
        if found is None:
            found = self._postings[f] = self._read_postings(f)
        return found

    def _read_postings(self, f: int) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        start, end = int(self.post_ptr[f]), int(self.post_ptr[f + 1])
        if 0 < end - start <= MAX_POSTINGS:
            phrases = self.post_idx[start:end]
            for p, c in zip(phrases.tolist(), self.phrase_class[phrases].tolist()):
                found.setdefault(c, []).append(p)
        return found

    def read_all_postings(self) -> None:
        """Every feature's postings read at once (:meth:`Classifier.warm`: a server pays it at start-up, not in
        its first request; a one-file run reads only the features its items have)."""
        for f in range(len(self.post_ptr) - 1):
            self._feature_local(f)

    # Per model, not functools.lru_cache(maxsize=1) on the method: that cache is shared by every instance, so
    # two models used in turn (the aligner has two classifiers) would rebuild these lists on every call.
    @cached_property
    def _idf_list(self) -> list[float]:
        return self.idf.tolist()  # each the float(self.idf[f]) it stands for

    @cached_property
    def _inverse_vocab(self) -> list[str]:
        inv = [""] * len(self.vocab)
        for word, i in self.vocab.items():
            inv[i] = word
        return inv

    __hash__ = object.__hash__


def _read_parts(raw: bytes) -> tuple[dict, bytes]:
    """The model file's contents: its strings and dictionaries, and its arrays packed in a block
    (:func:`janji.cache.pack_arrays`)."""
    with np.load(io.BytesIO(raw), allow_pickle=False) as z:
        vocab_list = unpack_strings(z["vocab"])
        index, block = cache.pack_arrays({
            "weights": z["weights"].astype(np.float32), "bias": z["bias"].astype(np.float32),
            "idf": z["idf"].astype(np.float32), "post_ptr": z["post_ptr"], "post_idx": z["post_idx"],
            "phrase_class": z["phrase_class"]})
        return {
            "vocab": {v: i for i, v in enumerate(vocab_list)},
            "classes": unpack_strings(z["classes"]),
            "phrase_text": unpack_strings(z["phrase_text"]),
            "stem_table": dict(zip(unpack_strings(z["stem_words"]), unpack_strings(z["stem_values"]))),
            "arrays": index,
        }, block
