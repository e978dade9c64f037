"""What the prose model sees of a clause: flags fixed in advance, and its stems.

The flags are the cue vocabularies (:mod:`janji.prose.cues`), the frame the clause
stands in (who speaks, quoted or narrated, the document's kind) and plain facts
of the wording (a number, money, a percentage, first person, a nominal programme
phrase). The stems and stem pairs let the model learn wording that no list of cue
words names; they are hashed (:mod:`janji.learn.linear`), so the model has a fixed
size whatever the vocabulary.

Example:
    >>> f = features("kami akan membangun 10 pasar rakyat", "debate", "candidate", rule="commitment", quoted=True)
    >>> f["flag:akan"], f["flag:first_person"], f["flag:number"], f["flag:role_candidate"], f["flag:quoted"]
    (1.0, 1.0, 1.0, 1.0, 1.0)
    >>> "stem:bangun" in f and "stem:pasar_rakyat" in f
    True
"""
from __future__ import annotations

import re

from janji.lang import lazy
from janji.lang.gate import WORD, Gated, fold
from janji.lang.stem import stems
from janji.prose import cues

# Flags fixed in advance (their names are model columns: a change here means retraining).
PATTERNS: dict[str, re.Pattern | Gated] = {
    "akan": lazy.compile(r"\b(?:akan|bakal|hendak)\b", re.I),
    "commit": cues.COMMIT,
    "claim_word": cues.CLAIM,
    "program_stated": cues.PROGRAM_STATED,
    "program_for": cues.PROGRAM_FOR,
    "target": cues.TARGET,
    "electoral": cues.ELECTORAL,
    "presenting": cues.PRESENTING,
    "question": cues.QUESTION,
    "points_back": cues.NON_PROMISE_START,
    "continuation": cues.CONTINUATION,
    "programme_word": cues.PROGRAMME_WORD,
    "elaboration": cues.ELABORATION,
    "means": cues.MEANS,
    "first_person": lazy.compile(r"\b(?:kami|kita|saya|aku)\b", re.I),
    "pronoun": lazy.compile(r"\b(?:ia|dia|beliau|pihaknya|mereka|dirinya)\b", re.I),
    "number": lazy.compile(r"\d"),
    "money": lazy.compile(r"\bRp\.?\s?\d|\b(?:ribu|juta|miliar|milyar|triliun)\b", re.I),
    "percent": lazy.compile(r"%|\bpersen\b", re.I),
    "benefit": lazy.compile(r"\b(?:gratis|bantuan|beasiswa|insentif|subsidi|santunan|tunjangan|hibah|modal)\b", re.I),
    "active_verb": lazy.compile(r"\b(?:me|mem|men|meng|meny)[a-z]{3,}\b", re.I),
    "passive_verb": lazy.compile(r"\bdi[a-z]{3,}(?:kan|i)\b", re.I),
    "negation": lazy.compile(r"\b(?:tidak|tak|belum|bukan)\b", re.I),
    "if_elected": lazy.compile(r"\b(?:jika|kalau|apabila|bila|seandainya)\b[^.;]{0,40}\b(?:terpilih|dipercaya|menang|"
                             r"memimpin|dilantik)\b", re.I),
    "government": lazy.compile(r"\b(?:pemkab|pemkot|pemprov|pemerintah|pemda|dinas|opd|bupati|wali\s*kota|walikota|"
                             r"gubernur)\b", re.I),
    "vision_words": lazy.compile(r"\b(?:visi|misi)\w*\b", re.I),
    "relative_start": lazy.compile(r"^\W*(?:yang|bahwa|karena|sehingga|agar|supaya)\b", re.I),
    "speech_verb": lazy.compile(r"\b(?:mengatakan|menjelaskan|menyampaikan|menegaskan|mengungkapkan|menambahkan|"
                              r"menuturkan|kata|ujar\w*|tutur\w*)\b", re.I),
    "time_ahead": lazy.compile(r"\b(?:ke\s+depan|mendatang|tahun\s+depan|nanti(?:nya)?|segera|lima\s+tahun)\b", re.I),
    "time_past": lazy.compile(r"\b(?:tahun\s+lalu|selama\s+ini|sebelumnya|kemarin|sejak)\b", re.I),
}
# Each flag's pattern behind the literals every match of it holds: most clauses hold none of most lists of words.
_GATED = {name: p if isinstance(p, Gated) else Gated(p) for name, p in PATTERNS.items()}
_TESTS = [(f"flag:{name}", g.found) for name, g in _GATED.items()]
ROLES = ("candidate", "author", "other", "nobody", "several")
KINDS = ("campaign", "debate", "plan", "statement")
RULES = ("commitment", "claim", "none")
FLAGS = ([f"flag:{name}" for name in PATTERNS] + [f"flag:role_{r}" for r in ROLES] + [f"flag:kind_{k}" for k in KINDS]
         + [f"flag:rule_{r}" for r in RULES]
         + ["flag:quoted", "flag:explicit", "flag:means_only", "flag:listing", "flag:first_in_line", "flag:short",
            "flag:long", "flag:words", "flag:bias"])


def features(text: str, kind: str | None, role: str, *, rule: str = "none", quoted: bool = False,
             explicit: bool = False, means_only: bool = False, listing: bool = False,
             first_in_line: bool = False) -> dict[str, float]:
    folded = fold(text)  # the words and literals of the flags' patterns are looked for here first (janji.lang.gate)
    tokens = set(WORD.findall(folded))
    out: dict[str, float] = {flag: 1.0 for flag, found in _TESTS if found(text, folded, tokens)}
    out[f"flag:role_{role}"] = 1.0
    if kind in KINDS:
        out[f"flag:kind_{kind}"] = 1.0
    out[f"flag:rule_{rule}"] = 1.0
    for name, on in (("quoted", quoted), ("explicit", explicit), ("means_only", means_only), ("listing", listing),
                     ("first_in_line", first_in_line)):
        if on:
            out[f"flag:{name}"] = 1.0
    n = len(text.split())
    if n < 7:
        out["flag:short"] = 1.0
    if n > 35:
        out["flag:long"] = 1.0
    out["flag:words"] = min(n, 60) / 60
    out["flag:bias"] = 1.0
    words = stems(text)
    for w in words:
        out[f"stem:{w}"] = 1.0
    for a, b in zip(words, words[1:]):
        out[f"stem:{a}_{b}"] = 1.0
    return out
