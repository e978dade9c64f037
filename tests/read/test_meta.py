"""What an HTML page says about itself (janji.read.meta): the head only, never guessed from the body."""
from __future__ import annotations

import lxml.html

from janji.read.html import read_html_page
from janji.read.meta import page_meta


def meta(head: str, body: str = "<p>isi</p>") -> dict:
    return page_meta(lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>"))


def test_open_graph_and_canonical():
    got = meta('<title>Janji Jalan Desa | Warta Contoh</title><meta property="og:site_name" content="Warta Contoh">'
               '<link rel="canonical" href="https://warta.contoh.id/a/1"><meta property="og:url" content="https://x.id/b">'
               '<meta name="pubdate" content="2024-11-02T08:00:00Z">')
    assert got == {"title": "Janji Jalan Desa", "publisher": "Warta Contoh", "url": "https://warta.contoh.id/a/1",
                   "published": "2024-11-02T08:00:00Z"}


def test_json_ld_article_when_the_meta_tags_are_missing():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite"},'
          '{"@type": "NewsArticle", "headline": "Debat Kedua Pilkada Contoh", "datePublished": "2024-11-20T20:00:00+08:00",'
          '"url": "https://berita.contoh.id/debat", "publisher": {"@type": "Organization", "name": "Berita Contoh"}}]}'
          '</script>')
    got = meta(ld)
    assert got == {"title": "Debat Kedua Pilkada Contoh", "publisher": "Berita Contoh",
                   "url": "https://berita.contoh.id/debat", "published": "2024-11-20T12:00:00Z"}


def test_nothing_is_made_up():
    got = meta('<meta property="article:publisher" content="https://www.facebook.com/warta">'
               '<link rel="canonical" href="/relatif"><script type="application/ld+json">{rusak</script>',
               body="<p>Diterbitkan 2 November 2024 oleh Warta Contoh</p>")
    assert got == {"title": None, "publisher": None, "url": None, "published": None}


def test_the_reader_keeps_the_text_and_gives_the_meta():
    text, got = read_html_page(b'<html><head><meta property="og:title" content="Visi Misi">'
                               b'<meta property="article:published_time" content="2024-09-23"></head>'
                               b'<body><ol><li>Jalan</li></ol></body></html>', "x.html")
    assert text == "1. Jalan" and got["title"] == "Visi Misi" and got["published"] == "2024-09-23"
