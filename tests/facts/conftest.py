"""Run the facts stage alone on a passage written for a test."""
from __future__ import annotations

import pytest

from janji.document import Document
from janji.facts import facts


def _run(text: str, kind: str | None = None) -> Document:
    doc = Document.from_bytes(text.encode("utf-8"), "contoh.txt")
    doc.text = text
    if kind:
        doc.kind, doc.kind_forced = kind, True
    facts(doc)
    return doc


@pytest.fixture
def analyse():
    """analyse(text, kind=None) -> Document with kind, region, period and candidates set."""
    return _run


def _mentions(doc: Document) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, doc.candidates[m.candidate].head) for m in doc.mentions]


@pytest.fixture
def mentions():
    """mentions(doc) -> [(start, end, head)] of ``doc.mentions``."""
    return _mentions
