"""janji.lang.stem: Sastrawi's stems, with Sastrawi's regexes given a cache of their own."""
from __future__ import annotations

import re

import pytest

from janji.lang.stem import _SastrawiRegexes, _stemmer, stem_word, stems


def test_stems_and_overrides():
    assert stems("Pembangunan jembatan-jembatan desa") == ["bangun", "jembatan", "jembatan", "desa"]
    assert stem_word("pengangguran") == "pengangguran"  # Sastrawi would say "anggur"
    assert stem_word("dijalankan") == "jalan_v"


@pytest.mark.parametrize("pattern, string", [
    (r"^ber([aiueo].*)$", "berupaya"), (r"^ber([aiueo].*)$", "bermain"), (r"^(.*)-(ku|mu|nya)$", "rumah-nya"),
    (r"^men([aiueo])(.*)$", "menanam"), (r"^pe(.*)an$", "perumahan"),
])
def test_the_regex_front_matches_as_re_does(pattern, string):
    front = _SastrawiRegexes()
    ours, theirs = front.match(pattern, string), re.match(pattern, string)
    assert (ours and ours.groups()) == (theirs and theirs.groups())


@pytest.mark.parametrize("pattern, repl, string, count", [
    ("bangun", "", "pembangunan", 1), ("an", "", "ananan", 1), ("an", "", "ananan", 0), ("", "", "ab", 1),
    ("jalan-jalan", "", "berjalan-jalan", 1), (r"(is|isme|isasi|i|kan|an)$", "", "kebijakan", 1),
    (r"[^a-z0-9 -]", " ", "Dana (RT)", 0), ("a.c", "", "abc a.c", 1),
])
def test_the_regex_front_substitutes_as_re_does(pattern, repl, string, count):
    assert _SastrawiRegexes().sub(pattern, repl, string, count=count) == re.sub(pattern, repl, string, count=count)


def test_stemming_new_words_leaves_other_patterns_in_res_cache():
    """Sastrawi used every stem it found as a pattern: each new word evicted the process's other patterns."""
    _stemmer()
    sentinel = r"(?:contoh|pola)\s+tetap"
    re.search(sentinel, "pola tetap")
    for i in range(700):  # more new words than re's cache holds
        _stemmer().stem("pe" + "".join("aiueo"[(i // 5 ** k) % 5] + "ng" for k in range(4)) + "an")
    cached = [key for cache in (getattr(re, "_cache", {}), getattr(re, "_cache2", {})) for key in cache]
    assert any(sentinel in key for key in cached)
