"""The header words of planning tables: which column holds what."""
from __future__ import annotations

import pytest

from janji.lang.tables import Column, column_number, column_role, empty_value


@pytest.mark.parametrize("header, role", [
    ("No", "number"), ("Kode", "number"), ("Misi", "mission"), ("Tujuan", "goal"), ("Sasaran Strategis", "goal"),
    ("Program Prioritas", "program"), ("Sub Kegiatan", "activity"), ("Indikator Sasaran", "indicator"),
    ("Indikator Kinerja Utama (IKU)", "indicator"), ("Satuan", "unit"), ("Perangkat Daerah Penanggung Jawab", "other"),
    ("Keterangan", "other"),
])
def test_roles_of_headers(header, role):
    assert column_role(header).role == role


def test_measures_of_a_year_and_of_the_period():
    assert column_role("Kondisi Awal (2024)") == Column("baseline", 2024)
    assert column_role("Target Kinerja Tahun 2028") == Column("target", 2028)
    assert column_role("2027") == Column("target", 2027)
    assert column_role("Kondisi Akhir Periode RPJMD") == Column("target", final=True)
    assert column_role("Tahun 2026 Rp") == Column("budget", 2026, scale="Rp")
    assert column_role("Pagu Indikatif (Rp Juta)") == Column("budget", scale="Rp juta")


@pytest.mark.parametrize("text", ["Meningkatnya mutu layanan kesehatan", "Angka Harapan Hidup", "72,38", "Tahunan",
                                  "Program kerja yang baik", ""])
def test_data_cells_are_no_headers(text):
    assert column_role(text) is None


def test_column_numbers_and_empty_values():
    assert column_number("(3)") and column_number("7") and column_number("(7)=(5)+(6)")
    assert not column_number("72,5")
    assert empty_value(" - ") and empty_value("") and not empty_value("0")
