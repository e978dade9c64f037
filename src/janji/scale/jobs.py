"""What one file's analysis is asked to do (:class:`Job`) and what came of it (:class:`FileResult`).

Both are small, picklable records: they are what travels between the client
and the workers, never the pipeline. (A :class:`FileResult` carries its
:class:`~janji.document.Document` only in this process, when the caller of a
sequential run asks to keep it.)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from janji.document import Document


@dataclass(frozen=True)
class Job:
    """One input file: its position in the batch, where it is, and where its JSON goes (``None``: nowhere,
    the caller keeps the document)."""

    index: int
    source: str
    output: str | None
    ocr: str = "auto"  # janji analyze --ocr: when PDF pages are read with OCR

    @property
    def name(self) -> str:
        return Path(self.source).name or self.source


@dataclass
class FileResult:
    """The outcome of one file: ``ok``, or failed with a one-line ``error`` naming the file.

    Example:

        FileResult(index=0, source="a.txt", output="json/a.json", ok=True, items=12)
    """

    index: int
    source: str
    output: str | None = None
    ok: bool = True
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    items: int = 0
    seconds: float = 0.0
    worker: str | None = None  # host:pid that analysed it, for logs from a cluster
    replaced: str | None = None  # an earlier input of the batch whose <stem>.json this one's overwrote
    document: Document | None = field(default=None, repr=False, compare=False)  # only when asked, sequential runs

    @property
    def name(self) -> str:
        return Path(self.source).name or self.source

    @property
    def status(self) -> str:
        return "ok" if self.ok else "failed"

    def to_json(self) -> dict:
        return {"source": self.source, "output": self.output, "status": self.status, "error": self.error,
                "warnings": list(self.warnings), "items": self.items, "seconds": round(self.seconds, 3)}


@dataclass
class Collision:
    """Two inputs that would write the same ``<stem>.json``: the later one (``kept``) overwrites the earlier
    (``dropped``) as it would in input order; if the later one cannot be analysed, the earlier one's stays."""

    stem: str
    kept: str
    dropped: str


def plan(paths: Iterable[str | Path], out_dir: str | Path | None, ocr: str = "auto"
         ) -> tuple[list[Job], list[Collision]]:
    """Jobs for ``paths`` in order, each with its output path (none without ``out_dir``), and the stem
    collisions found.

    Example:

        jobs, collisions = plan(["a/x.txt", "b/x.pdf"], "json/")
        # both jobs write json/x.json; one collision for "x": b/x.pdf's JSON wins if it can be analysed
    """
    paths = [Path(p) for p in paths]
    if out_dir is None:
        return [Job(i, str(path), None, ocr) for i, path in enumerate(paths)], []
    out = Path(out_dir)
    last: dict[str, int] = {}
    for i, path in enumerate(paths):
        last[path.stem] = i
    jobs, collisions = [], []
    for i, path in enumerate(paths):
        owner = last[path.stem]
        if owner != i and paths[owner] != path:
            collisions.append(Collision(path.stem, str(paths[owner]), str(path)))
        jobs.append(Job(i, str(path), str(out / f"{path.stem}.json"), ocr))
    return jobs, collisions


def units(jobs: Sequence[Job]) -> list[tuple[Job, ...]]:
    """The jobs as units of parallel work: jobs that write the same file form one unit, in input order, run
    one after another by one worker; every other job is a unit of its own. So the file ends up holding
    the JSON of the last of them that could be analysed — what a sequential run leaves — whichever unit
    finishes first. Units come in the order of their first job."""
    groups: dict[str | int, list[Job]] = {}
    for job in jobs:
        groups.setdefault(job.output if job.output is not None else job.index, []).append(job)
    return [tuple(group) for group in groups.values()]
