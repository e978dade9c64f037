import time

import pytest

from janji.read.html import read_html


def test_article_lists_keep_numbers_nesting_and_title(builders):
    text, title = read_html(builders.sample_html(), "berita.html")
    assert title == "Visi Misi"
    assert "Beranda" not in text and "document.write" not in text
    assert "Misi\n\n1. Membangun jalan desa\n2. Meningkatkan pendidikan\n  a. Sekolah gratis\n  b. Beasiswa" in text


def test_og_title_preferred_and_ol_start_and_bullets():
    html = (b"<html><head><title>t</title><meta property='og:title' content='Judul Asli'></head><body>"
            b"<p>Program unggulan pasangan calon:</p><ol start='4'><li>Jalan</li><li>Air</li></ol>"
            b"<ul><li>Satu</li><li>Dua<ul><li>Dua A</li></ul></li></ul></body></html>")
    text, title = read_html(html, "x.html")
    assert title == "Judul Asli"
    assert "4. Jalan\n5. Air\n\n- Satu\n- Dua\n  - Dua A" in text


def test_items_that_already_print_their_number_are_not_numbered_twice():
    text, _ = read_html(b"<ol><li>1. Jalan</li><li>2. Air</li></ol>", "x.html")
    assert text == "1. Jalan\n2. Air"


def test_br_lines_and_tables_become_lines():
    html = (b"<div><p>Visi<br>Kota maju</p><table><tr><th>No</th><th>Program</th></tr>"
            b"<tr><td>1</td><td>Sekolah gratis</td></tr><tr><td>2</td><td>Jalan mulus</td></tr></table></div>")
    text, _ = read_html(html, "x.html")
    assert "Visi\nKota maju" in text
    assert "No | Program\n1. Sekolah gratis\n2. Jalan mulus" in text


def test_charset_from_meta_is_used():
    html = "<html><head><meta charset='windows-1252'></head><body><p>“Kota Maju” café</p></body></html>"
    text, _ = read_html(html.encode("cp1252"), "x.html")
    assert "“Kota Maju” café" in text


def test_hostile_html_is_bounded():
    deep = b"<html><body>" + b"<div>" * 20000 + b"<p>Misi</p>" + b"</div>" * 20000 + b"</body></html>"
    start = time.process_time()  # CPU time: unaffected by other work on the machine
    read_html(deep, "deep.html")  # may find no text, must not blow the stack or hang
    nested_lists = b"<ul><li>" * 3000 + b"x" + b"</li></ul>" * 3000
    read_html(nested_lists, "lists.html")
    assert time.process_time() - start < 20


def test_list_typed_as_paragraphs_stays_together():
    text, _ = read_html(b"<div><p>Misi:</p><p>1. Membangun jalan</p><p>2. Air bersih</p><p>Penutup.</p></div>",
                        "x.html")
    assert text == "Misi:\n\n1. Membangun jalan\n2. Air bersih\n\nPenutup."


def test_double_br_is_a_paragraph_break():
    text, _ = read_html(b"<html><body><div>Visi<br>Kota maju<br><br>Misi<br>1. Jalan<br>2. Air</div>"
                        b"<table><tr><td>a<br><br>b</td></tr></table></body></html>", "x.html")
    assert text.startswith("Visi\nKota maju\n\nMisi\n1. Jalan\n2. Air")
    assert "\ue001" not in text


def test_pdf_lone_marker_joins_its_text():
    from janji.read.pdf import Line, layout

    lines = [Line("1.", 72, 80, 700, 11, 0), Line("Membangun jalan", 90, 200, 700, 11, 0),
             Line("2.", 72, 80, 686, 11, 0), Line("Air", 90, 120, 686.5, 11, 0)]
    assert layout(lines) == "1. Membangun jalan\n2. Air"


def test_paragraphs_with_br_lines_stay_apart():
    html = (b"<html><body><div><p><strong>VISI</strong><br>Kabupaten yang maju</p>"
            b"<p><strong>MISI</strong><br>1. Meningkatkan mutu SDM.<br>2. Membangun jalan.</p></div></body></html>")
    text, _ = read_html(html, "x.html")
    assert text == "VISI\nKabupaten yang maju\n\nMISI\n1. Meningkatkan mutu SDM.\n2. Membangun jalan."


# -- site menus around a short article -------------------------------------------------------------------------

def _short_page(top: str, article: str, bottom: str) -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>Berita</title></head><body>{top}"
            f"<main>{article}</main>{bottom}</body></html>").encode("utf-8")


MENUS = [
    # a header with the site's menu, naming its province and the province's towns
    ("<header><div class='logo'>Kabar Tengah</div><nav><ul>" + "".join(
        f"<li><a href='/{n}'>{w}</a></li>" for n, w in enumerate(["Beranda", "Jawa Tengah", "Semarang Raya",
                                                                    "Jawa Tengah Terkini", "Olahraga"]))
     + "</ul></nav></header>", "<footer><p>Hak cipta Kabar Jawa Tengah</p></footer>"),
    # a menu that is only a list of links, in no nav element, and a channel bar of links
    ("<div class='menu-atas'><ul>" + "".join(
        f"<li><a href='/{n}'>{w}</a></li>" for n, w in enumerate(["Home", "Nusa Tenggara Timur", "Kupang",
                                                                    "NTT Terkini"]))
     + "</ul></div><div class='kanal'><a href='/a'>Politik</a> <a href='/b'>Nusa Tenggara Timur</a> "
       "<a href='/c'>Ekonomi</a></div>", "<aside><a href='/d'>Nusa Tenggara Timur</a></aside>"),
]
ARTICLES = [
    ("<h1>Calon Bupati Wonogiri Janjikan Jalan Desa</h1><p>Calon Bupati Wonogiri nomor urut 2 menyampaikan dua "
     "janji:</p><ol><li>Membangun jalan desa 100 km</li><li>Sekolah gratis</li></ol>", "Kabupaten Wonogiri",
     ["Calon Bupati Wonogiri Janjikan Jalan Desa", "Calon Bupati Wonogiri nomor urut 2 menyampaikan dua janji:",
      "1. Membangun jalan desa 100 km", "2. Sekolah gratis"]),
    ("<h1>Program Calon Bupati Manggarai</h1><p>Pasangan calon bupati Manggarai berjanji menambah puskesmas "
     "keliling.</p>", "Kabupaten Manggarai",
     ["Program Calon Bupati Manggarai", "Pasangan calon bupati Manggarai berjanji menambah puskesmas keliling."]),
]


@pytest.mark.parametrize("menu", MENUS)
@pytest.mark.parametrize("article, region, lines", ARTICLES)
def test_site_menus_around_a_short_article_are_not_its_text(menu, article, region, lines):
    """A short article is below what the main-text extractor trusts; the page must still lose its menus."""
    from janji import analyze

    page = _short_page(menu[0], article, menu[1])
    text, _ = read_html(page, "berita.html")
    assert [line for line in text.splitlines() if line] == lines
    assert analyze(page, name="berita.html").region.name == region
