"""The prose model: which clauses of running text are commitments, which are claims, which are neither.

Examples are the clauses the prose stage considers (:func:`janji.prose.clauses`) in
every document with a gold answer, after the stages before it ran; a clause is a
commitment or a claim when it matches a gold prose item as the scorer matches them
(token F1 ≥ 0.5, one to one), else "none".
"""
from __future__ import annotations

from janji.learn.linear import LinearModel
from janji.pipeline import Pipeline
from janji.prose import clause_features, clauses
from janji.prose import set_model as use  # noqa: F401  (bench/learned.py: the stage runs with a given model)
from janji.prose.features import FLAGS
from janji.training.corpus import PROSE_KINDS, GoldDocument, match
from janji.training.fit import Example, best_threshold, detection, fit, out_of_fold

NAME = "prose"
WITHOUT = "cue words alone"  # what decides when there is no model
BUCKETS = 2 ** 14
C_GRID = (0.1, 0.3, 1.0)


def examples(docs: list[GoldDocument]) -> list[Example]:
    pipe = Pipeline(names=["read", "clean", "facts", "structure"])
    out = []
    for gold in docs:
        doc = pipe.analyze_path(gold.path, time_limit=None)
        found = list(clauses(doc))
        texts = [doc.text[c.start:c.end] for c in found]
        prose_gold = gold.items(PROSE_KINDS)
        matched = match([g["text"] for g in prose_gold], texts)
        for i, clause in enumerate(found):
            label = prose_gold[matched[i]]["kind"] if i in matched else "none"
            out.append(Example(gold.name, clause_features(doc, clause), label))
    return out


def train(docs: list[GoldDocument], log=print) -> LinearModel:
    data = examples(docs)
    log(f"prose: {len(data)} clauses from {len(docs)} documents "
        f"({sum(e.label == 'commitment' for e in data)} commitments, {sum(e.label == 'claim' for e in data)} claims)")
    trials = []
    for c in C_GRID:
        probas = out_of_fold(data, FLAGS, BUCKETS, c)
        threshold, scores = best_threshold(data, probas)
        trials.append((scores["f1"], c, threshold, probas))
        log(f"  C={c:<4} cross-validated F1 {scores['f1']:.3f} at threshold {threshold}")
    _, c, threshold, probas = max(trials, key=lambda t: t[0])
    model = fit(data, FLAGS, BUCKETS, c, classes=["claim", "commitment", "none"])
    model.threshold = threshold
    in_sample = [dict(zip(model.classes, model.proba(e.features))) for e in data]
    model.meta = {
        "component": "prose sentence classifier (commitment / claim / none)",
        "documents": len(docs), "examples": len(data), "C": c, "threshold": threshold,
        "cross_validated": detection(data, probas, threshold), "in_sample": detection(data, in_sample, threshold),
    }
    return model
