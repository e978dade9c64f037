"""classify stage."""
from __future__ import annotations

from janji.document import Document


def classify(doc: Document) -> None:
    return None
