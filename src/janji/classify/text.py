"""Promise text -> the features of the classifier's linear model (stems from :mod:`janji.lang.stem`).

Example:

    >>> from janji.lang.stem import stems
    >>> features(stems("Pembangunan jembatan desa"))
    ['bangun', 'jembatan', 'desa', 'bangun jembatan', 'jembatan desa']
"""
from __future__ import annotations

import re
import unicodedata

from janji.lang.stem import TOKEN

# Function words that carry no sector meaning; left out of the learned features.
STOPWORDS = frozenset(
    "dan atau serta yang di ke dari untuk bagi dengan dalam pada melalui secara oleh sebagai "
    "adalah akan agar supaya menjadi jadi ini itu tersebut para setiap seluruh semua serta "
    "juga hingga sampai antara antar tiap per atas bawah lain lainnya dll dsb yaitu yakni "
    "kami kita saya kamu mereka ia dia nya pun lah kah tahun bulan hari".split()
)


# Words after which a promise names where, for whom or by what means, not what:
# "internet gratis di sekolah" is about the internet, not schools.
SECONDARY_MARKERS = frozenset("di ke bagi untuk kepada hingga sampai melalui dengan termasuk seperti antara terutama khususnya "
                              "guna demi rangka menunjang mendukung".split())  # "prasarana yang menunjang pengembangan wilayah"


def secondary_mask(token_list: list[str], text: str | None = None) -> list[bool]:
    """True for tokens after the first secondary marker (past the first two words) or inside parentheses."""
    n = len(token_list)
    first = next((i for i in range(2, n) if token_list[i] in SECONDARY_MARKERS), n)
    out = [False] * first + [True] * (n - first)
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


def features(stem_list: list[str]) -> list[str]:
    """Unigrams and bigrams of content stems: the inputs of the linear model."""
    return list(weighted_features(stem_list))


def weighted_features(stem_list: list[str], weights: list[float] | None = None) -> dict[str, float]:
    """Features with a value each (the largest weight of the tokens they come from; 1 by default)."""
    if weights is None:
        weights = [1.0] * len(stem_list)
    pairs = [(s, w) for s, w in zip(stem_list, weights) if s not in STOPWORDS and not s.isdigit()]
    out: dict[str, float] = {}
    get = out.get
    for s, w in pairs:
        out[s] = max(get(s, 0.0), w)
    for (a, wa), (b, wb) in zip(pairs, pairs[1:]):
        key = a + " " + b
        out[key] = max(get(key, 0.0), wb if wb < wa else wa)  # min(wa, wb): the first of equals
    return out
