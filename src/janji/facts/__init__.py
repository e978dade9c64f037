"""Facts stage: what the document is (kind), where (region), for when (period) and for whom (candidates).

    >>> from janji.document import Document
    >>> doc = Document.from_bytes(b"", "x.txt")
    >>> doc.text = "Debat Pilbup Jombang 2024: paslon nomor urut 1 Ali Mahmud-Budi Santoso (Ambud) menjawab panelis."
    >>> facts(doc)
    >>> doc.kind, doc.region.name, doc.period, doc.candidates[0].aliases
    ('debate', 'Kabupaten Jombang', (2025, 2030), ['Ambud'])

Other stages call :func:`mentions` to learn which pair each part of the text is about.
"""
from __future__ import annotations

from janji.document import Document
from janji.facts import candidates as _candidates
from janji.facts import kind as _kind
from janji.facts import names, parties, regions  # noqa: F401  (public lookups)
from janji.facts import period as _period
from janji.facts import region as _region
from janji.facts import roles as _roles
from janji.facts.text import visible

__all__ = ["facts", "mentions", "names", "parties", "regions"]


def facts(doc: Document) -> None:
    """Set ``doc.kind`` (unless forced by ``--kind``), ``doc.region``, ``doc.period`` and ``doc.candidates``."""
    text = visible(doc.text or "")
    cands = _candidates.detect(text)
    kind = doc.kind if doc.kind_forced and doc.kind else _kind.detect(text, len(cands))
    if not doc.kind_forced:
        doc.kind = kind
    doc.candidates = cands
    doc.user_data.pop("mentions", None)
    _roles.assign_parties(text, cands, mentions(doc))
    doc.region = _region.detect(text)
    doc.period = _period.detect(text, election=kind in ("campaign", "debate") and (bool(cands) or _kind.scores(text)["campaign"] > 0))


def mentions(doc: Document) -> list[tuple[int, int, str]]:
    """Every (start, end, head) where ``doc.text`` names a candidate pair, sorted by start.

    A pair is named by its head, deputy, an alias ("Gus Juned", "Farhan-Erwin") or its
    ballot number ("nomor urut 2", "Paslon 2"). Computed once per document.
    """
    cached = doc.user_data.get("mentions")
    if cached is None:
        cached = _roles.mention_spans(visible(doc.text or ""), doc.candidates)
        doc.user_data["mentions"] = cached
    return cached
