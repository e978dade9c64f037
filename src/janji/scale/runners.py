"""Where the jobs run: in this process, in a pool of processes on this machine, or on a Dask cluster.

Each runner takes the planned jobs and yields a :class:`FileResult` per job
as soon as it is done (in completion order), so a caller can show progress
and write logs while a national corpus is still being analysed. All three
analyse documents with :func:`janji.scale.tasks.analyze_batch` and write them
with :func:`janji.scale.tasks.write_output`, so they write the same bytes and
report the same failures.
"""
from __future__ import annotations

import os
import threading
import uuid
from typing import Iterable, Iterator, Sequence

from janji.errors import InputError, JanjiError
from janji.pipeline import read_source
from janji.scale import tasks
from janji.scale.jobs import FileResult, Job, units


class SchedulerError(JanjiError):
    """The scheduler named cannot be used (unreachable, workers without janji …): one line for the user."""


# Documents are analysed in small batches (see Pipeline.pipe): up to this many documents or input bytes at a
# time. Measured on the development and corpus documents (91 files, 2 cores, quiet): the embedding model called
# 6 times instead of 48, the whole analysis 0.84x the CPU and 0.83x the wall time of one document at a time;
# the bytes bound keeps a batch of large PDFs from holding much memory at once.
BATCH_DOCUMENTS = 16
BATCH_BYTES = 8_000_000


def batches(groups: Iterable[Sequence[Job]], size: int = BATCH_DOCUMENTS,
            max_bytes: int = BATCH_BYTES) -> Iterator[tuple[Job, ...]]:
    """Consecutive groups of jobs joined, in order, into batches of at most ``size`` jobs and (but for one
    large group) ``max_bytes`` of input; a group is never split (the jobs that write one file stay in one
    unit of work, see :func:`~janji.scale.jobs.units`)."""
    batch: list[Job] = []
    total = 0
    for group in groups:
        grows = sum(_size(job.source) for job in group)
        if batch and (len(batch) + len(group) > size or total + grows > max_bytes):
            yield tuple(batch)
            batch, total = [], 0
        batch.extend(group)
        total += grows
    if batch:
        yield tuple(batch)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # reading it will fail, with the reason, in its own result


def run_sync(jobs: Sequence[Job], kind: str | None = None, keep: bool = False) -> Iterator[FileResult]:
    """In this process, in input order, a small batch at a time: the default. ``keep`` leaves each document on
    its result (for a caller that prints it rather than writing files)."""
    written: dict[str, str] = {}
    for batch in batches((job,) for job in jobs):
        yield from tasks.analyze_to_disk(batch, kind, written, keep)


def run_processes(jobs: Sequence[Job], kind: str | None = None, num_workers: int | None = None) -> Iterator[FileResult]:
    """Dask's multiprocessing scheduler on this machine; each worker process loads the pipeline once.

    Workers read the inputs and write the outputs themselves (same disk), so
    only small :class:`FileResult` records come back. The graph is computed in
    a background thread; its per-task callback hands each result over a queue.
    """
    import dask
    from dask.callbacks import Callback

    if not jobs:
        return
    import queue

    results: queue.Queue = queue.Queue()
    done = object()

    def posttask(key, result, dsk, state, worker_id):
        if isinstance(result, list) and all(isinstance(one, FileResult) for one in result):
            for one in result:
                results.put(one)

    def compute() -> None:
        try:
            # units joined into batches for Pipeline.pipe, small enough for at least four per worker:
            # documents differ a hundredfold in cost, and small tasks keep every worker busy to the end
            workers = num_workers or os.cpu_count() or 1
            size = max(1, min(BATCH_DOCUMENTS, -(-len(jobs) // (4 * workers))))
            parts = [dask.delayed(tasks.analyze_files, pure=False)(unit, kind,
                                                                   dask_key_name=f"janji-analyze-{unit[0].index}")
                     for unit in batches(units(jobs), size)]
            # chunksize 1: one batch per task handed out.
            # The callback is passed to this computation only (a `with Callback()` would be process-global).
            dask.compute(*parts, scheduler="processes", num_workers=num_workers, chunksize=1,
                         initializer=tasks.warm, optimize_graph=False,
                         callbacks=[Callback(posttask=posttask)._callback])
        except BaseException as exc:  # a worker process died (out of memory, a crash in a C library)
            results.put(exc)
        finally:
            results.put(done)

    thread = threading.Thread(target=compute, name="janji-dask-processes", daemon=True)
    thread.start()
    seen: set[int] = set()
    crash: BaseException | None = None
    while True:
        item = results.get()
        if item is done:
            break
        if isinstance(item, BaseException):
            crash = item
            continue
        seen.add(item.index)
        yield item
    thread.join()
    if crash is not None:
        # The pool is gone; the files it had not finished are reported, not silently dropped.
        reason = f"{type(crash).__name__}: {crash}".strip().rstrip(":")
        for job in jobs:
            if job.index not in seen:
                yield FileResult(job.index, job.source, ok=False,
                                 error=f"{job.name}: gagal dianalisis (proses pekerja berhenti: {reason})")


SCATTER_BYTES = 1_000_000  # larger inputs go to the cluster as data, not inside the task message


def connect(address: str, timeout: float = 10.0):
    """A ``distributed.Client`` for ``address``, or a :class:`SchedulerError` saying why not."""
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError("paket 'distributed' belum terpasang (pip install 'distributed>=2024.4')") from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except Exception as exc:  # refused, timed out, a malformed address: all one line for the user
        raise SchedulerError(f"penjadwal Dask {address} tidak dapat dihubungi ({type(exc).__name__}: {exc})") from None
    return client


def check_workers(client, address: str) -> int:
    """Threads available on the cluster; refuses a cluster with no workers or whose workers lack janji."""
    from janji import __version__

    try:
        client.wait_for_workers(1, timeout=30)
    except TimeoutError:
        raise SchedulerError(f"penjadwal Dask {address} tidak memiliki pekerja (jalankan 'dask worker {address}')") \
            from None
    try:
        versions = client.run(tasks.janji_version)
    except Exception as exc:  # the worker could not unpickle a janji function: janji is not installed there
        raise SchedulerError(f"pekerja Dask di {address} tidak dapat menjalankan janji "
                             f"(pasang paket janji di setiap mesin pekerja; {type(exc).__name__}: {exc})") from None
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise SchedulerError(f"versi janji di pekerja ({', '.join(other)}) berbeda dengan di sini ({__version__}); "
                             "hasilnya tidak akan sama")
    return sum(client.nthreads().values()) or 1


def run_distributed(jobs: Sequence[Job], kind: str | None = None, address: str | None = None, client=None,
                    window: int | None = None) -> Iterator[FileResult]:
    """On a ``dask.distributed`` cluster: the client reads each file and writes its JSON; workers only analyse.

    Workers on other machines need not see this disk. At most ``window`` units
    of work are in flight (default: twice the cluster's threads), so a corpus of
    150,000 PDFs is never held in memory at once; ``as_completed`` streams the
    results back. A task that fails on the cluster (a worker killed three
    times) is reported for its files and the batch goes on.
    """
    from distributed import as_completed

    own = client is None
    if own:
        client = connect(address)
    try:
        threads = check_workers(client, address or str(client.scheduler.address))
        window = window or max(4, 2 * threads)
        pending: dict[str, tuple[Job, ...]] = {}
        todo = iter(units(jobs))
        ready = as_completed(loop=client.loop)
        written: dict[str, str] = {}

        run_id = uuid.uuid4().hex[:8]
        exhausted = False

        def submit(unit: tuple[Job, ...]) -> list[FileResult]:
            """Send one unit; a file that cannot even be read fails here, on the client."""
            failed, raws, sent = [], [], []
            for job in unit:
                try:
                    raw = read_source(job.source)
                except InputError as exc:
                    failed.append(FileResult(job.index, job.source, ok=False, error=str(exc)))
                    continue
                raws.append(client.scatter(raw, hash=False) if len(raw) > SCATTER_BYTES else raw)
                sent.append(job)
            if sent:
                future = client.submit(tasks.analyze_raw, raws, sent, kind, pure=False,
                                       key=f"janji-analyze-{run_id}-{sent[0].index}")
                pending[future.key] = tuple(sent)
                ready.add(future)
            return failed

        def top_up() -> Iterator[FileResult]:
            nonlocal exhausted
            while not exhausted and len(pending) < window:
                unit = next(todo, None)
                if unit is None:
                    exhausted = True
                    return
                yield from submit(unit)

        yield from top_up()
        for future in ready:
            sent = pending.pop(future.key)
            if future.status == "finished":
                for job, (result, text) in zip(sent, future.result()):  # in the unit's order
                    if text is not None and job.output is not None:
                        tasks.write_output(result, job, text, written)
                    yield result
            else:
                exc = future.exception()
                for job in sent:
                    yield FileResult(job.index, job.source, ok=False,
                                     error=f"{job.name}: gagal dianalisis di kluster ({type(exc).__name__}: {exc})")
            future.release()
            yield from top_up()
    finally:
        if own:
            client.close()
