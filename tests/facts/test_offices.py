"""A sitting head named by office is the office holder a report or a plan speaks for."""
from __future__ import annotations

import pytest


def pairs(doc):
    return [(c.number, c.head, c.deputy, c.incumbent) for c in doc.candidates]


@pytest.mark.parametrize("text, head, deputy", [
    ("Pemerintah Kota Bima memaparkan capaian Program 100 Hari Kerja Wali Kota Ali Rasman dan Wakil Wali Kota "
     "Rini Lestari pada Senin, 2 Juni 2025. Ali menegaskan program ini bukan simbol politik.", "Ali Rasman", "Rini Lestari"),
    ("Progres program 100 hari kerja Bupati dan Wakil Bupati (Wabup) Parigi Moutong, H. Budi Santoso dan "
     "H. Ani Lestari, saat ini telah mencapai lebih dari 80 persen.", "Budi Santoso", "Ani Lestari"),
    ("OKU TIMUR - Masa jabatan Bupati OKU Timur Ir H Lanang MT dan wakilnya HM Adi Nugroho SH belum genap 5 tahun. "
     "Program unggulan bupati sudah 90 persen terealisasi.", "Lanang", "Adi Nugroho"),
    ("Wali Kota Batam Ahmad Sakar bersama Wakil Wali Kota Lia Candra menyapa warga hinterland. Selama empat "
     "bulan memimpin, Ahmad Sakar mengunjungi 17 menteri.", "Ahmad Sakar", "Lia Candra"),
])
def test_a_report_on_a_sitting_head_and_deputy(analyse, text, head, deputy):
    assert pairs(analyse(text)) == [(None, head, deputy, True)]


@pytest.mark.parametrize("text, head", [
    ("Dikatakan Gubernur Dr. H. Zulfan A Pamu, S.H., M.Hum, Musrenbang RPJMD 2025-2029 bertujuan menyelaraskan "
     "program. Visi RPJMD Provinsi Kalimantan Utara 2025-2029 adalah terwujudnya Kaltara maju.", "Zulfan A Pamu"),
    ("Bupati Kotim, Halimun menegaskan, Musrenbang RKPD menjadi bagian dari RPJMD 2025-2029 Kabupaten "
     "Kotawaringin Timur.", "Halimun"),
    ("Berdasarkan capaian tersebut, Bupati Novrian menyebutkan target indikator makro pembangunan Kabupaten "
     "Tulang Bawang Barat tahun 2026.", "Novrian"),
])
def test_a_plan_speech_by_a_sole_head(analyse, text, head):
    assert pairs(analyse(text)) == [(None, head, None, True)]


def test_the_office_holder_of_another_region_or_level_is_not_the_documents(analyse):
    doc = analyse(
        "CIANJUR - Gubernur Jawa Barat Rudi Kamal melantik Bupati Cianjur, Hendra Sumarna dan Wakil Bupati, "
        "Budi Mulyadi di Gedung Sate. Bupati Cianjur Hendra Sumarna akan langsung membangun Cianjur."
    )
    assert doc.region.name == "Kabupaten Cianjur"
    assert pairs(doc) == [(None, "Hendra Sumarna", "Budi Mulyadi", True)]


@pytest.mark.parametrize("text", [
    "Pj Bupati Tegal Amir Mahmudi membuka Musrenbang RKPD Kabupaten Tegal 2026.",
    "Mantan Bupati Tegal Amir Mahmudi hadir dalam Musrenbang RKPD Kabupaten Tegal 2026.",
    "Rumah dinas Bupati Tegal menjadi lokasi Musrenbang RKPD Kabupaten Tegal 2026.",
])
def test_acting_and_former_heads_hold_no_office(analyse, text):
    assert analyse(text).candidates == []


def test_a_document_about_candidate_pairs_keeps_them_alone(analyse):
    doc = analyse(
        "Bupati Sleman Budi Santoso membuka debat. Pasangan calon nomor urut 1 Hardi Kuswoyo-Danu Mahendra "
        "menjawab panelis."
    )
    assert [(c.number, c.head, c.deputy) for c in doc.candidates] == [(1, "Hardi Kuswoyo", "Danu Mahendra")]


@pytest.mark.parametrize("text", [
    "Bupati Sleman, Ir H Budi Santoso MT, memaparkan capaian 100 hari kerja bersama wakilnya, Ani Lestari.",
    "Bupati Sleman Budi Santoso meninjau pasar didampingi Wakil Bupati Ani Lestari, Senin.",
])
def test_the_deputy_named_later_in_the_sentence(analyse, text):
    assert pairs(analyse(text)) == [(None, "Budi Santoso", "Ani Lestari", True)]
