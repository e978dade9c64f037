"""Which items of a document take part in an alignment, with their place in the tree.

Campaign and plan alike: visi, misi, sasaran, program, quick win and promises in
prose (``commitment``), at every level; a kegiatan only where no program or quick
win stands above it (then it is the most specific promise there is). Strategies,
claims and ``other`` items do not take part.

Where a campaign document speaks for several pairs, only the chosen pair's items
take part (:func:`choose_pair`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from janji.align.text import same_person
from janji.document import Candidate, Document, Item
from janji.errors import JanjiError

TAKING_PART = frozenset({"vision", "mission", "goal", "program", "quick_win", "commitment"})
# How broad a kind is: a misi holds sasaran, a sasaran programs, a program kegiatan.
LEVEL = {"vision": 0, "mission": 1, "goal": 2, "program": 3, "quick_win": 3, "commitment": 3, "activity": 4}


class AlignError(JanjiError):
    """An alignment that cannot be made as asked (message in Indonesian, names the document)."""


@dataclass
class Unit:
    """One participating item: ``pos`` in its side's list, the nearest participating ``parent``."""

    pos: int
    item: Item
    parent: int | None = None
    children: list[int] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def text(self) -> str:
        return self.item.text

    @property
    def level(self) -> int:
        return LEVEL.get(self.item.kind, 3)

    def ref(self) -> dict:
        """The item as janji-align/1 names it: kind, label and text copied unchanged."""
        return {"kind": self.item.kind, "label": self.item.label or None, "text": self.item.text}


@dataclass
class Side:
    doc: Document
    units: list[Unit]
    pair: Candidate | None = None

    def ancestors(self, pos: int) -> list[int]:
        out = []
        parent = self.units[pos].parent
        while parent is not None:
            out.append(parent)
            parent = self.units[parent].parent
        return out

    def descendants(self, pos: int) -> list[int]:
        out, todo = [], list(self.units[pos].children)
        while todo:
            p = todo.pop(0)
            out.append(p)
            todo.extend(self.units[p].children)
        return out


def _belongs(name: str | None, pair: Candidate) -> bool:
    return bool(name) and any(same_person(name, n) for n in pair.names())


def choose_pair(campaign: Document, plan: Document | None, head: str | None) -> Candidate | None:
    """The pair whose promises are aligned.

    ``head`` (a head, deputy or alias) picks it; else the only pair; else the only pair with promises;
    else the pair whose head (or deputy) the plan names. Raises :class:`AlignError` when none can be told.
    """
    name = campaign.source.name or "kampanye"
    pairs = list(campaign.candidates)
    if head:
        found = [c for c in pairs if _belongs(head, c)]
        if not found:
            named = "; ".join(c.head for c in pairs) or "tidak ada pasangan yang dikenali"
            raise AlignError(f"{name}: --head {head!r} tidak cocok dengan pasangan mana pun ({named})")
        return found[0]
    if len(pairs) <= 1:
        return pairs[0] if pairs else None
    owners = {id(c) for c in pairs for it in campaign.walk() if it.kind in TAKING_PART
              and (_belongs(it.candidate, c) or _belongs(it.speaker, c))}
    with_items = [c for c in pairs if id(c) in owners]
    if len(with_items) == 1:
        return with_items[0]
    if plan is not None:
        named = [c for c in with_items or pairs
                 if any(_belongs(n, c) for pc in plan.candidates for n in pc.names())]
        if len(named) == 1:
            return named[0]
        text = plan.text or ""
        if text:
            named = [c for c in with_items or pairs if c.head and c.head in text]
            if len(named) == 1:
                return named[0]
    heads = ", ".join(c.head for c in with_items or pairs)
    raise AlignError(f"{name}: dokumen memuat janji beberapa pasangan ({heads}); pilih satu dengan --head NAMA")


def select(doc: Document, pair: Candidate | None = None) -> Side:
    """The participating items of ``doc`` (of ``pair`` only, where the document speaks for several)."""
    several = len(doc.candidates) > 1 and pair is not None
    units: list[Unit] = []

    def visit(items: list[Item], parent: int | None, under_program: bool, owner: str | None) -> None:
        for it in items:
            who = it.candidate or owner
            mine = not several or _belongs(who, pair) or (who is None and _belongs(it.speaker, pair))
            takes = mine and (it.kind in TAKING_PART or (it.kind == "activity" and not under_program))
            pos = parent
            if takes:
                pos = len(units)
                units.append(Unit(pos, it, parent))
                if parent is not None:
                    units[parent].children.append(pos)
            visit(it.children, pos, under_program or it.kind in ("program", "quick_win"), who)

    visit(doc.items, None, False, None)
    return Side(doc, units, pair)
