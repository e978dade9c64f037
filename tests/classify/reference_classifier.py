"""The classifier as it was written before its passes were batched (one item at a time, numpy on every
item's small arrays): the straightforward reference that tests/classify/test_batched.py holds the batched
classifier to, result for result."""
from __future__ import annotations

import logging
from typing import Sequence

import numpy as np

from janji.classify.classifier import (BETA, EMBED_MARGIN, FIRST, GAMMA, GAMMA_SDG, KEYWORD_ALONE, LINEAR_ALONE,
                                       MEANS, MEANS_FACTOR, MIN_CONFIDENCE, SDG_SECOND_SHARE, SECOND_SHARE,
                                       SECONDARY, SECONDARY_LINEAR, SURE_KEYWORDS, SURE_PROBABILITY, Classifier,
                                       Result)
from janji.classify.text import normalise, secondary_mask, weighted_features
from janji.lang.stem import stem_word, tokens


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max()
    e = np.exp(x)
    return e / e.sum()


# The linear model's one-item arithmetic as the classifier used it (LinearModel's methods then)
def _indices(lin, feats) -> np.ndarray:
    return np.fromiter((lin.vocab[f] for f in feats if f in lin.vocab), dtype=np.int64)


def _values(lin, feats: dict[str, float]) -> np.ndarray:
    return np.fromiter((v for f, v in feats.items() if f in lin.vocab), dtype=np.float32)


def _logits(lin, idx: np.ndarray, values: np.ndarray) -> np.ndarray:
    if len(idx) == 0:
        return lin.bias.copy()
    return lin.bias + (lin.weights[idx] * values[:, None]).sum(axis=0) / np.sqrt(len(idx))


def _contributions(lin, idx: np.ndarray, cls: int, top: int = 4) -> list[tuple[str, float]]:
    if len(idx) == 0:
        return []
    w = lin.weights[idx, cls]
    order = np.argsort(-w)[:top]
    inv = lin._inverse_vocab
    return [(inv[int(idx[i])], float(w[i])) for i in order if w[i] > 0.5]


class ReferenceClassifier(Classifier):
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
                pending[key] = self._ref_lexical(texts[i])
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
        results = {key: self._ref_decide(st) for key, st in pending.items()}
        if len(self.cache) + len(results) > self.cache_size:
            self.cache.clear()  # a national batch is streamed: an old entry is rarely asked for again
        self.cache.update(results)
        return [out[i] or results[keys[i]] for i in range(len(texts))]

    def _ref_lexical(self, text: str) -> dict:
        toks = tokens(text)
        st = [stem_word(t) for t in toks]
        secondary = secondary_mask(toks, text)
        matches = self.slex.match(st)
        means = [all(x in MEANS for x in st[a:b]) for _, _, a, b in matches]
        if not any(not secondary[a] and not m for (_, _, a, _), m in zip(matches, means)):
            # "Sukamaju sebagai kabupaten dengan infrastruktur …", "mengalokasikan anggaran untuk beasiswa":
            # nothing but the means before the marker, so what follows it is what the promise is about.
            secondary = [False] * len(toks)
        others = any(not m for m in means)
        feats = weighted_features(st, [SECONDARY_LINEAR if m or (others and w in MEANS) else 1.0
                                       for m, w in zip(secondary, st)])
        idx = _indices(self.linear, feats)
        p_lin = _softmax(_logits(self.linear, idx, _values(self.linear, feats)))
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

    def _ref_decide(self, st: dict) -> Result:
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
        goals_out, gprob, ghits = self._ref_sdgs(st, prob if chosen else None, sdg_z)
        method = "leksikal+e5" if st["emb"] is not None else "leksikal"
        scores = {
            "sectors": {self.sector_codes[int(j)]: round(float(prob[j]), 3) for j in order[:5]},
            "sdgs": {str(self.goals[int(k)]): round(float(gprob[k]), 3) for k in np.argsort(-gprob, kind="stable")[:3]},
            "method": method,
        }
        return Result(sectors_out, goals_out, scores, self._ref_evidence(st, chosen, emb_z, goals_out, ghits))

    def _ref_sdgs(self, st: dict, sector_prob: np.ndarray | None, sdg_z: np.ndarray | None):
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

    def _ref_evidence(self, st: dict, chosen: list[int], emb_z, goals_out: list[int], ghits) -> list[str]:
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
            contrib = _contributions(self.linear, st["idx"], j)
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
