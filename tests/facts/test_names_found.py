"""Names found by string search (facts.patterns.names_written, names_bracketed) as the regexes of the names
would find them: compared on texts built at random from the names, spaces, dashes and brackets."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from janji.facts.patterns import names_bracketed, names_written

NAMES = ["Budi Santoso", "Budi", "BUDI SANTOSO", "Ani Lestari-Wati", "Santoso", "Al Amin", "Ani", "Gus Budi"]
PIECES = ["Budi", "Santoso", "BUDI", "SANTOSO", "Ani", "Lestari-Wati", "Lestari", "Wati", "Al", "Amin", "Gus",
          " ", "  ", "-", " – ", "—", "\n", "\t", ",", ".", "(", ")", "(BS)", " (Budi)", "x", "_", "é", "1", "(Ani)"]


def by_regex(text: str, names: list[str]) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(r"[\s\-–—]*".join(map(re.escape, n.split())) for n in names)
                         + r")(?!\w)")
    return [m.span() for m in pattern.finditer(text)]


def bracketed_by_regex(text: str, names: list[str]) -> list[tuple[int, int, str, str]]:
    pattern = re.compile("(?P<name>" + "|".join(map(re.escape, names)) + r")[ \t]*\(([A-Z][A-Za-z'’]{1,14})\)")
    return [(m.start(), m.end(), m.group("name"), m.group(2)) for m in pattern.finditer(text)]


texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)
name_lists = st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True)


@settings(max_examples=400, deadline=None)
@given(texts, name_lists)
def test_names_written_as_the_regex_finds_them(text, names):
    ordered = sorted(names, key=len, reverse=True)
    assert names_written(text, ordered) == by_regex(text, ordered)


@settings(max_examples=400, deadline=None)
@given(texts, name_lists)
def test_names_bracketed_as_the_regex_finds_them(text, names):
    ordered = sorted(names, key=len, reverse=True)
    assert names_bracketed(text, ordered) == bracketed_by_regex(text, ordered)


def test_examples():
    text = "Pasangan Budi Santoso – Ani (BSA) dan BUDI  SANTOSO; Santosobudi, Gus Budi (Gusbud)."
    names = ["BUDI SANTOSO", "Budi Santoso", "Gus Budi", "Santoso", "Budi"]
    assert [text[a:b] for a, b in names_written(text, names)] == ["Budi Santoso", "BUDI  SANTOSO", "Gus Budi"]
    assert names_bracketed(text, ["Gus Budi", "Ani"]) == bracketed_by_regex(text, ["Gus Budi", "Ani"])
    assert [x[2:] for x in names_bracketed(text, ["Gus Budi", "Ani"])] == [("Ani", "BSA"), ("Gus Budi", "Gusbud")]
    assert names_written("Budi - Ani", ["Budi - Ani"]) is None  # a word opening with a dash: the regex decides


from janji.facts.patterns import NAME_WORD, name_then_words, words_then_name  # noqa: E402

WORDY = ["Budi", "Calon", "Bupati", "Al-Amin", "Al-", "A.", "A", "B.", "H", "Santoso", "budi", "ke", "O'Neil",
         " ", "  ", "\t", "\n", ",", ".", "-", "x", "Al", "Abu-Bakar", "Musi", "Banyuasin", "1", "é", "(", "Budiman"]
wordy_texts = st.lists(st.sampled_from(WORDY), max_size=30).map("".join)
single_names = st.sampled_from(["Budi", "Santoso", "Amin", "Bakar", "A", "Al", "Budiman", "O'Neil"])


@settings(max_examples=600, deadline=None)
@given(wordy_texts, single_names)
def test_words_then_name_as_the_regex_finds_them(text, name):
    pattern = re.compile(rf"(?:{NAME_WORD}[ \t]+){{1,6}}{re.escape(name)}\b")
    assert words_then_name(text, name) == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(wordy_texts, single_names)
def test_name_then_words_as_the_regex_finds_them(text, name):
    pattern = re.compile(rf"{re.escape(name)}(?:[ \t]+{NAME_WORD}){{1,3}}")
    assert name_then_words(text, name) == [m.span() for m in pattern.finditer(text)]


from janji.facts.mentions import _by_first_letter, _flex, _flex_pieces, _forms_found  # noqa: E402

FORMS = ["Budi Santoso", "BUDI SANTOSO", "Budi", "Santoso-Lestari", "Ani – Wati", "Al-Amin", "Gus Budi",
         "Budi Santoso-Ani Lestari", "Élan", "O'Neil"]
SPACED = ["Budi", "Santoso", "BUDI", "SANTOSO", "Lestari", "Ani", "Wati", "Al", "Amin", "Gus", "Élan", "O'Neil",
          "-", "–", " – ", " - ", " ", "   ", "\n", "\t", ",", "_", "x", "1", "Budiman"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SPACED), max_size=30).map("".join),
       st.lists(st.sampled_from(FORMS), min_size=1, max_size=6, unique=True), st.booleans())
def test_forms_found_as_the_combined_pattern_finds_them(text, names, as_token):
    keys: dict[str, list | None] = {}
    for name in names:
        keys.setdefault(_flex(name), _flex_pieces(name))
        if as_token and " " not in name:
            keys.setdefault(re.escape(name), [("", name)])
    order = sorted(keys, key=len, reverse=True)
    combined = re.compile(_by_first_letter([f"(?P<g{k}>{p})(?!\\w)" for k, p in enumerate(order)]))
    expected = [(m.start(), m.end(), int(m.lastgroup[1:])) for m in combined.finditer(text)]
    assert _forms_found(text, order, keys) == expected
