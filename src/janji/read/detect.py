"""Which reader a source needs, decided by its bytes (the file name only breaks ties).

A ``.pdf`` that is really an HTML error page, a ``.docx`` saved as ``.doc``, a
``.txt`` that holds HTML: the content wins over the extension.

Example:

    >>> detect(b"%PDF-1.7 ...", "visi-misi.docx")
    'pdf'
"""
from __future__ import annotations

import io
import re

from janji.errors import InputError
from janji.lang import lazy

FORMATS = ("text", "markdown", "html", "pdf", "docx")
MAX_UNPACKED_BYTES = 300_000_000  # a real DOCX, even with pictures, unpacks to far less

# Magic numbers of common non-text files people drop into a folder of sources,
# with the reason shown to the user (Bahasa Indonesia).
_BINARY_MAGIC: list[tuple[bytes, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "dokumen Office lama (.doc/.xls) atau dokumen Word terenkripsi; simpan ulang sebagai .docx tanpa kata sandi"),
    (b"\x89PNG\r\n\x1a\n", "berkas gambar (PNG), bukan dokumen teks"),
    (b"\xff\xd8\xff", "berkas gambar (JPEG), bukan dokumen teks"),
    (b"GIF87a", "berkas gambar (GIF), bukan dokumen teks"),
    (b"GIF89a", "berkas gambar (GIF), bukan dokumen teks"),
    (b"RIFF", "berkas media atau gambar, bukan dokumen teks"),
    (b"\x1f\x8b", "arsip terkompresi (gzip), bukan dokumen teks"),
    (b"Rar!", "arsip RAR, bukan dokumen teks"),
    (b"7z\xbc\xaf\x27\x1c", "arsip 7z, bukan dokumen teks"),
    (b"\x7fELF", "bukan dokumen teks (berkas biner)"),
    (b"MZ", "bukan dokumen teks (berkas biner)"),
    (b"{\\rtf", "dokumen RTF belum didukung; simpan sebagai .docx atau .pdf"),
]

_HTML_START = lazy.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|p|div|ol|ul|h[1-6]|table|article|section|main)\b",
                         re.I | re.S)
_TAG = lazy.compile(rb"</?(?:p|div|span|br|a|li|ul|ol|h[1-6]|table|tr|td|article|section|script|style|img)\b[^>]*>", re.I)
_MD_HEADING = lazy.compile(r"^#{1,6}\s+\S", re.M)
_MD_MARKUP = lazy.compile(r"\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|^\s*```", re.M)


def detect(raw: bytes, name: str = "") -> str:
    """Return one of :data:`FORMATS`, or raise :class:`InputError` for files no reader handles."""
    head = raw[:2048]
    lowered_name = name.lower()
    if b"%PDF-" in raw[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(raw, name)
    for magic, reason in _BINARY_MAGIC:
        if head.startswith(magic):
            raise InputError(name, reason)
    if _looks_like_html(head, raw):
        return "html"
    if lowered_name.endswith((".md", ".markdown")):
        return "markdown"
    # Markdown without the extension: several ATX headings or links/bold markup.
    sample = raw[:65536].decode("utf-8", errors="ignore")
    if len(_MD_HEADING.findall(sample)) >= 2 and _MD_MARKUP.search(sample):
        return "markdown"
    return "text"


def _zip_kind(raw: bytes, name: str) -> str:
    import zipfile  # only for ZIP bytes (DOCX)

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise InputError(name, "arsip ZIP/DOCX rusak") from None
    names = {info.filename for info in infos}
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > 200 * max(len(raw), 1) + 10_000_000:
        raise InputError(name, "DOCX mengembang terlalu besar saat dibuka (kemungkinan bom zip)")
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise InputError(name, "lembar kerja Excel belum didukung; salin isinya ke .docx atau .txt")
    if any(n.startswith("ppt/") for n in names):
        raise InputError(name, "presentasi PowerPoint belum didukung; simpan sebagai .pdf")
    if "content.xml" in names:
        raise InputError(name, "dokumen OpenDocument belum didukung; simpan sebagai .docx")
    raise InputError(name, "arsip ZIP, bukan dokumen Word (.docx)")


def _looks_like_html(head: bytes, raw: bytes) -> bool:
    # UTF-16 HTML is rare enough to treat via the text path's decoding first.
    probe = head
    if probe.startswith(b"\xef\xbb\xbf"):
        probe = probe[3:]
    if _HTML_START.match(probe):
        return True
    # A fragment (no <html>) still counts when markup is dense: many block tags early on.
    sample = raw[:65536]
    tags = len(_TAG.findall(sample))
    return tags >= 5 and tags * 40 >= min(len(sample), 4000)
