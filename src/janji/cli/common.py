"""Pieces shared by the commands: consoles, one-line errors, JSON output."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterator

from janji.document import json_text
from janji.redact import scrub

_CONSOLES: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    """``console`` and ``err_console`` (Rich), made when a command first needs one: `janji analyze FILE --out DIR`
    prints nothing when all goes well, and importing Rich's console takes a noticeable part of its start-up."""
    if name not in ("console", "err_console"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _console(name)


def _console(name: str) -> Any:
    if name not in _CONSOLES:
        from rich.console import Console

        _CONSOLES[name] = Console(stderr=name == "err_console")
    return _CONSOLES[name]


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, no Rich markup (pipes into jq, sqlite-utils …)."""
    sys.stdout.write(json_text(data) + "\n")
    sys.stdout.flush()


def error_line(message: str) -> None:
    """One line on stderr, prefixed so it is easy to grep in batch logs (database passwords masked)."""
    _console("err_console").print(f"[bold red]galat:[/] {scrub(message)}", highlight=False, markup=True, soft_wrap=True)


def warning_line(message: str) -> None:
    _console("err_console").print(f"[yellow]peringatan:[/] {scrub(message)}", highlight=False, soft_wrap=True)


OCR_MODES = ("never", "auto", "always")  # janji.read.ocr.MODES, not imported here to keep `janji --help` light


def ocr_option(func):
    import click

    return click.option(
        "--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
        help="Read PDF pages with OCR: 'auto' where a page has no usable text layer (a scan), 'always' every "
             "page (a wrong text layer), 'never' none (a scanned page is then skipped with a warning).")(func)


@contextmanager
def page_progress(progress=None) -> Iterator[None]:
    """A bar of the pages read with OCR while one document is analysed: a task on ``progress`` (a files bar
    being shown) or, without one, a bar of its own that disappears when the document is done."""
    from janji.read.ocr import page_progress as hook

    own: list = []
    task: list = []

    def report(done: int, total: int) -> None:
        bar = progress
        if bar is None:
            if not own:
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

                own.append(Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                                    MofNCompleteColumn(), TimeRemainingColumn(), console=_console("err_console"),
                                    transient=True))
                own[0].start()
            bar = own[0]
        if not task:
            task.append(bar.add_task("OCR halaman", total=total))
        bar.update(task[0], completed=done, total=total)
        if own and done >= total:  # the document's pages are read: leave the terminal to what is printed next
            own.pop().stop()
            task.clear()

    token = hook.set(report)
    try:
        yield
    finally:
        hook.reset(token)
        if own:
            own[0].stop()
        elif task and progress is not None:
            progress.remove_task(task[0])
