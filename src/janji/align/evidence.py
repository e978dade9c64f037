"""Evidence suggestions: the sentences of later documents (100-day reports, progress articles, speeches) that
speak of a promise.

A report sentence that reports on a promise repeats its words ("beasiswa kuliah … 120 mahasiswa" for
"Beasiswa kuliah gratis bagi 200 mahasiswa"), so sentences are first chosen by the words they share with some
promise (cheap, no model); only those are embedded and scored by the link model of :mod:`janji.align.model`
(e5 cosine, shared terms, bidang). A sentence is proposed for a promise when the model is fairly sure *and* it
repeats a good share of the promise's terms; at most :data:`PER_PROMISE` per promise, best first. Nothing here
decides anything: an editor accepts or rejects each proposal (:mod:`janji.track`).

There is no hand-made gold for this task yet: the two thresholds were set by judgment on report sentences
written for the tests (tests/align/test_evidence.py), not fitted; docs/align.md says so.

Example:

    >>> from janji.document import Item
    >>> found = suggest([("p1", Item("program", "Perbaikan jalan desa sepanjang 100 km"))],
    ...                 [("r1", 0, 60, "Perbaikan jalan desa sepanjang 35 km telah selesai dikerjakan.")])
    >>> [(s.promise, s.passage, s.why) for s in found]       # doctest: +SKIP
    [('p1', 'r1', 'kata bersama: Perbaikan, jalan desa, km')]
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Hashable

import numpy as np

from janji.align import features as feat
from janji.align import text as lx
from janji.document import Document, Item
from janji.lang.markers import MARKER

MIN_PROBABILITY = 0.5  # the link model's probability that the sentence speaks of the promise
MIN_SHARE = 0.34  # and the weighted share of the promise's terms the sentence repeats
PER_PROMISE = 5
MIN_WORDS, MAX_WORDS = 4, 90
CLAIM = re.compile(r"\b(?:telah|sudah|berhasil|selesai|rampung|tercapai|mencapai|terealisasi|diresmikan|"
                   r"meresmikan|menyalurkan|disalurkan|dibagikan|membagikan|dicairkan|dibangun)\b", re.IGNORECASE)


@dataclass
class Suggestion:
    promise: Hashable
    passage: Hashable
    score: float
    share: float
    why: str


def passages(doc: Document) -> list[tuple[int, int, str]]:
    """The sentences and list lines of a document's text, as ``(start, end, text)`` in the text.

    A document kept without its text (imported janji/1) gives its items with spans, or none.
    """
    text = doc.text or ""
    out: list[tuple[int, int, str]] = []
    if text:
        for unit in lx.sentences(text):
            if unit.kind == "sentence":
                out.append((unit.start, unit.end, unit.text))
        pos = 0
        for line in text.split("\n"):
            m = MARKER.match(line)  # a list line: its entry, after the marker
            if m:
                rest = line[m.end():]
                a, b = pos + len(line) - len(rest.lstrip()), pos + len(line.rstrip())
                if b > a:
                    out.append((a, b, text[a:b]))
            pos += len(line) + 1
    else:
        out = [(it.span[0], it.span[1], it.text) for it in doc.walk() if it.span and it.text]
    seen, kept = set(), []
    for a, b, t in sorted(out):
        n = len(t.split())
        if MIN_WORDS <= n <= MAX_WORDS and (a, b) not in seen:
            seen.add((a, b))
            kept.append((a, b, t))
    return kept


def text_key(text: str) -> str:
    """The identity of a sentence for "never propose it twice": a hash of its normalised words."""
    return hashlib.sha256(lx.normalise(text).encode("utf-8")).hexdigest()


def suggest(promises: list[tuple[Hashable, Item]], found: list[tuple[Hashable, int, int, str]], aligner=None,
            *, per_promise: int = PER_PROMISE) -> list[Suggestion]:
    """Sentences (``(key, start, end, text)``) proposed as evidence for promises (``(key, Item)``), best first
    per promise."""
    if not promises or not found:
        return []
    if aligner is None:
        from janji.align import default_aligner

        aligner = default_aligner()
    p_terms = [lx.terms(it.text) for _, it in promises]
    s_terms = [lx.terms(t) for *_, t in found]
    local = lx.sibling_weights(p_terms)
    share = lx.Index(s_terms).coverage(p_terms, local)  # (promises, sentences)
    candidates = np.flatnonzero((share >= MIN_SHARE).any(0))
    if len(candidates) == 0:
        return []
    ce = aligner.evidence([it.text for _, it in promises], [feat.sector_scores(it.scores) for _, it in promises],
                          p_terms)
    se = aligner.evidence([found[k][3] for k in candidates])
    prob = aligner.model.prob(feat.matrix(ce, se))
    out: list[Suggestion] = []
    for i, (pkey, _) in enumerate(promises):
        row = [(float(prob[i, c]), int(k)) for c, k in enumerate(candidates)
               if share[i, k] >= MIN_SHARE and prob[i, c] >= MIN_PROBABILITY]
        row.sort(key=lambda t: -t[0])
        for p, k in row[:per_promise]:
            words = [t.surface for t in lx.covered(p_terms[i], s_terms[k], local)[1]]
            why = "kata bersama: " + ", ".join(dict.fromkeys(words))
            if CLAIM.search(found[k][3]):
                why += "; kalimat melaporkan capaian"
            out.append(Suggestion(pkey, found[k][0], round(p, 3), round(float(share[i, k]), 3), why))
    return out


MONTHS = {"januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4,
          "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8,
          "ags": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
          "nopember": 11, "desember": 12, "des": 12}
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](20\d\d)\b")
ISO_DATE = re.compile(r"\b(20\d\d)-(\d{2})-(\d{2})\b")
WORD_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(20\d\d)\b",
                       re.IGNORECASE)


def document_date(text: str, *, head: int = 800, today: date | None = None) -> date | None:
    """The date a news text or report gives near its top ("Senin (9/6/2025)", "9 Juni 2025", "2025-06-09"),
    or None. A date in the future is not a date of the document."""
    today = today or date.today()
    top = (text or "")[:head]
    found: list[tuple[int, date]] = []
    for m in NUMERIC_DATE.finditer(top):
        found.append((m.start(), _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
    for m in ISO_DATE.finditer(top):
        found.append((m.start(), _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    for m in WORD_DATE.finditer(top):
        found.append((m.start(), _date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))))
    for _, d in sorted(found, key=lambda t: t[0]):
        if d is not None and d <= today:
            return d
    return None


def _date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


__all__ = ["Suggestion", "suggest", "passages", "text_key", "document_date", "MIN_PROBABILITY", "MIN_SHARE"]
