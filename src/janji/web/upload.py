"""Checks on what a visitor uploads, before the analyser sees it.

The portal accepts the formats the readers handle (text, Markdown, HTML, PDF,
DOCX) up to :data:`MAX_UPLOAD_BYTES`. The type is decided by the content as
well as the name: a ``.pdf`` that is not a PDF, or an executable renamed
``.txt``, is refused with a message saying why.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a visi-misi PDF is rarely over 2 MB; analysis cost grows with size
MAX_TEXT_CHARS = 500_000
ALLOWED_SUFFIXES = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html", ".htm": "html",
                    ".pdf": "pdf", ".docx": "docx"}


class UploadRejected(ValueError):
    """An upload the portal will not analyse; ``message`` is shown to the visitor as is."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Upload:
    name: str
    data: bytes
    format: str


def limit_label() -> str:
    return f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB"


def safe_name(name: str | None, default: str = "unggahan.txt") -> str:
    """The file's own name without any directory part a browser or a client may send."""
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    base = "".join(c for c in base if c.isprintable())[:120]
    return base or default


def check_upload(name: str | None, data: bytes) -> Upload:
    """Accept or refuse one uploaded file.

    Example:

        >>> check_upload("visi.txt", "Visi: Kota Tangguh".encode()).format
        'text'
    """
    name = safe_name(name)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"{name}: berkas terlalu besar ({len(data) / 1e6:.1f} MB); batas {limit_label()}", 413)
    if not data.strip():
        raise UploadRejected(f"{name}: berkas kosong")
    suffix = PurePath(name).suffix.lower()
    sniffed = sniff(data)
    if suffix and suffix not in ALLOWED_SUFFIXES:
        raise UploadRejected(f"{name}: jenis berkas {suffix} tidak didukung; unggah .txt, .md, .html, .pdf atau .docx", 415)
    expected = ALLOWED_SUFFIXES.get(suffix)
    if sniffed is None:
        raise UploadRejected(f"{name}: isi berkas bukan teks, HTML, PDF atau DOCX", 415)
    if expected in ("pdf", "docx") and sniffed != expected:
        raise UploadRejected(f"{name}: berakhiran {suffix} tetapi isinya bukan {expected.upper()}", 415)
    if expected in ("text", "html") and sniffed in ("pdf", "docx"):
        raise UploadRejected(f"{name}: berakhiran {suffix} tetapi isinya {sniffed.upper()}; ganti nama berkasnya", 415)
    return Upload(name=name, data=data, format=sniffed)


def check_text(text: str, name: str | None = None) -> Upload:
    """Accept or refuse pasted text."""
    name = safe_name(name, "teks-tempel.txt")
    if not text.strip():
        raise UploadRejected("teks kosong: tempel teks visi-misi atau pilih berkas")
    if len(text) > MAX_TEXT_CHARS:
        raise UploadRejected(f"teks terlalu panjang ({len(text):,} karakter); batas {MAX_TEXT_CHARS:,}".replace(",", "."), 413)
    if not PurePath(name).suffix:
        name += ".txt"
    return Upload(name=name, data=text.encode("utf-8"), format="text")


def sniff(data: bytes) -> str | None:
    """'pdf', 'docx', 'html', 'text', or None for anything else (images, archives, executables)."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:200_000] or b"[Content_Types].xml" in data[:200_000] else None
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        return None
    try:
        text = data[:65536].decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the 64 KiB boundary is still text
        if exc.start < 65536 - 4:
            try:
                text = data[:65536].decode("cp1252")
            except UnicodeDecodeError:
                return None
        else:
            text = data[: exc.start].decode("utf-8")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if text and controls / len(text) > 0.01:
        return None
    low = text[:4096].lstrip().lower()
    if low.startswith("<!doctype html") or low.startswith("<html") or "<body" in low[:4096]:
        return "html"
    return "text"
