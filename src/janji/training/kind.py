"""The kind model: which kind the entries of a list are where nothing in the text named it.

Examples are the list entries the structure stage finds in every document with a gold answer (every
kind it gave them, so the model learns wording from all lists, not only the few unnamed ones); an
entry's label is the kind of the gold list item it matches (token F1 ≥ 0.5, one to one), or "none"
where it matches none: furniture, commentary, a list of obstacles. The kind the rules gave is not a
feature — only whether they had one to give (unnamed lists are more often no promises at all): the
model is applied where the rules had none.
"""
from __future__ import annotations

from janji.learn.linear import LinearModel
from janji.pipeline import Pipeline
from janji.structure import kinds
from janji.training.corpus import LIST_KINDS, GoldDocument, match
from janji.training.fit import Example, best_threshold, detection, fit, out_of_fold

NAME = "kind"
WITHOUT = "rules alone (unnamed lists stay other)"
use = kinds.set_model  # bench/learned.py: the stage runs with a given model
BUCKETS = 2 ** 12
C_GRID = (0.1, 0.3, 1.0)
# gold kinds the model predicts (a quick win or a strategy reads as the programme or activity it is)
FOLD = {"vision": "mission", "mission": "mission", "goal": "goal", "program": "program", "quick_win": "program",
        "strategy": "activity", "activity": "activity"}


def _entries(items, nested=False):
    siblings = len(items)
    for item in items:
        yield item, siblings, nested
        yield from _entries(item.children, nested=True)


def examples(docs: list[GoldDocument]) -> list[Example]:
    kinds.set_model(False)  # the rules' own tree, unnamed lists left "other"
    try:
        pipe = Pipeline(names=["read", "clean", "facts", "structure"])
        out = []
        for gold in docs:
            doc = pipe.analyze_path(gold.path, time_limit=None)
            found = [(it, n, nested) for it, n, nested in _entries(doc.items) if it.kind != "vision"]
            listed = [g for g in gold.items(LIST_KINDS) if g["kind"] != "vision"]
            matched = match([g["text"] for g in listed], [it.text for it, _, _ in found])
            for i, (item, siblings, nested) in enumerate(found):
                label = FOLD[listed[matched[i]]["kind"]] if i in matched else "none"
                features = kinds.entry_features(item.text, doc.kind, siblings=siblings, nested=nested,
                                                unnamed=item.kind == "other")
                out.append(Example(gold.name, features, label))
        return out
    finally:
        kinds.set_model(None)


def train(docs: list[GoldDocument], log=print) -> LinearModel:
    data = examples(docs)
    counts = {c: sum(e.label == c for e in data) for c in kinds.CLASSES}
    log(f"kind: {len(data)} list entries from {len(docs)} documents ({counts})")
    trials = []
    for c in C_GRID:
        probas = out_of_fold(data, kinds.FLAGS, BUCKETS, c, classes=kinds.CLASSES)
        threshold, scores = best_threshold(data, probas)
        class_acc = detection(data, probas, threshold)["class_acc"]
        trials.append((scores["f1"] + class_acc, c, threshold, probas))
        log(f"  C={c:<4} cross-validated entry F1 {scores['f1']:.3f}, kind right {class_acc:.3f} at threshold {threshold}")
    _, c, threshold, probas = max(trials, key=lambda t: t[0])
    model = fit(data, kinds.FLAGS, BUCKETS, c, classes=kinds.CLASSES)
    model.threshold = threshold
    in_sample = [dict(zip(model.classes, model.proba(e.features))) for e in data]
    model.meta = {
        "component": "list entry kind (mission / goal / program / activity / none) where no heading named it",
        "documents": len(docs), "examples": len(data), "C": c, "threshold": threshold, "labels": counts,
        "cross_validated": detection(data, probas, threshold), "in_sample": detection(data, in_sample, threshold),
    }
    return model
