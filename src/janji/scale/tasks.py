"""The work of documents, wherever it runs (importable by reference: never defined in ``__main__``).

:func:`analyze_batch` is the one place where a document that cannot be analysed
— unreadable, refused by a reader, or hitting a defect in a stage — becomes a
failed :class:`~janji.scale.jobs.FileResult` with its one-line reason, so that
it never stops a batch; :func:`write_output` is the one place a result's
janji/1 text (:meth:`Document.dumps`) is written. The tasks a scheduler ships
carry only :class:`~janji.scale.jobs.Job` records (or one file's raw bytes).
The pipeline is loaded once per worker process and kept in this module (its
data and the classifier's model take seconds to load, far more than one
document takes to analyse), so it is never pickled and shipped with a task.
"""
from __future__ import annotations

import os
import platform
import threading
import time
from pathlib import Path
from typing import Sequence

from janji.document import Document
from janji.errors import failure_line
from janji.files import write_text_atomic
from janji.scale.jobs import FileResult, Job

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
    # platform.node() is socket.gethostname() (numpy imports platform; socket would cost a one-file run ~2 ms)
    return f"{platform.node()}:{os.getpid()}"


def janji_version() -> str:
    """The janji version installed where this runs (the client compares it with its own)."""
    from janji import __version__
    return __version__


def analyze_batch(jobs: Sequence[Job], kind: str | None = None, raws: Sequence[bytes] | None = None
                  ) -> list[tuple[FileResult, Document | None, str | None]]:
    """Analyse jobs — the files at ``job.source``, or their ``raws`` bytes sent by a client — into, for each in
    order, its result, its document and, if it has an output, its janji/1 text. The documents go through
    :meth:`Pipeline.pipe <janji.pipeline.Pipeline.pipe>` together (the classifier's model sees the unsure texts
    of all of them in one batch); each comes out as it would alone. Never raises: a failure is ``result.ok``
    false with a one-line ``result.error`` naming the file, and no document."""
    from janji.pipeline import new_document, read_source

    t0 = time.perf_counter()
    results = [FileResult(job.index, job.source, worker=worker_id()) for job in jobs]
    docs: list[Document | Exception] = []
    for k, job in enumerate(jobs):
        try:
            data = read_source(job.source) if raws is None else raws[k]
            docs.append(new_document(data, job.name, kind=kind, ocr=job.ocr))
        except Exception as exc:  # unreadable, too large: this file fails alone
            docs.append(exc)
    try:
        ready = [doc for doc in docs if isinstance(doc, Document)]
        done = iter(pipeline().pipe(ready))
        docs = [next(done) if isinstance(doc, Document) else doc for doc in docs]
    except Exception as exc:  # the pipeline could not even load: every document fails with it
        docs = [exc] * len(jobs)
    out = []
    for job, result, doc in zip(jobs, results, docs):
        text = None
        if isinstance(doc, Document):
            try:
                text = doc.dumps() if job.output is not None else None
            except Exception as exc:
                doc = exc
        if isinstance(doc, Exception):  # a defect in one document's analysis must not stop a batch of 150,000 files
            result.ok, result.error = False, failure_line(job.name, doc)
            doc = None
        else:
            result.warnings = list(doc.warnings)
            result.items = len(doc.items)
        # the documents were analysed together: each is charged an equal share of the batch's time
        result.seconds = (time.perf_counter() - t0) / len(jobs)
        out.append((result, doc, text))
    return out


def write_output(result: FileResult, job: Job, text: str, written: dict[str, str]) -> None:
    """Write ``text`` to ``job.output`` atomically; a file that cannot be written (full disk, read-only
    folder) fails alone. ``written`` maps each output of this batch to the input whose JSON it holds:
    when a later input of the same name overwrites it, ``result.replaced`` names the earlier one."""
    out = Path(job.output)
    try:
        write_text_atomic(out, text)
    except OSError as exc:
        result.ok = False
        result.error = f"{job.name}: hasil tidak dapat ditulis ke {out.parent} ({exc.strerror or exc})"
        return
    result.output = job.output
    earlier = written.get(job.output)
    if earlier is not None and earlier != job.source:
        result.replaced = earlier
    written[job.output] = job.source


def analyze_to_disk(jobs: Sequence[Job], kind: str | None = None, written: dict[str, str] | None = None,
                    keep: bool = False) -> list[FileResult]:
    """Analyse the files at ``job.source`` together (:func:`analyze_batch`) and write each one's JSON to
    ``job.output`` on this machine (where the worker sees the client's disk: the sequential run and the
    ``processes`` scheduler), in order. ``keep`` leaves each document on its result, for a caller in this
    process. Never raises."""
    written = {} if written is None else written
    out = []
    for job, (result, doc, text) in zip(jobs, analyze_batch(jobs, kind)):
        if text is not None:
            t0 = time.perf_counter()
            write_output(result, job, text, written)
            result.seconds += time.perf_counter() - t0
        if keep:
            result.document = doc
        out.append(result)
    return out


def analyze_files(jobs: Sequence[Job], kind: str | None = None) -> list[FileResult]:
    """One unit of work (see :func:`~janji.scale.jobs.units`) on a worker that sees the disk, in order."""
    return analyze_to_disk(jobs, kind)


def analyze_raw(raws: Sequence[bytes], jobs: Sequence[Job], kind: str | None = None
                ) -> list[tuple[FileResult, str | None]]:
    """One unit of work on a cluster: each file's bytes as sent by the client, analysed in order; returns each
    result with its janji/1 text (``None`` if it failed) for the client to write. A worker on another
    machine need not see the client's disk. Never raises."""
    return [(result, text) for result, _, text in analyze_batch(jobs, kind, raws)]
