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


def failure_reason(exc: BaseException) -> str:
    """Why analysing a document failed, without its name: an :class:`InputError`'s reason, another
    :class:`JanjiError`'s message, or — for a defect in a stage — ``gagal dianalisis (Type: message)``."""
    if isinstance(exc, InputError):
        return exc.reason
    if isinstance(exc, JanjiError):
        return str(exc)
    lines = str(exc).strip().splitlines()
    message = lines[0][:160] if lines else ""  # one line: the traceback is for the log, not the user
    return f"gagal dianalisis ({type(exc).__name__}: {message})" if message else f"gagal dianalisis ({type(exc).__name__})"


def failure_line(name: str, exc: BaseException) -> str:
    """The one line a user sees when ``name`` could not be analysed (a :class:`JanjiError` names its file
    itself). A defect in one stage must not stop a batch: callers report this line and go on.

    Example:
        >>> failure_line("a.txt", InputError("a.txt", "berkas kosong"))
        'a.txt: berkas kosong'
        >>> failure_line("b.pdf", KeyError("page"))
        "b.pdf: gagal dianalisis (KeyError: 'page')"
        >>> failure_line("c.docx", ValueError("bad value\\n  at line 3"))
        'c.docx: gagal dianalisis (ValueError: bad value)'
    """
    return str(exc) if isinstance(exc, JanjiError) else f"{name}: {failure_reason(exc)}"
