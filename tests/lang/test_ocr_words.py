"""Repairing what OCR gets wrong in Indonesian text, without touching text that is right."""
from __future__ import annotations

import pytest

from janji.lang.ocr_words import is_word, repair_line


@pytest.mark.parametrize("read, meant", [
    # a space lost beside a function word, a number, a comma, a bracket or a list marker
    ("penguatan kelembagaansebagai pilar", "penguatan kelembagaan sebagai pilar"),
    ("kuda danhitam", "kuda dan hitam"),
    ("Pasangan itu menawarkan 7program unggulan", "Pasangan itu menawarkan 7 program unggulan"),
    ("program100 hari kerja", "program 100 hari kerja"),
    ("sebanyak 2.500warga", "sebanyak 2.500 warga"),
    ("Partai Hijau,Partai Biru", "Partai Hijau, Partai Biru"),
    ("Senin,12 Mei", "Senin, 12 Mei"),
    ("kerjanya.Selasa lalu", "kerjanya. Selasa lalu"),
    ("pada Rabu(4/6/2025)", "pada Rabu (4/6/2025)"),
    ("(paslon)Budi dan Ani", "(paslon) Budi dan Ani"),
    ("3.Meningkatkan layanan", "3. Meningkatkan layanan"),
    ("b)Membangun jalan", "b) Membangun jalan"),
    # a space lost at a change of case after a known word or an initial
    ("diusung danPartai Contoh", "diusung dan Partai Contoh"),
    ("Partai PDIPerjuangan", "Partai PDI Perjuangan"),
    ("GuruMengaji", "Guru Mengaji"),
    ("calon (paslon)BudiSantoso-Ani", "calon (paslon) Budi Santoso-Ani"),
    ("Budimenyampaikan visinya", "Budi menyampaikan visinya"),
    ("hanya37.141suara", "hanya 37.141 suara"),
    ("dari SDhingga SMA", "dari SD hingga SMA"),
    ("bagi pelakuUMKM", "bagi pelaku UMKM"),
    ("Pasangan HBudi", "Pasangan H Budi"),
    ("Komisi Pemilihan Umum.(KPU)Kota", "Komisi Pemilihan Umum. (KPU) Kota"),
    ("H Ahmad dan H.Budi Contoh, S.T.", "H Ahmad dan H. Budi Contoh, S.T."),
    ("3. Meningkatkan.infrastruktur desa", "3. Meningkatkan infrastruktur desa"),
    # letters confused: capital I read as small l, accents on plain letters
    ("la mengatakan", "Ia mengatakan"),
    ("pembalakan llegal", "pembalakan Ilegal"),
    ("setia pada NKRl", "setia pada NKRI"),
    ("di daiamnya", "di dalamnya"),
    ("Sulawesi Utará dan kepémimpinan", "Sulawesi Utara dan kepemimpinan"),
])
def test_repairs(read, meant):
    assert repair_line(read) == meant


@pytest.mark.parametrize("right", [
    "Rp1,5 miliar untuk 1.200 desa (2,5 persen) di Kompas.com pada 14.30 WIB",
    "Drs. H.M. Contoh, S.Sos., M.Si. dan Hj. Contohwati, S.E.",
    "Pemkab menitikberatkan pembangunan yang ditindaklanjuti dan dijalankan sejalan dengan RPJMD",
    "kontestasi pilkada, parpol pengusung, wartawan, blusukan dan sebagaimana mestinya",
    "YouTube, WhatsApp dan Partai NasDem; program TPS-3R dan Gas Elpiji 3 kg",
    "Sehari-hari warga ogoh-ogoh: 10-20 RW, Covid-19, 2024-2029",
])
def test_right_text_is_left_alone(right):
    assert repair_line(right) == right


def test_words_of_the_language_and_of_the_nomenclature_are_known():
    assert is_word("pembangunan") and is_word("Kesehatan") and is_word("sebagai") and is_word("dijalankan")
    assert not is_word("kelembagaansebagai") and not is_word("xqzv") and not is_word("2024")
