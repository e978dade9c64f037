"""What kind of document it is: campaign, debate, plan or statement.

- plan: an official planning document (RPJMD, RPJPD, Renstra, RKPD, "BAB V", numbered
  sections, "Kepala Daerah Terpilih", SKPD) with few campaign words;
- debate: a debate report ("debat", "adu gagasan", "panelis", "moderator") or an interview ("petikan
  wawancara" and questions on lines of their own);
- statement: an official writing or speaking in the first person ("saya"), outside quotations,
  about no candidate pair;
- campaign: everything else (a candidate's visi-misi-program, news about the pairs, a report on an elected
  head's programme: "Program 100 Hari Kerja", "janji politik").

Example:
    >>> detect("Debat publik perdana paslon: panelis bertanya soal smart city.")
    'debate'
"""
from __future__ import annotations

import re

from janji.facts.text import unquoted
from janji.lang import lazy
from janji.lang.gate import Gated

PLAN = Gated(lazy.compile(
    r"\b(?:RPJMD|RPJPD|RPJMN|RPJPN|Renstra|RKPD|Renja|rencana\s+pembangunan(?:\s+jangka\s+(?:menengah|panjang))?(?:\s+daerah)?|"
    r"rencana\s+strategis|kepala\s+daerah(?:\s+dan\s+wakil\s+kepala\s+daerah)?\s+terpilih|SKPD|OPD|perangkat\s+daerah|"
    r"periode\s+perencanaan|arah\s+kebijakan|indikator\s+kinerja|isu\s+strategis|visi\s+pembangunan|misi\s+pembangunan)\b",
    re.I,
))
CHAPTER = lazy.compile(r"^[ \t]*(?:BAB\s+[IVX]+\b|\d+\.\d+(?:\.\d+)*\.?[ \t]+[A-Z])", re.M)
CAMPAIGN = Gated(lazy.compile(
    r"\b(?:pasangan\s+calon|paslon|calon|kandidat|kampanye|pilkada|pilbup|pilwali|pilwalkot|pilgub|cabup|cawali|cagub|"
    r"petahana|penantang|diusung|nomor\s+urut|pemilihan)\b",
    re.I,
))
# A report on an elected head's own programme ("Program 100 Hari Kerja", "janji politik"); with no plan
# document named (RPJMD, RKPD, a chapter) it is campaign, however often it says "perangkat daerah".
PROGRAMME_REPORT = Gated(lazy.compile(r"\b(?:100|seratus)\s+hari(?:\s+kerja|\s+pertama)?\b|\bjanji\s+(?:politik|kampanye)\b", re.I))
PLAN_DOCUMENT = Gated(lazy.compile(
    r"\b(?:RPJMD|RPJPD|Renstra|RKPD|Renja|rencana\s+pembangunan|rencana\s+strategis|rencana\s+kerja|periode\s+perencanaan)\b", re.I
))
DEBATE = Gated(lazy.compile(r"\b(?:debat|adu\s+gagasan|adu\s+program|panelis|moderator|sesi\s+tanya\s+jawab)\b", re.I))
FIRST_PERSON = Gated(lazy.compile(r"\bsaya\b", re.I))
# An interview: the word near the top, and questions on lines of their own.
INTERVIEW = Gated(lazy.compile(r"\b(?:wawancara|mewawancarai|diwawancarai)\b", re.I))
QUESTION_LINE = lazy.compile(r"\?[ \t”\"]*$", re.M)
# An opening that says an official is speaking: a byline, an opinion column, a speech, a press release.
STATEMENT_OPENING = Gated(lazy.compile(r"\b(?:oleh\s*:|opini\b|kolom\b|sambutan\b|siaran\s+pers\b|press\s+release\b)", re.I))
# A byline naming an office, anywhere: "Oleh: Dr. H. Amir Mahmudi, M.Pd., Pj Bupati Tegal",
# "*) Penulis adalah Penjabat Wali Kota …". An official writing in the first person is a statement
# even when the column speaks of the coming election.
OFFICIAL_BYLINE = Gated(lazy.compile(
    r"(?:\boleh\s*:[^\n]{0,120}?|\bpenulis\s+(?:adalah|merupakan)\s+)\b(?:pj\.?|plt\.?|plh\.?|penjabat|pelaksana\s+tugas)?\s*"
    r"(?:bupati|wali\s*kota|walikota|gubernur|wakil\s+(?:bupati|wali\s*kota|gubernur)|sekretaris\s+daerah|sekda|kepala\s+(?:dinas|badan|bappeda))\b",
    re.I,
))
# "kami" is the voice of an office ("kami memegang amanah"), counted only once a byline says who writes
FIRST_PERSON_OFFICE = Gated(lazy.compile(r"\b(?:saya|kami|aku)\b", re.I))


def scores(text: str) -> dict[str, int]:
    return {
        "plan": len(PLAN.findall(text)) + 2 * len(CHAPTER.findall(text)),
        "campaign": len(CAMPAIGN.findall(text)),
        "debate": len(DEBATE.findall(text)),
        # (blanking the quotations costs more than the count: only where the word is at all)
        "first_person": len(FIRST_PERSON.findall(unquoted(text))) if FIRST_PERSON.possible(text) else 0,
    }


def detect(text: str, n_candidates: int = 0) -> str:
    """The document kind by the words it uses; ``n_candidates`` is how many pairs were found."""
    s = scores(text)
    if INTERVIEW.search(text, 0, 2000) and len(QUESTION_LINE.findall(text)) >= 2:
        return "debate"  # an interview report: "Berikut petikan wawancara …", questions and answers
    # a column under an official's byline, even one about the RPJMD, speaks for the office; a plan
    # document has chapters, not bylines
    byline = OFFICIAL_BYLINE.search(text)
    official = byline and not re.search(r"\b(?:calon|cabup|cawabup|cawali|cagub|kandidat)\b", byline.group(), re.I)
    if n_candidates == 0 and official and not CHAPTER.search(text) and FIRST_PERSON_OFFICE.search(unquoted(text)):
        return "statement"
    if s["plan"] >= 2 and s["plan"] > s["campaign"] and not (
            PROGRAMME_REPORT.search(text) and not PLAN_DOCUMENT.search(text) and not CHAPTER.search(text)):
        return "plan"
    # "jelang debat kedua" in campaign news is one word; a debate report keeps coming back to it
    opening = len(DEBATE.findall(text[:300]))
    if (s["debate"] >= 3 or (s["debate"] >= 2 and opening)) and (s["campaign"] or n_candidates):
        return "debate"
    if re.search(r"\boleh\s*:[^\n]{0,120}?\b(?:calon|bakal\s+calon|cabup|cawabup|cawali|cagub|kandidat)\b", text[:400], re.I):
        return "campaign"  # "Oleh: Budi Santoso, Calon Bupati Sleman": a candidate's own column
    if n_candidates == 0 and (s["first_person"] >= 3 or (STATEMENT_OPENING.search(text[:300]) and s["first_person"])):
        return "statement"
    return "campaign"
