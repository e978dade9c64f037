import pytest

from janji.errors import InputError
from janji.read.text import decode, render_markdown

TEXT = "Misi “Kabupaten Sejahtera”:\n1. Pembangunan jalan — 10 km\n2. Beasiswa untuk 1.000 siswa"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_common_encodings_decode(encoding):
    assert decode(TEXT.encode(encoding), "a.txt").lstrip("\ufeff") == TEXT


def test_latin1_accents_decode():
    text = "Visi pembangunan daerah: café, résumé dan naïve tetap terbaca di dokumen ini.\n" * 3
    assert decode(text.encode("latin-1"), "a.txt") == text


def test_utf8_with_stray_windows_1252_bytes_keeps_both():
    raw = "Visi “maju” é".encode("utf-8") + b" \x93sejahtera\x94"
    assert decode(raw, "a.txt") == "Visi “maju” é “sejahtera”"


def test_binary_junk_is_refused_with_a_reason():
    with pytest.raises(InputError, match="berkas biner"):
        decode(bytes(range(256)) * 20, "junk.txt")
    with pytest.raises(InputError):
        decode(b"\x00\x01\x02\x03" * 1000, "junk.txt")


def test_markdown_renders_headings_lists_and_inline_markup():
    source = ("# Visi dan Misi\n\nVisi: **Kota Maju**\n\n## Misi\n\n1. Membangun [jalan](http://x)\n"
              "    - jalan desa\n    - jalan kota\n2. Pendidikan *gratis*\n\n---\n\nPenutup")
    assert render_markdown(source) == (
        "Visi dan Misi\n\nVisi: Kota Maju\n\nMisi\n\n1. Membangun jalan\n  - jalan desa\n  - jalan kota\n"
        "2. Pendidikan gratis\n\nPenutup")


def test_markdown_setext_heading_and_lazy_continuation():
    assert render_markdown("Misi\n====\n\n- Membangun jalan\n  desa dan kota\n- Air") == (
        "Misi\n\n- Membangun jalan desa dan kota\n- Air")
