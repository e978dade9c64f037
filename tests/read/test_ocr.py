"""Scanned PDF pages read with OCR: pages made for the tests (other fonts, resolutions, noise), mixed
documents, the --ocr modes, and the record of which pages were OCR'd."""
from __future__ import annotations

import importlib.util
import signal
import sys
import threading
from pathlib import Path

import pytest

from janji.document import Document
from janji.errors import InputError
from janji.read import read
from janji.read.ocr import Box, needs_ocr_text, page_progress, to_lines
from janji.read.pdf import read_pdf_pages

_spec = importlib.util.spec_from_file_location("janji_test_scans", Path(__file__).with_name("scans.py"))
scans = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = scans  # its dataclasses look their module up
_spec.loader.exec_module(scans)

# Written for these tests: a campaign page in the shape of the real ones (intro, visi, numbered misi).
PAGE = [
    "Pasangan calon Bupati dan Wakil Bupati Kabupaten Contoh nomor urut 3 menyampaikan visi dan misi "
    "di hadapan para pendukungnya pada Sabtu (12/10/2024).",
    "Visi: Terwujudnya Kabupaten Contoh yang Sejahtera, Mandiri dan Berkeadilan.",
    "1. Meningkatkan kualitas pendidikan dan kesehatan masyarakat desa.",
    "2. Membangun jalan kabupaten sepanjang 150 km dan 25 jembatan baru.",
    "3. Memberikan bantuan modal Rp10 juta bagi 2.000 pelaku UMKM setiap tahun.",
    "4. Menata pelayanan publik yang bersih, cepat dan transparan.",
]
SECOND_PAGE = [
    "Program unggulan pasangan ini antara lain beasiswa bagi 500 mahasiswa, insentif guru mengaji, "
    "dan pembangunan pasar rakyat di setiap kecamatan.",
    "Menurut tim pemenangan, seluruh program dibiayai dari APBD tanpa menambah utang daerah.",
]


@pytest.fixture(scope="module")
def fonts() -> dict[str, str]:
    found = scans.font_files()
    if not found:
        pytest.skip("no TrueType font known to fontconfig on this machine")
    return found


# (font index, dpi, size pt, angle, speckle, JPEG quality): resolutions from a fax-like 150 dpi to 300 dpi,
# pages turned both ways by up to 2 degrees, small print, heavy speckle and JPEG, serif, sans and narrow faces.
STYLES = [
    (0, 150, 11.0, 1.2, 0.002, 60),
    (1, 200, 10.0, -0.8, 0.003, 70),
    (2, 300, 10.0, 0.5, 0.001, 80),
    (3, 150, 9.0, -1.8, 0.006, 45),
    (4, 300, 8.5, 2.0, 0.003, 60),
]


@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES, ids=lambda s: f"{s[1]}dpi-{s[3]:+.1f}deg-font{s[0]}")
def test_generated_scans_are_read_at_97_percent_of_characters(fonts, style):
    index, dpi, size, angle, speckle, quality = style
    font = list(fonts.values())[index % len(fonts)]
    raw = scans.scan_pdf([PAGE], scans.ScanStyle(font=font, dpi=dpi, size_pt=size, angle=angle, speckle=speckle,
                                                 quality=quality))
    result = read_pdf_pages(raw, "pindaian.pdf")
    assert result.ocr_pages == [1]
    accuracy = scans.character_accuracy(result.text, "\n".join(PAGE))
    assert accuracy >= 0.97, f"{Path(font).name} {dpi} dpi: character accuracy {accuracy:.3f}\n{result.text}"
    # the list survives as a list: one line per entry, the marker first
    lines = result.text.splitlines()
    assert [line.split(" ", 1)[0] for line in lines if line[:1].isdigit()] == ["1.", "2.", "3.", "4."]


@pytest.mark.slow
def test_a_mixed_document_reads_text_pages_as_text_and_scanned_pages_with_ocr(fonts):
    style = scans.ScanStyle(font=list(fonts.values())[0], dpi=200, angle=-0.6)
    raw = scans.mixed_pdf(PAGE, SECOND_PAGE, style)
    seen = []
    token = page_progress.set(lambda done, total: seen.append((done, total)))
    try:
        doc = Document.from_bytes(raw, "campuran.pdf")
        read(doc)
    finally:
        page_progress.reset(token)
    assert doc.source.ocr_pages == [2]
    assert doc.to_json()["source"]["ocr_pages"] == [2]
    assert seen == [(0, 1), (1, 1)]  # a progress bar over the one page read with OCR
    # both pages, in order
    assert doc.text.index("Terwujudnya Kabupaten Contoh") < doc.text.index("pasar rakyat")
    assert scans.character_accuracy(doc.text[doc.text.index("Program unggulan"):], "\n".join(SECOND_PAGE)) >= 0.97

    never = Document.from_bytes(raw, "campuran.pdf")
    never.ocr = "never"
    read(never)
    assert never.source.ocr_pages is None and "pasar rakyat" not in never.text
    assert any("halaman 2" in w and "--ocr" in w for w in never.warnings)


@pytest.mark.slow
def test_ocr_always_reads_a_text_page_too(builders):
    raw = builders.pdf_from_lines([[(72, line) for line in PAGE[1:]]], size=12, leading=22)
    result = read_pdf_pages(raw, "teks.pdf", ocr="always")
    assert result.ocr_pages == [1]
    assert scans.character_accuracy(result.text, "\n".join(PAGE[1:])) >= 0.97
    assert read_pdf_pages(raw, "teks.pdf").ocr_pages == []


def test_an_image_only_pdf_with_ocr_never_is_one_clear_error(fonts):
    raw = scans.scan_pdf([PAGE[:2]], scans.ScanStyle(font=list(fonts.values())[0], dpi=100))
    with pytest.raises(InputError) as caught:
        read_pdf_pages(raw, "pindaian.pdf", ocr="never")
    message = str(caught.value)
    assert message.startswith("pindaian.pdf:") and "OCR" in message and "\n" not in message


@pytest.mark.slow
def test_a_blank_scan_says_nothing_was_read(fonts):
    raw = scans.scan_pdf([[]], scans.ScanStyle(font=list(fonts.values())[0], dpi=100))
    with pytest.raises(InputError, match="OCR"):
        read_pdf_pages(raw, "kosong.pdf")


def test_which_pages_need_ocr():
    full_page_image = 0.98
    assert needs_ocr_text("", covered=full_page_image)
    assert needs_ocr_text("- 12 -", covered=full_page_image)  # a page number stamped over a scan
    assert not needs_ocr_text("- 12 -", covered=0.0)  # a page with only its number
    assert not needs_ocr_text("", covered=0.0)  # a blank page
    body = "Misi pertama adalah membangun desa yang mandiri dan sejahtera. " * 4
    assert not needs_ocr_text(body, covered=full_page_image)  # text over a background picture
    assert not needs_ocr_text(body, covered=0.1)
    assert needs_ocr_text("\ufffd\ufffd\ue001\ue002 " * 40, covered=full_page_image)  # a font without a character map


def _box(text, x0, top, width, height=30.0):
    return Box(text=text, score=0.99, x0=x0, x1=x0 + width, top=top, bottom=top + height)


def test_runs_become_lines_in_reading_order():
    boxes = [
        _box("kedua baris", 100, 162, 500, height=34),  # a line with descenders: a taller box
        _box("Baris pertama", 100, 100, 600),
        _box("lanjutan", 640, 104, 200),  # the same line, a little apart
        _box("Kolom kanan", 1500, 100, 300),  # far to the right: a column of its own
    ]
    lines = to_lines(boxes, page=0, scale=200 / 72, page_height=842.0)
    assert [line.text for line in lines] == ["Baris pertama lanjutan", "Kolom kanan", "kedua baris"]
    assert lines[0].size == lines[2].size  # one body size despite the descenders
    assert lines[0].y > lines[2].y  # PDF units: up is larger
    assert lines[0].x0 == pytest.approx(100 / (200 / 72))


def test_each_page_of_ocr_extends_the_analysis_deadline():
    from janji.read.ocr import PAGE_SECONDS, _allow_more_time

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        pytest.skip("SIGALRM deadlines are for the main thread")
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0)
        _allow_more_time(PAGE_SECONDS)
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 30.0 + PAGE_SECONDS - 1 < remaining <= 30.0 + PAGE_SECONDS
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
