"""Build the item tree from lines: headings, list introductions, lists, nesting, inline statements.

One pass over the lines with a little state — the kind the current section
is about, the item new entries hang under, the open list levels — the way a
reader follows a document: a heading "Misi" makes the numbers below missions;
"Sasaran 1: … Program unggulannya:" is a goal with its programs below; bullets
under a numbered program are its activities.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from janji.document import Item
from janji.lang import lazy
from janji.structure.kinds import name_runs
from janji.structure.inline import (SPEECH_END, Span, find_inline_list, find_visions, sentences, split_entries,
                                    split_top_level, tidy)
from janji.lang.markers import LAST, line_marker
from janji.lang.sentences import running_prose
from janji.lang.morphology import VERB_START
from janji.structure.lines import Line, roman_or_alpha, split_lines
from janji.lang.numbers import CARDINAL, ORDINAL, ordinal_value, small_number
from janji.structure.vocab import COUNT, LIST_OPENER, announced_kind, forget_kinds, heading_kind
from janji.lang.gate import Gated

CHILD_KIND = {"vision": "mission", "mission": "goal", "goal": "program", "program": "activity",
              "quick_win": "activity", "strategy": "activity", "activity": "activity", "other": "other"}
RANK = {"vision": 0, "mission": 1, "goal": 2, "program": 3, "quick_win": 3, "strategy": 3, "activity": 4}
CONTINUING_WORDS = {"dan", "serta", "atau", "yang", "di", "ke", "dari", "untuk", "bagi", "dengan", "dalam", "pada",
                    "melalui", "oleh", "antara", "terhadap", "sebagai", "para", "akan", "–", "-", "&", "se"}
DISCOURSE_START = lazy.compile(
    r"^(?:sedangkan|sementara|selain|kemudian|namun|adapun|menurut|dalam|dengan|oleh|setelah|sebelum|"
    r"pasangan|paslon|calon|kandidat|ia|dia|mereka|kami|saya|pihaknya|hal\s+ini|ini|itu|berikut|"
    r"lanjut|lebih|sebagai|untuk|bahkan|tak|tidak|apalagi|karena)\b",
    re.IGNORECASE)
STATEMENT_HEADING = Gated(lazy.compile(
    r"^(?P<word>sasaran|tujuan|misi|visi|program(?:\s+(?:unggulan|prioritas|strategis))?|strategi|kebijakan|arah\s+kebijakan)"
    r"\s*(?P<num>(?:ke-?)?\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}|[a-z](?=\s*[:.)])|" + ORDINAL + r")?"
    r"\s*[:.)–—-]\s*(?P<body>\S.*)$",
    re.IGNORECASE,
))
# A programme's name in capitals ("Beasiswa Sukamaju Cerdas", "500 Ribu Lapangan Kerja Baru", "Program Penyaluran
# Rp 50 Miliar Kredit Usaha"), followed by what a report says of it: a comma, or a predicate of progress.
_NAME_WORD = r"(?:[A-Z0-9][\w'’.%/-]*|dan|&|di|untuk|bagi|ke)"
PROGRAMME_NAME = lazy.compile(
    r"(?P<name>[A-Z0-9][\w'’.%/-]*(?:\s+" + _NAME_WORD + r"){1,9}?(?:\s+[A-Z0-9][\w'’.%/-]*))"
    r"(?=\s*,\s+[a-z]|\s+(?:juga|telah|sudah|tercapai|mencapai|memiliki|merupakan|menjadi|berhasil|terealisasi|"
    r"terlaksana|dengan\s+(?:capaian|target|realisasi|anggaran))\b)")
# A programme named in a report's narration: "Program kedua adalah …", "Program selanjutnya, …".
NAMED_PROGRAMME = Gated(lazy.compile(r"^\W*program\s+(?:" + ORDINAL + r"|selanjutnya|berikutnya|lainnya|terakhir)\s*"
                             r"(?:,|:|adalah|yaitu|yakni|ialah)\s*", re.I))
# An ordinal opening a line without punctuation ("Keempat perluasan …"), read only where a list counts up to it.
BARE_ORDINAL = lazy.compile(r"(?:dan\s+)?(?P<w>" + ORDINAL + r")\s+(?=\S)", re.I)
# What opens the first entry of a list run on into a sentence: "Antaranya, …", "Di antaranya …", "Pertama, …".
FIRST_ENTRY = Gated(lazy.compile(r"^\W*(?:(?:di\s?)?antaranya|yakni|yaitu|salah\s+satunya|"
                               # "Pertama, …", "Program pertama, …", "Visi pertama, …" (numbered visions are missions)
                               r"(?:(?P<kind>visi|misi|program|sasaran|tujuan|prioritas)(?:nya)?\s+)?(?:pertama|kesatu))\b[\s,:]*",
                               re.I))
# "Daftarnya sebagai berikut:", "Adapun rinciannya yaitu:": an opener that names nothing of its own.
BACK_OR_NAME = lazy.compile(r"\b(?:(?:daftar|rincian|isi)(?:nya)?|adapun|berikut|sebagai|ini|itu|yaitu|yakni|antara|lain|ada|pun)\b"
                          r"|\W", re.I)
# "4 poin", "lima hal", "tiga pilar": a counted set whose noun names no kind of item ("… prioritas tersebut"
# points back at one).
COUNTED_SET = Gated(lazy.compile(r"\b" + COUNT + r"\s+(?:poin|point|hal|butir|pilar|bagian|aspek|fokus|prioritas|pokok)\b"
                         r"(?!\s+(?:tersebut|itu|ini|di\s+atas)\b)", re.I))
# What leads the paragraph holding an announced list's entries ("Yakni, A, B dan C."), and the next one's.
LEAD_CUE = Gated(lazy.compile(r"^\W*(?:yakni|yaitu|antara\s+lain|di\s?antaranya|meliputi|ialah)\b\s*[,:]?\s*", re.I))
NEXT_CUE = Gated(lazy.compile(r"^\W*(?:kemudian|selanjutnya|lalu|berikutnya|ditambah|serta|juga|termasuk)\b\s*[,:]?\s*", re.I))
# A table's header or number cell left on a line of its own by a PDF: "No.", "TAHUN 2014", "2015", "(Rp. Juta)".
TABLE_CELL = lazy.compile(r"[\W\d]*|(?:no|tahun|satuan|target|kondisi|realisasi|indikator|capaian|uraian)\b\W*(?:\d{4})?\W*",
                        re.IGNORECASE)
MISSION_REFERENCE = Gated(lazy.compile(r"\bmisi\s+(?:ke-?\s*)?(?P<n>\d{1,2}|" + ORDINAL + "|" + CARDINAL + r")\b", re.IGNORECASE))


@dataclass
class Level:
    mtype: str
    indent: int
    item: Item


@dataclass
class Builder:
    text: str
    items: list[Item] = field(default_factory=list)
    section_kind: str | None = None  # what entries of a new list are
    section_parent: Item | None = None  # where entries of a new list hang
    goal_parent: Item | None = None  # the mission a run of "Sasaran n:" headings belongs to
    run_kind: str | None = None  # an open run of unmarked lines (after "MISI" or "… misinya yaitu;")
    run_count: int = 0
    levels: list[Level] = field(default_factory=list)
    inline_programs: list[Item] = field(default_factory=list)
    taglines: list[tuple[Item, int]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # candidates' names: never items themselves
    child_kind: dict[str, str] = field(default_factory=lambda: dict(CHILD_KIND))
    last_inline: tuple[str, str, Item | None] | None = None  # (kind, repeated head, parent) of the last inline list
    last_statement: Item | None = None  # the last "Misi 1: …" heading item: lower headings below nest in it
    announced: bool = False  # the section was announced by a paragraph ("… sembilan program prioritas.") and is empty
    expected: int | None = None  # how many entries the announcing paragraph counted
    led: tuple[str, int | None] | None = None  # (kind, entries still expected) of a list led by "Yakni, …"
    next_led: tuple[str, int | None] | None = None  # the same, for an inline list the paragraph ends with
    line_sentences: list[tuple[int, int]] | None = None  # the sentences of every line of text, if known (clean's)

    # -- adding items ----------------------------------------------------------------------
    seen: dict[str, list[str]] = field(default_factory=dict)  # kind -> lower-cased texts, for restatements

    def add(self, item: Item, parent: Item | None) -> Item:
        self.announced = False
        if parent is None:
            self.items.append(item)
        else:
            parent.children.append(item)
        self.seen.setdefault(item.kind, []).append(item.text.lower())
        return item

    def all_items(self) -> list[Item]:
        out = []
        for item in self.items:
            out.extend(item.walk())
        return out

    def restates(self, text: str, kind: str) -> bool:
        """True when an item of ``kind`` with (nearly) this text already exists: a restatement, not a new item."""
        low = text.lower()
        for other in self.seen.get(kind, ()):
            # a ratio of 0.85 needs lengths within that proportion: skip the rest cheaply
            if 2 * min(len(low), len(other)) < 0.85 * (len(low) + len(other)):
                continue
            matcher = SequenceMatcher(None, other, low)
            if matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85:
                return True
        return False

    def make(self, kind: str, span: Span, label: str | None = None) -> Item:
        text = re.sub(r"\s+", " ", span.text).strip()
        return Item(kind=kind, text=text, label=label, span=(span.start, span.end))

    # -- sections --------------------------------------------------------------------------
    def set_section(self, kind: str | None, parent: Item | None = None, run: bool = True,
                    announced: bool = False) -> None:
        self.section_kind = kind
        self.section_parent = parent
        self.levels = []
        self.run_kind = kind if run else None
        self.run_count = 0
        self.announced = announced
        self.expected = None


def structure_text(text: str, names: set[str] | frozenset = frozenset(), kind: str | None = None,
                   line_sentences: list[tuple[int, int]] | None = None) -> list[Item]:
    """The item tree of ``text``; ``names`` are the candidates' names (never items), ``kind`` the document's;
    ``line_sentences`` the sentences of each line of ``text`` (``Document.sentences``), if already split."""
    forget_kinds()
    lines = split_lines(text)
    _fix_letter_sequences(lines)
    _mark_bare_ordinals(lines)
    headings = _news_subheadings(lines)
    b = Builder(text, names=set(names), line_sentences=line_sentences)
    if kind != "plan":
        # under a campaign's misi, a nested list holds programs; a plan's misi unfolds into tujuan/sasaran
        b.child_kind = dict(CHILD_KIND, mission="program")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.blank:
            if b.run_kind and b.run_count:
                b.run_kind = None
            i += 1
            continue
        if i in headings:
            b.levels = []
            b.run_kind = None
            i += 1
            continue
        if line.is_list and line.mtype == "bullet" and not b.section_kind and not b.levels \
                and running_prose(line.content):
            # "- Calon bupati … berkunjung ke pasar …. "Kami akan …," ujarnya. …": a page that put its whole
            # article in one bullet; what no list named and runs to several long sentences is a paragraph
            _paragraph(b, Span(text[line.content_start:line.end], line.content_start, line.end))
            i += 1
            continue
        if line.is_list and not (line.mtype == "ordinal" and not b.section_kind):
            i = _list_entry(b, lines, i)
            continue
        m = STATEMENT_HEADING.match(line.text)
        if m and _statement_heading(b, line, m):
            i += 1
            continue
        heading = heading_kind(line.text)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if heading and nxt is not None and not nxt.blank and not nxt.is_list and nxt.text[:1].islower():
            heading = None  # the line wraps into a sentence: no heading
        if heading == "mission_vision":
            i += 1
            continue
        if heading:
            owner = b.last_statement
            # "Misi 1: …" then "Program:" — a label ending in a colon, right below, names what that misi
            # holds; an upper-case section title ("PROGRAM PRIORITAS") opens a section of its own
            label_like = line.text.rstrip().endswith(":") and not line.text.isupper()
            near = owner is not None and owner.span is not None and line.start - owner.span[1] <= 200
            if owner is not None and label_like and near and RANK.get(heading, 9) > RANK.get(owner.kind, 9) \
                    and heading != "other" and owner.kind != "vision":
                b.set_section(heading, owner)  # "Misi 1: …" then "Program:" — the programs of that misi
            else:
                b.last_statement = None
                b.set_section(heading, None)
            i += 1
            continue
        # a paragraph: this line and the wrapped lines that continue it
        j = i + 1
        para_end = line.end
        while j < len(lines) and _wraps(lines[j - 1], lines[j]):
            para_end = lines[j].end
            j += 1
        k = j
        while k < len(lines) and lines[k].blank:
            k += 1
        opens_ordinals = k < len(lines) and lines[k].mtype == "ordinal" and lines[k].number == 2
        _paragraph(b, Span(text[line.start:para_end], line.start, para_end), opens_ordinals)
        i = j
    _verb_runs(b, text)
    name_runs(b.items, kind)
    _taglines_as_visions(b)
    return b.items


# "IMAN akan mewujudkan A melalui …" — the subject and "akan" a run's first sentence may carry before its verb
RUN_SUBJECT = lazy.compile(r"^(?:\S+\s+){1,3}?(?:juga\s+)?akan\s+(?=\w)", re.IGNORECASE)


def _verb_runs(b: Builder, text: str) -> None:
    """Missions stated one sentence each, with no list around them: three or more sentences in a row led by the same
    active verb ("Mewujudkan A yang aman melalui …. Mewujudkan A yang sehat melalui …. Mewujudkan …")."""
    taken = [it.span for it in b.all_items() if it.span]
    run: list[tuple[Span, bool]] = []
    runs: list[list[Span]] = []
    verb = None

    def close() -> None:
        # most of the run's sentences start with the verb itself, not "Kami akan …" (that is a speech)
        if len(run) >= 3 and 2 * sum(1 for _, led in run if not led) > len(run):
            runs.append([span for span, _ in run])

    for s in sentences(text, 0):
        lead = RUN_SUBJECT.match(s.text)
        body = Span(s.text[lead.end():], s.start + lead.end(), s.end) if lead else s
        m = VERB_START.match(body.text)
        word = m.group(0).lower() if m else None
        if word and word == verb:
            run.append((body, bool(lead)))
            continue
        close()
        run, verb = ([(body, bool(lead))], word) if word else ([], None)
    close()
    for run in runs:
        for span in run:
            entry = tidy(span)
            if not entry.text or len(entry.text.split()) > 40 or \
                    any(a < entry.end and entry.start < z for a, z in taken) or b.restates(entry.text, "mission"):
                continue
            item = b.make("mission", entry)
            index = next((k for k, it in enumerate(b.items) if it.span and it.span[0] > entry.start), len(b.items))
            b.items.insert(index, item)
            b.seen.setdefault("mission", []).append(item.text.lower())


# -- lists -----------------------------------------------------------------------------------

def _list_entry(b: Builder, lines: list[Line], i: int) -> int:
    line = lines[i]
    b.run_kind = None
    if _names_a_pair(line.content, b.names):
        # "1. Budi Santoso – Ani Lestari (Nomor Urut 1)": a heading over one pair's part, not an entry
        b.set_section(None)
        b.last_statement = None
        return i + 1
    # where does this entry go? an open level of the same marker type, or a new, deeper level
    while b.levels and not (b.levels[-1].mtype == line.mtype and b.levels[-1].indent <= line.indent + 1) \
            and b.levels[-1].indent >= line.indent and not _deeper(b.levels[-1], line):
        b.levels.pop()
    same = [k for k, lv in enumerate(b.levels) if lv.mtype == line.mtype and abs(lv.indent - line.indent) <= 1]
    if same:
        del b.levels[same[-1]:]
    if b.levels:
        parent = b.levels[-1].item
        kind = b.child_kind.get(parent.kind, "other")
    else:
        parent = b.section_parent
        kind = b.section_kind or "other"
    # the entry's own text: this line and its wrapped continuation lines
    end = line.end
    text_parts = [line.content]
    j = i + 1
    while j < len(lines):
        nxt = lines[j]
        if nxt.blank or nxt.is_list or heading_kind(nxt.text):
            break
        following = lines[j + 1] if j + 1 < len(lines) else None
        if not _continues(" ".join(text_parts), line, nxt, following):
            break
        text_parts.append(nxt.text)
        end = nxt.end
        j += 1
    raw = b.text[line.content_start:end]
    label = line.marker if line.mtype != "bullet" else None
    if line.mtype == "ordinal":
        pieces = _ordinal_entries(b.text, line)
    elif line.mtype == "bullet":
        pieces = _split_run_on_bullets(Span(raw, line.content_start, end))
    else:
        pieces = [Span(raw, line.content_start, end)]
    first = None
    for piece in pieces:
        piece = tidy(piece)
        if not piece.text:
            continue
        item = b.make(kind, piece, (piece.label or label) if line.mtype == "ordinal" else
                      (label if first is None else None))
        b.add(item, parent)
        first = first or item
    if first is not None:
        b.levels.append(Level(line.mtype or "bullet", line.indent, first))
    if line.mtype == "ordinal" and pieces and pieces[-1].label and re.fullmatch(LAST, pieces[-1].label, re.I):
        b.set_section(None)  # "Terakhir, …" closes the list: what follows is commentary
    return j


def _programme_name(span: Span) -> Span:
    """"Program Penyaluran Rp 50 Miliar Kredit Usaha, program ini sudah menjangkau …": an entry that opens
    with a programme's name in capitals, then reports on it, is that name (the report is prose)."""
    m = PROGRAMME_NAME.match(span.text)
    if not m:
        return span
    return Span(m.group("name"), span.start + m.start("name"), span.start + m.end("name"), span.label)


def _names_a_pair(text: str, names: set[str]) -> bool:
    """The text is only candidates' names ("Budi Santoso – Ani Lestari (Nomor Urut 1)", "Paslon 2: Budi-Ani")."""
    if not names:
        return False
    rest = re.sub(r"\([^()]*\)|\b(?:paslon|pasangan(?:\s+calon)?|nomor(?:\s+urut)?|no\.?)\b|\d+|[:.,]", " ", text,
                  flags=re.I)
    parts = [p.strip() for p in re.split(r"\s+[-–—&]\s+|\s*[-–—]\s*|\s+dan\s+", rest) if p.strip()]
    lowered = {n.lower() for n in names}
    return bool(parts) and all(part.lower() in lowered for part in parts)


def _ordinal_entries(text: str, line: Line) -> list[Span]:
    """A line opened by an ordinal ("Pertama, membentuk manusia religius. Masjid akan jadi pusat …"): the entry
    is its first sentence, the rest is commentary; a later sentence of the line opened by the next ordinal
    ("… Kedua, mewujudkan …") is the next entry."""
    sents = sentences(text[line.content_start:line.end], line.content_start)
    if not sents:
        return []
    out = [_programme_name(Span(sents[0].text, sents[0].start, sents[0].end, line.marker))]
    number = line.number
    for s in sents[1:]:
        marker = line_marker(s.text)
        if marker is None or marker.kind != "ordinal" or number is None or \
                (marker.number is not None and marker.number != number + 1):
            continue
        out.append(_programme_name(Span(s.text[marker.end:], s.start + marker.end, s.end, marker.label)))
        number = marker.number
        if number is None:
            break  # "Terakhir, …" closes the list
    return out


def _mark_bare_ordinals(lines: list[Line]) -> None:
    """"Keempat perluasan air bersih …" without a comma: an ordinal entry where the list lines before it
    counted up to the number before it ("Ketiga, …"); alone, "Kedua paslon …" is no entry."""
    previous = None
    for line in lines:
        if line.blank:
            continue
        if line.is_list:
            previous = line
            continue
        m = BARE_ORDINAL.match(line.text)
        if m and previous is not None and previous.mtype == "ordinal" and previous.number is not None \
                and ordinal_value(m.group("w")) == previous.number + 1:
            line.marker, line.mtype, line.number = m.group("w"), "ordinal", previous.number + 1
            line.content, line.content_start = line.text[m.end():].strip(), line.start + m.end()
            previous = line


def _first_of_ordinals(b: Builder, sents: list[Span]) -> bool:
    """"… 8 program unggulan pasangan ini. Antaranya, peningkatan honor guru ngaji …" followed by lines
    "Kedua, …": the sentence opened by "Antaranya" is the first entry of the list the ordinals continue."""
    last = sents[-1]
    m = FIRST_ENTRY.match(last.text)
    if not m:
        return False
    kind = None
    if m.group("kind"):
        kind, _ = announced_kind(m.group("kind"))
        kind = "mission" if kind == "vision" else kind
    for sent in reversed(sents):
        if kind:
            break
        kind, _ = announced_kind(sent.text)
    kind = kind or b.section_kind
    if not kind or kind in ("vision", "mission_vision"):
        return False
    for s in sents[:-1]:
        _sentence(b, s, [])
    b.set_section(kind, None)
    body = last.text[m.end():]
    speech = SPEECH_END.search(body)  # '… per bulan," ungkapnya.': the entry ends where the quote does
    if speech:
        body = body[:speech.start()]
    entry = tidy(Span(body, last.start + m.end(), last.start + m.end() + len(body)))
    if entry.text:
        b.add(b.make(kind, entry), None)
    return True


def _deeper(level: Level, line: Line) -> bool:
    return line.indent > level.indent + 1 or line.mtype != level.mtype


def _continues(current: str, marker_line: Line, nxt: Line, following: Line | None) -> bool:
    """Is ``nxt`` a wrapped continuation of the list entry started on ``marker_line``?"""
    if nxt.indent > marker_line.indent + 1 and nxt.indent >= 2:
        return True
    last_word = current.rstrip().split()[-1].lower() if current.strip() else ""
    if current.rstrip().endswith((",", "–", "-", "/", "&")) or last_word in CONTINUING_WORDS:
        return True
    ends_sentence = current.rstrip().endswith((".", "!", "?", ":", ";", "”", "\""))
    if not ends_sentence and nxt.text[:1].islower():
        return True
    if not ends_sentence and following is not None and following.is_list and following.mtype == marker_line.mtype \
            and len(nxt.text.split()) <= 6 and not nxt.text.endswith(":"):
        return True
    if not ends_sentence and following is None and len(nxt.text.split()) <= 6:
        return True
    return False


def _split_run_on_bullets(span: Span) -> list[Span]:
    """"… harapan hidup. - Peningkatan produktivitas …": two bullets that lost their line break."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.;!?])\s+[-–•·▪]\s+(?=[A-Z])", span.text):
        out.append(Span(span.text[start:m.start()], span.start + start, span.start + m.start()))
        start = m.end()
    out.append(Span(span.text[start:], span.start + start, span.end))
    return out


def _fix_letter_sequences(lines: list[Line]) -> None:
    previous = None
    last_letter: dict[str, int] = {}
    for line in lines:
        if not line.is_list:
            continue
        roman_or_alpha(line, previous)
        if line.mtype in ("alpha", "ALPHA"):
            # "H. Rahmat Wijaya" at the start of a line is a name's initial, not entry h of a list:
            # a letter entry starts a list at a or continues the letter before it
            expected = last_letter.get(line.mtype, 0) + 1
            if line.number not in (1, expected):
                line.marker = line.mtype = line.number = None
                line.content, line.content_start = line.text, line.start
                continue
            last_letter[line.mtype] = line.number
        previous = line


def _news_subheadings(lines: list[Line]) -> set[int]:
    """Numbered news sub-headings ("1. Ini Visi Misi …", "2. Ada janji …") are no items.

    They form a numbered sequence whose gaps hold whole lists of their own that
    start again at 1; a real list's entries follow each other (explanations
    between them are fine, a restarted list is not).
    """
    content = [0]  # content[k]: lines before k that are neither blank nor list entries
    for line in lines:
        content.append(content[-1] + (0 if line.blank or line.is_list else 1))
    runs: list[dict] = []
    by_last: dict[int, list[dict]] = {}
    restarts = 0
    for i, line in enumerate(lines):
        if not (line.is_list and line.mtype == "num" and line.indent <= 1):
            continue
        n = line.number
        candidates = by_last.get(n - 1, [])
        if n == 1 or not candidates:
            restarts += n == 1
            run = {"lines": [i], "touched": i, "mark": restarts, "gaps": []}
            runs.append(run)
            by_last.setdefault(n, []).append(run)
            continue
        # the run this entry continues: one whose last entry is right above (a plain list), otherwise
        # the oldest open one (sub-headings enclose the lists that restart between them)
        adjacent = [r for r in candidates if content[i] == content[r["touched"] + 1]]
        run = max(adjacent, key=lambda r: r["touched"]) if adjacent else min(candidates, key=lambda r: r["lines"][0])
        candidates.remove(run)
        by_last.setdefault(n, []).append(run)
        run["gaps"].append(restarts - run["mark"])  # lists restarted since this run's last entry
        run["lines"].append(i)
        run["touched"] = i
        run["mark"] = restarts
    out: set[int] = set()
    for run in runs:
        if run["gaps"] and all(g > 0 for g in run["gaps"]):
            out.update(run["lines"])
    return out


# -- headings that carry a statement ----------------------------------------------------------

def _statement_heading(b: Builder, line: Line, m: re.Match) -> bool:
    """"Sasaran 1: Meningkatnya Ketahanan Pangan. Program unggulannya:" -> a goal, programs below it."""
    word = m.group("word").lower()
    kind = heading_kind(word) or "program"
    body_start = line.start + m.start("body")
    body = m.group("body")
    child_kind = None
    trailing = re.search(r"(?:^|[.;]\s+)(?P<tail>[^.;]{0,60}?)\s*:\s*$", body)
    if trailing:
        tail_kind, _ = announced_kind(trailing.group("tail"))
        child_kind = tail_kind or CHILD_KIND.get(kind)
        body = body[:trailing.start()]
    elif body.rstrip().endswith(":"):
        return False
    if not m.group("num") and not child_kind and len(body.split()) > 25:
        return False
    span = tidy(Span(body, body_start, body_start + len(body)))
    if not span.text:
        return False
    label = None
    if m.group("num"):
        label = f"{m.group('word').strip().capitalize() if kind == 'goal' else ''} {m.group('num')}".strip()
        if kind != "goal":
            label = m.group("num")
    parent = b.goal_parent if kind == "goal" else None
    num = m.group("num") or ""
    if kind == "goal" and "." in num:
        # "Sasaran 1.2" under "Tujuan 1": the numbering says which goal it refines
        owner = next((g for g in reversed(b.all_items()) if g.kind == "goal" and g.label
                      and g.label.split()[-1] == num.rsplit(".", 1)[0]), None)
        parent = owner or parent
    item = b.make(kind, span, label)
    b.add(item, parent)
    b.last_statement = item
    if child_kind:
        b.set_section(child_kind, item, run=False)
    else:
        b.set_section(kind, parent, run=False)
    return True


# -- paragraphs ------------------------------------------------------------------------------

def _wraps(prev: Line, nxt: Line) -> bool:
    """A hard-wrapped paragraph (PDF text): the next line continues the sentence."""
    if nxt.blank or nxt.is_list or prev.blank or heading_kind(nxt.text) or STATEMENT_HEADING.match(nxt.text):
        return False
    if heading_kind(prev.text) and not prev.text.rstrip().endswith((",",)):
        return False
    tail = prev.text.rstrip()
    if tail.endswith((";", ",")):
        return not LIST_OPENER.search(tail)
    if tail.endswith((".", "!", "?", ":", "”", "\"", "’")) and nxt.text[:1].isupper():
        return False
    if tail.endswith((".", "!", "?", ":", ";")):
        return nxt.text[:1].islower()
    # no sentence end: a wrapped line when the next starts lower case or the line is long (a wrap)
    return nxt.text[:1].islower() or len(prev.text) >= 55 or tail.split()[-1].lower() in CONTINUING_WORDS


def _sentences(b: Builder, para: Span) -> list[Span]:
    """The sentences of a paragraph; of one whole line, those the clean stage found (the same split)."""
    text, known = b.text, b.line_sentences
    if known is None or "\n" in para.text or (para.start and text[para.start - 1] != "\n") \
            or (para.end < len(text) and text[para.end] != "\n"):
        return sentences(para.text, para.start)
    out = []
    for a, e in known[bisect.bisect_left(known, (para.start, -1)):]:
        if a >= para.end:
            break
        out.append(Span(text[a:e], a, e))
    return out


def _paragraph(b: Builder, para: Span, opens_ordinals: bool = False) -> None:
    sents = _sentences(b, para)
    if opens_ordinals and sents and _first_of_ordinals(b, sents):
        return
    if sents and NAMED_PROGRAMME.match(sents[0].text):
        m = NAMED_PROGRAMME.match(sents[0].text)
        rest = Span(sents[0].text[m.end():], sents[0].start + m.end(), sents[0].end)
        name = _programme_name(rest)
        if name is not rest:  # "Program kedua adalah Peningkatan Kesejahteraan Guru, indikatornya …"
            b.add(b.make(b.section_kind if b.section_kind in ("program", "quick_win") else "program", name), None)
            sents = sents[1:]
            if not sents:
                return
            para = Span(para.text[sents[0].start - para.start:], sents[0].start, para.end)
    if _led_entries(b, para, sents):
        return
    if b.run_kind and _entry_like(para.text, b.names):
        for s in sents:
            entry = tidy(s)
            if entry.text and not b.restates(entry.text, b.run_kind):
                b.add(b.make(b.run_kind, entry), b.section_parent)
                b.run_count += 1
        return
    if b.run_kind and b.run_count:
        b.run_kind = None
    if b.last_inline and b.last_inline[1] and para.text.startswith(b.last_inline[1] + " "):
        # "Sukamaju sebagai …, Sukamaju sebagai …" carried on into the next paragraph
        kind, head, parent = b.last_inline
        for entry in split_entries(para.text, para.start):
            if entry.text and not b.restates(entry.text, kind):
                b.add(b.make(kind, entry, entry.label), parent)
        return
    found_list = False
    b.next_led = None
    k = 0
    while k < len(sents):
        consumed, listed = _sentence(b, sents[k], sents[k + 1:])
        found_list = found_list or listed
        k += 1 + consumed
    if not found_list:
        _intro(b, para, sents)
    elif k == len(sents) and b.next_led:
        b.led = b.next_led  # the paragraph ended with the list


def _led_entries(b: Builder, para: Span, sents: list[Span]) -> bool:
    """Entries of an announced list given in the paragraphs after it, each paragraph led by a link word:
    "… menyiapkan sembilan program unggulan." / "Yakni, A (…), B (…), dan C." / "Kemudian, D, E, dan F."."""
    led, b.led = b.led, None
    if not sents:
        return False
    if b.announced and b.run_kind:
        cue, kind, remaining = LEAD_CUE.match(sents[0].text), b.run_kind, b.expected
    elif led:
        cue, (kind, remaining) = NEXT_CUE.match(sents[0].text), led
    else:
        return False
    if not cue or led and announced_kind(" ".join(sents[0].text[cue.end():].split()[:6]))[0]:
        return False  # "Kemudian, dalam 12 program …": a list of its own, not more of the last one
    first = sents[0]
    entries = split_entries(first.text[cue.end():], first.start + cue.end(), remaining)
    entries = [e for e in (tidy(e) for e in entries) if e.text]
    if len(entries) < (1 if led and remaining else 2) or any(len(e.text.split()) > 30 for e in entries) \
            or remaining and len(entries) > remaining or RUN_STOP_WORDS.search(first.text):
        return False
    for entry in entries:
        if not b.restates(entry.text, kind):
            b.add(b.make(kind, entry), None)
    left = remaining - len(entries) if remaining else None
    b.run_kind = None
    if left is None or left > 0:
        b.led = (kind, left)
    return True


RUN_STOP_WORDS = Gated(lazy.compile(r"\b(?:pasangan|paslon|calon|kandidat|kami|kita|saya|mereka|beliau|pihaknya|tersebut|"
                                  r"berikut|mengatakan|menyampaikan|menjelaskan|menurut|ujar\w*|kata(?:nya)?)\b",
                                  re.IGNORECASE))


def _entry_like(text: str, names: set[str]) -> bool:
    """Could this unmarked line be one entry of an open list (after "MISI" or "… Misinya yaitu;")?"""
    words = text.split()
    if not words or len(words) > 40 or DISCOURSE_START.match(text) or RUN_STOP_WORDS.search(text):
        return False
    if TABLE_CELL.fullmatch(text.strip()):
        return False
    if text.rstrip().endswith(":") or LIST_OPENER.search(text):
        return False
    if any(n and n.lower() in text.lower() for n in names):
        return False
    kind, count = announced_kind(text)
    if count:
        return False
    return all(len(s.text.split()) <= 25 for s in sentences(text))


# A quote that is only a vision formula: "Terwujudnya …", "Mewujudkan …", "Menuju …", "Menjadikan …"
QUOTED_VISION_FORMULA = lazy.compile(r"^[“\"](?P<body>(?:terwujudnya|mewujudkan|menuju|menjadikan)\s[^”\".!?]{3,150}?)[,.]?[”\"]",
                                   re.IGNORECASE)


def _sentence(b: Builder, s: Span, following: list[Span]) -> tuple[int, bool]:
    """Statements inside one sentence. Returns (sentences consumed beyond it, whether a list was found)."""
    # "Dalam misi dua … menaruh dua sasaran": the goals that follow belong to that mission
    ref = MISSION_REFERENCE.search(s.text)
    if ref and re.search(r"\b(?:sasaran|tujuan)\b", s.text, re.IGNORECASE):
        mission = _mission_by_number(b, ref.group("n"))
        if mission is not None:
            b.goal_parent = mission
    found = find_visions(s)
    quoted = None if found else QUOTED_VISION_FORMULA.match(s.text)
    if quoted and not any(it.kind == "vision" for it in b.items):
        if re.search(r"\bvisi", b.text[max(0, s.start - 300):s.start], re.IGNORECASE):
            # '… memaparkan visi misinya. “Terwujudnya Kota Harapan yang maju,” ujarnya.': the vision, quoted on its own
            found = [("vision", Span(quoted.group("body"), s.start + quoted.start("body"), s.start + quoted.end("body")))]
    for kind, span in found:
        if kind == "tagline":
            if not any(k == "vision" for k, _ in found):
                b.taglines.append((b.make("vision", span), span.start))
            continue
        if span.text.lower() in {n.lower() for n in b.names}:
            continue
        if not b.restates(span.text, kind):
            b.add(b.make(kind, span), None)
    if any(k == "mission" for k, _ in found):
        return 0, True
    if _program_paragraph(b, s):
        return 0, True
    inline, consumed = find_inline_list(s, following, b.names)
    if inline is not None and inline.kind != "other":
        kind = inline.kind
        parent = None
        for entry in inline.entries:
            if b.restates(entry.text, kind):
                continue
            item = b.add(b.make(kind, entry, entry.label), parent)
            if kind == "program":
                b.inline_programs.append(item)
        b.last_inline = (kind, inline.head, parent)
        b.run_kind = None
        b.next_led = (kind, None)  # "Termasuk A, B dan C." in the next paragraph carries the list on
        end = max(e.end for e in inline.entries)
        if not consumed and end < s.end and INLINE_RESTART.search(s.text[end - s.start:]):
            # "Tujuan …: 1. A 2. B Sasaran …: 1. C 2. D": the sentence goes on with a list of its own
            rest = s.text[end - s.start:]
            _sentence(b, Span(rest, end, s.end), [])
        return consumed, True
    return 0, False


INLINE_RESTART = lazy.compile(r":\s*\(?1[.)]\s")


def _mission_by_number(b: Builder, word: str) -> Item | None:
    n = small_number(word)
    missions = [it for it in b.items if it.kind == "mission"]
    for it in missions:
        if it.label and it.label.isdigit() and int(it.label) == n:
            return it
    if n and 0 < n <= len(missions):
        return missions[n - 1]
    return None


def _program_paragraph(b: Builder, s: Span) -> bool:
    """"Program perumahan yaitu melanjutkan …, kemudian penataan …": activities of a program named before."""
    if not b.inline_programs:
        return False
    head = " ".join(s.text.split()[:8]).lower()
    for program in b.inline_programs:
        name = program.text.lower()
        if len(name.split()) > 4 or program.children:
            continue
        m = re.search(r"(?:^|\s)" + re.escape(name) + r"\b", head) if name in head else None  # (no pattern compiled)
        if not m:
            continue
        pos = s.text.lower().find(name, m.start())
        rest = s.text[pos + len(name):]
        cue = re.match(r"\s*(?:yaitu|yakni|adalah|antara\s+lain|meliputi)?\s*[:,]?\s*", rest, re.IGNORECASE)
        rest_start = s.start + pos + len(name) + cue.end()
        rest = s.text[pos + len(name) + cue.end():]
        lead = re.match(r"[^,.]{0,60}?\b(?:bertekad|berjanji|berkomitmen|berencana|siap|akan)\s+(?:untuk\s+)?", rest, re.IGNORECASE)
        if lead:
            rest, rest_start = rest[lead.end():], rest_start + lead.end()
        parts = split_top_level(rest, rest_start, separators=r",\s*(?:kemudian|lalu|dan|serta)?\s*|;\s*")
        entries = [tidy(p) for p in parts]
        entries = [e for e in entries if e.text and len(e.text.split()) >= 2]
        if len(entries) >= 1 and all(len(e.text.split()) <= 30 for e in entries):
            for e in entries:
                program.children.append(b.make("activity", e))
            return True
        return False
    return False


# "75 persen dari 20 program prioritas sudah berjalan", "tujuh dari sepuluh program telah terealisasi": a
# counted set reported on (a share of it, or as done) is the subject of a report, not a list announced below
REPORTED_COUNT = lazy.compile(r"(?:\bpersen|%|\d|\b" + CARDINAL + r")\s+dari\s+(?:\d+|" + CARDINAL + r")\s+\w+|\b(?:berhasil|telah|sudah)\s+(?:di|ter)\w+\W*$",
                            re.IGNORECASE)


def _intro(b: Builder, para: Span, sents: list[Span]) -> None:
    """A paragraph that announces the list below it: "… melalui lima misi utama.", "… Misinya yaitu;"."""
    if not sents:
        return
    last = sents[-1].text
    opener = LIST_OPENER.search(last)
    kind, count = announced_kind(last)
    if kind == "program" and b.section_kind == "quick_win":
        kind = "quick_win"  # "… terdapat sembilan program prioritas" under a 100-day heading: its quick wins
    if opener:
        words = last[:opener.start()].split()
        tail = " ".join(words[-5:])
        tail_kind, _ = announced_kind(tail)
        if count is None:
            # the kind word nearest the opener; a counted set of no kind ("… dirangkum dalam 4 poin, yaitu:")
            # takes the kind the sentence names ("Misi …"); an opener naming nothing ("Daftarnya sebagai
            # berikut:") opens the list the paragraph before announced
            kind = tail_kind or (kind if COUNTED_SET.search(tail) else None) or (
                b.section_kind if b.announced and not re.search(r"\w", BACK_OR_NAME.sub("", last[:opener.start()])) else None)
        b.set_section(kind, None)
        return
    if kind and count and not REPORTED_COUNT.search(last):
        b.set_section(kind, None, announced=True)
        b.expected = count if isinstance(count, int) else None
    elif COUNTED_SET.search(last):
        # "Sedangkan misinya ada empat poin.", "Misi Budi tak sekadar kata-kata. Ada lima pilar.": a counted set
        # announces the list below; its kind is the one the paragraph names last
        for sent in reversed(sents):
            named, _ = announced_kind(sent.text)
            if named:
                b.set_section(named, None, announced=True)
                break


def _taglines_as_visions(b: Builder) -> None:
    """A tagline stands for the vision of a pair that stated no vision of its own in the same sentence."""
    for tagline, pos in b.taglines:
        if b.restates(tagline.text, "vision"):
            continue
        index = next((k for k, it in enumerate(b.items) if it.span and it.span[0] > pos), len(b.items))
        b.items.insert(index, tagline)
