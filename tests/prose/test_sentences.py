"""Cutting prose into sentences, quotes and headings."""
from __future__ import annotations

from janji.prose.sentences import split_units


def test_quote_with_two_sentences_and_attribution():
    text = "“Kami akan membangun pasar rakyat. Jalan desa juga kami aspal,” kata Budi Santoso."
    units = list(split_units(text))
    assert [(u.text, u.quoted, u.attribution) for u in units] == [
        ("Kami akan membangun pasar rakyat", True, "kata Budi Santoso"),
        ("Jalan desa juga kami aspal", True, "kata Budi Santoso"),
    ]
    assert all(text[u.start:u.end] == u.text for u in units)


def test_titles_in_quotes_are_not_speech():
    text = "Debat bertema “Menyelesaikan Persoalan Daerah dan Memperkokoh NKRI” tersebut berlangsung seru."
    units = list(split_units(text))
    assert len(units) == 1 and not units[0].quoted


def test_abbreviations_and_decimals_do_not_end_sentences():
    units = list(split_units("Dr. H. Budi meraih 71,46 poin. Ia lalu pulang."))
    assert [u.text for u in units] == ["Dr. H. Budi meraih 71,46 poin", "Ia lalu pulang"]


def test_furniture_and_list_lines_are_skipped_headings_marked():
    text = "Kota Juara dari Budi-Ani\nBaca Juga: Berita lain\n1. Pembangunan jalan\nIa berjanji akan hadir."
    units = list(split_units(text))
    assert [(u.kind, u.text) for u in units] == [("heading", "Kota Juara dari Budi-Ani"),
                                                  ("sentence", "Ia berjanji akan hadir")]


def test_a_long_title_in_quotes_at_the_end_of_a_line_is_not_speech():
    text = 'Paslon 2 memaparkan visi "Mewujudkan Sukamaju Sejahtera, Hijau, Berbudaya dan Bermartabat"'
    units = list(split_units(text))
    assert [u.quoted for u in units] == [False]


def test_an_unclosed_quote_runs_to_the_end_of_its_paragraph():
    units = list(split_units("“Kami akan membangun pasar rakyat di setiap kecamatan. Itu janji kami"))
    assert [u.quoted for u in units] == [True, True]


ARTICLE_IN_ONE_BULLET = [
    ("- Pasangan calon bupati nomor urut 2, Budi Santoso dan Sari Lestari, memaparkan rencana kerja mereka di "
     "hadapan ratusan warga pada Sabtu sore. Menurut Budi, persoalan terbesar daerah ini adalah jalan yang rusak di "
     "banyak desa. \"Kami akan memperbaiki seluruh jalan desa dalam dua tahun pertama,\" kata Budi di lapangan "
     "kecamatan. Ia juga berjanji membuka lapangan kerja bagi pemuda melalui balai latihan kerja."),
    ("• Calon wali kota Ani Wijaya menyampaikan gagasannya dalam debat kedua yang digelar di sebuah hotel pada "
     "Rabu malam. Ani menilai pelayanan kesehatan di kota itu belum merata hingga ke pinggiran kota. Karena itu ia "
     "akan membangun puskesmas baru di setiap kecamatan yang belum memilikinya. Program itu, katanya, dibiayai dari "
     "anggaran daerah tanpa menambah utang dan akan mulai dikerjakan pada tahun pertama masa jabatannya."),
]


def test_a_whole_article_in_one_bullet_is_read_as_prose():
    for text in ARTICLE_IN_ONE_BULLET:
        units = list(split_units(text + "\n"))
        assert len(units) >= 4, text[:40]
        assert not units[0].text.startswith(("-", "•")), units[0].text
    assert list(split_units("- Membangun jalan desa sepanjang 100 km\n")) == []  # an entry stays the structure's
