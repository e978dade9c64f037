"""Facts stage: what the document is (kind), where (region), for when (period) and for whom (candidates).

    >>> from janji.document import Document
    >>> doc = Document.from_bytes(b"", "x.txt")
    >>> doc.text = "Debat Pilbup Jombang 2024: paslon nomor urut 1 Ali Mahmud-Budi Santoso (Ambud) menjawab panelis."
    >>> facts(doc)
    >>> doc.kind, doc.region.name, doc.period, doc.candidates[0].aliases
    ('debate', 'Kabupaten Jombang', (2025, 2030), ['Ambud'])
    >>> [doc.text[m.start:m.end] for m in doc.mentions]
    ['paslon nomor urut 1 Ali Mahmud-Budi Santoso', 'Ambud']

``doc.mentions`` tells the later stages which pair each part of the text is about. A document about no
candidate pair (a progress report, a plan speech) speaks for the office holder it names:

    >>> doc.text = "Bupati Sleman, Ir H Budi Santoso MT, memaparkan capaian 100 hari kerja bersama wakilnya, Ani Lestari."
    >>> facts(doc)
    >>> doc.kind, [(c.head, c.deputy, c.incumbent) for c in doc.candidates]
    ('campaign', [('Budi Santoso', 'Ani Lestari', True)])
"""
from __future__ import annotations

from janji.document import Document
from janji.facts import candidates as _candidates
from janji.facts import kind as _kind
from janji.facts import mentions as _mentions
from janji.data import regions  # noqa: F401  (public lookups)
from janji.facts import parties  # noqa: F401  (public lookups)
from janji.facts import period as _period
from janji.facts import region as _region
from janji.facts import roles as _roles
from janji.facts.text import visible
from janji.stage import stage

__all__ = ["facts", "find_mentions", "parties", "regions"]


@stage(requires=["text", "sentences"], assigns=["kind", "region", "period", "candidates", "mentions"])
def facts(doc: Document) -> None:
    """Set ``doc.kind`` (unless forced by ``--kind``), ``doc.region``, ``doc.period`` and ``doc.candidates``."""
    text = visible(doc.text or "")
    cands = _candidates.detect(text)
    kind = doc.kind if doc.kind_forced and doc.kind else _kind.detect(text, len(cands))
    if not doc.kind_forced:
        doc.kind = kind
    doc.region = _region.detect(text)
    election = kind in ("campaign", "debate") and (bool(cands) or _kind.CAMPAIGN.search(text) is not None)
    doc.period = _period.detect(text, election=election, plan=kind == "plan")
    # a document about no candidate pair speaks for the office holder it names (a report, a plan speech)
    doc.candidates = cands or _candidates.office_holders(text, doc.region)
    _mentions.find(doc, text)
    _roles.assign_parties(text, doc.candidates, doc.mentions)


def find_mentions(doc: Document) -> None:
    """Set ``doc.mentions`` for the pairs in ``doc.candidates`` (and learn their nicknames from the text).

    Part of the stage; callable alone where the pairs are known some other way (a test giving the gold pairs).
    """
    _mentions.find(doc, visible(doc.text or ""))
