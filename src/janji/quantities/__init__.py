"""The quantities stage: every number a promise commits to, on every item.

``parse(text)`` reads one text ("Tangsel Terang 10.000 titik" -> 10000
titik); ``quantities(doc)`` fills ``item.quantities`` on every item of a
document. Items of kind ``other`` (obstacles, headings that are no promise)
are left empty; every other kind is read, visions and missions included,
because a mission may hold a duration ("di lima tahun ke depan" -> 5 tahun)
and a claim carries the figures it claims.

Example:
    >>> [q.to_json() for q in parse("Rp 250 juta per tahun per RT")]
    [{'value': 250000000, 'unit': 'rupiah', 'per': 'tahun/RT', 'text': 'Rp 250 juta'}]
"""
from __future__ import annotations

from janji.document import Document
from janji.quantities.parser import parse
from janji.stage import stage

__all__ = ["parse", "quantities"]

SKIPPED_KINDS = frozenset({"other"})


@stage(requires=["items"], assigns=["items.quantities"])
def quantities(doc: Document) -> None:
    """Set ``item.quantities`` on every item of ``doc`` (the pipeline's ``quantities`` stage)."""
    for item in doc.walk():
        item.quantities = [] if item.kind in SKIPPED_KINDS else parse(item.text)
