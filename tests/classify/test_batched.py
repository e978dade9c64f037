"""The batched classifier against the one-text-at-a-time form it replaced (reference_classifier.py): the same
sectors, SDGs, scores, evidence and method for every text, whatever the batch holds.

The texts are made here, from the packaged nomenclature and lexicon and from words invented for this test,
with a fixed seed: official wording, campaign wording around it, places, numbers, parentheses, slogans the
lexical pass is unsure of (embedded with the fake embedder), words the linear model does not know, and repeats.
"""
from __future__ import annotations

import csv
import random

import pytest

from janji.classify.classifier import Classifier
from janji.classify.taxonomy import data_path, lexicon_data

from .reference_classifier import ReferenceClassifier
from .test_classify import FakeEmbedder

VERBS = ["", "", "Melanjutkan", "Percepatan", "Peningkatan", "Mewujudkan", "Program", "Kami akan memperjuangkan",
         "Optimalisasi", "Penguatan", "Gerakan", "Revitalisasi"]
TAILS = [" di Kecamatan Sukamaju Barat", " di Desa Mekarjaya", " bagi 3.400 lansia", " untuk petani dan nelayan",
         " dengan anggaran Rp 4,5 miliar", " melalui APBD", " (air minum)", " sebanyak 1.250 unit", " pada 2027",
         " dalam 5 tahun", " di setiap kelurahan (RT dan RW)", " bagi guru honorer", " khususnya pemuda"]
# Invented slogans and words no lexicon or nomenclature holds: the lexical pass is unsure, the model is asked.
VAGUE = ["Nyaman kotanya, bahagia warganya", "Maju bersama rakyat", "Kota yang ramah untuk semua",
         "Zorvak melintang qupeli", "Bersatu membangun negeri", "Harapan baru untuk generasi emas", "", "123 456",
         "(((", "Gerbang Kemilau Sejahtera", "Sehat, cerdas, berdaya", "Desa mandiri, kota berseri"]


def texts(n: int, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    with data_path("kegiatan.csv").open(encoding="utf-8") as fh:
        nomen = [row["name"] for row in csv.DictReader(fh)]
    lex = lexicon_data()
    keywords = [entry.partition("|")[0] for section in ("sectors", "sdgs") for spec in lex[section].values()
                for entry in spec.get("keywords", [])]
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.12:
            out.append(rng.choice(VAGUE))
            continue
        if roll < 0.55:
            core = rng.choice(nomen)
        else:
            core = " ".join(rng.sample(keywords, rng.choice([1, 1, 2, 3])))
        verb = rng.choice(VERBS)
        text = f"{verb} {core[0].lower() + core[1:]}" if verb and core else core
        for tail in rng.sample(TAILS, rng.choice([0, 0, 1, 2, 3])):
            text += tail
        out.append(text.upper() if rng.random() < 0.05 else text)
    return out


def _same(new: Classifier, ref: Classifier, batch: list[str]) -> None:
    got, want = new.classify_texts(batch), ref.classify_texts(batch)
    for text, g, w in zip(batch, got, want):
        assert (g.sectors, g.sdgs, g.scores, g.evidence) == (w.sectors, w.sdgs, w.scores, w.evidence), text
    assert new.stats == ref.stats


@pytest.mark.parametrize("embedder", [None, "fake"])
def test_batched_classifier_gives_the_reference_results(embedder):
    new = Classifier(embedder=FakeEmbedder() if embedder else None)
    ref = ReferenceClassifier(embedder=FakeEmbedder() if embedder else None)
    items = texts(3000)
    rng = random.Random(5)
    at = 0
    while at < len(items):
        size = rng.choice([1, 2, 7, 64, 200, 500])
        _same(new, ref, items[at:at + size])
        at += size
    if embedder:
        assert 0 < new.stats["embedded"] < new.stats["texts"]


def test_the_official_nomenclature_gives_the_reference_results():
    with data_path("kegiatan.csv").open(encoding="utf-8") as fh:
        nomen = [row["name"] for row in csv.DictReader(fh)]
    _same(Classifier(embedder=None), ReferenceClassifier(embedder=None), nomen)
