"""Building the learned models from the hand-made answers: ``janji train``.

The stages only score (:mod:`janji.learn`); here the models are fitted, at build
time, from the documents that have gold answers — the seeds and the development
set in ``../shared`` and the corpus documents annotated in this repository
(``annotations/corpus``) — and judged by cross-validation grouped by document:
every document's examples are scored by a model that never saw that document.
Fitting needs scikit-learn (a development dependency); running the analyser does not.
"""
from __future__ import annotations

from pathlib import Path

from janji.learn.linear import load, model_path

# model name -> module that trains it (``train(docs, log) -> LinearModel``)
COMPONENTS = {"kind": "janji.training.kind", "prose": "janji.training.prose"}  # kind first: prose learns on its tree


def train_all(names=None, shared: Path | None = None, annotations: Path | None = None, log=print,
              write: bool = True) -> dict[str, dict]:
    """Fit each learned component on every gold document and write it into ``janji/data/models``.

    Returns each component's ``meta``: cross-validated and in-sample scores, sizes, chosen settings.
    """
    import importlib

    from janji.files import atomic_path
    from janji.training.corpus import DEFAULT_ANNOTATIONS, DEFAULT_SHARED, gold_documents

    docs = gold_documents(shared or DEFAULT_SHARED, annotations or DEFAULT_ANNOTATIONS)
    out = {}
    for name in names or COMPONENTS:
        model = importlib.import_module(COMPONENTS[name]).train(docs, log=log)
        model.meta["trained_on"] = {g: sum(d.group == g for d in docs) for g in ("seeds", "devset", "corpus")}
        if write:
            with atomic_path(model_path(name)) as tmp:
                with open(tmp, "wb") as fh:
                    model.save(fh)
            load.cache_clear()
        out[name] = model.meta
    return out
