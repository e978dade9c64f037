"""The learned kind of lists that no heading, opener or count named (janji.structure.kinds).

The packaged model is trained on the documents with gold answers (``janji train kind``); these lists are
written for the test, each pattern in two phrasings.
"""
import pytest

from janji.structure import kinds
from janji.structure.build import structure_text


def _kinds(text):
    return [i.kind for i in structure_text(text, kind="campaign")]


@pytest.mark.parametrize("text", [
    "Pasangan Budi dan Sari.\n\n- Meningkatkan mutu layanan puskesmas di setiap kecamatan\n"
    "- Mewujudkan tata kelola pemerintahan yang bersih\n- Membangun jalan desa yang mantap\n",
    "Paslon nomor 2 menyampaikan:\n\n1. Memperkuat ekonomi kerakyatan berbasis koperasi\n"
    "2. Menyediakan air bersih bagi seluruh warga\n3. Mengembangkan pariwisata pesisir\n",
])
def test_clauses_led_by_an_active_verb_are_missions(text):
    assert _kinds(text) == ["mission"] * 3


@pytest.mark.parametrize("text", [
    "Target daerah\n\n1. Tersedianya air bersih untuk rumah tangga\n2. Meningkatnya pendapatan petani\n"
    "3. Berkurangnya pengangguran terbuka\n",
    "Yang hendak dicapai:\n\n- Meningkatnya pendapatan nelayan\n- Terwujudnya pelayanan kesehatan yang merata\n"
    "- Menurunnya angka kemiskinan desa\n",
])
def test_stated_outcomes_are_goals(text):
    assert _kinds(text) == ["goal"] * 3


@pytest.mark.parametrize("text", [
    "Andalan pasangan ini:\n\n- Beasiswa kuliah untuk anak petani\n- Pembangunan pasar rakyat modern\n"
    "- Bantuan modal usaha Rp5 juta per UMKM\n",
    "Yang ditawarkan kepada warga:\n\n1. Pengobatan gratis di puskesmas\n2. Perbaikan jalan kampung\n"
    "3. Seragam sekolah gratis\n",
])
def test_noun_phrases_of_services_are_programs(text):
    assert _kinds(text) == ["program"] * 3


@pytest.mark.parametrize("text", [
    "Persoalan yang dihadapi warga:\n\n- Harga pupuk masih mahal\n- Jalan rusak belum diperbaiki\n"
    "- Air bersih sulit didapat\n",
    "Kendala di lapangan antara lain:\n\n1. Anggaran daerah terbatas\n2. Tenaga kesehatan kurang\n"
    "3. Akses internet masih lemah\n",
])
def test_a_list_of_problems_stays_no_promise(text):
    assert set(_kinds(text)) == {"other"}


def test_without_a_model_unnamed_lists_stay_other():
    text = ("Paslon nomor 2 menyampaikan:\n\n1. Memperkuat ekonomi kerakyatan berbasis koperasi\n"
            "2. Menyediakan air bersih bagi seluruh warga\n3. Mengembangkan pariwisata pesisir\n")
    kinds.set_model(False)
    try:
        assert set(_kinds(text)) == {"other"}
    finally:
        kinds.set_model(None)
    assert set(_kinds(text)) == {"mission"}


def test_a_single_unnamed_line_is_no_list():
    assert _kinds("Catatan redaksi.\n\n- Meningkatkan mutu layanan puskesmas\n") == ["other"]


def test_a_named_list_keeps_the_kind_its_heading_gave():
    text = "Program unggulan:\n\n1. Meningkatkan mutu guru\n2. Membangun pasar desa\n"
    assert _kinds(text) == ["program", "program"]
