"""janji.lang.lazy: patterns compiled at first use, read as compiled ones."""
import pickle
import re

import pytest

from janji.lang import lazy
from janji.lang.gate import Gated


def test_every_lazy_pattern_of_the_analyser_compiles():
    import janji.pipeline  # noqa: F401 - imports every stage, which make their patterns
    import janji.read.docx, janji.read.html, janji.read.ocr, janji.read.pdf, janji.read.text  # noqa: E401, F401

    assert lazy.check_all() > 300


def test_a_lazy_pattern_compiles_at_first_use_and_answers_as_re():
    p = lazy.compile(r"(?i)\b(?P<n>\d+)\s+km\b")
    assert not p.compiled and p.pattern == r"(?i)\b(?P<n>\d+)\s+km\b"
    assert p.search("jalan 25 KM").group("n") == "25"
    assert p.compiled
    q = re.compile(p.pattern)
    assert (p.flags, p.groups, p.groupindex) == (q.flags, q.groups, q.groupindex)
    assert p.sub("x", "1 km, 2 km") == q.sub("x", "1 km, 2 km")
    assert pickle.loads(pickle.dumps(p)).findall("3 km") == ["3"]
    with pytest.raises(AttributeError):
        p.nothing


def test_an_invalid_lazy_pattern_raises_at_first_use():
    p = lazy.compile(r"(unclosed")
    with pytest.raises(re.error):
        p.search("x")
    lazy._MADE.remove(p)


@pytest.mark.parametrize("pattern, flags", [
    (r"(?i)\b(?:sudah|telah)\s+(?:selesai|rampung)\b", 0),
    (r"\b(?:kembali\s+maju|masa\s+jabatan)\b", re.I),
    (r"\b(?:kami|Kita|ke\s+depan)\b", re.I),
    (r"^Misi\b", re.M),
    (r"(?a)\bkm\b", 0),
])
def test_a_gated_lazy_pattern_reads_the_literals_of_the_compiled_one(pattern, flags):
    lazy_gate, plain = Gated(lazy.compile(pattern, flags)), Gated(re.compile(pattern, flags))
    assert (lazy_gate.literals, lazy_gate.openings, lazy_gate.words) == (plain.literals, plain.openings, plain.words)
    assert (lazy_gate.rest and lazy_gate.rest.pattern) == (plain.rest and plain.rest.pattern)
    assert lazy_gate.flags == plain.flags
    text = "Kami TELAH rampung, ke depan masa jabatan kedua\nMisi: 5 km"
    assert [m.span() for m in lazy_gate.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("pattern, flags", [("km", 0), ("km", re.I), ("(?i)km", 0), ("(?m)(?i)km", 0), ("(?mi)km", 0),
                                            ("(?m)km", 0), ("(?i:km)", 0), ("a(?i)", 0)])
def test_ignores_case_as_the_compiled_pattern_says(pattern, flags):
    try:
        compiled = re.compile(pattern, flags)
    except re.error:
        return
    assert lazy.ignores_case(lazy.compile(pattern, flags)) == bool(compiled.flags & re.I)
