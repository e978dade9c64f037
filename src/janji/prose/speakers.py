"""Who is speaking: pronouns and epithets for the current speaker, op-ed authors, other people.

Where the text names a candidate pair is the facts stage's (``doc.mentions``);
this module knows the words that point back at a speaker ("pihaknya", "ia",
"Paslon ini"), that name several pairs at once ("kedua paslon"), and that name
someone who is not a candidate (officials, the moderator, the panel, analysts).

Example:
    >>> from janji.document import Document, Source
    >>> find_author(Document(Source("opini.txt"), text="Membangun Desa\\nOleh: Dr. H. Ahmad Fauzi, M.Si.\\nKami akan ..."))
    'Ahmad Fauzi'
    >>> bool(PLURAL.search("Kedua paslon berjanji")), bool(OTHER_TITLE.search("kata Ketua KPU"))
    (True, True)
"""
from __future__ import annotations

import re

from janji.data import regions
from janji.document import Document, Mention
from janji.lang import lazy
from janji.lang.calendar import DAYS, MONTHS
from janji.lang.names import strip_titles
from janji.lang.numbers import COLLECTIVE
from janji.lang.gate import Gated

# Several pairs at once: nobody in particular is speaking.
PLURAL = Gated(lazy.compile(
    r"\b" + COLLECTIVE + r"\s+(?:pasangan|paslon|kandidat|calon|cawali|cabup|cagub)",
    re.IGNORECASE,
))
# Words that stand for the current speaker.
PRONOUN = lazy.compile(
    r"\b(?:pihaknya|ia|dia|beliau|mereka|dirinya|(?:paslon|pasangan|kandidat|calon)\s+(?:ini|tersebut)|"
    r"keduanya|menurut(?:nya|\s+dia|\s+beliau|\s+mereka)|katanya|baginya)\b",
    re.IGNORECASE,
)
FIRST_PERSON = lazy.compile(r"\b(?:kami|kita|saya|aku)\b", re.IGNORECASE)
# People who are not candidates: officials, the moderator, the panel, analysts.
OTHER_TITLE = Gated(lazy.compile(
    r"\b(?:Ketua|Kepala|Komisioner|Anggota|Sekretaris|Direktur|Menteri|Camat|Lurah|Kapolres|Kapolda|Kapolresta|"
    r"Pengamat|Panelis|Moderator|Akademisi|Koordinator|Jubir|Juru\s+[Bb]icara|Dosen|Warga|Kabag|Kadis|Plt|"
    r"KPU|Bawaslu|Presiden|Wakil\s+Presiden|Ketum|Sekjen|Tim\s+(?:[Pp]emenangan|[Kk]ampanye|[Ss]ukses)|Timses|"
    r"Jurkam|Juru\s+[Kk]ampanye)\b"
))
SPEECH_VERB = (r"(?:mengatakan|menjelaskan|menuturkan|menyampaikan|menegaskan|mengungkapkan|menambahkan|menyebut(?:kan)?|"
               r"berharap|meminta|menilai|mengaku|mengimbau|menyatakan|memaparkan|menjawab|melanjutkan|menerangkan|"
               r"berpendapat|mengingatkan|menekankan|menganggap|memandang|meyakini|mengapresiasi|memuji)")
# The same roles written in lower case mid-sentence ("Menurut pengamat dari Unsoed, …", "tanya panelis").
OTHER_ROLE = Gated(lazy.compile(
    r"\b(?:pengamat|panelis|moderator|akademisi|analis|peneliti|dosen|wartawan|warga|ketua|kepala|komisioner)\b",
    re.IGNORECASE,
))
OTHER_SUBJECT = Gated(lazy.compile(r"^(?:[A-Z][\w.'-]*\s+){1,4}(?:(?:juga|pun|pula|turut)\s+)?" + SPEECH_VERB + r"\b"))
# An epithet pointing back at the person just named ("Mantan Ketua DPRD tersebut").
ANAPHORIC_EPITHET = lazy.compile(r"^\W*(?:[A-Z]\w*\s+){1,6}(?:tersebut|itu)\b")
OFFICIAL = Gated(lazy.compile(
    r"(?:(?:Pj\.?|Penjabat|Plt\.?|Plh\.?)\s+)?(?:Wakil\s+)?(?:Wali\s*[Kk]ota|Walikota|Bupati|Gubernur)"
    r"(?:\s+(?:[A-Z]\w*))(?:\s+[A-Z]\w*)?"
))
BYLINE = Gated(lazy.compile(r"^\s*(?:Oleh)\s*:?\s+(?P<name>[A-Z][\w.,' -]{2,90}?)\s*$", re.MULTILINE))
OFFICIAL_SPEAKING = lazy.compile(OFFICIAL.pattern + r"[\s,]+(?:[A-Z][\w.'-]*[\s,]+){0,4}" + SPEECH_VERB)


def speaker_name(doc: Document, mention: Mention) -> str:
    """The name to report for a mention: as written, or the head for a bare ballot number."""
    return mention.surface or doc.candidates[mention.candidate].head


def find_author(doc: Document) -> str | None:
    """The official who writes an op-ed or statement: a byline near the top ("Pj Wali Kota Mojokerto")."""
    if len(doc.candidates) == 1:
        return doc.candidates[0].aliases[0] if doc.candidates[0].aliases else doc.candidates[0].head
    lines = [ln.strip() for ln in doc.text.split("\n") if ln.strip()][:12]
    for line in lines:
        m = BYLINE.match(line)
        if m:
            office = OFFICIAL.search(m.group("name"))
            if office:  # "Oleh: Dr. H. Amir Makhmud, Pj Bupati Tegal" speaks as the Pj Bupati
                return office.group(0).strip()
            return strip_titles(m.group("name").split(",")[0]).strip() or None
    # An op-ed's closing note: "(Penulis adalah Pj Wali Kota Sukamaju)". A "Penulis: …" line names the
    # journalist, not the speaker, and is left alone.
    for m in re.finditer(r"^\W*Penulis\s+adalah\s+(.{3,120})$", doc.text, re.MULTILINE | re.IGNORECASE):
        office = OFFICIAL.search(m.group(1))
        if office:
            return office.group(0).strip()
    for line in lines:
        if len(line.split()) <= 12:
            m = OFFICIAL.search(line)
            if m:
                return m.group(0).strip()
    # A press release: "Bupati Sleman Suryanto mengatakan, …" — the official who speaks first.
    m = OFFICIAL_SPEAKING.search(doc.text[:3000])
    if m:
        return OFFICIAL.match(m.group(0)).group(0).strip()
    return None


PETAHANA = Gated(lazy.compile(r"\bpetahana\b", re.IGNORECASE))


def incumbent(doc: Document, mentions: list[Mention]) -> int | None:
    """The index of the one incumbent pair (facts' flag, else "petahana" just before a mention)."""
    flagged = [i for i, c in enumerate(doc.candidates) if c.incumbent]
    if len(flagged) == 1:
        return flagged[0]
    if flagged:
        return None
    found = set()
    for m in PETAHANA.finditer(doc.text):
        after = [x for x in mentions if m.end() <= x.start <= m.end() + 40]
        if after:
            found.add(after[0].candidate)
    return found.pop() if len(found) == 1 else None


# Capitalised words of an office, not of a person ("Kepala Dinas Pendidikan", "Wakil Wali Kota").
OFFICE_WORDS = frozenset("""
wakil wali kota walikota bupati gubernur kepala dinas badan bagian kantor ketua anggota sekretaris sekda daerah
direktur menteri camat lurah kapolres kapolda kapolresta komisioner plt plh pj penjabat pelaksana tugas juru
bicara jubir koordinator tim pemenangan kampanye sukses pengamat panelis moderator akademisi dosen warga kabag
kadis kabid kasi kasubag bappeda bapperida setda pemkab pemkot pemprov pemerintah kabupaten provinsi kota dprd
kpu kpud bawaslu presiden ketum sekjen partai fraksi divisi bidang teknis umum sub pejabat kasat kanit staf
""".split())
# Offices named by their territory: the word after them is a place ("Pemprov Jatim"), not a person.
TERRITORY_WORDS = frozenset("pemprov pemkab pemkot pemda provinsi kabupaten kota kecamatan kelurahan desa dprd".split())
_PERSON_RUN = lazy.compile(r"(?:[A-Z][\w'’.-]*[ \t]+){0,12}[A-Z][\w'’-]*")
_SPOKEN = Gated(lazy.compile(r"\b(?:kata|ujar|ungkap|tutur|jelas|imbuh|tambah|papar|tegas|sebut|terang|menurut)(?:nya)?\s+$", re.I))


def person_named(text: str, places: frozenset[str] = frozenset(), spoken: bool = False) -> str | None:
    """The person a subject or an attribution names, without the office before the name:
    "Kepala Dinas Pendidikan, Siti Rahma" -> "Siti Rahma", "kata Wakil Wali Kota Darmawan" -> "Darmawan".

    ``places``: lower-case place names (the document's region) that may stand between an office and a name.
    A single word counts as a name only after an office or a speech verb ("kata Darmawan"), or where the
    caller knows the text is a speaker's (``spoken``: "Darmawan menjelaskan"); never a day, a month or a place.
    """
    best, best_rank = None, -1
    not_names = DAYS | MONTHS | places
    office_before, last_end = False, -10
    for m in _PERSON_RUN.finditer(text):
        if not re.fullmatch(r"\s*,\s*", text[last_end:m.start()]):
            office_before = False  # an office carries over a comma only ("Kepala Dinas X, Siti Rahma")
        last_end = m.end()
        words = [w.strip(".") for w in strip_titles(m.group()).split()]
        words = [w for w in words if w]
        offices = [i for i, w in enumerate(words) if w.lower() in OFFICE_WORDS or (w.isupper() and len(w) > 1)]
        after_office = office_before or bool(offices)
        if offices:
            if words[offices[-1]].lower() in TERRITORY_WORDS:
                offices.append(offices[-1] + 1)  # "Pemprov Kaltim", "Kabupaten Sleman": a place follows
            words = words[offices[-1] + 1:]
        while words and words[0].lower() in not_names:
            words.pop(0)
        if after_office:  # "Bupati Sleman Hardi", "Bupati Parigi Moutong, …": the office's region stands between
            k = next((k for k in (3, 2, 1) if len(words) >= k and regions.candidates(" ".join(words[:k]))), 0)
            words = words[k:]
        office_before = bool(offices) and not words
        if not words or any(w.lower() in not_names or w.lower() in OFFICE_WORDS for w in words) or \
                (len(words) == 1 and regions.candidates(words[0])):
            continue
        said = spoken or bool(_SPOKEN.search(text[max(0, m.start() - 12):m.start()]))
        if len(words[0]) < 3 or (len(words) == 1 and not (after_office or said)):
            continue
        rank = 2 if after_office or said else 1
        if rank >= best_rank:
            best, best_rank = " ".join(words[-4:]), rank
    return best
