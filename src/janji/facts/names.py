"""Person names: titles stripped, honorific nicknames recognised.

Example:
    >>> strip_titles("Dr. H. Iwan Saputra, S.E., M.Si.")
    'Iwan Saputra'
    >>> strip_titles("Hj. Ai Diantani Ade Sugianto, S.H., M.Kn.")
    'Ai Diantani Ade Sugianto'
    >>> strip_titles("Dede MuKsit Aly, Z.A")
    'Dede MuKsit Aly'
"""
from __future__ import annotations

import re

# Academic, religious and professional titles written before a name.
PREFIX_TITLES = {
    "h", "hj", "dr", "drs", "dra", "ir", "prof", "kh", "k.h", "hm", "tgk", "tgh", "ust", "ustadz", "ustaz", "drg",
    "apt", "ns", "brigjen", "mayjen", "letjen", "kombes", "irjen", "kolonel", "ipda", "akbp",
}
# Degrees written after a name without dots ("Budi Santoso, SH, MM").
PLAIN_DEGREES = {
    "sh", "se", "mm", "mh", "msi", "mpd", "spd", "st", "sip", "sag", "mag", "skm", "mkes", "mt", "mba", "phd",
    "skom", "ssos", "map", "mkn", "sked", "spog", "ssi", "sp", "msc", "ma", "mp", "shi", "mhi", "lc", "ak", "ca",
    "sth", "mth", "sik", "sikom", "spsi", "mpsi",
}
# Honorifics that make a nickname out of a name ("Gus Juned", "Ning Ita").
HONORIFICS = (
    "Gus", "Ning", "Mas", "Mbak", "Bang", "Kang", "Cak", "Ning", "Abah", "Bunda", "Pak", "Bu", "Ibu", "Bapak",
    "Uda", "Uni", "Daeng", "Om", "Teh", "Aa", "Ustadz", "Kyai", "Kiai", "Buya", "Opa", "Oma", "Mama", "Bro",
)
DEGREE = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.)+(?:\s?[A-Za-z]{1,4}\.?)?$")


def _is_degree(part: str) -> bool:
    part = part.strip()
    return bool(part) and (bool(DEGREE.match(part)) or part.replace(".", "").lower() in PLAIN_DEGREES)


def strip_titles(name: str) -> str:
    """The name without titles before it (H., Dr., Ir.) or degrees after a comma (S.E., M.Si., Sp.OG)."""
    parts = [p.strip() for p in (name or "").split(",")]
    while len(parts) > 1 and _is_degree(parts[-1]):
        parts.pop()
    words = ", ".join(parts).split()
    while len(words) > 1 and words[0].rstrip(".").lower() in PREFIX_TITLES and (
        words[0].endswith(".") or words[0].rstrip(".").lower() not in {"h"} or words[1][:1].isupper()
    ):
        words.pop(0)
    # "H.Iwan" written without a space after the title
    if words:
        words[0] = re.sub(r"^(?:H|Hj|Dr|Ir|Drs|Prof)\.(?=[A-Z])", "", words[0])
    out = " ".join(words).strip(" ,;")
    return re.sub(r"\s+", " ", out)


def tokens(name: str) -> list[str]:
    """Lower-case words of a name, for comparing forms of it ("Junaedi Malik" ~ "Junaedi")."""
    return [w for w in re.split(r"[\s\-–—]+", strip_titles(name).lower()) if w]


def honorific(name: str) -> str | None:
    """The honorific a nickname starts with ("Gus Juned" -> "Gus"), or None."""
    first = name.split()[0] if name.split() else ""
    return first if first in HONORIFICS and len(name.split()) > 1 else None
