"""Build small PDF, DOCX and HTML sources for tests (reportlab, python-docx), in memory.

Loaded by path from the conftest files of tests/read and tests/fuzz (tests are
not a package here).
"""
from __future__ import annotations

import io

from docx import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

FONT = "Helvetica"


def pdf_from_lines(pages: list[list[tuple[float, str]]], *, title: str | None = None, size: float = 11,
                   leading: float = 14, password: str | None = None) -> bytes:
    """Each page is a list of (x, text) lines drawn top-down; x=None means an empty line (a gap)."""
    buf = io.BytesIO()
    kwargs = {}
    if password:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(password, canPrint=0)
    c = canvas.Canvas(buf, pagesize=A4, **kwargs)
    if title:
        c.setTitle(title)
    for page in pages:
        y = 800.0
        for x, text in page:
            if x is not None:
                c.setFont(FONT, size)
                c.drawString(x, y, text)
            y -= leading
        c.showPage()
    c.save()
    return buf.getvalue()


def pdf_set(lines: list[tuple[float | str, str, float, float]], *, top: float = 800.0) -> bytes:
    """One page of lines set as a designer would: each (x, text, font size, distance from the previous
    baseline); x="center" centres the line on the page."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = top
    for x, text, size, advance in lines:
        y -= advance
        c.setFont(FONT, size)
        if x == "center":
            c.drawCentredString(A4[0] / 2, y, text)
        else:
            c.drawString(x, y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def wrap(text: str, width: float, size: float = 11) -> list[str]:
    return simpleSplit(text, FONT, size, width)


def pdf_list(entries: list[tuple[int, str, str]], *, intro: str = "", width: float = 300, title: str | None = None,
             page_numbers: bool = False) -> bytes:
    """A list as a word processor lays it out: (level, marker, text), hanging indent, wrapped at ``width``."""
    lines: list[tuple[float, str]] = []
    if intro:
        for line in wrap(intro, width):
            lines.append((72, line))
        lines.append((None, ""))
    for level, marker, text in entries:
        x = 72 + 24 * level
        c = canvas.Canvas(io.BytesIO())
        hang = c.stringWidth(marker + " ", FONT, 11)
        for i, line in enumerate(wrap(text, width - 24 * level - hang)):
            lines.append((x, f"{marker} {line}") if i == 0 else (x + hang, line))
    pages = [lines]
    if page_numbers:
        pages = [lines + [(None, "")] * 3 + [(290, "1")]]
    return pdf_from_lines(pages, title=title)


# --- DOCX ----------------------------------------------------------------------------------------

def _abstract_num(abstract_id: int, levels: list[tuple[str, str, int]]) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels))
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')


def add_numbering(document, levels: list[tuple[str, str, int]], *, start_override: int | None = None,
                  abstract_id: int | None = None) -> int:
    """Add a Word numbering definition; return its numId. ``levels``: (numFmt, lvlText, start) per ilvl."""
    numbering = document.part.numbering_part.element
    existing_abstract = [int(a.get(f'{{{numbering.nsmap["w"]}}}abstractNumId'))
                         for a in numbering.findall(f'{{{numbering.nsmap["w"]}}}abstractNum')]
    existing_num = [int(n.get(f'{{{numbering.nsmap["w"]}}}numId'))
                    for n in numbering.findall(f'{{{numbering.nsmap["w"]}}}num')]
    if abstract_id is None:
        abstract_id = max(existing_abstract, default=0) + 100
        # abstractNum elements must precede num elements
        first_num = numbering.find(f'{{{numbering.nsmap["w"]}}}num')
        element = parse_xml(_abstract_num(abstract_id, levels))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    num_id = max(existing_num, default=0) + 1
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
                if start_override is not None else "")
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                               f'{override}</w:num>'))
    return num_id


def abstract_of(document, num_id: int) -> int:
    numbering = document.part.numbering_part.element
    w = numbering.nsmap["w"]
    for num in numbering.findall(f"{{{w}}}num"):
        if num.get(f"{{{w}}}numId") == str(num_id):
            return int(num.find(f"{{{w}}}abstractNumId").get(f"{{{w}}}val"))
    raise KeyError(num_id)


def parse_numpr(num_id: int, ilvl: int = 0):
    return parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def numbered(document, text: str, num_id: int, ilvl: int = 0):
    """A paragraph in Word list ``num_id`` at level ``ilvl`` (the number is NOT in its text)."""
    p = document.add_paragraph(text, style="List Paragraph" if "List Paragraph" in
                               [s.name for s in document.styles] else None)
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def docx_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def new_docx(title: str | None = None):
    document = DocxDocument()
    if title:
        document.core_properties.title = title
    return document


def sample_docx() -> bytes:
    """A visi-misi DOCX with real multilevel Word numbering, a bullet list, a heading and a table."""
    d = new_docx("Visi Misi Paslon")
    d.add_heading("VISI DAN MISI", level=1)
    d.add_paragraph("Visi: Kabupaten yang maju dan sejahtera.")
    num = add_numbering(d, [("decimal", "%1.", 1), ("lowerLetter", "%2.", 1), ("bullet", "\uf0b7", 1)])
    numbered(d, "Membangun infrastruktur jalan desa", num, 0)
    numbered(d, "Jalan desa 100 km", num, 1)
    numbered(d, "Jembatan 20 unit", num, 1)
    numbered(d, "Meningkatkan mutu pendidikan", num, 0)
    numbered(d, "Sekolah gratis", num, 1)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "1"
    t.cell(0, 1).text = "Program beasiswa"
    t.cell(1, 0).text = "2"
    t.cell(1, 1).text = "Program kesehatan"
    return docx_bytes(d)


def sample_html() -> bytes:
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Visi Misi</title></head><body>"
            "<nav><a href='/'>Beranda</a></nav><article><h1>Visi Misi Paslon Nomor 1</h1>"
            "<p>Pasangan calon bupati menyampaikan visi dan misi mereka di hadapan DPRD pada Senin malam.</p>"
            "<h2>Misi</h2><ol><li>Membangun jalan desa</li><li>Meningkatkan pendidikan<ol type='a'>"
            "<li>Sekolah gratis</li><li>Beasiswa</li></ol></li></ol>"
            "<script>document.write('x')</script></article></body></html>").encode("utf-8")


def pdf_report() -> bytes:
    """A plan chapter laid out by reportlab's platypus: headings in larger fonts, justified paragraphs,
    a numbered list with a nested lettered list whose markers are set in another font size."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    body = ss["BodyText"]
    body.alignment = TA_JUSTIFY
    story = [
        Paragraph("BAB V VISI DAN MISI", ss["Heading1"]),
        Paragraph("Visi pembangunan daerah tahun 2025-2029 adalah terwujudnya masyarakat yang maju, sejahtera, "
                  "berkeadilan dan berkelanjutan melalui tata kelola pemerintahan yang bersih dan melayani "
                  "seluruh lapisan masyarakat tanpa kecuali.", body),
        Paragraph("5.2 Misi", ss["Heading2"]),
        ListFlowable([
            ListItem(Paragraph("Meningkatkan kualitas sumber daya manusia yang sehat, cerdas, berkarakter dan "
                               "berdaya saing tinggi melalui pemerataan layanan pendidikan dan kesehatan.", body)),
            ListItem([Paragraph("Mewujudkan pertumbuhan ekonomi yang inklusif.", body),
                      ListFlowable([
                          ListItem(Paragraph("Pengembangan UMKM dan koperasi berbasis digital di seluruh kecamatan "
                                             "dengan pendampingan yang berkelanjutan.", body)),
                          ListItem(Paragraph("Peningkatan produksi pertanian.", body))],
                          bulletType="a", bulletFormat="%s.", leftIndent=20)]),
            ListItem(Paragraph("Membangun infrastruktur wilayah yang merata.", body)),
        ], bulletType="1", bulletFormat="%s."),
        Paragraph("Penjelasan misi ini disusun berdasarkan hasil analisis isu strategis daerah dan aspirasi "
                  "masyarakat yang berkembang selama masa penyusunan dokumen.", body),
    ]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, title="RPJMD Bab V").build(story)
    return buf.getvalue()


def docx_from_text(text: str) -> bytes:
    """A DOCX as someone would type the text in Word: each run of "1." lines a real numbered list
    (restarting at its first number), "•"/"-" lines a bullet list, other lines plain paragraphs."""
    import re

    marker = re.compile(r"^(\s*)(?:(\d{1,3})[.)]|([a-z])[.)]|[•\-–])\s+")
    d = new_docx()
    current = None  # (kind, num_id) of the list being typed
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        m = marker.match(raw)
        if not m:
            d.add_paragraph(line)
            current = None
            continue
        kind = "decimal" if m.group(2) else "lowerLetter" if m.group(3) else "bullet"
        body = raw[m.end():].strip()
        level = 1 if len(m.group(1)) >= 4 and current is not None and current[0] != kind else 0
        if current is None or (level == 0 and current[0] != kind):
            start = int(m.group(2)) if m.group(2) else 1
            fmt = [(kind, "%1." if kind != "bullet" else "\uf0b7", start), ("bullet", "\uf0b7", 1)]
            current = (kind, add_numbering(d, fmt))
        numbered(d, body, current[1], level)
    return docx_bytes(d)


# --- planning tables (RPJMD style) ----------------------------------------------------------------
# An invented plan: tujuan, their sasaran, each sasaran's indicators (name, satuan, kondisi awal, 2025, 2029),
# its priority program and pagu. The third tujuan has enough sasaran for the table to run onto a second page.

PLAN_HEADER = ["No", "Tujuan", "Sasaran", "Indikator Sasaran", "Satuan", "Kondisi Awal (2024)", "2025", "2029",
               "Program Prioritas", "Pagu Indikatif"]
PLAN = [
    ("Meningkatnya kualitas sumber daya manusia", [
        ("Meningkatnya derajat kesehatan masyarakat",
         [("Angka Harapan Hidup", "Tahun", "71,80", "72,05", "72,91"),
          ("Prevalensi balita stunting", "%", "19,4", "17,0", "12,75")],
         ("Program Pemenuhan Upaya Kesehatan Perorangan", "Rp 2,5 miliar")),
        ("Meningkatnya mutu pendidikan dasar",
         [("Rata-rata Lama Sekolah", "Tahun", "8,12", "8,30", "8,86")],
         ("Program Pengelolaan Pendidikan Dasar", "Rp 4,75 miliar")),
    ]),
    ("Meningkatnya pertumbuhan ekonomi yang inklusif", [
        ("Meningkatnya daya beli masyarakat",
         [("Laju pertumbuhan ekonomi", "%", "4,92", "5,0", "5,10 - 5,45")],
         ("Program Pengembangan Usaha Mikro", "Rp 1.250.000.000")),
    ]),
    ("Meningkatnya pemerataan layanan dasar wilayah", [
        (f"Meningkatnya cakupan layanan {service} kawasan {area}",
         [(f"Cakupan layanan {service} kawasan {area}", "%", "60,0", "65,0", f"{70 + k},5")],
         (f"Program Layanan {service.title()} Kawasan {area.title()}", f"Rp {k},2 miliar"))
        for k, (service, area) in enumerate(((s, a) for s in ("air bersih", "sanitasi", "listrik", "jalan")
                                             for a in ("utara", "selatan", "timur", "barat", "pesisir", "perbukitan")),
                                            start=1)
    ]),
]
PLAN_INTRO = "Visi: Terwujudnya Kabupaten Contoh yang maju, adil dan lestari."
PLAN_CAPTION = "Tabel 4.2 berikut memuat arah pembangunan daerah selama lima tahun."
PLAN_AFTER = "Rincian pendanaan setiap perangkat daerah dimuat dalam bab berikutnya dari dokumen ini."


def plan_rows(tujuan_range: range | None = None) -> list[tuple[list[str], dict[int, int]]]:
    """The plan's rows (one per indicator) and, for each, the columns whose cell it starts that cover more rows
    below (column -> rows covered): No and Tujuan over their tujuan, Sasaran, Program and Pagu over their sasaran."""
    out = []
    for t, (tujuan, sasaran_list) in enumerate(PLAN, 1):
        if tujuan_range is not None and t not in tujuan_range:
            continue
        tujuan_rows = sum(len(s[1]) for s in sasaran_list)
        first_of_tujuan = True
        for sasaran, indicators, (program, pagu) in sasaran_list:
            for k, (name, unit, base, y1, y5) in enumerate(indicators):
                row = ["", "", "", name, unit, base, y1, y5, "", ""]
                spans: dict[int, int] = {}
                if first_of_tujuan:
                    row[0], row[1] = str(t), tujuan
                    spans.update({0: tujuan_rows, 1: tujuan_rows})
                    first_of_tujuan = False
                if k == 0:
                    row[2], row[8], row[9] = sasaran, program, pagu
                    spans.update({2: len(indicators), 8: len(indicators), 9: len(indicators)})
                out.append((row, spans))
    return out


def plan_docx() -> bytes:
    """The plan as Word tables with merged cells; the table is split in two (the second part on a new page),
    the header row repeated at the top of the second and marked as Word's repeating header row."""
    d = new_docx("RPJMD Kabupaten Contoh")
    d.add_paragraph(PLAN_INTRO)
    d.add_paragraph(PLAN_CAPTION)
    for part in (range(1, 3), range(3, 4)):
        rows = plan_rows(part)
        t = d.add_table(rows=1 + len(rows), cols=len(PLAN_HEADER))
        t.style = d.styles["Table Grid"]
        for c, h in enumerate(PLAN_HEADER):
            t.cell(0, c).text = h
        t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        for r, (row, _) in enumerate(rows, 1):
            for c, value in enumerate(row):
                if value:
                    t.cell(r, c).text = value
        for r, (_, spans) in enumerate(rows, 1):
            for c, n in spans.items():
                if n > 1:
                    t.cell(r, c).merge(t.cell(r + n - 1, c))
        if part.start == 1:
            d.add_page_break()
    d.add_paragraph(PLAN_AFTER)
    return docx_bytes(d)


def plan_html() -> bytes:
    """The plan as an HTML table: a two-row header ("Target Kinerja" over the years), rowspan for merged
    cells, and the header rows repeated inside the body where the printed table went on to a new page."""
    two_rows = {"Kondisi Awal (2024)", "2025", "2029"}
    head = "<tr>" + "".join(f"<th rowspan='2'>{h}</th>" for h in PLAN_HEADER[:5]) + \
        "<th colspan='3'>Target Kinerja</th>" + "".join(f"<th rowspan='2'>{h}</th>" for h in PLAN_HEADER[8:]) + \
        "</tr><tr>" + "".join(f"<th>{h}</th>" for h in PLAN_HEADER if h in two_rows) + "</tr>"
    body = ""
    for part in (range(1, 3), range(3, 4)):
        if part.start > 1:
            body += head.replace("th", "td")
        for row, spans in plan_rows(part):
            body += "<tr>" + "".join(
                f"<td rowspan='{spans[c]}'>{v}</td>" if spans.get(c, 1) > 1 else f"<td>{v}</td>"
                for c, v in enumerate(row) if v or c not in (0, 1, 2, 8, 9)) + "</tr>"
    page = ("<!doctype html><html><head><meta charset='utf-8'><title>RPJMD Kabupaten Contoh</title></head><body>"
            "<article><h1>Rancangan RPJMD Kabupaten Contoh 2025-2029</h1>"
            f"<p>{PLAN_INTRO}</p><p>{PLAN_CAPTION}</p><table><thead>{head}</thead><tbody>{body}</tbody></table>"
            f"<p>{PLAN_AFTER}</p></article></body></html>")
    return page.encode("utf-8")


def plan_pdf() -> bytes:
    """The plan as a ruled PDF table (reportlab) over two landscape pages: merged cells on the first page,
    the header row repeated on the second."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    ss = getSampleStyleSheet()
    small = ss["BodyText"].clone("cell", fontSize=7, leading=8.5)
    rows = plan_rows()
    data = [[Paragraph(h, small) for h in PLAN_HEADER]] + [[Paragraph(v, small) for v in row] for row, _ in rows]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for r, (row, spans) in enumerate(rows, 1):
        for c, n in spans.items():
            if n > 1 and r + n - 1 <= 8:  # merged cells on the first page only: a page break cuts a merge
                style.append(("SPAN", (c, r), (c, r + n - 1)))
    table = Table(data, repeatRows=1, colWidths=[22, 110, 120, 100, 35, 50, 35, 45, 120, 70])
    table.setStyle(TableStyle(style))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4), title="RPJMD Kabupaten Contoh").build(
        [Paragraph(PLAN_INTRO, ss["BodyText"]), Spacer(1, 6), Paragraph(PLAN_CAPTION, ss["BodyText"]), table,
         Spacer(1, 6), Paragraph(PLAN_AFTER, ss["BodyText"])])
    return buf.getvalue()


# --- pages in two columns -------------------------------------------------------------------------
COLUMN_LEFT = ("Pembangunan jalan desa dipercepat dengan anggaran yang cukup agar setiap desa terhubung ke pusat "
               "kecamatan dalam lima tahun. Petani mendapat bibit unggul dan pupuk bersubsidi setiap musim tanam, "
               "sementara penyuluh pertanian hadir di setiap kecamatan.")
COLUMN_RIGHT = ("Layanan kesehatan gratis diberikan bagi warga miskin di seluruh puskesmas. Sekolah negeri "
                "dibebaskan dari pungutan dan guru honorer menerima insentif bulanan yang layak mulai tahun "
                "pertama masa jabatan kepala daerah.")


def pdf_two_columns(*, across: bool) -> bytes:
    """A page with a title across the top and two columns of text below it. ``across``: the content is
    written line across line (left line, right line, …), as some converters write it; otherwise column
    after column."""
    size, leading, width = 10, 13, 230
    left, right = wrap(COLUMN_LEFT, width, size), wrap(COLUMN_RIGHT, width, size)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont(FONT, 14)
    c.drawString(60, 790, "Program Kerja Pasangan Calon Bupati Kabupaten Contoh")
    c.setFont(FONT, size)
    top = 760
    if across:
        for i in range(max(len(left), len(right))):
            if i < len(left):
                c.drawString(60, top - leading * i, left[i])
            if i < len(right):
                c.drawString(310, top - leading * i, right[i])
    else:
        for i, line in enumerate(left):
            c.drawString(60, top - leading * i, line)
        for i, line in enumerate(right):
            c.drawString(310, top - leading * i, line)
    c.showPage()
    c.save()
    return buf.getvalue()
