"""The term: explicit ranges, long-range and past ranges skipped, five years after an election."""
from __future__ import annotations

import pytest

from janji.facts.period import detect


@pytest.mark.parametrize(
    "text, period",
    [
        ("untuk periode 2024-2029 mendatang", (2024, 2029)),
        ("Visi pembangunan Provinsi NTB Tahun 2013-2018 adalah", (2013, 2018)),
        ("Kepala Daerah Terpilih pada periode 2013 –\n2018 adalah", (2013, 2018)),
        ("akan masuk dalam RPJMD Manado 2010-2015.", (2010, 2015)),
        ("penyusunan Rencana Pembangunan Daerah 2024-2026 disusun", (2024, 2026)),
    ],
)
def test_explicit_range(text, period):
    assert detect(text) == period


def test_long_range_plans_are_not_the_term():
    assert detect("berlandaskan RPJPD Kota Mojokerto Tahun 2025 – 2045.") is None
    text = "Rencana Pembangunan Daerah 2024-2026 mempedomani Visi RPJPD Provinsi Papua Tahun 2005-2025."
    assert detect(text) == (2024, 2026)


def test_a_past_term_is_not_the_term():
    text = "Di Pilkada 2024, ia melanjutkan program yang telah dilaksanakan pada masa jabatan 2018-2023."
    assert detect(text, election=True) == (2025, 2030)


@pytest.mark.parametrize(
    "text",
    [
        "Pemilihan Kepala Daerah (Pilkada) 2024 memasuki masa kampanye.",
        "Empat paslon siap bertarung di Pilkada Serentak 2024.",
        "Debat Terbuka Kedua Pemilihan Wali Kota dan Wakil Wali Kota 2024 kembali digelar.",
        "Dua paslon adu gagasan dalam debat publik, Jumat (25/10/2024).",
        "Kampanye Pilwali Mojokerto 2024 dimulai.",
    ],
)
def test_five_year_term_after_the_election(text):
    assert detect(text, election=True) == (2025, 2030)


def test_election_year_only_counts_in_election_news():
    assert detect("Deklarasi Pemilu Damai 2024 di hotel.", election=True) is None
    assert detect("Pilkada 2024 memasuki masa kampanye.", election=False) is None


def test_null_when_unsaid():
    assert detect("Debat digelar Sabtu (26/10) malam.", election=True) is None


def test_national_plans_and_one_year_spans_are_not_the_term():
    text = "Visi Bupati Banyumas Tahun 2018-2023 adalah maju. RPJMN 2020-2024 menjadi acuan; tahun ajaran 2024/2025."
    assert detect(text) == (2018, 2023)
    assert detect("RPJMN 2020-2024 menjadi acuan tahun anggaran 2024-2025.") is None


def test_election_day_written_out():
    assert detect("Pilkada serentak 27 November 2024 diikuti tiga paslon.", election=True) == (2025, 2030)


def test_a_past_term_said_so_is_skipped_even_without_an_election_year():
    text = "Program perumahan melanjutkan yang telah dilaksanakan pada masa jabatan 2018-2023."
    assert detect(text, election=True) is None


def test_election_year_a_few_words_after_the_election():
    assert detect("Pilkada serentak yang digelar 27 November 2024 diikuti tiga paslon.", election=True) == (2025, 2030)
    assert detect("Capaian kinerja bupati hingga 2020 dipaparkan paslon.", election=True) is None


@pytest.mark.parametrize("text", [
    "Pemilihan Bupati dan Wakil Bupati Musi Rawas Utara pada Pemilihan Serentak Tahun 2024 diikuti tiga paslon.",
    "Pemilihan Gubernur dan Wakil Gubernur Kepulauan Bangka Belitung pada Pemilihan Serentak Tahun 2024 dimulai.",
])
def test_a_long_region_name_between_the_election_and_its_year(text):
    assert detect(text, election=True) == (2025, 2030)


@pytest.mark.parametrize("text, term", [
    ("Capaian delapan program kerja selama satu periode kepemimpinan yakni 2018-2023 telah tercapai. Penerima "
     "beasiswa sepanjang 2019-2022 mencapai 100 ribu. Capaian pada periode 2019-2022 mencapai 133 persen. Tenaga "
     "kerja periode 2019-2022 tercatat 251 ribu.", (2018, 2023)),
    ("Program unggulan bupati untuk masa jabatan 2021-2026 dilaporkan. Realisasi tahun 2022-2024 naik. Serapan "
     "anggaran tahun 2022-2024 baik. Jumlah penerima tahun 2022-2024 bertambah.", (2021, 2026)),
])
def test_the_stated_term_outweighs_a_reporting_range_said_more_often(text, term):
    assert detect(text) == term


@pytest.mark.parametrize("text, term", [
    ("Pilkada Buleleng 2017 diikuti dua pasangan calon.", (2017, 2022)),
    ("Ini Visi Misi 2 Calon Pasangan Pilkada Jateng 2018.", (2018, 2023)),
    ("Pilkada serentak 2015 diikuti tiga paslon.", (2016, 2021)),
    ("Debat Pilkada Sulut 2020 digelar KPU.", (2021, 2026)),
])
def test_each_wave_of_simultaneous_elections_seats_its_winners_in_its_own_year(text, term):
    assert detect(text, election=True) == term


@pytest.mark.parametrize("text", [
    "Debat Cagub Sumsel Dianggap Tak Komprehensif\n\nRabu 30-10-2024, 18:14 WIB\nDua paslon saling sindir.",
    "Sidrap — Senin malam, 28 Oktober 2024, calon bupati menjabarkan visinya di hadapan petani.",
])
def test_an_election_report_dated_in_the_election_year(text):
    assert detect(text, election=True) == (2025, 2030)


@pytest.mark.parametrize("text", [
    "Wali Kota menyapa warga pasca-Pilkada, Sabtu (12/7/2025). Program prioritas dipaparkan calon.",
    "Capaian 100 hari kerja dipaparkan pada Senin, 2 Juni 2025 oleh wali kota terpilih.",
])
def test_a_report_dated_outside_an_election_year_names_no_term(text):
    assert detect(text, election=True) is None


@pytest.mark.parametrize("text", [
    "Wali Kota masih punya sisa masa jabatan 2012-2017 guna membangun kota.",
    "Calon bupati berjanji merangkul petahana yang menuntaskan sisa masa jabatan 2019-2024.",
])
def test_the_rest_of_an_outgoing_term_is_no_term(text):
    assert detect(text, election=True) is None


@pytest.mark.parametrize("text, term", [
    ("RPJMD disusun berpedoman pada Rencana Pembangunan Jangka Panjang Daerah (RPJPD) Provinsi Jawa Tengah Tahun "
     "2005 – 2025. Visi pembangunan daerah sebagaimana tertuang dalam RPJPD Tahun 2005-2025 adalah …", (2005, 2025)),
    ("Visi RPJPD Kota Sukamaju Tahun 2025-2045 menjadi arah; RPJMD Kota Sukamaju 2025-2029 menjabarkannya.", (2025, 2029)),
])
def test_a_long_range_plan_keeps_its_own_span_when_no_term_is_stated(text, term):
    assert detect(text, plan=True) == term
    assert detect(text) == (None if term[1] - term[0] > 6 else term)
