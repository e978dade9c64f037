"""Unicode and whitespace normalisation, and joining of wrapped lines (hyphenation undone).

Example:

    >>> join_wrapped("pemba-", "ngunan jalan")
    'pembangunan jalan'
    >>> join_wrapped("kegiatan sehari-", "hari warga")
    'kegiatan sehari-hari warga'
"""
from __future__ import annotations

import re
import unicodedata

# Spaces that look like a space but are not U+0020 (NBSP from HTML/Word, thin and ideographic spaces).
# (Regular expressions, not str.translate: translate with a dict is ~20x slower on large texts.)
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u0085]")
# Invisible characters: zero-width spaces/joiners, BOM, soft hyphen, bidi marks, word joiner.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069\ufffe]")
# Bullets in Word's Symbol/Wingdings fonts arrive as private-use characters when text is copied out.
_SYMBOL_BULLETS = re.compile("[\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06c\uf06e\uf0e8]")
# C0/C1 controls other than tab and newline, plus the PDF/Word line and paragraph separators.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_LEADING_TABS = re.compile(r"^[ \t]+", re.M)


def normalize(text: str) -> str:
    """NFC, ``\\n`` newlines, ordinary spaces; tabs indenting a line count two spaces each.

    Plain text keeps its line breaks and indentation (the structure stage reads them).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if not text.isascii():
        text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
        text = _SYMBOL_BULLETS.sub("•", text)
    text = _CONTROLS.sub("", text)
    if "\t" in text:
        text = _LEADING_TABS.sub(lambda m: m.group().replace("\t", "  "), text)
        text = text.replace("\t", " ")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


_WORD_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")


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
