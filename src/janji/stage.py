"""The shape of an analyser stage: a function that changes a :class:`~janji.document.Document` in place,
returns nothing, and says what it reads and what it sets.

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
    >>> from janji.document import Document
    >>> doc = Document.from_bytes(b"Kami akan membangun jalan.", "contoh.txt")
    >>> shout(doc) is None, doc.kind
    (True, 'statement')
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Protocol, Sequence, cast

if TYPE_CHECKING:
    from janji.document import Document

# What a new document has before any stage ran.
GIVEN = ("source", "raw")


class Stage(Protocol):
    """A pipeline stage: ``stage(doc)`` changes ``doc`` in place and returns ``None``; ``requires`` and
    ``assigns`` name the document fields it reads and sets ("text", "candidates", "items.sectors")."""

    __name__: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    pipe: Callable[[Sequence[Document]], None] | None

    def __call__(self, doc: Document, /) -> None: ...


def stage(requires: Iterable[str] = (), assigns: Iterable[str] = (),
          pipe: Callable[[Sequence[Document]], None] | None = None) -> Callable[[Callable[[Document], None]], Stage]:
    """Declare the document fields a stage reads (``requires``) and sets (``assigns``), and its batch form
    (``pipe(docs)``, if it has one).

    Names are document attributes ("text", "candidates") or item attributes ("items.sectors").
    """
    def mark(func: Callable[[Document], None]) -> Stage:
        func.requires = tuple(requires)  # type: ignore[attr-defined]
        func.assigns = tuple(assigns)  # type: ignore[attr-defined]
        func.pipe = pipe  # type: ignore[attr-defined]
        return cast(Stage, func)
    return mark
