"""The quantity rules of DOCUMENT.md, each on a phrase written for the test."""
from __future__ import annotations

import pytest

from janji.document import Document, Item, Source
from janji.quantities import parse, quantities


def got(text):
    return [(q.value, q.unit, q.per) for q in parse(text)]


@pytest.mark.parametrize("text, expected", [
    ("Penerangan jalan 2.500 titik", [(2500, "titik", None)]),
    ("Perbaikan jalan desa 87,5 km", [(87.5, "km", None)]),
    ("Menjangkau 1,5 juta penduduk", [(1_500_000, "penduduk", None)]),
    ("Membuka 60 ribu lapangan kerja baru", [(60_000, "lapangan kerja", None)]),
    ("Insentif RT Rp1.200.000", [(1_200_000, "rupiah", None)]),
    ("Beasiswa Rp.3.600.000", [(3_600_000, "rupiah", None)]),
    ("Dana abadi Rp 1,5 miliar", [(1_500_000_000, "rupiah", None)]),
    ("Dana kelurahan Rp 300 juta", [(300_000_000, "rupiah", None)]),
    ("Cakupan imunisasi 95 persen", [(95, "persen", None)]),
    ("Menurunkan stunting 14%", [(14, "persen", None)]),
    ("Kemiskinan turun ke 6,25%", [(6.25, "persen", None)]),
    ("Upah 500 ribu rupiah", [(500_000, "rupiah", None)]),
])
def test_indonesian_number_formats(text, expected):
    assert got(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("membangun dua jembatan gantung", [(2, "jembatan", None)]),
    ("merekrut sepuluh dokter spesialis", [(10, "dokter", None)]),
    ("dua belas taman kota", [(12, "taman", None)]),
    ("sebelas embung", [(11, "embung", None)]),
    ("seratus sumur bor", [(100, "sumur", None)]),
    ("Gerakan Sejuta Pohon", [(1_000_000, "pohon", None)]),
    ("Seribu Rumah Layak Huni", [(1000, "rumah layak", None)]),
    ("tuntas dalam tiga tahun", [(3, "tahun", None)]),
    ("dalam lima tahun ke depan", [(5, "tahun", None)]),
])
def test_number_words(text, expected):
    assert got(text) == expected


@pytest.mark.parametrize("text", [
    "akses layanan lewat satu pintu",  # "satu" as the article
    "salah satu kota tujuan wisata",
    "satu di Kecamatan Barat, satu di Kecamatan Timur",
    "sinergi empat pilar, yaitu pemerintah, swasta, kampus dan warga",
    "diarahkan ke lima hal, pertama pendidikan",
])
def test_number_words_that_are_no_quantity(text):
    assert got(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Layanan ambulans 4 unit", [(4, "unit", None)]),
    ("200 kepala sekolah honorer", [(200, "kepala sekolah", None)]),
    ("alat bantu bagi 300 penyandang disabilitas", [(300, "penyandang disabilitas", None)]),
    ("Pelatihan untuk 1.500 orang-orang muda", [(1500, "orang", None)]),
    ("5 SMA Negeri baru", [(5, "sma", None)]),
])
def test_units_lower_case_singular_multiword(text, expected):
    assert got(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Beasiswa Rp2.000.000/tahun", [(2_000_000, "rupiah", "tahun")]),
    ("Honor Rp 600.000 per bulan", [(600_000, "rupiah", "bulan")]),
    ("Posyandu keliling 2 kali dalam 1 tahun", [(2, "kali", "tahun")]),
    ("Seragam gratis Rp.400.000/siswa/tahun", [(400_000, "rupiah", "siswa/tahun")]),
    ("Dana Rp 100 juta per tahun per RW", [(100_000_000, "rupiah", "tahun/RW")]),
    ("Dana Rp 2 miliar perdesa", [(2_000_000_000, "rupiah", "desa")]),
    ("Rp 10 miliar setiap kecamatan", [(10_000_000_000, "rupiah", "kecamatan")]),
    ("Menanam 2 pohon di setiap rumah", [(2, "pohon", "rumah")]),
    ("Pengajian 1 kali sebulan", [(1, "kali", "bulan")]),
    ("Mobil siaga 1 unit ambulans setiap desa", [(1, "unit", "desa")]),
])
def test_rates_go_to_per(text, expected):
    assert got(text) == expected


def test_a_duration_over_several_periods_is_its_own_quantity():
    assert got("Beasiswa untuk 20.000 mahasiswa dalam 5 tahun") == [(20_000, "mahasiswa", None), (5, "tahun", None)]
    assert got("wajib belajar 9 tahun") == [(9, "tahun", None)]
    assert got("Layanan Darurat 24 Jam") == [(24, "jam", None)]


@pytest.mark.parametrize("text, expected", [
    ("Lampu Kota Terang 5.000 titik", [(5000, "titik", None)]),
    ("(2 RSUD, klinik pratama: 12, posyandu 140)", [(2, "rsud", None), (12, "klinik pratama", None), (140, "posyandu", None)]),
    ("pengunjung museum 1,2 juta, tertinggi di provinsi", [(1_200_000, "pengunjung museum", None)]),
])
def test_number_after_its_noun_takes_the_noun_as_unit(text, expected):
    assert got(text) == expected


def test_a_change_gives_only_its_target():
    assert got("menaikkan alokasi dana dari 8% menjadi 15%") == [(15, "persen", None)]
    assert got("IPM naik dari 70,1 menjadi 74") == [(74, "", None)]


def test_a_range_gives_both_ends():
    assert got("modal usaha Rp10–25 juta") == [(10_000_000, "rupiah", None), (25_000_000, "rupiah", None)]
    assert got("tumbuh 5-6 persen") == [(5, "persen", None), (6, "persen", None)]


def test_an_index_has_no_unit():
    assert got("IPM 72,15") == [(72.15, "", None)]
    assert got("nilai SAKIP 80") == [(80, "", None)]


def test_money_nouns_make_a_bare_amount_rupiah():
    assert got("anggaran kelurahan 2 miliar") == [(2_000_000_000, "rupiah", None)]


@pytest.mark.parametrize("text", [
    "program 3D untuk pemuda",
    "revitalisasi TPS-3R",
    "pemenuhan aspek 4A pariwisata",
    "distribusi Gas Elpiji 3 kg tepat sasaran",
    "penanganan Covid-19",
    "sesuai Pasal 18 ayat 2",
    "selaras dengan RPJPD 2025-2045",
    "melanjutkan program masa jabatan 2019-2024",
    "Kamis (14/11/2024)",
    "Debat dimulai pukul 19.30 WIB",
    "dilaksanakan 27 November",
    "Sasaran 3: Meningkatnya kualitas air",
    "peringkat ke-3 nasional",
    "Layanan aduan 0812-3456-7890",
    "pasangan nomor urut 2",
    "beasiswa hingga jenjang S2",
    "menuju Industri 4.0 dan Society 5.0",
    "Permendagri Nomor 86 Tahun 2017",
    "Visi Indonesia Emas 2045",
    "Paslon nomor dua",
    "lima misi utama",
])
def test_numbers_that_are_names_dates_or_labels_are_no_quantity(text):
    assert got(text) == []


def test_list_labels_are_no_quantity():
    assert got("1. Membangun pasar\n2. Menata taman") == []
    assert got("misi, yakni: 1. Masyarakat sejahtera. 2. Beriman") == []


def test_distributive_one_per_one():
    assert got("satu desa satu produk unggulan") == [(1, "produk", "desa")]
    assert got("Program 1 Kecamatan 1 SMK") == [(1, "smk", "kecamatan")]


def test_text_and_span_are_the_quantity_as_written():
    text = "Beasiswa bagi 5.000 siswa (Rp.750.000/siswa/tahun)"
    qs = parse(text)
    assert [q.text for q in qs] == ["5.000 siswa", "Rp.750.000"]
    for q in qs:
        assert text[q.span[0]:q.span[1]] == q.text
    assert qs[1].to_json() == {"value": 750000, "unit": "rupiah", "per": "siswa/tahun", "text": "Rp.750.000"}


def test_stage_fills_every_item_but_other():
    doc = Document(source=Source(name="contoh.txt"))
    mission = Item(kind="mission", text="Membangun desa di lima tahun ke depan", children=[
        Item(kind="program", text="Pembangunan 12 embung"),
        Item(kind="commitment", text="kami akan membangun 3 pasar"),
    ])
    doc.items = [Item(kind="vision", text="Desa Maju"), mission, Item(kind="other", text="Anggaran terbatas 5 persen")]
    quantities(doc)
    assert [[(q.value, q.unit) for q in item.quantities] for item in doc.walk()] == [
        [], [(5, "tahun")], [(12, "embung")], [(3, "pasar")], []]


@pytest.mark.parametrize("text, expected", [
    ("Program 3 juta rumah", [(3_000_000, "rumah", None)]),  # a scale after a label word: an amount
    ("Meningkatkan IPM menjadi 76,2", [(76.2, "", None)]),  # the verb is not the unit
    ("Indeks Kepuasan Masyarakat 88", [(88, "", None)]),
    ("Insentif Rp. 300.000,- per KK", [(300_000, "rupiah", "KK")]),
    ("Magang 2.000 pemuda setiap tahunnya", [(2000, "pemuda", "tahun")]),
    ("Lahan terbuka hijau 12,5 km2", [(12.5, "km2", None)]),
    ("delapan (8) embung desa", [(8, "embung", None)]),
    ("4 (empat) unit damkar", [(4, "unit", None)]),
    ("Bantuan 1.5 juta per bulan", [(1_500_000, "rupiah", "bulan")]),  # a money noun: rupiah
])
def test_common_writing_variants(text, expected):
    assert got(text) == expected


def test_ranks_and_structure_counts_are_no_quantity():
    assert got("masuk 10 besar nasional") == []
    assert got("Terdapat 25 poin misi program") == []
    assert got("diikuti tiga paslon") == []


def test_range_text_is_each_number_as_written():
    qs = parse("Pertumbuhan ekonomi 5-6% per tahun")
    assert [(q.value, q.unit, q.per, q.text) for q in qs] == [(5, "persen", "tahun", "5"), (6, "persen", "tahun", "6%")]


def test_plan_targets_with_base_year_and_acronyms():
    assert got("Meningkatnya Indeks Pembangunan Manusia (IPM) dari 70,2 pada tahun 2024 menjadi 73,4 pada tahun 2029") \
        == [(73.4, "", None)]
    assert got("Kemiskinan turun dari 10,5% (2024) menjadi 8% (2029)") == [(8, "persen", None)]
    assert [(q.value, q.unit, q.text) for q in parse("Rumah Sakit Umum Daerah (RSUD) 4")] == [(4, "rsud", "(RSUD) 4")]


def test_hyphenated_words_split_unless_reduplicated():
    assert got("Bantuan Rp 2 juta-Rp 3 juta per kelompok") == [
        (2_000_000, "rupiah", "kelompok"), (3_000_000, "rupiah", "kelompok")]
    assert got("pendampingan ibu-ibu 300 orang") == [(300, "orang", None)]


def test_how_many_words_are_not_units():
    assert got("jumlah posyandu 48") == [(48, "posyandu", None)]
    assert got("totalnya 12. Lalu") == []


def test_ordinal_after_a_count_is_no_list():
    assert got("100 hari pertama kerja") == [(100, "hari", None)]
    assert got("Gerakan Dua Juta Pohon") == [(2_000_000, "pohon", None)]


def test_distributive_amount_of_money():
    assert got("Program Satu Desa Satu Miliar") == [(1_000_000_000, "rupiah", "desa")]
    assert got("1 kelurahan 1 miliar untuk pembangunan") == [(1_000_000_000, "rupiah", "kelurahan")]


def test_rate_after_a_qualified_unit():
    assert got("4 ekor kambing untuk setiap kelompok tani") == [(4, "ekor", "kelompok")]
    assert got("Rp 10 juta untuk setiap BUMDes") == [(10_000_000, "rupiah", "BUMDes")]


def test_health_rates_over_a_population():
    assert got("Angka Kematian Bayi 15 per 1.000 kelahiran hidup") == [(15, "", "1.000 kelahiran")]
    assert got("Gini Ratio 0,36") == [(0.36, "", None)]


def test_scaled_decimals_are_exact():
    (q,) = parse("menjangkau 4,1 juta warga")  # 4.1 * 10**6 is 4099999.9999999995 in floats
    assert q.value == 4_100_000 and isinstance(q.value, int)


def test_a_star_rating_is_a_class_not_a_target():
    assert parse("pembangunan hotel berbintang 5 di pusat kota") == []
    assert parse("menghadirkan hotel bintang lima dan 300 lapangan kerja")[0].unit == "lapangan kerja"


def test_the_name_of_a_hundred_day_programme_is_no_target_but_a_duration_is():
    assert parse("program 100 hari kerja bupati sudah terlaksana") == []
    assert [(q.value, q.unit) for q in parse("Program Kerja 100 Hari Pertama berjalan lancar")] == []
    assert [(q.value, q.unit) for q in parse("membuka 2.000 lapangan kerja dalam 100 hari")] == [
        (2000, "lapangan kerja"), (100, "hari")]


def test_spelled_amounts_read_like_written_ones():
    assert [(q.value, q.unit, q.per) for q in parse("subsidi tunai dua juta per kepala keluarga")] == [
        (2000000, "rupiah", "kepala keluarga")]
    assert [(q.value, q.unit, q.per) for q in parse("insentif lima ratus ribu per bulan")] == [(500000, "rupiah", "bulan")]


def test_a_change_written_with_dr_keeps_only_its_target():
    assert [(q.value, q.unit) for q in parse("kontrak dr 1 tahun ke 5 tahun")] == [(5, "tahun")]


def test_a_bare_number_counts_the_noun_before_its_determiner():
    for text in ("penerima bantuan ini mencapai 12 ribu", "peserta pelatihan tersebut tercatat 450"):
        (q,) = parse(text)
        assert q.unit.split()[0] in ("penerima", "peserta"), text
