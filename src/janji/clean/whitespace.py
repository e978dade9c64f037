"""Unicode and whitespace normalisation.

Example:

    >>> normalize("Visi\\r\\nMisi\\u00a0satu\\t ")
    'Visi\\nMisi satu'
"""
from __future__ import annotations

import re
import unicodedata

from janji.lang import lazy

# Spaces that look like a space but are not U+0020 (NBSP from HTML/Word, thin and ideographic spaces).
# (Regular expressions, not str.translate: translate with a dict is ~20x slower on large texts.)
_SPACES = lazy.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u0085]")
# Invisible characters: zero-width spaces/joiners, BOM, soft hyphen, bidi marks, word joiner.
_INVISIBLE = lazy.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069\ufffe]")
# Bullets in Word's Symbol/Wingdings fonts arrive as private-use characters when text is copied out.
_SYMBOL_BULLETS = lazy.compile("[\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06c\uf06e\uf0e8]")
# C0/C1 controls other than tab and newline, plus the PDF/Word line and paragraph separators.
_CONTROLS = lazy.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_LEADING_TABS = lazy.compile(r"^[ \t]+", re.M)


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
