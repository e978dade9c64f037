"""The words Indonesian planning documents use for each kind of item, and how to spot them.

Headings ("Misi", "3.2.2 Misi Kepala Daerah Terpilih", "PROGRAM HASIL TERBAIK
CEPAT (QUICK WIN)") and list introductions ("… melalui lima misi utama.",
"Adapun sejumlah Misinya yaitu;") both tell which kind the list that follows
is made of.
"""
from __future__ import annotations

import re

from janji.lang import lazy
from janji.lang.numbers import CARDINAL, VAGUE_COUNTS, alternation, small_number
from janji.lang.gate import Gated

# Multi-word names first: they decide before the single words they contain.
PHRASES: list[tuple[str, str]] = [
    (r"program\s+(?:kerja\s+|prioritas\s+|unggulan\s+)?(?:\d+|seratus)\s+hari(?:\s+pertama|\s+kerja)?", "quick_win"),
    (r"(?:\d+|seratus)\s+hari\s+(?:pertama|kerja)", "quick_win"),
    (r"quick\s*wins?", "quick_win"),
    (r"(?:program\s+)?hasil\s+terbaik\s+cepat", "quick_win"),
    (r"arah\s+kebijakan", "program"),
    (r"faktor(?:-faktor)?\s+(?:penghambat|pendorong|pendukung)", "other"),
    (r"isu(?:-isu)?\s+strategis", "other"),
    (r"langkah(?:-langkah)?\s+strategis", "strategy"),
    (r"kata\s+kunci", "other"),
    # "tiga agenda sidang hari itu, yaitu …": the order of business of a meeting, not a programme
    (r"agenda\s+(?:utama\s+|pokok\s+)?(?:rapat|sidang|paripurna|acara|pertemuan|kunjungan)", "other"),
]
WORDS: list[tuple[str, str]] = [
    (r"visi", "vision"),
    (r"misi", "mission"),
    (r"tujuan", "goal"),
    (r"sasaran", "goal"),
    (r"target", "goal"),
    (r"program(?:-program)?", "program"),
    (r"kebijakan", "program"),
    (r"strategi", "strategy"),
    (r"langkah", "strategy"),
    (r"kegiatan", "activity"),
    (r"agenda", "program"),
    (r"prioritas", "program"),
    (r"janji", "program"),
]
KIND_PATTERN = Gated(lazy.compile(
    r"\b(?:" + "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(PHRASES)) + "|"
    + "|".join(f"(?P<w{i}>{w})(?:nya|ku|mu)?" for i, (w, _) in enumerate(WORDS)) + r")\b",
    re.IGNORECASE,
))

# A count before a kind word: "5 misi", "12 (dua belas) program", "lima sasaran", "beberapa program".
COUNT = r"(?:\d{1,3}(?:\s*\([a-z ]+\))?|" + CARDINAL + "|" + alternation(VAGUE_COUNTS) + r")"
COUNTED_KIND = Gated(lazy.compile(
    r"\b(?P<count>" + COUNT + r")\s+(?:(?:poin|butir|buah|pokok|point)\s+)?(?P<kind>"
    + "|".join(p for p, _ in PHRASES) + "|" + "|".join(w for w, _ in WORDS) + r")(?:nya)?\b",
    re.IGNORECASE,
))

# Words that open a list: "… sebagai berikut:", "yaitu", "antara lain", "Adapun sejumlah Misinya yaitu;".
LIST_OPENER = Gated(lazy.compile(
    r"(?:\bberikut(?:\s+ini)?|\byaitu|\byakni|\bantara\s+lain|\bdi\s?antaranya|\bmeliputi|\bialah|\badalah)"
    r"\s*[:;,.]?\s*$|:\s*$",
    re.IGNORECASE,
))
BACK_REFERENCE = lazy.compile(r"^\s*(?:tersebut|itu|ini|di\s+atas)\b", re.IGNORECASE)

# The kind words and counted kinds of each sentence, read once while one document is structured (the
# builder and the inline lists ask of the same sentence several times); emptied for every document.
_KIND_WORDS: dict[str, list[re.Match]] = {}
_COUNTED_KINDS: dict[str, list[re.Match]] = {}


def kind_words(text: str) -> list[re.Match]:
    """``list(KIND_PATTERN.finditer(text))``, once per text of the document being structured."""
    found = _KIND_WORDS.get(text)
    if found is None:
        if len(_KIND_WORDS) > 20_000:  # (asked outside a document's structuring: kept small all the same)
            _KIND_WORDS.clear()
        found = _KIND_WORDS[text] = list(KIND_PATTERN.finditer(text))
    return found


def counted_kinds(text: str) -> list[re.Match]:
    """``list(COUNTED_KIND.finditer(text))``, once per text of the document being structured."""
    found = _COUNTED_KINDS.get(text)
    if found is None:
        if len(_COUNTED_KINDS) > 20_000:
            _COUNTED_KINDS.clear()
        found = _COUNTED_KINDS[text] = list(COUNTED_KIND.finditer(text))
    return found


def forget_kinds() -> None:
    """Empty the per-document readings above (at the start of each document)."""
    _KIND_WORDS.clear()
    _COUNTED_KINDS.clear()


def kind_of_match(m: re.Match) -> str:
    for name, value in m.groupdict().items():
        if value is not None:
            index = int(name[1:])
            return PHRASES[index][1] if name[0] == "p" else WORDS[index][1]
    raise ValueError(m)


def count_value(text: str) -> int | None:
    """"12" -> 12, "dua belas" -> 12, "beberapa" -> None."""
    text = text.strip().lower()
    m = re.match(r"(\d+)", text)
    if m:
        return int(m.group(1))
    return small_number(text)


def kind_mentions(text: str) -> list[tuple[int, str]]:
    """(position, kind) of every item-kind word in ``text``, back references ("misi tersebut") left out."""
    out = []
    for m in kind_words(text):
        if BACK_REFERENCE.match(text[m.end():]):
            continue
        out.append((m.start(), kind_of_match(m)))
    return out


def announced_kind(text: str) -> tuple[str | None, int | None]:
    """The kind (and count) a sentence announces: "menetapkan lima sasaran" -> ("goal", 5).

    A counted kind wins ("Terdapat 32 poin misi program" -> the compound's last word,
    "program"); otherwise the last kind word that is not a back reference.
    """
    counted = None
    for m in counted_kinds(text):
        if BACK_REFERENCE.match(text[m.end():]):
            continue
        kind_text = m.group("kind")
        sub = KIND_PATTERN.match(kind_text)
        kind = kind_of_match(sub) if sub else None
        # "misi program", "visi misi": a compound of kind words is named by its last word
        tail = KIND_PATTERN.match(text, m.end() + 1) if m.end() < len(text) else None
        if tail and text[m.end():tail.start()].strip() == "":
            kind = kind_of_match(tail)
        counted = (kind, count_value(re.sub(r"\s*\(.*\)", "", m.group("count"))))
    if counted and counted[0]:
        return counted
    mentions = kind_mentions(text)
    if mentions:
        return mentions[-1][1], None
    return None, None


HEADING_LEAD = lazy.compile(
    r"^(?:(?:BAB\s+[IVXLC]+\.?\s*)?\d+(?:\.\d+)*\.?\s+|[A-H]\.\s+|[IVX]+\.\s+|selanjutnya\s*:\s*)?"
    # "Fokus Program 100 Hari Kerja", "Daftar Program Unggulan", "Rincian Misi": a word that names the section
    # as a list of what follows
    r"(?:(?:fokus|daftar|rincian|isi|pokok|poin|butir|rangkuman|ringkasan|inilah|ini)\s+(?=\w))?", re.IGNORECASE)


# a word that makes a line a sentence, not a heading; the phrases that name a quick-win heading anywhere in it
_SENTENCE_WORD = lazy.compile(r"\b(?:ini|itu|yang|bahwa|adalah|merupakan|bermakna|yaitu|yakni|akan|tersebut|ialah)\b",
                              re.IGNORECASE)
_QUICK_WIN_PHRASES = [lazy.compile(pattern, re.IGNORECASE) for pattern, kind in PHRASES if kind == "quick_win"]
_VISION_AND_MISSION = lazy.compile(r"visi\s*(?:,|dan|&|-|/)?\s*misi", re.IGNORECASE)


def heading_kind(text: str) -> str | None:
    """The kind a heading line introduces, or None if the line is no heading.

    A heading is short, has no sentence inside it and starts (after a section
    number) with a kind word: "Visi", "MISI", "Strategi Operasional Program 100
    Hari" (its head noun, strategi, decides), "PROGRAM PRIORITAS",
    "Faktor penghambat :".
    """
    stripped = text.strip()
    body = HEADING_LEAD.sub("", stripped, count=1).strip()
    body = body.rstrip(" :;")
    if not body or len(body.split()) > 9 or len(body) > 90:
        return None
    if re.search(r"[.!?]\s", body) or body.endswith((".", "!", "?", ",")):
        return None
    # a sentence that happens to start with "Misi …" ("Misi ini bermakna bahwa …") is no heading
    if _SENTENCE_WORD.search(body):
        return None
    m = KIND_PATTERN.match(body)
    if not m:
        return None
    kind = kind_of_match(m)
    # a heading named by a phrase anywhere ("PROGRAM HASIL TERBAIK CEPAT (QUICK WIN)") beats its first word,
    # unless its head noun is strategi ("Strategi Pelaksanaan Program 100 Hari").
    if kind != "strategy":
        if any(pattern.search(body) for pattern in _QUICK_WIN_PHRASES):
            return "quick_win"
    if kind == "vision" and _VISION_AND_MISSION.match(body):
        return "mission_vision"  # "Visi Misi dan Program …": a title, not a list heading
    return kind
