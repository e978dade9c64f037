"""Person names: titles and degrees, honorifics, name particles — the one table of each.

Indonesian names carry academic, religious and military titles before them
("Dr. H. Budi Santoso", "H Ahmad" without a dot, "Drs. H.M. Ali", "KH", "Tgk"),
degrees after a comma ("S.E., M.Si.", "SH, MM"), honorifics that make a nickname
("Gus Harun", "Ning Sari", "Kang Asep", "Bang Ali"), and particles or birth-order
names that many people share and that alone name nobody ("Muhammad", "I Gusti",
"Made", "Andi", "La").

Example:
    >>> strip_titles("Dr. H. Budi Santoso, S.E., M.Si.")
    'Budi Santoso'
    >>> strip_titles("Hj. Rina Dewi Kartika, S.H., M.Kn.")
    'Rina Dewi Kartika'
    >>> strip_titles("Drs. H.M. Rahmat Ali"), strip_titles("H Ahmad Fauzi")
    ('Rahmat Ali', 'Ahmad Fauzi')
    >>> strip_titles("Asep SuRyana Aly, Z.A")
    'Asep SuRyana Aly'
    >>> honorific("Gus Harun"), honorific("Harun")
    ('Gus', None)
"""
from __future__ import annotations

import re

from janji.lang import lazy
from janji.lang.numbers import longest_first

# Academic, religious, military and professional titles written before a name (lower case, without dots).
PREFIX_TITLES = frozenset({
    "h", "hj", "hm", "dr", "drs", "dra", "drg", "ir", "prof", "kh", "k.h", "tgk", "tgh", "ust",
    "ustadz", "ustaz", "apt", "ns", "brigjen", "mayjen", "letjen", "kombes", "irjen", "kolonel", "ipda", "akbp", "purn",
})
# Degrees written after a name without dots ("Budi Santoso, SH, MM").
PLAIN_DEGREES = frozenset({
    "sh", "se", "mm", "mh", "msi", "mpd", "spd", "st", "sip", "sag", "mag", "skm", "mkes", "mt", "mba", "phd",
    "skom", "ssos", "map", "mkn", "sked", "spog", "ssi", "sp", "msc", "ma", "mp", "shi", "mhi", "lc", "ak", "ca",
    "sth", "mth", "sik", "sikom", "spsi", "mpsi", "shut", "mhum",
})
# Honorifics that make a nickname out of a name ("Gus Harun", "Ning Sari", "Kang Asep").
HONORIFICS = (
    "Gus", "Ning", "Mas", "Mbak", "Bang", "Kang", "Cak", "Abah", "Bunda", "Pak", "Bu", "Ibu", "Bapak", "Uda", "Uni",
    "Daeng", "Om", "Teh", "Aa", "Kak", "Mbah", "Ustadz", "Ustaz", "Kyai", "Kiai", "Buya", "Tuan", "Opa", "Oma",
    "Mama", "Bro",
)
HONORIFIC = "(?:" + "|".join(HONORIFICS) + ")"
# Honorifics said of anyone in office ("Pak Bupati", "Bu Wali"): they make no nickname of their own.
GENERIC_HONORIFICS = frozenset({"Pak", "Bu", "Bapak", "Ibu", "Tuan", "Om"})
# The abbreviated titles, as a regex alternation (written "Dr", "dr", "DR"; followed by a dot or not).
TITLE_WORDS = r"(?:Prof|Drs|Dra|Drg|Dr|Ir|Hj|H\.M|HM|H|KH|Tgk|TGH|Ust|Apt|PROF|DRS|DRA|DR|IR|HJ|KH|drg|dr)"
# Titles before a name as a regex: "Dr.", "H.", "Hj ", "Drs. H.M.", "KH.", "Tgk." (a bare "H" only before a name).
TITLE = rf"(?:{TITLE_WORDS}\.[ \t]*|(?:Hj|H|HM|KH|Tgk|TGH)[ \t]+(?=[A-Z]))"
# Degrees after a comma as a regex: ", S.E.", ", M.Si", ", SH".
DEGREE = (
    r"(?:,[ \t]*(?:(?:[A-Z][A-Za-z]{0,3}\.)+(?:[A-Za-z]{1,4}\.?)?|(?:SH|SE|MM|MH|MSi|MPd|SPd|ST|SIP|SAg|MAg|SKM|MKes|"
    r"MT|MBA|PhD|SSos|MAP|MKn|SKom|Lc))(?=[,\s;)]|$))*"
)
# Degrees news writes right after a name without a comma ("Ir H Lanang MT", "Budi SP"), in the capitals
# they are printed in; only these forms, so that an initial or an acronym after a name ("Yohan TP") stays.
BARE_DEGREES = frozenset({
    "SH", "SE", "MM", "MH", "MSi", "MPd", "SPd", "ST", "SIP", "SAg", "MAg", "SKM", "MKes", "MT", "MBA", "SSos",
    "MAP", "MKn", "SKom", "SP", "SIKom", "MHum", "SHI", "MHI",
})
BARE_DEGREE = r"(?:[ \t]+(?:" + "|".join(longest_first(BARE_DEGREES)) + r")(?![\w.'’-]))"
# Parts of names so many people share (Balinese birth-order names, Arabic-derived first names, particles)
# that alone they name nobody in particular.
COMMON_PARTS = frozenset(
    """i ni gede made kadek ketut nyoman wayan putu komang nengah gusti ngurah bagus luh ayu anak agung
    muhammad mohammad mohamad muhamad moh muh mochamad mochammad achmad ahmad abdul abd siti sri nur nurul andi la wa
    haji raden tengku teuku cut dan bin binti al el de van""".split()
)

_DEGREE_PART = lazy.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.)+(?:\s?[A-Za-z]{1,4}\.?)?$")


def is_degree(part: str) -> bool:
    part = part.strip()
    return bool(part) and (bool(_DEGREE_PART.match(part)) or part.replace(".", "").lower() in PLAIN_DEGREES)


def is_title(word: str) -> bool:
    """A title written before a name ("Dr.", "H", "Hj.", "H.M.", "KH")."""
    w = word.strip("() ").rstrip(".").lower()
    return w in PREFIX_TITLES or w.replace(".", "") in PREFIX_TITLES


def strip_titles(name: str) -> str:
    """The name without titles before it (H., Dr., Ir.) or degrees after a comma (S.E., M.Si., Sp.OG)."""
    parts = [p.strip() for p in (name or "").split(",")]
    while len(parts) > 1 and is_degree(parts[-1]):
        parts.pop()
    words = ", ".join(parts).split()
    # "H" without a dot is a title only before another capitalised word ("H Ahmad"), never a name's initial alone
    while len(words) > 1 and is_title(words[0]) and (
        words[0].endswith(".") or words[0].rstrip(".").lower() not in {"h"} or words[1][:1].isupper()
    ):
        words.pop(0)
    # "H.Iwan", "Dr.Budi": a title written without a space after it
    if words:
        words[0] = re.sub(r"^(?:H|Hj|Dr|Ir|Drs|Prof|HM|H\.M)\.(?=[A-Z][a-z])", "", words[0])
    out = " ".join(words).strip(" ,;")
    return re.sub(r"\s+", " ", out)


def tokens(name: str) -> list[str]:
    """Lower-case words of a name, for comparing forms of it ("Harun Effendi" ~ "Harun")."""
    return [w for w in re.split(r"[\s\-–—]+", strip_titles(name).lower()) if w]


def honorific(name: str) -> str | None:
    """The honorific a nickname starts with ("Gus Harun" -> "Gus"), or None."""
    first = name.split()[0] if name.split() else ""
    return first if first in HONORIFICS and len(name.split()) > 1 else None
