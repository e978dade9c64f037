"""Invariants of the prose stage on arbitrary text built from promise-like pieces."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from janji.document import Candidate, Document, Source
from janji.prose import prose

PIECES = [
    "Budi Santoso", "Rina Marlina", "paslon nomor urut 2", "Ia", "pihaknya", "kami", "akan", "sudah", "membangun",
    "pasar rakyat", "jalan desa", "10 km", "“", "”", "\"", ",", ".", "?", "\n", "kata Budi", "ujarnya", "Moderator",
    "bertanya", "Ketua KPU", "menjawab", "berjanji", "telah", "capaian", "program unggulan", "untuk", "warga", "(Intan)",
    "Gus Budi", "Selanjutnya,", "Mulai dari", "peningkatan", "- ", "1. ", "Baca Juga:", "visi", "Pj Bupati Sukamaju",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.sampled_from(["debate", "campaign", "statement", None]))
def test_items_point_at_their_text_in_document_order(pieces, kind):
    text = " ".join(pieces)
    doc = Document(Source("acak.txt"), text=text, kind=kind,
                   candidates=[Candidate("Budi Santoso", "Agus Salim", number=1),
                               Candidate("Rina Marlina", "Hendra Gunawan", number=2)])
    prose(doc)
    starts = []
    for item in doc.items:
        assert item.kind in ("commitment", "claim")
        a, b = item.span
        assert 0 <= a < b <= len(text)
        assert item.text == re.sub(r"\s+", " ", text[a:b]).strip()
        assert item.candidate in (None, "Budi Santoso", "Rina Marlina")
        starts.append(a)
    assert starts == sorted(starts)
    before = [i.to_json() for i in doc.items]
    prose(doc)
    assert [i.to_json() for i in doc.items] == before  # idempotent
