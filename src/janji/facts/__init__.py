"""facts stage."""
from __future__ import annotations

from janji.document import Document


def facts(doc: Document) -> None:
    return None
