"""Lines of the cleaned text, each with its list marker (if any) and indentation.

Every reader renders list structure into the text ("1. ", "a. ", "- " at the
start of a line, nesting as leading spaces), so the structure stage only has
to recognise markers here, whatever the source format was.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from janji.structure.vocab import NUMBER_WORDS

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15}

ORDINAL_WORDS = NUMBER_WORDS  # list entries written "Pertama,", "Kedua:", "Satu:"

# "1." "1)" "12." — but not "1.000" (a number) or "3.2.2" (a section number, see SECTION_NUMBER).
NUM_MARKER = re.compile(r"(\d{1,3})\s?[.)](?!\d)\s*(?=\S)")
PAREN_NUM_MARKER = re.compile(r"\((\d{1,3})\)\s*(?=\S)")
LETTER_MARKER = re.compile(r"([a-zA-Z])[.)]\s+(?=\S)")
ROMAN_MARKER = re.compile(r"((?:x{0,1})(?:ix|iv|v?i{0,3})|(?:X{0,1})(?:IX|IV|V?I{0,3}))[.)]\s+(?=\S)")
BULLET_MARKER = re.compile(r"([-–—•·▪●○◦■□➢►✓✔*])\s*(?=\S)")
ORDINAL_MARKER = re.compile(r"(" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r")\s*[:,.]\s+(?=\S)",
                            re.IGNORECASE)
SECTION_NUMBER = re.compile(r"(?:BAB\s+[IVXLC]+\.?\s+)?\d+(?:\.\d+)+\.?\s+(?=\S)")


@dataclass
class Line:
    start: int  # offset in the text of the first visible character
    end: int  # offset after the last visible character
    indent: int  # leading spaces (tabs count as 4)
    text: str  # the line without leading/trailing whitespace
    marker: str | None = None  # as printed, without punctuation: "1", "a", "iv", "-", "Pertama"
    mtype: str | None = None  # num, paren, alpha, ALPHA, roman, ROMAN, bullet, ordinal
    number: int | None = None  # position the marker stands for (1 for "1", "a", "i", "Pertama")
    content: str = ""  # the text after the marker
    content_start: int = 0  # offset of ``content`` in the text

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def is_list(self) -> bool:
        return self.marker is not None


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        indent = len(raw[:lead].expandtabs(4))
        start = pos + lead
        line = Line(start=start, end=start + len(stripped), indent=indent, text=stripped,
                    content=stripped, content_start=start)
        if stripped:
            _mark(line)
        lines.append(line)
        pos += len(raw) + 1
    return lines


def _mark(line: Line) -> None:
    text = line.text
    if SECTION_NUMBER.match(text):
        return
    for mtype, pattern in (("num", NUM_MARKER), ("paren", PAREN_NUM_MARKER)):
        m = pattern.match(text)
        if m:
            _set(line, m, mtype, int(m.group(1)))
            return
    m = BULLET_MARKER.match(text)
    if m and not re.match(r"[-–—]\s*\d", text):  # "-5%" is a number, not a bullet
        _set(line, m, "bullet", None)
        return
    m = ROMAN_MARKER.match(text)
    if m and m.group(1) and m.group(1).lower() in ROMAN and len(m.group(1)) > 1:
        _set(line, m, "ROMAN" if m.group(1).isupper() else "roman", ROMAN[m.group(1).lower()])
        return
    m = LETTER_MARKER.match(text)
    if m and not re.match(r"[A-Z]\.\s*[A-Z]\.", text):
        letter = m.group(1)
        _set(line, m, "ALPHA" if letter.isupper() else "alpha", ord(letter.lower()) - ord("a") + 1)
        return
    m = ORDINAL_MARKER.match(text)
    if m:
        _set(line, m, "ordinal", ORDINAL_WORDS[m.group(1).lower()])


def _set(line: Line, m: re.Match, mtype: str, number: int | None) -> None:
    line.marker = m.group(1)
    line.mtype = mtype
    line.number = number
    line.content = line.text[m.end():].strip()
    line.content_start = line.start + m.end()


def roman_or_alpha(line: Line, previous: Line | None) -> None:
    """"i." after "h." is a letter; "ii." after "i." is roman. Fix single-letter ambiguity by sequence."""
    if line.mtype in ("alpha", "ALPHA") and line.marker and line.marker.lower() in ("i", "v", "x"):
        if previous is None or previous.mtype in ("roman", "ROMAN") or (line.marker.lower() == "i" and previous.mtype not in ("alpha", "ALPHA")):
            line.mtype = "ROMAN" if line.marker.isupper() else "roman"
            line.number = ROMAN[line.marker.lower()]
