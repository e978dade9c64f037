"""janji.lang.lazy: patterns compiled at first use, read as compiled ones."""
import marshal
import os
import pickle
import re
import subprocess
import sys

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


def test_every_analyser_pattern_made_from_its_kept_parts_is_the_pattern_re_compiles():
    import _sre

    import janji.pipeline  # noqa: F401

    assert any(isinstance(made.pattern, bytes) for made in lazy._MADE)  # the readers' byte patterns too
    for made in list(lazy._MADE):
        plain = re.compile(made.pattern, made.source_flags)
        kept = lazy._unpacked(marshal.loads(marshal.dumps(lazy._packed(lazy.parts(made.pattern, made.source_flags)))))
        again = _sre.compile(made.pattern, *kept)
        assert again == plain and again.groupindex == plain.groupindex, made.pattern  # == compares the code


def test_the_compiled_forms_are_kept_between_processes(tmp_path):
    script = ("import sys; from janji.lang import lazy; p = lazy.compile(r'(?P<n>\\d+)\\s*km', 2);"
              "print(p.search('25 KM').group('n'), len(lazy._KEPT), len(lazy._NEW))")
    env = {**os.environ, "JANJI_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": os.pathsep.join(sys.path)}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["25", "0", "1"]
    files = list((tmp_path / "cache").iterdir())
    assert len(files) == 1 and files[0].name.startswith("regex-")
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.split() == ["25", "1", "0"]
    files[0].write_bytes(b"not a table")  # a damaged file: compiled as usual, and written anew
    third = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert third.stdout.split() == ["25", "0", "1"]
    off = subprocess.run([sys.executable, "-c", script], env={**env, "JANJI_CACHE_DIR": ""}, capture_output=True,
                         text=True, check=True)
    assert off.stdout.split() == ["25", "0", "1"] and lazy.cache_file.__doc__


def test_a_second_analysis_compiles_nothing_new_whatever_the_hash_seed(tmp_path):
    source = tmp_path / "contoh.txt"
    source.write_text("Visi: Kota yang Maju\nMisi:\n1. Membangun jalan desa 25 km setiap tahun\n", encoding="utf-8")
    script = "import sys; from janji.cli import main; sys.argv = ['janji', 'analyze', *sys.argv[1:]]; main()"
    env = {**os.environ, "JANJI_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": os.pathsep.join(sys.path)}
    kept = []
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-c", script, str(source), "--out", str(tmp_path / "out")],
                             env={**env, "PYTHONHASHSEED": seed}, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        kept.append({path.name: path.read_bytes() for path in (tmp_path / "cache").iterdir()})
    (regexes,) = (name for name in kept[0] if name.startswith("regex-"))
    assert len(marshal.loads(kept[0][regexes])) > 50
    # nothing new to write: every pattern's text is the same in both processes (and every word was stemmed)
    assert kept[1] == kept[0]
