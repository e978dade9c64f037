"""List markers: the one grammar of how Indonesian documents number and bullet their entries.

A marker opens a line ("1.", "2)", "(3)", "a.", "B)", "iv.", "-", "•", "Pertama,",
"Kedua:", "Ke-8,", "Dan kesembilan,", "Terakhir,") or an entry inside a sentence
("yakni: 1. … 2. …", "(1) … (2) …", "pertama …, kedua …"). Readers write the
markers of Word and HTML lists into the text with :func:`counter`, so that every
later stage reads one notation.

Example:
    >>> m = line_marker("2) Membangun jalan desa")
    >>> m.label, m.kind, m.number, "2) Membangun jalan desa"[m.end:]
    ('2', 'num', 2, 'Membangun jalan desa')
    >>> [(m.label, m.kind, m.number) for m in map(line_marker, ["iv. Pasar", "Kedua, pasar", "Ke-8: pasar"])]
    [('iv', 'roman', 4), ('Kedua', 'ordinal', 2), ('Ke-8', 'ordinal', 8)]
    >>> [(m.label, m.number) for m in map(line_marker, ["Lalu yang ketiga ialah pasar", "Pada poin keempat, pasar",
    ...                                                  "Program utama mereka yang kedua adalah pasar"])]
    [('ketiga', 3), ('keempat', 4), ('kedua', 2)]
    >>> line_marker("1.000 rumah") is None, line_marker("3.2.2 Misi") is None
    (True, True)
    >>> [(e.label, text[e.start:e.end]) for text in ["yakni (1) pasar murah (2) jalan mulus"]
    ...  for e in inline_entries(text)]
    [('1', 'pasar murah '), ('2', 'jalan mulus')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from janji.lang import lazy
from janji.lang.numbers import CARDINAL, ORDINAL, ordinal_value, small_number

BULLET_CHARS = "•●▪◦‣∙·*–—➢➤►■□○✓✔\uf0b7\uf0a7\uf0d8\uf076\uf0fc"
# A list marker at the start of a line, in the notation readers write: digits, letters, roman numerals, bullets.
MARKER = lazy.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxlcIVXLC]{1,6}[.)]|[-•●▪◦‣∙·*–—➢➤►■□○✓✔])\s")

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20}

# "1." "1)" "12." — but not "1.000" (a number) or "3.2.2" (a section number, see SECTION_NUMBER).
_NUM = lazy.compile(r"(\d{1,3})\s?[.)](?!\d)\s*(?=\S)")
_PAREN_NUM = lazy.compile(r"\((\d{1,3})\)\s*(?=\S)")
_LETTER = lazy.compile(r"\(?([a-zA-Z])[.)]\s+(?=\S)")
_ROMAN = lazy.compile(r"\(?((?:x{0,1})(?:ix|iv|v?i{0,3})|(?:X{0,1})(?:IX|IV|V?I{0,3}))[.)]\s+(?=\S)")
_BULLET = lazy.compile(r"([-–—•·▪●○◦■□➢►✓✔*])\s*(?=\S)")
# "Pertama,", "Kedua:", "Satu.", "Ke-8,", "Dan kesembilan,", "Yang ketiga," "Terakhir,": an entry named by
# its position. The position word is the label; the "dan"/"yang" before it is not.
LAST = r"(?:terakhir|yang\s+terakhir)"
_ORDINAL = lazy.compile(
    r"(?:(?:dan|serta|lalu|kemudian|selanjutnya|sedangkan|adapun)\s+)?(?:(?:pada|di|untuk)\s+)?"
    r"(?:(?:poin|butir|point|nomor|hal)\s+|yang\s+)?(?P<w>" + ORDINAL + "|" + CARDINAL + "|" + LAST + r")"
    r"(?:\s*[:,.]|\s+(?:ialah|adalah|yaitu|yakni|yakni:|berupa)\b[\s:,]*)\s*(?=\S)", re.IGNORECASE)
# "Kemudian pada program utama pasangan ini yang kedua ialah …": an entry named by its position mid-sentence.
_ORDINAL_LATE = lazy.compile(r"(?:[\w'’-]+[ \t]+){1,8}?yang\s+(?P<w>" + ORDINAL + r")\s+(?:ialah|adalah|yaitu|yakni)\b[\s:,]*(?=\S)",
                           re.IGNORECASE)
SECTION_NUMBER = lazy.compile(r"(?:BAB\s+[IVXLC]+\.?\s+)?\d+(?:\.\d+)+\.?\s+(?=\S)")


@dataclass(frozen=True)
class Marker:
    label: str  # as printed, without punctuation: "1", "a", "iv", "-", "Pertama", "Ke-8"
    kind: str  # num, paren, alpha, ALPHA, roman, ROMAN, bullet, ordinal
    number: int | None  # the position it stands for (1 for "1", "a", "i", "Pertama"); None for bullets, "Terakhir"
    end: int  # offset after the marker and the space behind it


def line_marker(text: str) -> Marker | None:
    """The marker a line (given without its indentation) starts with, or None."""
    if SECTION_NUMBER.match(text):
        return None
    for kind, pattern in (("num", _NUM), ("paren", _PAREN_NUM)):
        m = pattern.match(text)
        if m:
            return Marker(m.group(1), kind, int(m.group(1)), m.end())
    m = _BULLET.match(text)
    if m and not re.match(r"[-–—]\s*\d", text):  # "-5%" is a number, not a bullet
        return Marker(m.group(1), "bullet", None, m.end())
    m = _ROMAN.match(text)
    if m and m.group(1) and m.group(1).lower() in ROMAN and len(m.group(1)) > 1:
        return Marker(m.group(1), "ROMAN" if m.group(1).isupper() else "roman", ROMAN[m.group(1).lower()], m.end())
    m = _LETTER.match(text)
    if m and not re.match(r"\(?[A-Z]\.\s*[A-Z]\.", text):  # "H. M. Ali": initials, not a list
        letter = m.group(1)
        return Marker(letter, "ALPHA" if letter.isupper() else "alpha", ord(letter.lower()) - ord("a") + 1, m.end())
    m = _ORDINAL.match(text) or _ORDINAL_LATE.match(text)
    if m:
        word = m.group("w")
        return Marker(word, "ordinal", None if re.fullmatch(LAST, word, re.I) else small_number(word), m.end())
    return None


def as_roman(marker: Marker) -> Marker:
    """The same marker read as a roman numeral ("i." after "h." is a letter; after nothing, the first roman)."""
    return Marker(marker.label, "ROMAN" if marker.label.isupper() else "roman", ROMAN[marker.label.lower()], marker.end)


def starts_with_marker(text: str) -> bool:
    return bool(MARKER.match(text + " "))


def only_marker(text: str) -> bool:
    """The whole text is one marker ("1.", "a)", "•"): a marker a reader found apart from its entry."""
    text = text.strip()
    m = MARKER.match(text + " ")
    return bool(text) and (bool(m and m.end() >= len(text)) or (len(text) == 1 and text in BULLET_CHARS))


# -- entries inside a sentence ------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    label: str
    start: int  # where the entry's text starts (after its marker)
    end: int  # where the next entry's marker starts (or the text ends)


# "(1) …", "1. …", "1) …" inside running text, before a word.
INLINE_NUMBER = lazy.compile(r"(?:^|(?<=[\s;:,.]))\(?(\d{1,2})[.)]\s*(?=[A-Za-z])")
# Ordinals inside running text: "pertama …, kedua …, dan terakhir …"; "yang kedua ialah …".
INLINE_ORDINAL = lazy.compile(r"(?:(?<=^)|(?<=[\s,;.:]))(?P<ord>" + ORDINAL + "|" + LAST + r")\b[\s,:]*", re.IGNORECASE)


def inline_entries(text: str, start: int = 0, end: int | None = None) -> list[Entry]:
    """Entries numbered 1, 2, 3 … inside ``text[start:end]`` ("(1) … (2) …", "1. … 2. …"), or [].

    Only a run that counts up from 1 is a list; stray numbers are left in the entry they stand in.
    """
    end = len(text) if end is None else end
    seq: list[re.Match] = []
    for m in INLINE_NUMBER.finditer(text, start, end):
        if int(m.group(1)) == len(seq) + 1:
            seq.append(m)
    if len(seq) < 2:
        return []
    return [Entry(m.group(1), m.end(), seq[i + 1].start() if i + 1 < len(seq) else end) for i, m in enumerate(seq)]


def continues_inline_run(text: str, line: str) -> bool:
    """Does ``line`` start with the next number of a list written inside ``text``?

    A reader that rebuilds wrapped lines meets "3. …" at the start of a line after "… yaitu: 1. …; 2. …":
    that number goes on with the paragraph's own list, it opens no list entry. The paragraph's own
    leading marker, if it is a list entry, does not count.

    >>> continues_inline_run("Misinya: 1. Jalan desa; 2. Air bersih;", "3. Listrik desa")
    True
    >>> continues_inline_run("1. Jalan desa yang mantap", "2. Air bersih"), continues_inline_run("Misi:", "1. Jalan")
    (False, False)
    """
    m = _NUM.match(line) or _PAREN_NUM.match(line)
    if not m or int(m.group(1)) < 2:
        return False
    own = line_marker(text)
    start = own.end if own is not None and own.kind != "ordinal" else 0
    count = 0
    for found in INLINE_NUMBER.finditer(text, start):
        if int(found.group(1)) == count + 1:
            count += 1
    return count == int(m.group(1)) - 1


def ordinal_entries(text: str, start: int = 0, end: int | None = None) -> list[Entry]:
    """Entries named by ordinals inside ``text[start:end]`` ("pertama …, kedua …, terakhir …"), or [].

    The ordinals must count up (1, 2, 3 …, "terakhir" closing the run); a lone "kedua" is a word.
    """
    end = len(text) if end is None else end
    found = list(INLINE_ORDINAL.finditer(text, start, end))
    seq: list[re.Match] = []
    for m in found:
        value = ordinal_value(m.group("ord"))
        last = value is None
        if (last and seq) or value == len(seq) + 1:
            seq.append(m)
            if last:
                break
        elif value == 1:  # a new run starts: keep the longer one
            if len(seq) >= 2:
                break
            seq = [m]
    if len(seq) < 2:
        return []
    return [Entry(m.group("ord"), m.end(), seq[i + 1].start() if i + 1 < len(seq) else end) for i, m in enumerate(seq)]


# -- writing markers (readers) ------------------------------------------------------------------

def alpha(n: int, upper: bool = False) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word and HTML count letters this way)."""
    n = max(1, n)
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out.upper() if upper else out


_ROMAN_DIGITS = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                 (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int, upper: bool = False) -> str:
    n = max(1, min(n, 3999))
    out = ""
    for value, letters in _ROMAN_DIGITS:
        while n >= value:
            out += letters
            n -= value
    return out.upper() if upper else out


def counter(n: int, fmt: str) -> str:
    """A list counter in a Word ``numFmt`` / HTML ``type`` style: 3 -> "3", "c", "C", "iii", "III", "03"."""
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
