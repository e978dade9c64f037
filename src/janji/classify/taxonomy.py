"""The taxonomy as data: bidang urusan, SDGs, the official nomenclature, and janji's lexicon.

The tables come from :mod:`janji.data.reference` (files packaged in ``janji/data``,
see SOURCES.md there); janji's lexicon is read here. All cached; nothing is downloaded.

Example:

    >>> sectors()["1.01"].name
    'PENDIDIKAN'
    >>> sdgs()[4].nama
    'Pendidikan Berkualitas'
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from janji import cache, data
from janji.data import reference
from janji.lang.stem import fingerprint, stems


@dataclass(frozen=True)
class Sector:
    code: str
    name: str
    group: str
    description: str = ""
    gated: bool = False


@dataclass(frozen=True)
class Goal:
    goal: int
    nama: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Phrase:
    """One nomenclature entry (a program, kegiatan or sub kegiatan)."""

    code: str
    name: str
    level: str
    program_code: str
    bidang_code: str


def data_path(name: str):
    return data.path(name)


@lru_cache(maxsize=1)
def lexicon_data() -> dict:
    with data_path("classify_lexicon.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def sectors() -> dict[str, Sector]:
    """Bidang urusan by code, in the order of ``bidang_urusan.csv``."""
    lex = lexicon_data()["sectors"]
    return {
        row.code: Sector(row.code, row.name, row.group, lex.get(row.code, {}).get("description", ""),
                         bool(lex.get(row.code, {}).get("gated")))
        for row in reference.sectors().values()
    }


@lru_cache(maxsize=1)
def sdgs() -> dict[int, Goal]:
    lex = lexicon_data()["sdgs"]
    return {row.goal: Goal(row.goal, row.nama, row.name, lex.get(str(row.goal), {}).get("description", ""))
            for row in reference.sdgs().values()}


@lru_cache(maxsize=1)
def programs() -> list[Phrase]:
    return [Phrase(r.code, r.name, "program", r.code, r.bidang_code) for r in reference.programs()]


@lru_cache(maxsize=1)
def nomenclature() -> list[Phrase]:
    """Every kegiatan and sub kegiatan (codes repeat between provinsi and kab/kota lists: key by code and name)."""
    return [Phrase(r.code, r.name, r.level, r.program_code, r.bidang_code) for r in reference.kegiatan()]


def sector_sdg_prior() -> dict[str, list[int]]:
    return {code: list(goals) for code, goals in lexicon_data()["sector_sdgs"].items()}


@dataclass
class Lexicon:
    """Keyword phrases (as stem tuples) -> {label: weight}; longest match wins at each position."""

    phrases: dict[tuple[str, ...], dict[str, float]] = field(default_factory=dict)
    surface: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 1
    first: dict[str, int] = field(default_factory=dict)  # first stem -> longest phrase starting with it

    def add(self, phrase: str, label: str | None, weight: float = 0.0) -> None:
        """Add a keyword; ``label=None`` adds a neutral phrase that only stops its words matching alone."""
        key = tuple(stems(phrase))
        if not key:
            return
        slot = self.phrases.setdefault(key, {})
        if label is not None:
            slot[label] = max(slot.get(label, 0.0), weight)
        self.surface.setdefault(key, phrase)
        self.longest = max(self.longest, len(key))
        self.first[key[0]] = max(self.first.get(key[0], 0), len(key))

    def match(self, stem_list: list[str]) -> list[tuple[tuple[str, ...], dict[str, float], int, int]]:
        """Matched phrases in text order, each at most once: (stems, {label: weight}, start, end)."""
        first = self.first
        # most words start no keyword: only the positions of those that do are looked at
        starts = [i for i, s in enumerate(stem_list) if s in first]
        if not starts:
            return []
        out, seen, n, phrases, after = [], set(), len(stem_list), self.phrases, 0
        for i in starts:
            if i < after:  # inside the phrase matched last
                continue
            for size in range(min(first[stem_list[i]], n - i), 0, -1):
                key = tuple(stem_list[i:i + size])
                hit = phrases.get(key)
                if hit is not None:
                    if hit and key not in seen:
                        seen.add(key)
                        out.append((key, hit, i, i + size))
                    after = i + size
                    break
        return out


def _parse(entry: str) -> tuple[str, float]:
    phrase, _, weight = entry.partition("|")
    return phrase.strip(), float(weight) if weight else 1.0


@lru_cache(maxsize=1)
def sector_lexicon() -> Lexicon:
    return _lexicons()[0]


@lru_cache(maxsize=1)
def sdg_lexicon() -> Lexicon:
    return _lexicons()[1]


@lru_cache(maxsize=1)
def _lexicons() -> tuple[Lexicon, Lexicon]:
    """The sector and SDG lexicons, as :func:`_built_lexicons` makes them (stemming ~1,500 phrases): kept in the
    user's cache folder (:mod:`janji.cache`) under the digest of the lexicon file, this module's code and what
    the stems depend on (:func:`janji.lang.stem.fingerprint`): read back, ~1 ms instead of ~5 for a one-file run."""
    try:
        code = Path(__file__).read_bytes()
    except OSError:
        code = None
    stemming = fingerprint()
    if code is None or stemming is None:
        parts = _built_lexicons()
    else:
        raw = b"\0".join([data_path("classify_lexicon.json").read_bytes(), code, stemming])
        parts = cache.derived(raw, "lexicons", _built_lexicons)
    return tuple(Lexicon(phrases, surface, longest, first) for phrases, surface, longest, first in parts)


def _built_lexicons() -> list[tuple]:
    data = lexicon_data()
    out = []
    for section in ("sectors", "sdgs"):  # the sector lexicon, then the SDG one, each with the neutral phrases
        lex = Lexicon()
        for label, spec in data[section].items():
            for entry in spec.get("keywords", []):
                phrase, weight = _parse(entry)
                lex.add(phrase, label, weight)
        for phrase in data.get("neutral", []):
            lex.add(phrase, None)
        out.append((lex.phrases, lex.surface, lex.longest, lex.first))
    return out
