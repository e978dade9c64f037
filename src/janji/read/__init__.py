"""Read stage: source bytes -> ``Document.text``, the format detected by content, not only by name.

Every reader renders the document's structure into plain text the same way,
so one structure stage reads all formats alike: one block per line,
paragraphs separated by a blank line, headings on their own line, list
entries as a line starting with their printed marker ("1. ", "a. ", "- ")
indented two spaces per nesting level, wrapped lines joined with one space
and line-end hyphenation undone. Plain text is kept as written.

Tables (HTML, DOCX, and PDF tables drawn with ruling lines) are written one row
per line, cells joined by " | ", and kept as grids in ``doc.tables`` with the
span of each cell in the text (:mod:`janji.read.tables`).

Example:

    >>> from janji.document import Document, Table
    >>> doc = Document.from_bytes(b"<ol><li>Jalan</li></ol>", "berita.txt")
    >>> read(doc); doc.source.format, doc.text
    ('html', '1. Jalan')
"""
from __future__ import annotations

from janji.document import Document, Table
from janji.errors import InputError
from janji.read.detect import detect
from janji.stage import stage

_FORMAT_NAMES = {"text": "teks", "markdown": "Markdown", "html": "HTML", "pdf": "PDF", "docx": "DOCX"}


@stage(requires=["raw"], assigns=["text", "tables", "source.format", "source.title", "source.publisher", "source.published",
                                   "source.url", "source.ocr_pages"])
def read(doc: Document) -> None:
    name = doc.source.name
    raw = doc.raw
    if not raw.strip(b" \t\r\n\x00\x0b\x0c"):
        raise InputError(name, "berkas kosong")
    fmt = detect(raw, name)
    try:
        tables: list[Table] = []
        text, meta = _read_format(fmt, raw, name, tables, ocr=doc.ocr)
    except InputError:
        raise
    except RecursionError:
        raise InputError(name, f"{_FORMAT_NAMES[fmt]} bersarang terlalu dalam untuk dibaca") from None
    except MemoryError:
        raise InputError(name, "berkas terlalu besar untuk dibaca") from None
    except Exception as exc:  # a reader library failing on a malformed file: one line, not a traceback
        raise InputError(name, f"{_FORMAT_NAMES[fmt]} rusak atau tidak dapat dibaca ({type(exc).__name__})") from exc
    if not text.strip():
        raise InputError(name, "tidak ada teks yang dapat dibaca")
    doc.text = text
    doc.tables = tables
    doc.source.format = fmt
    doc.source.title = meta.get("title")
    doc.source.ocr_pages = meta.get("ocr_pages") or None
    if meta.get("skipped_pages"):
        pages = ", ".join(str(n) for n in meta["skipped_pages"])
        doc.warnings.append(f"halaman {pages} tanpa lapisan teks tidak dibaca (OCR dimatikan: --ocr never)")
    # what the caller said about the source (``janji ingest --url``) wins over what the page says of itself
    for key in ("url", "publisher", "published"):
        if meta.get(key) and not getattr(doc.source, key):
            setattr(doc.source, key, meta[key])


def _read_format(fmt: str, raw: bytes, name: str, tables: list[Table], ocr: str = "auto") -> tuple[str, dict]:
    """The text and what the document says about itself (``title``; for HTML also publisher, url, published;
    for PDF the pages read with OCR); the document's tables go to ``tables``."""
    if fmt == "pdf":
        from janji.read.pdf import read_pdf_pages

        pdf = read_pdf_pages(raw, name, tables, ocr)
        return pdf.text, {"title": pdf.title, "ocr_pages": pdf.ocr_pages, "skipped_pages": pdf.skipped_pages}
    if fmt == "docx":
        from janji.read.docx import read_docx

        text, title = read_docx(raw, name, tables=tables)
        return text, {"title": title}
    if fmt == "html":
        from janji.read.html import read_html_page

        return read_html_page(raw, name, tables=tables)
    from janji.read.text import decode, render_markdown

    text = decode(raw, name)
    if fmt == "markdown":
        return render_markdown(text), {"title": _markdown_title(text)}
    return text, {"title": None}


def _markdown_title(text: str) -> str | None:
    for line in text.splitlines()[:50]:
        if line.startswith("# "):
            return line[2:].strip(" #") or None
    return None
