"""Quantities parser against the hand-made gold: precision, recall and F1.

    python bench/quantities_eval.py [--shared ../shared] [--verbose]

Runs ``janji.quantities.parse`` on the text of every gold item (seed gold
and devset gold; items nested in ``children``, prose items included) and
compares with the item's gold quantities the way ``shared/tools/score.py``
does: value rounded to 6 places and the first word of the unit, as a
multiset per item. Items of kind ``other`` are skipped, as the stage does
(the scorer does not score them either). ``--verbose`` prints every item
where parser and gold differ.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from janji.quantities import SKIPPED_KINDS, parse  # noqa: E402


def key(value, unit) -> tuple:
    """As score.py's quantity_key: (value rounded, first word of the lower-cased unit)."""
    try:
        v = round(float(value), 6)
    except (TypeError, ValueError):
        v = None
    words = (unit or "").lower().split()
    return v, words[0].strip(" .;:,-–—") if words else ""


def walk(items):
    for item in items or []:
        yield item
        yield from walk(item.get("children"))


def evaluate(gold_dir: Path, verbose: bool = False) -> dict:
    """Counts and P/R/F1 over every gold item in ``gold_dir``."""
    hit = n_gold = n_pred = 0
    misses = []
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for item in walk(doc.get("items")):
            if item.get("kind") in SKIPPED_KINDS:
                continue
            gold = [key(q.get("value"), q.get("unit")) for q in item.get("quantities") or []]
            pred = [key(q.value, q.unit) for q in parse(item.get("text", ""))]
            n_gold += len(gold)
            n_pred += len(pred)
            left = list(pred)
            item_hit = 0
            for g in gold:
                if g in left:
                    left.remove(g)
                    item_hit += 1
            hit += item_hit
            if item_hit != len(gold) or item_hit != len(pred):
                misses.append((path.stem, item.get("text", ""), gold, pred))
    p = hit / n_pred if n_pred else 1.0
    r = hit / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    if verbose:
        for stem, text, gold, pred in misses:
            print(f"  {stem}: {text[:110]}\n      gold={gold}\n      pred={pred}")
    return {"gold": n_gold, "pred": n_pred, "hit": hit, "precision": p, "recall": r, "f1": f}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (default ../shared)")
    ap.add_argument("--verbose", "-v", action="store_true", help="print the items where parser and gold differ")
    args = ap.parse_args(argv)
    sets = {"seeds": args.shared / "gold", "devset": args.shared / "devset" / "gold"}
    print(f"{'set':8} {'gold':>5} {'pred':>5} {'hit':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, folder in sets.items():
        if not folder.is_dir():
            print(f"{name:8} (no gold at {folder})")
            continue
        s = evaluate(folder, verbose=args.verbose)
        print(f"{name:8} {s['gold']:5d} {s['pred']:5d} {s['hit']:5d} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
