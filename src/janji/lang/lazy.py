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

Compiled once per machine: what compiling a pattern produces (the regex engine's code, a list of
integers, and its groups) is kept in a file of the user's cache folder
(``$JANJI_CACHE_DIR``, else ``$XDG_CACHE_HOME/janji``, else ``~/.cache/janji``; ``JANJI_CACHE_DIR=``
empty: no file), one per Python version and regex engine, written when a process that compiled new
patterns ends. A pattern found there is made from it directly (``_sre.compile``, what
:func:`re.compile` ends with), skipping the parse and code generation that are nearly all of its cost;
the result is the same compiled pattern (``==`` compares their code; the tests check every pattern of
the analyser). A missing, unreadable or foreign file only means compiling as usual.
"""
from __future__ import annotations

import atexit
import re
import sys
from pathlib import Path
from re import _compiler as _sre_compiler  # parse + code generation, as re.compile does them (Python >= 3.11)
from re import _parser as _sre_parser

import _sre

from janji import cache

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
        regex = _compile(self.pattern, self.source_flags)
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


# -- the compiled forms kept between processes ------------------------------------------------------------------

_Parts = tuple  # (flags, code, groups - 1, groupindex, indexgroup): the arguments of _sre.compile after the pattern
# the code is kept as the bytes of an array of unsigned ints of the engine's size: read back in one piece
# (a marshalled list of ints is an object per int: the ~600 patterns' code took longer to load than to compile),
# through a memoryview (the array module's import was ~1 ms of a one-file run)
_CODE_TYPE = next((t for t in "IL" if memoryview(bytes(8)).cast(t).itemsize == _sre.CODESIZE), None)
_KEPT: dict[tuple[str, int], _Parts] | None = None  # read from the cache file at the first compilation
_NEW: dict[tuple[str, int], _Parts] = {}  # compiled by this process, not in the file yet
_USED: set[tuple] = set()  # entries of the file this process used
MAX_KEPT = 3000  # entries of the file (the analyser makes ~1,000); past it, the file keeps what one process used


def cache_file() -> Path | None:
    """The file of compiled forms for this Python and regex engine; None when ``JANJI_CACHE_DIR`` is empty."""
    folder = cache.folder()
    if folder is None:
        return None
    version = "-".join(map(str, sys.version_info[:3]))
    return folder / f"regex-{sys.implementation.name}-{version}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


def _read(path: Path | None) -> dict:
    table = cache.read(path)
    return table if isinstance(table, dict) else {}  # no file yet, or a foreign one: compile as usual


def parts(pattern: str, flags: int) -> _Parts:
    """What :func:`re.compile` hands to ``_sre.compile`` for ``pattern``: parse, code, groups (its own steps)."""
    parsed = _sre_parser.parse(pattern, flags)
    code = _sre_compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, \
        tuple(indexgroup)


def _packed(found: _Parts) -> tuple:
    flags, code, groups, groupindex, indexgroup = found
    packed = memoryview(bytearray(len(code) * _sre.CODESIZE)).cast(_CODE_TYPE)
    for i, c in enumerate(code):
        packed[i] = c
    return flags, packed.tobytes(), groups, groupindex, indexgroup


def _unpacked(kept: tuple) -> _Parts:
    flags, code, groups, groupindex, indexgroup = kept
    return flags, memoryview(code).cast(_CODE_TYPE).tolist(), groups, groupindex, indexgroup


def _kept() -> dict:
    global _KEPT
    if _KEPT is None:
        _KEPT = _read(cache_file())
    return _KEPT


def remembered(key: tuple, make):
    """``make()``, kept in the same file between processes under ``key`` (its value must be made of what
    :mod:`marshal` writes: numbers, strings, tuples, lists, sets, dicts, None); :mod:`janji.lang.gate` keeps
    the literals it reads from each pattern so."""
    found = _kept().get(key)
    if found is not None:
        _USED.add(key)
    else:
        found = make()
        _keep(key, found)
        _kept()[key] = found
    return found


def _keep(key: tuple, value) -> None:
    if not _NEW:
        atexit.register(save)
    _NEW[key] = value


def _compile(pattern: str | bytes, flags: int) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the kept compiled form when there is one."""
    if not isinstance(pattern, (str, bytes)) or flags & (re.DEBUG | re.LOCALE) or _CODE_TYPE is None:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    found = _kept().get(key)
    if found is not None:
        try:
            regex = _sre.compile(pattern, *_unpacked(found))
            _USED.add(key)
            return regex
        except Exception:  # a damaged entry: compile it anew
            pass
    try:
        found = parts(pattern, flags)
        regex = _sre.compile(pattern, *found)
    except re.error:
        raise
    except Exception:  # an engine this reading does not know: re.compile as it is
        return re.compile(pattern, flags)
    _keep(key, _packed(found))
    return regex


def save() -> None:
    """Add the compiled forms this process made to the cache file (merged with what is there, written whole
    and renamed into place, so that processes ending together never leave half a file)."""
    path = cache_file()
    if path is None or not _NEW:
        return
    table = _read(path)
    table.update(_NEW)
    if len(table) > MAX_KEPT:  # patterns made from changing data: start again from this process's
        table = {key: table[key] for key in (*_USED, *_NEW) if key in table}
    if cache.write(path, table):
        _NEW.clear()


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


def compile_now(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` at once, from the compiled form kept between processes when there is one
    (for patterns made inside a function, from a fixed set: Sastrawi's rules)."""
    return _compile(pattern, int(flags))


def check_all() -> int:
    """Compile every pattern made by :func:`compile` so far (an invalid one raises :class:`re.error`); return
    how many there are."""
    for lazy in _MADE:
        lazy.regex  # noqa: B018 - compiles it
    return len(_MADE)
