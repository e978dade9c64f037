"""The parser on every gold item text (seeds and devset), scored as ../shared/tools/score.py does, held to
the floors in tests/floors.toml."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "quantities_eval.py"


def load_eval():
    spec = importlib.util.spec_from_file_location("quantities_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder, section", [("gold", "quantities.seeds"), ("devset/gold", "quantities.devset")])
def test_quantities_f1_on_gold_items(shared, check_floors, folder, section):
    gold = shared / folder
    if not any(gold.glob("*.json")):
        pytest.skip(f"no gold in {gold}")
    result = load_eval().evaluate(gold)
    assert result["gold"] > 0
    check_floors(section, result)


def test_eval_counts_like_the_scorer():
    ev = load_eval()
    # value rounded, first word of the unit, case and edge punctuation ignored
    assert ev.key(2400000.0, "Kunjungan wisatawan") == (2400000.0, "kunjungan")
    assert ev.key("5", "") == (5.0, "")
