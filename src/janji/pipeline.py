"""The analyser: an ordered list of named stages over one :class:`Document`.

    read -> clean -> facts -> structure -> prose -> quantities -> classify

Each stage is a :class:`~janji.stage.Stage`: a function ``stage(doc) -> None``
that reads and writes the document's attributes and nothing else, and declares
which ones (``requires``, ``assigns``). Stages live in their own packages
(``janji.read``, ``janji.clean`` …), never import each other, and can be run
and tested alone. :data:`STAGES` is the one place that says in which order
they run; a :class:`Pipeline` checks that order when it is built, so leaving
out a stage that a later one needs is an error, not a silently different
result. A pipeline changes the document it is given and returns that same
document, so ``pipe(doc).items`` reads naturally.

Example:
    >>> list(STAGES)
    ['read', 'clean', 'facts', 'structure', 'prose', 'quantities', 'classify']
    >>> STAGES["quantities"].requires, STAGES["quantities"].assigns
    (('items', 'items.indicators'), ('items.quantities',))
    >>> Pipeline(names=["read", "clean", "facts"]).names
    ['read', 'clean', 'facts']
    >>> Pipeline(disable=["facts"])
    Traceback (most recent call last):
    ...
    janji.pipeline.PipelineError: stage 'structure' needs 'kind', which no stage before it sets (set by 'facts')
"""
from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Sequence

from janji.classify import classify
from janji.clean import clean
from janji.document import Document
from janji.errors import InputError
from janji.facts import facts
from janji.files import os_reason, read_regular
from janji.prose import prose
from janji.quantities import quantities
from janji.read import read
from janji.stage import GIVEN, Stage
from janji.structure import structure

MAX_BYTES = 50 * 1024 * 1024  # larger sources are refused: no visi-misi document is this big
TIME_LIMIT = 60.0  # seconds per document; a pathological input must not hang a batch

# The stages in the order they run, by name; each carries what it needs and what it sets
# (``STAGES["facts"].assigns``). Importing them loads no model: the classifier's loads on first use.
STAGES: dict[str, Stage] = {s.__name__: s for s in (read, clean, facts, structure, prose, quantities, classify)}


class PipelineError(ValueError):
    """The stages asked for cannot run in that order (a stage needs what no earlier stage sets)."""


def load_stage(name: str) -> Stage:
    """The stage called ``name``; a :class:`PipelineError` naming the known ones for anything else."""
    if name not in STAGES:
        raise PipelineError(f"unknown stage {name!r} (stages: {', '.join(STAGES)})")
    return STAGES[name]


def check_order(stages: list[tuple[str, Stage]]) -> None:
    """Every stage's requirements are set by a stage before it (or given with the document)."""
    available = set(GIVEN)
    for name, func in stages:
        for need in func.requires:
            if need not in available:
                setters = [n for n, s in STAGES.items() if need in s.assigns]
                raise PipelineError(f"stage {name!r} needs {need!r}, which no stage before it sets"
                                    + (f" (set by {', '.join(repr(n) for n in setters)})" if setters else ""))
        available.update(func.assigns)


class Pipeline:
    """Runs the stages in order; ``disable`` leaves some out (``Pipeline(disable=["classify"])``)."""

    def __init__(self, names: Iterable[str] | None = None, disable: Iterable[str] = ()):
        skip = set(disable)
        self.names = [n for n in (names or STAGES) if n not in skip]
        self.stages = [(n, load_stage(n)) for n in self.names]
        check_order(self.stages)

    def describe(self) -> list[dict]:
        """Each stage with what it needs and what it sets, in order (``janji analyze --stages``)."""
        return [{"stage": n, "requires": list(f.requires), "assigns": list(f.assigns)} for n, f in self.stages]

    def __call__(self, doc: Document) -> Document:
        """Run every stage on ``doc`` (in place) and return ``doc`` itself."""
        for _, stage in self.stages:
            stage(doc)
        return doc

    def pipe(self, docs: Sequence[Document], time_limit: float | None = TIME_LIMIT) -> list[Document | Exception]:
        """Run the stages on several documents, returning each one (changed in place) or the exception its
        analysis raised, in order: one failing document never stops the others.

        A stage with a batch form (``stage.pipe``) runs once over all the documents still going, the
        others on each document in turn within its own ``time_limit``. The documents come out exactly as
        from ``self(doc)`` on each; only the work is shared (the classifier embeds the unsure texts of
        all of them in one batch). If a batch step fails, it is run on each document alone, so the
        failure stays with the document that caused it.
        """
        out: list[Document | Exception] = list(docs)
        segment: list[Stage] = []

        def run_each(stages: list[Stage]) -> None:
            for k, doc in enumerate(out):
                if isinstance(doc, Document) and stages:
                    try:
                        with deadline(time_limit, doc.source.name):
                            for one in stages:
                                one(doc)
                    except Exception as exc:  # this document only
                        out[k] = exc

        for _, one in self.stages:
            if one.pipe is None:
                segment.append(one)
                continue
            run_each(segment)
            segment = []
            going = [doc for doc in out if isinstance(doc, Document)]
            try:
                if len(going) > 1:
                    with deadline(time_limit and time_limit * len(going), "+".join(d.source.name for d in going[:3])):
                        one.pipe(going)
                else:
                    run_each([one])
            except Exception:  # find the document that caused it: each alone
                run_each([one])
        run_each(segment)
        return out

    def analyze_bytes(self, raw: bytes, name: str, *, kind: str | None = None, url: str | None = None,
                      ocr: str = "auto", time_limit: float | None = TIME_LIMIT) -> Document:
        doc = new_document(raw, name, kind=kind, url=url, ocr=ocr)
        with deadline(time_limit, name):
            return self(doc)

    def analyze_path(self, path: str | os.PathLike, **options) -> Document:
        path = Path(path)
        return self.analyze_bytes(read_source(path), path.name, **options)


def new_document(raw: bytes, name: str, *, kind: str | None = None, url: str | None = None,
                 ocr: str = "auto") -> Document:
    """A document to analyse from one source's bytes (``kind`` forced if given); too large a source is refused."""
    if len(raw) > MAX_BYTES:
        raise too_large(name, len(raw))
    doc = Document.from_bytes(raw, name, url=url)
    doc.ocr = ocr
    if kind:
        doc.kind = kind
        doc.kind_forced = True
    return doc


def read_source(path: str | os.PathLike) -> bytes:
    """The bytes of one input file, or an :class:`InputError` naming it and saying why not (missing, no
    permission, a folder, a FIFO or a device, larger than :data:`MAX_BYTES`). A FIFO is refused, never
    waited on. Every reader of input files (this pipeline, the batch engine's client) goes through it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise too_large(path.name, size)
        return read_regular(path)
    except OSError as exc:
        raise InputError(path.name or str(path), os_reason(exc)) from None


def too_large(name: str, size: int) -> InputError:
    return InputError(name, f"berkas terlalu besar ({size / 1e6:.0f} MB; batas {MAX_BYTES // 2**20} MB)")


def _existing_path(source: str) -> bool:
    # Path.exists raises on names the OS refuses (too long, NUL bytes): such a string is text, not a path.
    try:
        return Path(source).exists()
    except (OSError, ValueError):
        return False


@contextmanager
def deadline(seconds: float | None, name: str):
    """Abort the analysis of one document after ``seconds`` (main thread only: uses SIGALRM)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise InputError(name, f"analisis melebihi batas waktu {seconds:.0f} detik")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def analyze(source, *, name: str | None = None, kind: str | None = None, url: str | None = None,
            pipeline: Pipeline | None = None, ocr: str = "auto", time_limit: float | None = TIME_LIMIT) -> Document:
    """Analyse a path, ``bytes`` or ``str`` into a :class:`Document` (``ocr``: never / auto / always, for PDF pages
    without a usable text layer).

    >>> doc = analyze("Visi: Kota Yang Tangguh\\nMisi:\\n1. Membangun jalan 10 km", name="contoh.txt")
    >>> [(item.kind, item.text) for item in doc.items]
    [('vision', 'Kota Yang Tangguh'), ('mission', 'Membangun jalan 10 km')]
    >>> doc.items[1].quantities[0].value, doc.items[1].quantities[0].unit
    (10, 'km')
    """
    pipe = pipeline or default_pipeline()
    options = {"kind": kind, "url": url, "ocr": ocr, "time_limit": time_limit}
    if isinstance(source, (bytes, bytearray)):
        return pipe.analyze_bytes(bytes(source), name or "input", **options)
    if isinstance(source, str) and (name is not None or "\n" in source or not _existing_path(source)):
        return pipe.analyze_bytes(source.encode("utf-8"), name or "input.txt", **options)
    return pipe.analyze_path(source, **options)


def timed(pipe: Pipeline, doc: Document) -> dict[str, float]:
    """Seconds spent in each stage on one document (for bench/)."""
    out = {}
    for name, stage in pipe.stages:
        t0 = time.perf_counter()
        stage(doc)
        out[name] = time.perf_counter() - t0
    return out
