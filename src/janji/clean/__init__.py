"""Clean stage: normalise the text, remove news-site furniture, and split it into sentences.

The cleaned text is what item spans point into: clean runs before structure
and nothing after it edits ``Document.text``. ``doc.sentences`` holds the
offsets of its sentences (:mod:`janji.lang.sentences`), for every later
stage. Removed lines are kept in ``doc.user_data["clean.removed"]`` as (rule,
line) pairs for explanation. The spans of the tables' cells (``doc.tables``)
follow the text as it changes.

Example:

    >>> from janji.document import Document
    >>> doc = Document.from_bytes(b"", "x.txt"); doc.text = "Visi\\r\\nBaca juga: Lain\\r\\nMaju"
    >>> clean(doc); doc.text
    'Visi\\nMaju'
"""
from __future__ import annotations


from janji.clean.furniture import remove_furniture
from janji.clean.tables import follow
from janji.clean.whitespace import normalize
from janji.document import Document
from janji.lang import lazy
from janji.lang.sentences import line_sentences
from janji.stage import stage

_BLANK_RUNS = lazy.compile(r"\n{3,}")


@stage(requires=["text", "tables"], assigns=["text", "sentences", "tables"])
def clean(doc: Document) -> None:
    removed: list[tuple[str, str]] = []
    read = doc.text
    text = normalize(read)
    text = remove_furniture(text, removed)
    text = _BLANK_RUNS.sub("\n\n", text).strip("\n")
    doc.text = text
    follow(doc.tables, read, text)
    doc.sentences = line_sentences(text)
    doc.user_data["clean.removed"] = removed
