"""The batch engine: analyse many files one after another, in a pool of processes, or on a Dask cluster.

    from janji.scale import analyze_many
    results = analyze_many(paths, "json/")                                   # in this process
    results = analyze_many(paths, "json/", scheduler="processes", num_workers=2)
    results = analyze_many(paths, "json/", scheduler="tcp://10.0.0.5:8786")  # a dask.distributed cluster

Every input becomes ``out_dir/<stem>.json`` (written atomically, byte-identical
whichever scheduler ran it); a document that fails is reported with its
one-line reason and never stops the batch. ``iter_analyze`` yields the results
as they finish, for a progress bar; `janji analyze` is built on it, with or
without ``--dask``. See docs/scale.md.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from janji.scale.jobs import Collision, FileResult, Job, plan
from janji.scale.runners import SchedulerError, run_distributed, run_processes, run_sync

SCHEDULERS = ("sync", "processes")


def is_address(scheduler: str) -> bool:
    """``tcp://host:port`` (any ``proto://``) or a bare ``host:port``: a dask.distributed scheduler."""
    if "://" in scheduler:
        return True
    host, sep, port = scheduler.rpartition(":")
    return bool(sep and host and port.isdigit())


def check_scheduler(scheduler: str | None) -> str:
    """``sync``, ``processes`` or the scheduler's address; a :class:`SchedulerError` for anything else."""
    if scheduler is None or scheduler == "sync":
        return "sync"
    if scheduler == "processes" or is_address(scheduler):
        return scheduler
    raise SchedulerError(f"penjadwal tidak dikenal: {scheduler!r} "
                         "(pakai 'processes' atau alamat seperti tcp://host:8786)")


def iter_analyze(jobs: Iterable[Job], scheduler: str | None = None, *, num_workers: int | None = None,
                 kind: str | None = None, client=None, keep_documents: bool = False) -> Iterator[FileResult]:
    """Run planned jobs (see :func:`plan`) and yield each :class:`FileResult` as soon as it is done.

    ``keep_documents`` (in this process only, ``scheduler`` ``None``/``"sync"``) leaves each
    :class:`~janji.document.Document` on its result, for a caller that shows it.

    Example:

        jobs, _ = plan(paths, "json/")
        for result in iter_analyze(jobs, "processes", num_workers=2):
            print(result.name, result.status, result.error or "")
    """
    jobs = list(jobs)
    which = "distributed" if client is not None else check_scheduler(scheduler)
    if keep_documents and which != "sync":
        raise ValueError("keep_documents needs the documents in this process: scheduler 'sync'")
    if client is not None:
        return run_distributed(jobs, kind, client=client)
    if which == "sync":
        return run_sync(jobs, kind, keep=keep_documents)
    if which == "processes":
        return run_processes(jobs, kind, num_workers)
    return run_distributed(jobs, kind, address=which)


def analyze_many(paths: Iterable[str | Path], out_dir: str | Path, scheduler: str | None = None, *,
                 num_workers: int | None = None, kind: str | None = None, client=None,
                 on_result: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Analyse many files into ``out_dir/<stem>.json``; return one :class:`FileResult` per path, in input order.

    ``scheduler``: ``None``/``"sync"`` (this process), ``"processes"`` (a pool
    of ``num_workers`` processes here) or a ``tcp://host:port`` dask.distributed
    scheduler (or pass a ``distributed.Client`` as ``client``). ``on_result``
    is called as each file finishes. When two inputs share a stem, the later
    one's JSON is kept, as in a sequential run (the earlier one's if the later
    one fails).

    Example:

        results = analyze_many(["a.pdf", "b.docx"], "json/", scheduler="processes", num_workers=2)
        failed = [r.error for r in results if not r.ok]
    """
    jobs, _ = plan(paths, out_dir)
    results: list[FileResult | None] = [None] * len(jobs)
    for result in iter_analyze(jobs, scheduler, num_workers=num_workers, kind=kind, client=client):
        results[result.index] = result
        if on_result is not None:
            on_result(result)
    return [r for r in results if r is not None]


__all__ = ["analyze_many", "iter_analyze", "plan", "check_scheduler", "FileResult", "Job", "Collision",
           "SchedulerError", "SCHEDULERS"]
