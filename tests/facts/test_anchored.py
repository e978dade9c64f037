"""The anchored search of pair patterns reads only the anchor's line and the lines holding a key: the same
matches as searching around every anchor of the whole text."""
from __future__ import annotations

import pytest

from janji.facts import candidates
from janji.facts.patterns import anchored

TEXTS = [
    "Pasangan calon nomor urut 1, Budi Santoso-Ani Lestari, berjanji membangun pasar.\n"
    "Sementara paslon Dedi Kurnia dan Eka Putri menawarkan beasiswa.",
    "Debat pertama\nBudi Santoso\n- Ani Lestari dan\nDedi Kurnia – Eka Putri (Dedi-Eka)\n",
    "Ir. H. Budi Santoso, S.H.\n- Ani Lestari\nKandidat Dr. Rina Wati, M.Si dan H. Joko Susilo\n\n",
    "Tol Jakarta-Cikampek dan Jalan Raya Bogor—Ciawi diperlebar.\nBudi-Ani & Dedi-Eka hadir.",
]


@pytest.mark.parametrize("pattern, anchor, keys", [
    (candidates.DASH_CHAIN, candidates.DASH_ANCHOR, ("-", "–", "—")),
    (candidates.AND_PAIR, candidates.AND_ANCHOR, ("dan", "&")),
], ids=["dash", "and"])
def test_reading_only_the_anchors_lines_finds_the_same_pairs(pattern, anchor, keys):
    found = 0
    for text in TEXTS:
        everywhere = [(m.span(), m.groups()) for m in anchored(pattern, anchor, text)]
        by_line = [(m.span(), m.groups()) for m in anchored(pattern, anchor, text, one_line=True, keys=keys)]
        assert by_line == everywhere, text
        found += len(everywhere)
    assert found >= 3  # the texts hold pairs of this shape
