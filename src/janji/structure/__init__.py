"""Structure stage: the cleaned text -> the promise tree (``doc.items``).

    lines.py    list markers and indentation of each line
    vocab.py    the words for each kind of item; headings and list introductions
    inline.py   visions, missions and lists stated inside sentences
    build.py    one pass over the lines that builds the tree

Every item gets a ``span`` into ``doc.text``. In a document about several
pairs, each item gets the ``candidate`` whose part of the text it stands in.
"""
from __future__ import annotations

import bisect

from janji.document import Document, Item
from janji.stage import stage
from janji.structure.build import structure_text

__all__ = ["structure", "structure_text", "assign_candidates"]


@stage(requires=["text", "sentences", "kind", "candidates", "mentions"], assigns=["items", "items.candidate"])
def structure(doc: Document) -> None:
    names = {n for c in doc.candidates for n in c.names()}
    doc.items = structure_text(doc.text, names, doc.kind, line_sentences=doc.sentences or None)
    assign_candidates(doc, doc.items)


def assign_candidates(doc: Document, items: list[Item]) -> None:
    """Each item belongs to the pair mentioned last before it (only where several pairs are in the text)."""
    marks = doc.mentions
    if len(doc.candidates) < 2 or not marks:
        return
    starts = [m.start for m in marks]
    for item in items:
        for node in item.walk():
            if node.candidate or node.span is None:
                continue
            k = bisect.bisect_right(starts, node.span[0]) - 1
            if k >= 0:
                node.candidate = doc.candidates[marks[k].candidate].head
