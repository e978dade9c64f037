"""Plain text and Markdown: bytes in any common encoding -> ``str``.

Plain text is kept as written (no reflow: the structure stage joins wrapped
lines itself); only the encoding is undone here, the clean stage normalises
newlines and spaces. Markdown is rendered into the same plain-text shape the
other readers produce: headings on their own line, list entries as
"1. " / "- " lines indented two spaces per level, emphasis and links reduced
to their text.

Example:

    >>> decode("Misi\\n1. Membangun".encode("cp1252"), "a.txt")
    'Misi\\n1. Membangun'
"""
from __future__ import annotations

import codecs
import re

from janji.errors import InputError
from janji.lang import lazy

BINARY_REASON = "bukan dokumen teks (berkas biner)"
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# C0 controls that never occur in real text (tab, newlines, form feed and ESC excluded).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_CONTROL_TABLE = bytes.maketrans(b"", b"")
_SAMPLE = 1 << 16
_STRAY = lazy.compile("[\udc80-\udcff]")
_NON_ASCII = lazy.compile("[^\x00-\x7f]")


def decode(raw: bytes, name: str) -> str:
    """Decode text bytes, or raise :class:`InputError` when they are not text at all."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    sample = raw[:_SAMPLE]
    if b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding is None:
            raise InputError(name, BINARY_REASON)
        return _check_text(raw.decode(encoding, errors="replace"), name)
    controls = len(sample) - len(sample.translate(_CONTROL_TABLE, _CONTROL_BYTES))
    if controls > max(2, len(sample) // 100):
        raise InputError(name, BINARY_REASON)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _utf8_with_legacy_bytes(raw)
    if mixed is not None:
        return mixed
    from charset_normalizer import from_bytes  # only for bytes that are not UTF-8 (importing it takes a while)

    matches = from_bytes(raw[: 1 << 20])
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError(name, "pengodean teks tidak dikenali (bukan UTF-8 atau pengodean umum lain)")
    encoding = best.encoding
    # Short Latin-script texts fit many single-byte code pages equally well; Indonesian documents
    # typed on Windows are Windows-1252, so it wins a tie.
    tied = {m.encoding for m in matches if m.percent_chaos <= best.percent_chaos + 0.5}
    for preferred in ("cp1252", "latin_1", "iso8859_15"):
        if preferred in tied and encoding not in ("utf_8", "ascii"):
            encoding = preferred
            break
    return _check_text(raw.decode(encoding, errors="replace"), name)


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text written without a BOM has a NUL in every other byte of ASCII runs."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    if odd / half > 0.3 and even / half < 0.05:
        return "utf-16-le"
    if even / half > 0.3 and odd / half < 0.05:
        return "utf-16-be"
    return None


def _utf8_with_legacy_bytes(raw: bytes) -> str | None:
    """Text that is UTF-8 with a few Windows-1252 bytes pasted in (a common copy-paste mix).

    Only used when real multi-byte UTF-8 sequences are present and the stray
    bytes are rare; otherwise the file is in one legacy encoding and
    charset-normalizer decides which.
    """
    text = raw.decode("utf-8", errors="surrogateescape")
    stray = len(_STRAY.findall(text))
    multibyte = len(_NON_ASCII.findall(text)) - stray
    if multibyte == 0 or stray > multibyte:
        return None
    return re.sub("[\udc80-\udcff]+",
                  lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", errors="replace"), text)


def _check_text(text: str, name: str) -> str:
    sample = text[:_SAMPLE]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f\x1b"))
    if bad > max(4, len(sample) // 50):
        raise InputError(name, BINARY_REASON)
    return text


# --- Markdown -----------------------------------------------------------------------------------

_FENCE = lazy.compile(r"^\s*(```|~~~)")
_ATX = lazy.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = lazy.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_ITEM = lazy.compile(r"^(\s*)([-*+]|\d{1,3}[.)]|[a-zA-Z][.)])\s+(.*)$")
_HR = lazy.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_IMAGE = lazy.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = lazy.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_EMPH = lazy.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")
_CODE = lazy.compile(r"`([^`]*)`")
_HTML_TAG = lazy.compile(r"</?[a-zA-Z][^>\n]*>")


def _inline(text: str) -> str:
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _CODE.sub(lambda m: m.group(1), text)
    for _ in range(2):  # nested emphasis such as ***x***
        text = _EMPH.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    text = _HTML_TAG.sub("", text)
    return text.replace("\\", "") if "\\" in text else text


def render_markdown(source: str) -> str:
    """Markdown -> the plain-text shape every reader produces.

    >>> render_markdown("## Misi\\n\\n* **Satu**\\n    * dua [tautan](http://x)")
    'Misi\\n\\n- Satu\\n  - dua tautan'
    """
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    indents: list[int] = []  # source indentation of each open list level
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _HR.match(line):
            out.append("")
            continue
        setext = _SETEXT.match(line)
        if setext and out and out[-1].strip() and not _MD_ITEM.match(out[-1]):
            continue  # the underline of a heading already on the previous line
        heading = _ATX.match(line)
        if heading:
            indents.clear()
            out.extend(["", _inline(heading.group(2)), ""])
            continue
        item = _MD_ITEM.match(line.expandtabs(4))
        if item:
            indent = len(item.group(1))
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            level = len(indents) - 1
            marker = item.group(2)
            marker = "-" if marker in "-*+" else marker
            out.append("  " * level + f"{marker} {_inline(item.group(3))}")
            continue
        if not line.strip():
            out.append("")
            continue
        if line.lstrip().startswith(">"):
            line = line.lstrip().lstrip(">").strip()
        text = _inline(line.strip())
        if indents and out and out[-1].strip() and line[:1].isspace():
            out[-1] += " " + text  # lazy continuation of a list entry
        else:
            if not line[:1].isspace():
                indents.clear()
            out.append(text)
    rendered = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", rendered).strip("\n")
