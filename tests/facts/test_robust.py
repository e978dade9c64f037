"""Any text: facts never fail, and mentions stay inside the text, sorted, apart, naming known pairs."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


WORDS = (
    "Pasangan calon nomor urut 1 2 Ahmad Budi Santoso - – dan , . ( ) Kota Kabupaten Bogor Pilkada 2024 2025-2030 "
    "H. Dr. S.E., M.Si. Gus Ning petahana penantang diusung PKB Partai Golkar sapaan \n Baca Juga: “ ” saya debat "
    "RPJMD BAB V 3.2 Calon Bupati : wakilnya yakni atau (Sadi) Jaya-Santika Paslon 01 nomor satu kedua HARDI KUSWOYO "
    "Bupati Wali Kota Gubernur Wakil Wakilnya bersama selaku sebagai serta Kandidat Ir H MT SH Sumatra Barat Pj "
    "wawancara ?\n 100 hari kerja RPJPD 2005-2025 periode kepemimpinan 2018-2023 ini dua calon gubernur bernomor urut "
    "mencari dukungan tiket dari (Wabup) dilantik Sabtu, 2 November 2024 30-10-2024 1. 2."
).split(" ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # analyse is stateless
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.text(max_size=40))
def test_facts_on_any_text(analyse, mentions, words, noise):
    text = " ".join(words) + noise
    doc = analyse(text)
    assert doc.kind in ("campaign", "debate", "plan", "statement")
    if doc.period:
        assert doc.period[0] < doc.period[1]
    heads = {c.head for c in doc.candidates}
    found = mentions(doc)
    for (s, e, head), nxt in zip(found, found[1:] + [(len(text), len(text), None)]):
        assert 0 <= s < e <= nxt[0] and head in heads
