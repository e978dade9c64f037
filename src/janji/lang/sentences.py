"""Sentences of Indonesian text, with their offsets: the one splitter every stage uses.

A sentence ends at "." "!" "?" (a closing quote or bracket may follow) before
white space and a capital, a digit or an opening quote, or at the end of the
text; also where a full stop is glued to the next sentence ("sejahtera.”Kami",
"warga.Kami"). It does not end after an abbreviation or title ("H.", "Dr.",
"Rp.", "No.", "Kab.", "dll."), an initial ("M. Iqbal"), a list number ("yakni:
1. Membangun …"), or inside a protected range (a direct quotation, when the
caller asks). Line breaks are ordinary white space here; :func:`line_sentences`
splits each line of a document on its own.

Example:
    >>> text = "Paslon nomor 1, H. Budi, berjanji membangun 10 pasar. Ia juga akan memperbaiki jalan."
    >>> [text[a:b] for a, b in split(text)]
    ['Paslon nomor 1, H. Budi, berjanji membangun 10 pasar.', 'Ia juga akan memperbaiki jalan.']
    >>> text = "Programnya yakni: 1. Membangun jalan. 2. Sekolah gratis."
    >>> [text[a:b] for a, b in split(text)]
    ['Programnya yakni: 1. Membangun jalan.', '2. Sekolah gratis.']
    >>> text = '“Kami siap. Rakyat menunggu,” kata Budi. Lalu ia pulang.'
    >>> [text[a:b] for a, b in split(text, protect=[(0, 28)])]
    ['“Kami siap. Rakyat menunggu,” kata Budi.', 'Lalu ia pulang.']
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from janji.lang import lazy
from janji.lang.names import PREFIX_TITLES

OPEN_QUOTES = "“\"‘'«„"
CLOSE_QUOTES = "”\"’'»“"
# Words after which a full stop is no sentence end (lower case, without the dot), besides titles.
ABBREVIATIONS = frozenset({
    "no", "jl", "jln", "kab", "kec", "kel", "prov", "pj", "plt", "plh", "rp", "dll", "dsb", "dst", "tsb", "yth",
    "bpk", "ny", "tn", "sdr", "st", "msi", "spd", "skom", "tbk", "pt", "cv", "dkk", "vs", "hlm", "tgl", "thn", "s.d",
}) | PREFIX_TITLES

# Every alternative opens with the stop itself, so the pattern starts with a character set and the
# regex engine skips at once every position that holds no ".", "!" or "?" (a third of the analyser's
# time went into trying this pattern at every position before).
_STOP_REST = (
    r"[.!?]*[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9])"  # a stop before white space and a capital or digit
    r"|[.!?]*[”\"’')\]]*\s*$"  # the end of the text
    r"|(?<=[A-Za-z]{2}\.)[”\"’]?(?=[A-Z][a-z])"  # "warga.Kami", "UMKM.Tata", "sejahtera.”Kami": glued sentences
)
_END = lazy.compile(r"[.!?](?:" + _STOP_REST + ")")
_END_OR_LINE = lazy.compile(r"[.!?\n](?:(?<=\n)|(?<=[.!?])(?:" + _STOP_REST + "))")  # ... or a line break
_WORD_BEFORE = lazy.compile(r"([A-Za-z][A-Za-z.]*)\.[”\"’')\]]*$")
_LIST_NUMBER = lazy.compile(r"(?:^|[\s:;,(])\d{1,2}\.$")
_INITIALS = lazy.compile(r"(?:[a-z]\.)+[a-z]")


def _is_end(text: str, lo: int, m: re.Match) -> bool:
    stop = m.group().strip()
    if stop.startswith(".") and not stop.startswith("..."):
        start = m.start()
        word = _WORD_BEFORE.search(text[max(lo, start - 24):start + 1])
        if word:
            w = word.group(1).lower().strip(".")
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or _INITIALS.fullmatch(w):
                return False  # "H.", "Rp.", "M. Iqbal", "S.Pd."
        if _LIST_NUMBER.search(text[max(lo, start - 4):start + 1]):
            return False  # "yakni: 1. Membangun": a list number
    return True


def ends(text: str, start: int = 0, end: int | None = None, protect: Iterable[tuple[int, int]] = (),
         lines: bool = False) -> Iterator[int]:
    """Offsets just after each sentence end in ``text[start:end]`` (and after each line break if ``lines``)."""
    end = len(text) if end is None else end
    protected = sorted(protect)
    pattern = _END_OR_LINE if lines else _END
    for m in pattern.finditer(text, start, end):
        pos = m.end()
        if m.group() == "\n":
            yield pos
            continue
        if (protected and any(a < pos < b for a, b in protected)) or not _is_end(text, start, m):
            continue
        yield pos


def split(text: str, start: int = 0, end: int | None = None,
          protect: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as (start, end) offsets, white space trimmed."""
    end = len(text) if end is None else end
    out = []
    prev = start
    for pos in list(ends(text, start, end, protect)) + [end]:
        a, b = prev, min(pos, end)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        prev = pos
    return out


def running_prose(text: str) -> bool:
    """Several long sentences (three of eight words or more, sixty words in all): running prose, not a list
    entry, whatever marker stands before it — a page that put its whole article in one bullet.

    >>> running_prose("Membangun jalan desa sepanjang 100 km.")
    False
    """
    if len(text.split()) < 60:
        return False
    return sum(1 for a, b in split(text) if len(text[a:b].split()) >= 8) >= 3


def line_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of every line of a document, in order: a sentence never crosses a line break."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.extend(split(text, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def bounds(text: str, pos: int, lines: bool = True) -> tuple[int, int]:
    """[start, end) of the sentence holding ``pos`` (a line break ends one too, unless ``lines`` is False)."""
    # the last end before pos: the candidate stops are read forwards (as ends() reads them), then tried
    # from the last back, so that only the stops near pos are checked for abbreviations and list numbers
    lo = max(0, pos - 1000)
    start = 0
    for m in reversed(list((_END_OR_LINE if lines else _END).finditer(text, lo, pos))):
        if m.group() == "\n" or _is_end(text, lo, m):
            start = m.end()
            break
    end = next(ends(text, pos, lines=lines), len(text))
    return start, end
