"""The target an indicator row of a planning table sets, read with the quantities machinery."""
from __future__ import annotations

from janji.document import Indicator
from janji.quantities import target_quantities


def _read(name: str, target: str, unit: str = "") -> list[tuple]:
    return [(q.value, q.unit, q.text) for q in target_quantities(Indicator(name, target, unit))]


def test_a_figure_with_its_satuan():
    assert _read("Angka Harapan Hidup", "72,91", "Tahun") == [(72.91, "tahun", "72,91")]
    assert _read("Prevalensi balita stunting", "12,75", "%") == [(12.75, "persen", "12,75")]


def test_a_range_stays_a_range():
    assert _read("Laju pertumbuhan ekonomi", "5,10 - 5,45", "%") == [(5.1, "persen", "5,10"), (5.45, "persen", "5,45")]


def test_an_index_without_unit():
    assert _read("Indeks Gini", "0,31") == [(0.31, "", "0,31")]
    assert _read("Indeks Pembangunan Manusia", "73,4", "-") == [(73.4, "", "73,4")]


def test_money_in_the_cell_or_in_the_header():
    assert _read("Pagu", "Rp 2,5 miliar") == [(2_500_000_000, "rupiah", "Rp 2,5 miliar")]
    assert _read("", "2.500", "Rp juta") == [(2_500_000_000, "rupiah", "2.500")]
    assert _read("PDRB per kapita", "61,2 juta", "Rp") == [(61_200_000, "rupiah", "61,2 juta")]


def test_numbers_in_the_indicators_name_are_not_its_target():
    assert _read("Persentase penduduk usia 15 tahun ke atas yang bekerja", "68,5", "%") == [(68.5, "persen", "68,5")]


def test_a_target_that_is_no_number_gives_nothing():
    assert _read("Opini BPK atas laporan keuangan", "WTP", "Predikat") == []
