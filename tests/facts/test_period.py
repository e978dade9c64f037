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
