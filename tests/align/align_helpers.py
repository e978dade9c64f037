"""Small documents written for the alignment tests, and helpers to read an alignment (imported by the
align, store, web, track and browser tests: tests/align is put on sys.path by their conftest files)."""
from __future__ import annotations

from janji.document import Candidate, Document, Item, Region, Source  # noqa: F401

def node(kind: str, text: str, *children: Item, label: str | None = None, **extra) -> Item:
    return Item(kind, text, label=label, children=list(children), **extra)


def doc(kind: str, *items: Item, name: str | None = None, region: str | None = "Kabupaten Contoh",
        code: str | None = None, period: tuple[int, int] | None = None, pairs: list[Candidate] | None = None) -> Document:
    return Document(Source(name or f"{kind}.txt"), kind=kind, items=list(items),
                    region=Region(region, code, "kabupaten") if region else None, period=period,
                    candidates=list(pairs or []))


def link_of(result: dict, text: str) -> dict | None:
    """The link of the promise whose text starts with ``text`` (None: not linked)."""
    found = [l for l in result["links"] if l["campaign"]["text"].startswith(text)]
    assert len(found) <= 1
    return found[0] if found else None


def dropped(result: dict) -> list[str]:
    return [d["text"] for d in result["dropped"]]


def added(result: dict) -> list[str]:
    return [a["text"] for a in result["added"]]


# --- source texts of one invented region (its pair's visi-misi, its RPJMD), analysed by the pipeline -----------

CAMPAIGN_TEXT = """VISI DAN MISI PASANGAN CALON BUPATI DAN WAKIL BUPATI WONOSOBO PERIODE 2025-2030
Pasangan Calon Nomor Urut 1: Drs. H. Arif Wicaksono, M.Si. dan Rina Wati, S.E.

VISI
Terwujudnya Kabupaten Wonosobo yang Aman, Damai, Inklusif dan Lestari

MISI
1. Meningkatkan kualitas pendidikan dan kesehatan masyarakat
2. Membangun infrastruktur jalan desa yang mantap
3. Memperkuat ekonomi kerakyatan berbasis pertanian

PROGRAM UNGGULAN
1. Beasiswa kuliah gratis bagi 200 mahasiswa dari keluarga tidak mampu
2. Perbaikan jalan desa sepanjang 100 km
3. Bantuan benih dan pupuk bagi kelompok tani
4. Festival kuliner antar-RT setiap bulan
"""

PLAN_TEXT = """RANCANGAN AKHIR RPJMD KABUPATEN WONOSOBO TAHUN 2025-2029

Bupati Wonosobo Arif Wicaksono menyampaikan arah pembangunan daerah dalam Musrenbang RPJMD 2025-2029.

VISI
Wonosobo ADIL

MISI
1. Meningkatkan kualitas sumber daya manusia melalui pendidikan dan kesehatan
2. Mewujudkan infrastruktur jalan dan jembatan yang mantap
3. Memperkuat ketahanan pangan melalui pertanian yang maju
4. Mewujudkan tata kelola pemerintahan yang bersih
"""


def write_region_texts(folder) -> tuple:
    """kampanye.txt and rpjmd.txt of the invented region in ``folder``."""
    camp, plan = folder / "kampanye.txt", folder / "rpjmd.txt"
    camp.write_text(CAMPAIGN_TEXT, encoding="utf-8")
    plan.write_text(PLAN_TEXT, encoding="utf-8")
    return camp, plan


# Two later documents of the same region: sentences about three promises, and sentences about nothing promised.
REPORT_TEXT = """Capaian 100 Hari Kerja Bupati Wonosobo Arif Wicaksono

WONOSOBO, Senin (9/6/2025) - Bupati Wonosobo Arif Wicaksono memaparkan capaian 100 hari kerja bersama Wakil Bupati Rina Wati di Pendopo Kabupaten.

Pemerintah Kabupaten Wonosobo telah menyalurkan beasiswa kuliah kepada 120 mahasiswa dari keluarga tidak mampu pada tahap pertama.

Selain itu, perbaikan jalan desa sepanjang 35 km telah selesai dikerjakan di delapan kecamatan.

"Kami juga sudah membagikan benih padi dan pupuk kepada 40 kelompok tani," kata Arif Wicaksono.

Dalam acara tersebut, Bupati juga meresmikan gedung baru kantor kecamatan dan menerima penghargaan dari gubernur atas laporan keuangan daerah.

Acara ditutup dengan doa bersama dan ramah tamah bersama tokoh masyarakat.
"""

SPEECH_TEXT = """Pidato Bupati Wonosobo pada Rapat Paripurna Hari Jadi Kabupaten, Rabu (15/10/2025)

Bupati Wonosobo Arif Wicaksono menyampaikan bahwa kunjungan wisatawan ke dataran tinggi meningkat tajam selama musim liburan tahun ini.

Ia juga menyampaikan terima kasih kepada seluruh aparatur sipil negara atas kerja keras mereka dalam penanganan bencana longsor bulan lalu.

Beasiswa kuliah tahap kedua untuk 80 mahasiswa dari keluarga tidak mampu telah dicairkan bulan ini.
"""

# promise (start of its text) -> the report sentences (start of their text) that speak of it
EXPECTED_EVIDENCE = {
    "Beasiswa kuliah gratis": ["Pemerintah Kabupaten Wonosobo telah menyalurkan beasiswa", "Beasiswa kuliah tahap kedua"],
    "Perbaikan jalan desa": ["Selain itu, perbaikan jalan desa"],
    "Bantuan benih dan pupuk": ["Kami juga sudah membagikan benih padi"],
}
UNRELATED = ["Dalam acara tersebut", "Acara ditutup", "Bupati Wonosobo Arif Wicaksono menyampaikan bahwa kunjungan",
             "Ia juga menyampaikan terima kasih", "Bupati Wonosobo Arif Wicaksono memaparkan"]


def write_reports(folder) -> tuple:
    report, speech = folder / "laporan-100-hari.txt", folder / "pidato-hari-jadi.txt"
    report.write_text(REPORT_TEXT, encoding="utf-8")
    speech.write_text(SPEECH_TEXT, encoding="utf-8")
    return report, speech
