"""The prose stage against the hand-made gold, scored by ../shared/tools/score.py.

prose_f1 and speaker_acc are held to the floors in tests/floors.toml; the seeds'
list documents gain no prose items.

Two readings: the prose stage alone (gold facts and gold listed items given,
so a regression here is the prose stage's), and the whole pipeline (skipped
until the facts and structure stages exist).
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from janji.document import Candidate, Document, Item, Region, Source
from janji.facts import find_mentions
from janji.prose import prose

LIST_DOCUMENTS = ("000_", "002_", "004_")


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("janji_score", shared / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus(shared: Path, name: str) -> list[tuple[dict, str, str]]:
    docs, gold = (shared / "seeds", shared / "gold") if name == "seeds" else \
        (shared / "devset" / "docs", shared / "devset" / "gold")
    out = []
    for path in sorted(gold.glob("*.json")):
        out.append((json.loads(path.read_text(encoding="utf-8")), (docs / f"{path.stem}.txt").read_text(encoding="utf-8"),
                    path.stem))
    return out


def locate(text: str, item_text: str) -> tuple[int, int] | None:
    """Where a gold listed item sits in the text (gold files carry no spans)."""
    words = item_text.split()
    for n in (len(words), 5):
        m = re.search(r"\s+".join(re.escape(w) for w in words[:n]), text)
        if m:
            return m.start(), max(m.end(), m.start() + len(item_text))
    return None


def listed_items(gold_items: list[dict], text: str) -> list[Item]:
    out = []
    for data in gold_items:
        if data["kind"] in ("commitment", "claim"):
            continue
        item = Item.from_json({k: v for k, v in data.items() if k != "children"})
        item.span = locate(text, data["text"])
        item.children = listed_items(data.get("children") or [], text)
        out.append(item)
    return out


def gold_document(gold: dict, text: str, stem: str) -> Document:
    """The document as the stages before prose would leave it, from the gold: kind, region, pairs (their
    nicknames left for the text to show, as the facts stage finds them), mentions and listed items."""
    region = gold.get("region")
    doc = Document(Source(f"{stem}.txt"), text=text, kind=gold["kind"],
                   region=Region(region["name"], region.get("code"), region.get("level")) if region else None,
                   candidates=[Candidate.from_json(c) for c in gold["candidates"]])
    for cand in doc.candidates:
        cand.aliases = []
    find_mentions(doc)
    doc.items = listed_items(gold["items"], text)
    return doc


def totals(scorer, pairs: list[tuple[dict, dict]]) -> dict:
    tally = scorer.Tally()
    for gold, pred in pairs:
        scorer.score_document(gold, pred, tally)
    return scorer.summary(tally)


def prose_count(pred: dict) -> int:
    def walk(items):
        for item in items:
            yield item
            yield from walk(item.get("children") or [])
    return sum(1 for i in walk(pred.get("items") or []) if i["kind"] in ("commitment", "claim"))


@pytest.mark.parametrize("name", ["seeds", "devset"])
def test_prose_stage_alone_reaches_floors(shared, name, check_floors):
    scorer = load_scorer(shared)
    pairs = []
    for gold, text, stem in corpus(shared, name):
        doc = gold_document(gold, text, stem)
        prose(doc)
        pairs.append((gold, doc.to_json()))
    assert_floors(scorer, pairs, check_floors, f"prose_stage.{name}")


def assert_floors(scorer, pairs: list[tuple[dict, dict]], check_floors, section: str) -> None:
    """The list documents gain no prose items; prose_f1 and speaker_acc hold their floors."""
    for gold, pred in pairs:
        if pred["source"]["name"].startswith(LIST_DOCUMENTS):
            assert prose_count(pred) == 0, f"{pred['source']['name']}: spurious prose items"
    check_floors(section, totals(scorer, pairs))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["seeds", "devset"])
def test_full_pipeline_reaches_floors(shared, name, check_floors):
    from janji.pipeline import Pipeline

    scorer = load_scorer(shared)
    # Sectors and SDGs do not change which prose items are found or who speaks them; the
    # classifier is by far the slowest stage, so it is left out here.
    pipe = Pipeline(disable=["classify"])
    pairs = []
    for gold, text, stem in corpus(shared, name):
        doc = pipe.analyze_bytes(text.encode("utf-8"), f"{stem}.txt", time_limit=None)
        pairs.append((gold, doc.to_json()))
    assert_floors(scorer, pairs, check_floors, f"prose_full.{name}")
