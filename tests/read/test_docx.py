import pytest

from janji.errors import InputError
from janji.read.docx import read_docx


def test_word_numbering_levels_and_formats(builders):
    text, title = read_docx(builders.sample_docx(), "visi.docx")
    assert title == "Visi Misi Paslon"
    assert text == ("VISI DAN MISI\n\nVisi: Kabupaten yang maju dan sejahtera.\n\n"
                    "1. Membangun infrastruktur jalan desa\n  a. Jalan desa 100 km\n  b. Jembatan 20 unit\n"
                    "2. Meningkatkan mutu pendidikan\n  a. Sekolah gratis\n\n"
                    "1. Program beasiswa\n2. Program kesehatan")


def test_lvl_text_start_values_roman_and_restart(builders):
    d = builders.new_docx()
    num = builders.add_numbering(d, [("upperRoman", "BAB %1", 4), ("decimal", "%1.%2", 1)])
    builders.numbered(d, "Visi", num, 0)
    builders.numbered(d, "Misi", num, 0)
    builders.numbered(d, "Misi pertama", num, 1)
    d.add_paragraph("Penjelasan di antara dua daftar.")
    continued = builders.add_numbering(d, [], abstract_id=builders.abstract_of(d, num))
    builders.numbered(d, "Program", continued, 0)
    restarted = builders.add_numbering(d, [], abstract_id=builders.abstract_of(d, num), start_override=1)
    builders.numbered(d, "Ulang", restarted, 0)
    text, _ = read_docx(builders.docx_bytes(d), "x.docx")
    assert text.splitlines() == ["BAB IV Visi", "BAB V Misi", "  V.1 Misi pertama", "",
                                 "Penjelasan di antara dua daftar.", "", "BAB VI Program", "BAB I Ulang"]


def test_style_fallback_list_number_and_bullet(builders):
    d = builders.new_docx()
    d.add_paragraph("Program", style="List Number")
    d.add_paragraph("Kegiatan", style="List Number 2")
    d.add_paragraph("Catatan", style="List Bullet")
    text, _ = read_docx(builders.docx_bytes(d), "x.docx")
    assert text == "1. Program\n  1. Kegiatan\n- Catatan"


def test_line_breaks_inside_an_entry_are_joined(builders):
    d = builders.new_docx()
    num = builders.add_numbering(d, [("decimal", "%1.", 1)])
    p = builders.numbered(d, "Membangun jalan", num, 0)
    p.runs[0].add_break()
    p.add_run("desa dan kota")
    text, _ = read_docx(builders.docx_bytes(d), "x.docx")
    assert text == "1. Membangun jalan desa dan kota"


def test_broken_docx_is_an_input_error(builders):
    data = builders.sample_docx()
    with pytest.raises(InputError):
        read_docx(data[: len(data) // 2], "rusak.docx")


def test_hand_typed_markers_are_tight_and_nested_by_indentation(builders):
    from docx.shared import Cm

    d = builders.new_docx()
    d.add_paragraph("Misi:")
    d.add_paragraph("1. Membangun jalan")
    sub = d.add_paragraph("a. Jalan desa")
    sub.paragraph_format.left_indent = Cm(1.5)
    tabbed = d.add_paragraph()
    tabbed.add_run().add_tab()
    tabbed.add_run("b. Jalan kota")
    d.add_paragraph("2. Pendidikan")
    text, _ = read_docx(builders.docx_bytes(d), "x.docx")
    assert text == "Misi:\n\n1. Membangun jalan\n  a. Jalan desa\n  b. Jalan kota\n2. Pendidikan"


def test_numbered_headings_stay_headings_with_their_number(builders):
    d = builders.new_docx()
    num = builders.add_numbering(d, [("upperRoman", "BAB %1", 1)])
    heading = d.add_heading("VISI DAN MISI", level=1)
    heading._p.get_or_add_pPr().append(builders.parse_numpr(num, 0))
    list_num = builders.add_numbering(d, [("decimal", "%1.", 1)])
    builders.numbered(d, "Membangun jalan", list_num, 0)
    builders.numbered(d, "Air bersih", list_num, 0)
    text, _ = read_docx(builders.docx_bytes(d), "x.docx")
    assert text == "BAB I VISI DAN MISI\n\n1. Membangun jalan\n2. Air bersih"


@pytest.mark.parametrize("style, marker", [("List Bullet 2", "-"), ("List Number 2", "1.")])
def test_lists_typed_at_the_second_level_only_start_at_the_margin(builders, style, marker):
    """A section whose every list entry sits at Word's second level has no first level to nest under."""
    d = builders.new_docx()
    d.add_heading("Program 100 Hari", level=1)
    d.add_paragraph("Daftarnya sebagai berikut:")
    d.add_paragraph("Pasar murah setiap pekan", style=style)
    d.add_paragraph("Layanan kesehatan gratis", style=style)
    d.add_heading("Misi", level=1)
    d.add_paragraph("Membangun desa", style="List Number")
    d.add_paragraph("Jalan desa", style="List Bullet 2")
    text, _ = read_docx(builders.docx_bytes(d), "x.docx")
    second = "2." if marker == "1." else "-"
    assert text.splitlines() == ["Program 100 Hari", "", "Daftarnya sebagai berikut:", "",
                                 f"{marker} Pasar murah setiap pekan", f"{second} Layanan kesehatan gratis", "",
                                 "Misi", "", "1. Membangun desa", "  - Jalan desa"]


def test_numbered_entries_at_a_deeper_word_level_after_a_paragraph_start_at_the_margin(builders):
    d = builders.new_docx()
    num = builders.add_numbering(d, [("decimal", "%1.", 1), ("lowerLetter", "%2.", 1)])
    d.add_paragraph("Pasangan calon menawarkan dua program:")
    builders.numbered(d, "Beasiswa kuliah", num, 1)
    builders.numbered(d, "Bedah rumah", num, 1)
    text, _ = read_docx(builders.docx_bytes(d), "x.docx")
    assert text.splitlines()[-2:] == ["a. Beasiswa kuliah", "b. Bedah rumah"]
