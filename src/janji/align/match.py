"""The kind of a link (same, narrowed, broadened, partial), the plan items that carry the other parts of a
bundled promise, and the ``why`` a reader can check.

The rule of ALIGN.md, where several kinds fit: ``partial`` if a part of the promise has no home anywhere in
the plan, else ``narrowed`` if the plan cuts its scope, else ``broadened``; ``same`` when the plan item
commits to the same thing in other words. A promise's *parts* are what it lists ("A, B dan C",
:func:`janji.align.text.components`); a part has a home when some plan item repeats its words or serves
its bidang (:class:`Components`).

- ``broadened``: the plan item is of a broader kind (a misi carrying a program), leaves out the promise's
  number, or holds the promise's words among more of its own;
- ``narrowed``: the plan item repeats the promise's activity but names fewer of its beneficiaries, sectors
  or places (its words are a strict part of the promise's), or a smaller number of the same unit;
- ``same``: each repeats most of the other's words, or their meaning is nearly the same, and no number is
  lost.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from janji.align import features as feat
from janji.align import text as lx
from janji.align.units import Unit

SAME_SHARE = 0.5  # both ways: each item repeats at least this weighted share of the other's terms
SAME_COSINE = 0.93  # e5 cosine above which two texts say the same thing in other words
INSIDE_SHARE = 0.5  # the promise's terms that the plan item repeats, for "held inside a wider commitment"
LEXICAL_HOME = 0.5  # a plan item repeating this share of a part's terms is that part's home
SECTOR_HOME = 0.5  # else a plan item sharing this much of the part's bidang (classifier probabilities)
UNSURE = -1  # a part whose home cannot be told (no shared words, no clear bidang): not counted as homeless
KIND_WORDS = {"vision": "visi", "mission": "misi", "goal": "sasaran", "program": "program",
              "quick_win": "program 100 hari", "commitment": "komitmen", "activity": "kegiatan"}


@dataclass
class Verdict:
    match: str
    why: str
    components: list[dict[str, Any]] = field(default_factory=list)


def _quantities(unit: Unit) -> list:
    if unit.item.quantities:
        return list(unit.item.quantities)
    from janji.quantities import parse

    return parse(unit.text)


def _cosine_fmt(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


class Components:
    """Parts of promises and their homes among the plan items (computed once per promise text).

    A part has a home when a plan item repeats at least half of its weighted terms; a part no plan item
    shares words with finds its home by its bidang (the classifier's lexical pass), so no part costs an
    embedding. A part of no clear bidang is not counted as homeless.
    """

    def __init__(self, aligner, plan_evidence: feat.Evidence, p_units: list[Unit], threshold: float,
                 local: dict[str, float] | None = None):
        self.aligner = aligner
        self.local = local or {}
        self.pe = plan_evidence
        self.p_units = p_units
        self.threshold = threshold
        self._cache: dict[str, tuple[list[str], list[int | None], list[float]]] = {}

    def prepare(self, texts: list[str]) -> None:
        """Find the homes of the parts of all ``texts`` at once (one classifier and embedding batch)."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if not todo:
            return
        pending: list[tuple[str, int, str]] = []
        for text in todo:
            parts = lx.components(text)
            homes: list[int | None] = [None] * len(parts)
            sure = [0.0] * len(parts)
            if len(parts) > 1 and self.p_units:
                plain = [[t for t in lx.terms(part) if t.key not in lx.GENERIC] for part in parts]
                shares = self.pe.index().coverage(plain, self.local)
                for k in range(len(parts)):
                    j = int(np.argmax(shares[k]))
                    if plain[k] and shares[k, j] >= LEXICAL_HOME:
                        homes[k], sure[k] = j, float(shares[k, j])
                    else:
                        pending.append((text, k, parts[k]))
            self._cache[text] = (parts, homes, sure)
        if pending:
            # no shared words: the part's bidang (the classifier's lexical pass, no model) against the plan
            # items' (and the domains their misi name); a part of no clear bidang is given the benefit of doubt
            results = self.aligner.lexical_classifier().classify_texts([part for _, _, part in pending])
            plan = self._plan_sectors()
            for (text, k, _), res in zip(pending, results):
                _, homes, sure = self._cache[text]
                mine = dict(res.scores.get("sectors") or {}) if res.sectors else {}
                if not mine:
                    homes[k] = UNSURE
                    continue
                overlap = [max(feat.sector_overlap(mine, d) for d in ds) for ds in plan]
                j = int(np.argmax(overlap))
                sure[k] = float(overlap[j])
                if overlap[j] >= SECTOR_HOME:
                    homes[k] = j

    def _plan_sectors(self) -> list[list[dict[str, float]]]:
        """Each plan item's bidang probabilities, and those of the domains its misi names."""
        out = [[d] for d in self.pe.sectors]
        if self.pe.parts is not None:
            for owner, d in zip(self.pe.part_owner, self.pe.parts.sectors):
                out[int(owner)].append(d)
        return out

    def homes(self, text: str) -> tuple[list[str], list[int | None], list[float]]:
        """The parts of ``text``, the plan item that is each part's home (or None), and how sure."""
        self.prepare([text])
        return self._cache[text]

    def other_homes(self, text: str, j: int, row: np.ndarray, pside, p_units: list[Unit]) -> list[int]:
        """Other plan items that are the home of a part of the promise (not the first one's branch)."""
        parts, homes, _ = self.homes(text)
        near = set(pside.ancestors(p_units[j].pos)) | set(pside.descendants(p_units[j].pos))
        out: list[int] = []
        for jj in homes:
            if jj is not None and jj != UNSURE and jj != j and jj not in out and p_units[jj].pos not in near \
                    and row[jj] >= self.threshold / 2:
                out.append(jj)
        out.sort(key=lambda jj: -row[jj])
        return out

    def match(self, cu: Unit, pu: Unit, x: np.ndarray, c_terms, p_terms, shared, local,
              tops: list[list[str]]) -> Verdict:
        parts, homes, sure = self.homes(cu.text)
        comps = [{"text": part, "plan": self.p_units[h].text if h is not None and h != UNSURE else None,
                  "certainty": round(s, 3)} for part, h, s in zip(parts, homes, sure)] if len(parts) > 1 else []
        homeless = [part for part, h in zip(parts, homes) if h is None] if len(parts) > 1 else []
        words = list(dict.fromkeys(t.surface for t in shared if t.key not in lx.GENERIC)) or \
            list(dict.fromkeys(t.surface for t in shared))
        cos = float(x[0])
        if words:
            base = "kata bersama: " + ", ".join(words)
        else:
            common = [c for c in tops[0][:1] if c in tops[1]]
            base = (f"bidang urusan sama: {_sector_name(common[0])}; " if common else "") + \
                "kemiripan makna " + _cosine_fmt(cos)
        if homeless and len(homeless) < len(parts):
            return Verdict("partial", f"{base}; tidak ada butir rencana untuk: " + ", ".join(homeless), comps)
        c_share = float(x[1])
        p_share, _ = lx.covered(p_terms, c_terms)
        cq, pq = _quantities(cu), _quantities(pu)
        lost = [q for q in cq if not any(_same_unit(q, r) for r in pq)]
        smaller = [q for q in cq for r in pq if _same_unit(q, r) and r.value < q.value]
        c_scope = lx.parts_and_scope(cu.text)[1]
        kept = [m for m in c_scope if _mentioned(m, p_terms)]
        if pu.level < cu.level:
            return Verdict("broadened", f"{base}; {KIND_WORDS.get(pu.kind, pu.kind)} rencana memuat "
                           f"{KIND_WORDS.get(cu.kind, cu.kind)} ini dalam lingkup yang lebih luas", comps)
        if smaller:
            return Verdict("narrowed", f"{base}; target rencana lebih kecil ({_qtext(smaller[0])} dijanjikan)", comps)
        if len(c_scope) >= 2 and 0 < len(kept) < len(c_scope):
            left = [m for m in c_scope if m not in kept]
            return Verdict("narrowed", f"{base}; rencana mempersempit cakupan (tanpa {', '.join(left)})", comps)
        if not c_scope and _names_whom(pu.text) and not _names_whom(cu.text):
            return Verdict("narrowed", f"{base}; rencana membatasi penerimanya", comps)
        if lost:
            return Verdict("broadened", f"{base}; target {_qtext(lost[0])} tidak disebut dalam rencana", comps)
        if c_scope and not kept:
            return Verdict("broadened", f"{base}; rencana tidak menyebut {', '.join(c_scope)}", comps)
        extra = _extra_parts(pu.text, c_terms)
        if extra:
            return Verdict("broadened", f"{base}; rencana memuatnya bersama {', '.join(extra)}", comps)
        if (c_share >= SAME_SHARE and p_share >= SAME_SHARE) or cos >= SAME_COSINE:
            return Verdict("same", base, comps)
        if c_share >= INSIDE_SHARE:
            return Verdict("broadened", f"{base}; rencana memuatnya dalam komitmen yang lebih luas", comps)
        return Verdict("broadened", f"{base}; rencana menyatakannya lebih umum", comps)


def _sector_name(code: str) -> str:
    from janji.classify.taxonomy import sectors

    sector = sectors().get(code)
    return sector.name.title().replace(" Dan ", " dan ") if sector else code


def _mentioned(member: str, p_terms) -> bool:
    keys = [t.key for t in p_terms]
    words = [w for k in keys for w in k.split(" ")]
    plain = [t for t in lx.terms(member) if t.key not in lx.GENERIC]
    return bool(plain) and any(any(lx.same_term(w, q) for q in words) for t in plain for w in t.key.split(" "))


def _names_whom(text: str) -> bool:
    """Whether a text restricts whom it serves: "bagi/untuk/kepada" + a named group ("bagi anak yatim")."""
    toks = lx.tokens(text)
    for i, (w, _, _) in enumerate(toks[:-1]):
        if w in ("bagi", "untuk", "kepada") and i > 0:
            rest = text[toks[i][2]:]
            first = lx.terms(" ".join(rest.split()[:3]))
            if first and first[0].key not in lx.GENERIC and first[0].key not in lx.QUALITIES:
                return True
    return False


def _extra_parts(p_text: str, c_terms) -> list[str]:
    """Parts of the plan item that the promise does not speak of ("Puskesmas keliling dan ambulans desa")."""
    parts = lx.components(p_text)
    if len(parts) < 2:
        return []
    keys = [t.key for t in c_terms]
    out = []
    for part in parts:
        plain = _core(part)
        if plain and not any(lx.same_term(t.key, k) for t in plain for k in keys):
            out.append(part)
    return out if len(out) < len(parts) else []


def _core(part: str) -> list:
    """The non-generic terms of what a part does, before it names for whom or where ("pupuk bersubsidi" of
    "pupuk bersubsidi bagi petani"); all of them if nothing comes before the marker."""
    toks = lx.tokens(part)
    cut = next((toks[i][1] for i in range(1, len(toks)) if toks[i][0] in lx.SCOPE_MARKERS), len(part))
    core = [t for t in lx.terms(part[:cut]) if t.key not in lx.GENERIC]
    return core or [t for t in lx.terms(part) if t.key not in lx.GENERIC]


def _same_unit(a, b) -> bool:
    return (a.unit or "").split(" ")[0] == (b.unit or "").split(" ")[0]


def _qtext(q) -> str:
    return q.text or f"{q.value:g} {q.unit}".strip()
