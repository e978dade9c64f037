"""Titles stripped from names; party names mapped to canonical short names."""
from __future__ import annotations

import pytest

from janji.facts import parties
from janji.lang import names


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Dr. H. Iwan Saputra, S.E., M.Si.", "Iwan Saputra"),
        ("Hj. Ai Diantani Ade Sugianto, S.H., M.Kn.", "Ai Diantani Ade Sugianto"),
        ("Dede MuKsit Aly, Z.A", "Dede MuKsit Aly"),
        ("H. Asep Sopari Al-Ayubi", "Asep Sopari Al-Ayubi"),
        ("dr. Ratna Sari, Sp.OG", "Ratna Sari"),
        ("Ir. Drs. Budi Santoso, MM", "Budi Santoso"),
        ("Junaedi Malik", "Junaedi Malik"),
    ],
)
def test_strip_titles(raw, clean):
    assert names.strip_titles(raw) == clean


def test_honorific():
    assert names.honorific("Gus Juned") == "Gus"
    assert names.honorific("Ning Ita") == "Ning"
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
