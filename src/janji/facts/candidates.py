"""Candidate pairs: who runs (head, deputy), their ballot number, parties, incumbency and nicknames.

Pairs are found where Indonesian news writes them:

- joined by a dash: "Junaedi Malik–Khusnun Amin", "Thoni-Imat", dash lists of pairs, and two
  pairs run together ("Bobby Nasution-Surya Edy Rahmayadi-Hasan Basri Sagala. Kedua paslon …");
- joined by "dan" after a candidate word: "Pasangan calon nomor urut 1, Dr. H. Iwan Saputra,
  S.E., M.Si., dan Dede MuKsit Aly", "Pasangan kandidat nomor satu Djeli Massie dan Harry Pontoh";
- a numbered head whose deputy follows: "calon Wali kota nomor tiga, Burhanudin … wakilnya
  yakni Jakobus Mawuntu".

Later, shorter forms of a known pair ("Farhan-Erwin", "Junaedi-Khusnun") become its aliases;
a fuller form ("Kasmidi Bulang dan Lulu Kinsu" after "Kasmidi Bulang-Kinsu") completes it; a
pair whose head is known but whose deputy differs is a slip of the writer and is ignored.

Example:
    >>> [c.head for c in detect("Pasangan calon nomor urut 1 Irna Narulita-Tanto Arban (Intan).")]
    ['Irna Narulita']
"""
from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher
from functools import lru_cache

from janji.document import Candidate
from janji.facts import names as names_
from janji.facts import parties as parties_
from janji.facts import region as region_
from janji.facts import regions
from janji.facts.text import sentence_bounds, sentence_ends

NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9}
NUM = r"(?:0?[1-9]|1[0-9]|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)"
# "nomor urut 1", "nomor urut 01", "no. urut 2", "nomor dua", "paslon 2", "Paslon nomor 2"
NUMBER_REF = re.compile(
    rf"(?:\b(?:nomor|nomer|no\.)[ \t]*(?:urut[ \t]*)?|\b(?:paslon|pasangan|cabup|cawali|cagub|kandidat)[ \t]+)(?P<n>{NUM})\b",
    re.I,
)
CANDIDATE_CUE = re.compile(
    r"\b(?:pasangan|paslon|kandidat|calon|bakal\s+calon|cabup|cawabup|cawali|cawawali|cagub|cawagub|kontestan|"
    r"nomor\s+urut|petahana|penantang|diusung|terpilih|pilkada|pilbup|pilwali|pilwalkot|pilwakot|pilkot|pilgub|kampanye|debat)\b",
    re.I,
)

_WORD = r"(?<![\w.])(?:(?:(?:Al|El|Ad|As|At|Ar|An|Abu|Ibnu)-)?[A-Z][a-z][A-Za-z'’]*|[A-Z]\.?(?=[ \t]+[A-Z]))"
_PRE = r"(?:(?:Prof|Dr|dr|Drs|Dra|Ir|Hj|H|KH|drg)\.[ \t]*|(?:Hj|H)[ \t]+)*"
_DEG = (
    r"(?:,[ \t]*(?:(?:[A-Z][A-Za-z]{0,3}\.)+(?:[A-Za-z]{1,4}\.?)?|(?:SH|SE|MM|MH|MSi|MPd|SPd|ST|SIP|SAg|MAg|SKM|MKes|"
    r"MT|MBA|PhD|SSos|MAP|MKn|SKom|Lc))(?=[,\s;)]|$))*"
)
NAME = rf"{_PRE}(?:{_WORD})(?:[ \t]+(?:{_WORD})){{0,6}}{_DEG}"
DASH = r"(?<!\bAl)(?<!\bEl)(?<!\bAbu)[ \t]*[-–—][ \t]*"
DASH_CHAIN = re.compile(rf"(?P<a>{NAME}){DASH}(?P<b>{NAME})(?:{DASH}(?P<c>{NAME}))?(?:{DASH}(?P<d>{NAME}))?")
AND_PAIR = re.compile(rf"(?P<a>{NAME})[ \t]*,?[ \t]*(?:dan|&)[ \t]+(?P<b>{NAME})")
SINGLE_NUMBERED = re.compile(
    rf"(?i:\b(?:calon|kandidat|cabup|cawali|cagub|paslon)\b[^.\n]{{0,60}}?\bnomor[ \t]+(?:urut[ \t]+)?(?P<n>{NUM}))[ \t]*,?[ \t]*(?P<a>{NAME})"
)
DEPUTY_AFTER = re.compile(
    rf"(?:\b(?:calon[ \t]+)?wakil(?:nya)?|\bberpasangan[ \t]+dengan|\bdidampingi(?:[ \t]+oleh)?(?:[ \t]+calon)?(?:[ \t]+wakil(?:nya)?)?)"
    rf"[ \t]*,?[ \t]*(?:yakni|yaitu|adalah|ialah)?[ \t]*,?[ \t]*(?P<a>{NAME})"
)
NUMBERED_NAME = re.compile(rf"(?i:{NUMBER_REF.pattern})[ \t]*,?[ \t]*(?P<a>{NAME}(?:{DASH}{NAME})?)")

# Capitalised words that are not (parts of) person names.
STOP = set(
    """pasangan paslon calon bakal kandidat cabup cawabup cawali cawawali cagub cawagub wali walikota kota wakil
    bupati gubernur kabupaten kab provinsi nomor urut partai pilkada pilbup pilwali pilgub pemilihan pemilu visi misi
    program debat kpu kpud dan atau dengan yang di ke dari sedangkan sementara kemudian selain menurut kata ujar
    bersama oleh para ketua anggota dprd pj plt penjabat petahana penantang kepala daerah pemerintah pemkot pemkab
    pemprov dinas kecamatan kelurahan desa presiden menteri baca juga simak lihat foto sumber editor penulis
    reporter berita adapun namun tetapi selanjutnya lalu itu ini tersebut mereka kami kita ia dia beliau mantan
    calon-calon unggulan prioritas strategis misi-misi tim pemenangan ketum sekretaris jenderal dpc dpd dpw dpp
    kampanye koalisi tagline tema sesi moderator panelis berikut seperti antara lain
    bahkan diketahui sebelumnya saat ketika dalam pada bagi untuk maka jadi setelah sebelum sejak hingga sampai
    menanggapi menjawab sebagai yakni yaitu adalah ialah tak tidak juga pun baik kini kala waktu hari
    senin selasa rabu kamis jumat sabtu minggu
    """.split()
)
# First names so common (or Balinese birth-order names) that alone they name nobody in particular.
COMMON_PARTS = set(
    """i ni gede made ketut kadek nyoman komang putu wayan nengah gusti ngurah ida bagus ayu anak agung
    muhammad mohammad muhamad moh mochamad achmad ahmad abdul abd siti nur nurul andi la wa haji""".split()
)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[ \t]+", name) if w]


def _clean(raw: str, lower_seen: set[str], lead: bool = True) -> str:
    """A matched name without titles and without the non-name words around it ("Pasangan Junaedi Malik")."""
    words = _words(names_.strip_titles(raw))
    if lead:
        # A common word opening the run ("Sedangkan Pasangan …") is no name; one that is also a
        # given name ("Adil", "Budi", "Rahmat") is kept unless the run would still hold two words.
        while words and (words[0].lower() in STOP or (words[0].lower() in lower_seen and len(words) > 2)
                         or (len(words) > 2 and regions.candidates(words[0]))):  # "Bupati Sleman Harda Kiswaya"
            words.pop(0)
    while words and words[-1].lower() in STOP:
        words.pop()
    if any(w.lower() in STOP for w in words):
        # keep the part after the last non-name word ("Kota Mojokerto" -> nothing, "Wakil Ali" -> "Ali")
        last = max(i for i, w in enumerate(words) if w.lower() in STOP)
        words = words[last + 1:]
    return " ".join(words)


def _valid(name: str) -> bool:
    if not name or not re.search(r"[a-z]", name):
        return False
    if regions.candidates(name) or parties_.canonical(name):
        return False  # "Mojokerto-Disway", "PPP-PKB"
    return True


@lru_cache(maxsize=4096)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(names_.tokens(name))


def _tok(name: str | None) -> tuple[str, ...]:
    return _tokens(name) if name else ()


def _subset(short: str | None, long: str | None) -> bool:
    a, b = _tok(short), _tok(long)
    return bool(a) and bool(b) and all(w in b for w in a)


def _prefix_of(short: str | None, long: str | None) -> bool:
    """"Risma" for "Tri Rismaharini": one word, the start (4 letters or more) of a word of the name."""
    a, b = _tok(short), _tok(long)
    return len(a) == 1 and len(a[0]) >= 4 and any(w.startswith(a[0]) and w != a[0] for w in b)


def _same_person(x: str | None, y: str | None) -> bool:
    return _subset(x, y) or _subset(y, x) or _prefix_of(x, y) or _prefix_of(y, x)


def _named(name: str | None, cand: Candidate, part: str) -> bool:
    """Whether a name is the pair's head (part="head") or deputy, or one of its aliases."""
    return _same_person(name, getattr(cand, part)) or any(name == a for a in cand.aliases)


def _number(text: str) -> int | None:
    text = text.lower()
    return NUMBER_WORDS.get(text) or (int(text) if text.isdigit() else None)


class _Builder:
    """Collects pairs in the order the text introduces them, merging forms of the same pair."""

    def __init__(self, text: str):
        self.text = text
        self.lower_seen = {w for w in re.findall(r"\b[a-z][a-z]+\b", text)}
        self.cands: list[Candidate] = []
        self.first_pos: list[int] = []

    def find(self, head: str | None, deputy: str | None = None) -> Candidate | None:
        for cand in self.cands:
            if _named(head, cand, "head") and (deputy is None or cand.deputy is None or _named(deputy, cand, "deputy")):
                return cand
        return None

    def pair(self, head: str, deputy: str | None, pos: int, written: str, new_ok: bool, number: int | None):
        if not (_valid(head) and (deputy is None or _valid(deputy))):
            return None
        cand = self.find(head, deputy)
        if cand is None and deputy:
            # "Bandung Bersih Versi Arfi-Yena": a headline runs into the pair name
            words = _words(head)
            for i in range(1, len(words)):
                cand = self.find(" ".join(words[i:]), deputy)
                if cand is not None:
                    head = " ".join(words[i:])
                    written = written[written.find(words[i]):] if words[i] in written else written
                    break
        if cand is None:
            clash = any(_same_person(head, c.head) or (deputy and _same_person(deputy, c.deputy)) for c in self.cands)
            if clash or not new_ok or names_.honorific(head) or (deputy and names_.honorific(deputy)):
                return None  # a known head with another deputy: a slip of the writer, the first form wins
            cand = Candidate(head=head, deputy=deputy)
            self.cands.append(cand)
            self.first_pos.append(pos)
        else:
            if _subset(cand.head, head) and len(_tok(head)) > len(_tok(cand.head)):
                cand.head = head
            if deputy and (cand.deputy is None or (_subset(cand.deputy, deputy) and len(_tok(deputy)) > len(_tok(cand.deputy)))):
                cand.deputy = deputy
            elif deputy and (head != cand.head or deputy != cand.deputy):
                alias = re.sub(r"\s*[-–—]\s*", "-", written.strip())
                if alias not in cand.aliases and "-" in alias:
                    cand.aliases.append(alias)  # "Farhan-Erwin", "Junaedi-Khusnun"
        if number and cand.number is None and all(c.number != number for c in self.cands):
            cand.number = number
        return cand


def _number_before(text: str, start: int, floor: int) -> tuple[int, int] | None:
    """(number, offset) of the ballot number written just before a pair ("paslon nomor urut 2 I Gusti …")."""
    window_start = max(floor, start - 70, sentence_bounds(text, start)[0])
    found = None
    for m in NUMBER_REF.finditer(text, window_start, start):
        found = m
    if found and ";" not in text[found.end():start] and next(sentence_ends(text, found.end(), start), None) is None:
        return _number(found.group("n")), found.start()
    return None


NUMBER_LINE = re.compile(rf"(?im)^[ \t]*(?:(?:pasangan[ \t]+calon|paslon)[ \t]+)?(?:nomor|no\.)[ \t]*urut[ \t]*:?[ \t]*(?P<n>{NUM})[ \t]*:?[ \t]*\n")


def _number_line_before(text: str, start: int) -> tuple[int, int] | None:
    """A heading line "Nomor Urut 1" right above the line that names the pair (KPU lists)."""
    line_start = text.rfind("\n", 0, start)
    if line_start < 0:
        return None
    prev_start = text.rfind("\n", 0, line_start) + 1
    m = NUMBER_LINE.match(text, prev_start, line_start + 1)
    return (_number(m.group("n")), m.start("n")) if m else None


def _number_after(text: str, end: int) -> tuple[int, int] | None:
    """"Munafri Arifuddin-Aliyah Mustika Ilham (MULIA) nomor urut 2", "… (nomor urut 1)"."""
    m = re.match(rf"[ \t]*(?:\([^()\n]{{1,40}}\))?[ \t,]*\(?[ \t]*(?:dengan[ \t]+)?((?:nomor|no\.)[ \t]*urut[ \t]*({NUM}))\b",
                 text[end:end + 70], re.I)
    return (_number(m.group(2)), end + m.start(1)) if m else None


def _split_chain(text: str, parts: list[str], span: tuple[int, int]) -> list[tuple[str, str]]:
    """"A-B C-D" written as three dashed names: split the middle one where the text elsewhere agrees."""
    a, middle, c = parts
    words = _words(middle)
    if len(words) < 2:
        return []
    outside = text[:span[0]] + " " * (span[1] - span[0]) + text[span[1]:]
    # without evidence the second head keeps two words ("Surya Edy Rahmayadi" -> "Surya" | "Edy Rahmayadi")
    best, best_score = max(1, len(words) - 2), 0
    for k in range(1, len(words)):
        left, right = " ".join(words[:k]), " ".join(words[k:])
        score = len(re.findall(rf"{re.escape(_words(a)[-1])}\s*[-–—]\s*{re.escape(left)}(?![ \t]+[A-Z])", outside))
        score += len(re.findall(rf"(?<![A-Za-z][ \t]){re.escape(right)}\s*[-–—]\s*{re.escape(_words(c)[0])}", outside))
        if score > best_score:
            best, best_score = k, score
    return [(a, " ".join(words[:best])), (" ".join(words[best:]), c)]


# a name ends in a small letter (or a degree's dot) and the next one starts with a capital
DASH_ANCHOR = re.compile(r"[a-z.'’][ \t]*[-–—][ \t]*(?:[A-Z][a-z]|[A-Z]\.?[ \t]+[A-Z])")
AND_ANCHOR = re.compile(r"[a-z.,'’][ \t]*(?:dan|&)[ \t]+(?:(?:Prof|Dr|dr|Drs|Dra|Ir|Hj|H|KH|drg)\.?[ \t]*)*(?:[A-Z][a-z]|[A-Z]\.?[ \t]+[A-Z])")
NICKNAME_ANCHOR = re.compile(r"\b(?:sapaan|disapa)\b")


def _anchored(pattern: re.Pattern, anchor: re.Pattern, text: str, back: int = 160, ahead: int = 200, keep=None):
    """Matches of a slow pattern that cover a cheap anchor (a dash, "dan", "sapaan"), found only around it.

    Long plans have few pairs but many capitalised words; trying the name pattern at every
    capitalised word would cost seconds.
    """
    pos = 0
    for a in anchor.finditer(text):
        if a.start() < pos or (keep is not None and not keep(a.start())):
            continue
        end = min(len(text), a.end() + ahead)
        m = pattern.search(text, max(pos, a.start() - back), end)
        while m and m.end() <= a.start():
            m = pattern.search(text, m.end(), end)
        if m and m.start() <= a.start():
            yield m
            pos = m.end()


PLURAL = re.compile(r"\b(?:kedua|ketiga|keempat|kelima|dua|tiga|empat|lima|para|semua|seluruh|antar|masing-masing)[ \t]+(?:\w+[ \t]+)?$", re.I)
_CAPS_NAME = r"(?:(?:DR|DRS|IR|HJ|H|PROF|KH)\.[ \t]*)*[A-Z][A-Z'’]+(?:[ \t]+[A-Z][A-Z'’]+){0,5}(?:,[ \t]*(?:[A-Z][A-Za-z]{0,3}\.)+[A-Za-z]{0,3})*"
CAPS_PAIR = re.compile(rf"(?<![\w.])(?P<a>{_CAPS_NAME})[ \t]*[-–—][ \t]*(?P<b>{_CAPS_NAME})(?![\w])")
CAPS_ANCHOR = re.compile(r"[A-Z.][ \t]*[-–—][ \t]*(?:(?:DR|DRS|IR|HJ|H|PROF|KH)\.[ \t]*)*[A-Z][A-Z]")
# KPU lists: "Calon Bupati : H. Ahmad, S.H.  Calon Wakil Bupati : Budi"
FORM_PAIR = re.compile(
    rf"(?i:calon[ \t]+(?P<office>bupati|wali[ \t]*kota|gubernur))[ \t]*:[ \t]*(?P<a>{NAME})[^\n]{{0,5}}\n?[^\n:]{{0,60}}?"
    rf"(?i:calon[ \t]+wakil[ \t]+(?:bupati|wali[ \t]*kota|gubernur))[ \t]*:[ \t]*(?P<b>{NAME})"
)


# What may stand between a candidate word and the names: "Pasangan calon nomor urut 1, Dr. H. …",
# "Pasangan Nomor Urut 3 atas nama …", "Bakal pasangan calon wali kota dan wakil wali kota, …".
# Any other word ("berjanji memperlebar Tol …") means the names are something else.
GAP_WORDS = STOP | {
    "atas", "nama", "resmi", "ditetapkan", "terpilih", "no", "sdr", "saudara", "saudari", "yakni", "yaitu", "diusung",
    "didukung", "usungan", "pasangan", "nomor",
}


def _placey(name: str) -> bool:
    """A word of the name is a place (region name or alias): "Tol Jakarta", "Simpang Pamulang"."""
    return any(regions.candidates(w) for w in _words(name)) or bool(re.search(r"\b(?:Jalan|Jl|Tol|Simpang|Kali|Sungai|Gunung|Pasar|Terminal|Stasiun|Bandara|Pelabuhan|Kecamatan|Desa|Kelurahan)\b", name))


def _cued_just_before(text: str, start: int, listing: bool = False) -> bool:
    """A candidate word shortly before, with only candidate words, numbers, places or parties between
    ("Pasangan calon nomor urut 1, Dr. H. Iwan …", not "pasangan Intan membawa visi 'Berdaya Saing dan …").

    ``listing``: the names are a dashed pair, which may come in a list after a plural
    ("dua paslon, Kasmidi Bulang-Kinsu dan Ardiansyah-Mahyunadi"): earlier pairs may stand between.
    """
    s0, _ = sentence_bounds(text, start)
    for cue in CANDIDATE_CUE.finditer(text, max(s0, start - (300 if listing else 120)), start):
        if not listing and PLURAL.search(text, max(s0, cue.start() - 25), cue.start()):
            continue  # "kedua calon, Harda dan Kustini": rivals listed, not one pair
        gap = text[cue.end():start]
        if listing:
            gap = re.sub(rf"{NAME}{DASH}{NAME}", " ", gap)
        gap = re.sub(rf"{NAME}[ \t]+atau[ \t]*$", " ", gap)  # "pasangan Tama Asli atau Taslim-Asgar Ali"
        gap = re.sub(r"\b(?:Prof|Dr|dr|Drs|Dra|Ir|Hj|H|KH|drg)\.", " ", gap)
        gap = re.sub(r"\([^()]*\)", " ", gap)  # "(Tangsel)", "(Intan)"
        for r_start, r_end, _, _ in reversed(list(region_.mentions(gap))):
            gap = gap[:r_start] + " " + gap[r_end:]  # "Tangerang Selatan"
        if all(w.lower() in GAP_WORDS or w.lower() in NUMBER_WORDS or regions.candidates(w) or parties_.canonical(w)
               for w in re.findall(r"[A-Za-z]+", gap)):
            return True
    return False


LIST_LINE = re.compile(r"^[ \t]*(?:[-•*–]|\d{1,2}[.)])[ \t]+", re.M)


def _listed_after_cue(text: str, start: int) -> bool:
    """A pair alone on a list line ("- Muhammad Farhan – Erwin") under words about the pairs."""
    line_start = text.rfind("\n", 0, start) + 1
    m = LIST_LINE.match(text, line_start)
    return bool(m and m.end() == start and CANDIDATE_CUE.search(text, max(0, line_start - 400), line_start))


def _quoted(text: str, start: int, end: int) -> bool:
    """Inside a quotation on one line: a slogan or a vision, not a pair ('Berdaya Saing dan Sejahtera')."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return any(before.count(q) % 2 == 1 for q in ("'", '"')) or before.count("“") > before.count("”") or before.count("‘") > before.count("’")


def _raw_pairs(text: str, lower_seen: set[str]):
    """(position, head, deputy, written form, cued, end) for every pair-shaped phrase, in text order."""
    found = []
    for m in _anchored(DASH_CHAIN, DASH_ANCHOR, text):
        parts = [m.group(g) for g in "abcd" if m.group(g)]
        cleaned = [_clean(parts[0], lower_seen)] + [_clean(p, lower_seen) for p in parts[1:]]
        if not all(cleaned):
            continue
        start = m.start() + m.group(0).find(cleaned[0].split()[0]) if cleaned[0].split()[0] in m.group(0) else m.start()
        cued = _cued_just_before(text, start, listing=True) or _listed_after_cue(text, start) or bool(_number_after(text, m.end()))
        if cued and any(_placey(p) for p in cleaned) and not _cued_just_before(text, start):
            cued = False  # "Tol Jakarta-Cikampek", "Jalan Raya Bogor-Ciawi": a road, not a pair
        if len(cleaned) == 2:
            found.append((start, cleaned[0], cleaned[1], m.group(0)[start - m.start():], cued, m.end()))
        else:
            # two pairs in one run: what follows the run ("(Alias)", "nomor urut 2") is the second's
            halves = _split_chain(text, cleaned, m.span()) if len(cleaned) == 3 else [cleaned[:2], cleaned[2:]]
            for i, (head, deputy) in enumerate(halves):
                found.append((start + i, head, deputy, f"{head}-{deputy}", cued, m.end() if i else m.start("b")))
    for m in _anchored(AND_PAIR, AND_ANCHOR, text):
        head, deputy = _clean(m.group("a"), lower_seen), _clean(m.group("b"), lower_seen, lead=False)
        if not head or not deputy:
            continue
        if re.search(r"[-–—][ \t]*$", text[max(0, m.start() - 3):m.start()]):
            continue  # "Kasmidi Bulang-Kinsu dan Ardiansyah-Mahyunadi": two dashed pairs, not one
        start = m.start() + m.group(0).find(head.split()[0])
        found.append((start, head, deputy, m.group(0), _cued_just_before(text, start), m.end()))
    cues = [m.end() for m in CANDIDATE_CUE.finditer(text)]

    def after_cue(pos: int) -> bool:
        i = bisect.bisect_right(cues, pos)
        return i > 0 and pos - cues[i - 1] <= 300

    for m in _anchored(CAPS_PAIR, CAPS_ANCHOR, text, back=90, ahead=90, keep=after_cue):
        # "1. HARDA KISWAYA - DANANG MAHARSA" in KPU lists and headlines: read in title case
        head, deputy = (_clean(names_.strip_titles(m.group(g)).title(), lower_seen, lead=(g == "a")) for g in "ab")
        if head and deputy and CANDIDATE_CUE.search(text, max(0, m.start() - 300), m.start()):
            found.append((m.start("a"), head, deputy, m.group(0), True, m.end()))
    for m in FORM_PAIR.finditer(text):
        head, deputy = _clean(m.group("a"), lower_seen), _clean(m.group("b"), lower_seen, lead=False)
        if head and deputy:
            found.append((m.start("a"), head, deputy, m.group(0), True, m.end()))
    found = [f for f in found if not _quoted(text, f[0], f[5])]
    found.sort(key=lambda t: t[0])
    return found


def detect(text: str) -> list[Candidate]:
    """Every candidate pair the text speaks of, in the order it introduces them."""
    b = _Builder(text)
    raw = _raw_pairs(text, b.lower_seen)
    claimed: set[int] = set()
    # Two passes: the first meets the pairs where they are introduced; the second reads the short
    # forms written before that ("Visi Misi Benyamin-Pilar di Pilkada Tangsel 2024" as a headline).
    for new_ok in (True, False):
        last_end = 0
        for start, head, deputy, written, cued, end in raw:
            # A number between two pairs belongs to the pair that claimed it first:
            # "Ridwan Kamil-Suswono nomor urut 1, Dharma Pongrekun-Kun Wardana nomor urut 2".
            number = None
            for ref in (_number_before(text, start, last_end), _number_after(text, end), _number_line_before(text, start)):
                if ref and ref[1] not in claimed:
                    number = ref
                    break
            cand = b.pair(head, deputy, start, written, cued and new_ok, number[0] if number else None)
            if cand is not None:
                if number and cand.number == number[0]:
                    claimed.add(number[1])
                last_end = end
                _aliases_around(text, cand, start, end, b.lower_seen)
    _numbered_heads(text, b)
    _numbered_aliases(text, b)
    _nicknames(text, b)
    _short_names(text, b)
    _incumbency(text, b.cands)
    return b.cands


def _aliases_around(text: str, cand: Candidate, start: int, end: int, lower_seen: set[str]) -> None:
    """"… Irna Narulita-Tanto Arban (Intan)", "pasangan Tama Asli atau Taslim-Asgar Ali"."""
    m = re.match(r"[ \t]*\(([^()\n]{2,40})\)", text[end:end + 45])
    if m:
        alias = re.sub(r"\s*[-–—]\s*", "-", m.group(1).strip())
        acronym = re.fullmatch(r"[A-Z][A-Z'’-]{2,14}", alias) and not parties_.canonical(alias) and not regions.candidates(alias)
        if alias[:1].isupper() and len(alias.split()) <= 4 and (_valid(alias) or acronym) and not re.search(r"\d", alias):
            _add_alias(cand, alias)
    m = re.search(rf"(?P<a>{NAME})[ \t]+atau[ \t]+$", text[max(0, start - 60):start])
    if m:
        alias = _clean(m.group("a"), lower_seen)
        if alias and _valid(alias):
            _add_alias(cand, alias)


NICKNAME = re.compile(
    rf"(?P<a>(?:{_WORD}[ \t]+)?\b[A-Z]{{2,6}}\b|{NAME})[ \t]*,?[ \t]*(?:yang[ \t]+)?(?:sapaan(?:[ \t]+akrab)?|akrab[ \t]+disapa|biasa[ \t]+disapa|disapa|dikenal[ \t]+dengan[ \t]+sapaan)[ \t]+(?P<b>{NAME})"
)


def _nicknames(text: str, b: "_Builder") -> None:
    """"Appi, sapaan Munafri" and "Munafri yang akrab disapa Appi": the nickname joins the pair."""
    for m in _anchored(NICKNAME, NICKNAME_ANCHOR, text, back=120, ahead=80):
        a = m.group("a") if re.search(r"\b[A-Z]{2,6}$", m.group("a")) else _clean(m.group("a"), b.lower_seen)
        c = _clean(m.group("b"), b.lower_seen, lead=False)
        for nick, name in ((a, c), (c, a)):
            owner = next((x for x in b.cands if _named(name, x, "head") or _named(name, x, "deputy")), None)
            if owner is not None and nick and not (_named(nick, owner, "head") or _named(nick, owner, "deputy")):
                _add_alias(owner, nick)
                break


def _add_alias(cand: Candidate, alias: str) -> None:
    if alias and alias not in cand.aliases and alias not in (cand.head, cand.deputy):
        cand.aliases.append(alias)


def _numbered_heads(text: str, b: _Builder) -> None:
    """"calon Wali kota Manado nomor tiga, Burhanudin … wakilnya yakni Jakobus Mawuntu"."""
    for m in SINGLE_NUMBERED.finditer(text):
        number = _number(m.group("n"))
        head = _clean(m.group("a"), b.lower_seen)
        if not head or not _valid(head) or names_.honorific(head):
            continue
        if re.match(rf"[ \t]*,?[ \t]*(?:dan|&|[-–—])[ \t]*{_WORD}", text[m.end():m.end() + 40]):
            continue  # a pair, already read
        if any(c.number == number for c in b.cands) or b.find(head):
            continue
        # the deputy is named in this sentence or the next: "… Burhanudin tidak hadir … wakilnya yakni Jakobus"
        limit, seen, prev = len(text), 0, m.end()
        for e in sentence_ends(text, m.end()):
            if text[prev:e].strip():
                seen += 1
            prev = e
            if seen == 2:
                limit = e
                break
        nxt = SINGLE_NUMBERED.search(text, m.end())
        d = DEPUTY_AFTER.search(text, m.end(), min(limit, nxt.start() if nxt else len(text), m.end() + 400))
        deputy = _clean(d.group("a"), b.lower_seen) if d else ""
        if deputy and _valid(deputy):
            cand = Candidate(head=head, deputy=deputy, number=number)
            b.cands.append(cand)
            b.first_pos.append(m.start("a"))
    order = sorted(range(len(b.cands)), key=lambda i: b.first_pos[i])
    b.cands[:] = [b.cands[i] for i in order]
    b.first_pos[:] = [b.first_pos[i] for i in order]


def _fuzzy_owner(name: str, cands: list[Candidate]) -> Candidate | None:
    """The pair a nickname belongs to ("Gus Juned" -> Junaedi Malik), if exactly one fits."""
    word = _words(name)[-1].lower()
    owners = []
    for cand in cands:
        for part in _tok(cand.head) + _tok(cand.deputy):
            if part[:2] == word[:2] and SequenceMatcher(None, part, word).ratio() >= 0.75:
                owners.append(cand)
                break
    return owners[0] if len(owners) == 1 else None


def _numbered_aliases(text: str, b: _Builder) -> None:
    """"Cawali nomor urut 1, Gus Juned", "Paslon 1 Ambara Adi", "Paslon nomor 2 Jaya-Wibawa"."""
    for m in NUMBERED_NAME.finditer(text):
        number = _number(m.group("n"))
        raw = re.sub(r"\s*[-–—]\s*", "-", m.group("a"))
        alias = "-".join(_clean(p, b.lower_seen) for p in raw.split("-"))
        if not alias or alias.startswith("-") or alias.endswith("-") or not _valid(alias.replace("-", " ")):
            continue
        owner = next((c for c in b.cands if c.number == number), None)
        known = next((c for c in b.cands if any(_same_person(alias, n) for n in [c.head, c.deputy, *c.aliases])), None)
        if owner is None and known is not None and known.number is None:
            known.number, owner = number, known
        if owner is None or (known is not None and known is not owner):
            continue
        if not any(_same_person(alias, n) for n in [owner.head, owner.deputy]):
            _add_alias(owner, alias)
    # nicknames with an honorific used without a number: "Gus Juned menjawab …"
    for m in re.finditer(rf"\b(?:{'|'.join(names_.HONORIFICS)})[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?", text):
        nick = m.group()
        if any(nick in c.aliases for c in b.cands):
            continue
        owner = _fuzzy_owner(nick, b.cands)
        if owner is not None:
            _add_alias(owner, nick)


def _short_names(text: str, b: _Builder) -> None:
    """Part of a name used alone later: "kata Atang", "ujar Jaya Negara", "Ambara menekankan"."""
    runs = set()
    word = r"(?:[A-Z][a-z][A-Za-z'’]*|[A-Z]\b)"
    for m in re.finditer(rf"{word}(?:(?:[ \t]+|[ \t]*[-–—][ \t]*){word})*", text):
        words = _words(m.group())
        while words and (words[0].lower() in STOP or words[0].lower() in b.lower_seen):
            words.pop(0)
        while words and words[-1].lower() in STOP:
            words.pop()
        if words:
            runs.add(" ".join(words))
    owners: dict[str, list[Candidate]] = {}
    for cand in b.cands:
        for full in (cand.head, cand.deputy):
            words = _words(full or "")
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    part = words[i:j]
                    if j - i == len(words):
                        continue
                    if len(part) == 1 and (len(part[0]) < 3 or part[0].lower() in COMMON_PARTS or part[0].lower() in b.lower_seen):
                        continue
                    if all(p.lower() in COMMON_PARTS for p in part):
                        continue
                    owners.setdefault(" ".join(part), []).append(cand)
    for short, cands in owners.items():
        if short in runs and len({id(c) for c in cands}) == 1:
            _add_alias(cands[0], short)
    # head-part + deputy-part written as one name: "Ambara Adi"
    for run in runs:
        words = run.split()
        if len(words) != 2:
            continue
        for cand in b.cands:
            if cand.deputy and words[0] in _words(cand.head) and words[1] in _words(cand.deputy) and run not in (cand.head, cand.deputy):
                _add_alias(cand, run)


# "petahana", "penantang" stand next to the pair they describe; the other phrases describe the
# pair the sentence (or the one before) is about.
APPOSITIVE = re.compile(r"\b(?:petahana|incumbent|(?P<no>penantang(?:nya)?))\b", re.I)
INCUMBENT_PHRASE = re.compile(
    r"\b(?:kembali\s+(?:memimpin|maju|mencalonkan(?:\s+diri)?|menjadi\s+(?:kontestan|calon)|bertarung)|masa\s+jabatan(?:nya)?\s+(?:yang\s+)?(?:sebelumnya|pertama)|jilid\s+(?:yang\s+)?pertama|"
    r"periode\s+(?:yang\s+)?(?:sebelumnya|pertama)|melanjutkan\s+kepemimpinan(?:nya)?)\b",
    re.I,
)


def _incumbency(text: str, cands: list[Candidate]) -> None:
    """Incumbent (true) or challenger (false) from the words next to a pair's name; null if unsaid."""
    if not cands:
        return
    spans = _name_spans(text, cands)
    for m in APPOSITIVE.finditer(text):
        s0, s1 = sentence_bounds(text, m.start())
        near = [(min(abs(m.start() - e), abs(s - m.end())), c) for s, e, c in spans if s0 <= s < s1]
        if near:
            dist, cand = min(near, key=lambda t: t[0])
            if dist <= 40 and cand.incumbent is None:
                cand.incumbent = not m.group("no")
    for m in INCUMBENT_PHRASE.finditer(text):
        s0, _ = sentence_bounds(text, m.start())
        before = [(s, c) for s, e, c in spans if max(0, s0 - 300) <= s < m.start()]
        if before and before[-1][1].incumbent is None:
            before[-1][1].incumbent = True
    if len(cands) == 1 and cands[0].incumbent is None and re.search(r"\bpetahana\b", text, re.I) and not re.search(r"\bpenantang", text, re.I):
        cands[0].incumbent = True
    if len(cands) > 1 and sum(c.incumbent is True for c in cands) == 1:
        for cand in cands:
            if cand.incumbent is None:
                cand.incumbent = False  # one incumbent: the others challenge


def _norm_name(name: str) -> str:
    return " ".join(w for w in re.split(r"[\s\-–—]+", name) if w).lower()


def _name_spans(text: str, cands: list[Candidate]) -> list[tuple[int, int, Candidate]]:
    """Every place a pair's head, deputy, alias or "head-deputy" is written, with that pair."""
    owner: dict[str, Candidate] = {}
    for cand in cands:
        for name in [cand.head, cand.deputy, *cand.aliases]:
            if name:
                owner.setdefault(_norm_name(name), cand)
    if not owner:
        return []
    written = {}
    for cand in cands:
        for name in [cand.head, cand.deputy, *cand.aliases]:
            if name:
                written[name] = None
                written[name.upper()] = None  # KPU lists and headlines in capitals
    ordered = sorted(written, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(r"[\s\-–—]*".join(map(re.escape, n.split())) for n in ordered) + r")(?!\w)")
    spans = []
    for m in pattern.finditer(text):
        cand = owner.get(_norm_name(m.group()))
        if cand is None:
            continue
        end = m.end()
        # "Junaedi Malik–Khusnun Amin": the pair name is one mention
        if cand.deputy and _norm_name(m.group()) == _norm_name(cand.head):
            pair = re.match(r"[ \t]*[-–—][ \t]*" + re.escape(cand.deputy) + r"(?![\w-])", text[end:end + len(cand.deputy) + 8], re.I)
            if pair:
                end += pair.end()
        spans.append((m.start(), end, cand))
    return spans


def mention_spans(text: str, cands: list[Candidate]) -> list[tuple[int, int, str]]:
    """Every place a pair is named (name, alias, pair name, ballot number), longest first on overlap."""
    spans = [(s, e, c.head) for s, e, c in _name_spans(text, cands)]
    by_number = {c.number: c for c in cands if c.number is not None}
    if by_number:
        pattern = re.compile(
            rf"\b(?:(?:paslon|pasangan|calon|kandidat|cabup|cawali|cagub|cawabup|cawawali|cawagub)[ \t]+)*"
            rf"(?:nomor[ \t]+urut|nomor|no\.[ \t]*urut)[ \t]*(?P<n>{NUM})\b|\bpaslon[ \t]+(?P<m>{NUM})\b",
            re.I,
        )
        for m in pattern.finditer(text):
            cand = by_number.get(_number(m.group("n") or m.group("m")))
            if cand is not None:
                spans.append((m.start(), m.end(), cand.head))
    spans.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out


SUPPORT = re.compile(
    r"\b(?:di[ \t]?usung|diusulkan|didukung|mendukung|pendukung|pengusung|koalisi|usungan|dukungan|rekomendasi)\b", re.I
)


def assign_parties(text: str, cands: list[Candidate], spans: list[tuple[int, int, str]]) -> None:
    """"diusung oleh Partai Golkar, PAN", "didukung … PKS sebanyak 11 kursi": to the pair last named."""
    if not cands:
        return
    by_head = {c.head: c for c in cands}
    for m in SUPPORT.finditer(text):
        s0, s1 = sentence_bounds(text, m.start())
        before = [sp for sp in spans if sp[1] <= m.start()]
        owner = by_head[before[-1][2]] if before else (cands[0] if len(cands) == 1 else None)
        if owner is None:
            continue
        stop = s1
        for s, e, head in spans:
            if s >= m.end() and head != owner.head:
                stop = min(stop, s)
                break
        for _, _, party in parties_.find(text, m.end(), stop):
            if party not in owner.parties:
                owner.parties.append(party)
