"""Links to other stories are blanked without moving any offset."""
from __future__ import annotations

from janji.facts.text import unquoted, visible
from janji.lang.sentences import bounds as sentence_bounds


def test_related_story_lines_are_blanked_in_place():
    text = "Paslon A-B berkampanye.\nBaca Juga: Paslon C-D Lolos Verifikasi\nSelesai. Baca juga: E-F menang\nAkhir."
    out = visible(text)
    assert len(out) == len(text)
    assert "C-D" not in out and "E-F" not in out
    assert "Paslon A-B berkampanye." in out and "Selesai." in out and "Akhir." in out


def test_quotes_blanked_and_sentences_skip_titles():
    text = 'Ia berkata, "saya akan membangun jalan." Dr. H. Ali, S.H. hadir. Lalu pulang.'
    assert "saya" not in unquoted(text)
    start, end = sentence_bounds(text, text.index("Ali"))
    assert text[start:end].strip() == "Dr. H. Ali, S.H. hadir."
