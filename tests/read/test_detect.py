import io
import zipfile

import pytest

from janji.errors import InputError
from janji.read.detect import detect


def test_pdf_magic_wins_over_extension():
    assert detect(b"%PDF-1.7\n1 0 obj", "visi-misi.docx") == "pdf"


def test_html_in_a_txt_file_is_html():
    assert detect(b"<!DOCTYPE html><html><body><p>Visi</p></body></html>", "berita.txt") == "html"
    assert detect(b"\n  <div><p>Visi misi</p></div>", "berita.txt") == "html"


def test_text_named_html_is_text():
    assert detect(b"Visi: Kota yang maju\nMisi:\n1. Membangun jalan", "berita.html") == "text"


def test_markdown_by_extension_and_by_content():
    assert detect(b"Visi\n\n1. Jalan", "catatan.md") == "markdown"
    assert detect(b"# Visi\n\nKota **maju**\n\n## Misi\n\n- [Jalan](http://x)", "catatan.txt") == "markdown"


def test_docx_needs_word_document_xml(builders):
    assert detect(builders.sample_docx(), "x.pdf") == "docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("foto.jpg", b"x")
    with pytest.raises(InputError, match="arsip ZIP"):
        detect(buf.getvalue(), "x.docx")


@pytest.mark.parametrize("raw, reason", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".doc"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "gambar"),
    (b"PK\x03\x04broken", "rusak"),
])
def test_known_binary_formats_get_a_reason(raw, reason):
    with pytest.raises(InputError) as err:
        detect(raw, "berkas.docx")
    assert reason in err.value.reason
    assert err.value.name == "berkas.docx"


def test_zip_bomb_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * 50_000_000)
    with pytest.raises(InputError, match="bom zip"):
        detect(buf.getvalue(), "bom.docx")
