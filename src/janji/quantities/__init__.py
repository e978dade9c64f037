"""quantities stage."""
from __future__ import annotations

from janji.document import Document


def quantities(doc: Document) -> None:
    return None
