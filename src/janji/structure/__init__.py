"""structure stage."""
from __future__ import annotations

from janji.document import Document


def structure(doc: Document) -> None:
    return None
