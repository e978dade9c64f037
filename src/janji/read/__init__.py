"""Read stage: source bytes -> ``Document.text`` (format detected by content, not only by name)."""
from __future__ import annotations

from janji.document import Document
from janji.errors import InputError


def read(doc: Document) -> None:
    if not doc.raw.strip():
        raise InputError(doc.source.name, "berkas kosong")
    doc.text = doc.raw.decode("utf-8", errors="replace")
    doc.source.format = "text"
