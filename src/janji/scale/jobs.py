"""What one file's analysis is asked to do (:class:`Job`) and what came of it (:class:`FileResult`).

Both are small, picklable records: they are what travels between the client
and the workers, never the pipeline or a :class:`~janji.document.Document`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from janji.document import Document


@dataclass(frozen=True)
class Job:
    """One input file: its position in the batch, where it is, and where its JSON goes.

    ``output`` is ``None`` when a later input has the same stem: that later file
    owns ``<stem>.json`` (as in a sequential run, where it would overwrite it),
    so the result does not depend on which worker finishes first.
    """

    index: int
    source: str
    output: str | None

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
    """Two inputs that would write the same ``<stem>.json``; ``kept`` wins, as it would in input order."""

    stem: str
    kept: str
    dropped: str


def plan(paths: Iterable[str | Path], out_dir: str | Path) -> tuple[list[Job], list[Collision]]:
    """Jobs for ``paths`` in order, each with its output path, and the stem collisions found.

    Example:

        jobs, collisions = plan(["a/x.txt", "b/x.pdf"], "json/")
        # jobs[0].output is None, jobs[1].output == "json/x.json"; one collision for "x"
    """
    out = Path(out_dir)
    paths = [Path(p) for p in paths]
    last: dict[str, int] = {}
    for i, path in enumerate(paths):
        last[path.stem] = i
    jobs, collisions = [], []
    for i, path in enumerate(paths):
        owner = last[path.stem]
        if owner != i and paths[owner] != path:
            collisions.append(Collision(path.stem, str(paths[owner]), str(path)))
        jobs.append(Job(i, str(path), str(out / f"{path.stem}.json") if owner == i else None))
    return jobs, collisions


def render(doc: Document) -> str:
    """The janji/1 file text, exactly as `janji analyze --out` writes it (byte-identical across schedulers)."""
    return doc.dumps()
