"""Visions that spell an acronym of the other side's words.

A plan's visi is often a short name whose word spells the campaign visi's key
words ("Kota ADIL" for Aman, Damai, Inklusif, Lestari), the syllables of the
words giving the letters and vowels filling the gaps ("TEPAT": TErtib,
Produktif, (a) Transparan). :func:`spelled_by` finds such a reading, in either direction.

Example:

    >>> spelled_by("Kota Hebat", "Kota yang Harmonis, Empati, Beriman, Adil dan Tangguh")
    ['Harmonis', 'Empati', 'Beriman', 'Adil', 'Tangguh']
"""
from __future__ import annotations

import re
from functools import lru_cache

from janji.align.text import is_content, stem_word, tokens

VOWELS = set("aeiou")
MIN_WORDS = 3


def _words(text: str) -> list[str]:
    return [text[a:b] for w, a, b in tokens(text) if is_content(stem_word(w)) and w.isalpha()]


def _candidates(text: str) -> list[str]:
    """Words that may be acronyms: 3–10 letters, written capitalised or in capitals."""
    return [m.group() for m in re.finditer(r"\b[A-Z][A-Za-z]{2,9}\b", text or "")]


def _spell(acronym: str, words: list[str]) -> list[int] | None:
    """Indices of ``words`` whose leading letters spell ``acronym`` in order (vowels may fill gaps)."""
    acr = acronym.lower()
    low = [w.lower() for w in words]

    @lru_cache(maxsize=None)
    def go(pos: int, start: int) -> tuple[int, ...] | None:
        if pos == len(acr):
            return ()
        best = None
        for j in range(start, len(low)):
            w = low[j]
            # a prefix of word j (at least one letter) spells acr[pos:pos+k]
            k = 0
            while k < len(w) and pos + k < len(acr) and w[k] == acr[pos + k]:
                k += 1
                rest = go(pos + k, j + 1)
                if rest is not None and (best is None or len(rest) + 1 > len(best)):
                    best = (j,) + rest
        if best is None and acr[pos] in VOWELS and pos > 0:
            rest = go(pos + 1, start)  # a filling vowel
            if rest is not None:
                best = rest
        return best

    found = go(0, 0)
    if found is None or len(found) < MIN_WORDS or low[found[0]][0] != acr[0]:
        return None
    return list(found)


def spelled_by(short: str, long: str) -> list[str] | None:
    """The words of ``long`` that a word of ``short`` spells as an acronym, or None."""
    words = _words(long)
    long_lower = {w.lower() for w in words}
    for cand in _candidates(short):
        if cand.lower() in long_lower:
            continue  # the word itself is in the other text: not an acronym reading
        found = _spell(cand, words)
        if found:
            return [words[i] for i in found]
    return None


def acronym_link(a: str, b: str) -> list[str] | None:
    """An acronym reading between two visions, either way round (the words spelled), or None."""
    return spelled_by(a, b) or spelled_by(b, a)
