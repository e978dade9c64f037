"""Region lookup (names, prefixes, media aliases) and which region a text is about."""
from __future__ import annotations

import pytest

from janji.data import regions
from janji.facts.region import detect


@pytest.mark.parametrize(
    "name, code",
    [
        ("Tangsel", "36.74"),
        ("Kutim", "64.08"),
        ("Sumut", "12"),
        ("NTB", "52"),
        ("Jabar", "32"),
        ("Jateng", "33"),
        ("Jatim", "35"),
        ("Kaltim", "64"),
        ("Sulsel", "73"),
        ("DKI", "31"),
        ("Kab. Kudus", "33.19"),
        ("Kab.Tasikmalaya", "32.06"),
        ("Kabupaten Bogor", "32.01"),
        ("Kota Bogor", "32.71"),
        ("Walikota Bogor", "32.71"),
        ("Bupati Bogor", "32.01"),
        ("Pemkot Palangka Raya", "62.71"),
        ("Provinsi Jawa Barat", "32"),
        ("Papua Selatan", "93"),
    ],
)
def test_resolve(name, code):
    assert regions.resolve(name).code == code


def test_resolve_leaves_ambiguous_or_unknown_names_open():
    assert regions.resolve("Bogor") is None  # kabupaten or kota: the text must say
    assert regions.resolve("Atlantis") is None
    assert regions.resolve("") is None


def test_table_is_complete():
    levels = [r.level for r in regions.all_regions()]
    assert (levels.count("provinsi"), levels.count("kabupaten") + levels.count("kota")) == (38, 514)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Debat Pilbup Jombang 2024 digelar malam ini di pendopo.", "35.17"),
        ("Dua pasangan calon walikota dan wakil walikota Mojokerto mulai berkampanye di Mojokerto.", "35.76"),
        ("Pasangan calon bupati Mojokerto berkampanye. Warga Mojokerto antusias.", "35.16"),
        ("Pilkada Kutim 2024 diikuti dua paslon bupati-wakil bupati Kutim.", "64.08"),
        ("KPU Sumut menetapkan paslon Gubernur dan Wakil Gubernur Sumut.", "12"),
        ("Visi pembangunan Provinsi Nusa Tenggara Barat Tahun 2013-2018 menuju NTB sejahtera.", "52"),
        ("Pemkot Palangka Raya menggelar rapat anggaran.", "62.71"),
    ],
)
def test_detect(text, code):
    assert detect(text).code == code


def test_dateline_names_where_the_story_was_written_not_its_region():
    text = (
        "KUPANG, HARIANTIMUR - KPU Kabupaten Rote Ndao menggelar debat Calon Bupati Rote Ndao "
        "di sebuah hotel di Kupang. Ketua KPU Rote Ndao membuka acara."
    )
    assert detect(text).name == "Kabupaten Rote Ndao"


def test_longest_name_wins_and_reference_plans_of_the_parent_weigh_less():
    text = (
        "Perumusan tujuan pembangunan Provinsi Papua Selatan tahun 2024-2026 mempedomani "
        "Visi RPJPD Provinsi Papua Tahun 2005-2025 dan RPJPD Provinsi Papua Tahun 2005-2025 Tahap IV."
    )
    assert detect(text).name == "Papua Selatan"


def test_place_names_that_are_common_words_need_a_level_cue():
    assert detect("Penataan kawasan Batu Tulis dan Empang.") is None
    assert detect("Wali Kota Batu meresmikan taman.").name == "Kota Batu"


def test_no_region():
    assert detect("Visi: maju bersama, sejahtera bersama.") is None


@pytest.mark.parametrize("text, name", [
    ("Geser ke atas\nNews Ekbis Sosok Halal Pelesir Olahraga Nasional Daerah Otomotif\n\nKanal\n\n"
     "Forum RPJMD dan Musrenbang, Bupati Tulang Bawang Barat Sampaikan Target Pembangunan 2026\n"
     "Pemerintah kabupaten menetapkan target pertumbuhan ekonomi.\n\nDi tempat yang sama, Kepala Bappeda "
     "Provinsi Lampung hadir mewakili Gubernur Lampung.", "Kabupaten Tulang Bawang Barat"),
    ("Home Berita Politik Daerah Ekonomi Olahraga\nMenu\nDebat Pilbup Garut: Dua Paslon Adu Gagasan Soal Jalan\n"
     "KPU Jawa Barat memantau debat. Gubernur Jawa Barat berharap debat berjalan damai.", "Kabupaten Garut"),
])
def test_site_menus_above_the_headline_are_not_the_headline(text, name):
    assert detect(text).name == name


@pytest.mark.parametrize("text, code", [
    ("Bakal pasangan calon gubernur Sumatra Barat (Sumbar) mendaftar ke KPU Sumbar.", "13"),
    ("Debat calon gubernur Sumatra Utara digelar di Medan.", "12"),
])
def test_the_spelling_sumatra_names_the_province(text, code):
    assert detect(text).code == code
    assert regions.resolve("Sumatra Selatan").code == "16"


# -- region names found without the 33 KB pattern of them all (facts.region._written) -----------------------

def _by_pattern(text: str) -> list[tuple[int, int]]:
    from janji.facts.region import _matcher

    return [m.span() for m in _matcher()[0].finditer(text)]


def test_region_names_found_as_the_pattern_of_all_names_finds_them_in_the_shared_documents(shared):
    from janji.facts.region import _written

    for path in sorted((shared / "devset" / "docs").iterdir()) + sorted((shared / "corpus" / "docs").iterdir()):
        text = path.read_text(encoding="utf-8")
        assert list(_written(text)) == _by_pattern(text), path.name


def test_region_names_found_as_the_pattern_finds_them_in_mixed_spellings():
    import random

    from janji.facts.region import _names, _written

    rng = random.Random(5)
    names = _names()[0]
    glue = [" ", "  ", "-", " - ", "\n", "", ", ", ". ", "(", "x", "\u212a", "\u0131", "_"]  # Kelvin sign, dotless i
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 8)):
            name = rng.choice(names)
            mangled = rng.choice([name, name.upper(), name.lower(), name.replace(" ", ""), name.replace(" ", "-"),
                                  name[:-1], name.replace("k", "\u212a"), name.replace("i", "\u0131") + "a"])
            parts.append(mangled + rng.choice(glue))
        text = "".join(parts)
        assert list(_written(text)) == _by_pattern(text), text


def test_the_characters_beyond_ascii_a_name_may_match():
    """_FOLDS_TO_ASCII is every character a case-insensitive letter, digit or dot of a name matches
    besides ASCII (checked here over the first plane and the letterlike symbols)."""
    import re
    import string

    from janji.facts.region import _FOLDS_TO_ASCII

    pattern = re.compile("(?i:[" + re.escape(string.ascii_lowercase + string.digits + ".") + "])")
    assert {chr(c) for c in range(128, 0x10000) if pattern.fullmatch(chr(c))} == set(_FOLDS_TO_ASCII)
