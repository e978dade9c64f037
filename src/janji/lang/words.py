"""Indonesian words across a line break: reduplication and compounds keep their hyphen, wraps lose it.

A reader that joins a line with its wrapped continuation must undo the
hyphen a line break added ("pemba-" + "ngunan" -> "pembangunan") and keep
the ones that belong to the word: reduplication ("sehari-hari", "ogoh-ogoh",
"kemerah-merahan"), rhyming compounds ("bolak-balik", "sayur-mayur"), a
number after a name ("Covid-19").

Example:

    >>> join_wrapped("pemba-", "ngunan jalan")
    'pembangunan jalan'
    >>> join_wrapped("kegiatan sehari-", "hari warga")
    'kegiatan sehari-hari warga'
"""
from __future__ import annotations

import re

from janji.lang import lazy

_WORD_END = lazy.compile(r"(\w+)-$")
_WORD_START = lazy.compile(r"^(\w+)")


def _related(a: str, b: str) -> bool:
    """Reduplication and rhyming compounds keep their hyphen: ogoh-ogoh, sehari-hari, sayur-mayur, bolak-balik."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    # sehari-hari, kemerah-merahan; short syllables ("ke-kerasan") are ordinary breaks
    if min(len(a), len(b)) >= 3 and (a.endswith(b) or b.startswith(a)):
        return True
    if any(b.startswith(a[-k:]) for k in range(4, len(a) + 1)):  # kemerah-merahan
        return True
    if len(a) >= 3 and len(b) >= 3:
        if a[-3:] == b[-3:] or a[:3] == b[:3]:
            return True
        # bolak-balik, mondar-mandir: same consonant skeleton
        consonants = lambda w: re.sub(r"[aeiou]", "", w)  # noqa: E731
        if len(a) >= 4 and consonants(a) == consonants(b):
            return True
    return False


def join_wrapped(left: str, right: str) -> str:
    """Join a line and its wrapped continuation with one space, undoing end-of-line hyphenation.

    "pemba-" + "ngunan" -> "pembangunan"; "ogoh-" + "ogoh" and "Covid-" + "19"
    keep their hyphen; "Kabupaten/" + "Kota" joins without a space.
    """
    left = left.rstrip()
    right = right.strip()
    if not left:
        return right
    if not right:
        return left
    if left.endswith("-") and not left.endswith(" -") and not left.endswith("--"):
        frag = _WORD_END.search(left)
        nxt = _WORD_START.match(right)
        if frag and nxt:
            a, b = frag.group(1), nxt.group(1)
            if b[0].isalpha() and b[0].islower() and a[-1].isalpha() and not _related(a, b):
                return left[:-1] + right
            return left + right  # a real hyphenated word: Covid-19, ogoh-ogoh, Sulawesi-Selatan
    if left.endswith("/") and not left.endswith(" /"):
        return left + right
    return left + " " + right
