"""Titles stripped from names; party names mapped to canonical short names."""
from __future__ import annotations

import pytest

from janji.facts import parties
from janji.lang import names


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Dr. H. Irwan Hadiputra, S.E., M.Si.", "Irwan Hadiputra"),
        ("Hj. Ai Dianti Ade Suganda, S.H., M.Kn.", "Ai Dianti Ade Suganda"),
        ("Dadang MuKhlis Aly, Z.A", "Dadang MuKhlis Aly"),
        ("H. Ujang Supardi Al-Ayubi", "Ujang Supardi Al-Ayubi"),
        ("dr. Ratna Sari, Sp.OG", "Ratna Sari"),
        ("Ir. Drs. Budi Santoso, MM", "Budi Santoso"),
        ("Zubaedi Karim", "Zubaedi Karim"),
    ],
)
def test_strip_titles(raw, clean):
    assert names.strip_titles(raw) == clean


def test_honorific():
    assert names.honorific("Gus Zubed") == "Gus"
    assert names.honorific("Ning Rita") == "Ning"
    assert names.honorific("Gusti Ngurah") is None


@pytest.mark.parametrize(
    "name, short",
    [
        ("Partai Kebangkitan Bangsa", "PKB"),
        ("PDIP", "PDI Perjuangan"),
        ("PDI-P", "PDI Perjuangan"),
        ("Nasdem", "NasDem"),
        ("Partai Bulan Bintang", "PBB"),
        ("Partai Kebangkitan Nusantara", "PKN"),
        ("Golkar", "Golkar"),
    ],
)
def test_canonical(name, short):
    assert parties.canonical(name) == short


def test_not_a_party():
    assert parties.canonical("Partai Politik") is None
    assert parties.canonical("Bandung") is None


def test_find_keeps_acronyms_exact_and_common_words_lowercase():
    found = [p for _, _, p in parties.find("diusung PPP-PKB, Partai Kebangkitan Bangsa (PKB), PDIP; pan buruh tani")]
    assert found == ["PPP", "PKB", "PKB", "PKB", "PDI Perjuangan"]
