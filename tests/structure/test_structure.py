"""The structure stage on short passages written for the test (every rule in its own case)."""
from __future__ import annotations

from janji.document import Candidate, Document
from janji.facts import find_mentions
from janji.structure import structure, structure_text


def flat(items, depth=0):
    out = []
    for it in items:
        out.append((depth, it.kind, it.label, it.text))
        out.extend(flat(it.children, depth + 1))
    return out


def test_headings_make_visi_misi_and_programs_with_nested_activities():
    text = """VISI
Terwujudnya Kabupaten Sejahtera, Religius dan Berdaya Saing

MISI
1. Meningkatkan kualitas sumber daya manusia.
2. Mewujudkan tata kelola pemerintahan yang bersih.

PROGRAM UNGGULAN
1. Pendidikan gratis dua belas tahun
   a. Beasiswa bagi 1.000 siswa miskin
   b. Seragam sekolah gratis
2. Kesehatan gratis dengan kartu berobat
"""
    got = flat(structure_text(text))
    assert got == [
        (0, "vision", None, "Terwujudnya Kabupaten Sejahtera, Religius dan Berdaya Saing"),
        (0, "mission", "1", "Meningkatkan kualitas sumber daya manusia"),
        (0, "mission", "2", "Mewujudkan tata kelola pemerintahan yang bersih"),
        (0, "program", "1", "Pendidikan gratis dua belas tahun"),
        (1, "activity", "a", "Beasiswa bagi 1.000 siswa miskin"),
        (1, "activity", "b", "Seragam sekolah gratis"),
        (0, "program", "2", "Kesehatan gratis dengan kartu berobat"),
    ]


def test_quick_wins_strategies_and_roman_labels():
    text = """Program 100 Hari Kerja
I. Penataan pasar tradisional
II. Layanan adminduk keliling
III. Perbaikan jalan rusak

Strategi Pelaksanaan Program 100 Hari
- Berkoordinasi dengan perangkat daerah
"""
    got = flat(structure_text(text))
    assert [(k, lab) for _, k, lab, _ in got] == [("quick_win", "I"), ("quick_win", "II"), ("quick_win", "III"),
                                                  ("strategy", None)]


def test_ordinal_lines_are_labelled_entries():
    text = """Adapun misi pasangan ini sebagai berikut:
Pertama, membangun infrastruktur desa yang merata.
Kedua, meningkatkan layanan kesehatan dasar.
Satu: contoh yang tidak berurutan tetap dibaca sebagai entri.
"""
    got = flat(structure_text(text))
    assert got[0] == (0, "mission", "Pertama", "membangun infrastruktur desa yang merata")
    assert got[1] == (0, "mission", "Kedua", "meningkatkan layanan kesehatan dasar")


def test_wrapped_list_lines_are_joined_and_explanations_are_not_items():
    text = """Misi yang dilaksanakan adalah sebagai berikut :
1. Menyelenggarakan Tata Kelola Pemerintahan Yang Baik
Misi ini bermakna bahwa tata kelola pemerintahan dilakukan melalui fungsi
peraturan, pelayanan, dan pemberdayaan masyarakat yang dijalankan aparatur.
2. Membangun Prasarana dan Sarana yang serasi dengan dinamika dan
pertumbuhan kota.
Misi ini bermakna bahwa pembangunan prasarana diarahkan untuk kehidupan
yang layak dan nyaman bagi warga.
"""
    got = flat(structure_text(text))
    assert got == [
        (0, "mission", "1", "Menyelenggarakan Tata Kelola Pemerintahan Yang Baik"),
        (0, "mission", "2", "Membangun Prasarana dan Sarana yang serasi dengan dinamika dan pertumbuhan kota"),
    ]


def test_goal_heading_with_statement_holds_its_programs_and_mission_reference_nests_goals():
    text = """Misi
1. Membangun Sumber Daya Manusia yang Unggul
2. Meningkatkan ekonomi lokal

Dalam misi dua, yakni "Meningkatkan ekonomi lokal" pasangan ini menaruh dua sasaran.

Sasaran 1: Meningkatnya Produktivitas Tenaga Kerja. Program unggulannya:
1. Bursa kerja terpadu
2. Pelatihan kerja berbasis kompetensi
  - Pelatihan digital untuk 2.500 orang

Sasaran 2: Berkembangnya Ekonomi Kreatif. Program unggulannya:
1. Inkubator bisnis kreatif
"""
    items = structure_text(text)
    assert [it.kind for it in items] == ["mission", "mission"]
    goals = items[1].children
    assert [(g.kind, g.label, g.text) for g in goals] == [
        ("goal", "Sasaran 1", "Meningkatnya Produktivitas Tenaga Kerja"),
        ("goal", "Sasaran 2", "Berkembangnya Ekonomi Kreatif"),
    ]
    assert [p.text for p in goals[0].children] == ["Bursa kerja terpadu", "Pelatihan kerja berbasis kompetensi"]
    assert [(a.kind, a.text) for a in goals[0].children[1].children] == [
        ("activity", "Pelatihan digital untuk 2.500 orang")]


def test_visions_and_missions_stated_inside_sentences():
    text = ("Pasangan ini menyuguhkan visi ‘Kota Yang Maju Dan Berbudaya’. "
            "Visinya adalah membangun masyarakat yang sejahtera, dengan misi membangun sarana transportasi.\n")
    got = [(k, t) for _, k, _, t in flat(structure_text(text))]
    assert ("vision", "Kota Yang Maju Dan Berbudaya") in got
    assert ("vision", "membangun masyarakat yang sejahtera") in got
    assert ("mission", "membangun sarana transportasi") in got


def test_inline_lists_split_on_ordinals_counts_and_shared_heads():
    text = ("Misinya diarahkan ke tiga hal, pertama pembangunan jalan desa. Kedua, peningkatan kualitas guru, "
            "dan terakhir pemberdayaan nelayan dan petani.\n"
            "Adapun 4 program unggulan, yaitu program perumahan, pertanian, sosial dan agama, pendidikan.\n"
            "Program perumahan yaitu bedah rumah tidak layak huni, kemudian penataan kawasan kumuh.\n")
    got = flat(structure_text(text))
    assert [(k, lab, t) for _, k, lab, t in got[:3]] == [
        ("mission", "pertama", "pembangunan jalan desa"),
        ("mission", "Kedua", "peningkatan kualitas guru"),
        ("mission", "terakhir", "pemberdayaan nelayan dan petani"),
    ]
    programs = [(d, t) for d, k, _, t in got if k == "program"]
    assert programs == [(0, "perumahan"), (0, "pertanian"), (0, "sosial dan agama"), (0, "pendidikan")]
    activities = [(d, t) for d, k, _, t in got if k == "activity"]
    assert activities == [(1, "bedah rumah tidak layak huni"), (1, "penataan kawasan kumuh")]


def test_unnumbered_lines_after_an_opener_are_entries():
    text = ("Pasangan nomor urut 1 membawa visi “Desa Maju, Warga Sejahtera”. Adapun sejumlah misinya yaitu;\n"
            "Mewujudkan SDM unggul dan berakhlak.\n"
            "Mendorong ekonomi pedesaan.Tata kelola pemerintahan yang modern. Dan Infrastruktur berkualitas.\n"
            "Sedangkan pasangan nomor urut 2 membawa visi “Bersama Membangun Desa”.\n")
    got = [(k, t) for _, k, _, t in flat(structure_text(text))]
    assert got == [
        ("vision", "Desa Maju, Warga Sejahtera"),
        ("mission", "Mewujudkan SDM unggul dan berakhlak"),
        ("mission", "Mendorong ekonomi pedesaan"),
        ("mission", "Tata kelola pemerintahan yang modern"),
        ("mission", "Infrastruktur berkualitas"),
        ("vision", "Bersama Membangun Desa"),
    ]


def test_numbered_news_subheadings_are_not_items():
    text = """1. Ini visi misi pasangan calon

Visi

1. Kota Unggul dan Lestari

Misi

1. Membangun SDM unggul
2. Membangun birokrasi profesional

2. Ada janji membangun sekolah baru

Program unggulan:

1. Pembangunan 4 unit sekolah baru
"""
    got = [(k, t) for _, k, _, t in flat(structure_text(text))]
    assert ("other", "Ini visi misi pasangan calon") not in got
    assert all("Ada janji" not in t and "Ini visi" not in t for _, t in got)
    assert ("program", "Pembangunan 4 unit sekolah baru") in got
    assert ("vision", "Kota Unggul dan Lestari") in got


def test_lists_without_a_promise_heading_are_other_and_enumerated_explanations_are_no_items():
    text = """Faktor penghambat :
• Kualitas aparatur belum optimal
• Anggaran terbatas

Visi tersebut mengandung 3 kata kunci, yakni: 1. Maju, artinya berdaya saing. 2. Sejahtera, artinya makmur.
"""
    got = flat(structure_text(text))
    assert [k for _, k, _, _ in got] == ["other", "other"]


def test_two_bullets_on_one_line_are_split():
    text = """MISI
- Meningkatkan kualitas layanan kesehatan gratis bagi
seluruh penduduk. - Peningkatan produktivitas pangan.
"""
    got = [t for _, _, _, t in flat(structure_text(text))]
    assert got == ["Meningkatkan kualitas layanan kesehatan gratis bagi seluruh penduduk",
                   "Peningkatan produktivitas pangan"]


def test_spans_point_into_the_text():
    text = "MISI\n1. Membangun jalan desa sepanjang 10 km\n2. Menata pasar\n"
    for item in structure_text(text):
        start, end = item.span
        assert text[start:end].rstrip(".") == item.text


def test_each_item_carries_the_pair_whose_part_of_the_text_it_is_in():
    text = ("Pasangan nomor urut 1, Budi Santoso dan Ani Lestari, membawa visi “Kota Hijau”.\n"
            "Sementara pasangan nomor urut 2, Cahyo Wibowo dan Dewi Sartika, membawa visi “Kota Cerdas”.\n")
    doc = Document.from_bytes(text.encode(), "t.txt")
    doc.text = text
    doc.candidates = [Candidate("Budi Santoso", "Ani Lestari", number=1), Candidate("Cahyo Wibowo", "Dewi Sartika", number=2)]
    find_mentions(doc)  # the facts stage's part
    structure(doc)
    assert [(i.text, i.candidate) for i in doc.items] == [("Kota Hijau", "Budi Santoso"), ("Kota Cerdas", "Cahyo Wibowo")]


def test_statement_headings_nest_sasaran_under_tujuan_and_letter_categories_hold_programs():
    text = """Tujuan 1 : Meningkatkan kualitas SDM
Sasaran 1.1 : Meningkatnya derajat kesehatan masyarakat
Sasaran 1.2 : Meningkatnya kualitas pendidikan
Tujuan 2 : Meningkatkan perekonomian daerah
Sasaran 2.1 : Meningkatnya pertumbuhan ekonomi

PROGRAM PRIORITAS
A. Bidang Pendidikan
   1. Sekolah gratis dari SD hingga SMA
B. Bidang Kesehatan
   1. Pembangunan 3 puskesmas baru
"""
    got = flat(structure_text(text))
    assert got == [
        (0, "goal", "Tujuan 1", "Meningkatkan kualitas SDM"),
        (1, "goal", "Sasaran 1.1", "Meningkatnya derajat kesehatan masyarakat"),
        (1, "goal", "Sasaran 1.2", "Meningkatnya kualitas pendidikan"),
        (0, "goal", "Tujuan 2", "Meningkatkan perekonomian daerah"),
        (1, "goal", "Sasaran 2.1", "Meningkatnya pertumbuhan ekonomi"),
        (0, "program", "A", "Bidang Pendidikan"),
        (1, "activity", "1", "Sekolah gratis dari SD hingga SMA"),
        (0, "program", "B", "Bidang Kesehatan"),
        (1, "activity", "1", "Pembangunan 3 puskesmas baru"),
    ]


def test_a_name_initial_at_line_start_is_no_list_letter():
    text = "MISI\n1. Membangun desa\nH. Rahmat Wijaya menyampaikan misi tersebut di depan warga.\n"
    got = flat(structure_text(text))
    assert got == [(0, "mission", "1", "Membangun desa")]


def test_lower_headings_after_a_statement_heading_nest_in_it():
    text = """Misi 1: Meningkatkan kualitas SDM
Program:
- Sekolah gratis
- Beasiswa prestasi
Misi 2: Membangun infrastruktur
Program:
- Jalan desa mulus
"""
    got = flat(structure_text(text))
    assert got == [
        (0, "mission", "1", "Meningkatkan kualitas SDM"),
        (1, "program", None, "Sekolah gratis"),
        (1, "program", None, "Beasiswa prestasi"),
        (0, "mission", "2", "Membangun infrastruktur"),
        (1, "program", None, "Jalan desa mulus"),
    ]


def test_a_nested_list_under_a_campaign_misi_holds_programs_and_under_a_plan_misi_goals():
    text = "MISI\n1. Membangun infrastruktur kota\n  - Perbaikan 50 km jalan lingkungan\n"
    assert flat(structure_text(text))[1][1] == "program"
    assert flat(structure_text(text, kind="plan"))[1][1] == "goal"


def test_visi_and_misi_run_together_in_one_paragraph():
    text = ("Pasangan ini mengusung visi dan misi sebagai berikut. Visi: Kabupaten Hijau dan Mandiri. "
            "Misi: 1) Membangun pertanian modern; 2) Menjaga hutan adat; 3) Memperluas layanan air bersih.\n"
            "Misi pertama: Membangun pertanian modern berbasis teknologi\n")
    got = [(k, lab, t) for _, k, lab, t in flat(structure_text(text))]
    assert got[0] == ("vision", None, "Kabupaten Hijau dan Mandiri")
    assert [t for k, _, t in got[1:4]] == ["Membangun pertanian modern", "Menjaga hutan adat",
                                           "Memperluas layanan air bersih"]
    assert got[4] == ("mission", "pertama", "Membangun pertanian modern berbasis teknologi")


def test_quotes_inside_an_entry_are_kept():
    text = 'PROGRAM UNGGULAN\n1. Program “Kartu Sakti” untuk lansia\n2. Program "Sekolah Gratis"\n'
    assert [t for _, _, _, t in flat(structure_text(text))] == ["Program “Kartu Sakti” untuk lansia",
                                                                 'Program "Sekolah Gratis"']


def test_inline_numbered_missions_in_brackets():
    text = "Adapun misi yang diusung yaitu: (1) Membangun desa mandiri; (2) Menata kota yang hijau; (3) Melayani warga.\n"
    got = [(k, lab, t) for _, k, lab, t in flat(structure_text(text))]
    assert got == [("mission", "1", "Membangun desa mandiri"), ("mission", "2", "Menata kota yang hijau"),
                   ("mission", "3", "Melayani warga")]


def test_a_counted_set_of_no_kind_takes_the_kind_its_sentence_names():
    for text in ("Sementara misi pasangan ini dirangkum dalam 3 poin, yaitu:\n"
                 "1. Mewujudkan desa mandiri\n2. Mewujudkan pelayanan publik yang cepat\n3. Mewujudkan kota hijau\n",
                 "Program unggulan keduanya terdiri atas tiga hal berikut:\n"
                 "- Sekolah gratis\n- Berobat gratis dengan KTP\n- Modal usaha bagi UMKM\n"):
        kinds = {item.kind for item in structure_text(text)}
        assert kinds == ({"mission"} if text.startswith("Sementara") else {"program"}), text


def test_an_opener_whose_kind_word_names_something_else_opens_no_kind():
    text = ("Perumusan tujuan dan sasaran pembangunan daerah ini berpedoman pada:\n"
            "a. Dokumen perencanaan jangka panjang\nb. Isu strategis aktual\n")
    assert [item.kind for item in structure_text(text)] == ["other", "other"]


def test_ordinal_lines_give_their_first_sentence_and_leave_the_commentary():
    text = ("Sedangkan misinya ada tiga poin.\n"
            "Pertama, mewujudkan desa yang mandiri. Desa akan menjadi pusat pertumbuhan, bukan sekadar wilayah.\n"
            "Kedua, membangun layanan publik yang cepat. Warga tak lagi antre lama. Ketiga, menjaga lingkungan hidup.\n"
            "Tak bisa dipungkiri, banyak warga menanti janji itu.\n")
    assert [(i.kind, i.label, i.text) for i in structure_text(text)] == [
        ("mission", "Pertama", "mewujudkan desa yang mandiri"),
        ("mission", "Kedua", "membangun layanan publik yang cepat"),
        ("mission", "Ketiga", "menjaga lingkungan hidup")]


def test_ordinals_in_news_prose_in_several_forms_and_the_last_one_closes_the_list():
    text = ("Pasangan ini datang dengan empat program prioritas.\n"
            "Pertama, sekolah gratis hingga SMA. Pada poin ini pasangan itu paham masalah warga.\n"
            "Kemudian pada program utama mereka yang kedua ialah bantuan modal bagi 5.000 UMKM.\n"
            "Lalu yang ketiga ialah program pasar murah berkala. Poin ini dianggap tepat sasaran.\n"
            "Terakhir, pasangan ini berupaya membangun jalan desa di seluruh kecamatan.\n"
            "Pada poin kelima, pasangan ini ingin membawa kesejahteraan sampai ke pelosok.\n")
    got = [(i.kind, i.label, i.text) for i in structure_text(text)]
    assert got == [("program", "Pertama", "sekolah gratis hingga SMA"),
                   ("program", "kedua", "bantuan modal bagi 5.000 UMKM"),
                   ("program", "ketiga", "program pasar murah berkala"),
                   ("program", "Terakhir", "pasangan ini berupaya membangun jalan desa di seluruh kecamatan")]


def test_a_vision_in_a_quote_the_writer_never_closed_ends_with_its_sentence():
    for text in ("Pasangan ini mengusung visi “Kota Hijau Maju Bersama. Sedangkan misinya ada dua.\n",
                 "Keduanya membawa visi \"Desa Berdaya, Warga Sejahtera. Misinya belum diumumkan.\n"):
        visions = [i.text for i in structure_text(text) if i.kind == "vision"]
        assert visions == ["Kota Hijau Maju Bersama"] if "Hijau" in text else visions == ["Desa Berdaya, Warga Sejahtera"]


def test_a_heading_that_names_a_list_and_an_opener_that_names_nothing():
    for heading, kind in (("Fokus Program 100 Hari Kerja", "quick_win"), ("Daftar Program Unggulan", "program")):
        text = (f"{heading}\nSelama masa itu, terdapat tiga program prioritas yang dijalankan.\n"
                "Daftarnya sebagai berikut:\n- Pasar murah setiap bulan.\n- Beasiswa bagi 500 mahasiswa.\n"
                "- Perbaikan jalan lingkungan.\nSinergi Perangkat Daerah\n"
                "Selain tiga prioritas tersebut, seluruh dinas menjalankan program masing-masing.\n"
                "Upaya ini menjadi dasar kerja bersama.\n")
        items = structure_text(text)
        assert [(i.kind, i.text) for i in items] == [(kind, "Pasar murah setiap bulan"),
                                                     (kind, "Beasiswa bagi 500 mahasiswa"),
                                                     (kind, "Perbaikan jalan lingkungan")], heading


def test_a_list_opened_by_antaranya_and_continued_by_ordinals_some_without_a_comma():
    for opener in ("Antaranya,", "Di antaranya"):
        text = (f"Secara rinci ia menjelaskan 4 program unggulan pasangan itu. {opener} sekolah gratis hingga SMA.\n\n"
                "Kedua, berobat gratis cukup dengan KTP.\n\nKetiga pasar murah di setiap kecamatan.\n\n"
                "Keempat, beasiswa bagi 1.000 mahasiswa.\n")
        assert [(i.kind, i.label, i.text) for i in structure_text(text)] == [
            ("program", None, "sekolah gratis hingga SMA"), ("program", "Kedua", "berobat gratis cukup dengan KTP"),
            ("program", "Ketiga", "pasar murah di setiap kecamatan"),
            ("program", "Keempat", "beasiswa bagi 1.000 mahasiswa")], opener


def test_a_bare_ordinal_is_an_entry_only_where_a_list_counts_up_to_it():
    assert structure_text("Kedua paslon hadir dalam debat.\nKetiga calon menjawab pertanyaan panelis.\n") == []


def test_a_numbered_line_that_names_a_pair_heads_its_part_and_is_no_item():
    names = {"Budi Santoso", "Ani Lestari", "Dedi Kurnia", "Eka Putri"}
    for first, second in (("1. Budi Santoso – Ani Lestari (Nomor Urut 1)", "2. Dedi Kurnia – Eka Putri (Nomor Urut 2)"),
                          ("- Paslon 1: Budi Santoso dan Ani Lestari", "- Paslon 2: Dedi Kurnia dan Eka Putri")):
        text = f"{first}\nMisi:\n- Membangun desa\n{second}\nMisi:\n- Menata kota\n"
        assert [(i.kind, i.text) for i in structure_text(text, names)] == [("mission", "Membangun desa"),
                                                                           ("mission", "Menata kota")]


def test_a_counted_kind_whose_names_fill_the_next_sentence():
    text = "Pasangan itu menawarkan program empat pilar. Pilar Desa, Pilar Pangan, Pilar Sehat, dan Pilar Cerdas.\n"
    assert [(i.kind, i.text) for i in structure_text(text)] == [
        ("program", "Pilar Desa"), ("program", "Pilar Pangan"), ("program", "Pilar Sehat"), ("program", "Pilar Cerdas")]


def test_a_count_that_runs_on_into_the_next_sentence():
    text = ("Misinya ada empat, yakni menata birokrasi yang bersih. Membangun jalan desa, memperluas layanan air "
            "bersih, dan menguatkan koperasi nelayan.\n")
    assert [(i.kind, i.text) for i in structure_text(text)] == [
        ("mission", "menata birokrasi yang bersih"), ("mission", "Membangun jalan desa"),
        ("mission", "memperluas layanan air bersih"), ("mission", "menguatkan koperasi nelayan")]


def test_counted_clauses_with_commas_inside_are_cut_where_a_verb_starts():
    text = ("Adapun tiga misinya yaitu mewujudkan warga yang sehat, cerdas dan berakhlak, membangun pasar, terminal "
            "dan jalan, serta menjaga hutan adat.\n")
    assert [i.text for i in structure_text(text)] == [
        "mewujudkan warga yang sehat, cerdas dan berakhlak", "membangun pasar, terminal dan jalan",
        "menjaga hutan adat"]


def test_examples_after_seperti_are_promises_only_where_something_is_promised():
    promised = "Program itu menjanjikan bantuan bagi warga, seperti sembako murah, beasiswa kuliah, dan lain-lain.\n"
    assert [i.text for i in structure_text(promised)] == ["sembako murah", "beasiswa kuliah"]
    described = "Kerja sama daerah penting untuk mencapai tujuan bersama, seperti pangan murah dan jalan mulus.\n"
    assert structure_text(described) == []


def test_targets_are_goals_and_a_decimal_comma_cuts_no_entry():
    for text in ("Pemda menetapkan target pembangunan tahun depan, di antaranya pertumbuhan ekonomi sebesar 5,25%, "
                 "tingkat kemiskinan ditekan hingga 8,1% dan IPM mencapai 72,40.\n",
                 "Targetnya yaitu pertumbuhan ekonomi sebesar 5,25%, tingkat kemiskinan ditekan hingga 8,1%, "
                 "serta IPM mencapai 72,40.\n"):
        assert [(i.kind, i.text) for i in structure_text(text)] == [
            ("goal", "pertumbuhan ekonomi sebesar 5,25%"), ("goal", "tingkat kemiskinan ditekan hingga 8,1%"),
            ("goal", "IPM mencapai 72,40")], text


def test_an_announced_list_given_in_the_paragraphs_after_it():
    for lead, more in (("Yakni,", "Kemudian,"), ("Yaitu", "Selanjutnya")):
        text = ("Pasangan itu telah menyiapkan lima program unggulan untuk membangun kota.\n\n"
                f"{lead} Kota Cerdas (pendidikan gratis dan bermutu), Kota Sehat (layanan kesehatan), dan Kota Hijau "
                "(taman dan hutan kota).\n\n"
                f"{more} Kota Melayani (perizinan cepat), dan Kota Berbudaya (sanggar seni di tiap kelurahan).\n\n"
                "Kemudian, ia berjanji menemui warga setiap pekan.\n")
        assert [(i.kind, i.text) for i in structure_text(text)] == [
            ("program", "Kota Cerdas (pendidikan gratis dan bermutu)"), ("program", "Kota Sehat (layanan kesehatan)"),
            ("program", "Kota Hijau (taman dan hutan kota)"), ("program", "Kota Melayani (perizinan cepat)"),
            ("program", "Kota Berbudaya (sanggar seni di tiap kelurahan)")], lead


def test_an_inline_list_carried_on_by_termasuk_in_the_next_paragraph():
    text = ("Sedangkan program unggulan yakni, beasiswa bagi 500 mahasiswa, bedah rumah bagi warga miskin.\n"
            "Termasuk peningkatan insentif bagi guru ngaji, marbot, penataan pasar tradisional dan pembangunan "
            "balai latihan kerja serta program magang bagi lulusan SMK.\n")
    assert [i.text for i in structure_text(text)] == [
        "beasiswa bagi 500 mahasiswa", "bedah rumah bagi warga miskin", "peningkatan insentif bagi guru ngaji, marbot",
        "penataan pasar tradisional", "pembangunan balai latihan kerja", "program magang bagi lulusan SMK"]


def test_a_shared_word_that_is_part_of_each_name_is_no_repeated_head():
    text = "Adapun tiga program unggulan, yaitu Desa Cerdas, Desa Sehat, dan Desa Mandiri Pangan.\n"
    assert [i.text for i in structure_text(text)] == ["Desa Cerdas", "Desa Sehat", "Desa Mandiri Pangan"]
    text = "Programnya yaitu kampung tani maju, kampung tani organik, kampung wisata dan kampung digital.\n"
    assert [i.text for i in structure_text(text)] == [
        "kampung tani maju", "kampung tani organik", "kampung wisata", "kampung digital"]


def test_a_vision_after_a_comma_at_the_head_of_its_sentence_and_a_title_naming_visi_misi():
    text = ("Ini Visi Misi Paslon di Pilkada Kabupaten Contoh\nReporter Kabupaten Contoh\n"
            "Adapun visi, desa maju dan warga sejahtera menuju 2030.\n")
    assert [(i.kind, i.text) for i in structure_text(text)] == [("vision", "desa maju dan warga sejahtera menuju 2030")]


def test_table_cells_left_on_their_own_lines_are_no_entries():
    text = "TARGET CAPAIAN SETIAP TAHUN\n\nTAHUN\n2013\n\nNo.\n\nMeningkatnya pendapatan petani\n"
    assert [i.text for i in structure_text(text)] == ["Meningkatnya pendapatan petani"]


def test_sentences_in_a_row_led_by_the_same_verb_are_missions():
    text = ("Pasangan nomor urut dua menyampaikan visinya dalam debat.\n"
            "Mereka akan mewujudkan desa yang tertib melalui penataan administrasi. Mewujudkan desa yang sehat "
            "melalui layanan posyandu. Mewujudkan desa yang makmur melalui koperasi petani.\n"
            "Ia lalu menutup paparan.\n")
    assert [(i.kind, i.text) for i in structure_text(text)] == [
        ("mission", "mewujudkan desa yang tertib melalui penataan administrasi"),
        ("mission", "Mewujudkan desa yang sehat melalui layanan posyandu"),
        ("mission", "Mewujudkan desa yang makmur melalui koperasi petani")]
    text = ("Meningkatkan mutu sekolah dasar. Meningkatkan layanan puskesmas keliling. Meningkatkan harga gabah "
            "petani. Meningkatkan akses air bersih.\n")
    assert [i.kind for i in structure_text(text)] == ["mission"] * 4


def test_a_speech_of_sentences_with_their_subject_is_no_run_of_missions():
    text = ("Kami akan membangun pasar. Kami akan membangun terminal. Kami akan membangun jembatan. "
            "Membangun jalan desa.\n")
    assert structure_text(text) == []


def test_a_numbered_list_in_running_text_goes_on_over_sentences_and_a_new_one_may_start_inside_it():
    text = ("Visi itu ditempuh melalui tiga misi sebagai berikut : 1. Membangun desa yang mandiri. 2. Menata kota "
            "yang tertib, bersih, hijau dan ramah bagi pejalan kaki, pesepeda, anak-anak, lansia dan penyandang "
            "disabilitas di seluruh kecamatan, yaitu menambah taman, trotoar dan jalur sepeda serta merawatnya "
            "setiap tahun dengan anggaran yang cukup. 3. Menguatkan ekonomi warga.\n")
    got = [(i.kind, i.label, i.text[:30]) for i in structure_text(text)]
    assert got == [("mission", "1", "Membangun desa yang mandiri"), ("mission", "2", "Menata kota yang tertib, bersi"),
                   ("mission", "3", "Menguatkan ekonomi warga")]
    text = ("Tujuan yang ditetapkan : 1. Meningkatkan pelayanan publik 2. Meningkatkan daya saing daerah "
            "Sasaran yang ditetapkan : 1. Terwujudnya warga yang sehat 2. Terwujudnya warga yang cerdas\n")
    assert [(i.kind, i.text) for i in structure_text(text)] == [
        ("goal", "Meningkatkan pelayanan publik"), ("goal", "Meningkatkan daya saing daerah"),
        ("goal", "Terwujudnya warga yang sehat"), ("goal", "Terwujudnya warga yang cerdas")]


def test_a_bullet_on_a_line_of_its_own_marks_the_entry_on_the_next():
    for bullet in ("-", "•", "1."):
        text = f"Tiga Misi Kabupaten Contoh:\n{bullet}\nMembangun desa mandiri\n{bullet}\n\nMenata pasar rakyat\n"
        assert [(i.kind, i.text) for i in structure_text(text)] == [
            ("mission", "Membangun desa mandiri"), ("mission", "Menata pasar rakyat")], bullet


def test_semicolons_part_entries_whose_insides_have_commas():
    for opener in ("Empat prioritas pembangunan daerah meliputi", "Prioritasnya yaitu"):
        text = (f"{opener} sandang, pangan, dan papan; sekolah dan puskesmas; adat, seni, dan budaya; serta "
                "wisata bahari.\n")
        assert [(i.kind, i.text) for i in structure_text(text)] == [
            ("program", "sandang, pangan, dan papan"), ("program", "sekolah dan puskesmas"),
            ("program", "adat, seni, dan budaya"), ("program", "wisata bahari")], opener


def test_a_vaguely_counted_list_given_in_the_next_sentence():
    for lead in ("Mulai dari", "Yaitu"):
        text = (f"Sejumlah program prioritas pun disampaikan. {lead} perbaikan drainase kota, pembentukan satgas "
                "sampah, hingga layanan ambulans gratis dan lain sebagainya.\n")
        assert [(i.kind, i.text) for i in structure_text(text)] == [
            ("program", "perbaikan drainase kota"), ("program", "pembentukan satgas sampah"),
            ("program", "layanan ambulans gratis")], lead


def test_seperti_right_after_the_kind_word_opens_a_list():
    text = "Ia juga memaparkan beberapa program pasangan itu seperti bedah rumah, sekolah gratis, dan pasar murah.\n"
    assert [i.text for i in structure_text(text)] == ["bedah rumah", "sekolah gratis", "pasar murah"]
    text = "Kerja sama penting untuk mencapai tujuan pembangunan, seperti pangan murah, dll.\n"
    assert structure_text(text) == []


def test_a_counted_set_reported_on_announces_no_list():
    for text in ("Ia menjelaskan, 80 persen dari 12 program prioritas yang dijanjikan berhasil dilaksanakan.\n"
                 "Capaian itu menjadi modal penting bagi daerah.\n",
                 "Bupati menyebut tujuh dari sepuluh program unggulan sudah terealisasi.\n"
                 "Hal itu patut diapresiasi warga desa.\n"):
        assert structure_text(text, kind="campaign") == [], text
    text = "Visi misi pasangan itu terdiri dari lima program unggulan.\nPendidikan gratis\nKesehatan gratis\n"
    assert [i.kind for i in structure_text(text, kind="campaign")] == ["program", "program"]


def test_a_line_attributed_with_menurut_is_commentary_not_an_entry():
    for line in ("Langkah itu, menurut pengamat, menjadi bukti keseriusan", "Menurut warga, janji itu realistis"):
        text = f"Pasangan itu menyiapkan tiga program prioritas.\nBeasiswa kuliah\nPasar rakyat\n{line}\n"
        assert [i.text for i in structure_text(text, kind="campaign")] == ["Beasiswa kuliah", "Pasar rakyat"], line


def test_the_agenda_of_a_meeting_is_no_programme():
    for text in ("Sekretaris dewan membacakan dua agenda pokok pertemuan, yaitu nota keuangan dan penetapan jadwal.\n",
                 "Ada tiga agenda sidang hari itu, yaitu laporan komisi, pandangan fraksi, dan pengesahan.\n"):
        assert all(i.kind == "other" for i in structure_text(text)), text  # no promise
    text = "Pasangan itu membawa tiga agenda prioritas, yaitu sekolah gratis, pasar rakyat, dan jalan desa.\n"
    assert [i.kind for i in structure_text(text)] == ["program"] * 3


def test_a_short_offer_in_a_list_of_programmes_is_an_entry_of_its_own():
    from janji.structure.inline import split_entries
    for text, short in (("bantuan tunai Rp500 ribu per rumah tangga (RT), beras murah, buku gratis, serta layanan "
                         "posyandu", "beras murah"),
                        ("pembangunan pasar desa, seragam gratis, peningkatan gaji guru, dan bantuan modal",
                         "seragam gratis")):
        assert short in [e.text for e in split_entries(text, 0)], text
    # a coordinated object stays inside its entry
    text = "peningkatan kesejahteraan bagi guru, perawat, penataan kawasan kumuh, dan pembangunan jalan"
    assert [e.text for e in split_entries(text, 0)][0] == "peningkatan kesejahteraan bagi guru, perawat"


ARTICLE_IN_ONE_BULLET = [
    ("- Calon gubernur nomor urut 1 menyampaikan visinya di depan para tokoh adat pada Kamis pagi di balai desa. "
     "Ia menilai banyak sekolah di pedalaman kekurangan guru dan ruang kelas yang layak untuk belajar. \"Kami akan "
     "menambah guru dan membangun ruang kelas baru di setiap kecamatan,\" katanya kepada wartawan usai acara. "
     "Selain itu, ia berjanji memperbaiki jalan penghubung antardesa yang rusak parah sejak lama."),
    ("* Pasangan calon wali kota memaparkan gagasan soal banjir yang setiap tahun merendam permukiman warga di "
     "bantaran sungai. Menurut mereka, saluran air kota sudah lama tidak dikeruk dan banyak yang tersumbat sampah. "
     "Pasangan ini akan menormalisasi sungai dan membangun kolam retensi di tiga kawasan rawan banjir. Mereka juga "
     "akan menambah armada pengangkut sampah agar saluran di tengah kota tidak lagi tersumbat setiap musim hujan."),
]


def test_a_whole_article_in_one_bullet_is_no_list_entry():
    for text in ARTICLE_IN_ONE_BULLET:
        assert all(i.kind != "other" or len(i.text.split()) < 30 for i in structure_text(text + "\n")), text[:40]
        assert not any(len(i.text.split()) > 40 for i in structure_text(text + "\n"))
    under_heading = "Program:\n" + ARTICLE_IN_ONE_BULLET[0] + "\n"
    assert [i.kind for i in structure_text(under_heading)] == ["program"]  # a named list keeps its long entry


def test_a_counted_list_completed_one_entry_a_sentence():
    text = ("Pasangan itu membawa lima misi besar. Mulai dari penguatan ekonomi desa, perbaikan jalan, hingga "
            "layanan kesehatan. Tak ketinggalan, misi untuk menjaga kerukunan antarumat beragama. Selain itu, misi "
            "menjaga kelestarian hutan adat. Acara ditutup dengan doa.\n")
    assert [i.text for i in structure_text(text)] == [
        "penguatan ekonomi desa", "perbaikan jalan", "layanan kesehatan", "menjaga kerukunan antarumat beragama",
        "menjaga kelestarian hutan adat"]
    text = ("Pasangan itu menyiapkan empat program unggulan. Yaitu beasiswa kuliah, pasar murah, dan bedah rumah. "
            "Kemudian, program pelatihan kerja bagi pemuda desa. Selain itu, program ini disambut warga.\n")
    assert [i.text for i in structure_text(text)][-1] == "pelatihan kerja bagi pemuda desa"
    assert len(structure_text(text)) == 4  # the count is reached: the next sentence adds nothing


def test_kind_words_listed_state_no_vision():
    for text in ("Calon wali kota nomor urut 3 memaparkan visi, misi, dan program unggulannya di balai kota.\n",
                 "Keduanya memaparkan visi dan misi mereka untuk lima tahun ke depan di hadapan warga.\n"):
        assert structure_text(text) == [], text
    text = "Pasangan itu mengusung visi terwujudnya kota yang maju dan sejahtera.\n"
    assert [(i.kind, i.text) for i in structure_text(text)] == [("vision", "terwujudnya kota yang maju dan sejahtera")]


def test_a_numbered_first_entry_inside_a_quote_opens_the_ordinal_lines_after_it():
    for lead, kind in (("Program pertama", "program"), ("Visi pertama", "mission")):
        text = (f"Ia menyebut rencananya. “Kami sudah menyusun rencana lima tahun. {lead}, menjamin harga gabah petani "
                "tetap stabil,” ungkapnya.\n\nKedua, memperbaiki irigasi desa. Ketiga, membangun pasar ikan.\n")
        items = structure_text(text)
        assert [(i.kind, i.text) for i in items][0] == (kind, "menjamin harga gabah petani tetap stabil"), lead
        assert len(items) == 3 and {i.kind for i in items} == {kind}, lead


def test_a_vision_formula_quoted_on_its_own_after_the_vision_is_announced():
    cases = [("“Terwujudnya Kota Harapan yang sejahtera,” katanya.", "Terwujudnya Kota Harapan yang sejahtera"),
             ('"Menuju Kota Harapan maju dan berdaya." ujarnya.', "Menuju Kota Harapan maju dan berdaya")]
    for said, vision in cases:
        text = f"Calon wali kota itu memaparkan visi misinya di depan warga.\n{said}\n"
        assert [(i.kind, i.text) for i in structure_text(text)] == [("vision", vision)], said
    text = "Calon wali kota itu menyapa pedagang pasar.\n“Terwujudnya pasar yang bersih itu harapan kami,” katanya.\n"
    assert structure_text(text) == []  # no vision announced: a wish, not the vision


def test_how_a_counted_set_breaks_down_is_no_list_of_it():
    for text in ("Rencana 100 hari itu memuat empat prioritas, dibagi menjadi 25 kegiatan dan 80 aksi.\n",
                 "Rencana itu memuat tujuh program unggulan, yang dijabarkan ke dalam 40 kegiatan.\n"):
        assert structure_text(text) == [], text

