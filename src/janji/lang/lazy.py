"""Regular expressions compiled when first used, not when their module is imported.

The analyser's modules hold some five hundred patterns. Compiling them all took about 40 % of a
`janji analyze FILE` run, and a short document uses about a quarter of them (most are tried only on
texts that hold one of their words, see :mod:`janji.lang.gate`, or serve one kind of document).
:func:`compile` takes what :func:`re.compile` takes and gives a stand-in that compiles the pattern at
the first call of a method or read of an attribute the compiled pattern alone knows (``flags``,
``groups``, ``groupindex``); ``pattern`` is known at once, so patterns built from others' text
(``"(?:" + OTHER.pattern + ")"``) compile nothing. After that, its methods are the compiled
pattern's own (no wrapper in between).

    >>> YEAR = compile(r"\\b(20\\d\\d)\\b")
    >>> YEAR.pattern
    '\\\\b(20\\\\d\\\\d)\\\\b'
    >>> YEAR.findall("RPJMD 2025-2029")
    ['2025', '2029']

A stand-in is not a :class:`re.Pattern`: give ``re.search`` and the like its ``.pattern`` (or the
stand-in's own method). An invalid pattern raises when first used; :func:`check_all` compiles every
stand-in made so far (the tests call it).
"""
from __future__ import annotations

import re

_MADE: list["LazyPattern"] = []

# what only the compiled pattern knows: the first read of one of these compiles it
_COMPILED = ("regex", "flags", "groups", "groupindex", "search", "match", "fullmatch", "finditer", "findall",
             "sub", "subn", "split", "scanner")


class LazyPattern:
    """A regular expression compiled at first use; reads as the compiled :class:`re.Pattern` does."""

    __slots__ = ("pattern", "source_flags") + _COMPILED

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self.pattern = pattern
        self.source_flags = int(flags)  # as given (the compiled pattern's ``flags`` add inline ones and re.U)
        _MADE.append(self)

    def __getattr__(self, name: str):
        if name not in _COMPILED:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        regex = re.compile(self.pattern, self.source_flags)
        self.regex = regex
        self.flags, self.groups, self.groupindex = regex.flags, regex.groups, regex.groupindex
        self.search, self.match, self.fullmatch, self.finditer, self.findall = (
            regex.search, regex.match, regex.fullmatch, regex.finditer, regex.findall)
        self.sub, self.subn, self.split, self.scanner = regex.sub, regex.subn, regex.split, regex.scanner
        return getattr(regex, name) if name != "regex" else regex

    @property
    def compiled(self) -> bool:
        """Whether the pattern has been compiled yet."""
        try:
            object.__getattribute__(self, "regex")
        except AttributeError:
            return False
        return True

    def __repr__(self) -> str:
        return f"janji.lang.lazy.compile({self.pattern!r}, {self.source_flags})"

    def __reduce__(self):
        return compile, (self.pattern, self.source_flags)


def compile(pattern: str | bytes, flags: int = 0) -> LazyPattern:  # noqa: A001 - re.compile's stand-in
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return LazyPattern(pattern, flags)


_LEADING_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))+")


def ignores_case(regex) -> bool:
    """Whether a pattern (compiled or lazy, left uncompiled) is case-insensitive as a whole: ``re.I`` given or a
    global ``(?i)`` (which may only open a pattern)."""
    if not isinstance(regex, LazyPattern):
        return bool(regex.flags & re.IGNORECASE)
    if regex.source_flags & re.IGNORECASE:
        return True
    text = regex.pattern if isinstance(regex.pattern, str) else regex.pattern.decode("latin-1")
    leading = _LEADING_FLAGS.match(text)
    return bool(leading) and "i" in leading.group()


def check_all() -> int:
    """Compile every pattern made by :func:`compile` so far (an invalid one raises :class:`re.error`); return
    how many there are."""
    for lazy in _MADE:
        lazy.regex  # noqa: B018 - compiles it
    return len(_MADE)
