"""The shape of an analyser stage: a function ``Document -> None`` that says what it reads and what it sets.

Each stage package marks its entry point with :func:`stage`; the pipeline reads the
declarations to check, before any document is analysed, that every stage runs after
the stages that set what it needs (spaCy's ``requires``/``assigns``). A stage never
imports another stage: what one stage learns, the next reads from the document.

Example:
    >>> @stage(requires=["text"], assigns=["kind"])
    ... def shout(doc):
    ...     doc.kind = "statement"
    >>> shout.requires, shout.assigns
    (('text',), ('kind',))
"""
from __future__ import annotations

from typing import Callable, Iterable

# What a new document has before any stage ran.
GIVEN = ("source", "raw")


def stage(requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable:
    """Declare the document fields a stage reads (``requires``) and sets (``assigns``).

    Names are document attributes ("text", "candidates") or item attributes ("items.sectors").
    """
    def mark(func: Callable) -> Callable:
        func.requires = tuple(requires)
        func.assigns = tuple(assigns)
        return func
    return mark
