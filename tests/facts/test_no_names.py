"""The facts stage and its tests name no candidate of the seed, development or corpus documents: every
example is invented, so a rule stands for a way of writing, not for one article."""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = [ROOT / "src" / "janji" / "facts", ROOT / "tests" / "facts"]


def _golds(shared: Path) -> list[Path]:
    return [*(shared / "gold").glob("*.json"), *(shared / "devset" / "gold").glob("*.json"),
            *(ROOT / "annotations" / "corpus").glob("*.json")]


def test_no_line_names_a_candidate_of_a_known_document(shared):
    names = set()
    for gold in _golds(shared):
        data = json.loads(gold.read_text(encoding="utf-8"))
        names.add(gold.stem)
        for cand in data.get("candidates") or []:
            for name in [cand.get("head"), cand.get("deputy"), *(cand.get("aliases") or [])]:
                if name and (" " in name.strip() or len(name.strip()) >= 6):
                    names.add(name.strip())
    assert names
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    hits = [f"{path.relative_to(ROOT)}:{i}: {line.strip()[:80]}" for folder in CHECKED for path in sorted(folder.rglob("*.py"))
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not hits, "lines naming a candidate of a known document:\n" + "\n".join(hits)
