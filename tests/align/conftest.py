"""Alignment fixtures: one :class:`janji.align.Aligner` per test process (its embedding cache is shared by
every test), and a compact way to write a document for a test."""
from __future__ import annotations

import pytest

from janji.document import Candidate, Document, Item, Region, Source


@pytest.fixture(scope="session")
def aligner():
    from janji.align import default_aligner

    return default_aligner()


def node(kind: str, text: str, *children: Item, label: str | None = None, **extra) -> Item:
    return Item(kind, text, label=label, children=list(children), **extra)


def doc(kind: str, *items: Item, name: str | None = None, region: str | None = "Kabupaten Contoh",
        code: str | None = None, period: tuple[int, int] | None = None, pairs: list[Candidate] | None = None) -> Document:
    return Document(Source(name or f"{kind}.txt"), kind=kind, items=list(items),
                    region=Region(region, code, "kabupaten") if region else None, period=period,
                    candidates=list(pairs or []))


def link_of(result: dict, text: str) -> dict | None:
    """The link of the promise whose text starts with ``text`` (None: not linked)."""
    found = [l for l in result["links"] if l["campaign"]["text"].startswith(text)]
    assert len(found) <= 1
    return found[0] if found else None


def dropped(result: dict) -> list[str]:
    return [d["text"] for d in result["dropped"]]


def added(result: dict) -> list[str]:
    return [a["text"] for a in result["added"]]
