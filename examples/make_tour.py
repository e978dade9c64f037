"""Write the PDF and DOCX documents of the README's quick tour (examples/tour/) from the texts below.

The documents of examples/tour are invented for the tour — the pairs, their promises, the plan and the
report do not exist; only the region is real, so that Janji finds it. The text documents (berita.html,
debat.txt, laporan-100-hari.txt) are written by hand; this script makes the other three, as a word processor
would lay them out. Run it after changing a text (needs reportlab and python-docx: `pip install -e '.[dev]'`):

    python examples/make_tour.py
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent / "tour"

VISI_MISI = """\
VISI, MISI DAN PROGRAM
PASANGAN CALON WALI KOTA DAN WAKIL WALI KOTA BOGOR
PEMILIHAN WALI KOTA DAN WAKIL WALI KOTA BOGOR TAHUN 2024
PERIODE 2025-2030

Pasangan Calon Nomor Urut 3: Hendra Wiranata, S.T., M.M. dan Dr. Sari Puspitaningrum

Diusung oleh Partai Contoh Bersatu dan Partai Harapan Rakyat

VISI
Terwujudnya Kota Bogor yang Sehat, Hijau, Cerdas dan Sejahtera

MISI
1. Meningkatkan kualitas layanan kesehatan dan pendidikan warga
2. Membangun infrastruktur kota yang hijau dan tertata
3. Menumbuhkan ekonomi kerakyatan dan lapangan kerja
4. Mewujudkan pemerintahan yang bersih, terbuka dan melayani

PROGRAM UNGGULAN
1. Berobat gratis di puskesmas dengan KTP Kota Bogor
2. Membangun 10 puskesmas baru dan 1 rumah sakit tipe C
3. Beasiswa kuliah bagi 1.000 mahasiswa dari keluarga tidak mampu setiap tahun
4. Menanam 50.000 pohon dan membangun 20 taman kota
5. Perbaikan jalan lingkungan sepanjang 120 km
6. Kredit usaha tanpa bunga bagi 5.000 UMKM
7. Pelatihan kerja bagi 10.000 pemuda
8. Layanan perizinan daring selesai dalam 3 hari kerja

PROGRAM 100 HARI KERJA
1. Membuka layanan aduan warga 24 jam
2. Membersihkan 30 titik sampah liar
"""

RPJMD = """\
RANCANGAN AKHIR RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH (RPJMD)
KOTA BOGOR TAHUN 2025-2029

Wali Kota Bogor: Hendra Wiranata, S.T., M.M.
Wakil Wali Kota Bogor: Dr. Sari Puspitaningrum

BAB V VISI, MISI, TUJUAN DAN SASARAN

VISI
Kota Bogor yang Sehat, Hijau, Cerdas dan Sejahtera

MISI
1. Meningkatkan kualitas sumber daya manusia melalui pendidikan dan kesehatan
2. Mewujudkan infrastruktur dan lingkungan hidup kota yang berkelanjutan
3. Meningkatkan daya saing ekonomi daerah
4. Mewujudkan tata kelola pemerintahan yang bersih dan melayani

PROGRAM PEMBANGUNAN DAERAH
1. Program pemenuhan upaya kesehatan perorangan dan upaya kesehatan masyarakat: pembangunan 6 puskesmas baru
2. Program pengelolaan pendidikan: bantuan biaya pendidikan bagi 800 mahasiswa per tahun
3. Program penyelenggaraan jalan: peningkatan jalan lingkungan sepanjang 100 km
4. Program pengelolaan ruang terbuka hijau: penanaman 50.000 pohon
5. Program pemberdayaan usaha mikro: pendampingan 5.000 UMKM
6. Program penyelenggaraan pengawasan: penguatan sistem pengendalian intern pemerintah
"""

# the DOCX: a title, paragraphs, and the programme as a real Word numbered list
PROGRAM_TITLE = "Program Kerja Hendra Wiranata – Sari Puspitaningrum untuk Kota Bogor 2025-2030"
PROGRAM_INTRO = [
    "Program kerja pasangan calon Wali Kota dan Wakil Wali Kota Bogor nomor urut 3, Hendra Wiranata dan "
    "Sari Puspitaningrum, pada Pemilihan Wali Kota Bogor Tahun 2024.",
    "PROGRAM KERJA",
]
PROGRAM_ITEMS = [
    "Membangun 10 puskesmas baru dan 1 rumah sakit tipe C",
    "Membuka 25 sekolah inklusi dan merenovasi 100 ruang kelas",
    "Menambah 200 armada angkutan kota listrik",
    "Menyediakan air bersih perpipaan bagi 20.000 rumah tangga",
    "Membangun 5 pasar rakyat yang bersih dan tertata",
]


def _pdf(text: str, path: Path, title: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    font, size, leading, width = "Helvetica", 11, 15, 450
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)  # invariant: the same bytes on every run
    c.setTitle(title)
    y = 790.0
    for line in text.splitlines():
        marker, _, rest = line.partition(" ")
        numbered = marker.endswith(".") and marker[:-1].isdigit()
        hang = c.stringWidth(marker + " ", font, size) if numbered else 0
        parts = simpleSplit(rest if numbered else line, font, size, width - hang) or [""]
        for i, part in enumerate(parts):
            if y < 60:
                c.showPage()
                y = 790.0
            c.setFont(font, size)
            if numbered and i == 0:
                c.drawString(72, y, f"{marker} {part}")
            else:
                c.drawString(72 + hang, y, part)
            y -= leading
    c.showPage()
    c.save()


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = PROGRAM_TITLE
    document.core_properties.author = "Tim Pemenangan (contoh)"
    document.add_heading(PROGRAM_TITLE, level=1)
    for text in PROGRAM_INTRO:
        document.add_paragraph(text)
    for text in PROGRAM_ITEMS:
        document.add_paragraph(text, style="List Number")
    document.save(str(path))


def main() -> None:
    _pdf(VISI_MISI, HERE / "visi-misi.pdf", "Visi, Misi dan Program Pasangan Calon Nomor Urut 3")
    _pdf(RPJMD, HERE / "rpjmd.pdf", "Rancangan Akhir RPJMD Kota Bogor 2025-2029")
    _docx(HERE / "program.docx")
    for name in ("visi-misi.pdf", "rpjmd.pdf", "program.docx"):
        print(HERE / name)


if __name__ == "__main__":
    main()
