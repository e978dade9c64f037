"""What the packaged prose model decides, on clauses written for the test (its scores on the gold documents are
the score tests'; its cross-validated scores are bench/learned.py's)."""
from __future__ import annotations

import pytest

from janji.learn.linear import load
from janji.pipeline import Pipeline, analyze

PIPE = Pipeline(disable=["quantities", "classify"])

def prose_items(text: str, name: str = "berita.txt") -> list[tuple[str, str | None, str]]:
    doc = analyze(text, name=name, pipeline=PIPE)
    return [(i.kind, i.speaker, i.text) for i in doc.items if i.kind in ("commitment", "claim")]

def model_installed() -> bool:
    try:
        load("prose")
        return True
    except FileNotFoundError:
        return False

@pytest.mark.parametrize("sentence, kind", [
    ("“Kami akan membangun 100 kilometer jalan desa dalam lima tahun,” kata Budi Santoso.", "commitment"),
    ("Budi Santoso berjanji menggratiskan biaya berobat di seluruh puskesmas jika terpilih.", "commitment"),
    ("“Selama lima tahun memimpin, kami sudah membangun 20 puskesmas baru,” kata Budi Santoso.", "claim"),
    ("Budi Santoso mengklaim telah menurunkan angka kemiskinan dari 12 persen menjadi 9 persen.", "claim"),
])
def test_a_candidates_promise_or_record_is_found(sentence, kind):
    text = ("Debat Pilbup Sukamaju 2024: paslon nomor urut 1 Budi Santoso-Ani Lestari dan paslon nomor urut 2 "
            "Dedi Kurnia-Eka Putri beradu gagasan.\n" + sentence)
    found = prose_items(text)
    assert [k for k, *_ in found] == [kind], found
    assert found[0][1] in ("Budi Santoso", "Budi")

def test_narration_of_the_day_is_no_promise():
    text = ("Debat Pilbup Sukamaju 2024: paslon nomor urut 1 Budi Santoso-Ani Lestari dan paslon nomor urut 2 "
            "Dedi Kurnia-Eka Putri beradu gagasan.\n"
            "Debat digelar di gedung DPRD pada Sabtu malam dan disiarkan langsung oleh televisi lokal.\n"
            "Ratusan pendukung kedua pasangan memadati halaman gedung sejak sore hari.\n")
    assert prose_items(text) == []

def test_a_governments_reported_work_is_a_claim():
    text = ("Capaian Program 100 Hari Bupati Sukamaju\n"
            "Pemerintah Kabupaten Sukamaju telah menyalurkan bantuan modal Rp 5 miliar kepada 2.000 pelaku UMKM.\n")
    assert [k for k, *_ in prose_items(text)] == ["claim"]
