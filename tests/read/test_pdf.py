import pytest

from janji.errors import InputError
from janji.read.pdf import read_pdf


def test_numbered_list_with_wrapped_lines_and_nesting(builders):
    entries = [
        (0, "1.", "Membangun jalan desa yang mantap dan jembatan di seluruh kecamatan dengan kualitas yang baik "
                  "serta terawat sepanjang tahun."),
        (0, "2.", "Meningkatkan mutu pendidikan dasar."),
        (1, "a.", "Sekolah gratis untuk semua anak usia sekolah di seluruh wilayah kabupaten tanpa terkecuali "
                  "apa pun."),
        (1, "b.", "Beasiswa bagi pelajar berprestasi."),
        (0, "3.", "Melestarikan budaya daerah."),
    ]
    pdf = builders.pdf_list(entries, intro="Pasangan calon menyampaikan misi mereka dalam dokumen resmi yang "
                                           "diserahkan kepada KPU pada bulan September.", title="Visi Misi",
                            page_numbers=True)
    text, title = read_pdf(pdf, "misi.pdf")
    assert title == "Visi Misi"
    assert text == (
        "Pasangan calon menyampaikan misi mereka dalam dokumen resmi yang diserahkan kepada KPU pada bulan "
        "September.\n\n"
        "1. Membangun jalan desa yang mantap dan jembatan di seluruh kecamatan dengan kualitas yang baik serta "
        "terawat sepanjang tahun.\n"
        "2. Meningkatkan mutu pendidikan dasar.\n"
        "  a. Sekolah gratis untuk semua anak usia sekolah di seluruh wilayah kabupaten tanpa terkecuali apa pun.\n"
        "  b. Beasiswa bagi pelajar berprestasi.\n"
        "3. Melestarikan budaya daerah.")


def test_hyphenation_from_line_wraps_is_undone_but_real_hyphens_stay(builders):
    lines = [(72, "1. Mempercepat pemba-"), (86, "ngunan jalan dan kegiatan sehari-"), (86, "hari warga, pemulihan Covid-"),
             (86, "19 serta festival ogoh-"), (86, "ogoh."), (72, "2. Air bersih.")]
    text, _ = read_pdf(builders.pdf_from_lines([lines]), "x.pdf")
    assert text == ("1. Mempercepat pembangunan jalan dan kegiatan sehari-hari warga, pemulihan Covid-19 serta "
                    "festival ogoh-ogoh.\n2. Air bersih.")


def test_paragraph_gap_heading_and_bullets(builders):
    lines = [(72, "VISI"), (None, ""), (72, "Terwujudnya kota yang maju."), (None, ""), (72, "MISI"),
             (72, "• Membangun jalan"), (72, "• Membangun sekolah")]
    text, _ = read_pdf(builders.pdf_from_lines([lines]), "x.pdf")
    assert text == "VISI\n\nTerwujudnya kota yang maju.\n\nMISI\n\n- Membangun jalan\n- Membangun sekolah"


def test_running_header_and_page_numbers_dropped(builders):
    topics = ["pendahuluan", "gambaran umum", "visi dan misi", "program prioritas"]
    pages = []
    for i, topic in enumerate(topics, 1):
        body = [(72, f"Bagian {topic}."), (72, "Paragraf kedua halaman ini."),
                (72, f"Penutup bagian {topic} yang menjadi baris terpanjang di halaman ini.")]
        pages.append([(72, "RPJMD Kabupaten Contoh 2025-2029"), (None, "")] + body + [(None, ""), (290, str(i))])
    text, _ = read_pdf(builders.pdf_from_lines(pages), "x.pdf")
    assert "RPJMD" not in text
    lines = [line for line in text.splitlines() if line]
    assert len(lines) == 12 and not any(line.isdigit() for line in lines)


def test_encrypted_corrupt_and_scanned_pdfs_give_reasons(builders):
    with pytest.raises(InputError, match="terenkripsi"):
        read_pdf(builders.pdf_from_lines([[(72, "Visi")]], password="rahasia"), "kunci.pdf")
    good = builders.pdf_from_lines([[(72, "Visi")]])
    with pytest.raises(InputError, match="rusak"):
        read_pdf(good[: len(good) // 3], "potong.pdf")
    with pytest.raises(InputError, match="OCR"):
        read_pdf(builders.pdf_from_lines([[]]), "pindaian.pdf")


def test_laid_out_report_with_headings_justified_text_and_nested_list(builders):
    text, title = read_pdf(builders.pdf_report(), "rpjmd.pdf")
    assert title == "RPJMD Bab V"
    assert text == (
        "BAB V VISI DAN MISI\n\n"
        "Visi pembangunan daerah tahun 2025-2029 adalah terwujudnya masyarakat yang maju, sejahtera, berkeadilan "
        "dan berkelanjutan melalui tata kelola pemerintahan yang bersih dan melayani seluruh lapisan masyarakat "
        "tanpa kecuali.\n\n"
        "5.2 Misi\n\n"
        "1. Meningkatkan kualitas sumber daya manusia yang sehat, cerdas, berkarakter dan berdaya saing tinggi "
        "melalui pemerataan layanan pendidikan dan kesehatan.\n"
        "2. Mewujudkan pertumbuhan ekonomi yang inklusif.\n"
        "  a. Pengembangan UMKM dan koperasi berbasis digital di seluruh kecamatan dengan pendampingan yang "
        "berkelanjutan.\n"
        "  b. Peningkatan produksi pertanian.\n"
        "3. Membangun infrastruktur wilayah yang merata.\n\n"
        "Penjelasan misi ini disusun berdasarkan hasil analisis isu strategis daerah dan aspirasi masyarakat yang "
        "berkembang selama masa penyusunan dokumen.")


def test_paragraphs_across_pages_with_decorations_drawn_first(builders):
    """Headers and page numbers drawn before the body (content order) are still found by position,
    and a paragraph is not cut where a line starts with a descender ("p", "g")."""
    import io

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = getSampleStyleSheet()["BodyText"]

    def decorate(c, doc):
        c.setFont("Helvetica", 8)
        c.drawString(72, 800, "RPJMD Kabupaten Contoh Tahun 2025-2029")
        c.drawString(290, 30, str(doc.page))

    text = ("Paragraf ke-{} menjelaskan arah kebijakan pembangunan daerah yang berkaitan dengan peningkatan pelayanan "
            "publik, pemerataan infrastruktur dasar, dan penguatan ekonomi lokal berbasis potensi desa sehingga "
            "kesejahteraan masyarakat meningkat.")
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build([Paragraph(text.format(i), body) for i in range(40)],
                                 onFirstPage=decorate, onLaterPages=decorate)
    out, _ = read_pdf(buf.getvalue(), "x.pdf")
    assert out.split("\n\n") == [text.format(i) for i in range(40)]
