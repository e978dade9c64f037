"""The quantities stage: every number a promise commits to, on every item.

``parse(text)`` reads one text ("Tangsel Terang 10.000 titik" -> 10000
titik); ``quantities(doc)`` fills ``item.quantities`` on every item of a
document. Items of kind ``other`` (obstacles, headings that are no promise)
are left empty; every other kind is read, visions and missions included,
because a mission may hold a duration ("di lima tahun ke depan" -> 5 tahun)
and a claim carries the figures it claims.

An item made from a planning table also gets the targets its indicator rows set
(``item.indicators``): the final year's target read with the indicator's name
and satuan ("Indeks Gini" "0,31 - 0,33" -> 0.31 and 0.33, unit ""; "72,5"
"Tahun" -> 72.5 tahun), and the pagu of its row.

Example:
    >>> [q.to_json() for q in parse("Rp 250 juta per tahun per RT")]
    [{'value': 250000000, 'unit': 'rupiah', 'per': 'tahun/RT', 'text': 'Rp 250 juta'}]
"""
from __future__ import annotations

import re

from janji.document import Document, Indicator, Quantity
from janji.lang import lazy
from janji.lang.numbers import parse_digits
from janji.lang.tables import empty_value
from janji.quantities.parser import parse
from janji.stage import stage

__all__ = ["parse", "quantities", "target_quantities"]

SKIPPED_KINDS = frozenset({"other"})


@stage(requires=["items", "items.indicators"], assigns=["items.quantities"])
def quantities(doc: Document) -> None:
    """Set ``item.quantities`` on every item of ``doc`` (the pipeline's ``quantities`` stage)."""
    for item in doc.walk():
        if item.kind in SKIPPED_KINDS:
            item.quantities = []
            continue
        item.quantities = parse(item.text)
        for indicator in item.indicators:
            item.quantities.extend(target_quantities(indicator))


_MONEY_UNIT = lazy.compile(r"^(?:rp\.?|idr)(?=\s|$)", re.I)


def target_quantities(indicator: Indicator) -> list[Quantity]:
    """The quantities of an indicator's target, as a table sets it: the number in the target cell, the unit in
    the satuan cell (or the pagu column's header), the indicator's name before them for what is counted.

        >>> [q.to_json() for q in target_quantities(Indicator("Angka Harapan Hidup", "72,5", "Tahun"))]
        [{'value': 72.5, 'unit': 'tahun', 'text': '72,5'}]
        >>> [(q.value, q.unit) for q in target_quantities(Indicator("Pagu", "2.500", "Rp juta"))]
        [(2500000000, 'rupiah')]
    """
    unit = "" if empty_value(indicator.unit) else " ".join(indicator.unit.split())
    target = " ".join(indicator.target.split())
    money = _MONEY_UNIT.match(unit)
    if money and not _MONEY_UNIT.search(target) and "rp" not in target.lower():
        before, after = unit[:money.end()] + " ", unit[money.end():].strip()
    else:
        before, after = "", unit
    name = " ".join(indicator.name.split())
    lead = f"{name} {before}" if name else before
    text = f"{lead}{target} {after}".rstrip()
    start, end = len(lead), len(lead) + len(target)
    out = []
    for q in parse(text):
        if q.span is None or q.span[1] <= start:
            continue  # a number of the indicator's name ("usia 15 tahun ke atas")
        q.text = text[max(q.span[0], start):min(q.span[1], end)].strip() or q.text
        q.span = None
        out.append(q)
    if not out:
        value = parse_digits(target)
        if value is not None:  # a bare figure with no unit to read (an index, a ratio)
            out.append(Quantity(value=value, unit="", text=target))
    return out
