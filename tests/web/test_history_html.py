"""A history's entries are rendered once per entry as it is (janji.web.render.EntriesHtml): the same HTML as
the macro renders, and an entry changed in any way is rendered again."""
from __future__ import annotations

from janji.web.render import make_templates


def entry(**more):
    base = {"id": 7, "item_id": 3, "region_id": 1, "status": "dalam proses", "label": "Dalam proses",
            "prev_status": "belum dinilai", "progress_value": 31.5, "progress_target": 100.0, "progress_unit": "km",
            "progress_percent": 31.5, "measured_on": "2026-06-30", "evidence_url": "https://jdih.example.go.id/a",
            "evidence_link": "https://jdih.example.go.id/a", "evidence_file": None, "evidence_document": None,
            "evidence_date": "2026-06-30", "note": "lelang selesai", "author": "Editor Contoh", "origin": "form",
            "base_version": 0, "created_at": "2026-07-01T08:00:00", "state": "published",
            "published_at": "2026-07-01T08:00:00", "reviewed_at": None, "review_note": None}
    return base | more


def test_entries_are_the_macros_html_and_rendered_once_each():
    env = make_templates()
    entries_html = env.globals["history_entries_html"]
    macro = env.get_template("track/_track.html").module.history_entry
    history = [entry(id=8, status="ditepati", note="diresmikan", evidence_file={"id": 4, "name": "foto.jpg"}),
               entry(), entry(id=6, origin="suggestion", evidence_document={"id": 2, "url": "/dokumen/2"})]
    args = ("WITA", "bukti dari saran", True)
    expected = "".join(str(macro(e, *args)) for e in history)
    assert str(entries_html(history, *args)) == expected
    rendered = []
    real = entries_html.macro

    def counting(e, *a):
        rendered.append(e["id"])
        return real(e, *a)

    entries_html.macro = counting
    assert str(entries_html(history, *args)) == expected and rendered == []  # all kept
    # an entry changed in any way (a note, a nested file name, its review state) is another entry
    changed = [history[0] | {"evidence_file": {"id": 4, "name": "foto-2.jpg"}}, history[1] | {"state": "pending"},
               history[2]]
    html = str(entries_html(changed, *args))
    assert rendered == [8, 7] and "foto-2.jpg" in html and "menunggu tinjauan" in html
    # and so is the same entry in another zone or without the review marks
    entries_html(history, "WIB", "bukti dari saran", True)
    entries_html(history, "WITA", "bukti dari saran", False)
    assert len(rendered) == 2 + 3 + 3
