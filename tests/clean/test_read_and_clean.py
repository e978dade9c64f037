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
    assert doc.source.title == "Visi Misi dan Program Unggulan Benyamin-Pilar di Pilkada Tangsel 2024"
    for furniture in ("Baca Juga", "ADVERTISEMENT", "Topik", "KOMENTAR", "Berita Terkini", "Penculik", "Copyright",
                      "Bagikan", "Home"):
        assert furniture not in doc.text
    assert ("Misi\n\n1. Membangun Sumber Daya Manusia (SDM) yang Unggul dan Berdaya Saing Global\n"
            "2. Meningkatkan ekonomi lokal berbasis inovasi dan teknologi\n"
            "3. Membangun Birokrasi yang Profesional dan Kolaboratif") in doc.text
    assert ("1. Pembangunan 4 unit sekolah baru SMP\n  - Bosda PAUD, SD dan SMP\n"
            "  - Bantuan biaya pendidikan PAUD bagi 10.000 anak/tahun\n"
            "2. Optimalisasi sekolah kesetaraan Paket C") in doc.text


@pytest.mark.parametrize("module", ["janji.read", "janji.read.detect", "janji.read.text", "janji.read.html",
                                    "janji.clean", "janji.clean.whitespace",
                                    "janji.clean.furniture"])
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0  # a module listed here without examples fails
