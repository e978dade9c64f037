"""Measurability flags and labels on promises written for the test."""
from __future__ import annotations

import pytest

from janji.classify.measure import measurability


@pytest.mark.parametrize("text,flags,label", [
    ("Bantuan biaya pendidikan PAUD bagi 12.000 anak per tahun", {"quantity", "beneficiary", "time"}, "terukur"),
    ("Membangun 3 puskesmas di Kecamatan Sukamaju pada 2027", {"quantity", "place", "time"}, "terukur"),
    ("Insentif Rp 500 ribu per bulan untuk guru ngaji", {"quantity", "budget", "time", "beneficiary"}, "terukur"),
    ("Pemeliharaan jalan lingkungan 120 km", {"quantity"}, "sebagian"),
    ("Santunan bagi lansia dan penyandang disabilitas", {"beneficiary"}, "sebagian"),
    ("Pelayanan publik yang prima dan berintegritas", set(), "tidak terukur"),
    ("Mewujudkan kota yang maju dan sejahtera", set(), "tidak terukur"),
])
def test_flags_and_label(text, flags, label):
    m = measurability(text)
    assert {k for k in ("quantity", "place", "time", "beneficiary", "budget") if m[k]} == flags
    assert m["label"] == label


@pytest.mark.parametrize("text", ["Program 3D untuk pencari kerja", "Revitalisasi TPS-3R", "Visi Indonesia Emas 2045"])
def test_names_and_years_are_no_quantity(text):
    assert measurability(text)["quantity"] is False


def test_quantities_from_the_quantities_stage_count():
    assert measurability("Sejumlah sekolah baru", quantities=[object()])["quantity"] is True


def test_every_place_unit_counts():
    assert measurability("Posyandu di setiap desa")["place"] is True
    assert measurability("Dana Rp 100 juta per RT")["place"] is True
