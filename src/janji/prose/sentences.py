"""Cut running prose into units the prose stage reads one at a time.

A :class:`Unit` is one sentence of narration, one sentence inside a direct
quote (with the attribution that follows or precedes the quote), or a
heading line. List lines and news-site furniture are left out here: list
entries belong to the structure stage, furniture is never a promise.

Example:

    >>> units = list(split_units('“Kami akan membangun pasar. Jalan juga,” kata Budi.'))
    >>> [(u.text, u.quoted, u.attribution) for u in units]
    [('Kami akan membangun pasar', True, 'kata Budi'), ('Jalan juga', True, 'kata Budi')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from janji.lang import lazy
from janji.lang.furniture import furniture_rule
from janji.lang.markers import MARKER
from janji.lang.sentences import ends, running_prose

OPEN_QUOTES = "“\""
OPEN_QUOTE_RE = lazy.compile("[“\"]")
CLOSE_FOR = {"“": "”", "\"": "\""}
SPEECH_TAG = lazy.compile(
    r"^\s*,?\s*(?:kata|ujar|ungkap|tutur|jelas|imbuh|tambah|papar|lanjut|tegas|sebut|terang|pungkas|tukas|"
    r"sambung|urai|bilang|cetus|seloroh)(?:nya)?\b",
    re.IGNORECASE,
)
ATTRIBUTION_AFTER = lazy.compile(r"^[\s,.;:–—-]*(?P<attr>[^“\"]*?)[\s.]*$")
# '…," ujarnya, menjawab sanggahan calon nomor urut 3, Nama': a circumstance after the speech tag; whoever
# it names (the one who asked, the audience) did not say the quote
CIRCUMSTANCE = lazy.compile(r"(?:,\s*|\s+)(?:menanggapi|menjawab|merespons|merespon|membalas|saat|ketika|usai|seusai|"
                          r"selepas|setelah)\b|,\s*(?:dalam|di\s+hadapan|dihadapan|kepada|di\s+depan)\b", re.IGNORECASE)


@dataclass
class Unit:
    """One sentence (or heading) with its offsets into the document text."""

    start: int
    end: int
    text: str
    kind: str = "sentence"  # "sentence" | "heading"
    quoted: bool = False
    attribution: str = ""  # the words outside the quote that name who said it ("kata Budi", "ujarnya")
    frame: str = ""  # for a quoted unit: all the narration around its quote
    frame_start: int = 0
    line_id: int = 0
    quote_id: int | None = None
    first_in_line: bool = False


def _is_heading(line: str) -> bool:
    """A short line with no closing punctuation: a title or crosshead ("Kota Juara dari Budi-Ani")."""
    s = line.strip()
    if not s or s[-1] in ".!?”\"':;," or len(s.split()) > 14:
        return False
    return s[0].isupper() or s[0].isdigit()


def _sentence_ends(text: str, lo: int, hi: int, protected: list[tuple[int, int]]) -> list[int]:
    """Offsets (exclusive) where sentences end inside text[lo:hi], never inside a protected range."""
    return [e for e in ends(text, lo, hi, protect=protected) if e < hi]


def _quotes(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(open, close) offsets of direct quotes in one line; an unclosed quote runs to the line's end."""
    out = []
    i = lo
    while True:
        m = OPEN_QUOTE_RE.search(text, i, hi)
        if not m:
            break
        open_at = m.start()
        close = text.find(CLOSE_FOR[m.group()], open_at + 1, hi)
        if close < 0:
            out.append((open_at, hi))
            break
        out.append((open_at, close + 1))
        i = close + 1
    # Short quoted strings are names and titles ("visi “Bandung Utama”"), and so is a quote that
    # neither ends in punctuation nor is followed by "kata …"/"ujarnya" or preceded by "…, “".
    speech = []
    for a, b in out:
        inner = text[a + 1:b - 1].rstrip() if b - a > 1 else ""
        if len(inner.split()) < 5:
            continue
        unclosed = b == hi and text[b - 1] not in "”\""  # a quote running on into the next paragraph
        if inner[-1:] in ",.!?…" or SPEECH_TAG.match(text[b:hi]) or re.search(r"[:,]\s*$", text[lo:a]) \
                or unclosed:
            speech.append((a, b))
    return speech


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "“”\"',;:–—-"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "“”\"',;:.–—-"):
        b -= 1
    return a, b


def split_units(text: str) -> Iterator[Unit]:
    """Every heading and sentence of the text in order, quotes split into their own sentences."""
    pos = 0
    quote_counter = 0
    for line_id, line in enumerate(text.split("\n")):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip() or furniture_rule(line):
            continue
        marker = MARKER.match(line + " ")
        if marker:
            if not running_prose(line[marker.end():]):
                continue  # a list entry: the structure stage's
            lo += min(marker.end(), len(line))  # a whole article in one bullet: prose after its marker
            line = text[lo:hi]
        if _is_heading(line):
            a, b = _trim(text, lo, hi)
            yield Unit(a, b, text[a:b], kind="heading", line_id=line_id, first_in_line=True)
            continue
        quotes = _quotes(text, lo, hi)
        cuts = [lo] + _sentence_ends(text, lo, hi, quotes) + [hi]
        first = True
        for s_lo, s_hi in zip(cuts, cuts[1:]):
            inside = [(a, b) for a, b in quotes if s_lo <= a < s_hi]
            if not inside:
                a, b = _trim(text, s_lo, s_hi)
                if b > a:
                    yield Unit(a, b, text[a:b], line_id=line_id, first_in_line=first)
                    first = False
                continue
            # Narration around the quotes of this sentence: names the speaker.
            frame_parts = []
            prev = s_lo
            for a, b in inside:
                frame_parts.append(text[prev:a])
                prev = b
            frame_parts.append(text[prev:s_hi])
            frame = " … ".join(p.strip() for p in frame_parts if p.strip())
            after = text[inside[-1][1]:s_hi]
            m = ATTRIBUTION_AFTER.match(after)
            attribution = (m.group("attr") if m else "").strip()
            cut = CIRCUMSTANCE.search(attribution)
            if cut:
                attribution = attribution[:cut.start()].strip()
            if not attribution:
                attribution = text[s_lo:inside[0][0]].strip(" ,:")
            before = text[s_lo:inside[0][0]]
            if before.strip(" ,:"):
                # Narration before the quote is its own unit (it may carry reported speech).
                a, b = _trim(text, s_lo, inside[0][0])
                if b > a and len(text[a:b].split()) > 3:
                    yield Unit(a, b, text[a:b], line_id=line_id, first_in_line=first)
                    first = False
            for q_lo, q_hi in inside:
                quote_counter += 1
                inner_lo, inner_hi = q_lo + 1, q_hi - 1 if text[q_hi - 1] in "”\"" else q_hi
                inner_cuts = [inner_lo] + _sentence_ends(text, inner_lo, inner_hi, []) + [inner_hi]
                for i_lo, i_hi in zip(inner_cuts, inner_cuts[1:]):
                    a, b = _trim(text, i_lo, i_hi)
                    if b > a:
                        yield Unit(a, b, text[a:b], quoted=True, attribution=attribution, frame=frame,
                                   frame_start=s_lo, line_id=line_id, quote_id=quote_counter, first_in_line=first)
                        first = False
