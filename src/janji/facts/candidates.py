"""Candidate pairs: who runs (head, deputy), their ballot number, parties, incumbency and nicknames.

Pairs are found where Indonesian news writes them:

- joined by a dash: "Zubaedi Karim–Rizal Fahmi", "Rudi-Huda", dash lists of pairs, and two
  pairs run together ("Rudy Nasrun-Surya Edi Rahmanto-Hasan Bisri Siregar. Kedua paslon …");
- joined by "dan" after a candidate word: "Pasangan calon nomor urut 1, Dr. H. Irwan Hadiputra,
  S.E., M.Si., dan Dadang MuKhlis Aly", "Pasangan kandidat nomor satu Jefri Lumenta dan Hendra Pangkey";
- a numbered head whose deputy follows: "calon Wali kota nomor tiga, Syamsudin … wakilnya
  yakni Yohanis Rumengan";
- a head and the running mate a verb gives it: "Eko Saputro maju berpasangan dengan Armadi",
  "… dilantik bersama wakilnya, Armadi", "… bersama Armadi selaku wakilnya";
- the offices said before the names: "calon gubernur A dan calon wakil gubernur B", "Kandidat
  Gubernur A dan B";
- KPU lists and tables: "H. SUGENG PURNAMA, S.H. dan SURONO", one name a line, "No | Calon Bupati |
  Calon Wakil Bupati | Partai Pengusung" rows, numbered lists with each pair's visi and misi between.

A candidate whose running mate the text never names is a candidate of his own: "Calon Bupati X nomor
urut 1, A", "Calon Bupati X, A", "A … sebagai calon gubernur", rivals after a plural ("dua calon
gubernur, A dan B"). A document about no candidate pair speaks for the office holder it names
(:func:`office_holders`). A ballot number may come in a later sentence ("paslon bernomor urut 2 … ini").

A name is capitalised name words: a headline runs on after it ("Kartini Adu Gagasan Soal Sampah")
and ends it; a pair on a title-case headline line is read after the body's pairs, so "Hardi dan
Kartini" (two rivals) is never taken for a pair when the body names the real ones.

Later, shorter forms of a known pair ("Fikri-Ervan", "Zubaedi-Rizal", "Dewi-Bagja" for Ratna Dewi and
Subagja Hidayat) become its aliases;
a fuller form ("Sarmidi Latang dan Lala Wonsu" after "Sarmidi Latang-Wonsu") completes it; a
pair whose head is known but whose deputy differs is a slip of the writer and is ignored.

Example:
    >>> [c.head for c in detect("Pasangan calon nomor urut 1 Wina Rosalina-Dedi Arman (Windi).")]
    ['Wina Rosalina']
"""
from __future__ import annotations

import bisect
import re

from janji.document import Candidate, Region
from janji.facts import aliases, offices
from janji.lang import names as names_
from janji.facts import parties as parties_
from janji.facts import region as region_
from janji.data import regions
from janji.facts.patterns import (
    AND_ANCHOR, AND_PAIR, CANDIDATE_CUE, DASH, DASH_ANCHOR, DASH_CHAIN, DEPUTY_AFTER, NAME, NAME_WORD, NUM, NUMBER_REF,
    BALLOT_WORDS, SINGLE_NUMBERED, STOP, anchored, clean_name, headline_run, headline_word, inner_part, name_tokens, names_pair, number_value, plausible_name,
    name_then_words, not_a_ballot_number, same_person, split_words, words_then_name, words_within,
)
from janji.facts.roles import incumbency
from janji.lang import lazy
from janji.lang.sentences import bounds as sentence_bounds
from janji.lang.names import TITLE_WORDS
from janji.lang.numbers import COLLECTIVE
from janji.lang.sentences import ends
from janji.lang.gate import Gated


class _Builder:
    """Collects pairs in the order the text introduces them, merging forms of the same pair."""

    def __init__(self, text: str):
        self.text = text
        self.lower_seen = {w for w in re.findall(r"\b[a-z][a-z]+\b", text)}
        self.cands: list[Candidate] = []
        self.first_pos: list[int] = []

    def in_text_order(self) -> None:
        order = sorted(range(len(self.cands)), key=lambda i: self.first_pos[i])
        self.cands[:] = [self.cands[i] for i in order]
        self.first_pos[:] = [self.first_pos[i] for i in order]

    def find(self, head: str | None, deputy: str | None = None) -> Candidate | None:
        for cand in self.cands:
            if names_pair(head, cand, "head") and (deputy is None or cand.deputy is None or names_pair(deputy, cand, "deputy")
                                                   or inner_part(deputy, cand.deputy) or inner_part(head, cand.head)):
                return cand  # "Dewi-Bagja" for "Ratna Dewi" and "Subagja Hidayat": the pair's joint nickname
        return None

    def pair(self, head: str, deputy: str | None, pos: int, written: str, new_ok: bool, number: int | None):
        if not (plausible_name(head) and (deputy is None or plausible_name(deputy))):
            return None
        cand = self.find(head, deputy)
        if cand is None and deputy:
            # "Bandung Bersih Versi Arya-Yuni": a headline runs into the pair name
            words = split_words(head)
            for i in range(1, len(words)):
                cand = self.find(" ".join(words[i:]), deputy)
                if cand is not None:
                    head = " ".join(words[i:])
                    written = written[written.find(words[i]):] if words[i] in written else written
                    break
        if cand is None:
            clash = any(same_person(head, c.head) or (deputy and same_person(deputy, c.deputy)) for c in self.cands)
            # "Gus Zubed" alone is a nickname of a pair named elsewhere; with its ballot number
            # ("paslon nomor urut 1 Hendi Sulistyo-Gus Fikar") it is how the pair registered
            nickname = names_.honorific(head) or (deputy and names_.honorific(deputy))
            if clash or not new_ok or (nickname and not number):
                return None  # a known head with another deputy: a slip of the writer, the first form wins
            cand = Candidate(head=head, deputy=deputy)
            self.cands.append(cand)
            self.first_pos.append(pos)
        else:
            i = self.cands.index(cand)
            if new_ok and pos < self.first_pos[i]:
                self.first_pos[i] = pos  # a cued short form before the full one still introduces the pair
            if words_within(cand.head, head) and len(name_tokens(head)) > len(name_tokens(cand.head)) and not _headline_extra(cand.head, head):
                cand.head = head
            if deputy and (cand.deputy is None or (words_within(cand.deputy, deputy) and len(name_tokens(deputy)) > len(name_tokens(cand.deputy))
                                                   and not _headline_extra(cand.deputy, deputy))):
                cand.deputy = deputy
            elif deputy and (head != cand.head or deputy != cand.deputy) and not _headline_extra(cand.deputy, deputy) \
                    and not _headline_extra(cand.head, head):
                alias = re.sub(r"\s*[-–—]\s*", "-", written.strip())
                if alias.rfind(deputy) > 0:
                    alias = alias[:alias.rfind(deputy) + len(deputy)]  # "Dewi-Bagja Pada Pilkada …": the headline goes on
                if alias not in cand.aliases and "-" in alias:
                    cand.aliases.append(alias)  # "Fikri-Ervan", "Zubaedi-Rizal"
        if number and cand.number is None and all(c.number != number for c in self.cands):
            cand.number = number
        return cand


def _headline_extra(known: str, longer: str) -> bool:
    """The longer form adds a headline word to a known name ("Danu Mahendra Bangun" in "… Bangun TPST")."""
    return any(w not in name_tokens(known) and headline_word(w) for w in name_tokens(longer))


def _number_before(text: str, start: int, floor: int) -> tuple[int, int] | None:
    """(number, offset) of the ballot number written just before a pair ("paslon nomor urut 2 I Gusti …")."""
    window_start = max(floor, start - 70, sentence_bounds(text, start)[0])
    found = None
    for m in NUMBER_REF.finditer(text, window_start, start):
        if not not_a_ballot_number(text, m.start(), m.end()):
            found = m
    if found and ";" not in text[found.end():start] and next(ends(text, found.end(), start, lines=True), None) is None:
        return number_value(found.group("n")), found.start()
    return None


NUMBER_LINE = Gated(lazy.compile(rf"(?im)^[ \t]*(?:(?:pasangan[ \t]+calon|paslon)[ \t]+)?(?:nomor|no\.)[ \t]*urut[ \t]*:?[ \t]*(?P<n>{NUM})[ \t]*:?[ \t]*\n"))


def _number_line_before(text: str, start: int) -> tuple[int, int] | None:
    """A heading line "Nomor Urut 1" right above the line that names the pair (KPU lists)."""
    line_start = text.rfind("\n", 0, start)
    if line_start < 0:
        return None
    prev_start = text.rfind("\n", 0, line_start) + 1
    m = NUMBER_LINE.match(text, prev_start, line_start + 1)
    return (number_value(m.group("n")), m.start("n")) if m else None


_LIST_NUMBER = lazy.compile(rf"[ \t]*(\d{{1,2}})[.)][ \t]+(?:{TITLE_WORDS}\.?[ \t]*)*", re.I)
_BALLOT_HEADING = lazy.compile(r"nomor\s+urut(?!\s*\d)", re.I)


def _number_list_marker(text: str, start: int) -> tuple[int, int] | None:
    """"1. HARDI KUSWOYO - DANU MAHENDRA" under "Penetapan Nomor Urut …": the list number is the ballot number."""
    line_start = text.rfind("\n", 0, start) + 1
    m = _LIST_NUMBER.match(text[line_start:start])
    if m and line_start + m.end() == start and _BALLOT_HEADING.search(text[max(0, line_start - 400):line_start]):
        return int(m.group(1)), line_start + m.start(1)
    return None


_NUMBER_AFTER = lazy.compile(
    rf"[ \t]*(?:\([^()\n]{{1,40}}\))?[ \t,]*\(?[ \t]*(?:(?:selaku|sebagai)[ \t]+(?:calon[ \t]+)?wakil(?:nya)?[ \t,]+)?"
    rf"(?:(?:dengan|mendapat(?:kan)?|memperoleh|meraih|menempati)[ \t]+|"
    rf"yang[ \t]+(?:(?:adalah|merupakan|ialah)[ \t]+)?(?:pasangan(?:[ \t]+calon)?|paslon)(?:[ \t]+(?:petahana|penantang))?[ \t]+)?"
    rf"((?:(?:ber)?nomor|no\.)[ \t]*urut[ \t]*({NUM}))\b", re.I)


def _number_after(text: str, end: int) -> tuple[int, int] | None:
    """"Mukhlis Arsyad-Aliyah Mustika Ilyas (MULIA) nomor urut 2", "… (nomor urut 1)", "… yang adalah
    pasangan petahana nomor urut 3"."""
    m = _NUMBER_AFTER.match(text[end:end + 90])
    return (number_value(m.group(2)), end + m.start(1)) if m else None


def _split_chain(text: str, parts: list[str], span: tuple[int, int]) -> list[tuple[str, str]]:
    """"A-B C-D" written as three dashed names: split the middle one where the text elsewhere agrees."""
    a, middle, c = parts
    words = split_words(middle)
    if len(words) < 2:
        return []
    outside = text[:span[0]] + " " * (span[1] - span[0]) + text[span[1]:]
    # without evidence the second head keeps two words ("Surya Edi Rahmanto" -> "Surya" | "Edi Rahmanto")
    best, best_score = max(1, len(words) - 2), 0
    for k in range(1, len(words)):
        left, right = " ".join(words[:k]), " ".join(words[k:])
        score = len(re.findall(rf"{re.escape(split_words(a)[-1])}\s*[-–—]\s*{re.escape(left)}(?![ \t]+[A-Z])", outside))
        score += len(re.findall(rf"(?<![A-Za-z][ \t]){re.escape(right)}\s*[-–—]\s*{re.escape(split_words(c)[0])}", outside))
        if score > best_score:
            best, best_score = k, score
    return [(a, " ".join(words[:best])), (" ".join(words[best:]), c)]


PLURAL_CUE = Gated(lazy.compile(
    rf"\b{COLLECTIVE}[ \t]+(?:(?:bakal[ \t]+)?(?:calon|kandidat|pasangan|paslon)|cabup|cawali|cawalkot|cagub)\b", re.I
))
PLURAL = lazy.compile(rf"\b{COLLECTIVE}[ \t]+(?:\w+[ \t]+)?$", re.I)
_CAPS_NAME = rf"(?:{TITLE_WORDS}\.[ \t]*)*[A-Z][A-Z'’]+(?:[ \t]+[A-Z][A-Z'’]+){{0,5}}(?:,[ \t]*(?:[A-Z][A-Za-z]{{0,3}}\.)+[A-Za-z]{{0,3}})*"
CAPS_PAIR = lazy.compile(rf"(?<![\w.])(?P<a>{_CAPS_NAME})[ \t]*[-–—][ \t]*(?P<b>{_CAPS_NAME})(?![\w])")
CAPS_ANCHOR = lazy.compile(rf"[A-Z.][ \t]*[-–—][ \t]*(?:{TITLE_WORDS}\.[ \t]*)*[A-Z][A-Z]")
CAPS_AND = lazy.compile(rf"(?<![\w.])(?P<a>{_CAPS_NAME})[ \t]*,?[ \t]+(?:dan|DAN|&)[ \t]+(?P<b>{_CAPS_NAME})(?![\w])")
CAPS_AND_ANCHOR = lazy.compile(rf"[A-Z.][ \t]*,?[ \t]+(?:dan|DAN|&)[ \t]+(?:{TITLE_WORDS}\.[ \t]*)*[A-Z][A-Z]")


def _number_after_caps(text: str, end: int) -> bool:
    """"… mendapat nomor urut 1": a ballot number follows the capitalised pair closely."""
    return bool(re.match(r"[^\n.]{0,40}?\bnomor\s+urut\b", text[end:end + 60], re.I))


# KPU lists: "Calon Bupati : H. Ahmad, S.H.  Calon Wakil Bupati : Budi"
FORM_PAIR = Gated(lazy.compile(
    rf"(?i:calon[ \t]+(?P<office>bupati|wali[ \t]*kota|gubernur))[ \t]*:[ \t]*(?P<a>{NAME})[^\n]{{0,5}}\n?[^\n:]{{0,60}}?"
    rf"(?i:calon[ \t]+wakil[ \t]+(?:bupati|wali[ \t]*kota|gubernur))[ \t]*:[ \t]*(?P<b>{NAME})"
))


# "Eko Saputro maju berpasangan dengan Armadi", "Kholifah kembali menggandeng Emil Darmadi": a head
# and the running mate the sentence gives it.
# "… dilantik bersama wakilnya, Budi", "… bersama Budi selaku wakilnya": "bersama" gives a running mate only
# when "wakil" says so
PARTNER_VERB = (rf"(?:berpasangan|berduet|bersanding|berpaket|menggandeng|digandeng|didampingi|bersama(?=[ \t]+(?:calon[ \t]+)?[Ww]akil)|"
                rf"bersama(?=[ \t]+{NAME}[ \t]*,?[ \t]+(?:selaku|sebagai)[ \t]+(?:calon[ \t]+)?[Ww]akil))")
PARTNER = lazy.compile(
    rf"(?P<a>{NAME})[ \t]*,?(?:[ \t]+(?:kembali|resmi|akan|yang|kini|sekarang|telah|sudah|maju|lagi|pun|dilantik|mencalonkan[ \t]+diri|"
    rf"(?:sebagai|merupakan|selaku)[ \t]+(?:(?i:bakal)[ \t]+)?(?i:calon)(?:[ \t]+(?i:bupati|wali[ \t]*kota|gubernur))?"
    rf"(?:[ \t]+(?i:kabupaten|kota|provinsi))?(?:[ \t]+[A-Z][a-z]\w*){{0,3}}?|"
    rf"di[ \t]+\w+(?:[ \t]+[A-Z]\w+)?|dalam[ \t]+\w+(?:[ \t]+[A-Z]\w+)?(?:[ \t]+\d{{4}})?))*"
    rf"[ \t]+(?P<verb>{PARTNER_VERB})(?:[ \t]+(?:dengan|bersama|oleh))?"
    rf"(?:[ \t]+(?:calon[ \t]+)?[Ww]akil(?:nya)?(?:[ \t]+(?i:bupati|wali[ \t]*kota|gubernur))?|[ \t]+(?i:cawabup|cawawali|cawalkot|cawagub)|[ \t]+sosok)?"
    rf"[ \t]*,?[ \t]*(?P<b>{NAME})"
)
PARTNER_ANCHOR = lazy.compile(r"\b(?:berpasangan|berduet|bersanding|berpaket|menggandeng|digandeng|didampingi|bersama)\b")
# these also name partners of other kinds ("menggandeng investor", singers who "berduet"): the sentence must be about the election
LOOSE_PARTNER = {"menggandeng", "digandeng", "didampingi", "berduet", "bersanding"}
RUNNING = Gated(lazy.compile(r"\b(?:calon|pasangan|paslon|pilkada|pilbup|pilwali|pilwalkot|pilgub|pemilihan|dilantik|terpilih)\b", re.I))
ELECTION = Gated(lazy.compile(r"\b(?:calon|wakil|maju|pilkada|pilbup|pilwali|pilwalkot|pilgub|pemilihan|pasangan|paslon|pendaftaran|KPU)\b", re.I))


LINE_PAIR = lazy.compile(rf"(?m)^[ \t]*(?P<a>{NAME})[ \t]*\n[ \t]*(?:dan|&)[ \t]*\n[ \t]*(?P<b>{NAME})[ \t]*$")
# A table of the pairs (docx and html tables are read as "No | Calon Bupati | Calon Wakil Bupati" and
# "1. Hardi Kuswoyo | Danu Mahendra"): the head and deputy columns are named in the header row.
_HEAD_COL = lazy.compile(r"\b(?:calon|cabup|cawali|cagub|nama\s+calon|kepala\s+daerah|bupati|wali\s*kota|walikota|gubernur)\b", re.I)
_DEPUTY_COL = lazy.compile(r"\b(?:wakil|cawabup|cawawali|cawagub)\b", re.I)
_NUMBER_COL = lazy.compile(r"(?:no\.?|nomor)(?:\s*urut)?", re.I)


def _row_cells(line: str) -> list[tuple[int, str]]:
    """(offset in line, text) of each cell of a table row; a leading "1." is a cell of its own."""
    cells, pos = [], 0
    m = re.match(r"[ \t]*\|?[ \t]*(\d{1,2})[.)]?[ \t]*(?:\||(?<=[.)])[ \t])", line)
    if m:
        cells.append((m.start(1), m.group(1)))
        pos = m.end()
    for part in re.finditer(r"[^|]+", line[pos:]):
        if part.group().strip():
            cells.append((pos + part.start() + len(part.group()) - len(part.group().lstrip()), part.group().strip()))
    return cells


def _table_rows(text: str, lower_seen: set[str]):
    """(start, head, deputy, written, end, (number, offset) or None) for each row of a table of pairs."""
    if "|" not in text:
        return
    for header in re.finditer(r"(?m)^[^\n|]*\|[^\n]*$", text):
        cols = [c for _, c in _row_cells(header.group())]
        dep = next((i for i, c in enumerate(cols) if _DEPUTY_COL.search(c)), None)
        head = next((i for i, c in enumerate(cols) if i != dep and _HEAD_COL.search(c) and not _DEPUTY_COL.search(c)), None)
        if dep is None or head is None:
            continue
        if not re.search(r"\b(?:calon|cabup|cawali|cagub|paslon|pasangan)", cols[head], re.I) and \
                not CANDIDATE_CUE.search(text, max(0, header.start() - 300), header.start()):
            continue  # "Periode | Bupati | Wakil Bupati": the district's past leaders, not candidates
        num = next((i for i, c in enumerate(cols) if _NUMBER_COL.fullmatch(c.strip(" .:"))), None)
        party = next((i for i, c in enumerate(cols) if re.search(r"\b(?:partai|pengusung|pendukung|koalisi|parpol)\b", c, re.I)), None)
        pos = header.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            if "|" not in line:
                break
            cells = _row_cells(line)
            if re.fullmatch(r"[\s|:-]+", line):
                pos = end + 1
                continue  # "|---|---|" under a markdown header
            if max(head, dep) < len(cells):
                a, b = (clean_name(names_.strip_titles(cells[i][1]), lower_seen, lead=(i == head)) for i in (head, dep))
                if a and b and plausible_name(a) and plausible_name(b):
                    number = None
                    if num is not None and num < len(cells) and cells[num][1].isdigit():
                        number = (int(cells[num][1]), pos + cells[num][0])
                    start = pos + cells[head][0] + max(0, cells[head][1].find(split_words(a)[0]))
                    parties = None
                    if party is not None and party < len(cells):
                        parties = (pos + cells[party][0], pos + cells[party][0] + len(cells[party][1]))
                    yield start, a, b, line, pos + cells[dep][0] + len(cells[dep][1]), number, parties
            pos = end + 1


# What may stand between a candidate word and the names: "Pasangan calon nomor urut 1, Dr. H. …",
# "Pasangan Nomor Urut 3 atas nama …", "Bakal pasangan calon wali kota dan wakil wali kota, …".
# Any other word ("berjanji memperlebar Tol …") means the names are something else.
GAP_WORDS = STOP | {
    "atas", "nama", "resmi", "ditetapkan", "terpilih", "no", "sdr", "saudara", "saudari", "yakni", "yaitu", "diusung",
    "didukung", "usungan", "pasangan", "nomor", "tunggal", "petahana", "penantang", "serta",
}


def _placey(name: str) -> bool:
    """A word of the name is a place (region name or alias): "Tol Jakarta", "Simpang Pamulang"."""
    return any(regions.candidates(w) for w in split_words(name)) or bool(re.search(r"\b(?:Jalan|Jl|Tol|Simpang|Kali|Sungai|Gunung|Pasar|Terminal|Stasiun|Bandara|Pelabuhan|Kecamatan|Desa|Kelurahan)\b", name))


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts; a line broken in mid-sentence ("… di Pemilihan Gubernur\n
    Papua Barat Daya, A-B menyampaikan …", a wrapped line) does not end it."""
    s0, _ = sentence_bounds(text, pos)
    if s0 > 1 and text[s0 - 1] == "\n" and re.search(r"[A-Za-z,][ \t]*$", text[max(0, s0 - 40):s0 - 1]):
        prev = text.rfind("\n", 0, s0 - 1) + 1
        # not a list line, nor a headline
        if s0 - prev < 300 and not re.match(r"[ \t]*(?:[-•*]|\d{1,2}[.)])[ \t]", text[prev:s0]) and not _title_line(text, prev):
            return sentence_bounds(text, s0 - 2)[0]
    return s0


def _cued_just_before(text: str, start: int, listing: bool = False) -> bool:
    """A candidate word shortly before, with only candidate words, numbers, places or parties between
    ("Pasangan calon nomor urut 1, Dr. H. Irwan …", not "pasangan Windi membawa visi 'Berdaya Saing dan …").

    ``listing``: the names are a dashed pair, which may come in a list after a plural
    ("dua paslon, Sarmidi Latang-Wonsu dan Ardianto-Mahyudin"): earlier pairs may stand between.
    """
    s0 = _sentence_start(text, start)
    if not listing and PLURAL_CUE.search(text, max(s0, start - 120), start):
        return False  # "Debat dua calon bupati, A dan B": rivals listed, not one pair
    for cue in CANDIDATE_CUE.finditer(text, max(s0, start - (300 if listing else 120)), start):
        if not listing and PLURAL.search(text, max(s0, cue.start() - 25), cue.start()):
            continue  # "kedua calon, Hardi dan Kartini": rivals listed, not one pair
        gap = text[cue.end():start]
        if listing:
            gap = re.sub(rf"{NAME}{DASH}{NAME}", " ", gap)
        gap = re.sub(rf"{NAME}[ \t]+atau[ \t]*$", " ", gap)  # "pasangan Rama Sakti atau Ramli-Saktiawan Ali"
        gap = re.sub(rf"\b{TITLE_WORDS}(?:\.|\b)", " ", gap)  # "Dr.", "H.M.", and "H", "KH" without a dot
        gap = re.sub(r"\([^()]*\)", " ", gap)  # "(Tangsel)", "(Windi)"
        for r_start, r_end, _, _ in reversed(list(region_.mentions(gap))):
            gap = gap[:r_start] + " " + gap[r_end:]  # "Tangerang Selatan"
        if all(w.lower() in GAP_WORDS or w.lower() in BALLOT_WORDS or regions.candidates(w) or parties_.canonical(w)
               for w in re.findall(r"[A-Za-z]+", gap)):
            return True
    return False


AFTER_A_PAIR = lazy.compile(rf"{NAME_WORD}{DASH}{NAME}(?:[ \t]*\([^()\n]{{1,20}}\))?[ \t]*,?[ \t]*(?:dan|serta)[ \t]+$")
LIST_LINE = lazy.compile(r"^[ \t]*(?:[-•*–]|\d{1,2}[.)])[ \t]+", re.M)


def _listed_after_cue(text: str, start: int) -> bool:
    """A pair alone on a list line ("- Muhammad Fikri – Ervan") under words about the pairs; or on the
    n-th numbered line of a list whose first line is such a pair (each pair's visi and misi between them)."""
    line_start = text.rfind("\n", 0, start) + 1
    m = LIST_LINE.match(text, line_start)
    if not (m and m.end() == start):
        return False
    if CANDIDATE_CUE.search(text, max(0, line_start - 400), line_start):
        return True
    n = re.match(r"[ \t]*(\d{1,2})[.)]", m.group())
    if not n or int(n.group(1)) < 2:
        return False
    first = None
    for f in FIRST_LISTED_PAIR.finditer(text, max(0, line_start - 6000), line_start):
        first = f
    return bool(first and CANDIDATE_CUE.search(text, max(0, first.start() - 400), first.start()))


# "1. Budi Santoso, S.H. – Ani Lestari": the first entry of a numbered list of pairs
FIRST_LISTED_PAIR = lazy.compile(rf"(?m)^[ \t]*1[.)][ \t]+{NAME}{DASH}{NAME}[ \t]*$")


def _quoted(text: str, start: int, end: int) -> bool:
    """Inside a quotation on one line: a slogan or a vision, not a pair ('Berdaya Saing dan Sejahtera')."""
    line_start = text.rfind("\n", 0, start) + 1
    # an apostrophe inside a word ("Mas'ud", "Ma'soem") quotes nothing
    before = re.sub(r"(?<=\w)['’](?=\w)", "", text[line_start:start])
    return any(before.count(q) % 2 == 1 for q in ("'", '"')) or before.count("“") > before.count("”") or before.count("‘") > before.count("’")


_DASH_BEFORE = lazy.compile(r"[-–—][ \t]*$")
NATIONAL = Gated(lazy.compile(r"\b(?:pilpres|capres|cawapres|(?:pemilihan|calon)\s+presiden|presiden\s+dan\s+wakil\s+presiden)\b", re.I))


def _national(text: str, start: int, end: int) -> bool:
    """The presidential election is named right next to the pair."""
    return bool(NATIONAL.search(text, max(0, start - 30), start) or NATIONAL.search(text, end, end + 30))


def _raw_pairs(text: str, lower_seen: set[str], rows: list | None = None):
    """(position, head, deputy, written form, cued, end) for every pair-shaped phrase, in text order."""
    found = []
    # names, dashes and "dan" hold spaces and tabs, never a line break
    for m in anchored(DASH_CHAIN, DASH_ANCHOR, text, one_line=True, keys=("-", "–", "—")):
        groups = [g for g in "abcd" if m.group(g)]
        # "Palembang, Warta Sumsel- Pasangan Tono-Rudi": a part opening with a candidate word starts the run anew
        again = max((i for i, g in enumerate(groups) if i and split_words(m.group(g))[0].lower() in STOP), default=0)
        groups = groups[again:]
        if len(groups) < 2:
            continue
        parts = [m.group(g) for g in groups]
        # the last name may run on into the sentence ("Dewi-Bagja Pada Pilkada …"): it ends before the first other word
        cleaned = [clean_name(p, lower_seen, lead=i < len(parts) - 1) for i, p in enumerate(parts)]
        if not all(cleaned):
            continue
        run = m.start(groups[0])
        start = run + text[run:m.end()].find(cleaned[0].split()[0]) if cleaned[0].split()[0] in text[run:m.end()] else run
        cued = _cued_just_before(text, start, listing=True) or _listed_after_cue(text, start) or bool(_number_after(text, m.end()))
        if cued and any(_placey(p) for p in cleaned) and not _cued_just_before(text, start):
            cued = False  # "Tol Jakarta-Cikampek", "Jalan Raya Bogor-Ciawi": a road, not a pair
        if len(cleaned) == 2:
            found.append((start, cleaned[0], cleaned[1], m.group(0)[start - m.start():], cued, m.end()))
        else:
            # two pairs in one run: what follows the run ("(Alias)", "nomor urut 2") is the second's
            halves = _split_chain(text, cleaned, m.span()) if len(cleaned) == 3 else [cleaned[:2], cleaned[2:]]
            for i, (head, deputy) in enumerate(halves):
                found.append((start + i, head, deputy, f"{head}-{deputy}", cued, m.end() if i else m.start(groups[1])))
    for m in anchored(AND_PAIR, AND_ANCHOR, text, one_line=True, keys=("dan", "&")):
        head, deputy = clean_name(m.group("a"), lower_seen), clean_name(m.group("b"), lower_seen, lead=False)
        if not head or not deputy:
            continue
        if _DASH_BEFORE.search(text[max(0, m.start() - 3):m.start()]):
            continue  # "Sarmidi Latang-Wonsu dan Ardianto-Mahyudin": two dashed pairs, not one
        start = m.start() + m.group(0).find(head.split()[0])
        # "Andri dan Fauzan Adu Program Pendidikan": a title-case headline names rivals as often as a pair
        titled = headline_run(text, m.start("b") + m.group("b").find(deputy) + len(deputy)) if deputy in m.group("b") else True
        # "paslon nomor 1 A - B (AB) dan C dan D (CD)": the next pair of a list
        listed = bool(AFTER_A_PAIR.search(text, max(0, m.start() - 120), m.start())) and _cued_just_before(text, start, listing=True)
        found.append((start, head, deputy, m.group(0), (_cued_just_before(text, start) or listed) and not titled, m.end()))
    for m in anchored(PARTNER, PARTNER_ANCHOR, text, back=160, ahead=120):
        head, deputy = clean_name(m.group("a"), lower_seen), clean_name(m.group("b"), lower_seen, lead=False)
        if not head or not deputy:
            continue
        s0, s1 = sentence_bounds(text, m.start("verb"))
        sure = m.group("verb") not in LOOSE_PARTNER or bool(ELECTION.search(text, s0, s1))
        if m.group("verb") == "bersama":  # "Wali Kota A bersama Wakil Wali Kota B": office holders, unless elected or running
            sure = bool(RUNNING.search(text, s0, s1))
        if m.group("verb") == "digandeng":
            head, deputy = deputy, head  # "Armadi digandeng Eko Saputro": the one who chooses heads the pair
        start = m.start("a") + m.group("a").find(split_words(head)[0])
        found.append((start, head, deputy, m.group(0), sure, m.end()))
    cues: list[int] | None = None  # where each candidate word ends: read at the first capitalised pair, if any

    def after_cue(pos: int) -> bool:
        nonlocal cues
        if cues is None:
            cues = [m.end() for m in CANDIDATE_CUE.finditer(text)]
        i = bisect.bisect_right(cues, pos)
        # "SUGENG PURNAMA-SURONO mendapat nomor urut 1": the cue may follow the pair closely
        return (i > 0 and pos - cues[i - 1] <= 300) or bool(re.search(r"(?i)\bnomor\s+urut\b", text[pos:pos + 120]))

    for m in anchored(CAPS_PAIR, CAPS_ANCHOR, text, back=90, ahead=90, keep=after_cue):
        # "1. HARDI KUSWOYO - DANU MAHENDRA" in KPU lists and headlines: read in title case
        head, deputy = (clean_name(names_.strip_titles(m.group(g)).title(), lower_seen, lead=(g == "a")) for g in "ab")
        if head and deputy and (CANDIDATE_CUE.search(text, max(0, m.start() - 300), m.start()) or _number_after_caps(text, m.end())):
            found.append((m.start("a"), head, deputy, m.group(0), True, m.end()))
    for m in anchored(CAPS_AND, CAPS_AND_ANCHOR, text, back=90, ahead=90, keep=after_cue):
        # "Pasangan Calon Nomor Urut 01: H. SUGENG PURNAMA, S.H. dan SURONO, S.Pd." (KPU announcements)
        head, deputy = (clean_name(names_.strip_titles(m.group(g)).title(), lower_seen, lead=(g == "a")) for g in "ab")
        start = m.start("a")
        raw_b = names_.strip_titles(m.group("b")).title()
        if deputy and not raw_b.endswith(deputy):
            continue  # "HARDI DAN KARTINI ADU GAGASAN": a headline in capitals names rivals
        if head and deputy and (_cued_just_before(text, start) or _number_after_caps(text, m.end())):
            found.append((start, head, deputy, m.group(0), True, m.end()))
    for m in FORM_PAIR.finditer(text):
        head, deputy = clean_name(m.group("a"), lower_seen), clean_name(m.group("b"), lower_seen, lead=False)
        if head and deputy:
            found.append((m.start("a"), head, deputy, m.group(0), True, m.end()))
    for start, head, deputy, written, end, _, _ in (_table_rows(text, lower_seen) if rows is None else rows):
        found.append((start, head, deputy, written, True, end))
    for people, pair in _office_phrases(text, lower_seen):
        if pair:  # "Kandidat Gubernur A dan B", "calon bupati A dan calon wakil bupati B"
            (head, start, _), (deputy, _, end) = people
            found.append((start, head, deputy, text[start:end], True, end))
    for m in LINE_PAIR.finditer(text):
        # "Nomor Urut 1\nH. Ahmad Muhtar Ali, S.IP.\ndan\nSubagyo, S.H." (KPU announcements, one name a line)
        head, deputy = clean_name(m.group("a"), lower_seen), clean_name(m.group("b"), lower_seen, lead=False)
        if head and deputy and CANDIDATE_CUE.search(text, max(0, m.start() - 300), m.start()):
            found.append((m.start("a") + m.group("a").find(split_words(head)[0]), head, deputy, m.group(0), True, m.end()))
    found = [f for f in found if not _quoted(text, f[0], f[5])]
    # "Radar-Jogja.com", "www.Suara-Merdeka.com": a web address, not two people
    found = [f for f in found if not re.match(r"\.(?:com|co|id|net|org|news|tv)\b", text[f[5]:f[5] + 8], re.I)
             and not re.search(r"(?:www\.|https?://)\S*$", text[max(0, f[0] - 40):f[0]], re.I)]
    # "sama seperti pasangan Prabowo-Gibran di Pilpres 2024": the national ticket, named for comparison
    found = [(*f[:4], f[4] and not _national(text, f[0], f[5]), f[5]) for f in found]
    # "(Malem-Dek Fadil)", "(BTM-CK)" after a pair is its nickname, never a pair of its own
    found = [(*f[:4], f[4] and not text[:f[0]].rstrip(" \t\"“'").endswith("("), f[5]) for f in found]
    found.sort(key=lambda t: t[0])
    return found


def _full_form(head: str, deputy: str) -> bool:
    """A pair written with at least three name words ("Kartini Sri Rahayu-Sukarman"), not two nicknames."""
    return len(split_words(head)) + len(split_words(deputy)) >= 3


def _title_line(text: str, pos: int) -> bool:
    """The line holding ``pos`` is a headline: four words or more, nearly all capitalised."""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start:end if end >= 0 else len(text)])
    small = {"dan", "di", "ke", "dari", "yang", "untuk", "soal", "vs", "atau", "dengan", "pada"}
    big = [w for w in words if w[0].isupper()]
    return len(words) >= 4 and len(big) >= 0.8 * len([w for w in words if w.lower() not in small])


def detect(text: str) -> list[Candidate]:
    """Every candidate pair the text speaks of, in the order it introduces them."""
    b = _Builder(text)
    rows = list(_table_rows(text, b.lower_seen))
    raw = _raw_pairs(text, b.lower_seen, rows)
    claimed: set[int] = set()
    refs: dict[tuple[int, int, int], tuple] = {}
    table_numbers = {row[0]: row[5] for row in rows if row[5]}
    # Two passes: the first meets the pairs where they are introduced; the second reads the short
    # forms written before that ("Visi Misi Bagus-Pandu di Pilkada Tangsel 2024" as a headline).
    # Full forms go first ("Hardi Kuswoyo-Danu Mahendra" in the body before "Hardi-Kartini" in the
    # headline): a short form written earlier is then read against the pairs the text really has.
    full = [r for r in raw if _full_form(r[1], r[2]) and not _title_line(text, r[0])]
    for new_ok, batch in ((True, full), (True, raw), (False, raw)):
        last_end = 0
        for start, head, deputy, written, cued, end in batch:
            # A number between two pairs belongs to the pair that claimed it first:
            # "Rudi Kamal-Suswanto nomor urut 1, Darma Pangaribuan-Kun Wardoyo nomor urut 2".
            number = None
            key = (start, end, last_end)
            if key not in refs:  # the passes meet the same phrases: read their numbers once
                refs[key] = (_number_before(text, start, last_end), _number_after(text, end), _number_line_before(text, start),
                             _number_list_marker(text, start), table_numbers.get(start))
            for ref in refs[key]:
                if ref and ref[1] not in claimed:
                    number = ref
                    break
            cand = b.pair(head, deputy, start, written, cued and new_ok, number[0] if number else None)
            if cand is not None:
                if number and cand.number == number[0]:
                    claimed.add(number[1])
                last_end = end
                aliases.around(text, cand, start, end, b.lower_seen)
    for row in rows:
        cand = b.find(row[1], row[2])
        if cand is not None and row[6]:
            for _, _, party in parties_.find(text, *row[6]):  # the "Partai Pengusung" column
                if party not in cand.parties:
                    cand.parties.append(party)
    _numbered_heads(text, b)
    _complete_names(text, b)
    _sole_candidates(text, b)
    b.in_text_order()
    aliases.numbered(text, b)
    _numbers_said_later(text, b)
    aliases.nicknames(text, b)
    aliases.parenthesized(text, b)
    aliases.short_names(text, b)
    incumbency(text, b.cands)
    return b.cands


def office_holders(text: str, region: Region | None) -> list[Candidate]:
    """The sitting head (and deputy) of the document's region, named by office: for a document that names
    no candidate pair (a progress report, a plan speech, an interview with the regent)."""
    b = _Builder(text)
    for head, deputy, pos in offices.holders(text, region.level if region else None, region.code if region else None, b.lower_seen):
        b.cands.append(Candidate(head=head, deputy=deputy, incumbent=True))
        b.first_pos.append(pos)
    _complete_names(text, b)
    aliases.nicknames(text, b)
    aliases.parenthesized(text, b)
    aliases.short_names(text, b)
    return b.cands


# The office a head runs for, said of one person: "calon bupati", "cabup", "kandidat gubernur".
HEAD_OFFICE = Gated(lazy.compile(
    r"(?i:\b(?:bakal[ \t]+)?(?:calon|kandidat)[ \t]+(?:bupati|wali[ \t]*kota|walikota|gubernur)\b|\b(?:cabup|cawali|cawalkot|cagub)\b)"
))
# "pasangan calon bupati …" names a pair; "calon bupati dan wakil bupati …" too
PAIR_BEFORE = lazy.compile(r"(?i:\b(?:pasangan|paslon|wakil)[ \t]*$)")
PAIR_AFTER = lazy.compile(r"(?i:[ \t]*(?:dan|&|/|-)[ \t]*(?:(?:bakal[ \t]+)?calon[ \t]+)?wakil\b)")
# "dua calon gubernur", "kedua cagub", "antar cabup": the text speaks of several heads running against each other
PLURAL_HEADS = Gated(lazy.compile(
    rf"(?i:\b{COLLECTIVE}[ \t]+(?:(?:bakal[ \t]+)?(?:calon|kandidat)[ \t]+(?:bupati|wali[ \t]*kota|walikota|gubernur)|cabup|cawali|cawalkot|cagub)\b)"
))
RIVAL_AFTER = lazy.compile(r"[ \t]*(?:\([^()\n]{1,20}\))?[ \t]*,?[ \t]*(?:dan|&|vs\.?|versus)[ \t]+")
MATE_AFTER = Gated(lazy.compile(
    r"[ \t]*(?:\([^()\n]{1,20}\))?[ \t]*,?[ \t]*(?:dan|&|bersama)[ \t]+(?i:(?:bakal[ \t]+)?(?:calon[ \t]+)?wakil[ \t]+"
    r"(?:bupati|wali[ \t]*kota|walikota|gubernur)|cawabup|cawawali|cawagub)\b"
))


_last_head_offices: tuple[str | None, list[re.Match]] = (None, [])


def _head_offices(text: str) -> list[re.Match]:
    """``list(HEAD_OFFICE.finditer(text))``; the pairs and the lone candidates of one text both ask."""
    global _last_head_offices
    seen, found = _last_head_offices
    if seen is not text:
        found = list(HEAD_OFFICE.finditer(text))
        _last_head_offices = (text, found)
    return found


def _office_phrases(text: str, lower_seen: set[str]):
    """(people, pair) for each candidate named by the office he runs for: "Calon Bupati Sidrap, Ahmad Fauzan
    alias Oji" (one), "Debat dua calon gubernur Jambi, Ahmad Fauzan dan Budi Santoso" (two rivals: the text
    says there are several heads), "calon gubernur Ahmad Fauzan dan calon wakil gubernur Papua Budi Santoso"
    or, with no plural, "Kandidat Gubernur Ahmad Fauzan dan Budi Santoso" (a head and the running mate:
    ``pair`` is true). Each person is (name, start, end). A title-case headline is no place to read a name from."""
    rivals = None  # whether the text speaks of several heads: looked for once, and only when it matters
    for m in _head_offices(text):
        if PAIR_BEFORE.search(text, max(0, m.start() - 12), m.start()) or PAIR_AFTER.match(text, m.end()) or _title_line(text, m.start()):
            continue
        first = offices.person_after(text, m.end(), lower_seen)
        if first is None:
            continue
        mate = MATE_AFTER.match(text, first[2])
        second = offices.person_after(text, mate.end(), lower_seen) if mate else None
        if second is None and rivals is None:
            rivals = bool(PLURAL_HEADS.search(text))
        if second is None and not rivals:
            mate = RIVAL_AFTER.match(text, first[2])
            second = offices.person_after(text, mate.end(), lower_seen) if mate else None
        if second is not None:
            yield [first, second], True
            continue
        people = [first]
        rival = RIVAL_AFTER.match(text, first[2])
        if rival:
            second = offices.person_after(text, rival.end(), lower_seen)
            if second and not PAIR_AFTER.match(text, second[2]):
                people.append(second)
        yield people, False


# "Budi memaparkan visinya sebagai bakal calon Gubernur": the office named after the person
AS_CANDIDATE = lazy.compile(
    rf"(?P<a>{NAME})(?:[ \t]+[a-z][\w-]*){{0,4}}[ \t]+sebagai[ \t]+(?:bakal[ \t]+)?calon[ \t]+(?i:bupati|wali[ \t]*kota|walikota|gubernur)\b"
)
AS_CANDIDATE_ANCHOR = lazy.compile(r"\bsebagai[ \t]+(?:bakal[ \t]+)?calon[ \t]+(?i:bupati|wali[ \t]*kota|walikota|gubernur)\b")


def _sole_candidates(text: str, b: _Builder) -> None:
    """The candidates named by their office without a running mate (:func:`_office_phrases`, "A … sebagai
    calon gubernur") who are no head or deputy of a pair found: each a candidate of his own."""
    found = [people for people, pair in _office_phrases(text, b.lower_seen) if not pair]  # pairs are read with the others
    for m in anchored(AS_CANDIDATE, AS_CANDIDATE_ANCHOR, text, back=120, ahead=60):
        name = clean_name(m.group("a"), b.lower_seen)
        if name and plausible_name(name) and not names_.honorific(name) and not _title_line(text, m.start()):
            found.append([(name, m.start("a") + max(0, m.group("a").find(split_words(name)[0])), m.end("a"))])
    for people in found:
        for name, start, _ in people:
            known = b.find(name)
            if known is not None:
                if words_within(known.head, name) and len(split_words(name)) > len(split_words(known.head)):
                    known.head = name  # "calon wali kota nomor urut 2 Aminudin" then "Calon Wali Kota Aminudin Usman"
                i = b.cands.index(known)
                b.first_pos[i] = min(b.first_pos[i], start)  # named as a candidate before the pair is
            elif not any(same_person(name, c.deputy) for c in b.cands):
                b.cands.append(Candidate(head=name, deputy=None))
                b.first_pos.append(start)


def _numbered_heads(text: str, b: _Builder) -> None:
    """"calon Wali kota Manado nomor tiga, Syamsudin … wakilnya yakni Yohanis Rumengan"."""
    for m in SINGLE_NUMBERED.finditer(text):
        if not_a_ballot_number(text, m.start("n") - 6, m.end("n")):
            continue
        number = number_value(m.group("n"))
        head = clean_name(m.group("a"), b.lower_seen)
        if not head or not plausible_name(head) or names_.honorific(head):
            continue
        if re.match(rf"[ \t]*,?[ \t]*(?:dan|&|[-–—])[ \t]*(?![Ww]akil){NAME_WORD}", text[m.end():m.end() + 40]):
            continue  # a pair, already read
        if any(c.number == number for c in b.cands) or b.find(head):
            continue
        # the deputy is named in this sentence or the next: "… Syamsudin tidak hadir … wakilnya yakni Yohanis"
        limit, seen, prev = len(text), 0, m.end()
        for e in ends(text, m.end(), lines=True):
            if text[prev:e].strip():
                seen += 1
            prev = e
            if seen == 2:
                limit = e
                break
        nxt = SINGLE_NUMBERED.search(text, m.end())
        d = DEPUTY_AFTER.search(text, m.end(), min(limit, nxt.start() if nxt else len(text), m.end() + 400))
        deputy = clean_name(d.group("a"), b.lower_seen) if d else ""
        if deputy and plausible_name(deputy):
            b.cands.append(Candidate(head=head, deputy=deputy, number=number))
            b.first_pos.append(m.start("a"))
        elif HEAD_OFFICE.search(text, m.start(), m.start("n")) and not re.search(r"(?i)\bwakil\b", text[m.start():m.start("n")]) \
                and not any(same_person(head, c.deputy) for c in b.cands):
            # "Calon Bupati Malang nomor urut 1, Ahmad Fauzan kerap …": a candidate named without a running mate
            b.cands.append(Candidate(head=head, deputy=None, number=number))
            b.first_pos.append(m.start("a"))


# "paslon bernomor urut 2 di Pilkada Banggai ini", "Pasangan nomor urut 3 ini": a ballot number said of a pair
# without naming it, in a sentence of its own.
LATER_NUMBER = Gated(lazy.compile(
    rf"\b(?:pasangan|paslon|calon|kandidat|cabup|cawali|cagub)\b[^.\n]{{0,60}}?\b(?:ber)?(?:nomor|no\.)[ \t]*urut[ \t]*(?P<n>{NUM})\b",
    re.I,
))
# "nomor urut 1 dan 2", "sementara paslon nomor urut 2 …": several pairs, or another pair than the one named
OTHER_PAIR = Gated(lazy.compile(r"\b(?:sementara|sedangkan|adapun|lawan(?:nya)?|rival(?:nya)?|pesaing(?:nya)?|penantang(?:nya)?|lain(?:nya)?|kedua|ketiga|para|masing-masing)\b", re.I))
ANAPHOR = lazy.compile(r"[^.\n]{0,60}?\b(?:ini|tersebut|itu)\b", re.I)


def _numbers_said_later(text: str, b: _Builder) -> None:
    """A ballot number said of a pair in a later sentence, without its name: "Pasangan A-B … . Paslon
    bernomor urut 2 di Pilkada X ini …". It is the number of the only pair the text names, or of the pair
    named last before it when the sentence points back ("ini", "tersebut")."""
    if not b.cands:
        return
    found = []
    for m in LATER_NUMBER.finditer(text):
        n = number_value(m.group("n"))
        if n is None or not_a_ballot_number(text, m.start("n") - 6, m.end("n")) or any(c.number == n for c in b.cands):
            continue
        s0, _ = sentence_bounds(text, m.start())
        if OTHER_PAIR.search(text, s0, m.end()) or re.match(r"[ \t]*(?:,|dan|&|-)[ \t]*\d", text[m.end():m.end() + 8]):
            continue
        found.append((m, n))
    if len(b.cands) == 1:
        numbers = {n for _, n in found}
        if len(numbers) == 1 and b.cands[0].number is None:
            b.cands[0].number = numbers.pop()
        return
    found = [(m, n) for m, n in found if ANAPHOR.match(text, m.end())]
    if not found:
        return
    owner = {name: c for c in b.cands for name in c.names()}
    names = re.compile("|".join(re.escape(n) for n in sorted(owner, key=len, reverse=True)) + r"(?![\w-])")
    for m, n in found:
        if any(c.number == n for c in b.cands):
            continue
        last = None
        for x in names.finditer(text, max(0, m.start() - 1500), m.start()):  # the pair named last before it
            if not x.start() or not (text[x.start() - 1].isalnum() or text[x.start() - 1] == "-"):
                last = owner[x.group()]
        if last is not None and last.number is None:
            last.number = n


TITLED_CUE = Gated(lazy.compile(
    r"\b(?:calon|cagub|cawagub|cabup|cawabup|cawali|cawawali|cawalkot|kandidat|petahana|bupati|wali[ \t]*kota|gubernur|wakil)\b",
    re.I,
))


def _complete_names(text: str, b: _Builder) -> None:
    """A one-word head or deputy ("Fauzan berpasangan dengan Taufan Yasin") takes the full name the text
    gives it after an office word ("Calon Gubernur Jawa Tengah Ahmad Fauzan"), when only one full name fits."""
    for cand in b.cands:
        for part in ("head", "deputy"):
            name = getattr(cand, part)
            if not name or len(split_words(name)) != 1:
                continue
            fuller = set()
            # (found by string search: a pattern of the name would be compiled anew for every document)
            before = words_then_name(text, name)
            if before is None:
                before = [m.span() for m in re.finditer(rf"(?:{NAME_WORD}[ \t]+){{1,6}}{re.escape(name)}\b", text)]
            for start, end in before:
                if not TITLED_CUE.search(text, max(0, start - 40), end):
                    continue
                full = clean_name(text[start:end], b.lower_seen)
                if full != name and full.endswith(" " + name) and 2 <= len(split_words(full)) <= 4 and plausible_name(full):
                    fuller.add(full)
            # the name as the first word: "Calon Bupati Musi Banyuasin Tono Rahmat" for "Tono"
            for start, end in name_then_words(text, name):
                if start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
                    continue
                cue = TITLED_CUE.search(text, max(0, start - 60), start)
                if not cue or text[cue.end():start].count(",") > 1:
                    continue
                full = clean_name(text[start:end], b.lower_seen, lead=False)
                if full != name and full.startswith(name + " ") and len(split_words(full)) <= 4 and plausible_name(full) \
                        and not _headline_extra(name, full):
                    fuller.add(full)
            if len(fuller) == 1:
                full = fuller.pop()
                other = cand.deputy if part == "head" else cand.head
                if not any(same_person(full, getattr(c, p)) for c in b.cands for p in ("head", "deputy") if c is not cand) \
                        and not same_person(full, other):
                    setattr(cand, part, full)
