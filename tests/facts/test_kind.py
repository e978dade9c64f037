"""Document kind, and --kind is never overridden."""
from __future__ import annotations

import pytest

from janji.facts.kind import detect


def test_debate():
    text = "Dua paslon adu gagasan dalam debat publik perdana. Panelis bertanya soal smart city kepada paslon."
    assert detect(text) == "debate"


def test_plan():
    text = "BAB V VISI, MISI, TUJUAN DAN SASARAN\n5.1. Visi\nVisi pembangunan Provinsi X Tahun 2013-2018 (RPJMD)."
    assert detect(text) == "plan"
    assert detect("3.2.2 Misi Kepala Daerah Terpilih\nMisi SKPD Kecamatan adalah ...") == "plan"


def test_news_that_cites_a_plan_is_still_a_campaign():
    text = (
        "Pasangan calon nomor urut 1 memaparkan visi. Program mereka akan masuk dalam Rencana Pembangunan "
        "Jangka Menengah Daerah (RPJMD). Paslon ini diusung tiga partai. Kandidat lain menyusul."
    )
    assert detect(text) == "campaign"


def test_statement_is_first_person_outside_quotes():
    text = "Saya segera menjalin komunikasi dengan bupati. Saya berterima kasih. Ini menjadi konsen saya."
    assert detect(text) == "statement"
    quoted = 'Paslon itu berjanji. "Saya akan membangun, saya janji, saya buktikan," kata calon bupati.'
    assert detect(quoted) == "campaign"


def test_forced_kind_is_kept(analyse):
    doc = analyse("Dua paslon adu gagasan dalam debat publik. Panelis bertanya kepada paslon.", kind="campaign")
    assert doc.kind == "campaign"


def test_campaign_news_that_mentions_an_upcoming_debate():
    text = (
        "Pasangan calon nomor urut 1 berkampanye di pasar dan menyampaikan program unggulan kepada warga. " * 3
        + "Jelang debat kedua pekan depan, paslon ini menyiapkan materi debat."
    )
    assert detect(text) == "campaign"


def test_statement_by_its_opening():
    assert detect("Oleh: Pj Bupati Gresik\nSaya mengajak warga menjaga kebersihan kota.") == "statement"
    assert detect("Oleh: Redaksi\nWarga mengeluhkan jalan rusak.") == "campaign"


@pytest.mark.parametrize("text", [
    "Pemerintah Kota Bima memaparkan capaian Program 100 Hari Kerja sebagai laporan awal kinerja wali kota.\n"
    "Fokus Program 100 Hari Kerja\nSeluruh perangkat daerah menjalankan program. Perangkat daerah melapor.",
    "Dua tahun kepemimpinan bupati, janji politik sudah 90 persen terealisasi. Kepala perangkat daerah melaporkan "
    "capaian tiap perangkat daerah.",
])
def test_a_report_on_an_elected_heads_programme_is_campaign(text):
    assert detect(text) == "campaign"


@pytest.mark.parametrize("text", [
    "Bupati terpilih baru dilantik. Berikut petikan wawancara kami dengan bupati.\n"
    "Apa program 100 hari kerja Bapak?\nKami menyusun RPJMD bersama perangkat daerah.\n"
    "Bagaimana dengan jalan rusak?\nSaya akan memperbaiki 100 kilometer jalan.",
    "Wawancara Eksklusif\nWali Kota Bima: Kami Jalankan Tugas\nAR: Bagaimana perasaan Bapak?\n"
    "BK: Saya siap mengemban amanah.\nAR: Apa prioritas Bapak?\nBK: Air bersih untuk semua warga.",
])
def test_an_interview_is_reported_like_a_debate(text):
    assert detect(text) == "debate"


def test_news_that_mentions_an_interview_is_not_one():
    text = "Dalam wawancara dengan radio, Jumat, calon bupati menyoroti peran RT. Ia berjanji menaikkan insentif RT."
    assert detect(text) == "campaign"
