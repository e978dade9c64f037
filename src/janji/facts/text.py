"""Text helpers shared by the fact finders: masking links to other stories and quotations.

Every helper keeps offsets: masked parts become spaces, so a position found in
the masked text is the same position in ``Document.text``.
"""
from __future__ import annotations

import re

from janji.lang import lazy
from janji.lang.furniture import RELATED

QUOTED = lazy.compile(r"[\"“”][^\"“”\n]{0,2000}[\"“”]")


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
