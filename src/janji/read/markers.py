"""List markers as a document prints them: 3 -> "3", "c", "C", "iii", "III"."""
from __future__ import annotations

import re

# A list marker at the start of a line, as the structure stage expects it.
MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxlcIVXLC]{1,6}[.)]|[-•●▪◦‣∙·*–—➢➤►■□○✓✔])\s")
BULLET_CHARS = "•●▪◦‣∙·*–—➢➤►■□○✓✔\uf0b7\uf0a7\uf0d8\uf076\uf0fc"


def alpha(n: int, upper: bool = False) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word and HTML count letters this way)."""
    n = max(1, n)
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out.upper() if upper else out


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int, upper: bool = False) -> str:
    n = max(1, min(n, 3999))
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out.upper() if upper else out


def format_number(n: int, fmt: str) -> str:
    """Format a counter in a Word ``numFmt`` / HTML ``type`` style."""
    if fmt in ("lowerLetter", "a"):
        return alpha(n)
    if fmt in ("upperLetter", "A"):
        return alpha(n, upper=True)
    if fmt in ("lowerRoman", "i"):
        return roman(n)
    if fmt in ("upperRoman", "I"):
        return roman(n, upper=True)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def starts_with_marker(text: str) -> bool:
    return bool(MARKER.match(text + " "))
