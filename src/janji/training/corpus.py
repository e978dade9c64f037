"""The documents with gold answers that the models learn from, and how their answers are compared."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]  # the source checkout (training runs from one)
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_ANNOTATIONS = ROOT / "annotations" / "corpus"
LIST_KINDS = ("vision", "mission", "goal", "program", "activity", "quick_win", "strategy")
PROSE_KINDS = ("commitment", "claim")


@dataclass
class GoldDocument:
    group: str  # seeds, devset, corpus
    name: str  # the file stem: the document's identity in cross-validation
    path: Path  # the source text
    gold: dict

    def items(self, kinds) -> list[dict]:
        return [i for i in walk(self.gold.get("items") or []) if i["kind"] in kinds]


def walk(items):
    for item in items:
        yield item
        yield from walk(item.get("children") or [])


def gold_documents(shared: Path = DEFAULT_SHARED, annotations: Path = DEFAULT_ANNOTATIONS) -> list[GoldDocument]:
    """Every document with a hand-made answer: seeds, development set, annotated corpus documents."""
    sets = [("seeds", shared / "seeds", shared / "gold"), ("devset", shared / "devset" / "docs", shared / "devset" / "gold"),
            ("corpus", shared / "corpus" / "docs", annotations)]
    out = []
    for group, docs, gold in sets:
        for answer in sorted(Path(gold).glob("*.json")):
            source = docs / f"{answer.stem}.txt"
            if source.exists():
                out.append(GoldDocument(group, answer.stem, source, json.loads(answer.read_text(encoding="utf-8"))))
    if not out:
        raise FileNotFoundError(f"no gold answers found under {shared} and {annotations}")
    return out


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def token_f1(a: str, b: str) -> float:
    """The scorer's similarity of prose items (../shared/tools/score.py): F1 of their word multisets."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    if not common:
        return 0.0
    p, r = common / len(tb), common / len(ta)
    return 2 * p * r / (p + r)


def match(gold_texts: list[str], texts: list[str], threshold: float = 0.5) -> dict[int, int]:
    """One-to-one matching of texts to gold texts, most similar first: {text index: gold index}."""
    pairs = sorted(((token_f1(g, t), gi, ti) for gi, g in enumerate(gold_texts) for ti, t in enumerate(texts)),
                   key=lambda x: (-x[0], x[1], x[2]))
    taken_g, out = set(), {}
    for score, gi, ti in pairs:
        if score < threshold:
            break
        if gi not in taken_g and ti not in out:
            taken_g.add(gi)
            out[ti] = gi
    return out
