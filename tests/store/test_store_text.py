"""Indonesian text helpers of the store: stems, snippets, names, similarity (no database)."""
from __future__ import annotations

import doctest
import importlib

from janji.store import text as jtext


def test_docstring_examples():
    result = doctest.testmod(importlib.import_module("janji.store.text"))
    assert result.attempted >= 4 and result.failed == 0


def test_query_and_index_stem_alike():
    assert jtext.query_stems("pembangunan") == jtext.stem_tokens("dibangun") == ["bangun"]
    assert jtext.query_stems("untuk dan") == ["untuk", "dan"]  # only function words: keep them


def test_highlight_cuts_long_texts_around_the_first_match():
    text = "awal " * 100 + "membangun puskesmas baru" + " akhir" * 100
    snip = jtext.highlight(text, ["bangun"], width=120)
    joined = "".join(s["text"] for s in snip["segments"])
    assert joined.startswith("…") and joined.endswith("…") and len(joined) <= 125
    assert [s["text"] for s in snip["segments"] if s["match"]] == ["membangun"]


def test_highlight_never_produces_markup():
    snip = jtext.highlight("<b>Membangun</b> & jalan", ["bangun"])
    assert "".join(s["text"] for s in snip["segments"]) == "<b>Membangun</b> & jalan"  # the page escapes it


def test_names_match_across_titles_and_spellings_but_not_other_people():
    assert jtext.name_key("Hj. Sari Wulandari, S.E.") == "sari wulandari"
    assert jtext.same_name(jtext.name_key("Drs. H. Soekarno Djojo"), jtext.name_key("Sukarno Jojo"))
    assert not jtext.same_name("erwin", "irwan")
    assert not jtext.same_name("budi santoso", "budi hartono")


def test_similarity_finds_the_same_promise_in_other_words():
    sims = jtext.similarity_matrix(["Pembangunan jalan desa sepanjang 100 km",
                                    "Membangun jalan desa 50 km setiap tahun",
                                    "Beasiswa kuliah untuk mahasiswa berprestasi"])
    assert sims[0][1] >= 0.5 > sims[0][2]
    assert abs(sims[0][0] - 1) < 1e-6
