"""Lines of the cleaned text, each with its list marker (if any) and indentation.

Every reader renders list structure into the text ("1. ", "a. ", "- " at the
start of a line, nesting as leading spaces), so the structure stage only has
to recognise markers here, whatever the source format was.
"""
from __future__ import annotations

from dataclasses import dataclass

from janji.lang.markers import as_roman, line_marker, only_marker


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
    _attach_lone_markers(lines)
    return lines


def _attach_lone_markers(lines: list[Line]) -> None:
    """"-" on a line of its own and the entry on the next (a scraped page's bullets): the marker is the entry's.

    Only where such lines repeat, as a list's bullets do, and before lines short enough to be entries: a lone
    dash also separates a page's furniture from its article."""
    lone = [i for i, line in enumerate(lines) if not line.blank and only_marker(line.text)]
    if len(lone) < 2:
        return
    for i in lone:
        line = lines[i]
        j = i + 1
        while j < len(lines) and lines[j].blank and j - i <= 2:
            j += 1
        if j >= len(lines) or lines[j].blank or lines[j].is_list or "?" in lines[j].text \
                or len(lines[j].text.split()) > 30:
            continue
        marker = line_marker(line.text + " x")
        if marker is None:
            continue
        entry = lines[j]
        entry.marker, entry.mtype, entry.number = marker.label, marker.kind, marker.number
        entry.indent = line.indent
        line.text = line.content = ""
        line.marker = line.mtype = line.number = None


def _mark(line: Line) -> None:
    marker = line_marker(line.text)
    if marker is not None:
        _set(line, marker)


def _set(line: Line, marker) -> None:
    line.marker = marker.label
    line.mtype = marker.kind
    line.number = marker.number
    line.content = line.text[marker.end:].strip()
    line.content_start = line.start + marker.end


def roman_or_alpha(line: Line, previous: Line | None) -> None:
    """"i." after "h." is a letter; "ii." after "i." is roman. Fix single-letter ambiguity by sequence."""
    if line.mtype in ("alpha", "ALPHA") and line.marker and line.marker.lower() in ("i", "v", "x"):
        if previous is None or previous.mtype in ("roman", "ROMAN") or (line.marker.lower() == "i" and previous.mtype not in ("alpha", "ALPHA")):
            roman = as_roman(line_marker(line.text))
            line.mtype, line.number = roman.kind, roman.number
