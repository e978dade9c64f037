"""Pieces shared by the commands: consoles, one-line errors, JSON output."""
from __future__ import annotations

import sys
from typing import Any

from rich.console import Console

from janji.document import json_text
from janji.redact import scrub

console = Console()
err_console = Console(stderr=True)


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, no Rich markup (pipes into jq, sqlite-utils …)."""
    sys.stdout.write(json_text(data) + "\n")
    sys.stdout.flush()


def error_line(message: str) -> None:
    """One line on stderr, prefixed so it is easy to grep in batch logs (database passwords masked)."""
    err_console.print(f"[bold red]galat:[/] {scrub(message)}", highlight=False, markup=True, soft_wrap=True)


def warning_line(message: str) -> None:
    err_console.print(f"[yellow]peringatan:[/] {scrub(message)}", highlight=False, soft_wrap=True)
