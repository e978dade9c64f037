"""One structure stage reads every format alike: a seed typed into PDF and DOCX gives the same items."""
from __future__ import annotations

import pytest

from janji.pipeline import Pipeline

SEED = "000_1b361ec9b5038f15.txt"


def _items(pipe, raw: bytes, name: str) -> list[tuple[str, str | None, str]]:
    doc = pipe.analyze_bytes(raw, name, time_limit=120)
    return [(item.kind, item.label, item.text) for item in doc.walk()]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(names=["read", "clean", "facts", "structure"])


def test_pdf_and_docx_of_a_seed_give_the_items_of_its_text(pipe, builders, shared):
    text = (shared / "seeds" / SEED).read_text(encoding="utf-8")
    # The seed's furniture (comment form) is not part of what someone would lay out in a PDF.
    text = text.split("1 KOMENTAR")[0]
    from_text = _items(pipe, text.encode("utf-8"), "seed.txt")
    assert len(from_text) > 40
    # Lay the text out as a word processor would: wrapped at the page width, 50 lines a page.
    chunks = [(72, chunk) for line in text.splitlines() if line.strip()
              for chunk in builders.wrap(" ".join(line.split()), 440)]
    pdf = builders.pdf_from_lines([chunks[i:i + 50] for i in range(0, len(chunks), 50)])
    assert _items(pipe, pdf, "seed.pdf") == from_text
    assert _items(pipe, builders.docx_from_text(text), "seed.docx") == from_text
