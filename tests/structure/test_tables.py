"""Planning tables (RPJMD style) in PDF, DOCX and HTML read into the same tree: tujuan, their sasaran, their
programs; indicator rows give their sasaran the target of the period's last year, as quantities, not items."""
from __future__ import annotations

import pytest

from janji.document import Cell, Document, Table
from janji.pipeline import Pipeline, analyze, load_stage
from janji.structure.tables import plan_tables

FORMATS = ("pdf", "docx", "html")


@pytest.fixture(scope="module")
def analysed(builders):
    pipe = Pipeline(disable=["classify"])
    return {fmt: pipe.analyze_bytes(getattr(builders, f"plan_{fmt}")(), f"rpjmd.{fmt}") for fmt in FORMATS}


def _expected(builders):
    """The tree the invented plan stands for: (tujuan, [(sasaran, final targets, program, pagu)])."""
    out = []
    for tujuan, sasaran_list in builders.PLAN:
        out.append((tujuan, [(sasaran, [ind[4] for ind in indicators], program, pagu)
                             for sasaran, indicators, (program, pagu) in sasaran_list]))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plan_table_is_read_into_tujuan_sasaran_and_programs(fmt, analysed, builders):
    doc = analysed[fmt]
    goals = [it for it in doc.items if it.kind == "goal"]
    expected = _expected(builders)
    assert [g.text for g in goals] == [t for t, _ in expected]
    assert [g.label for g in goals] == ["1", "2", "3"]
    for goal, (_, sasaran_list) in zip(goals, expected):
        assert [(s.kind, s.text) for s in goal.children] == [("goal", s) for s, _, _, _ in sasaran_list]
        for sasaran, (_, _, program, _) in zip(goal.children, sasaran_list):
            assert [(p.kind, p.text) for p in sasaran.children] == [("program", program)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_indicator_rows_become_the_targets_of_their_sasaran(fmt, analysed):
    doc = analysed[fmt]
    by_text = {it.text: it for it in doc.walk()}
    health = by_text["Meningkatnya derajat kesehatan masyarakat"]
    assert [(q.value, q.unit, q.text) for q in health.quantities] == [(72.91, "tahun", "72,91"),
                                                                        (12.75, "persen", "12,75")]
    # a range written in the final year's cell stays a range
    assert [(q.value, q.unit) for q in by_text["Meningkatnya daya beli masyarakat"].quantities] == \
        [(5.1, "persen"), (5.45, "persen")]
    # the pagu goes to the row's program
    assert [(q.value, q.unit) for q in by_text["Program Pemenuhan Upaya Kesehatan Perorangan"].quantities] == \
        [(2_500_000_000, "rupiah")]
    assert [q.value for q in by_text["Program Pengembangan Usaha Mikro"].quantities] == [1_250_000_000]
    # the kondisi awal and the first year's targets are not the plan's targets
    assert all(q.value not in (71.8, 72.05, 19.4, 17.0) for q in health.quantities)


@pytest.mark.parametrize("fmt", FORMATS)
def test_indicators_headers_and_numbers_are_no_items(fmt, analysed, builders):
    doc = analysed[fmt]
    texts = {it.text for it in doc.walk()}
    indicators = {ind[0] for _, sasaran_list in builders.PLAN for _, inds, _ in sasaran_list for ind in inds}
    assert not texts & indicators
    assert not texts & set(builders.PLAN_HEADER)
    assert all("|" not in t for t in texts)
    # every row after the page break is read once: the repeated header makes no item and no duplicate
    third = [it for it in doc.items if it.kind == "goal"][2]
    assert len(third.children) == len(builders.PLAN[2][1]) == len({c.text for c in third.children})


@pytest.mark.parametrize("fmt", FORMATS)
def test_items_from_cells_keep_their_spans_into_the_text(fmt, analysed):
    doc = analysed[fmt]
    table_items = [it for it in doc.walk() if it.kind in ("goal", "program")]
    assert table_items
    for it in table_items:
        assert doc.text[it.span[0]:it.span[1]] == it.text


def test_the_formats_give_the_same_tree(analysed):
    def tree(doc):
        return [(it.kind, it.text, [(q.value, q.unit) for q in it.quantities]) for it in doc.walk()
                if it.kind != "vision"]

    assert tree(analysed["pdf"]) == tree(analysed["docx"]) == tree(analysed["html"])


def _doc(text: str, rows: list[list[str]]) -> Document:
    """A document whose text holds the rows as a reader writes them, with the table's grid."""
    doc = Document.from_bytes(b"", "x.txt")
    doc.text = text
    pos = 0
    grid = []
    for row in rows:
        cells = []
        for value in row:
            cell = Cell(value)
            if value:
                start = text.index(value, pos)
                cell.span = (start, start + len(value))
                pos = cell.span[1]
            cells.append(cell)
        grid.append(cells)
    doc.tables = [Table(grid)]
    return doc


def _run(doc: Document) -> None:
    """The stages after read, on a document whose text and tables were set by hand."""
    for name in ("clean", "facts", "structure", "quantities"):
        load_stage(name)(doc)


def test_a_table_that_is_no_plan_is_left_to_the_lines():
    rows = [["No", "Program", "Keterangan"], ["1", "Sekolah gratis", "SD dan SMP"], ["2", "Jalan mulus", "Desa"]]
    text = "No | Program | Keterangan\n1. Sekolah gratis | SD dan SMP\n2. Jalan mulus | Desa"
    assert plan_tables(_doc(text, rows).tables, text) == []


def test_tujuan_table_under_the_misi_heading_above_it():
    text = ("Misi 1: Mewujudkan masyarakat yang sehat dan cerdas\n\n"
            "Tujuan | Sasaran | Indikator | Satuan | 2029\n"
            "Meningkatnya derajat kesehatan | Menurunnya angka kesakitan | Angka kesakitan | % | 9,5\n\n"
            "Misi 2: Mewujudkan ekonomi daerah yang tangguh\n\n"
            "Tujuan | Sasaran | Indikator | Satuan | 2029\n"
            "Meningkatnya pendapatan warga | Meningkatnya produksi pertanian | Produksi padi | Ton | 410.000")
    first = [["Tujuan", "Sasaran", "Indikator", "Satuan", "2029"],
             ["Meningkatnya derajat kesehatan", "Menurunnya angka kesakitan", "Angka kesakitan", "%", "9,5"]]
    second = [["Tujuan", "Sasaran", "Indikator", "Satuan", "2029"],
              ["Meningkatnya pendapatan warga", "Meningkatnya produksi pertanian", "Produksi padi", "Ton", "410.000"]]
    doc = _doc(text, first + second)
    doc.tables = [Table(doc.tables[0].rows[:2]), Table(doc.tables[0].rows[2:])]
    _run(doc)
    missions = [it for it in doc.items if it.kind == "mission"]
    assert [m.label for m in missions] == ["1", "2"]
    assert [[g.text for g in m.children] for m in missions] == [["Meningkatnya derajat kesehatan"],
                                                                ["Meningkatnya pendapatan warga"]]
    crops = missions[1].children[0].children[0]
    assert crops.text == "Meningkatnya produksi pertanian"
    assert [(q.value, q.unit) for q in crops.quantities] == [(410000, "ton")]


def test_a_list_of_missions_then_one_table_keeps_the_table_apart():
    text = ("Misi:\n1. Mewujudkan masyarakat yang sehat\n2. Mewujudkan ekonomi yang tangguh\n\n"
            "Tujuan | Sasaran | Indikator | 2029\n"
            "Meningkatnya derajat kesehatan | Menurunnya angka kesakitan | Angka kesakitan | 9,5")
    rows = [["Tujuan", "Sasaran", "Indikator", "2029"],
            ["Meningkatnya derajat kesehatan", "Menurunnya angka kesakitan", "Angka kesakitan", "9,5"]]
    doc = _doc(text, rows)
    _run(doc)
    assert [it.kind for it in doc.items] == ["mission", "mission", "goal"]
    assert not doc.items[1].children


def test_plain_text_is_read_as_before():
    doc = analyze("Misi:\n1. Membangun jalan desa 100 km\n2. Sekolah gratis", name="x.txt")
    assert doc.tables == []
    assert [it.text for it in doc.items] == ["Membangun jalan desa 100 km", "Sekolah gratis"]
