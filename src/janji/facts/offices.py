"""People named by their office: "Bupati Sleman, Hardi Kuswoyo", "Wali Kota Bima Ali Rasman bersama Wakil
Wali Kota Rini Lestari", "Calon Gubernur Riau nomor urut 2, Ahmad Fauzan", "Gubernur Dr. H. Budi Santoso, S.H.".

Two uses:

- a sitting head the document speaks for (a progress report, a plan speech, an interview with the regent)
  is an office holder of the document's region: :func:`holders`;
- a candidate named by the office he runs for, without a running mate ("Calon Bupati Malang nomor urut 1,
  Ahmad Fauzan kerap …"), is a candidate of his own: :func:`person_after` reads who follows the office.

Example:
    >>> text = "Bupati Sleman, H. Hardi Kuswoyo, S.E. bersama Wakil Bupati Danu Mahendra membuka rapat."
    >>> holders(text, "kabupaten", "34.04", set())
    [('Hardi Kuswoyo', 'Danu Mahendra', 0)]
"""
from __future__ import annotations

import re
from collections import Counter

from janji.facts import region as region_
from janji.facts.patterns import NAME, NUM, clean_name, plausible_name, same_person, split_words
from janji.lang import lazy
from janji.lang import names as names_
from janji.lang.sentences import bounds as sentence_bounds
from janji.lang.gate import Gated

LEVEL_OF = {"bupati": "kabupaten", "wali kota": "kota", "walikota": "kota", "gubernur": "provinsi"}
_OFFICE = r"(?:bupati|wali[ \t]*kota|walikota|gubernur)"
# "Bupati", "Wali Kota", "Bupati dan Wakil Bupati (Wabup)", "Wakil Gubernur"; what stands before says whether the
# office is held ("Pj Bupati", "mantan Bupati", "calon Bupati" are other people)
OFFICE = Gated(lazy.compile(
    rf"\b(?P<wakil>wakil[ \t]+)?(?P<office>{_OFFICE})\b"
    rf"(?P<both>[ \t]*(?:dan|&|/|-)[ \t]*wakil[ \t]+{_OFFICE}\b)?(?:[ \t]*\([A-Za-z. ]{{2,12}}\))?",
    re.I,
))
NOT_HOLDER_BEFORE = lazy.compile(
    r"\b(?:pj\.?|plt\.?|plh\.?|penjabat|pelaksana(?:[ \t]+tugas)?|mantan|eks|bekas|calon|bakal|cabup|cawali|cagub|"
    r"kandidat|paslon|pasangan|pemilihan|pilkada|kantor|rumah|dinas|ketua|sekretaris|staf|asisten)[ \t.]*$",
    re.I,
)
NOT_HOLDER_AFTER = lazy.compile(r"[ \t]+(?:terpilih|periode[ \t]+(?:lalu|sebelumnya)|sebelumnya|ke-?\d)\b", re.I)
_TAIL = lazy.compile(
    rf"[ \t]*(?:\([^()\n]{{1,30}}\))?[ \t]*,?[ \t]*(?:(?i:nomor|no\.)[ \t]*(?i:urut)?[ \t]*{NUM}[ \t]*,?[ \t]*)?(?P<a>{NAME})"
)
# "… Budi Santoso dan wakilnya, Ani Lestari", "… bersama Wakil Bupati Sleman Ani Lestari"
DEPUTY_NEXT = lazy.compile(
    rf"[ \t]*,?[ \t]*(?:dan|bersama|serta|didampingi(?:[ \t]+oleh)?)[ \t]+(?i:wakil(?:nya)?)(?:[ \t]+{_OFFICE})?", re.I
)
DEPUTY_LATER = Gated(lazy.compile(
    rf"\b(?i:bersama|serta|didampingi(?:[ \t]+oleh)?)[ \t]+(?i:wakil(?:nya)?)(?:[ \t]+(?i:{_OFFICE}))?(?=[ \t]*,?[ \t]*[A-Z])"
))
AND_NEXT = lazy.compile(r"[ \t]*,?[ \t]*(?:dan|&)[ \t]+")
AS_DEPUTY = Gated(lazy.compile(rf"(?P<a>{NAME})[ \t]+(?:sebagai|selaku)[ \t]+(?i:wakil[ \t]+{_OFFICE})"))


def _region_after(text: str, pos: int):
    """(end, regions) of a region named right at ``pos`` ("Sleman", "OKU Timur", "Sulawesi Barat (Sulbar)")."""
    window = text[pos:pos + 60]
    for start, end, found, _ in region_.mentions(window):
        if window[:start].strip(" \t,") == "":
            m = re.match(r"[ \t]*\([^()\n]{1,20}\)", window[end:])  # "(Sulbar)", "(Kotim)"
            return pos + end + (m.end() if m else 0), found
        break
    return pos, ()


def person_after(text: str, pos: int, lower_seen: set[str]) -> tuple[str, int, int] | None:
    """(name, start, end) of the person named right after an office phrase ending at ``pos``: a region, a
    bracketed short form, a comma or a ballot number may stand between ("Bupati Kotim, Halimun",
    "Calon Bupati Malang nomor urut 1, Ahmad Fauzan")."""
    end, _ = _region_after(text, pos)
    m = _TAIL.match(text, end)
    if not m:
        return None
    name = clean_name(m.group("a"), lower_seen)
    if not name or not plausible_name(name) or names_.honorific(name):
        return None
    return name, m.start("a"), m.end("a")


def _level(office: str) -> str:
    return LEVEL_OF[re.sub(r"[ \t]+", " ", office.lower())]


def holders(text: str, level: str | None, code: str | None, lower_seen: set[str]) -> list[tuple[str, str | None, int]]:
    """The sitting head of the region (and the deputy, when named) as [(head, deputy, first position)]:
    the person most often named after the head's office of that level and region. Acting heads ("Pj
    Bupati"), former heads and candidates are other people; so are office holders of other regions."""
    heads: list[tuple[str, int]] = []
    deputies: list[str] = []
    for m in OFFICE.finditer(text):
        if level and _level(m.group("office")) != level:
            continue
        if NOT_HOLDER_BEFORE.search(text, max(0, m.start() - 25), m.start()) or NOT_HOLDER_AFTER.match(text, m.end()):
            continue
        end, found = _region_after(text, m.end())
        if found and code and not any(r.code == code for r in found):
            continue  # "Gubernur Jawa Barat … melantik Bupati Cianjur": another region's office
        person = person_after(text, m.end(), lower_seen)
        if person is None:
            continue
        name, _, name_end = person
        if m.group("wakil"):
            deputies.append(name)
            continue
        heads.append((name, m.start()))
        deputy = None
        if m.group("both"):
            a = AND_NEXT.match(text, name_end)  # "Bupati dan Wakil Bupati X, A dan B"
            if a:
                deputy = person_after(text, a.end(), lower_seen)
        else:
            # "Bupati X bersama Wakil Bupati Y", "… dan wakilnya Y", "Bupati X memaparkan … bersama wakilnya, Y"
            d = DEPUTY_NEXT.match(text, name_end) or DEPUTY_LATER.search(text, name_end, sentence_bounds(text, name_end)[1])
            if d:
                deputy = person_after(text, d.end(), lower_seen)
        if deputy:
            deputies.append(deputy[0])
    for m in AS_DEPUTY.finditer(text):  # "… saya sebagai Bupati dan Budi sebagai Wakil Bupati"
        name = clean_name(m.group("a"), lower_seen)
        if name and plausible_name(name):
            deputies.append(name)
    if not heads:
        return []
    # the head most often named, with the forms of the same person counted together
    counts: Counter[str] = Counter()
    for name, _ in heads:
        counts[next((k for k in counts if same_person(k, name)), name)] += 1
    best = max(counts, key=lambda k: (counts[k], -next(p for n, p in heads if same_person(n, k))))
    forms = [n for n, _ in heads if same_person(n, best)]
    head = max(forms, key=lambda n: len(split_words(n)))  # the fullest form written
    first = min(p for n, p in heads if same_person(n, best))
    deputy = next((d for d in deputies if not same_person(d, head)), None)
    if deputy:
        deputy = max((d for d in deputies if same_person(d, deputy)), key=lambda n: len(split_words(n)))
    return [(head, deputy, first)]
