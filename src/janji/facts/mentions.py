"""Where the text names each pair (``doc.mentions``), and the nicknames learnt from those places.

A candidate pair is mentioned by its head's or deputy's name (also in capitals), a
pair name ("Budi Santoso-Ani Lestari", "Budi-Ani"), an alias ("Gus Budi", "BERANI"),
a distinctive part of a name used alone ("Santoso", "Pak Santoso") or a ballot
number ("Cawali nomor urut 1", "paslon 2", "kandidat nomor dua"); a regulation's
"Nomor 2" is no ballot number. Adjacent parts naming the same pair ("Budi dan Ani",
"Budi–Ani") are one mention; each mention keeps the name as the text writes it
(``surface``), which is how a speaker is reported.

Example:
    >>> from janji.document import Candidate, Document, Source
    >>> doc = Document(Source("x.txt"), text="Cawali nomor urut 1, Gus Zubed menjawab. Santoso menambahkan.",
    ...                candidates=[Candidate("Zubaedi Santoso", "Rizal Fahmi", number=1)])
    >>> find(doc)
    >>> [(doc.text[m.start:m.end], m.surface) for m in doc.mentions], doc.candidates[0].aliases
    ([('Cawali nomor urut 1, Gus Zubed', 'Gus Zubed'), ('Santoso', 'Santoso')], ['Gus Zubed', 'Santoso'])
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from janji.document import Candidate, Document, Mention
from janji.facts import offices
from janji.facts import parties as parties_
from janji.facts.patterns import NUM, not_a_ballot_number, number_value
from janji.lang import lazy
from janji.lang.gate import word_start_alternation
from janji.lang.names import COMMON_PARTS, GENERIC_HONORIFICS, HONORIFIC, HONORIFICS

# "nomor urut 2", "Paslon 1", "paslon nomor 2", "kandidat nomor dua", "Cawali 1"; a bare "Nomor 2" is a regulation
# ("Perda Nomor 2 Tahun 2020"), not a pair.
_PAIR_WORD = r"(?:paslon|pasangan\s+calon|pasangan|kandidat|cawali|cawalkot|cawawali|cabup|cawabup|cagub|cawagub|calon)"
BALLOT = lazy.compile(
    rf"\b(?:(?:{_PAIR_WORD}\s+)*(?:nomor|nomer|no\.?)\s*(?:urut\s*)?|(?:{_PAIR_WORD}\s+)+)({NUM})\b"
    r"(?!\s*(?:tahun|persen|%))",
    re.IGNORECASE,
)


def find(doc: Document, text: str | None = None) -> None:
    """Set ``doc.mentions`` and add to each pair's aliases the nicknames the text gives it.

    ``text``: ``doc.text`` with parts that name no pair of this document blanked (links to other stories).
    """
    text = (doc.text or "") if text is None else text
    doc.mentions = _find(text, doc.candidates)
    if _learn_aliases(text, doc.candidates, doc.mentions):
        doc.mentions = _find(text, doc.candidates)
    holder = _office_mentions(text, doc)
    if holder:
        doc.mentions = _merge(text, doc.mentions, holder)


def _office_mentions(text: str, doc: Document) -> list[Mention]:
    """In a document about one office holder (a progress report, a plan speech), "Bupati", "Bupati Sleman",
    "Wakil Bupati" name that holder's pair — the office of the document's region, held, not run for."""
    cands = doc.candidates
    if len(cands) != 1 or not cands[0].incumbent or doc.region is None:
        return []
    out = []
    for m in offices.OFFICE.finditer(text):
        if offices.LEVEL_OF.get(re.sub(r"\s+", " ", m.group("office").lower())) != doc.region.level:
            continue
        if offices.NOT_HOLDER_BEFORE.search(text, max(0, m.start() - 30), m.start()) or \
                offices.NOT_HOLDER_AFTER.match(text, m.end()):
            continue
        end, found = offices._region_after(text, m.end())
        if found and doc.region not in found:
            continue  # another region's head
        out.append(Mention(m.start(), end, 0, ""))
    return out


def _merge(text: str, mentions: list[Mention], more: list[Mention]) -> list[Mention]:
    """Both lists in one, sorted; where two overlap the first found (a name) stays."""
    out: list[Mention] = []
    for m in sorted(mentions + more, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s,]+", name) if t and t.strip(".").lower() not in COMMON_PARTS
            and len(t.strip(".")) >= 3 and t[0].isupper() and "." not in t]


def _distinctive_tokens(cands: list[Candidate]) -> dict[str, int]:
    """Name parts that belong to exactly one pair ("Santoso", "Wibawa")."""
    owner: dict[str, set[int]] = {}
    for i, c in enumerate(cands):
        for name in [c.head, c.deputy or ""]:
            for tok in _name_tokens(name):
                owner.setdefault(tok, set()).add(i)
    return {tok: next(iter(s)) for tok, s in owner.items() if len(s) == 1}


def _foreign_after(text: str, end: int, own: set[str]) -> bool:
    """A one-word name followed by a capitalised word not of the pair's names: "Surya Paloh" is not the
    deputy "Surya". Acronyms ("Surya PKS") do not count."""
    after = re.match(r"[ \t]+([A-Z][\w'-]*)", text[end:end + 40])
    return bool(after and after.group(1) not in own and not after.group(1).isupper())


@lru_cache(maxsize=16384)  # each name of a pair, for every document that names it
def _flex(name: str) -> str:
    """A regex for a name allowing any spacing and either dash between parts."""
    words = [w for w in re.split(r"\s+", re.sub(r"\s*[-–—]\s*", "-", name.strip())) if w]
    return r"\s+".join(r"\s*[-–—]\s*".join(re.escape(p) for p in re.split(r"[-–—]", w)) for w in words)


def _flex_pieces(name: str) -> list[tuple[str, str]] | None:
    """What :func:`_flex` of the name matches, as (separator before, text) pieces: separator "" for the first,
    " " for a run of spaces, "-" for a dash with any spaces around it; None if a piece would be empty."""
    out: list[tuple[str, str]] = []
    for w in (w for w in re.split(r"\s+", re.sub(r"\s*[-–—]\s*", "-", name.strip())) if w):
        for k, part in enumerate(re.split(r"[-–—]", w)):
            if not part:
                return None
            out.append(("-" if k else " " if out else "", part))
    return out or None


def _pieces_end(text: str, pos: int, pieces: list[tuple[str, str]]) -> int:
    """Where the pieces end when they match at ``pos`` (each has one way to: no piece opens with a space
    or a dash), or -1."""
    n = len(text)
    for sep, part in pieces:
        if sep == " ":
            if pos >= n or not text[pos].isspace():
                return -1
            pos += 1
            while pos < n and text[pos].isspace():
                pos += 1
        elif sep == "-":
            while pos < n and text[pos].isspace():
                pos += 1
            if pos >= n or text[pos] not in "-–—":
                return -1
            pos += 1
            while pos < n and text[pos].isspace():
                pos += 1
        if not text.startswith(part, pos):
            return -1
        pos += len(part)
    return pos


def _forms_found(text: str, order: list[str], pieces: dict[str, list[tuple[str, str]] | None]
                 ) -> list[tuple[int, int, int]] | None:
    """(start, end, rank in ``order``) of each match of the alternation of ``order`` (each followed by no word
    character), as ``finditer`` gives them, by string search; None if a form is beyond this reading."""
    specs = [pieces[key] for key in order]
    if any(spec is None for spec in specs):
        return None
    n = len(text)
    found: list[tuple[int, int, int]] = []  # start, rank, end
    for rank, spec in enumerate(specs):
        first = spec[0][1]
        s = text.find(first)
        while s >= 0:
            end = _pieces_end(text, s, spec)
            if end >= 0 and not (end < n and (text[end].isalnum() or text[end] == "_")):
                found.append((s, rank, end))
            s = text.find(first, s + 1)
    found.sort()
    out: list[tuple[int, int, int]] = []
    last = 0
    for s, rank, end in found:
        if s < last or (out and out[-1][0] == s):
            continue  # inside the match before, or a later alternative at the same place
        out.append((s, end, rank))
        last = end
    return out


def _by_first_letter(alternatives: list[str]) -> str:
    """One alternation of patterns that each open with a capturing group whose first item is a plain letter,
    grouped by that letter ("B(?:(?P<g0>udi Santoso)|(?P<g2>udi))|S(?:…)"), each group keeping its order.

    It matches what the plain alternation matches, taking the same branch (only branches that open with the
    same letter can match at one place); but a pattern whose every branch opens with a plain letter lets the
    regex engine skip at once every position that holds none of them. A branch opening otherwise is kept
    whole, after the others (it cannot match where they do).
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for alt in alternatives:
        m = re.match(r"(\(\?P<\w+>)([A-Za-z0-9])", alt)
        if m:
            groups.setdefault(m.group(2), []).append(m.group(1) + alt[m.end():])
        else:
            others.append(alt)
    return "|".join([f"{letter}(?:{'|'.join(rest)})" for letter, rest in groups.items()] + others)


def _find(text: str, cands: list[Candidate]) -> list[Mention]:
    if not cands or not text:
        return []
    raw: list[tuple[int, int, int, bool]] = []  # start, end, cand, is_name
    own_words = [{w for n in c.names() for w in re.split(r"[\s,.-]+", n) if w} for c in cands]
    # Every name, alias and distinctive name part of every pair in one pattern (one compiled regex a
    # document: a pattern per name would be compiled afresh for every document), longest first so that
    # "Budi Santoso" is read before "Santoso"; KPU lists and headlines write names in capitals.
    forms: dict[str, tuple[int, bool, bool]] = {}  # regex -> (pair, one word, name part)
    pieces: dict[str, list[tuple[str, str]] | None] = {}  # regex -> what it matches (see _forms_found)
    for i, c in enumerate(cands):
        for name in c.names():
            if len(name.strip()) >= 3:
                for form in (name, name.upper()):
                    key = _flex(form)
                    if key not in forms:
                        forms[key] = (i, " " not in name.strip(), False)
                        pieces[key] = _flex_pieces(form)
    for tok, i in _distinctive_tokens(cands).items():
        key = re.escape(tok)
        if key not in forms:
            forms[key] = (i, True, True)
            pieces[key] = [("", tok)] if tok else None
    order = sorted(forms, key=len, reverse=True)
    found = _forms_found(text, order, pieces)  # (by string search: the pattern would be compiled anew)
    if found is None:
        combined = re.compile(_by_first_letter([f"(?P<g{k}>{pattern})(?!\\w)" for k, pattern in enumerate(order)]))
        found = [(m.start(), m.end(), int(m.lastgroup[1:])) for m in combined.finditer(text)] if order else []
    for start, end, rank in found:
        i, single, part = forms[order[rank]]
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        if single and _foreign_after(text, end, own_words[i]):
            continue
        if part:
            h = _HONORIFIC_BEFORE.search(text, max(0, start - 10), start)  # "Pak Santoso" is one mention
            start = h.start() if h else start
        raw.append((start, end, i, True))
    numbers = {c.number: i for i, c in enumerate(cands) if c.number is not None}
    for m in BALLOT.finditer(text) if numbers else ():  # a ballot number names a pair only if a pair has one
        n = number_value(m.group(1))
        if n in numbers and not not_a_ballot_number(text, m.start(), m.end()):
            raw.append((m.start(), m.end(), numbers[n], False))
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
        out.append(Mention(start, end, cand, _surface(text, pieces)))
    return out


def _surface(text: str, pieces: list[tuple[int, int]]) -> str:
    """The first run of name pieces joined only by spaces or dashes ("Sukarma Adi", not "Budi dan Ani")."""
    if not pieces:
        return ""
    a, b = pieces[0]
    for pa, pb in pieces[1:]:
        gap = text[b:pa] if pa >= b else ""
        single = " " not in text[a:b].strip() and " " not in text[pa:pb].strip()
        # "Sukarma Adi" (space) and "Budi-Ani" (short names, dash) are one name; a dash between two full
        # names ("Budi Santoso-Ani Lestari") joins two people: keep the first.
        if pa >= b and (re.fullmatch(r"[ \t]+", gap) or (single and re.fullmatch(r"[ \t]*[–-][ \t]*", gap))):
            b = max(b, pb)
        elif pa < b:
            b = max(b, pb)
        else:
            break
    return re.sub(r"\s+", " ", text[a:b]).strip()


def _add_alias(cand: Candidate, alias: str) -> bool:
    alias = re.sub(r"\s+", " ", alias).strip(" ,.-–")
    if not alias or len(alias) < 3 or any(alias.lower() == n.lower() for n in cand.names()):
        return False
    own = {w.lower() for n in (cand.head, cand.deputy or "") for w in re.split(r"[\s-]+", n) if w}
    if "-" in alias and all(w.lower() in own for w in re.split(r"[\s-]+", alias) if w):
        return False  # "Budi-Ani Lestari": the pair's own names written together, no nickname
    cand.aliases.append(alias)
    return True


def _learn_aliases(text: str, cands: list[Candidate], mentions: list[Mention]) -> bool:
    """Nicknames around the mentions: "Cawali nomor urut 1, Gus Zubed" (an honorific name after a ballot
    number), "Gus Zubed" (an honorific before a fragment of one pair's name), "Budi-Ani (Berani)" (a short
    name in brackets), "Budi atau Gus Budi" / "yang akrab disapa Gus Budi", and a distinctive part of a name
    used alone ("kata Santoso"). Returns whether any alias was added."""
    added = False
    numbers = {c.number: c for c in cands if c.number is not None}
    for m in re.finditer(BALLOT.pattern + r"\s*,?\s+(" + HONORIFIC + r"\s+[A-Z][a-z]+)\b", text, re.IGNORECASE) \
            if numbers else ():  # (only a pair with a number takes a nickname after it)
        n = number_value(m.group(1))
        alias = m.group(2)
        if n in numbers and alias[0].isupper() and alias.split()[1][0].isupper():
            added |= _add_alias(numbers[n], alias)
    for m in HONORIFIC_NAME.finditer(text):
        honorific, nick = m.group(1), m.group(2).lower()
        generic = honorific in GENERIC_HONORIFICS  # said of any official
        owners = set()
        for i, c in enumerate(cands):
            for tok in _name_tokens(c.head) + _name_tokens(c.deputy or ""):
                low = tok.lower()
                if nick == low or (not generic and (nick in low or low.startswith(nick[:3]))):
                    owners.add(i)
        if len(owners) == 1:
            added |= _add_alias(cands[owners.pop()], m.group(0))
    for mention in mentions:
        cand = cands[mention.candidate]
        after = text[mention.end:mention.end + 80]
        m = re.match(r"\s*\(([A-Z][\w'-]*(?:[\s-][A-Z][\w'-]*){0,2})\)", after)
        if m and not m.group(1).isupper() and parties_.canonical(m.group(1)) is None:  # "(Golkar)" is a party
            added |= _add_alias(cand, m.group(1))
        m = re.match(r"\s*,?\s*(?:atau|alias|yang\s+(?:akrab|biasa)\s+disapa|akrab\s+disapa|disapa)\s+"
                     r"((?:" + HONORIFIC + r"\s+)?[A-Z][\w'-]*(?:[\s-][A-Z][\w'-]*){0,2})", after)
        if m:
            added |= _add_alias(cand, m.group(1))
        if mention.surface and not any(mention.surface.lower() == n.lower() for n in cand.names()) \
                and mention.surface.split()[0] not in HONORIFICS and not re.search(r"[-–—]", mention.surface):
            # the short name the text calls the pair by ("Santoso", "Sukarma Adi")
            added |= _add_alias(cand, mention.surface)
    # "…, ucap pria yang akrab disapa Bang Jago itu": a nickname given to someone named earlier, not right before
    starts = [m.start for m in mentions]
    for m in CALLED.finditer(text):
        k = bisect_left(starts, m.start()) - 1
        if k >= 0 and m.start() - mentions[k].end <= 400 and not any(
                m.start("nick") <= x.start < m.end("nick") for x in mentions):
            added |= _add_alias(cands[mentions[k].candidate], m.group("nick"))
    return added


_HONORIFIC_BEFORE = lazy.compile(r"\b" + HONORIFIC + r"\s+$")
# "Gus Zubed", "Pak Santoso": an honorific and a name (the honorifics grouped by first letter: a fast scan)
HONORIFIC_NAME = lazy.compile("(" + word_start_alternation(HONORIFICS) + r")\s+([A-Z][a-z]{2,})\b")
# "yang akrab disapa X", "yang biasa dipanggil X", "dikenal dengan sapaan X"
CALLED = lazy.compile(r"\byang\s+(?:akrab|biasa|kerap)\s+(?:disapa|dipanggil)\s+(?P<nick>(?:" + HONORIFIC
                    + r"\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")
