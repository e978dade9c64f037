"""janji.cache: forms derived from janji's data files, kept between processes under the file's digest."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from janji import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("JANJI_CACHE_DIR", str(tmp_path / "kept"))
    return tmp_path / "kept"


def test_a_derived_form_is_read_back_and_a_new_file_replaces_it(folder):
    made = []

    def make(text):
        made.append(text)
        return {"words": text.split(), "n": len(text)}

    assert cache.derived(b"satu dua", "contoh", lambda: make("satu dua")) == {"words": ["satu", "dua"], "n": 8}
    assert cache.derived(b"satu dua", "contoh", lambda: make("satu dua")) == {"words": ["satu", "dua"], "n": 8}
    assert made == ["satu dua"]
    assert cache.derived(b"tiga", "contoh", lambda: make("tiga"))["words"] == ["tiga"]  # other bytes: made anew
    assert made == ["satu dua", "tiga"] and len(list(folder.iterdir())) == 1  # the old form is gone
    assert cache.derived(b"tiga", "contoh", lambda: make("tiga"), version=2)["n"] == 4  # a new version: made anew
    assert made[-1] == "tiga"


def test_a_damaged_or_missing_folder_only_means_making_it_again(folder, monkeypatch):
    cache.derived(b"x", "contoh", lambda: [1, 2])
    (kept,) = folder.iterdir()
    kept.write_bytes(b"\x00" * 40)
    assert cache.derived(b"x", "contoh", lambda: [3]) == [3]
    kept.write_bytes(kept.read_bytes()[:20])  # cut short
    assert cache.derived(b"x", "contoh", lambda: [4]) == [4]
    monkeypatch.setenv("JANJI_CACHE_DIR", "")  # keep nothing
    assert cache.folder() is None and cache.derived(b"y", "lain", lambda: "z") == "z"
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["contoh"]


def test_arrays_come_back_equal_and_writable_without_touching_the_file(folder):
    arrays = {"w": np.arange(12, dtype=np.float32).reshape(3, 4) / 7, "i": np.array([5, -1], np.int16),
              "e": np.zeros((0, 3), np.int64)}

    def make():
        index, block = cache.pack_arrays(arrays)
        return {"index": index}, block

    for _ in range(2):  # made, then mapped from the kept file
        value, block = cache.derived_with_block(b"model", "arrays", make)
        back = cache.unpack_arrays(value["index"], block)
        for key, array in arrays.items():
            assert back[key].dtype == array.dtype and back[key].shape == array.shape
            assert back[key].tobytes() == array.tobytes()
        back["w"][0, 0] = 99.0  # a private copy of the page: the next reader still sees the file's value
    (kept,) = folder.iterdir()
    assert kept.read_bytes().count(np.float32(99.0).tobytes()) == 0


def test_the_classifier_model_read_through_the_cache_is_the_file(folder):
    from janji.classify.linear import MODEL_FILE, LinearModel
    from janji.classify.taxonomy import data_path

    with data_path(MODEL_FILE).open("rb") as fh:
        raw = fh.read()
    path = folder.parent / "model.npz"
    path.write_bytes(raw)
    plain = LinearModel.load(path)  # a path given: read as it is, nothing kept
    assert not folder.exists()
    for _ in range(2):  # made and kept, then read back
        kept = LinearModel.load()
        for name in ("weights", "bias", "idf", "post_ptr", "post_idx", "phrase_class"):
            a, b = getattr(plain, name), getattr(kept, name)
            assert a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes(), name
        for name in ("vocab", "classes", "phrase_text", "stem_table"):
            assert list(getattr(plain, name)) == list(getattr(kept, name)), name
        assert kept.vocab == plain.vocab and kept.stem_table == plain.stem_table
    assert [p.name.split("-v")[0] for p in folder.iterdir()] == ["classify-linear"]


def test_stems_met_before_need_no_sastrawi(tmp_path):
    """Sastrawi's stems are kept: a second process stemming the same words does not load Sastrawi."""
    script = ("import sys; from janji.lang.stem import stems; print(' '.join(stems(sys.argv[1])),"
              " 'Sastrawi.Stemmer.Stemmer' in sys.modules)")
    env = {**os.environ, "JANJI_CACHE_DIR": str(tmp_path / "kept"), "PYTHONPATH": os.pathsep.join(sys.path)}
    text = "Pemberdayaan petani terpencil dan kebersihan lingkungan"

    def run(words, **more):
        done = subprocess.run([sys.executable, "-c", script, words], env={**env, **more}, capture_output=True,
                              text=True, check=True)
        return done.stdout.split()

    first = run(text)
    assert first[-1] == "True" and first[:-1] == ["daya", "tani", "pencil", "dan", "bersih", "lingkung"]
    assert run(text) == first[:-1] + ["False"]  # read back: Sastrawi not loaded
    assert run(text + " berkebun")[-1] == "True"  # a new word: Sastrawi again
    assert run(text, JANJI_CACHE_DIR="") == first  # nothing kept
    (kept,) = (tmp_path / "kept").glob("stems-*")
    kept.write_bytes(b"rusak")
    assert run(text) == first  # a damaged file: stemmed as usual



def test_the_region_tables_read_back_are_the_ones_built(folder):
    """The region tables and names kept in the cache folder are what the CSV files give, in the same order."""
    from janji.data import regions
    from janji.facts import region

    kept = (regions._tables, regions.kept_key, regions.all_regions, regions._by_full_name, regions.by_bare_name,
            regions.aliases, regions.candidates, region._kept, region._names, region._buckets)

    def forget():
        for f in kept:
            f.cache_clear()

    def in_order(parts):
        return [list(p.items()) if isinstance(p, dict) else p for p in parts]

    def as_positions():
        everything, full, bare, alias = regions._tables()
        at = {id(r): i for i, r in enumerate(everything)}
        return ([(r.name, r.code, r.level) for r in everything], {k: at[id(r)] for k, r in full.items()},
                {k: [at[id(r)] for r in v] for k, v in bare.items()}, {k: [at[id(r)] for r in v] for k, v in alias.items()})

    try:
        forget()
        built = in_order(regions._built_tables()), in_order(region._built_names())
        for _ in range(2):  # made and kept, then read back
            forget()
            assert (in_order(as_positions()), in_order(region._kept())) == built
        assert sorted(p.name.split("-v")[0] for p in folder.iterdir()) == ["region-names", "regions"]
    finally:
        forget()


def test_the_lexicons_read_back_are_the_ones_built(folder):
    from janji.classify import taxonomy

    def forget():
        for f in (taxonomy._lexicons, taxonomy.sector_lexicon, taxonomy.sdg_lexicon):
            f.cache_clear()

    def in_order(lexicons):
        return [(list(lex.phrases.items()), list(lex.surface.items()), lex.longest, list(lex.first.items()))
                for lex in lexicons]

    try:
        built = in_order(taxonomy.Lexicon(*parts) for parts in taxonomy._built_lexicons())
        for _ in range(2):  # made and kept, then read back
            forget()
            assert in_order([taxonomy.sector_lexicon(), taxonomy.sdg_lexicon()]) == built
        assert [p.name.split("-v")[0] for p in folder.glob("lexicons-*")] == ["lexicons"]
        assert taxonomy.sector_lexicon().match(["bangun", "sekolah"])  # a lexicon that finds keywords
    finally:
        forget()
