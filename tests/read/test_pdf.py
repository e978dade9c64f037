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


# -- titles, one-line paragraphs, inline lists and sentence ends at a wrap --------------------------------------

@pytest.mark.parametrize("title, x", [
    (["Lima Janji Calon Wali Kota Contoh untuk Pedagang", "Pasar dan Nelayan Pesisir"], "center"),
    (["VISI, MISI DAN PROGRAM KERJA PASANGAN CALON", "BUPATI DAN WAKIL BUPATI KABUPATEN CONTOH", "PERIODE 2025-2030"],
     72),
])
def test_a_large_title_set_over_several_lines_is_one_line(builders, title, x):
    lines = [(x, title[0], 18, 0)] + [(x, part, 18, 22) for part in title[1:]]
    lines += [(72, "Pasangan calon menyampaikan program kerja di hadapan warga pada Sabtu pagi.", 10, 30),
              (72, "Program pertama adalah pasar rakyat yang bersih.", 10, 22)]
    text, _ = read_pdf(builders.pdf_set(lines), "x.pdf")
    assert text.split("\n\n") == [" ".join(title), "Pasangan calon menyampaikan program kerja di hadapan warga pada "
                                  "Sabtu pagi.", "Program pertama adalah pasar rakyat yang bersih."]


@pytest.mark.parametrize("paragraphs, leading, blank", [
    (["Program pertama, pembangunan jalan usaha tani di seluruh desa penghasil padi dan jagung",
      "Program kedua, sekolah gratis untuk anak dari keluarga kurang mampu",
      "Program ketiga, puskesmas buka dua puluh empat jam di setiap kecamatan yang jauh",
      "Program keempat, pasar murah setiap bulan"], 14, True),
    (["Calon bupati berjanji menambah dokter spesialis di rumah sakit umum daerah milik kabupaten.",
      "Ia juga menjanjikan beasiswa bagi lima ratus mahasiswa setiap tahun.",
      "Wakilnya menambahkan bahwa air bersih akan mengalir ke seluruh rumah warga di pesisir.",
      "Keduanya ingin membangun gedung olahraga."], 24, False),
])
def test_one_line_paragraphs_stay_apart_when_no_line_gap_is_seen(builders, paragraphs, leading, blank):
    """Every paragraph is one line: the only gaps are paragraph gaps, which are no line spacing."""
    lines = []
    for paragraph in paragraphs:
        lines.append((72, paragraph))
        if blank:
            lines.append((None, ""))
    text, _ = read_pdf(builders.pdf_from_lines([lines], size=11, leading=leading), "x.pdf")
    assert text.split("\n\n") == paragraphs


def test_double_spaced_wrapped_text_is_still_joined(builders):
    paragraph = ("Pemerintah daerah menetapkan arah kebijakan pembangunan yang menitikberatkan pada pemerataan layanan "
                 "dasar, penguatan ekonomi desa dan pelestarian lingkungan hidup bagi generasi yang akan datang, "
                 "sebagaimana diamanatkan dalam dokumen perencanaan jangka panjang daerah.")
    lines = [(72, part) for part in builders.wrap(paragraph, 300)]
    text, _ = read_pdf(builders.pdf_from_lines([lines + [(None, "")] + lines], size=11, leading=26), "x.pdf")
    assert text.split("\n\n") == [paragraph, paragraph]


@pytest.mark.parametrize("lines, expected_tail", [
    (["Untuk mewujudkan visi tersebut ditempuh melalui empat misi, yaitu: 1. Mewujudkan layanan",
      "pendidikan yang merata di semua jenjang sekolah; 2. Mewujudkan layanan kesehatan yang murah;",
      "3. Mewujudkan ekonomi desa yang mandiri dan berdaya saing tinggi di pasar regional; 4. Mewujudkan",
      "tata kelola yang bersih."], "murah; 3. Mewujudkan ekonomi"),
    (["Program kerja pasangan ini dibagi menjadi tiga bagian, yakni (1) perbaikan jalan kabupaten yang",
      "rusak berat dan jembatan gantung di daerah terpencil, (2) air bersih bagi desa rawan kekeringan",
      "(3) listrik tenaga surya untuk dusun yang belum terjangkau jaringan listrik dari perusahaan negara."],
     "kekeringan (3) listrik"),
])
def test_an_inline_list_number_at_the_start_of_a_wrapped_line_continues_the_paragraph(builders, lines,
                                                                                       expected_tail):
    text, _ = read_pdf(builders.pdf_from_lines([[(72, line) for line in lines]], size=10, leading=12), "x.pdf")
    assert "\n" not in text and expected_tail in text


def test_a_numbered_list_after_a_paragraph_still_starts_its_own_lines(builders):
    lines = ["Pasangan calon menetapkan dua misi yang menjadi pegangan selama lima tahun masa jabatan",
             "1. Mewujudkan layanan pendidikan yang merata di semua jenjang sekolah di kabupaten",
             "2. Mewujudkan layanan kesehatan yang murah."]
    text, _ = read_pdf(builders.pdf_from_lines([[(72, line) for line in lines]], size=10, leading=12), "x.pdf")
    assert text.split("\n")[-2:] == lines[1:]


@pytest.mark.parametrize("lines", [
    ["Selanjutnya, pasangan nomor urut tiga akan menyediakan akses pendidikan dasar gratis.",
     "Sementara itu wakilnya berjanji memperbaiki jalan lingkungan yang rusak di setiap kelurahan.",
     "Janji itu disampaikan di lapangan kota."],
    ["Harga pupuk bersubsidi akan dijaga agar petani tidak dirugikan lagi oleh permainan tengkulak.",
     "Pemerintah kabupaten menyiapkan anggaran khusus untuk membeli gabah petani dengan harga layak.",
     "Itu janji mereka."],
])
def test_a_sentence_ending_at_a_full_line_does_not_end_the_paragraph(builders, lines):
    """The next sentence's first word would not have fitted on the line: the line was wrapped."""
    text, _ = read_pdf(builders.pdf_from_lines([[(72, line) for line in lines]], size=10, leading=12), "x.pdf")
    assert text == " ".join(lines)


@pytest.mark.parametrize("lines", [
    ["Dana bergulir akan disalurkan lewat koperasi kepada para pelaku usaha kecil dan menengah atau",
     "UMKM.", "", "Paragraf berikutnya dimulai di sini."],
    ["Musyawarah ini membahas rancangan awal rencana pembangunan jangka menengah daerah atau disebut",
     "RPJMD", "", "Paragraf berikutnya dimulai di sini."],
])
def test_a_capitalised_word_wrapped_onto_its_own_line_is_no_heading(builders, lines):
    rows = [(72, line) if line else (None, "") for line in lines]
    text, _ = read_pdf(builders.pdf_from_lines([rows], size=10, leading=12), "x.pdf")
    assert text.split("\n\n") == [f"{lines[0]} {lines[1]}", lines[3]]
