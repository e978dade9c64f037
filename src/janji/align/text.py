"""The lexical side of alignment: terms, their weights, and what two items share.

A *term* is a Sastrawi stem, or a multi-word phrase of the classifier's lexicon
taken as one unit ("lingkungan hidup", "air bersih", "sumber daya manusia"), so
that "gaya hidup sehat" does not share a term with "lingkungan hidup". Terms are
weighted by how rare they are in the official nomenclature (Permendagri
90/2019, packaged in ``janji/data``): "peningkatan" or "pengelolaan" head half
of all official entries and say little, "ambulans" or "umrah" say a lot.

Every import from the analyser's language helpers (stemming, lexicon,
sentences, names) is made here, so that one module follows them when they move.

Example:

    >>> [t.key for t in terms("Pembangunan air bersih di desa")]
    ['bangun', 'air bersih', 'desa']
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np

from janji.classify.text import STOPWORDS

try:
    from janji.lang.stem import stem_word
except ImportError:  # before the analyser's stemmer moved into janji.lang
    from janji.classify.text import stem_word

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words of promise phrasing that name no outcome or activity of their own: a plan item that shares only
# these with a promise does not carry it ("gratis", "peningkatan", "mantap").
GENERIC = frozenset(
    "program kegiatan upaya wujud tingkat kuat kembang bangun optimal optimalisasi dukung fasilitasi kelola "
    "gratis murah mantap baik unggul maju kualitas mutu daerah masyarakat rakyat warga seluruh lapis kabupaten kota "
    "provinsi "
    "tiap semua tahun orang jiwa layak mudah cepat basis".split()
)
EXTRA_STOPWORDS = frozenset("tidak boleh bisa harus akan telah sudah ingin agar yg nya pula susah dapat hanya".split())
# Qualities a visi or misi attaches to its subject ("SDM yang tangguh, cerdas, terampil dan berkarakter"): listed
# after a comma they are not parts of the promise of their own. (Stems; words naming a domain — "sehat",
# "bersih", "aman" — are not here.)
QUALITIES = frozenset(
    "tangguh cerdas terampil produktif karakter mantap atur teratur maju adil makmur unggul inovatif kreatif "
    "mandiri berdikari daya saing religius harmonis nyaman kualitas profesional transparan akuntabel modern "
    "merata keadil berkeadilan dinamis bermartabat martabat berbudaya beretika etika sinergi kolaboratif "
    "partisipatif responsif adaptif efektif efisien bersih_v".split()
)
# Words after which a promise names for whom or where, not what ("bantuan bagi petani dan nelayan").
SCOPE_MARKERS = frozenset("bagi untuk kepada di ke tingkat jenjang mulai".split())
PHRASE_BONUS = 0.5  # a lexicon phrase is more specific than its rarest word
HEAD_CREDIT = 0.6  # a two-word phrase whose first word (its head) alone is in the other text
MIN_WEIGHT = 0.2


@dataclass(frozen=True)
class Term:
    """One term of a text: its key (stem or phrase of stems) and where its words are in the text."""

    key: str
    start: int
    end: int
    surface: str


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Lower-case words with their offsets in ``text``."""
    out = []
    for m in WORD.finditer(text or ""):
        word = unicodedata.normalize("NFKC", m.group()).lower()
        out.append((word, m.start(), m.end()))
    return out


@lru_cache(maxsize=1)
def _phrases() -> tuple[frozenset, int]:
    """Multi-word phrases (as stem tuples) of the classifier's sector and SDG lexicons."""
    from janji.classify.taxonomy import sdg_lexicon, sector_lexicon

    found = set()
    for lex in (sector_lexicon(), sdg_lexicon()):
        found.update(k for k in lex.phrases if len(k) > 1)
    return frozenset(found), max((len(k) for k in found), default=1)


def is_content(stem: str) -> bool:
    return len(stem) > 1 and not stem.isdigit() and stem not in STOPWORDS and stem not in EXTRA_STOPWORDS


def terms(text: str) -> list[Term]:
    """The content terms of ``text`` in order: lexicon phrases first (longest), then single stems."""
    toks = tokens(text)
    stems = [stem_word(w) for w, _, _ in toks]
    phrases, longest = _phrases()
    out: list[Term] = []
    i = 0
    while i < len(toks):
        for n in range(min(longest, len(toks) - i), 1, -1):
            key = tuple(stems[i:i + n])
            if key in phrases:
                start, end = toks[i][1], toks[i + n - 1][2]
                out.append(Term(" ".join(key), start, end, text[start:end]))
                i += n
                break
        else:
            if is_content(stems[i]):
                out.append(Term(stems[i], toks[i][1], toks[i][2], text[toks[i][1]:toks[i][2]]))
            i += 1
    return out


def same_term(a: str, b: str) -> bool:
    """Equal, or one spelling of the other ("ambulan"/"ambulans", "agam"/"agama"): a long shared prefix."""
    if a == b:
        return True
    if " " in a or " " in b:
        return False
    k = 0
    for x, y in zip(a, b):
        if x != y:
            break
        k += 1
    shorter = min(len(a), len(b))
    return k >= 5 and k >= shorter - 1 or (k >= 4 and k == shorter and abs(len(a) - len(b)) <= 1)


@lru_cache(maxsize=1)
def _document_frequency() -> tuple[Counter, int]:
    """How many official nomenclature entries (programs, kegiatan, sub kegiatan) each stem occurs in."""
    from janji.classify import get_classifier
    from janji.classify.taxonomy import nomenclature, programs

    get_classifier()  # seeds the stem table built with the nomenclature: stemming its words costs nothing
    df: Counter = Counter()
    n = 0
    for phrase in list(nomenclature()) + list(programs()):
        n += 1
        df.update({stem_word(w) for w, _, _ in tokens(phrase.name)})
    return df, n


def warm() -> None:
    """Build the nomenclature tables (phrases, word rarities) now rather than in the first alignment."""
    _phrases()
    _document_frequency()


def rarity(key: str) -> float:
    """Inverse document frequency of a term in the nomenclature (a phrase: its rarest word, plus a bonus)."""
    df, n = _document_frequency()
    parts = key.split(" ")
    base = max(math.log((n + 1) / (df.get(p, 0) + 1)) for p in parts)
    if len(parts) > 1:
        base += PHRASE_BONUS
    if key in GENERIC:
        base *= 0.25
    return max(base, MIN_WEIGHT)


def sibling_weights(term_lists: Iterable[list[Term]]) -> dict[str, float]:
    """Down-weights for terms repeated across many items of one document: a programme's brand ("Maju
    Desa, Maju Tani, Maju Sekolah …", "Kartu … Cerdas") names no content of its own."""
    lists = [{t.key for t in ts} for ts in term_lists]
    counts = Counter(k for keys in lists for k in keys)
    n = max(len(lists), 1)
    return {k: 0.3 for k, c in counts.items() if c >= 3 and c / n >= 0.3}


def weight(key: str, local: dict[str, float] | None = None) -> float:
    return rarity(key) * (local.get(key, 1.0) if local else 1.0)


def covered(a: list[Term], b: list[Term], local: dict[str, float] | None = None) -> tuple[float, list[Term]]:
    """Weighted share of ``a``'s terms found in ``b`` (0–1), and those terms.

    A phrase of ``a`` whose words all occur in ``b`` counts at 0.7 ("air bersih" in "bersih … air").
    """
    if not a:
        return 0.0, []
    keys_b = [t.key for t in b]
    words_b = [w for k in keys_b for w in k.split(" ")]
    total = hit = 0.0
    shared: list[Term] = []
    seen: set[str] = set()
    for t in a:
        if t.key in seen:
            continue
        seen.add(t.key)
        w = weight(t.key, local)
        if w <= 0:
            continue
        total += w
        if any(same_term(t.key, k) for k in keys_b):
            hit += w
            shared.append(t)
        elif " " in t.key and all(any(same_term(p, q) for q in words_b) for p in t.key.split(" ")):
            hit += 0.7 * w
            shared.append(t)
        elif t.key.count(" ") == 1 and any(same_term(t.key.split(" ")[0], q) for q in words_b):
            hit += HEAD_CREDIT * w
            shared.append(t)
        elif " " not in t.key and any(same_term(t.key, q) for q in words_b):
            hit += 0.8 * w  # "pelayanan" inside "pelayanan publik"
            shared.append(t)
    return (hit / total if total else 0.0), shared


def marks(text: str, other: str, ignore: set[str] = frozenset()) -> list[dict]:
    """``text`` cut into pieces, ``hit`` where a word shares a term with ``other`` (for highlighting both
    sides of a link): ``[{"text": "Perbaikan ", "hit": False}, {"text": "jalan", "hit": True}, …]``. Generic
    words and the terms in ``ignore`` (a region's name) are never marked."""
    theirs = [w for t in terms(other) if t.key not in GENERIC and t.key not in ignore for w in t.key.split(" ")]
    spans = []
    for t in terms(text):
        if t.key in GENERIC or t.key in ignore:
            continue
        if any(same_term(w, q) for w in t.key.split(" ") for q in theirs):
            spans.append((t.start, t.end))
    out, pos = [], 0
    for a, b in spans:
        if a > pos:
            out.append({"text": text[pos:a], "hit": False})
        out.append({"text": text[a:b], "hit": True})
        pos = b
    if pos < len(text):
        out.append({"text": text[pos:], "hit": False})
    return out


def name_terms(name: str | None) -> set[str]:
    """Term keys of a region's name without its level ("Kabupaten Gunung Subur" -> {"gunung", "subur"})."""
    return {t.key for t in terms(name or "") if t.key not in ("kabupaten", "kota", "provinsi", "kab")}


class Index:
    """The terms of many texts (one side of an alignment), to compute :func:`covered` against all at once.

    ``Index(b).coverage(a)[i, j]`` equals ``covered(a[i], b[j], local)[0]``, with numpy instead of a loop
    over every pair (a 60 x 150 alignment compares ~36,000 pairs of texts).
    """

    def __init__(self, lists: list[list[Term]]):
        self.n = len(lists)
        self.keys: dict[str, int] = {}
        rows, cols = [], []
        for j, ts in enumerate(lists):
            for t in ts:
                k = self.keys.setdefault(t.key, len(self.keys))
                rows.append(k)
                cols.append(j)
        self.has = np.zeros((len(self.keys), self.n), bool)
        if rows:
            self.has[rows, cols] = True
        self.by_prefix: dict[str, list[str]] = {}
        self.words_of: dict[str, list[int]] = {}  # word -> keys (single or phrase) containing it
        for key, k in self.keys.items():
            for w in key.split(" "):
                self.words_of.setdefault(w, []).append(k)
        for w in self.words_of:
            self.by_prefix.setdefault(w[:4], []).append(w)
        self._word_items: dict[str, np.ndarray] = {}

    def _similar_words(self, word: str) -> list[str]:
        return [w for w in self.by_prefix.get(word[:4], []) if same_term(word, w)]

    def _items_with_word(self, word: str) -> np.ndarray:
        """Items having a key (single or phrase) with a word that is ``word`` or a spelling of it."""
        got = self._word_items.get(word)
        if got is None:
            ks = [k for w in self._similar_words(word) for k in self.words_of[w]]
            got = self.has[ks].any(0) if ks else np.zeros(self.n, bool)
            self._word_items[word] = got
        return got

    def hits(self, key: str) -> np.ndarray:
        """How well each indexed text contains ``key``: 1 (the term), 0.8 (a word inside a phrase), 0.7 (all
        the words of a phrase, apart), 0."""
        out = np.zeros(self.n, np.float32)
        if " " in key:
            k = self.keys.get(key)
            if k is not None:
                out[self.has[k]] = 1.0
            words = key.split(" ")
            apart = np.ones(self.n, bool)
            for w in words:
                apart &= self._items_with_word(w)
            out[apart & (out < 0.7)] = 0.7
            if len(words) == 2:  # the head of a two-word phrase ("jalan kabupaten" in "jalan dan jembatan")
                head = self._items_with_word(words[0])
                out[head & (out < HEAD_CREDIT)] = HEAD_CREDIT
            return out
        for w in self._similar_words(key):
            for k in self.words_of[w]:
                out[self.has[k]] = np.maximum(out[self.has[k]], 1.0 if " " not in self.key_of(k) else 0.8)
        return out

    def key_of(self, k: int) -> str:
        if not hasattr(self, "_names"):
            self._names = {v: key for key, v in self.keys.items()}
        return self._names[k]

    def coverage(self, lists: list[list[Term]], local: dict[str, float] | None = None) -> np.ndarray:
        """``[i, j]``: the weighted share of ``lists[i]``'s terms found in indexed text ``j``."""
        out = np.zeros((len(lists), self.n), np.float32)
        cache: dict[str, np.ndarray] = {}
        for i, ts in enumerate(lists):
            total = 0.0
            acc = np.zeros(self.n, np.float32)
            for key in dict.fromkeys(t.key for t in ts):
                w = weight(key, local)
                if w <= 0:
                    continue
                total += w
                h = cache.get(key)
                if h is None:
                    h = cache[key] = self.hits(key)
                acc += w * h
            if total:
                out[i] = acc / total
        return out


def normalise(text: str) -> str:
    """Lower case, NFKC, punctuation folded to spaces: the cache key of a text."""
    return " ".join(w for w, _, _ in tokens(text))


def _plain(part: str) -> list[Term]:
    return [t for t in terms(part) if t.key not in GENERIC]


def _marked(part: str) -> bool:
    """Whether a part names for whom or where ("… bagi industri", "… di setiap desa")."""
    return any(w in SCOPE_MARKERS for w, _, _ in tokens(part)[1:])


def parts_and_scope(text: str) -> tuple[list[str], list[str]]:
    """The parts a promise bundles, and the members of the scope it names.

    "A, B dan C" -> parts [A, B, C]. A part made only of qualities ("tangguh, cerdas dan berkarakter") or of
    generic words belongs to the part before it; short parts after a part that names whom or where ("bagi
    petani, nelayan dan peternak") are members of that scope, not parts ("scope": [petani, nelayan,
    peternak]). Parenthesised asides ("(BPJS)") stay with their part.
    """
    flat = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), text)
    cuts = [0]
    for m in re.finditer(r"[,;]|\s(?:dan|serta|maupun|hingga|atau)\s", flat, re.IGNORECASE):
        cuts.extend([m.start(), m.end()])
    cuts.append(len(text))
    parts: list[str] = []
    scope: list[str] = []
    in_scope = False
    for a, b in zip(cuts[::2], cuts[1::2]):
        part = text[a:b].strip(" ,;.")
        if not part:
            continue
        plain = _plain(part)
        qualities = all(t.key in QUALITIES for t in plain)
        if parts and (not plain or qualities):
            parts[-1] = f"{parts[-1]}, {part}"
            continue
        if parts and in_scope and len(plain) <= 3:
            scope.append(part)
            parts[-1] = f"{parts[-1]}, {part}"
            continue
        parts.append(part)
        in_scope = False
        if _marked(part):
            toks = tokens(part)
            k = next(i for i, (w, _, _) in enumerate(toks) if i > 0 and w in SCOPE_MARKERS)
            after = part[toks[k][2]:].strip()
            in_scope = bool(_plain(after))  # "kepada masyarakat" names nobody in particular
            scope = [after] if in_scope else []
    if len(parts) < 2:
        parts = [text]
    return parts, [m for m in scope if _plain(m)]


def components(text: str) -> list[str]:
    """The parts a promise bundles (a single part: ``[text]``); see :func:`parts_and_scope`."""
    return parts_and_scope(text)[0]


def domains(text: str) -> list[str]:
    """The domains a broad item (a misi, a sasaran) names: its parts, and what follows "melalui" (by means of)
    on its own — "Memperkuat ketahanan pangan melalui pertanian yang maju" -> [the whole, "pertanian yang
    maju"]. Only the pieces that differ from the whole are returned."""
    out = []
    for part in components(text):
        pieces = [part]
        m = re.search(r"\s(?:melalui|lewat|dengan|berbasis)\s", part, re.IGNORECASE)
        if m and _plain(part[m.end():]) and _plain(part[:m.start()]):
            pieces = [part[:m.start()].strip(), part[m.end():].strip()]
        out.extend(p for p in pieces if p != text)
    return list(dict.fromkeys(out))


def sentences(text: str):
    """Sentences of running text with their offsets (the prose stage's splitter)."""
    from janji.prose.sentences import split_units

    return split_units(text)


def name_tokens(name: str | None) -> list[str]:
    """Lower-case words of a person's name without titles ("Dr. H. Ali Akbar, S.E." -> ["ali", "akbar"])."""
    try:
        from janji.lang.names import strip_titles
    except ImportError:  # before the analyser's language helpers moved into janji.lang
        from janji.facts.names import strip_titles

    folded = unicodedata.normalize("NFKC", strip_titles(name or "")).lower()
    folded = re.sub(r"[’'`´]", "", folded)
    return [w for w in WORD.findall(folded) if w]


def same_person(a: str | None, b: str | None) -> bool:
    """Two spellings of one name: every word of the shorter one is in the longer one (or nearly)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    joined = "".join(long_)
    return all(any(w == v or (len(w) > 3 and (v.startswith(w) or w.startswith(v))) for v in long_) or w in joined
               for w in short)
