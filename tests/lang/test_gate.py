"""Literal gates (janji.lang.gate): a gated pattern answers exactly as the pattern does, only sooner."""
from __future__ import annotations

import importlib
import pkgutil
import random
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import janji
from janji.lang.gate import LONG, WORD, Gated, fold, opening_literals, required_literals, word_list


def test_the_literals_every_match_holds():
    assert required_literals(re.compile(r"\b(?:sudah|telah)\b", re.I)) == ("sudah", "telah")
    # an optional part is not required; the word after it is
    assert required_literals(re.compile(r"\b(?:bakal\s+)?calon\b")) == ("calon",)
    # case is folded: a case-sensitive "Rp" is looked for as "rp" in the folded text
    assert required_literals(re.compile(r"\bRp\.?\s?\d")) == ("rp",)
    # a branch without literal text (digits only) leaves the whole alternation without a gate
    assert required_literals(re.compile(r"\b(?:\d+|seratus)\s+hari")) == ("hari",)
    assert required_literals(re.compile(r"(?:\d+|[A-Z]+)")) is None


def test_a_text_without_the_literals_is_not_searched_and_one_with_them_is():
    gated = Gated(re.compile(r"\b(?:kami|kita)\s+akan\s+membangun\b", re.I))
    assert gated.literals == ("membangun",)
    assert gated.search("Jalan desa diperbaiki tahun ini.") is None
    assert gated.findall("Jalan desa diperbaiki.") == [] and list(gated.finditer("Jalan desa.")) == []
    assert gated.search("Lalu KAMI AKAN MEMBANGUN pasar").group() == "KAMI AKAN MEMBANGUN"
    # pos and endpos bound the stretch looked in, as for the pattern itself
    text = "kita akan membangun jalan, kami akan membangun pasar"
    assert gated.search(text, 5).start() == text.index("kami")
    assert gated.search(text, 5, 40) is None
    assert gated.match(text).group() == "kita akan membangun"


@pytest.mark.parametrize("text, word", [
    ("ſaya siap", "saya"),  # long s: a case-insensitive "s"
    ("Kami ısi", "isi"),  # dotless i
    ("İSİ program", "isi"),  # capital I with a dot: str.lower makes it two characters
    ("\u212aami siap", "kami"),  # the Kelvin sign: a case-insensitive "k"
])
def test_every_character_a_case_insensitive_pattern_takes_for_a_letter_passes_the_gate(text, word):
    pattern = re.compile(rf"\b{word}\b", re.I)
    assert pattern.search(text), "the regex engine itself takes it for the word"
    assert Gated(pattern).search(text) is not None
    assert word in fold(text)


def _gated_patterns() -> list[tuple[str, Gated]]:
    found = {}
    for info in pkgutil.walk_packages(janji.__path__, "janji."):
        if info.name.split(".")[1] in ("web", "track", "store", "cli", "scale", "align"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Gated):
                found.setdefault(id(value), (f"{info.name}.{name}", value))
            elif isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, Gated):
                        found.setdefault(id(item), (f"{info.name}.{name}[{key}]", item))
    return sorted(found.values(), key=lambda pair: pair[0])


GATED = _gated_patterns()
ODD = ["İ", "ı", "ſ", "\u212a", "“", "”", "\n", " ", "-", ".", ",", "2", "é"]


def _texts(gated: Gated, rng: random.Random) -> list[str]:
    """Texts around the pattern's own literals, in any case, with the characters case folding treats oddly."""
    words = list(gated.literals or ()) + list(gated.openings[0] if gated.openings else ()) \
        + ["dan", "program", "Budi", "akan", "calon", "2024"]
    out = []
    for _ in range(40):
        parts = []
        for _ in range(rng.randint(1, 8)):
            w = rng.choice(words)
            w = "".join(c.upper() if rng.random() < 0.3 else c for c in w)
            if rng.random() < 0.2:
                w = w.replace("s", "ſ").replace("i", "ı").replace("k", "\u212a").replace("I", "İ")
            parts.append(w)
            parts.append(rng.choice([" ", " ", ", ", ". ", "\n", "-", ""] + ODD))
        out.append("".join(parts))
    return out


def test_the_analyser_gates_patterns():
    assert len(GATED) >= 50


FILLER = "Warga desa berkumpul di balai. " * 9  # long texts are searched from the places their openings stand


@pytest.mark.parametrize("name, gated", GATED, ids=[n for n, _ in GATED])
def test_a_gated_pattern_of_the_analyser_answers_as_its_pattern(name, gated):
    rng = random.Random(name)
    texts = _texts(gated, rng)
    for text in texts + [FILLER + a + FILLER[:rng.randint(0, 99)] + b + c for a, b, c in zip(texts, texts[1:], texts[2:])]:
        a, b = gated.search(text), gated.regex.search(text)
        assert (a and a.span()) == (b and b.span()), text
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in gated.regex.finditer(text)], text
        assert gated.findall(text) == gated.regex.findall(text), text
        folded = fold(text)  # with its plain words read from the folded words of the text, if it has some
        assert gated.found(text, folded, set(WORD.findall(folded))) == bool(b), text
        pos, endpos = sorted(rng.randint(0, len(text)) for _ in range(2))
        a, b = gated.search(text, pos, endpos), gated.regex.search(text, pos, endpos)
        assert (a and a.span()) == (b and b.span()), (text, pos, endpos)


def test_a_plain_word_list_is_read_as_words():
    assert word_list(re.compile(r"\b(?:sudah|telah)\b", re.I)) == ({"sudah", "telah"}, None)
    assert word_list(re.compile(r"\b(?:sudah|telah)\b")) is None  # case-sensitive: not folded
    words, rest = word_list(re.compile(r"\b(?:wali\s*kota|bupati|(?:a|b)c|[|]x)\b", re.I))
    assert words == {"bupati"} and rest.pattern == r"\b(?:wali\s*kota|(?:a|b)c|[|]x)\b"
    assert word_list(re.compile(r"\b(?:wali\s*kota)\b", re.I)) is None  # no plain word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aksiyudn .,\n") + ODD), max_size=40))
def test_a_gated_word_list_answers_as_the_list_on_any_text(text):
    pattern = re.compile(r"\b(?:saya|kami|dia|kasih|ki\s+ka)\b", re.I)
    gated = Gated(pattern)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert gated.found(text, fold(text), set(WORD.findall(fold(text)))) == bool(pattern.search(text))


def test_a_long_text_folded_once_answers_as_folded_anew():
    from janji.lang.gate import folded_whole

    texts = [("Kami AKAN membangun İstana " * 20) + str(i) for i in range(6)]
    for text in texts + texts[::-1]:
        assert folded_whole(text) == fold(text)
    pattern = Gated(re.compile(r"\b(?:akan|istana)\b", re.I))
    assert [bool(pattern.search(t)) for t in texts] == [True] * 6
    assert pattern.search("Tidak ada " * 40) is None


def test_the_literals_every_match_opens_with():
    assert opening_literals(re.compile(r"\b(?:sudah|Telah)\s+selesai\b", re.I)) == (("sudah", "telah"), True)
    assert opening_literals(re.compile(r"(?<![\w.])Rp\.?\s?\d")) == (("Rp",), False)  # as written: case-sensitive
    assert opening_literals(re.compile(r"\b(?:\d+|seratus)\s+hari")) is None  # a branch opening with a class
    assert opening_literals(re.compile(r"(?i:calon)\s+\w+")) is None  # the case rule changes


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["kami", "KAMI", "kita", "ki", "ta", "saya", "ſaya", "\u212aami", " ", ".", "\n", "akan",
                                 "xkami", "Kami-kami", "kamis", "KIAT", "kiata", "kamis", "KAMISta", "membangun", "İ", "ı", "2"]), max_size=120).map("".join),
       st.integers(0, 50), st.integers(0, 600))
def test_a_long_text_is_searched_from_its_openings_as_the_pattern_scans_it(text, pos, endpos):
    text = FILLER + text
    assert len(text) >= LONG
    for pattern in (re.compile(r"\b(?:kami|kita)\s*(?P<verb>akan)?\b", re.I), re.compile(r"(?<!\w)(?:kami|saya)(\W)"),
                    re.compile(r"\b(?:kamis|kami)(ta)?(\s)|\bkiat", re.I)):
        gated = Gated(pattern)
        assert gated.openings is not None
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in pattern.finditer(text)]
        assert gated.findall(text) == pattern.findall(text)
        assert [m.span() for m in gated.finditer(text, pos, endpos)] == [m.span() for m in pattern.finditer(text, pos, endpos)]
        a, b = gated.search(text, pos), pattern.search(text, pos)
        assert (a and a.span()) == (b and b.span())
