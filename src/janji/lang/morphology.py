"""The shape of Indonesian words that start the entries of a list: active verbs and nominalisations.

Lists of missions are clauses led by an active verb ("meningkatkan …", "membangun …", "menyediakan …");
lists of programmes are noun phrases led by a noun made from a verb ("pembangunan …", "peningkatan …",
"penataan …", "kemudahan …") or by a few nouns that head programmes ("bantuan", "layanan", "program"). The
words after such a head up to the next comma often include coordinated objects ("bagi guru, perawat, bidan")
that are not entries of their own; these patterns tell an entry's start from such an object. Goals
(sasaran) are written as outcomes, a verb made a noun by "-nya" ("meningkatnya …", "terwujudnya …",
"berkurangnya …").

    >>> bool(VERB_START.match("membangun pasar"))
    True
    >>> bool(NOMINAL_START.match("peningkatan mutu guru")), bool(NOMINAL_START.match("guru honorer"))
    (True, False)
    >>> bool(OUTCOME_START.match("terwujudnya pelayanan prima")), bool(OUTCOME_START.match("tanahnya subur"))
    (True, False)
"""
from __future__ import annotations

import re

from janji.lang import lazy

# meN- verbs: me-, mem-, men-, meng-, meny- and a stem of three letters or more
VERB_START = lazy.compile(r"(?:me|mem|men|meng|meny)[a-z]{3,}\b", re.IGNORECASE)
# peN-…-an, per-…-an and ke-…-an nouns, and the plain nouns that head programmes
NOMINAL_START = lazy.compile(r"(?:(?:pe|pem|pen|peng|peny|per|ke)[a-z]{2,}an|bantuan|layanan|program|gerakan|kartu|"
                           r"beasiswa|subsidi|insentif|santunan)\b", re.IGNORECASE)
# ter-/meN-/ber- … -nya: an outcome, as sasaran are stated
OUTCOME_START = lazy.compile(r"(?:ter|me|mem|men|meng|meny|ber)[a-z]{3,}nya\b", re.IGNORECASE)
