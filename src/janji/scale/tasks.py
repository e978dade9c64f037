"""Functions that run on the workers (importable by reference: never defined in ``__main__``).

A task carries only a :class:`~janji.scale.jobs.Job` (or the raw bytes of one
file) and returns a :class:`~janji.scale.jobs.FileResult`. The pipeline is
loaded once per worker process and kept in this module (its data and the
classifier's model take seconds to load, far more than one document takes to
analyse), so it is never pickled and shipped with a task.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

from janji.errors import JanjiError
from janji.scale.jobs import FileResult, Job, render

_pipeline = None
_lock = threading.Lock()  # a worker with several threads must still load the pipeline once


def pipeline():
    """This process's pipeline, loaded on first use."""
    global _pipeline
    if _pipeline is None:
        with _lock:
            if _pipeline is None:
                from janji.pipeline import default_pipeline
                _pipeline = default_pipeline()
    return _pipeline


def warm() -> None:
    """Load the pipeline now (a process pool's initializer), so the first document is not charged for it."""
    pipeline()


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def janji_version() -> str:
    """The janji version installed where this runs (the client compares it with its own)."""
    from janji import __version__
    return __version__


def _failure(exc: BaseException, name: str) -> str:
    if isinstance(exc, JanjiError):
        return str(exc)
    # A defect in a stage must not stop a batch of 150,000 files: name the file and the error, keep going.
    return f"{name}: gagal dianalisis ({type(exc).__name__}: {exc})"


def analyze_file(job: Job, kind: str | None = None) -> FileResult:
    """Analyse the file at ``job.source`` and write its JSON to ``job.output`` (atomically) on this machine.

    Used where the workers see the same disk as the client (the ``processes``
    scheduler, and the in-process default). Never raises.
    """
    from janji.cli.analyze import write_atomic

    result = FileResult(job.index, job.source, worker=worker_id())
    t0 = time.perf_counter()
    try:
        doc = pipeline().analyze_path(job.source, kind=kind)
    except Exception as exc:
        result.ok, result.error = False, _failure(exc, job.name)
        result.seconds = time.perf_counter() - t0
        return result
    result.warnings = list(doc.warnings)
    result.items = len(doc.items)
    if job.output is not None:
        out = Path(job.output)
        try:
            write_atomic(out, render(doc))
            result.output = job.output
        except OSError as exc:  # full disk, read-only folder: this file fails, the batch goes on
            result.ok = False
            result.error = f"{job.name}: hasil tidak dapat ditulis ke {out.parent} ({exc.strerror or exc})"
    result.seconds = time.perf_counter() - t0
    return result


def analyze_raw(raw: bytes, job: Job, kind: str | None = None) -> tuple[FileResult, str | None]:
    """Analyse one file's bytes sent by the client; return the result and the janji/1 text (``None`` if failed).

    Used on a cluster: a worker on another machine need not see the client's
    disk, so the client reads the file, and writes the JSON it gets back.
    Never raises.
    """
    result = FileResult(job.index, job.source, worker=worker_id())
    t0 = time.perf_counter()
    try:
        doc = pipeline().analyze_bytes(raw, job.name, kind=kind)
        text = render(doc)
    except Exception as exc:
        result.ok, result.error = False, _failure(exc, job.name)
        result.seconds = time.perf_counter() - t0
        return result, None
    result.warnings = list(doc.warnings)
    result.items = len(doc.items)
    result.seconds = time.perf_counter() - t0
    return result, text


