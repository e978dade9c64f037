"""The analyser: an ordered list of named stages over one :class:`Document`.

    read -> clean -> facts -> structure -> prose -> quantities -> classify

Each stage is a callable ``Document -> None`` that reads and writes the
document's attributes and nothing else; stages live in their own packages
(``janji.read``, ``janji.clean`` …), never import each other, and can be run
and tested alone. Each declares what it needs and what it sets
(:func:`janji.stage.stage`); a :class:`Pipeline` checks that order when it is
built, so leaving out a stage that a later one needs is an error, not a
silently different result. The list below is the one place that says in which
order they run.

Example:
    >>> Pipeline(names=["read", "clean", "facts"]).names
    ['read', 'clean', 'facts']
    >>> Pipeline(disable=["facts"])
    Traceback (most recent call last):
    ...
    janji.pipeline.PipelineError: stage 'structure' needs 'kind', which no stage before it sets (set by 'facts')
"""
from __future__ import annotations

import errno
import importlib
import os
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable

from janji.document import Document
from janji.errors import InputError
from janji.files import NotRegularFile, read_regular
from janji.stage import GIVEN

MAX_BYTES = 50 * 1024 * 1024  # larger sources are refused: no visi-misi document is this big
TIME_LIMIT = 60.0  # seconds per document; a pathological input must not hang a batch

Stage = Callable[[Document], None]

# name -> "module:function"; imported lazily so `janji --help` stays fast.
STAGES: dict[str, str] = {
    "read": "janji.read:read",
    "clean": "janji.clean:clean",
    "facts": "janji.facts:facts",
    "structure": "janji.structure:structure",
    "prose": "janji.prose:prose",
    "quantities": "janji.quantities:quantities",
    "classify": "janji.classify:classify",
}


class PipelineError(ValueError):
    """The stages asked for cannot run in that order (a stage needs what no earlier stage sets)."""


def load_stage(name: str) -> Stage:
    if name not in STAGES:
        raise PipelineError(f"unknown stage {name!r} (stages: {', '.join(STAGES)})")
    module, _, func = STAGES[name].partition(":")
    return getattr(importlib.import_module(module), func)


def check_order(stages: list[tuple[str, Stage]]) -> None:
    """Every stage's requirements are set by a stage before it (or given with the document)."""
    available = set(GIVEN)
    for name, func in stages:
        for need in getattr(func, "requires", ()):
            if need not in available:
                setters = [n for n in STAGES if need in getattr(load_stage(n), "assigns", ())]
                raise PipelineError(f"stage {name!r} needs {need!r}, which no stage before it sets"
                                    + (f" (set by {', '.join(repr(n) for n in setters)})" if setters else ""))
        available.update(getattr(func, "assigns", ()))


class Pipeline:
    """Runs the stages in order; ``disable`` leaves some out (``Pipeline(disable=["classify"])``)."""

    def __init__(self, names: Iterable[str] | None = None, disable: Iterable[str] = ()):
        skip = set(disable)
        self.names = [n for n in (names or STAGES) if n not in skip]
        self.stages = [(n, load_stage(n)) for n in self.names]
        check_order(self.stages)

    def describe(self) -> list[dict]:
        """Each stage with what it needs and what it sets, in order (``janji analyze --stages``)."""
        return [{"stage": n, "requires": list(getattr(f, "requires", ())), "assigns": list(getattr(f, "assigns", ()))}
                for n, f in self.stages]

    def __call__(self, doc: Document) -> Document:
        for _, stage in self.stages:
            stage(doc)
        return doc

    def analyze_bytes(self, raw: bytes, name: str, *, kind: str | None = None, url: str | None = None,
                      time_limit: float | None = TIME_LIMIT) -> Document:
        if len(raw) > MAX_BYTES:
            raise InputError(name, f"berkas terlalu besar ({len(raw) / 1e6:.0f} MB; batas {MAX_BYTES // 2**20} MB)")
        doc = Document.from_bytes(raw, name, url=url)
        if kind:
            doc.kind = kind
            doc.kind_forced = True
        with deadline(time_limit, name):
            return self(doc)

    def analyze_path(self, path: str | os.PathLike, **options) -> Document:
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise InputError(path.name, f"berkas terlalu besar ({size / 1e6:.0f} MB; batas {MAX_BYTES // 2**20} MB)")
            raw = read_regular(path)  # a FIFO or a device is refused, never waited on
        except OSError as exc:
            raise InputError(path.name or str(path), _os_reason(exc)) from None
        return self.analyze_bytes(raw, path.name, **options)


def _os_reason(exc: OSError) -> str:
    """Why a file could not be opened, in the user's language."""
    if isinstance(exc, NotRegularFile):
        return exc.strerror
    reasons = {errno.ENOENT: "berkas tidak ditemukan", errno.EACCES: "tidak ada izin membaca berkas",
               errno.EPERM: "tidak ada izin membaca berkas", errno.EISDIR: "ini folder, bukan berkas",
               errno.ENAMETOOLONG: "nama berkas terlalu panjang"}
    return reasons.get(exc.errno, f"tidak dapat dibaca ({exc.strerror or exc})")


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
            pipeline: Pipeline | None = None, time_limit: float | None = TIME_LIMIT) -> Document:
    """Analyse a path, ``bytes`` or ``str`` into a :class:`Document`.

    >>> doc = analyze("Visi: Kota Yang Tangguh\\nMisi:\\n1. Membangun jalan 10 km", name="contoh.txt")
    """
    pipe = pipeline or default_pipeline()
    if isinstance(source, (bytes, bytearray)):
        return pipe.analyze_bytes(bytes(source), name or "input", kind=kind, url=url, time_limit=time_limit)
    if isinstance(source, str) and (name is not None or "\n" in source or not _existing_path(source)):
        return pipe.analyze_bytes(source.encode("utf-8"), name or "input.txt", kind=kind, url=url, time_limit=time_limit)
    return pipe.analyze_path(source, kind=kind, url=url, time_limit=time_limit)


def timed(pipe: Pipeline, doc: Document) -> dict[str, float]:
    """Seconds spent in each stage on one document (for bench/)."""
    out = {}
    for name, stage in pipe.stages:
        t0 = time.perf_counter()
        stage(doc)
        out[name] = time.perf_counter() - t0
    return out
