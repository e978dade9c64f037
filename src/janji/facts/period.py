"""The term a document's programme is for.

- an explicit range: "periode 2024-2029", "Tahun 2013-2018", "RPJMD Manado 2010-2015",
  "Rencana Pembangunan Daerah 2024-2026"; a range said to be the leader's term ("periode kepemimpinan
  2018-2023", "masa jabatan …", "RPJMD …") wins over ranges a report counts its figures over ("capaian
  pada periode 2019-2022"), however often those are repeated;
- ranges that are not the term are skipped: long-range plans (RPJPD 2005-2025, 2025-2045) and past terms
  ("masa jabatan 2018-2023" before a 2024 election, "sisa masa jabatan 2012-2017");
- otherwise, in election news, the term after the election: "Pilkada 2024", "Pemilihan Wali Kota … 2024",
  a debate dated "(25/10/2024)" or "Sabtu, 2 November 2024" -> 2025-2030. The simultaneous elections
  (Pilkada serentak) seat their winners in a known year: the 2017 and 2018 waves the same year, the 2015,
  2020 and 2024 waves early the next; a report dated in another year names no election;
- a long-range plan that states no term of its own keeps its own span (an RPJPD chapter: 2005-2025);
- None where the text neither says nor implies it.

Example:
    >>> detect("Visi pembangunan Provinsi NTB Tahun 2013-2018")
    (2013, 2018)
    >>> detect("Debat Pilkada Kutim 2024 digelar.", election=True)
    (2025, 2030)
    >>> detect("Pilkada Buleleng 2017 diikuti dua paslon.", election=True)
    (2017, 2022)
"""
from __future__ import annotations

import re
from collections import Counter

from janji.lang import lazy
from janji.lang.gate import Gated

RANGE = lazy.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|/|s\.?d\.?|sampai(?:\s+dengan)?|hingga)\s*((?:19|20)\d\d)(?!\d)", re.I)
TERM_CUE = Gated(lazy.compile(r"(?:periode|tahun|rpjmd|renstra|rkpd|masa\s+jabatan|rencana\s+pembangunan[\w\s]{0,40}?|"
                      r"visi|misi|kepala\s+daerah|wali\s*kota|bupati|gubernur)[\s\w().,]{0,30}$", re.I))
# A range said to be the leader's term or the plan's: "satu periode kepemimpinan yakni 2018-2023".
STATED_TERM_CUE = Gated(lazy.compile(
    r"(?:periode\s+(?:kepemimpinan|jabatan|pemerintahan)|masa\s+(?:jabatan|kepemimpinan|bakti)|rpjmd|renstra|"
    r"rencana\s+pembangunan\s+jangka\s+menengah|visi|misi|kepala\s+daerah|wali\s*kota|bupati|gubernur)[\s\w().,]{0,30}$",
    re.I,
))
# Long-range plans and national plans frame a regional term but are not it.
LONG_RANGE_CUE = Gated(lazy.compile(r"(?:rpjpd|rpjpn|rpjmn|jangka\s+panjang|nasional)[\s\w().,]{0,40}$", re.I))
LONG_PLAN_CUE = Gated(lazy.compile(r"(?:rpjpd|jangka\s+panjang(?:\s+daerah)?)[\s\w().,]{0,40}$", re.I))
PAST_CUE = Gated(lazy.compile(
    r"(?:sebelumnya|telah\s+dilaksanakan|telah\s+dijalankan|pada\s+masa\s+jabatan|sisa\s+masa\s+jabatan|periode\s+(?:lalu|pertama)|"
    r"jilid\s+(?:pertama|i))"
    r"[\s\w().,]{0,25}$",
    re.I,
))
ELECTION_YEAR = Gated(lazy.compile(
    r"\b(?:pilkada|pilbup|pilwali|pilwalkot|pilwakot|pilwako|pilkot|pilgub|pemilihan\s+(?:kepala\s+daerah|bupati|wali\s*kota|gubernur|umum\s+kepala\s+daerah))"
    r"(?:[ \t]+(?:serentak|(?:dan[ \t]+)?wakil|bupati|wali[ \t]*kota|gubernur|kepala|daerah|kota|kabupaten|provinsi|tahun|pada|tanggal|\d{1,2}|[A-Z][\w.]*|\(\w+\))){0,12}?"
    r"[ \t,]+((?:19|20)\d\d)\b",
    re.I,
))
# A year shortly after an election word: "Pilkada serentak yang digelar 27 November 2024".
ELECTION_NEAR_YEAR = Gated(lazy.compile(
    r"\b(?:pilkada|pilbup|pilwali|pilwalkot|pilwakot|pilwako|pilkot|pilgub|pemilihan\s+kepala\s+daerah|pemungutan\s+suara)\b"
    r"[^.\n\d]{0,50}?(?:\d{1,2}\s+\w+\s+)?((?:19|20)\d\d)\b(?!\s*[-–—/]\s*\d)",
    re.I,
))
MONTHS = (r"(?:Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|Desember|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Ags|Sep|Okt|Nov|Nop|Des)\.?")
# The date of a report: "(25/10/2024)", "Rabu 30-10-2024", "Sabtu, 2 November 2024".
DATED = lazy.compile(
    rf"\(\s*\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*((?:19|20)\d\d)\s*\)|(?<![\d/.-])\d{{1,2}}-\d{{1,2}}-((?:19|20)\d\d)(?![\d-])|"
    rf"\b\d{{1,2}}\s+{MONTHS}\s+((?:19|20)\d\d)\b",
    re.I,
)
CALON_YEAR = Gated(lazy.compile(r"\b(?:calon|paslon|pasangan\s+calon)\b[^.\n]{0,60}?\b((?:19|20)\d\d)\b", re.I))
# The simultaneous regional elections and the year their winners took office.
TERM_START = {2015: 2016, 2017: 2017, 2018: 2018, 2020: 2021, 2024: 2025}
FIRST_WAVE = 2015  # before it, regions elected their heads in any year


def term_after(year: int) -> tuple[int, int]:
    """The five-year term an election of that year seats: Pilkada 2024 -> 2025-2030, 2018 -> 2018-2023."""
    start = TERM_START.get(year, year + 1)
    return start, start + 5


def _election_date(year: int) -> bool:
    """A report dated in this year may be dated in an election: a wave year, or any year before the waves."""
    return year in TERM_START or year < FIRST_WAVE


def _dated(text: str) -> list[int]:
    return [int(next(g for g in m.groups() if g)) for m in DATED.finditer(text)]


def ranges(text: str, latest_election: int | None = None):
    """(start, end, offset, cue) for every plausible term range: 1 to 6 years, not a long-range or past plan.
    ``cue``: 2 for a range said to be the term ("periode kepemimpinan", "RPJMD"), 1 for one under a weaker
    cue ("periode", "tahun"), 0 for none."""
    if latest_election is None:
        latest_election = max((int(m.group(1)) for m in ELECTION_YEAR.finditer(text)), default=None)
    for m in RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        before = text[max(0, m.start() - 80):m.start()]
        if not 2 <= b - a <= 6 or LONG_RANGE_CUE.search(before):  # a one-year span is a budget or school year
            continue
        if PAST_CUE.search(before) or (latest_election and b <= latest_election):
            continue  # a term already served ("pada masa jabatan 2018-2023", before a 2024 election)
        cue = 2 if STATED_TERM_CUE.search(before) else 1 if TERM_CUE.search(before) else 0
        yield a, b, m.start(), cue


def long_range(text: str) -> tuple[int, int] | None:
    """The span of a long-range plan the text names ("RPJPD Provinsi X Tahun 2005-2025"), the most named."""
    spans = Counter()
    for m in RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if b - a >= 10 and LONG_PLAN_CUE.search(text, max(0, m.start() - 80), m.start()):
            spans[(a, b)] += 1
    return max(spans, key=lambda k: (spans[k], k)) if spans else None


def detect(text: str, election: bool = False, plan: bool = False) -> tuple[int, int] | None:
    """The term as (start, end), or None. ``election``: the text is about candidates in an election;
    ``plan``: the text is an official plan."""
    years = [int(m.group(1)) for m in ELECTION_YEAR.finditer(text)]
    dated = [y for y in _dated(text) if _election_date(y)] if election else []
    latest = max(years + dated, default=None)
    found = list(ranges(text, latest))
    if found:
        best = max(cue for _, _, _, cue in found)
        counts = Counter((a, b) for a, b, _, cue in found if cue == best)
        return max(counts, key=lambda k: (counts[k], k))  # on a tie the later term: the one being planned
    if plan:
        return long_range(text)
    if not election:
        return None
    years += [int(m.group(1)) for m in CALON_YEAR.finditer(text)]
    years += dated
    years += [int(m.group(1)) for m in ELECTION_NEAR_YEAR.finditer(text)]
    if not years:
        return None
    counts = Counter(years)
    year = max(counts, key=lambda y: (counts[y], y))
    return term_after(year)
