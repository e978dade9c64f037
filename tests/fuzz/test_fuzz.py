"""Fuzzing the readers and the whole pipeline: every input ends in a result or a JanjiError.

Random bytes, truncated and byte-flipped PDF/DOCX/HTML files made here
(reportlab, python-docx), deeply nested and enormous HTML, 1 MB lines and
mixed encodings go through ``read`` + ``clean`` and through
``janji.pipeline.analyze``. No other exception may escape and nothing may hang
(each call runs under the pipeline's per-document deadline; a timeout fails
the test here, since it means a reader is too slow).

Set JANJI_FUZZ_SCALE=10 for a longer run; the default keeps the suite near a
minute on two cores.
"""
from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from janji.clean import clean
from janji.document import Document
from janji.errors import InputError, JanjiError
from janji.pipeline import analyze, deadline
from janji.read import read

SCALE = float(os.environ.get("JANJI_FUZZ_SCALE", "1"))
READ_LIMIT = 60.0  # wall-clock seconds: only a hang gets near it, even on a loaded CI machine
PIPELINE_LIMIT = 180.0  # the first document that has items loads the classifier's model
CPU_LIMIT = 15.0  # CPU seconds for the enormous inputs (CPU time does not grow with machine load)
NAMES = st.sampled_from(["a.txt", "a.pdf", "a.docx", "a.html", "a.md", "noext", "a.doc", "A.PDF"])


def fuzz_settings(examples: int):
    return settings(max_examples=max(5, int(examples * SCALE)), deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


def read_and_clean(raw: bytes, name: str) -> Document | None:
    doc = Document.from_bytes(raw, name)
    try:
        with deadline(READ_LIMIT, name):
            read(doc)
            clean(doc)
    except InputError as exc:
        assert "batas waktu" not in exc.reason, f"reader too slow on {name}: {exc}"
        assert exc.name == name and exc.reason and "\n" not in str(exc)
        return None
    assert isinstance(doc.text, str)
    assert doc.source.format in ("text", "markdown", "html", "pdf", "docx")
    assert "\r" not in doc.text and "\x00" not in doc.text
    return doc


@pytest.fixture(scope="module")
def samples(builders):
    entries = [(0, "1.", "Membangun jalan desa yang mantap dan jembatan di seluruh kecamatan dengan kualitas baik."),
               (1, "a.", "Jalan kabupaten sepanjang 100 km."), (0, "2.", "Pendidikan gratis.")]
    return {
        "pdf": builders.pdf_list(entries, intro="Misi pasangan calon.", title="Visi Misi"),
        "docx": builders.sample_docx(),
        "html": builders.sample_html(),
    }


def mutate(data: bytes, cut: int, flips: list[tuple[int, int]], insert: bytes, at: int) -> bytes:
    out = bytearray(data[: max(1, cut % (len(data) + 1))] if cut >= 0 else data)
    for pos, value in flips:
        if out:
            out[pos % len(out)] = value
    if insert and out:
        pos = at % len(out)
        out[pos:pos] = insert
    return bytes(out)


@fuzz_settings(1500)
@given(raw=st.binary(max_size=2048), name=NAMES)
def test_random_bytes(raw, name):
    read_and_clean(raw, name)


@fuzz_settings(150)
@given(raw=st.binary(min_size=1, max_size=512), name=NAMES,
       magic=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe",
                              b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"# Visi\n"]))
def test_random_bytes_behind_a_magic_number(raw, name, magic):
    read_and_clean(magic + raw, name)


@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
def test_truncated_and_flipped_files(samples, kind):
    base = samples[kind]

    @fuzz_settings(130)
    @given(cut=st.integers(-1, len(base)), flips=st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)),
                                                       max_size=8),
           insert=st.binary(max_size=64), at=st.integers(0, 10**7))
    def run(cut, flips, insert, at):
        read_and_clean(mutate(base, cut, flips, insert, at), f"sample.{kind}")

    run()


TAGS = st.sampled_from(["p", "div", "ol", "ul", "li", "table", "tr", "td", "h1", "h2", "br", "span", "b", "script",
                        "style", "article", "section", "blockquote", "pre", "svg", "iframe", "a", "img", "body",
                        "html", "head", "title", "meta"])


@st.composite
def tag_soup(draw):
    parts = []
    for _ in range(draw(st.integers(1, 60))):
        tag = draw(TAGS)
        choice = draw(st.integers(0, 3))
        if choice == 0:
            parts.append(f"<{tag}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        elif choice == 2:
            parts.append(f"<{tag} start='{draw(st.integers(-5, 10**6))}' type='{draw(st.sampled_from('1aAiIx'))}'>")
        else:
            parts.append(draw(st.text(max_size=40)))
    return "".join(parts)


@fuzz_settings(300)
@given(soup=tag_soup(), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_html_tag_soup(soup, encoding):
    read_and_clean(("<html><body>" + soup).encode(encoding, errors="replace"), "soup.html")


@fuzz_settings(20)
@given(depth=st.integers(1, 30000), tag=st.sampled_from(["div", "ul", "li", "ol", "span", "table", "b"]))
def test_deeply_nested_html(depth, tag):
    html = "<html><body>" + f"<{tag}>" * depth + "Visi: Kota maju" + f"</{tag}>" * depth + "</body></html>"
    read_and_clean(html.encode(), "deep.html")


@fuzz_settings(300)
@given(text=st.text(max_size=600), encodings=st.lists(st.sampled_from(["utf-8", "utf-16-le", "cp1252", "latin-1",
                                                                         "utf-8-sig"]), min_size=1, max_size=3))
def test_mixed_encodings(text, encodings):
    # Pieces of one text written in different encodings, as copy-paste produces.
    chunk = max(1, len(text) // len(encodings))
    raw = b"".join(text[i * chunk:(i + 1) * chunk].encode(enc, errors="replace") for i, enc in enumerate(encodings))
    read_and_clean(raw, "campur.txt")


def test_enormous_inputs_stay_fast(builders):
    line = ("Pembangunan jalan desa sepanjang 10 km " * 27000)[:1_000_000]
    for raw, name in [
        (line.encode(), "baris.txt"),
        (("Misi:\n1. " + line + "\n2. Air bersih\n").encode(), "daftar.txt"),
        (f"<html><body><p>{line}</p><ol><li>{line}</li></ol></body></html>".encode(), "baris.html"),
        (("<p>Paragraf kalimat panjang yang cukup banyak isinya di sini.</p>" * 60000).encode(), "besar.html"),
        (("# Visi\n\n- " + line + "\n").encode(), "baris.md"),
    ]:
        start = time.process_time()
        doc = read_and_clean(raw, name)
        assert doc is not None and len(doc.text) > 100_000, name
        assert time.process_time() - start < CPU_LIMIT, name


@fuzz_settings(120)
@given(raw=st.one_of(st.binary(max_size=1024), st.text(max_size=400).map(lambda t: t.encode("utf-8")),
                     tag_soup().map(lambda s: ("<html><body>" + s).encode("utf-8", errors="replace"))),
       name=NAMES)
def test_whole_pipeline_ends_in_a_result_or_a_janji_error(raw, name):
    try:
        doc = analyze(raw, name=name, time_limit=PIPELINE_LIMIT)
    except JanjiError as exc:
        assert "batas waktu" not in str(exc)
        return
    doc.to_json()


def test_whole_pipeline_on_mutated_documents(samples):
    for kind, base in samples.items():
        for cut in (len(base) // 4, len(base) // 2, len(base) - 10):
            try:
                analyze(base[:cut], name=f"potong.{kind}", time_limit=PIPELINE_LIMIT).to_json()
            except JanjiError:
                pass
        analyze(base, name=f"utuh.{kind}", time_limit=PIPELINE_LIMIT).to_json()
