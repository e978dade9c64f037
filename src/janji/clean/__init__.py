"""Clean stage: normalise the text and remove news-site furniture.

The cleaned text is what item spans point into: clean runs before structure
and nothing after it edits ``Document.text``. Removed lines are kept in
``doc.user_data["clean.removed"]`` as (rule, line) pairs for explanation.

Example:

    >>> from janji.document import Document
    >>> doc = Document.from_bytes(b"", "x.txt"); doc.text = "Visi\\r\\nBaca juga: Lain\\r\\nMaju"
    >>> clean(doc); doc.text
    'Visi\\nMaju'
"""
from __future__ import annotations

import re

from janji.clean.furniture import remove_furniture
from janji.clean.whitespace import normalize
from janji.document import Document

_BLANK_RUNS = re.compile(r"\n{3,}")


def clean(doc: Document) -> None:
    removed: list[tuple[str, str]] = []
    text = normalize(doc.text)
    text = remove_furniture(text, removed)
    text = _BLANK_RUNS.sub("\n\n", text).strip("\n")
    doc.text = text
    doc.user_data["clean.removed"] = removed
