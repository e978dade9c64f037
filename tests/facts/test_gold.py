"""The facts stage alone against the hand-made gold of the seeds and the development set.

meta_acc counts kind, region name and code, period, and each gold pair's head, deputy,
number and parties (../shared/tools/score.py, metadata_checks).
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from janji.pipeline import Pipeline


def _score_module(shared):
    spec = importlib.util.spec_from_file_location("janji_score", shared / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("docs, gold, section", [("seeds", "gold", "facts.seeds"),
                                                 ("devset/docs", "devset/gold", "facts.devset")])
def test_meta_acc(shared, check_floors, docs, gold, section):
    score = _score_module(shared)
    pipe = Pipeline(names=["read", "clean", "facts"])
    hits, total = 0, 0
    for path in sorted((shared / docs).glob("*.txt")):
        want = json.loads((shared / gold / f"{path.stem}.json").read_text(encoding="utf-8"))
        got = pipe.analyze_path(path).to_json()
        checks = score.metadata_checks(want, got)
        hits, total = hits + sum(checks), total + len(checks)
    assert total > 0
    check_floors(section, {"meta_acc": hits / total})
