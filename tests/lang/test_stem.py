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


def _words() -> list[str]:
    """Roots of Sastrawi's dictionary with the affixes its rules take apart, and some plain words."""
    import os
    import random

    import Sastrawi

    with open(os.path.join(os.path.dirname(Sastrawi.__file__), "Stemmer", "data", "kata-dasar.txt"), encoding="utf-8") as f:
        roots = [w for w in f.read().split() if w.isalpha()]  # stem_word keeps "kupu-kupu" whole
    rng = random.Random(3)
    affixes = [("me", ""), ("mem", ""), ("men", "kan"), ("meng", "i"), ("meny", ""), ("pe", "an"), ("pem", "an"),
               ("pen", "an"), ("peng", "an"), ("ber", ""), ("ter", ""), ("di", "kan"), ("ke", "an"), ("se", "nya"),
               ("per", "an"), ("memper", "kan"), ("", "lah"), ("be", ""), ("te", ""), ("ku", ""), ("kau", ""),
               ("pel", "an"), ("", "")]
    return sorted({a + w + b for w in rng.sample(roots, 2500) for a, b in rng.sample(affixes, 3)} | {"belajar", "bekerja"})


def test_a_skipped_prefix_rule_would_not_have_applied():
    from janji.lang.stem import _rule_opening, _visitors

    words = _words()
    for visitor in _visitors(_stemmer()).get_prefix_visitors():
        for rule in getattr(visitor, "disambiguators", ()):
            opening = _rule_opening(rule)
            if opening is not None:
                may_apply = re.compile(opening).match
                assert all(rule.disambiguate(w) is None for w in words if not may_apply(w)), type(rule).__name__


def test_stems_are_sastrawis():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    from janji.lang.stem import STEM_OVERRIDES, _KNOWN

    plain = StemmerFactory().create_stemmer()  # no rule skipped
    words = [w for w in _words() if w not in STEM_OVERRIDES and w not in _KNOWN]
    assert [stem_word(w) for w in words] == [plain.stem(w) or w for w in words]
