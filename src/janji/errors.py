"""Errors a user sees as one line: which file, what is wrong with it."""
from __future__ import annotations


class JanjiError(Exception):
    """Base class for errors shown to users without a traceback."""


class InputError(JanjiError):
    """A source file that cannot be read: empty, binary, corrupt, encrypted, too large."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
