"""Indonesian number parsing: digit strings, scales and number words, checked by property."""
from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from janji.quantities import parse
from janji.lang.numbers import NUMBER_WORDS, format_number, parse_digits, to_words, words_value


def indonesian(n: int) -> str:
    """12345678 -> "12.345.678", written independently of the module under test."""
    digits = str(n)
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return ".".join([digits] + groups)


@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_with_dots_round_trip(n):
    assert parse_digits(indonesian(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimal_comma_round_trip(whole, frac):
    text = f"{indonesian(whole)},{frac:02d}"
    assert parse_digits(text) == pytest.approx(whole + frac / 100)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_format_number_round_trip(whole, cents):
    value = whole + cents / 100
    assert parse_digits(format_number(value, decimals=2)) == pytest.approx(value)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9),
       st.sampled_from([("ribu", 10**3), ("juta", 10**6), ("miliar", 10**9), ("triliun", 10**12)]))
def test_scale_words_multiply(whole, tenth, scale):
    word, factor = scale
    text = f"{whole},{tenth} {word} penduduk" if tenth else f"{whole} {word} penduduk"
    (q,) = parse(text)
    assert q.value == pytest.approx((whole + tenth / 10) * factor)
    assert q.unit == "penduduk"


@given(st.integers(min_value=1, max_value=10**12))
def test_rupiah_amounts_round_trip(n):
    for text in (f"Rp{indonesian(n)}", f"Rp.{indonesian(n)}", f"Rp {indonesian(n)}"):
        (q,) = parse(f"bantuan {text} untuk warga")
        assert (q.value, q.unit, q.text) == (n, "rupiah", text)


@given(st.integers(min_value=0, max_value=999_999))
def test_number_words_round_trip(n):
    assert words_value(to_words(n).split()) == n


@given(st.integers(min_value=2, max_value=999_999))
def test_number_words_count_before_a_unit(n):
    (q,) = parse(f"membangun {to_words(n)} sumur bor")
    assert (q.value, q.unit) == (n, "sumur")


def test_number_word_variants():
    assert words_value(["sejuta"]) == words_value(["satu", "juta"]) == 1_000_000
    assert words_value(["satu", "ribu"]) == words_value(["seribu"]) == 1000
    assert words_value(["lima", "milyar"]) == 5 * 10**9
    assert words_value(["dua", "belas"]) == 12
    assert words_value(["sebelas"]) == 11


@pytest.mark.parametrize("words", ["dua dua", "puluh lima", "belas", "ratus", "satu belas puluh", "ribu", "sepuluh lima"])
def test_ungrammatical_number_words_are_refused(words):
    assert words_value(words.split()) is None


@pytest.mark.parametrize("text", ["4.0", "5.0", "19.00", "3.2.2", "1.23", "12.3456", "", "abc"])
def test_strings_that_are_not_indonesian_numbers(text):
    assert parse_digits(text) is None


@settings(max_examples=300)
@given(st.text())
def test_parse_never_raises(text):
    for q in parse(text):
        assert q.span is not None and text[q.span[0]:q.span[1]] == q.text


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd", "No", "Nl", "Cs"))))
def test_no_quantity_without_digits_or_number_words(text):
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    assume(not words & NUMBER_WORDS)
    assert parse(text) == []


@given(st.lists(st.sampled_from(["Visi", "misi", "membangun", "jalan", "desa", "yang", "maju", ",", ".", "Rp", "%",
                                 "per", "tahun", "setiap", "/", "persen", "juta", "ribu", "(", ")", "-"]), max_size=12))
def test_no_quantity_from_words_alone(words):
    assert parse(" ".join(words)) == []


@pytest.mark.parametrize("module", ["janji.quantities", "janji.lang.numbers", "janji.quantities.units",
                                    "janji.quantities.parser"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


@given(st.one_of(st.integers(min_value=0, max_value=10**12),
                 st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(float)),
       st.sampled_from(["km", "titik", "unit", "persen", "orang", "hektare"]))
def test_any_indonesian_number_with_a_unit_round_trips(value, unit):
    text = f"target {format_number(value)} {unit} baru"
    (q,) = parse(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
