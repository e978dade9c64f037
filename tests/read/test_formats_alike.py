"""One structure stage reads every format alike: a list document typed into PDF and DOCX gives the same items."""
from __future__ import annotations

import pytest

from janji.pipeline import Pipeline

def _items(pipe, raw: bytes, name: str) -> list[tuple[str, str | None, str]]:
    doc = pipe.analyze_bytes(raw, name, time_limit=120)
    return [(item.kind, item.label, item.text) for item in doc.walk()]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(names=["read", "clean", "facts", "structure"])


# A visi-misi-program document written for the test: numbered, lettered and bulleted lists three deep,
# lines long enough to wrap on a page, quantities and brackets.
LIST_DOCUMENT = "\n".join([
    "VISI DAN MISI PASANGAN CALON BUPATI DAN WAKIL BUPATI",
    "Visi",
    "Terwujudnya kabupaten yang sejahtera, berdaya saing dan berkeadilan bagi seluruh warga",
    "Misi",
    *[f"{n}. {text}" for n, text in enumerate([
        "Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berakhlak mulia",
        "Membangun ekonomi kerakyatan yang mandiri berbasis pertanian, perikanan dan pariwisata desa",
        "Mewujudkan infrastruktur yang merata hingga ke pelosok desa dan kawasan perbatasan",
        "Menata pemerintahan yang bersih, melayani dan terbuka terhadap pengawasan masyarakat"], 1)],
    "Program Unggulan",
    "1. Pendidikan gratis dan bermutu",
    "  a. Seragam dan buku gratis bagi 30.000 siswa SD dan SMP setiap tahun ajaran baru",
    "  b. Beasiswa kuliah bagi 500 mahasiswa berprestasi dari keluarga kurang mampu (Rp 6.000.000/mahasiswa/tahun)",
    "    • Pendampingan belajar di setiap desa oleh relawan pengajar",
    "    • Perpustakaan keliling ke 120 desa",
    "  c. Insentif bagi 2.000 guru honorer sebesar Rp 500.000/orang/bulan",
    "2. Kesehatan untuk semua",
    "  a. Berobat gratis cukup dengan KTP di seluruh puskesmas dan rumah sakit daerah",
    "  b. Membangun 5 puskesmas rawat inap baru di kecamatan yang jauh dari rumah sakit",
    "  c. Ambulans desa siaga 24 jam",
    "3. Ekonomi rakyat",
    "  a. Modal usaha tanpa bunga bagi 10.000 pelaku UMKM selama lima tahun",
    "  b. Pupuk dan bibit bersubsidi bagi kelompok tani",
    "  c. Pasar rakyat yang bersih dan tertata di setiap kecamatan",
    "4. Infrastruktur desa",
    "  a. Pengaspalan jalan desa sepanjang 250 km dan perbaikan jembatan penghubung antar kecamatan",
    "  b. Air bersih perpipaan untuk 15.000 rumah tangga",
    "5. Pemerintahan yang melayani",
    "  a. Pelayanan perizinan dalam satu hari melalui aplikasi",
    "  b. Tambahan penghasilan bagi ketua RT dan RW",
]) + "\n"


def test_pdf_and_docx_of_a_list_document_give_the_items_of_its_text(pipe, builders):
    text = LIST_DOCUMENT
    from_text = _items(pipe, text.encode("utf-8"), "dokumen.txt")
    assert len(from_text) == 25  # 1 visi, 4 misi, 5 programs, 13 lettered entries, 2 bullets
    # Lay the text out as a word processor would: wrapped at the page width, 50 lines a page.
    chunks = [(72, chunk) for line in text.splitlines() if line.strip()
              for chunk in builders.wrap(" ".join(line.split()), 440)]
    pdf = builders.pdf_from_lines([chunks[i:i + 50] for i in range(0, len(chunks), 50)])
    assert _items(pipe, pdf, "dokumen.pdf") == from_text
    assert _items(pipe, builders.docx_from_text(text), "dokumen.docx") == from_text
