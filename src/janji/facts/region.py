"""Which region a document is about: every region name in the text is a vote.

A mention with a level cue right before it ("Kabupaten Bogor", "Wali Kota
Bogor", "Pilbup Jombang", "Gubernur Sumut") votes for that level only; a bare
name shared by a kabupaten and a kota ("Bogor") goes to the level the election
words of the document point at ("calon wali kota", "Pilbup"), or is split.
Mentions in the headline and near election words weigh more; a dateline
("MAKASSAR, RAKYATSULSEL -") only says where the story was written and weighs
little.

Example:
    >>> detect("Debat Pilbup Jombang 2024 digelar KPU Kabupaten Jombang.").name
    'Kabupaten Jombang'
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from janji import cache
from janji.document import Region
from janji.data import regions
from janji.lang import lazy
from janji.lang.gate import Gated

# Bare names that are also ordinary words or common in other names ("Batu Tulis",
# "Ball Room Barru", "Puncak Bogor"): they count only with a level cue before them.
CUE_ONLY = {
    "Agam", "Alor", "Aru", "Banjar", "Barru", "Batang", "Batu", "Bima", "Bone", "Bungo", "Buru", "Ende", "Kapuas",
    "Karo", "Kaur", "Ketapang", "Kuningan", "Landak", "Lebong", "Lingga", "Malaka", "Metro", "Muna", "Pati",
    "Puncak", "Seram", "Sigi", "Sula", "Tebo", "Tual",
}

CUES = {
    "kabupaten": r"kabupaten|kab\.?|bupati|pilbup|pemkab|cabup|cawabup",
    "kota": r"kota|wali\s*kota|walkot|pilwali|pilwalkot|pilwakot|pilkot|pemkot|cawali|cawawali",
    "provinsi": r"provinsi|prov\.|gubernur|pilgub|pemprov|cagub|cawagub",
}
# The cue directly before the name, possibly "Bupati dan Wakil Bupati <name>".
CUE_BEFORE = {
    level: Gated(lazy.compile(
        rf"(?:\b(?:{words}))(?:\s*(?:dan|-|–|/)\s*(?:calon\s+)?wakil\s+(?:{words}))?[\s.]*$", re.I
    ))
    for level, words in CUES.items()
}
# Words that say which office the election is for (not just where something is).
ELECTION_LEVEL = {
    "kabupaten": Gated(lazy.compile(r"\b(?:pilbup|cabup|cawabup|(?:calon|pemilihan|paslon)\s+(?:\w+\s+)?bupati|bupati\s*(?:dan|-|–)\s*wakil\s+bupati)\b", re.I)),
    "kota": Gated(lazy.compile(r"\b(?:pilwali|pilwalkot|pilwakot|pilkot|cawali|cawawali|(?:calon|pemilihan|paslon)\s+(?:\w+\s+)?wali\s*kota|wali\s*kota\s*(?:dan|-|–)\s*wakil\s+wali\s*kota)\b", re.I)),
    "provinsi": Gated(lazy.compile(r"\b(?:pilgub|cagub|cawagub|(?:calon|pemilihan|paslon)\s+(?:\w+\s+)?gubernur|gubernur\s*(?:dan|-|–)\s*wakil\s+gubernur)\b", re.I)),
}
ELECTION_NEAR = Gated(lazy.compile(
    r"\b(?:pilkada|pilbup|pilwali|pilwalkot|pilwakot|pilkot|pilgub|pemilihan|calon|paslon|pasangan|kandidat|kpu|kpud|"
    r"debat|kampanye|visi|misi|rpjmd|renstra|rkpd)\b",
    re.I,
))
LONG_RANGE_AFTER = lazy.compile(r"\s*(?:tahun\s+)?((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)", re.I)
# A dateline opens a line: "MAKASSAR, RAKYATSULSEL -", "Manado, (Antara News) -",
# "Kota Mojokerto, Kabarterdepan.com –". DATELINE_BEFORE is what may stand before the place
# on its line, DATELINE_AFTER what follows it.
DATELINE_BEFORE = lazy.compile(r"^[ \t]*(?:[A-Z][\w.]*[ \t]+){0,3}$")
DATELINE_AFTER = lazy.compile(r"\s*,\s*\(?[\w .]{2,40}\)?\s*[-–—]")


def _pattern(name: str) -> str:
    """First letter as written, the rest in any case (so "DENPASAR" matches); spaces or hyphens optional."""
    words = re.split(r"[\s\-]+", name)
    parts = []
    for i, word in enumerate(words):
        parts.append((re.escape(word[0]) + "(?i:" + re.escape(word[1:]) + ")") if i == 0 else "(?i:" + re.escape(word) + ")")
    return r"[\s\-]*".join(parts)


@lru_cache(maxsize=1)
def _names() -> tuple[list[str], dict[str, tuple[Region, ...]]]:
    """Every region name and alias, longest first ("Papua Selatan" before "Papua"), and the table from a
    name's key (:func:`regions._key`) to the regions it may name."""
    ordered, table, _ = _kept()
    everything = regions.all_regions()
    return ordered, {key: tuple(everything[i] for i in found) for key, found in table.items()}


@lru_cache(maxsize=1)
def _kept() -> tuple[list[str], dict[str, list[int]], dict[str, list[int]]]:
    """:func:`_names` (each region as its position in :func:`regions.all_regions`) and :func:`_buckets`, as
    :func:`_built_names` makes them; kept in the user's cache folder (:mod:`janji.cache`) under the digest of
    the region tables' sources and this module's code: read back, ~1 ms instead of ~7 for a one-file run."""
    key = regions.kept_key()
    try:
        code = Path(__file__).read_bytes()
    except OSError:
        key = None
    return _built_names() if key is None else cache.derived(key + b"\0" + code, "region-names", _built_names)


def _built_names() -> tuple[list[str], dict[str, list[int]], dict[str, list[int]]]:
    names: dict[str, tuple[Region, ...]] = {}
    for region in regions.all_regions():
        for name in {region.name, regions.bare_name(region)}:
            merged = {r.code: r for r in names.get(name, ()) + regions.candidates(name)}
            names[name] = tuple(merged.values())
    for alias, found in regions.aliases().items():
        names[alias] = found
    ordered = sorted(names, key=len, reverse=True)
    position = {id(region): i for i, region in enumerate(regions.all_regions())}
    table = {regions._key(n): [position[id(r)] for r in names[n]] for n in ordered}
    capitalised = [n for n in ordered if "A" <= n[0] <= "Z"]
    return capitalised, table, _bucketed(capitalised)


def _matcher() -> tuple[re.Pattern, dict[str, tuple[Region, ...]]]:
    """All the names in one pattern, grouped by their first letter (a capital, as written): "A(?:ceh|gam|…)|
    B(?:ali|…)". What :func:`_written` finds, as one regex (33 KB: ~60 ms to compile, where a one-file run
    of ``janji analyze`` spends ~600 ms in all); kept to compare with in the tests."""
    ordered, table = _names()
    by_letter: dict[str, list[str]] = {}
    for n in ordered:
        alternative = _pattern(n) if not n.isupper() else re.escape(n)
        by_letter.setdefault(n[0], []).append(alternative[len(n[0]):])  # each opens with its capital, unescaped
    alternation = "|".join(rf"{letter}(?<!\w.)(?:{'|'.join(rest)})" for letter, rest in by_letter.items())
    return re.compile(rf"(?:{alternation})(?!\w)"), table


_KEY_LETTERS = 11  # characters after the capital that key a name's bucket ("Kabupaten Bogor" -> "Kabupatenbog")


def _separator(c: str) -> bool:
    return c == "-" or c.isspace()  # what [\s\-] matches


_SEPARATORS = lazy.compile(r"[\s\-]")  # the characters of _separator (\s is str.isspace), for a whole name at once


@lru_cache(maxsize=1)
def _openings() -> tuple[frozenset[str], frozenset[str]]:
    """The first five characters of the names' keys that long, and the keys shorter than that."""
    keys = _buckets()
    return frozenset(k[:5] for k in keys if len(k) >= 5), frozenset(k for k in keys if len(k) < 5)


_PLAIN_FOUR = lazy.compile(r"[A-Za-z]{4}")


@lru_cache(maxsize=1)
def _buckets() -> dict[str, list[int]]:
    """Each name's rank in the longest-first order under its key: its capital and the next characters in
    lower case, spaces and hyphens left out, as many as :data:`_KEY_LETTERS` ("Papua Selatan" -> "Papuaselatan")."""
    return _kept()[2]


def _bucketed(ordered: list[str]) -> dict[str, list[int]]:
    by_key: dict[str, list[int]] = {}
    for rank, n in enumerate(ordered):
        rest = _SEPARATORS.sub("", n[1:]).lower()
        by_key.setdefault(n[0] + rest[:_KEY_LETTERS], []).append(rank)
    return by_key


_NAME_PATTERNS: dict[int, re.Pattern] = {}
# The only characters beyond ASCII that a case-insensitive pattern of ASCII letters, digits and dots
# matches (worked out over all of Unicode): "İ" and "ı" (i), the Kelvin sign (k), "ſ" (s).
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u212a\u017f")


def _name_pattern(rank: int) -> re.Pattern:
    """One name's branch of :func:`_matcher`'s pattern (and the same look-ahead), compiled when first asked."""
    found = _NAME_PATTERNS.get(rank)
    if found is None:
        n = _names()[0][rank]
        found = _NAME_PATTERNS[rank] = re.compile((_pattern(n) if not n.isupper() else re.escape(n)) + r"(?!\w)")
    return found


@lru_cache(maxsize=1)
def _spellings() -> list[tuple[str, ...] | None]:
    """For each name, its words in lower case, the first without its capital (None for a name in capitals,
    matched as written): what :func:`_pattern` matches, read without a regex."""
    out: list[tuple[str, ...] | None] = []
    for n in _names()[0]:
        words = re.split(r"[\s\-]+", n)
        out.append(None if n.isupper() else (words[0][1:].lower(), *(w.lower() for w in words[1:])))
    return out


def _name_end(text: str, p: int, rank: int) -> int:
    """Where the name of ``rank`` ends if it is written at ``p`` (after its capital, which is there), else -1:
    ``_name_pattern(rank).match(text, p)``, with plain string comparison where the text is ASCII."""
    words = _spellings()[rank]
    n_text = len(text)
    if words is None:
        name = _names()[0][rank]
        pos = p + len(name) if text.startswith(name, p) else -1
    else:
        pos = p + 1
        for k, word in enumerate(words):
            if k:
                while pos < n_text and _separator(text[pos]):
                    pos += 1
            piece = text[pos:pos + len(word)]
            if not piece.isascii():
                if not any(c in _FOLDS_TO_ASCII for c in piece):
                    return -1  # a character no letter of a name matches, in any case
                m = _name_pattern(rank).match(text, p)  # "İ", "ı", "ſ", the Kelvin sign: the regex decides
                return m.end() if m else -1
            if piece.lower() != word:
                return -1
            pos += len(word)
    if pos < 0 or (pos < n_text and (text[pos].isalnum() or text[pos] == "_")):
        return -1
    return pos


_CAPITAL_AT_WORD_START = lazy.compile(r"(?<!\w)[A-Z]")
# What the characters beyond ASCII that a name's letters match become in its key (see _FOLDS_TO_ASCII).
_FOLD_KEY = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})


def _text_key(text: str, p: int) -> str:
    """The key a name written at ``p`` would have there: the capital, then the next characters that are no
    space or hyphen, folded as the names' patterns compare them, up to the first that no name's letter
    matches."""
    size, end = 2 * _KEY_LETTERS, len(text)
    while True:
        rest = "".join(text[p + 1:p + 1 + size].split()).replace("-", "")  # [\s\-] left out
        if len(rest) >= _KEY_LETTERS or p + 1 + size >= end:
            break
        size *= 4  # a long run of spaces
    rest = rest[:_KEY_LETTERS].translate(_FOLD_KEY)
    if not rest.isascii():
        rest = rest[:next(i for i, c in enumerate(rest) if not c.isascii())]
    return text[p] + rest.lower()


def _written(text: str):
    """(start, end) of each match of :func:`_matcher`'s pattern, as ``finditer`` gives them, without compiling
    it: at each capital opening a word, the names whose key the text there begins with are tried in order."""
    by_key, (long_openings, short_keys) = _buckets(), _openings()
    resume = 0
    for cap in _CAPITAL_AT_WORD_START.finditer(text):
        p = cap.start()
        if p < resume:
            continue
        if _PLAIN_FOUR.match(text, p + 1):  # most words: four letters after the capital, as no name opens?
            head = text[p] + text[p + 1:p + 5].lower()  # the first five characters of the key here
            if head not in long_openings and head[:4] not in short_keys and head[:3] not in short_keys \
                    and head[:2] not in short_keys:
                continue
        key = _text_key(text, p)
        ranks: list[int] = []
        for size in range(2, len(key) + 1):
            found = by_key.get(key[:size])
            if found:
                ranks = sorted(ranks + found) if ranks else found
        for rank in ranks:
            end = _name_end(text, p, rank)
            if end >= 0:
                yield p, end
                resume = end
                break


def mentions(text: str):
    """(start, end, regions it may name, level cue or None) for every region name in the text."""
    _, table = _names()
    for start, end in _written(text):
        name = text[start:end]
        found = table.get(regions._key(name))
        if not found:
            continue
        before = text[max(0, start - 60):start]
        level = next((lvl for lvl, cue in CUE_BEFORE.items() if cue.search(before)), None)
        if len(found) == 1 and name != regions.bare_name(found[0]) and name not in regions.aliases():
            level = found[0].level  # the full name carries its level: "Kota Mojokerto"
        if level and any(r.level == level for r in found):
            found = tuple(r for r in found if r.level == level)
        elif name in CUE_ONLY or name.title() in CUE_ONLY:
            continue
        yield start, end, found, level


def election_level(text: str) -> str | None:
    """The office the election or plan is about, by the words that name it, or None."""
    counts = {level: len(p.findall(text)) for level, p in ELECTION_LEVEL.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


# A site's menu above the article: capitalised words and nothing else ("News Ekbis Sosok Olahraga Daerah").
MENU_LINE = lazy.compile(r"[ \t]*[A-Z][\w&]*(?:[ \t]+[A-Z][\w&]*)*[ \t]*")
LINE = lazy.compile(r"[^\n]+")


def headline(text: str) -> tuple[int, int]:
    """(start, end) of the headline: the first line of four words or more that is no site menu (a menu has
    only capitalised words, no small word, number or punctuation), near the top."""
    for m in LINE.finditer(text, 0, min(len(text), 1500)):
        line = m.group()
        if len(line.split()) >= 4 and not MENU_LINE.fullmatch(line) and len(line) < 300:
            return m.start(), m.end()
        if len(line.split()) >= 4 and len(line) >= 300:
            break  # the body has begun: a headline never runs this long
    return 0, 0


def detect(text: str) -> Region | None:
    """The region the text is about, or None when it names none."""
    office = election_level(text)
    head_start, head_end = headline(text)
    score: dict[str, float] = defaultdict(float)
    first_seen: dict[str, int] = {}
    regions_by_code: dict[str, Region] = {}
    for start, end, found, level in mentions(text):
        weight = 1.0
        line_start = text.rfind("\n", 0, start) + 1
        if DATELINE_BEFORE.match(text[line_start:start]) and DATELINE_AFTER.match(text, end):
            weight = 0.3  # where the story was written
        elif head_start <= start < head_end:
            weight = 2.0  # the headline
        if level:
            weight *= 1.5
        long_range = LONG_RANGE_AFTER.match(text, end)
        if long_range and int(long_range.group(2)) - int(long_range.group(1)) >= 10:
            weight *= 0.5  # "RPJPD Provinsi Papua Tahun 2005-2025": a reference plan, often the parent's
        if ELECTION_NEAR.search(text, max(0, start - 80), min(len(text), end + 80)):
            weight *= 1.5
        if len(found) > 1 and office and any(r.level == office for r in found):
            found = tuple(r for r in found if r.level == office)
        for region in found:
            score[region.code] += weight / len(found)
            regions_by_code[region.code] = region
            first_seen.setdefault(region.code, start)
    if not score:
        return None
    best = max(score, key=lambda code: (round(score[code], 6), -first_seen[code]))
    region = regions_by_code[best]
    return Region(region.name, region.code, region.level)
