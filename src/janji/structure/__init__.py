"""Structure stage: the cleaned text -> the promise tree (``doc.items``).

    lines.py    list markers and indentation of each line
    vocab.py    the words for each kind of item; headings and list introductions
    inline.py   visions, missions and lists stated inside sentences
    build.py    one pass over the lines that builds the tree
    tables.py   planning tables (misi, tujuan, sasaran, indikator, target, program) read row by row

Every item gets a ``span`` into ``doc.text``. In a document about several
pairs, each item gets the ``candidate`` whose part of the text it stands in.
"""
from __future__ import annotations

import bisect
import re

from janji.document import Document, Item
from janji.stage import stage
from janji.structure.build import structure_text
from janji.structure.tables import Planned, plan_tables

__all__ = ["structure", "structure_text", "assign_candidates"]


@stage(requires=["text", "sentences", "tables", "kind", "candidates", "mentions"],
       assigns=["items", "items.candidate", "items.indicators"])
def structure(doc: Document) -> None:
    names = {n for c in doc.candidates for n in c.names()}
    planned = plan_tables(doc.tables, doc.text)
    text = doc.text
    for table in planned:  # the table's lines are read from its cells, not line by line
        text = text[:table.start] + re.sub(r"[^\n]", " ", text[table.start:table.end]) + text[table.end:]
    doc.items = structure_text(text, names, doc.kind, line_sentences=doc.sentences or None)
    for table in planned:
        _place(doc.items, table)
    assign_candidates(doc, doc.items)


def _place(items: list[Item], table: Planned) -> None:
    """Put a table's items among the others in text order. A table of goals with no misi column, right after a
    misi that stands alone (a "Misi 2: …" heading, not one entry of a list of missions), is that misi's."""
    index = next((k for k, it in enumerate(items) if it.span and it.span[0] >= table.end), len(items))
    if not table.has_missions and index and items[index - 1].kind == "mission" \
            and any(it.kind == "goal" for it in table.items):
        mission = items[index - 1]
        previous = items[index - 2] if index >= 2 else None
        if previous is None or previous.kind != "mission" or any(c.kind == "goal" for c in previous.children):
            mission.children.extend(table.items)
            return
    items[index:index] = table.items


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
