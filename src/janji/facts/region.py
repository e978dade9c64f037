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

from janji.document import Region
from janji.data import regions
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
    level: Gated(re.compile(
        rf"(?:\b(?:{words}))(?:\s*(?:dan|-|–|/)\s*(?:calon\s+)?wakil\s+(?:{words}))?[\s.]*$", re.I
    ))
    for level, words in CUES.items()
}
# Words that say which office the election is for (not just where something is).
ELECTION_LEVEL = {
    "kabupaten": Gated(re.compile(r"\b(?:pilbup|cabup|cawabup|(?:calon|pemilihan|paslon)\s+(?:\w+\s+)?bupati|bupati\s*(?:dan|-|–)\s*wakil\s+bupati)\b", re.I)),
    "kota": Gated(re.compile(r"\b(?:pilwali|pilwalkot|pilwakot|pilkot|cawali|cawawali|(?:calon|pemilihan|paslon)\s+(?:\w+\s+)?wali\s*kota|wali\s*kota\s*(?:dan|-|–)\s*wakil\s+wali\s*kota)\b", re.I)),
    "provinsi": Gated(re.compile(r"\b(?:pilgub|cagub|cawagub|(?:calon|pemilihan|paslon)\s+(?:\w+\s+)?gubernur|gubernur\s*(?:dan|-|–)\s*wakil\s+gubernur)\b", re.I)),
}
ELECTION_NEAR = Gated(re.compile(
    r"\b(?:pilkada|pilbup|pilwali|pilwalkot|pilwakot|pilkot|pilgub|pemilihan|calon|paslon|pasangan|kandidat|kpu|kpud|"
    r"debat|kampanye|visi|misi|rpjmd|renstra|rkpd)\b",
    re.I,
))
LONG_RANGE_AFTER = re.compile(r"\s*(?:tahun\s+)?((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)", re.I)
# A dateline opens a line: "MAKASSAR, RAKYATSULSEL -", "Manado, (Antara News) -",
# "Kota Mojokerto, Kabarterdepan.com –". DATELINE_BEFORE is what may stand before the place
# on its line, DATELINE_AFTER what follows it.
DATELINE_BEFORE = re.compile(r"^[ \t]*(?:[A-Z][\w.]*[ \t]+){0,3}$")
DATELINE_AFTER = re.compile(r"\s*,\s*\(?[\w .]{2,40}\)?\s*[-–—]")


def _pattern(name: str) -> str:
    """First letter as written, the rest in any case (so "DENPASAR" matches); spaces or hyphens optional."""
    words = re.split(r"[\s\-]+", name)
    parts = []
    for i, word in enumerate(words):
        parts.append((re.escape(word[0]) + "(?i:" + re.escape(word[1:]) + ")") if i == 0 else "(?i:" + re.escape(word) + ")")
    return r"[\s\-]*".join(parts)


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern, dict[str, tuple[Region, ...]]]:
    names: dict[str, tuple[Region, ...]] = {}
    for region in regions.all_regions():
        for name in {region.name, regions.bare_name(region)}:
            merged = {r.code: r for r in names.get(name, ()) + regions.candidates(name)}
            names[name] = tuple(merged.values())
    for alias, found in regions.aliases().items():
        names[alias] = found
    ordered = sorted(names, key=len, reverse=True)  # longest first: "Papua Selatan" before "Papua"
    # The names grouped by their first letter (a capital, as written): "A(?:ceh|gam|…)|B(?:ali|…)". A pattern
    # whose every branch opens with a plain letter lets the regex engine skip at once every position that
    # holds none of them, and try only the names of that letter where one does; the lookbehind after the
    # letter says no word character comes before it.
    by_letter: dict[str, list[str]] = {}
    for n in ordered:
        if "A" <= n[0] <= "Z":
            alternative = _pattern(n) if not n.isupper() else re.escape(n)
            by_letter.setdefault(n[0], []).append(alternative[len(n[0]):])  # each opens with its capital, unescaped
    alternation = "|".join(rf"{letter}(?<!\w.)(?:{'|'.join(rest)})" for letter, rest in by_letter.items())
    return re.compile(rf"(?:{alternation})(?!\w)"), {regions._key(n): names[n] for n in ordered}


def mentions(text: str):
    """(start, end, regions it may name, level cue or None) for every region name in the text."""
    pattern, table = _matcher()
    for m in pattern.finditer(text):
        found = table.get(regions._key(m.group()))
        if not found:
            continue
        before = text[max(0, m.start() - 60):m.start()]
        level = next((lvl for lvl, cue in CUE_BEFORE.items() if cue.search(before)), None)
        if len(found) == 1 and m.group() != regions.bare_name(found[0]) and m.group() not in regions.aliases():
            level = found[0].level  # the full name carries its level: "Kota Mojokerto"
        if level and any(r.level == level for r in found):
            found = tuple(r for r in found if r.level == level)
        elif m.group() in CUE_ONLY or m.group().title() in CUE_ONLY:
            continue
        yield m.start(), m.end(), found, level


def election_level(text: str) -> str | None:
    """The office the election or plan is about, by the words that name it, or None."""
    counts = {level: len(p.findall(text)) for level, p in ELECTION_LEVEL.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


# A site's menu above the article: capitalised words and nothing else ("News Ekbis Sosok Olahraga Daerah").
MENU_LINE = re.compile(r"[ \t]*[A-Z][\w&]*(?:[ \t]+[A-Z][\w&]*)*[ \t]*")
LINE = re.compile(r"[^\n]+")


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
