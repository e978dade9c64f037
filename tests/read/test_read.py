import pytest

from janji.document import Document
from janji.errors import InputError
from janji.read import read


def _read(raw: bytes, name: str) -> Document:
    doc = Document.from_bytes(raw, name)
    read(doc)
    return doc


def test_plain_text_is_kept_as_written():
    raw = "Misi:\r\n  1. Membangun jalan\r\n     desa\r\n".encode()
    doc = _read(raw, "a.txt")
    assert doc.source.format == "text" and doc.source.title is None
    assert doc.text == "Misi:\r\n  1. Membangun jalan\r\n     desa\r\n"


def test_format_by_content_and_titles(builders):
    assert _read(builders.sample_html(), "berita.pdf").source.format == "html"
    doc = _read(builders.sample_docx(), "visi.txt")
    assert (doc.source.format, doc.source.title) == ("docx", "Visi Misi Paslon")
    doc = _read(builders.pdf_from_lines([[(72, "Visi")]], title="Dokumen KPU"), "x.bin")
    assert (doc.source.format, doc.source.title, doc.text) == ("pdf", "Dokumen KPU", "Visi")
    doc = _read(b"# Visi Kota\n\n- Maju", "x.md")
    assert (doc.source.format, doc.source.title, doc.text) == ("markdown", "Visi Kota", "Visi Kota\n\n- Maju")


@pytest.mark.parametrize("raw", [b"", b"  \n\t\r\n", b"\x00\x00\x00"])
def test_empty_files(raw):
    with pytest.raises(InputError, match="kosong"):
        _read(raw, "kosong.txt")


def test_html_without_text():
    with pytest.raises(InputError, match="tidak ada teks"):
        _read(b"<html><body><script>x()</script></body></html>", "x.html")
