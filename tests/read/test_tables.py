"""Readers keep tables as grids: merged cells, the cells' spans into the text, PDF pages in columns."""
from __future__ import annotations

import lxml.html
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from janji.document import Document
from janji.errors import InputError
from janji.pipeline import Pipeline
from janji.read import read
from janji.read.docx import read_docx
from janji.read.html import read_html_page, render
from janji.read.pdf import read_pdf


def _read(raw: bytes, name: str) -> Document:
    doc = Document.from_bytes(raw, name)
    read(doc)
    return doc


def _spans_hold(doc: Document) -> None:
    for table in doc.tables:
        for cell in table.cells():
            assert doc.text[cell.span[0]:cell.span[1]] == cell.text


def test_docx_merged_cells_are_one_cell_at_every_place_they_cover(builders):
    d = builders.new_docx()
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["Tujuan", "Sasaran", "Target"], ["Meningkatnya mutu layanan", "Sasaran A", "10"],
                             ["", "Sasaran B", "20"]]):
        for c, value in enumerate(row):
            if value:
                t.cell(r, c).text = value
    t.cell(1, 0).merge(t.cell(2, 0))
    doc = _read(builders.docx_bytes(d), "x.docx")
    (table,) = doc.tables
    assert table.texts() == [["Tujuan", "Sasaran", "Target"], ["Meningkatnya mutu layanan", "Sasaran A", "10"],
                             ["Meningkatnya mutu layanan", "Sasaran B", "20"]]
    assert table.rows[1][0] is table.rows[2][0]
    # the merged cell is written once, in its first row
    assert "Tujuan | Sasaran | Target\nMeningkatnya mutu layanan | Sasaran A | 10\nSasaran B | 20" in doc.text
    _spans_hold(doc)


def test_docx_cells_merged_across_columns(builders):
    d = builders.new_docx()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).text = "Indikator"
    t.cell(0, 1).text = "Target"
    t.cell(0, 1).merge(t.cell(0, 2))
    for c, value in enumerate(["Angka melek huruf", "98", "99"]):
        t.cell(1, c).text = value
    (table,) = _read(builders.docx_bytes(d), "x.docx").tables
    assert table.texts() == [["Indikator", "Target", "Target"], ["Angka melek huruf", "98", "99"]]
    assert table.rows[0][1] is table.rows[0][2]


def test_docx_hostile_column_spans_are_bounded(builders):
    d = builders.new_docx()
    t = d.add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            t.cell(r, c).text = f"sel {r} {c}"
    tc_pr = t.cell(0, 0)._tc.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="100000000"/>'))
    tables = []
    text, _ = read_docx(builders.docx_bytes(d), "x.docx", tables=tables)
    assert "sel 0 0" in text and len(tables[0].rows[0]) <= 64


def test_html_rowspan_and_colspan_give_the_grid():
    html = (b"<table><tr><th rowspan='2'>Sasaran</th><th colspan='2'>Target</th></tr><tr><th>2025</th><th>2029</th>"
            b"</tr><tr><td rowspan='2'>Meningkatnya mutu layanan</td><td>10</td><td>12</td></tr>"
            b"<tr><td>20</td><td>24</td></tr></table>")
    doc = _read(html, "x.html")
    (table,) = doc.tables
    # after trafilatura a merged cell is an empty one where it goes on: the grid keeps its columns
    assert table.texts() == [["Sasaran", "Target", ""], ["", "2025", "2029"],
                             ["Meningkatnya mutu layanan", "10", "12"], ["", "20", "24"]]
    _spans_hold(doc)
    # where the page is walked by hand, rowspan and colspan say which cell goes on
    found = []
    render(lxml.html.fromstring(html), found)
    assert found[0].rows[2][0] is found[0].rows[3][0] and found[0].rows[0][1] is found[0].rows[0][2]


def test_html_tables_go_to_the_list_given():
    tables = []
    text, _ = read_html_page(b"<table><tr><td>No</td><td>Program</td></tr><tr><td>1</td><td>Sekolah gratis</td></tr>"
                             b"</table>", "x.html", tables=tables)
    assert text == "No | Program\n1. Sekolah gratis"
    assert tables[0].texts() == [["No", "Program"], ["1", "Sekolah gratis"]]


def test_pdf_ruled_table_is_a_grid_and_its_loose_lines_are_gone(builders):
    doc = _read(builders.plan_pdf(), "rpjmd.pdf")
    (table,) = doc.tables  # over two pages, one table
    rows = table.texts()
    assert rows[0] == builders.PLAN_HEADER
    assert rows.count(builders.PLAN_HEADER) == 1  # the header repeated on the second page is dropped
    assert len(rows) == 1 + sum(len(inds) for _, sasaran in builders.PLAN for _, inds, _ in sasaran)
    # the cell text of a merged cell, written over several lines in its cell, is one line of the text
    assert "Meningkatnya kualitas sumber daya manusia | Meningkatnya derajat kesehatan masyarakat" in doc.text
    assert "\nAngka Harapan Hidup\n" not in doc.text
    _spans_hold(doc)


def test_pdf_without_rules_has_no_tables(builders):
    tables = []
    read_pdf(builders.pdf_list([(0, "1.", "Membangun jalan desa"), (0, "2.", "Sekolah gratis")]), "x.pdf",
             tables=tables)
    assert tables == []


def test_clean_keeps_the_cells_spans_in_step(builders):
    html = ("<p>Baca juga: Berita lain hari ini</p><table><tr><th>Sasaran</th><th>Satuan</th><th>2029</th></tr>"
            "<tr><td>Meningkatnya\u00a0mutu\u200b layanan</td><td>%</td><td>72,5</td></tr></table>").encode()
    doc = Document.from_bytes(html, "x.html")
    Pipeline(names=["read", "clean"])(doc)
    _spans_hold(doc)
    assert doc.tables[0].rows[1][0].text == "Meningkatnya mutu layanan"


@pytest.mark.parametrize("across", [True, False], ids=["written-across", "written-by-column"])
def test_two_column_pdf_reads_column_by_column(builders, across):
    text, _ = read_pdf(builders.pdf_two_columns(across=across), "dua-kolom.pdf")
    paragraphs = text.split("\n\n")
    assert paragraphs == ["Program Kerja Pasangan Calon Bupati Kabupaten Contoh", builders.COLUMN_LEFT,
                          builders.COLUMN_RIGHT]


def test_odd_merges_read_as_plain_cells(builders):
    """A merge that continues nothing (the first row) and a row skip that is no number read as ordinary cells."""
    d = builders.new_docx()
    t = d.add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            t.cell(r, c).text = f"sel {r} {c}"
    t.cell(0, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {nsdecls("w")} w:val="continue"/>'))
    t.rows[1]._tr.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="x"/>'))
    doc = _read(builders.docx_bytes(d), "x.docx")
    assert doc.tables[0].texts() == [["sel 0 0", "sel 0 1"], ["sel 1 0", "sel 1 1"]]
    _spans_hold(doc)


def test_a_broken_pdf_is_still_one_error():
    with pytest.raises(InputError, match="PDF"):
        read_pdf(b"%PDF-1.7\n" + b"x" * 200, "rusak.pdf")


def test_pdf_grid_drawn_as_one_path_is_a_table():
    """Some writers draw a table's every rule in one path: its segments are the rules."""
    import io as _io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    cells = [["Sasaran", "Indikator", "2029"], ["Meningkatnya mutu layanan", "Indeks kepuasan", "82,5"],
             ["Meningkatnya akses air bersih", "Cakupan air bersih", "95"]]
    xs, top, height = [60, 250, 420, 520], 700, 24
    buf = _io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 9)
    path = c.beginPath()
    for r in range(len(cells) + 1):
        path.moveTo(xs[0], top - r * height)
        path.lineTo(xs[-1], top - r * height)
    for x in xs:
        path.moveTo(x, top)
        path.lineTo(x, top - len(cells) * height)
    c.drawPath(path, stroke=1, fill=0)
    for r, row in enumerate(cells):
        for k, value in enumerate(row):
            c.drawString(xs[k] + 4, top - r * height - 15, value)
    c.showPage()
    c.save()
    tables = []
    text, _ = read_pdf(buf.getvalue(), "satu-path.pdf", tables=tables)
    assert tables[0].texts() == cells
    assert "Meningkatnya mutu layanan | Indeks kepuasan | 82,5" in text
