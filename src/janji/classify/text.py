"""Indonesian text -> tokens -> Sastrawi stems, cached (the lexical side of the classifier).

Stemming is the slow part of Sastrawi (~1,650 distinct words/s), and a corpus of
promises reuses a small vocabulary, so every word is stemmed once per process.

Example:

    >>> stems("Pembangunan jembatan-jembatan desa")
    ['bangun', 'jembatan', 'jembatan', 'desa']
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TOKEN = re.compile(r"[a-z0-9]+")

# Sastrawi over-stems a few words into other words that matter to the
# classifier ("pengangguran" -> "anggur", the grape); keep their own stem.
STEM_OVERRIDES = {
    "penganggur": "pengangguran",
    "peternakan": "ternak",
    "peternak": "ternak",
    "beternak": "ternak",
    "perikanan": "ikan",
    "pertanian": "tani",
    "pelabuhan": "labuh",
    "bos": "bos",
    "bosda": "bosda",
    "kesenjangan": "senjang",
    "lansia": "lansia",
    "balita": "balita",
    "pemuda": "pemuda",
    "kepemudaan": "pemuda",
    "pariwisata": "wisata",
    "kepariwisataan": "wisata",
    "wisatawan": "wisata",
    "berbudaya": "budaya",
    # "jalan" the road, not "berjalan"/"menjalankan" (to run, to carry out)
    "berjalan": "jalan_v",
    "berjalannya": "jalan_v",
    "menjalankan": "jalan_v",
    "dijalankan": "jalan_v",
    "menjalani": "jalan_v",
    "dijalani": "jalan_v",
    "perjalanan": "jalan_v",
    "sejalan": "jalan_v",
    "pengangguran": "pengangguran",
    # Sastrawi reduces these to common roots that mean something else:
    # persatuan -> satu (one), penduduk -> duduk (sit), kinerja -> kerja (work),
    # tertinggal -> tinggal (live), haki -> hak (right).
    "persatuan": "persatuan",
    "kesatuan": "kesatuan",
    "penduduk": "penduduk",
    "kependudukan": "kependudukan",
    "kinerja": "kinerja",
    "tertinggal": "tertinggal",
    "ketertinggalan": "tertinggal",
    "haki": "haki",
    # "berkelanjutan" (sustainable) is not "melanjutkan" (to continue)
    "berkelanjutan": "berkelanjutan",
    "keberlanjutan": "berkelanjutan",
}

# Function words that carry no sector meaning; left out of the learned features.
STOPWORDS = frozenset(
    "dan atau serta yang di ke dari untuk bagi dengan dalam pada melalui secara oleh sebagai "
    "adalah akan agar supaya menjadi jadi ini itu tersebut para setiap seluruh semua serta "
    "juga hingga sampai antara antar tiap per atas bawah lain lainnya dll dsb yaitu yakni "
    "kami kita saya kamu mereka ia dia nya pun lah kah tahun bulan hari".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


_KNOWN: dict[str, str] = {}


def seed_stems(table: dict[str, str]) -> None:
    """Stems computed at build time for every word of the nomenclature and lexicon (Sastrawi is slow)."""
    _KNOWN.update(table)
    _KNOWN.update(STEM_OVERRIDES)


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The Sastrawi stem of one lower-case token (numbers and short words are kept as they are)."""
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    known = _KNOWN.get(word)
    if known is not None:
        return known
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


# Words after which a promise names where, for whom or by what means, not what:
# "internet gratis di sekolah" is about the internet, not schools.
SECONDARY_MARKERS = frozenset("di ke bagi untuk kepada hingga sampai melalui dengan termasuk seperti antara terutama khususnya".split())


def secondary_mask(token_list: list[str], text: str | None = None) -> list[bool]:
    """True for tokens after the first secondary marker (past the first two words) or inside parentheses."""
    out, after = [], False
    for i, tok in enumerate(token_list):
        if i >= 2 and tok in SECONDARY_MARKERS:
            after = True
        out.append(after)
    if text and "(" in text:
        # mark tokens that fall inside parentheses, by counting tokens before each bracket
        depth, pos, inside = 0, 0, []
        for piece in re.split(r"([()])", unicodedata.normalize("NFKC", text).lower()):
            if piece == "(":
                depth += 1
            elif piece == ")":
                depth = max(depth - 1, 0)
            else:
                n = len(TOKEN.findall(piece))
                inside.extend([depth > 0] * n)
                pos += n
        if len(inside) == len(out):
            out = [a or b for a, b in zip(out, inside)]
    return out


def normalise(text: str) -> str:
    """Lower case, NFKC, accents and punctuation folded to spaces: the cache key of a text."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(TOKEN.findall(text))


def tokens(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFKC", text or "").lower())


def stems(text: str) -> list[str]:
    return [stem_word(t) for t in tokens(text)]


def features(stem_list: list[str]) -> list[str]:
    """Unigrams and bigrams of content stems: the inputs of the linear model."""
    return list(weighted_features(stem_list))


def weighted_features(stem_list: list[str], weights: list[float] | None = None) -> dict[str, float]:
    """Features with a value each (the largest weight of the tokens they come from; 1 by default)."""
    pairs = [(s, 1.0 if weights is None else weights[i]) for i, s in enumerate(stem_list)
             if s not in STOPWORDS and not s.isdigit()]
    out: dict[str, float] = {}
    for s, w in pairs:
        out[s] = max(out.get(s, 0.0), w)
    for (a, wa), (b, wb) in zip(pairs, pairs[1:]):
        key = f"{a} {b}"
        out[key] = max(out.get(key, 0.0), min(wa, wb))
    return out
