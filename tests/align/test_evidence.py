"""Evidence suggestions, the method alone: which sentences of later documents speak of which promise."""
from __future__ import annotations

from datetime import date

from align_helpers import EXPECTED_EVIDENCE, REPORT_TEXT, SPEECH_TEXT, UNRELATED

from janji.align.evidence import document_date, passages, suggest, text_key
from janji.document import Document, Item, Source

PROMISES = [
    ("beasiswa", Item("program", "Beasiswa kuliah gratis bagi 200 mahasiswa dari keluarga tidak mampu")),
    ("jalan", Item("program", "Perbaikan jalan desa sepanjang 100 km")),
    ("benih", Item("program", "Bantuan benih dan pupuk bagi kelompok tani")),
    ("festival", Item("program", "Festival kuliner antar-RT setiap bulan")),
    ("misi", Item("mission", "Meningkatkan kualitas pendidikan dan kesehatan masyarakat")),
]


def found_sentences():
    out = []
    for name, text in (("laporan", REPORT_TEXT), ("pidato", SPEECH_TEXT)):
        for a, b, sentence in passages(Document(Source(name), text=text)):
            assert text[a:b] == sentence
            out.append(((name, a), a, b, sentence))
    return out


def test_report_sentences_are_proposed_for_their_promises_and_unrelated_ones_are_not(aligner):
    found = found_sentences()
    text_of = {key: t for key, _, _, t in found}
    proposals = suggest(PROMISES, found, aligner)
    by_promise: dict[str, list[str]] = {}
    for s in proposals:
        by_promise.setdefault(s.promise, []).append(text_of[s.passage])
        assert 0.0 <= s.score <= 1.0 and s.why.startswith("kata bersama:")
    texts = dict(PROMISES)
    for start, sentences in EXPECTED_EVIDENCE.items():
        key = next(k for k, it in PROMISES if it.text.startswith(start))
        got = by_promise.get(key, [])
        for sentence in sentences:
            assert any(g.startswith(sentence) for g in got), f"{texts[key].text}: {sentence!r} not proposed: {got}"
    proposed = [t for ts in by_promise.values() for t in ts]
    for sentence in UNRELATED:
        assert not any(t.startswith(sentence) for t in proposed), f"unrelated sentence proposed: {sentence!r}"
    assert "festival" not in by_promise  # nothing reports on it


def test_a_claim_is_named_in_the_reason(aligner):
    found = found_sentences()
    benih = [s for s in suggest(PROMISES[2:3], found, aligner)]
    assert benih and "capaian" in benih[0].why


def test_passages_and_their_identity():
    doc = Document(Source("x"), text="Judul\n1. Jalan desa 35 km sudah selesai dibangun\nPendek.\nIni kalimat yang cukup panjang.")
    texts = [t for _, _, t in passages(doc)]
    assert "Jalan desa 35 km sudah selesai dibangun" in texts and "Pendek." not in texts
    assert text_key("Jalan desa, 35 km!") == text_key("jalan desa 35 km")


def test_document_dates():
    today = date(2026, 1, 1)
    assert document_date("WONOSOBO, Senin (9/6/2025) - Bupati …", today=today) == date(2025, 6, 9)
    assert document_date("Diterbitkan 15 Oktober 2025 oleh Humas", today=today) == date(2025, 10, 15)
    assert document_date("Tanggal: 2025-11-03", today=today) == date(2025, 11, 3)
    assert document_date("Rencana 2030-01-01 dan tidak ada tanggal lain", today=today) is None  # future
    assert document_date("Tanpa tanggal", today=today) is None
