"""Indonesian text for the store: stems, search queries, highlighted snippets, similarity.

Indexing and querying go through the same :func:`stem_tokens`, so "pembangunan"
finds "membangun" and "dibangun" (all stem to "bangun"); the stemmer is the one
the classifier uses (:mod:`janji.lang.stem`, Sastrawi with its corrections).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from janji.lang import names
from janji.lang.stem import stem_word
from janji.lang.names import strip_titles

TOKEN = re.compile(r"\w+", re.UNICODE)

# Function words dropped from search queries: they match nearly every promise
# and would make an AND query of "program untuk petani" miss "program petani".
QUERY_STOPWORDS = frozenset(
    "dan atau yang di ke dari untuk dengan pada dalam serta akan ini itu para oleh bagi sebagai agar guna "
    "secara juga tersebut nya pun lah kah adalah ialah".split())

HIGHLIGHT_START = "«"
HIGHLIGHT_END = "»"


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words())


def tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text or "")]


def stem_tokens(text: str) -> list[str]:
    """Stems of every word of ``text``, in order.

    Example:
        >>> stem_tokens("Pembangunan jalan desa")
        ['bangun', 'jalan', 'desa']
    """
    return [stem_word(t) for t in tokens(text)]


def stem_text(text: str) -> str:
    """The string the full-text index holds for ``text``: its stems joined by spaces."""
    return " ".join(stem_tokens(text))


def query_stems(query: str) -> list[str]:
    """Distinct stems of a search query, function words dropped (unless nothing else is left)."""
    stems = []
    for stem in stem_tokens(query):
        if stem not in stems:
            stems.append(stem)
    content = [s for s in stems if s not in QUERY_STOPWORDS]
    return content or stems


def fts5_query(stems: list[str]) -> str:
    """An FTS5 MATCH expression requiring every stem (each quoted: no FTS5 syntax from users)."""
    return " AND ".join('"' + s.replace('"', '""') + '"' for s in stems)


def highlight(text: str, stems: Iterable[str], width: int = 240) -> dict:
    """A snippet of ``text`` with the words whose stem is in ``stems`` marked.

    Returns ``{"segments": [{"text": ..., "match": bool}, ...], "marked": "...«word»..."}``.
    ``segments`` is what a web page should render (escape each text, wrap matches
    in ``<mark>``); ``marked`` is the same snippet with matches between « and »
    for terminals. Long texts are cut to about ``width`` characters around the
    first match, with "…" at the cut ends.

    Example:
        >>> highlight("Membangun jalan desa", ["bangun"])["marked"]
        '«Membangun» jalan desa'
    """
    wanted = set(stems)
    spans = [m.span() for m in TOKEN.finditer(text) if stem_word(m[0].lower()) in wanted]
    start, end = 0, len(text)
    if len(text) > width:
        first = spans[0][0] if spans else 0
        start = max(0, first - width // 3)
        end = min(len(text), start + width)
        start = max(0, min(start, end - width))
        # cut at word boundaries
        if start > 0:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < start + 20 else start
        if end < len(text):
            space = text.rfind(" ", end - 20, end)
            end = space if space > start else end
    segments: list[dict] = []
    if start > 0:
        segments.append({"text": "…", "match": False})
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > pos:
            segments.append({"text": text[pos:s], "match": False})
        segments.append({"text": text[s:e], "match": True})
        pos = e
    if pos < end:
        segments.append({"text": text[pos:end], "match": False})
    if end < len(text):
        segments.append({"text": "…", "match": False})
    marked = "".join(HIGHLIGHT_START + seg["text"] + HIGHLIGHT_END if seg["match"] else seg["text"]
                     for seg in segments)
    return {"segments": segments, "marked": marked}


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (Sastrawi stop words and numbers dropped), for similarity."""
    stop = _stopwords()
    return [stem_word(t) for t in tokens(text) if t not in stop and not t.isdigit() and len(t) > 1]


def promise_vectors(texts: list[str]):
    """Unit-length vectors of promise texts (numpy, one row per text): the dot product of two rows is
    their semantic similarity (0..1).

    The one place :meth:`janji.store.api.Store.compare` decides "do these two
    promises say the same thing?". Today: TF-IDF over content stems, IDF from
    the texts compared (so words every pair uses, e.g. "masyarakat", weigh
    little). An embedder (unit-normalised sentence vectors) can replace it here
    without touching callers.
    """
    import numpy as np

    bags = [Counter(content_stems(t)) for t in texts]
    vocab: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            vocab.setdefault(w, len(vocab))
    n = len(bags)
    mat = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for i, bag in enumerate(bags):
        for w, c in bag.items():
            mat[i, vocab[w]] = 1 + math.log(c)
    df = (mat > 0).sum(axis=0)
    mat *= np.log((1 + n) / (1 + df) + 1).astype(np.float32)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    mat /= norms
    return mat


def similarity_matrix(texts: list[str]):
    """Pairwise similarity (n x n numpy array) of :func:`promise_vectors`."""
    vectors = promise_vectors(texts)
    return vectors @ vectors.T


def name_key(name: str | None) -> str:
    """A candidate name for matching: titles dropped, lower case, letters and spaces only.

    Example:
        >>> name_key("Dr. H. Muhammad Rizal, S.E., M.Si.")
        'muhammad rizal'
    """
    if not name:
        return ""
    words = re.split(r"[\s,]+", strip_titles(name))
    # titles, degrees and honorifics anywhere in a name as the store was given it ("Gus Harun", "H Ali SH")
    kept = [w for w in words if w and not (names.is_title(w) or names.is_degree(w) or w in names.HONORIFICS)]
    stripped = re.sub(r"[^\w\s]", " ", " ".join(kept).lower())
    return " ".join(w for w in stripped.split() if not w.isdigit())


# Old (pre-1972) and variant spellings that the same person's name is written in.
_SPELLING = [("oe", "u"), ("dj", "j"), ("tj", "c"), ("ch", "kh"), ("nj", "ny"), ("sj", "sy"), ("ij", "iy")]


def fold(key: str) -> str:
    for old, new in _SPELLING:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)  # doubled letters: "Muhammad"/"Muhamad"


def same_name(a: str, b: str) -> bool:
    """Whether two :func:`name_key` names are the same person's: equal after folding spelling variants
    (Chairul/Khairul, Soekarno/Sukarno, Muhammad/Muhamad), or one a one-letter typo of the other.

    Example:
        >>> same_name("chairul anam", "khairul anam")
        True
        >>> same_name("rudi hartono", "rudi hartono saputra")
        True
        >>> same_name("ali", "ali akbar")
        False
    """
    if a == b:
        return True
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    # a name written in full in one source and shortened in another ("Rudi Hartono Saputra" /
    # "Rudi Hartono"): the shorter one's words, at least two of them, open the longer one
    wa, wb = fa.split(), fb.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= 2 and long_[:len(short)] == short:
        return True
    import difflib

    return len(fa) >= 8 and difflib.SequenceMatcher(None, fa, fb).ratio() >= 0.93
