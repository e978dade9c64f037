import pytest

from janji.clean.whitespace import normalize
from janji.lang.words import join_wrapped


def test_normalize_newlines_spaces_controls_and_nfc():
    raw = "Visi\r\nMisi\rA\u00a0B\u200bC\u00ad\x07D\tE\n\t1. Jalan  \ncafe\u0301"
    assert normalize(raw) == "Visi\nMisi\nA BCD E\n  1. Jalan\ncafé"


def test_symbol_font_bullets_become_bullets():
    assert normalize("\uf0b7\tSatu\n  \uf0a7 Dua") == "• Satu\n  • Dua"


def test_normalize_keeps_indentation_and_blank_lines():
    assert normalize("Misi:\n\n  1. Satu\n    a. Dua\n") == "Misi:\n\n  1. Satu\n    a. Dua\n"


@pytest.mark.parametrize("left, right, joined", [
    ("pemba-", "ngunan jalan", "pembangunan jalan"),
    ("kegiatan sehari-", "hari", "kegiatan sehari-hari"),
    ("festival ogoh-", "ogoh", "festival ogoh-ogoh"),
    ("pandemi Covid-", "19", "pandemi Covid-19"),
    ("sayur-", "mayur", "sayur-mayur"),
    ("bolak-", "balik", "bolak-balik"),
    ("kemerah-", "merahan", "kemerah-merahan"),
    ("ke-", "kerasan", "kekerasan"),
    ("infra-", "struktur", "infrastruktur"),
    ("Provinsi Jawa-", "Bali", "Provinsi Jawa-Bali"),
    ("Kabupaten/", "Kota", "Kabupaten/Kota"),
    ("Membangun jalan", "desa", "Membangun jalan desa"),
    ("nilai 10 -", "20", "nilai 10 - 20"),
])
def test_join_wrapped(left, right, joined):
    assert join_wrapped(left, right) == joined
