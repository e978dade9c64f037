"""Who is speaking: candidate mentions, aliases found in the text, op-ed authors, other people.

A candidate pair is mentioned by its head's or deputy's name, an alias
("Gus Juned", "Intan", "Farhan-Erwin"), a distinctive part of a name used
alone ("Atang", "Ambara Adi") or a ballot number ("Cawali nomor urut 1",
"paslon 2", "kandidat nomor dua").

Example:

    >>> from janji.document import Candidate, Document, Source
    >>> doc = Document(Source("x.txt"), text="Cawali nomor urut 1, Gus Juned menjawab.",
    ...                candidates=[Candidate("Junaedi Malik", "Chusnun Amin", number=1)])
    >>> learn_aliases(doc)
    >>> doc.candidates[0].aliases
    ['Gus Juned']
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from janji.document import Candidate, Document

HONORIFICS = ("Gus", "Ning", "Mas", "Mbak", "Bang", "Kang", "Cak", "Abah", "Bunda", "Pak", "Bu", "Bapak", "Ibu",
              "Daeng", "Uda", "Uni", "Teh", "Aa", "Kak", "Mbah", "Kiai", "Kyai", "Ustaz", "Ustadz", "Tuan", "Om")
HONORIFIC = r"(?:" + "|".join(HONORIFICS) + r")"
# Parts of Indonesian (notably Balinese and Arabic-derived) names that many people share: used alone
# they do not identify a candidate.
COMMON_NAME_PARTS = {
    "i", "ni", "gede", "ngurah", "gusti", "made", "kadek", "ketut", "nyoman", "wayan", "putu", "komang", "nengah",
    "luh", "ayu", "anak", "agung", "muhammad", "mohammad", "mohamad", "moh", "muh", "mochammad", "ahmad", "achmad",
    "abdul", "siti", "andi", "la", "wa", "haji", "raden", "tengku", "teuku", "cut", "sri", "dan", "bin", "binti",
    "nur", "nurul", "al", "el", "de", "van", "h", "hj", "dr", "ir", "st", "se", "sh",
}
NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7}
BALLOT = re.compile(
    # "nomor urut 2", "Paslon 1", "paslon nomor 2", "kandidat nomor dua"; a bare "Nomor 2" is a regulation
    # ("Perda Nomor 2 Tahun 2020"), not a pair.
    r"\b(?:nomor\s+urut|no\.?\s*urut|(?:paslon|pasangan\s+calon|pasangan|kandidat|cawali|cawalkot|cawawali|"
    r"cabup|cawabup|cagub|cawagub|calon)\s+(?:nomor\s+(?:urut\s+)?|no\.\s*)?)\s*"
    r"(0?[1-9]|satu|dua|tiga|empat|lima|enam|tujuh)\b(?!\s*(?:tahun|persen|%))",
    re.IGNORECASE,
)
# Several pairs at once: nobody in particular is speaking.
PLURAL = re.compile(
    r"\b(?:para|kedua|ketiga|keempat|kelima|masing-masing|seluruh|semua|dua|tiga|empat|lima|sembilan)\s+"
    r"(?:pasangan|paslon|kandidat|calon|cawali|cabup|cagub)",
    re.IGNORECASE,
)
# Words that stand for the current speaker.
PRONOUN = re.compile(
    r"\b(?:pihaknya|ia|dia|beliau|mereka|dirinya|(?:paslon|pasangan|kandidat|calon)\s+(?:ini|tersebut)|"
    r"keduanya|menurut(?:nya|\s+dia|\s+beliau|\s+mereka)|katanya|baginya)\b",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"\b(?:kami|kita|saya|aku)\b", re.IGNORECASE)
# People who are not candidates: officials, the moderator, the panel, analysts.
OTHER_TITLE = re.compile(
    r"\b(?:Ketua|Kepala|Komisioner|Anggota|Sekretaris|Direktur|Menteri|Camat|Lurah|Kapolres|Kapolda|Kapolresta|"
    r"Pengamat|Panelis|Moderator|Akademisi|Koordinator|Jubir|Juru\s+[Bb]icara|Dosen|Warga|Kabag|Kadis|Plt|"
    r"KPU|Bawaslu|Presiden|Wakil\s+Presiden|Ketum|Sekjen|Tim\s+(?:[Pp]emenangan|[Kk]ampanye|[Ss]ukses)|Timses|"
    r"Jurkam|Juru\s+[Kk]ampanye)\b"
)
SPEECH_VERB = (r"(?:mengatakan|menjelaskan|menuturkan|menyampaikan|menegaskan|mengungkapkan|menambahkan|menyebut(?:kan)?|"
               r"berharap|meminta|menilai|mengaku|mengimbau|menyatakan|memaparkan|menjawab|melanjutkan|menerangkan|"
               r"berpendapat|mengingatkan|menekankan)")
# The same roles written in lower case mid-sentence ("Menurut pengamat dari Unsoed, …", "tanya panelis").
OTHER_ROLE = re.compile(
    r"\b(?:pengamat|panelis|moderator|akademisi|analis|peneliti|dosen|wartawan|warga|ketua|kepala|komisioner)\b",
    re.IGNORECASE,
)
OTHER_SUBJECT = re.compile(r"^(?:[A-Z][\w.'-]*\s+){1,4}" + SPEECH_VERB + r"\b")
# An epithet pointing back at the person just named ("Mantan Ketua DPRD tersebut").
ANAPHORIC_EPITHET = re.compile(r"^\W*(?:[A-Z]\w*\s+){1,6}(?:tersebut|itu)\b")
OFFICIAL = re.compile(
    r"(?:(?:Pj\.?|Penjabat|Plt\.?|Plh\.?)\s+)?(?:Wakil\s+)?(?:Wali\s*[Kk]ota|Walikota|Bupati|Gubernur)"
    r"(?:\s+(?:[A-Z]\w*))(?:\s+[A-Z]\w*)?"
)
BYLINE = re.compile(r"^\s*(?:Oleh)\s*:?\s+(?P<name>[A-Z][\w.,' -]{2,90}?)\s*$", re.MULTILINE)


@dataclass
class Mention:
    start: int
    end: int
    cand: int  # index into doc.candidates
    surface: str  # the name as the text writes it ("" for a bare ballot number)


def ballot_number(word: str) -> int | None:
    """ "01" -> 1, "dua" -> 2."""
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s,]+", name) if t and t.strip(".").lower() not in COMMON_NAME_PARTS
            and len(t.strip(".")) >= 3 and t[0].isupper() and "." not in t]


def _distinctive_tokens(doc: Document) -> dict[str, int]:
    """Name parts that belong to exactly one pair ("Atang", "Ambara", "Wibawa")."""
    owner: dict[str, set[int]] = {}
    for i, c in enumerate(doc.candidates):
        for name in [c.head, c.deputy or ""]:
            for tok in _name_tokens(name):
                owner.setdefault(tok, set()).add(i)
    return {tok: next(iter(s)) for tok, s in owner.items() if len(s) == 1}


def _foreign_after(text: str, end: int, own: set[str]) -> bool:
    """A one-word name followed by a capitalised word not of the pair's names: "Surya Paloh" is not the
    deputy "Surya". Acronyms ("Surya PKS") do not count."""
    after = re.match(r"[ \t]+([A-Z][\w'-]*)", text[end:end + 40])
    return bool(after and after.group(1) not in own and not after.group(1).isupper())


def _word_before(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")


def _flex(name: str) -> str:
    """A regex for a name allowing any spacing and either dash between parts."""
    parts = [re.escape(p) for p in re.split(r"\s+", name.strip()) if p]
    return r"\s+".join(parts).replace(r"\-", r"\s*[-–]\s*").replace("–", r"\s*[-–]\s*")


def find_mentions(doc: Document) -> list[Mention]:
    """Every mention of a candidate pair in ``doc.text``, adjacent parts merged, sorted by start."""
    text = doc.text
    raw: list[tuple[int, int, int, bool]] = []  # start, end, cand, is_name
    tokens = _distinctive_tokens(doc)
    own_words = [{w for n in c.names() for w in re.split(r"[\s,.-]+", n) if w} for c in doc.candidates]
    for i, c in enumerate(doc.candidates):
        for name in c.names():
            if len(name.strip()) < 3:
                continue
            # The pattern starts with the name itself so the regex engine can skip ahead to it.
            for m in re.finditer(_flex(name) + r"(?!\w)", text):
                if not _word_before(text, m.start()) and not (" " not in name.strip() and
                                                              _foreign_after(text, m.end(), own_words[i])):
                    raw.append((m.start(), m.end(), i, True))
    honorific_before = re.compile(r"\b" + HONORIFIC + r"\s+$")
    for tok, i in tokens.items():
        for m in re.finditer(re.escape(tok) + r"(?![\w])", text):
            start = m.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            if _foreign_after(text, m.end(), own_words[i]):
                continue
            h = honorific_before.search(text, max(0, start - 10), start)  # "Pak Atang" is one mention
            raw.append((h.start() if h else start, m.end(), i, True))
    numbers = {c.number: i for i, c in enumerate(doc.candidates) if c.number is not None}
    for m in BALLOT.finditer(text):
        n = ballot_number(m.group(1))
        if n in numbers:
            raw.append((m.start(), m.end(), numbers[n], False))
    try:  # the facts stage's mentions, where it provides them
        from janji.facts import mentions as facts_mentions  # type: ignore[attr-defined]
        heads = {c.head: i for i, c in enumerate(doc.candidates)}
        own = sorted((r[0], r[1]) for r in raw)
        own_starts = [r[0] for r in own]
        for start, end, head in facts_mentions(doc):
            # Where ours already name someone inside the span ("Sadewo Tri Lastiono-Dwi Asih Lintarti" is
            # two people), ours are the finer cut.
            k = bisect_left(own_starts, start)
            # Ballot numbers are read here with a stricter rule (a regulation's "Nomor 2" is no pair).
            if head in heads and not (k < len(own) and own[k][1] <= end) and \
                    not re.search(r"\d|\bnomor\b|\bno\.|\bpaslon\b", text[start:end], re.IGNORECASE) and \
                    not (" " not in text[start:end].strip() and _foreign_after(text, end, own_words[heads[head]])):
                raw.append((start, end, heads[head], True))
    except Exception:  # facts may not offer mentions (or fail on odd input): ours suffice
        pass
    raw.sort(key=lambda r: (r[0], -r[1]))
    merged: list[list] = []  # [start, end, cand, [name pieces]]
    for start, end, cand, is_name in raw:
        piece = (start, end) if is_name else None
        if merged and merged[-1][2] == cand and start <= merged[-1][1] + 6 and \
                re.fullmatch(r"[ \t,–-]*(?:dan|&|-|–)?[ \t,]*", text[merged[-1][1]:start] if start > merged[-1][1] else ""):
            last = merged[-1]
            last[1] = max(last[1], end)
            if piece:
                last[3].append(piece)
            continue
        if merged and start < merged[-1][1]:
            continue  # overlaps a mention of another pair: keep the first
        merged.append([start, end, cand, [piece] if piece else []])
    out = []
    for start, end, cand, pieces in merged:
        surface = ""
        if pieces:
            # The first run of name pieces joined only by spaces or dashes ("Ambara Adi", not "Farhan dan Erwin").
            a, b = pieces[0]
            for pa, pb in pieces[1:]:
                gap = text[b:pa] if pa >= b else ""
                single = " " not in text[a:b].strip() and " " not in text[pa:pb].strip()
                # "Ambara Adi" (space) and "Husein-Mulyani" (short names, dash) are one name; a dash
                # between two full names ("Sadewo Tri Lastiono-Dwi Asih") joins two people: keep the first.
                if pa >= b and (re.fullmatch(r"[ \t]+", gap) or (single and re.fullmatch(r"[ \t]*[–-][ \t]*", gap))):
                    b = max(b, pb)
                elif pa < b:
                    b = max(b, pb)
                else:
                    break
            surface = re.sub(r"\s+", " ", text[a:b]).strip()
        out.append(Mention(start, end, cand, surface))
    return out


def speaker_name(doc: Document, mention: Mention) -> str:
    """The name to report for a mention: as written, or the head for a bare ballot number."""
    return mention.surface or doc.candidates[mention.cand].head


def _add_alias(cand: Candidate, alias: str) -> None:
    alias = re.sub(r"\s+", " ", alias).strip(" ,.-–")
    if not alias or len(alias) < 3:
        return
    if any(alias.lower() == n.lower() for n in cand.names()):
        return
    cand.aliases.append(alias)


def learn_aliases(doc: Document) -> None:
    """Add to each pair's ``aliases`` the nicknames the text gives it.

    "Cawali nomor urut 1, Gus Juned" (honorific name after a ballot number),
    "Irna Narulita-Tanto Arban (Intan)" (a short name in brackets after the
    pair), "Junaedi Malik atau Gus Juned" / "yang akrab disapa Gus Juned".
    """
    text = doc.text
    numbers = {c.number: c for c in doc.candidates if c.number is not None}
    for m in re.finditer(BALLOT.pattern + r"\s*,?\s+(" + HONORIFIC + r"\s+[A-Z][a-z]+)\b", text, re.IGNORECASE):
        n = ballot_number(m.group(1))
        alias = m.group(2)
        if n in numbers and alias[0].isupper() and alias.split()[1][0].isupper():
            _add_alias(numbers[n], alias)
    # "Gus Juned", "Ning Ita", "Mas Dhito": an honorific before a fragment of one pair's name.
    for m in re.finditer(r"\b(" + HONORIFIC + r")\s+([A-Z][a-z]{2,})\b", text):
        honorific, nick = m.group(1), m.group(2).lower()
        generic = honorific in ("Pak", "Bu", "Bapak", "Ibu", "Tuan", "Om")  # said of any official
        owners = set()
        for i, c in enumerate(doc.candidates):
            for tok in _name_tokens(c.head) + _name_tokens(c.deputy or ""):
                low = tok.lower()
                if nick == low or (not generic and (nick in low or low.startswith(nick[:3]))):
                    owners.add(i)
        if len(owners) == 1:
            _add_alias(doc.candidates[owners.pop()], m.group(0))
    for mention in find_mentions(doc):
        cand = doc.candidates[mention.cand]
        after = text[mention.end:mention.end + 80]
        m = re.match(r"\s*\(([A-Z][\w'-]*(?:[\s-][A-Z][\w'-]*){0,2})\)", after)
        if m and not m.group(1).isupper() and not _is_party(m.group(1)):  # "(Golkar)" is a party, "(Intan)" a nickname
            _add_alias(cand, m.group(1))
        m = re.match(r"\s*,?\s*(?:atau|alias|yang\s+(?:akrab|biasa)\s+disapa|akrab\s+disapa|disapa)\s+"
                     r"((?:" + HONORIFIC + r"\s+)?[A-Z][\w'-]*(?:[\s-][A-Z][\w'-]*){0,2})", after)
        if m:
            _add_alias(cand, m.group(1))


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
            return _strip_titles(m.group("name").split(",")[0]) or None
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
    # A press release: "Bupati Kudus Hartopo mengatakan, …" — the official who speaks first.
    m = re.search(OFFICIAL.pattern + r"[\s,]+(?:[A-Z][\w.'-]*[\s,]+){0,4}" + SPEECH_VERB, doc.text[:3000])
    if m:
        return OFFICIAL.match(m.group(0)).group(0).strip()
    return None


def _is_party(name: str) -> bool:
    try:
        from janji.facts.parties import canonical
        return canonical(name) is not None
    except Exception:  # facts not available: only all-caps party acronyms are recognised then
        return False


def _strip_titles(name: str) -> str:
    """ "Dr. H. Amir Makhmud" -> "Amir Makhmud" (the facts stage's rule where it is available)."""
    try:
        from janji.facts.names import strip_titles
        return strip_titles(name).strip()
    except Exception:  # facts not installed or failing on odd input: a plain cleanup will do
        return re.sub(r"\b(?:[A-Z][a-z]{0,3}\.\s*)+", "", name).strip()


def incumbent(doc: Document, mentions: list[Mention]) -> int | None:
    """The index of the one incumbent pair (facts' flag, else "petahana" just before a mention)."""
    flagged = [i for i, c in enumerate(doc.candidates) if c.incumbent]
    if len(flagged) == 1:
        return flagged[0]
    if flagged:
        return None
    found = set()
    for m in re.finditer(r"\bpetahana\b", doc.text, re.IGNORECASE):
        after = [x for x in mentions if m.end() <= x.start <= m.end() + 40]
        if after:
            found.add(after[0].cand)
    return found.pop() if len(found) == 1 else None
