"""What the text says about each pair once the pairs are known: where it is named (mentions),
whether it holds the office (incumbent), and which parties back it.
"""
from __future__ import annotations

import re

from janji.document import Candidate, Mention
from janji.facts import parties as parties_
from janji.facts.patterns import names_written
from janji.lang import lazy
from janji.lang.sentences import bounds as sentence_bounds
from janji.lang.gate import Gated

# "petahana", "penantang" stand next to the pair they describe; the other phrases describe the
# pair the sentence (or the one before) is about.
APPOSITIVE = Gated(lazy.compile(r"\b(?:petahana|incumbent|(?P<no>penantang(?:nya)?))\b", re.I))
INCUMBENT_PHRASE = Gated(lazy.compile(
    r"\b(?:kembali\s+(?:memimpin|maju|mencalonkan(?:\s+diri)?|menjadi\s+(?:kontestan|calon)|bertarung)|masa\s+jabatan(?:nya)?\s+(?:yang\s+)?(?:sebelumnya|pertama)|jilid\s+(?:yang\s+)?pertama|"
    r"periode\s+(?:yang\s+)?(?:sebelumnya|pertama)|melanjutkan\s+kepemimpinan(?:nya)?)\b",
    re.I,
))


def incumbency(text: str, cands: list[Candidate]) -> None:
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


_DASH_AFTER = lazy.compile(r"[ \t]*[-–—][ \t]*")


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
    found = names_written(text, ordered)  # (a pattern of the names would be compiled anew for every document)
    if found is None:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(r"[\s\-–—]*".join(map(re.escape, n.split())) for n in ordered) + r")(?!\w)")
        found = [m.span() for m in pattern.finditer(text)]
    spans = []
    for start, end in found:
        written_as = text[start:end]
        cand = owner.get(_norm_name(written_as))
        if cand is None:
            continue
        # "Zubaedi Karim–Rizal Fahmi": the pair name is one mention
        if cand.deputy and _norm_name(written_as) == _norm_name(cand.head):
            dash = _DASH_AFTER.match(text, end)
            after = dash.end() + len(cand.deputy) if dash else -1
            if dash and text[dash.end():after].lower() == cand.deputy.lower() and \
                    not (after < len(text) and (text[after].isalnum() or text[after] in "_-")):
                end = after
        spans.append((start, end, cand))
    return spans


SUPPORT = Gated(lazy.compile(
    r"\b(?:(?:di[ \t]?usung|diusulkan|didukung|pendukung|pengusung|usungan|dukungan|disokong)(?:nya)?|mendukung|koalisi|"
    r"rekomendasi|mengusung(?=[ \t]+(?:mereka|pasangan|paslon|calon|keduanya|dia|beliau)\b)|tiket[ \t]+dari)\b",
    re.I,
))
# support sought, not had: "mencari dukungan PKS", "berharap didukung Golkar"
SOUGHT = Gated(lazy.compile(r"\b(?:mencari|meminta|memburu|mengincar|berharap|menunggu|menanti|melobi|membidik|belum)[ \t]+$", re.I))


def assign_parties(text: str, cands: list[Candidate], mentions: list[Mention]) -> None:
    """"diusung oleh Partai Golkar, PAN", "didukung … PKS sebanyak 11 kursi", "mengantongi tiket dari PAN": to the
    pair last named; support only sought ("mencari dukungan PKS") is none."""
    if not cands:
        return
    for m in SUPPORT.finditer(text):
        if SOUGHT.search(text, max(0, m.start() - 20), m.start()):
            continue
        s0, s1 = sentence_bounds(text, m.start())
        before = [x for x in mentions if x.end <= m.start()]
        owner = cands[before[-1].candidate] if before else (cands[0] if len(cands) == 1 else None)
        if owner is None:
            continue
        stop = s1
        for x in mentions:
            if x.start >= m.end() and cands[x.candidate] is not owner:
                stop = min(stop, x.start)
                break
        for _, _, party in parties_.find(text, m.end(), stop):
            if party not in owner.parties:
                owner.parties.append(party)
