"""Text helpers shared by the fact finders: masking links to other stories, sentences, quotes.

Every helper keeps offsets: masked parts become spaces, so a position found in
the masked text is the same position in ``Document.text``.
"""
from __future__ import annotations

import re

# "Baca Juga: Kampanye Pilwali Mojokerto Dimulai, … Ika Puspitasari-Sandi" links
# to another story: its names, regions and years are not this document's facts.
RELATED = re.compile(
    r"^[ \t]*(?:baca|simak|lihat|tonton)\s+(?:juga|pula)\b.*$|^[ \t]*(?:berita|artikel)\s+(?:terkait|lainnya|terkini)\b.*$"
    r"|(?<=[.!?])[ \t]+(?:baca|simak|lihat)\s+(?:juga|pula)\s*:.*$",  # run into a paragraph by the reader
    re.I | re.M,
)
QUOTED = re.compile(r"[\"“”][^\"“”\n]{0,2000}[\"“”]")
_END = re.compile(r"[.!?][\"”’')]?(?=\s|$)|\n")
# A dot after these is an abbreviation or a title, not the end of a sentence.
_ABBREV = re.compile(r"(?:\b[A-Za-z]|\b(?:No|no|Dr|dr|Ir|Hj|Drs|Dra|Kab|Prof|St|Si|Kn|Sos|Pd|Kes|Hum|Ag|OG|Jl|Tn|Ny|Sdr|dll|dsb))$")


def sentence_ends(text: str, start: int = 0, end: int | None = None):
    """Offsets just after each sentence end (or line break) in text[start:end]."""
    for m in _END.finditer(text, start, len(text) if end is None else end):
        if m.group() != "\n" and _ABBREV.search(text[max(0, m.start() - 6):m.start()]):
            continue
        yield m.end()


def blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def visible(text: str) -> str:
    """The text with "Baca juga" lines (links to other stories) blanked out."""
    for m in reversed(list(RELATED.finditer(text))):
        text = blank(text, m.start(), m.end())
    return text


def unquoted(text: str) -> str:
    """The text with direct quotations blanked out (what the writer says, not who is quoted)."""
    for m in reversed(list(QUOTED.finditer(text))):
        text = blank(text, m.start(), m.end())
    return text


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the sentence (or line) holding ``pos``."""
    start = 0
    for e in sentence_ends(text, max(0, pos - 1000), pos):
        start = e
    end = next(sentence_ends(text, pos), len(text))
    return start, end
