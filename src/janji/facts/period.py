"""The term a document's programme is for.

- an explicit range: "periode 2024-2029", "Tahun 2013-2018", "RPJMD Manado 2010-2015",
  "Rencana Pembangunan Daerah 2024-2026";
- ranges that are not the term are skipped: long-range plans (RPJPD 2005-2025, 2025-2045)
  and past terms ("masa jabatan 2018-2023" before a 2024 election);
- otherwise, in election news, the five-year term after the election year: "Pilkada 2024",
  "Pemilihan Wali Kota … 2024", a debate dated "(25/10/2024)" -> 2025-2030;
- None where the text neither says nor implies it.

Example:
    >>> detect("Visi pembangunan Provinsi NTB Tahun 2013-2018")
    (2013, 2018)
    >>> detect("Debat Pilkada Kutim 2024 digelar.", election=True)
    (2025, 2030)
"""
from __future__ import annotations

import re
from collections import Counter

RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|/|s\.?d\.?|sampai(?:\s+dengan)?|hingga)\s*((?:19|20)\d\d)(?!\d)", re.I)
TERM_CUE = re.compile(r"(?:periode|tahun|rpjmd|renstra|rkpd|masa\s+jabatan|rencana\s+pembangunan[\w\s]{0,40}?|"
                      r"visi|misi|kepala\s+daerah|wali\s*kota|bupati|gubernur)[\s\w().,]{0,30}$", re.I)
# Long-range plans and national plans frame a regional term but are not it.
LONG_RANGE_CUE = re.compile(r"(?:rpjpd|rpjpn|rpjmn|jangka\s+panjang|nasional)[\s\w().,]{0,40}$", re.I)
PAST_CUE = re.compile(
    r"(?:sebelumnya|telah\s+dilaksanakan|telah\s+dijalankan|pada\s+masa\s+jabatan|periode\s+(?:lalu|pertama)|jilid\s+(?:pertama|i))"
    r"[\s\w().,]{0,25}$",
    re.I,
)
ELECTION_YEAR = re.compile(
    r"\b(?:pilkada|pilbup|pilwali|pilwalkot|pilwakot|pilkot|pilgub|pemilihan\s+(?:kepala\s+daerah|bupati|wali\s*kota|gubernur|umum\s+kepala\s+daerah))"
    r"(?:[ \t]+(?:serentak|(?:dan[ \t]+)?wakil|bupati|wali[ \t]*kota|gubernur|kepala|daerah|kota|kabupaten|provinsi|tahun|pada|tanggal|\d{1,2}|[A-Z][\w.]*|\(\w+\))){0,8}?"
    r"[ \t,]+((?:19|20)\d\d)\b",
    re.I,
)
# A year shortly after an election word: "Pilkada serentak yang digelar 27 November 2024".
ELECTION_NEAR_YEAR = re.compile(
    r"\b(?:pilkada|pilbup|pilwali|pilwalkot|pilwakot|pilkot|pilgub|pemilihan\s+kepala\s+daerah|pemungutan\s+suara)\b"
    r"[^.\n\d]{0,50}?(?:\d{1,2}\s+\w+\s+)?((?:19|20)\d\d)\b(?!\s*[-–—/]\s*\d)",
    re.I,
)
DATED = re.compile(r"\(\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*((?:19|20)\d\d)\s*\)")
CALON_YEAR = re.compile(r"\b(?:calon|paslon|pasangan\s+calon)\b[^.\n]{0,60}?\b((?:19|20)\d\d)\b", re.I)


def ranges(text: str):
    """(start, end, offset) for every plausible term range: 1 to 6 years, not a long-range or past plan."""
    latest_election = max((int(m.group(1)) for m in ELECTION_YEAR.finditer(text)), default=None)
    for m in RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        before = text[max(0, m.start() - 80):m.start()]
        if not 2 <= b - a <= 6 or LONG_RANGE_CUE.search(before):  # a one-year span is a budget or school year
            continue
        if PAST_CUE.search(before) or (latest_election and b <= latest_election):
            continue  # a term already served ("pada masa jabatan 2018-2023", before a 2024 election)
        yield a, b, m.start(), bool(TERM_CUE.search(before))


def detect(text: str, election: bool = False) -> tuple[int, int] | None:
    """The term as (start, end), or None. ``election``: the text is about candidates in an election."""
    found = list(ranges(text))
    if found:
        cued = [(a, b) for a, b, _, cue in found if cue] or [(a, b) for a, b, _, _ in found]
        counts = Counter(cued)
        return max(counts, key=lambda k: (counts[k], k))  # on a tie the later term: the one being planned
    if not election:
        return None
    years = [int(m.group(1)) for m in ELECTION_YEAR.finditer(text)]
    years += [int(m.group(1)) for m in CALON_YEAR.finditer(text)]
    years += [int(m.group(1)) for m in DATED.finditer(text)]
    years += [int(m.group(1)) for m in ELECTION_NEAR_YEAR.finditer(text)]
    if not years:
        return None
    counts = Counter(years)
    year = max(counts, key=lambda y: (counts[y], y))
    return year + 1, year + 6
