"""prose stage."""
from __future__ import annotations

from janji.document import Document


def prose(doc: Document) -> None:
    return None
