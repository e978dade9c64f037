import re

import pytest

from janji.clean import clean
from janji.clean.furniture import remove_furniture
from janji.lang.furniture import furniture_rule
from janji.document import Document


@pytest.mark.parametrize("line, rule", [
    ("Baca Juga: Kampanye Pilwali Dimulai, Simak Visi Misi", "read_more"),
    ("BACA JUGA : Debat Kedua Digelar", "read_more"),
    ("Lihat Juga : Video Debat Pilkada", "read_more"),
    ("Baca: Pilkada Serentak Digelar", "read_more"),
    ("[Gambas:Video 20detik]", "read_more"),
    ("Foto: Dok. Tim Pemenangan", "caption"),
    ("Ilustrasi kotak suara Pilkada. (ANTARA/Fulan Bin Fulan)", "caption"),
    ("Judul Artikel di Pilkada Kota 2024IDN Times/Rina Hapsari", "caption"),
    ("Pasangan calon saat debat, Sabtu (2/11/2024). ANTARA FOTO/Nyoman Hendra", "caption"),
    ("Calon bupati berorasi di lapangan (KOMPAS.com/RAHMAT NUR)", "caption"),
    ("1 KOMENTAR", "comments"),
    ("TINGGALKAN KOMENTAR", "comments"),
    ("Silakan masukkan komentar anda!", "comments"),
    ("Silahkan LOGIN untuk berkomentar.", "comments"),
    ("Tinggalkan Balasan", "comments"),
    ("Penulis: Rina Hapsari | Editor: Dedi Kurniawan", "author"),
    ("Reporter: Fulan", "author"),
    ("Pewarta: Fulan", "author"),
    ("Laporan Wartawan Tribunnews.com, Fulan", "author"),
    ("Copyright © ANTARA 2024", "author"),
    ("SCROLL TO CONTINUE WITH CONTENT", "advert"),
    ("ADVERTISEMENT", "advert"),
    ("Artikel ini telah tayang di Kompas.com dengan judul \"Visi Misi\"", "advert"),
    ("Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com di Telegram", "advert"),
    ("Ikuti berita terkini dari kami di Google News", "advert"),
    ("Bagikan: Facebook Twitter WhatsApp", "share"),
    ("Share Facebook Twitter Telegram Copy Link", "share"),
    ("Halaman 2 dari 3", "pagination"),
    ("1 2 3 Selanjutnya", "pagination"),
    ("(rdp/imk)", "editor_initials"),
    ("Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu akses berita "
     "Kompas.com WhatsApp Channel : https://www.whatsapp.com/channel/x Pastikan kamu sudah install aplikasi "
     "WhatsApp ya.", "advert"),
    ("Follow Berita Okezone di Google News", "advert"),
    ("Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs web ini "
     "tanpa izin tertulis dari Kantor Berita ANTARA.", "advert"),
    ("Jangan lewatkan berita menarik lainnya", "advert"),
    ("Komentar (0)", "comments"),
    ("Simak Video \"Debat Pilkada\"", "read_more"),
    ("Saksikan Video Pilihan Berikut Ini:", "read_more"),
    ("Lanjutkan Membaca ↓", "advert"),
    ("Bagikan ke:", "share"),
    ("Jumat, 16 Okt 2020 11:12 WIB", "dateline"),
    ("- Minggu, 6 Juni 2021 | 12:28 WIB", "dateline"),
    ("Rabu 30-10-2024,18:14 WIB", "dateline"),
    ("Kabarkota.com - 30/11/2020, 21:16 WITA", "dateline"),
    ("Sabtu, 2 November 2024 - 22:28 WIB", "dateline"),
    ("Andi Pratama - detikNews", "author"),
    ("Rina Wulandari | Kompas.com", "author"),
    ("waktu baca 2 menit", "reading_time"),
    ("Waktu baca: 4 menit", "reading_time"),
    ("BLUSUKAN: Fulan (kedua kanan) menyapa pedagang sayur di pasar induk, Senin (4/3).", "caption"),
    ("BLUSUKAN: Wali Kota Budi Santoso (dua dari kanan) menyapa pedagang di Pasar Baru.", "caption"),
])
def test_furniture_lines(line, rule):
    assert furniture_rule(line) == rule


@pytest.mark.parametrize("line", [
    "1. Pembangunan 4 unit sekolah baru SMP, satu di wilayah Kecamatan Setu",
    "7. Lansia sehat berdaya/Posbindu Plus (Pendampingan Kesehatan dan psikologi di Posbindu)",
    "Pembangunan RSUD/Puskesmas Baru",
    "Kerja sama pembangunan dan pelayanan pada Kawasan Aglomerasi (Pusat/Daerah)",
    "• BOS Daerah (Bosda)/Beasiswa/bantuan pendidikan/insentif",
    "Selanjutnya: Program Strategis",
    "Tangerang Selatan, IDN Times - Pasangan calon Wali Kota kembali menjadi kontestan.",
    "Spanduk kampanye paslon dipasang di seluruh kecamatan sejak awal masa kampanye, kata ketua tim.",
    "Sumber pendanaan program berasal dari APBD dan APBN serta dana desa yang dialokasikan.",
    "Komentar warga tentang program ini sangat positif karena menyentuh kebutuhan dasar mereka.",
    "Rekomendasi: pemerintah daerah perlu memperkuat koordinasi lintas sektor.",
    "Visi",
    "Misi:",
    "Ikuti perkembangan program ini melalui laporan tahunan pemerintah daerah kepada DPRD.",
    "Jangan sampai ada warga yang tertinggal dalam pembangunan, kata calon bupati.",
    "Budi Santoso - Ani Lestari",
    "Program 2025 - 2030",
    "- Membangun 20 pasar rakyat pada 2026",
    "Debat digelar Rabu (23/10/2024) pukul 19.00 WIB di gedung DPRD dengan dua sesi tanya jawab.",
    "MISI: Meningkatkan layanan kesehatan (puskesmas kiri) dan sekolah.",
])
def test_content_lines_are_not_furniture(line):
    assert furniture_rule(line) is None


def test_tags_block_and_trailer_are_removed():
    text = ("Visi\n\n1. Kota maju\n\n" + "".join(f"Paragraf isi berita ke-{i} yang panjang.\n\n" for i in range(5)) +
            "Topik:\n\n  • Dedi Kurniawan\n  • Pilkada 2024\n\nBerita Terkini Lainnya\n\n"
            "Judul berita lain\nJudul berita lain lagi")
    removed = []
    out = remove_furniture(text, removed)
    assert "Topik" not in out and "Kurniawan" not in out and "Judul berita lain" not in out
    assert out.startswith("Visi\n\n1. Kota maju")
    assert {rule for rule, _ in removed} <= {"tags", "trailer"}


def test_trailer_heading_early_in_text_keeps_what_follows():
    text = "Berita Terkait\nVisi: Kota maju\n" + "Misi pembangunan daerah yang panjang.\n" * 10
    assert "Visi: Kota maju" in remove_furniture(text)


def test_inline_ads_and_glued_read_more():
    out = remove_furniture("Pasangan itu berjanji. ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT Misi pertama.\n"
                           "Program jalan desa. Baca juga: Berita lain di kota")
    assert out == "Pasangan itu berjanji. Misi pertama.\nProgram jalan desa."


def test_repeated_headline_is_dropped_once():
    assert remove_furniture("Judul Berita Sama Persis\n\nJudul Berita Sama Persis\n\nIsi.") == \
        "Judul Berita Sama Persis\n\nIsi."


def test_clean_stage_collapses_blank_runs_and_records_removed_lines():
    doc = Document.from_bytes(b"", "x.txt")
    doc.text = "\n\nVisi\r\n\r\n\r\n\r\nBaca juga: Lain\r\nMaju\n\n"
    clean(doc)
    assert doc.text == "Visi\n\nMaju"
    assert doc.user_data["clean.removed"] == [("read_more", "Baca juga: Lain")]


MARKED = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-z][.)]|[-•])\s")


def test_seeds_and_devset_lose_no_list_entries_or_long_lines(shared):
    """Furniture removal on the real documents beside the project never drops a list entry or prose."""
    paths = sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "devset" / "docs").glob("*.txt"))
    assert paths
    for path in paths:
        doc = Document.from_bytes(path.read_bytes(), path.name)
        doc.text = path.read_text(encoding="utf-8")
        clean(doc)
        for rule, line in doc.user_data["clean.removed"]:
            if rule not in ("tags", "trailer"):
                assert not MARKED.match(line), (path.name, line)
            assert len(line.split()) <= 40, (path.name, line)
        kept = {" ".join(line.split()) for line in doc.text.splitlines()}
        # a tags block's bullets ("Topik:" then "• a journalist's name") go with the block
        tags = {" ".join(line.split()) for rule, line in doc.user_data["clean.removed"] if rule == "tags"}
        for line in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(line.split())
            if MARKED.match(line) and line not in tags:
                assert line in kept, (path.name, line)


def test_no_gold_promise_is_taken_for_furniture(shared):
    """Every item text in the gold files (visi, misi, programs, commitments …) is content."""
    import json

    def walk(items):
        for item in items:
            yield item
            yield from walk(item.get("children") or [])

    paths = sorted((shared / "gold").glob("*.json")) + sorted((shared / "devset" / "gold").glob("*.json"))
    texts = [item["text"] for path in paths for item in walk(json.loads(path.read_text())["items"])]
    assert len(texts) > 100
    assert [t for t in texts if furniture_rule(t)] == []


def test_read_more_heading_takes_its_headline_along():
    text = "Visi kota maju.\nBaca Juga:\nDebat Pilkada Digelar Malam Ini di Hotel\nMisi:\n1. Membangun jalan"
    assert remove_furniture(text) == "Visi kota maju.\nMisi:\n1. Membangun jalan"
    # A list right after it is never taken for the headline.
    assert remove_furniture("Baca juga:\n1. Membangun jalan desa") == "1. Membangun jalan desa"


def test_editors_initials_closing_a_paragraph_are_dropped_but_acronyms_stay():
    text = "Program ini menjangkau pelosok desa. (rdo/jpnn)\nBantuan iuran (BPJS) bagi warga miskin. (ant/bus)\n"
    assert remove_furniture(text) == "Program ini menjangkau pelosok desa.\nBantuan iuran (BPJS) bagi warga miskin.\n"


@pytest.mark.parametrize("dateline", ["Sukamaju -", "SUKAMAJU, Warta Desa.com –", "Kota Sukamaju, (Kabar Kita) —"])
def test_a_dateline_on_a_line_of_its_own_goes_back_to_its_paragraph(dateline):
    """Some pages set the dateline apart from the first paragraph it opens; alone it reads as a heading."""
    body = "Pasangan calon bupati menyampaikan visi dan misi di hadapan warga pada Senin malam."
    text = f"Judul Berita Pilkada Sukamaju\n\n{dateline}\n\n{body}\n\nParagraf kedua."
    assert remove_furniture(text) == f"Judul Berita Pilkada Sukamaju\n\n{dateline} {body}\n\nParagraf kedua."


@pytest.mark.parametrize("text", [
    "Misi -\n\n1. Membangun jalan desa sepanjang seratus kilometer.",
    "Program Unggulan -\n\nsekolah gratis",
])
def test_a_heading_ending_in_a_dash_is_no_dateline(text):
    assert remove_furniture(text) == text


@pytest.mark.parametrize("headline, dateline", [("Program Calon Bupati Sukamaju", "Sukamaju -"),
                                                ("Janji Calon Wali Kota Pantai Indah", "PANTAI INDAH, Kabar Pesisir –")])
def test_a_lone_dateline_gives_no_item(headline, dateline):
    from janji import analyze

    text = (f"{headline}\n\n{dateline}\n\nPemilihan kepala daerah di sana diikuti dua pasangan calon yang "
            "memasarkan visi-misi hingga program kerja jika terpilih.\n")
    doc = analyze(text, name="berita.txt")
    assert [item.text for item in doc.walk()] == []
