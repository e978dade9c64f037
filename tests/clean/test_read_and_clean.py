"""Read + clean together on a news page shaped like the ones the analyser meets."""
from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from janji.clean import clean
from janji.document import Document
from janji.read import read

FIXTURES = Path(__file__).with_name("fixtures")


def test_news_page_keeps_every_list_entry_and_loses_the_furniture():
    doc = Document.from_bytes((FIXTURES / "berita.html").read_bytes(), "berita.html")
    read(doc)
    clean(doc)
    assert doc.source.title == "Visi Misi dan Program Unggulan Bagus-Pandu di Pilkada Tangsel 2024"
    for furniture in ("Baca Juga", "ADVERTISEMENT", "Topik", "KOMENTAR", "Berita Terkini", "Penculik", "Copyright",
                      "Bagikan", "Home"):
        assert furniture not in doc.text
    assert ("Misi\n\n1. Menyiapkan warga yang sehat, cerdas dan siap bekerja\n"
            "2. Menumbuhkan usaha kecil dan pasar rakyat\n"
            "3. Menghadirkan pelayanan publik yang cepat dan terbuka") in doc.text
    assert ("1. Pembangunan 3 unit gedung SMP baru\n  - Seragam gratis SD dan SMP\n"
            "  - Beasiswa bagi 2.500 siswa/tahun\n"
            "2. Kelas malam kejar Paket C di tiap kecamatan") in doc.text


@pytest.mark.parametrize("module", ["janji.read", "janji.read.detect", "janji.read.text", "janji.read.html",
                                    "janji.clean", "janji.clean.whitespace",
                                    "janji.clean.furniture"])
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0  # a module listed here without examples fails
