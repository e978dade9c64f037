"""Which kind the entries of a list are where no heading, opener or count named it: a learned model.

A heading ("Misi:", "Program Unggulan") or an announcement ("… lima program prioritas, yaitu") says what a
list holds, and the rules of :mod:`janji.structure.build` follow it. Many real lists have neither: a pair's
name and then bullets, a scraped page whose heading was an image, a list run into a paragraph. There the
wording decides — misi are clauses led by an active verb ("Meningkatkan …"), sasaran state an outcome
("Meningkatnya …", "Terwujudnya …"), programmes are noun phrases ("Pembangunan …", "Beasiswa …"), and a
list of obstacles or of a page's links is no promise at all. Rather than enumerate that, a small model
learned it from every list entry in the documents with gold answers (``janji train``, judged by
cross-validation grouped by document: ``bench/learned.py``).

The model scores each entry of a run of unnamed siblings; the run takes the kind its entries agree on,
or stays ``other`` (not a promise) when the model is not sure enough that they are promises. One shape is
settled before the model: a run whose every entry states an outcome ("Meningkatnya …", "Berkurangnya …") is
a list of sasaran, the planners' convention, too rare among unnamed lists for the model to have learnt it.

Example:
    >>> f = entry_features("Meningkatkan mutu guru honorer", "campaign", siblings=4)
    >>> f["flag:verb_start"], f["flag:kind_campaign"], "first:tingkat" in f
    (1.0, 1.0, True)
"""
from __future__ import annotations

import re

from janji.document import Item
from janji.lang import lazy
from janji.learn.linear import ModelSlot
from janji.lang.morphology import NOMINAL_START, OUTCOME_START, VERB_START
from janji.lang.stem import stems

# Flags fixed in advance (their names are model columns: a change here means retraining).
PATTERNS: dict[str, re.Pattern] = {
    "verb_start": VERB_START,
    "nominal_start": NOMINAL_START,
    "outcome_start": OUTCOME_START,
    "ber_start": lazy.compile(r"ber[a-z]{3,}\b", re.I),
    "di_start": lazy.compile(r"di[a-z]{3,}(?:kan|i)\b", re.I),
}
SEARCHES: dict[str, re.Pattern] = {
    "number": lazy.compile(r"\d"),
    "percent": lazy.compile(r"%|\bpersen\b", re.I),
    "money": lazy.compile(r"\bRp\.?\s?\d|\b(?:ribu|juta|miliar|milyar|triliun)\b", re.I),
    "question": lazy.compile(r"\?"),
    "colon": lazy.compile(r":"),
    "year": lazy.compile(r"\b(?:19|20)\d\d\b"),
    "free": lazy.compile(r"\b(?:gratis|bantuan|beasiswa|insentif|subsidi|santunan)\b", re.I),
    "problem": lazy.compile(r"\b(?:belum|kurang|rendah|terbatas|masih|tidak|lemah|minim)\b", re.I),
    "yang": lazy.compile(r"\byang\b", re.I),
    "melalui": lazy.compile(r"\b(?:melalui|dengan)\b", re.I),
    "region_word": lazy.compile(r"\b(?:kabupaten|kota|provinsi|desa|daerah)\b", re.I),
}
KINDS = ("campaign", "debate", "plan", "statement")
FLAGS = ([f"flag:{n}" for n in PATTERNS] + [f"flag:{n}" for n in SEARCHES] + [f"flag:kind_{k}" for k in KINDS]
         + ["flag:title_case", "flag:upper", "flag:short", "flag:long", "flag:words", "flag:siblings",
            "flag:nested", "flag:unnamed", "flag:bias"])
CLASSES = ["mission", "goal", "program", "activity", "none"]
MIN_RUN = 2  # entries of one run, at least: a single unnamed line is no list


def entry_features(text: str, doc_kind: str | None, *, siblings: int = 1, nested: bool = False,
                   unnamed: bool = True) -> dict[str, float]:
    """What the model sees of one entry; ``unnamed``: nothing in the text said what its list holds."""
    out: dict[str, float] = {f"flag:{n}": 1.0 for n, p in PATTERNS.items() if p.match(text)}
    out.update({f"flag:{n}": 1.0 for n, p in SEARCHES.items() if p.search(text)})
    if doc_kind in KINDS:
        out[f"flag:kind_{doc_kind}"] = 1.0
    words = text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    if words and capitals / len(words) >= 0.6:
        out["flag:title_case"] = 1.0
    if text.isupper():
        out["flag:upper"] = 1.0
    if len(words) < 4:
        out["flag:short"] = 1.0
    if len(words) > 25:
        out["flag:long"] = 1.0
    out["flag:words"] = min(len(words), 50) / 50
    out["flag:siblings"] = min(siblings, 12) / 12
    if nested:
        out["flag:nested"] = 1.0
    if unnamed:
        out["flag:unnamed"] = 1.0
    out["flag:bias"] = 1.0
    st = stems(text)
    if st:
        out[f"first:{st[0]}"] = 1.0
    for s in st:
        out[f"stem:{s}"] = 1.0
    return out


_SLOT = ModelSlot("kind")  # the packaged kind model, or one set for training, bench and tests
# Use ``model`` (False: no model, unnamed lists stay ``other``); ``None`` goes back to the packaged one.
set_model = _SLOT.set
_model = _SLOT.get


def unnamed_runs(items: list[Item], nested: bool = False):
    """Runs of consecutive sibling items of kind ``other`` (a list nothing named), with whether they are nested."""
    run: list[Item] = []
    for item in [*items, None]:
        if item is not None and item.kind == "other":
            run.append(item)
            continue
        if run:
            yield run, nested
        run = []
        if item is not None and item.children:
            yield from unnamed_runs(item.children, nested=True)
    for item in items:
        if item.kind == "other" and item.children:
            yield from unnamed_runs(item.children, nested=True)


def name_runs(items: list[Item], doc_kind: str | None) -> None:
    """Give each run of unnamed sibling entries the kind the model finds for it, where it is sure enough."""
    model = _model()
    for run, nested in list(unnamed_runs(items)):
        if len(run) < MIN_RUN:
            continue
        if all(OUTCOME_START.match(item.text) for item in run):
            for item in run:
                item.kind = "goal"
            continue
        if model is None:
            continue
        totals = [0.0] * len(model.classes)
        for item in run:
            for k, p in enumerate(model.proba(entry_features(item.text, doc_kind, siblings=len(run), nested=nested))):
                totals[k] += p / len(run)
        p = dict(zip(model.classes, totals))
        if 1.0 - p.get("none", 0.0) < model.threshold:
            continue
        kind = max((c for c in model.classes if c != "none"), key=lambda c: p[c])
        for item in run:
            item.kind = kind
