"""Political parties: canonical short names ("PKB", "PDI Perjuangan") from ``janji/data/parties.csv``.

Example:
    >>> canonical("Partai Kebangkitan Bangsa")
    'PKB'
    >>> canonical("PDIP")
    'PDI Perjuangan'
    >>> [p for _, _, p in find("diusung Partai Nasdem, PSI dan PAN")]
    ['NasDem', 'PSI', 'PAN']
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from janji import data


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", " ", name).strip().lower()


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Every name and alias (lower case) -> canonical short name."""
    out: dict[str, str] = {}
    with data.path("parties.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for name in [row["party"], *row["aliases"].split(";")]:
                if name.strip():
                    out[_key(name)] = row["party"]
                    if not name.lower().startswith("partai "):
                        out[_key("Partai " + name)] = row["party"]
    return out


def canonical(name: str) -> str | None:
    """The canonical short name of a party, or None when the name is not a party."""
    return table().get(_key(name or ""))


@lru_cache(maxsize=1)
def _written() -> list[str]:
    """Every name and alias as the table writes it (case kept: "PAN" is not "Pan")."""
    out = []
    with data.path("parties.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out += [n.strip() for n in [row["party"], *row["aliases"].split(";")] if n.strip()]
    return out


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    names = sorted(set(_written()), key=len, reverse=True)
    alternatives = []
    for name in names:
        words = re.split(r"[\s\-]+", name)
        if len(words) == 1 and sum(c.isupper() for c in name) > 1 and not name[1:].islower():
            alternatives.append(re.escape(name))  # acronyms as written: "PAN", not "Pan"
            continue
        if words[0].lower() == "partai":
            # "Partai Golkar", "partai Golkar": the word partai in any case, the name capitalised
            alternatives.append(r"[Pp]artai\s+" + r"[\s\-]+".join(f"(?i:{re.escape(w)})" for w in words[1:]))
        else:
            # Bare names are written capitalised ("Demokrat", "Buruh", "PKB"); lower case is a common word.
            alternatives.append(r"[\s\-]+".join(re.escape(w[0].upper()) + f"(?i:{re.escape(w[1:])})" for w in words))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def find(text: str, start: int = 0, end: int | None = None):
    """(start, end, canonical name) for each party named in text[start:end]."""
    for m in _pattern().finditer(text, start, len(text) if end is None else end):
        name = canonical(m.group())
        if name:
            yield m.start(), m.end(), name
