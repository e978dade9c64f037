"""Clean stage: normalise text and remove news-site furniture."""
from __future__ import annotations

import unicodedata

from janji.document import Document


def clean(doc: Document) -> None:
    doc.text = unicodedata.normalize("NFC", doc.text).replace("\r\n", "\n").replace("\r", "\n")
