"""Nicknames of the pairs: "(Windi)", "Rama Sakti atau …", "Gus Zubed", "Uki, sapaan Mukhlis",
"Fikri-Ervan", and parts of a name used alone later ("kata Anang", "ujar Jaya Kusuma").
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from janji.document import Candidate
from janji.lang import lazy
from janji.lang import names as names_
from janji.lang.names import COMMON_PARTS
from janji.facts import parties as parties_
from janji.data import regions
from janji.facts.patterns import (
    NAME, NAME_WORD, NICKNAME_ANCHOR, NUMBERED_NAME, STOP, anchored, clean_name, name_tokens, names_bracketed, names_pair,
    number_value, plausible_name, not_a_ballot_number, same_person, split_words,
)
from janji.lang.gate import Gated

if TYPE_CHECKING:
    from janji.facts.candidates import _Builder

def around(text: str, cand: Candidate, start: int, end: int, lower_seen: set[str]) -> None:
    """"… Wina Rosalina-Dedi Arman (Windi)", "pasangan Rama Sakti atau Ramli-Saktiawan Ali"."""
    m = re.match(r"[ \t]*\(([^()\n]{2,40})\)", text[end:end + 45])
    if m:
        alias = re.sub(r"\s*[-–—]\s*", "-", m.group(1).strip())
        acronym = re.fullmatch(r"[A-Z][A-Z'’-]{2,14}", alias) and not parties_.canonical(alias) and not regions.candidates(alias)
        if alias[:1].isupper() and len(alias.split()) <= 4 and (plausible_name(alias) or acronym) and not re.search(r"\d", alias):
            add(cand, alias)
    m = re.search(rf"(?P<a>{NAME})[ \t]+atau[ \t]+$", text[max(0, start - 60):start])
    if m:
        alias = clean_name(m.group("a"), lower_seen)
        if alias and plausible_name(alias):
            add(cand, alias)


NICKNAME = Gated(lazy.compile(
    rf"(?P<a>(?:{NAME_WORD}[ \t]+)?\b[A-Z]{{2,6}}\b|{NAME})[ \t]*,?[ \t]*(?:yang[ \t]+)?(?:sapaan(?:[ \t]+akrab)?|akrab[ \t]+disapa|biasa[ \t]+disapa|disapa|dikenal[ \t]+dengan[ \t]+sapaan)[ \t]+(?P<b>{NAME})"
))


def nicknames(text: str, b: "_Builder") -> None:
    """"Uki, sapaan Mukhlis" and "Mukhlis yang akrab disapa Uki": the nickname joins the pair."""
    for m in anchored(NICKNAME, NICKNAME_ANCHOR, text, back=120, ahead=80):
        a = m.group("a") if re.search(r"\b[A-Z]{2,6}$", m.group("a")) else clean_name(m.group("a"), b.lower_seen)
        c = clean_name(m.group("b"), b.lower_seen, lead=False)
        for nick, name in ((a, c), (c, a)):
            owner = next((x for x in b.cands if names_pair(name, x, "head") or names_pair(name, x, "deputy")), None)
            if owner is not None and nick and not (names_pair(nick, owner, "head") or names_pair(nick, owner, "deputy")):
                add(owner, nick)
                break


def add(cand: Candidate, alias: str) -> None:
    if alias and alias not in cand.aliases and alias not in (cand.head, cand.deputy):
        cand.aliases.append(alias)


def _fuzzy_owner(name: str, cands: list[Candidate]) -> Candidate | None:
    """The pair a nickname belongs to ("Gus Zubed" -> Zubaedi Karim), if exactly one fits."""
    word = split_words(name)[-1].lower()
    owners = []
    for cand in cands:
        for part in name_tokens(cand.head) + name_tokens(cand.deputy):
            if part[:2] == word[:2] and SequenceMatcher(None, part, word).ratio() >= 0.75:
                owners.append(cand)
                break
    return owners[0] if len(owners) == 1 else None


# a nickname with an honorific ("Gus Zubed"); a run of capitalised words, a name perhaps ("Jaya Kusuma")
_HONORIFIC_NAME = lazy.compile(rf"\b(?:{'|'.join(names_.HONORIFICS)})[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?")
_WORD = r"(?:[A-Z][a-z][A-Za-z'’]*|[A-Z]\b)"
_CAPITALISED_RUN = lazy.compile(rf"{_WORD}(?:(?:[ \t]+|[ \t]*[-–—][ \t]*){_WORD})*")


def numbered(text: str, b: _Builder) -> None:
    """"Cawali nomor urut 1, Gus Zubed", "Paslon 1 Sukarma Adi", "Paslon nomor 2 Jaya-Santika"."""
    for m in NUMBERED_NAME.finditer(text):
        if not_a_ballot_number(text, m.start(), m.end("n")):
            continue
        number = number_value(m.group("n"))
        raw = re.sub(r"\s*[-–—]\s*", "-", m.group("a"))
        alias = "-".join(clean_name(p, b.lower_seen) for p in raw.split("-"))
        if not alias or alias.startswith("-") or alias.endswith("-") or not plausible_name(alias.replace("-", " ")):
            continue
        owner = next((c for c in b.cands if c.number == number), None)
        known = next((c for c in b.cands if any(same_person(alias, n) for n in [c.head, c.deputy, *c.aliases])), None)
        if owner is None and known is not None and known.number is None:
            known.number, owner = number, known
        if owner is None or (known is not None and known is not owner):
            continue
        if not any(same_person(alias, n) for n in [owner.head, owner.deputy]):
            add(owner, alias)
    # nicknames with an honorific used without a number: "Gus Zubed menjawab …"
    for m in _HONORIFIC_NAME.finditer(text):
        nick = m.group()
        if any(nick in c.aliases for c in b.cands):
            continue
        owner = _fuzzy_owner(nick, b.cands)
        if owner is not None:
            add(owner, nick)


def short_names(text: str, b: _Builder) -> None:
    """Part of a name used alone later: "kata Anang", "ujar Jaya Kusuma", "Sukarma menekankan"."""
    runs = set()
    for m in _CAPITALISED_RUN.finditer(text):
        words = split_words(m.group())
        while words and (words[0].lower() in STOP or words[0].lower() in b.lower_seen):
            words.pop(0)
        while words and words[-1].lower() in STOP:
            words.pop()
        if words:
            runs.add(" ".join(words))
    owners: dict[str, list[Candidate]] = {}
    for cand in b.cands:
        for full in (cand.head, cand.deputy):
            words = split_words(full or "")
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
            add(cands[0], short)
    # one half of a pair nickname used alone: "Malem" of "Malem-Dek Fadil", "BTM" of "BTM-CK"
    for cand in list(b.cands):
        for alias in list(cand.aliases):
            for half in alias.split("-") if "-" in alias else []:
                if same_person(half, cand.head) or same_person(half, cand.deputy):
                    continue  # a part of the name itself: the short-name rule above decides
                if len(half) >= 3 and half.lower() not in b.lower_seen and re.search(rf"(?<![\w-]){re.escape(half)}(?![\w-])", text):
                    if not any(half in (c.head, c.deputy) or half in c.aliases for c in b.cands if c is not cand):
                        add(cand, half)
    # head-part + deputy-part written as one name: "Sukarma Adi"
    for run in runs:
        words = run.split()
        if len(words) != 2:
            continue
        for cand in b.cands:
            if cand.deputy and words[0] in split_words(cand.head) and words[1] in split_words(cand.deputy) and run not in (cand.head, cand.deputy):
                add(cand, run)


def parenthesized(text: str, b: "_Builder") -> None:
    """"Kang Deni Mulyawan (KDM) menjawab", "Ahmad Syaiful (Syaiful)": a short name in brackets after one
    person's name joins that pair."""
    owner: dict[str, Candidate] = {}
    for cand in b.cands:
        for name in [cand.head, cand.deputy, *cand.aliases]:
            if name and "-" not in name:  # after a pair name, around() has read it
                owner.setdefault(name, cand)
    if not owner:
        return
    # the names longest first, as one alternation would try them; the word boundary before one is checked after
    names = sorted(owner, key=len, reverse=True)
    for start, _, name, alias in names_bracketed(text, names):  # (no pattern of the names compiled anew)
        if start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            continue
        cand = owner[name]
        if parties_.canonical(alias) or regions.candidates(alias) or alias.lower() in STOP:
            continue
        if not any(alias in (c.head, c.deputy) or alias in c.aliases for c in b.cands if c is not cand):
            add(cand, alias)
