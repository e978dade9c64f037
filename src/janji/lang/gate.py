"""Literal gates: the strings one of which every match of a pattern contains, looked for before the pattern runs.

Python's regex engine skips quickly only to a fixed first character; a pattern that opens with
``\\b`` or a case-insensitive list of words (most of the analyser's: "\\b(?:sudah|telah|berhasil …)\\b")
is tried at every position of the text. Most texts hold none of the words, and ``str.__contains__``
says so many times faster. :class:`Gated` wraps a compiled pattern with the literal strings read from
the pattern itself (:func:`required_literals`): ``search``, ``finditer`` and ``findall`` do not run
the pattern on a text that holds none of them, and otherwise run it as it is, so every answer is the
pattern's own.

Example:
    >>> CLAIM = Gated(re.compile(r"\\b(?:sudah|telah)\\s+(?:selesai|rampung)\\b", re.I))
    >>> CLAIM.literals
    ('rampung', 'selesai')
    >>> CLAIM.search("Jembatan itu TELAH Rampung dibangun").group()
    'TELAH Rampung'
    >>> CLAIM.search("Jembatan akan dibangun") is None
    True
"""
from __future__ import annotations

import functools
import re
import sys
import zlib
from re import _constants as _sre_constants  # the parsed form of a pattern (stable since Python 3.11)
from re import _parser as _sre_parser

from janji.lang import lazy


def fold(text: str) -> str:
    """The text in lower case as the gates compare it: every character a case-insensitive pattern matches
    to an ASCII letter becomes that letter ("İ", "ı" -> "i", "ſ" -> "s", the Kelvin sign -> "k")."""
    if "İ" in text:
        text = text.replace("İ", "i")  # str.lower would make it two characters
    low = text.lower()
    if "ı" in low:
        low = low.replace("ı", "i")
    if "ſ" in low:
        low = low.replace("ſ", "s")
    return low


_RECENT: list[tuple[str, str]] = []  # (text, fold(text)) of the last few long texts asked of whole


def folded_whole(text: str) -> str:
    """:func:`fold` of a whole text, kept for the last few long texts: a stage asks dozens of gated patterns
    of one document in turn, and each would fold it anew."""
    if len(text) < 256:
        return fold(text)
    for seen, low in _RECENT:
        if seen is text:
            return low
    low = fold(text)
    _RECENT.insert(0, (text, low))
    del _RECENT[4:]
    return low


def _parse(regex) -> tuple[object, int] | None:
    """The parsed form of ``regex`` (a compiled pattern or a :mod:`janji.lang.lazy` one, left uncompiled) and
    its flags as the compiled pattern has them (inline ones included); None for a bytes pattern or one this
    reading does not know."""
    if not isinstance(regex.pattern, str):
        return None
    flags = regex.source_flags if isinstance(regex, lazy.LazyPattern) else regex.flags
    try:
        parsed = _sre_parser.parse(regex.pattern, flags)
    except Exception:  # a construct this reading does not know: no gate, the pattern always runs
        return None
    return parsed, flags | parsed.state.flags


def required_literals(regex: re.Pattern, parsed: tuple[object, int] | None = None) -> tuple[str, ...] | None:
    """Strings (folded, see :func:`fold`) one of which every match of ``regex`` contains, or None when the
    pattern has no such set (a match may be made of classes and repeats only).

    Only ASCII characters count as literal text (their case folding is the simple one); of the sets a
    pattern offers, the one whose shortest string is longest is taken. A pattern anchored at the start
    of the text gets none (the engine tries it at one place only). ``parsed``: :func:`_parse` of ``regex``,
    if the caller has it.
    """
    parsed = parsed or _parse(regex)
    if parsed is None:
        return None
    tree, flags = parsed
    data = tree.data
    if data and data[0] == (_sre_constants.AT, _sre_constants.AT_BEGINNING) and not flags & re.MULTILINE \
            or data and data[0] == (_sre_constants.AT, _sre_constants.AT_BEGINNING_STRING):
        return None  # tried at the start only: the engine answers at once, a gate would only cost
    found = _sequence(data, flags)
    return tuple(sorted(found)) if found else None


def opening_literals(regex: re.Pattern, parsed: tuple[object, int] | None = None) \
        -> tuple[tuple[str, ...], bool] | None:
    """Strings one of which every match of ``regex`` opens with, and whether they are folded (the pattern is
    case-insensitive: look for them in the folded text) or as written; None when the pattern has no such set.

    Zero-width assertions at the start (``\\b``, look-arounds) are passed over; each branch of an alternation
    must open with literal text. A case-insensitive pattern's literals count only in ASCII (see :func:`fold`).

        >>> opening_literals(re.compile(r"\\b(?:kembali\\s+maju|masa\\s+jabatan)\\b", re.I))
        (('kembali', 'masa'), True)
        >>> opening_literals(re.compile(r"\\b(?:[Cc]alon|paslon)")) is None
        True
    """
    parsed = parsed or _parse(regex)
    if parsed is None:
        return None
    tree, flags = parsed
    if flags & re.ASCII:
        return None
    ignore_case = bool(flags & re.IGNORECASE)
    found = _opening(tree.data, ignore_case)
    return (tuple(sorted(found)), ignore_case) if found else None


def _opening(items, ignore_case: bool) -> set[str] | None:
    c = _sre_constants
    i = 0
    while i < len(items) and (items[i][0] is c.ASSERT or items[i][0] is c.ASSERT_NOT
                              or (items[i][0] is c.AT and items[i][1] in (c.AT_BOUNDARY, c.AT_NON_BOUNDARY))):
        i += 1  # zero width: what follows opens the match
    run = []
    while i < len(items) and items[i][0] is c.LITERAL:
        run.append(chr(items[i][1]))
        i += 1
    head = "".join(run)
    if ignore_case:
        if not head.isascii():
            return None
        head = head.lower()
    # a group or an alternation next (the parser takes a prefix the branches share out of them:
    # "kami|kita" is "k" then "ami|ita")
    more = _opening_item(items[i], ignore_case) if i < len(items) else None
    if more:
        return {head + m for m in more}
    return {head} if head else None


def _opening_item(item, ignore_case: bool) -> set[str] | None:
    c = _sre_constants
    op, av = item
    if op is c.SUBPATTERN:
        _, add, remove, sub = av
        if add or remove:  # (?i:…), (?-i:…): the case rule changes
            return None
        return _opening(sub.data, ignore_case)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            found = _opening(branch.data, ignore_case)
            if not found:
                return None
            out |= found
        return out
    return None


WORD = re.compile(r"\w+")
_PLAIN_WORD = re.compile(r"[A-Za-z]+")


def _top_level_alternatives(body: str) -> list[str] | None:
    """``a|b(?:c|d)|[|]e`` -> ["a", "b(?:c|d)", "[|]e"]: the branches of a regex, split where no group or
    class holds the bar; None if the brackets do not balance."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if body[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    if depth or in_class:
        return None
    return out + [body[start:]]


def word_list(regex: re.Pattern, flags: int | None = None) -> tuple[frozenset[str], re.Pattern | None] | None:
    """For a case-insensitive list of words and phrases, ``\\b(?:kami|kita|saya|ke\\s+depan)\\b``: its plain
    words (folded) and a pattern of the other branches (None if there are none); else None.

    Whether such a pattern matches anywhere is whether a whole word of the text, folded (:func:`fold`), is
    one of the plain words, or the other branches match: ``not words.isdisjoint(tokens)``, with ``tokens``
    the words (``\\w+``) of the folded text, answers for the plain words as the regex engine does (its
    case folding for ASCII letters is :func:`fold`'s).

        >>> words, rest = word_list(re.compile(r"\\b(?:kami|Kita|ke\\s+depan)\\b", re.I))
        >>> sorted(words), rest.pattern
        (['kami', 'kita'], '\\\\b(?:ke\\\\s+depan)\\\\b')
        >>> word_list(re.compile(r"\\b(?:kami|kita)\\w*", re.I)) is None
        True

    ``flags``: the compiled pattern's flags, if the caller knows them without compiling it; the pattern of
    the other branches is then compiled at its first use (:mod:`janji.lang.lazy`).
    """
    pattern = regex.pattern
    if flags is None:
        flags = regex.flags
        make = re.compile
    else:
        make = lazy.compile
    if not isinstance(pattern, str) or not flags & re.IGNORECASE or flags & re.ASCII:
        return None
    if not (pattern.startswith("\\b(?:") and pattern.endswith(")\\b")):
        return None
    branches = _top_level_alternatives(pattern[len("\\b(?:"):-len(")\\b")])
    if not branches:
        return None
    words = frozenset(b.lower() for b in branches if _PLAIN_WORD.fullmatch(b))
    if not words:
        return None
    rest = [b for b in branches if not _PLAIN_WORD.fullmatch(b)]
    return words, (make("\\b(?:" + "|".join(rest) + ")\\b", flags) if rest else None)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _sequence(items, flags: int) -> frozenset[str] | None:
    """A sequence matches all of its items in turn: any one item's set will do (runs of literals join up)."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is _sre_constants.LITERAL and av < 128:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({fold("".join(run))}))
            run = []
        best = _better(best, _item(op, av, flags))
    if run:
        best = _better(best, frozenset({fold("".join(run))}))
    return best


def _item(op, av, flags: int) -> frozenset[str] | None:
    c = _sre_constants
    if op is c.SUBPATTERN:
        _, add, remove, sub = av
        return _sequence(sub.data, (flags | add) & ~remove)
    if op is c.ATOMIC_GROUP:
        return _sequence(av.data, flags)
    if op is c.BRANCH:  # one of the branches matches: each must hold a set, and the sets add up
        out: set[str] = set()
        for branch in av[1]:
            found = _sequence(branch.data, flags)
            if not found:
                return None
            out |= found
        return frozenset(out)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, sub = av
        return _sequence(sub.data, flags) if low >= 1 else None
    return None  # classes, any character, assertions, anchors, back references: no literal text


LONG = 256  # a stretch of text this long is searched from the places its openings stand (shorter: scanned)


class Gated:
    """A compiled pattern that first looks for its :func:`required_literals` in the text.

    ``search``, ``finditer`` and ``findall`` answer as the pattern does (without running it when the text
    holds none of the literals); ``match``, ``fullmatch``, ``sub``, ``subn``, ``split`` and the pattern's
    attributes are the pattern's own, so a Gated pattern stands wherever the plain one stood.

    ``regex`` may be a :mod:`janji.lang.lazy` pattern: the literals are then read from it when the Gated
    pattern is first used (and it is compiled only when a text holds one of them, or another method is asked).
    """

    __slots__ = ("regex", "literals", "openings", "words", "rest", "pattern", "flags", "groups", "groupindex",
                 "match", "fullmatch", "sub", "subn", "split")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.pattern = regex.pattern
        if not isinstance(regex, lazy.LazyPattern):
            self._read()
            self._bind()

    def __getattr__(self, name: str):
        if name in ("literals", "openings", "words", "rest"):
            self._read()
        elif name in ("flags", "groups", "groupindex", "match", "fullmatch", "sub", "subn", "split"):
            self._bind()
        else:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self, name)

    def _read(self) -> None:
        """The literals of the pattern (:func:`_reading`), kept between processes (:func:`lazy.remembered`)."""
        regex = self.regex
        tag = _source_tag()
        if isinstance(regex.pattern, str) and tag is not None:
            flags = regex.source_flags if isinstance(regex, lazy.LazyPattern) else regex.flags
            reading = lazy.remembered(("gate", tag, regex.pattern, flags), lambda: _reading(regex))
            if not (isinstance(reading, tuple) and len(reading) == 4):  # not what this module keeps
                reading = _reading(regex)
        else:
            reading = _reading(regex)
        self.literals, self.openings, self.words, rest = reading
        make = lazy.compile if isinstance(regex, lazy.LazyPattern) else re.compile
        self.rest = Gated(make(*rest)) if rest is not None else None

    def _bind(self) -> None:
        regex = self.regex
        self.flags, self.groups, self.groupindex = regex.flags, regex.groups, regex.groupindex
        self.match, self.fullmatch, self.sub, self.subn, self.split = (
            regex.match, regex.fullmatch, regex.sub, regex.subn, regex.split)

    def __repr__(self) -> str:
        return f"Gated({self.regex!r})"

    def possible(self, text: str, pos: int = 0, endpos: int | None = None, *, folded: str | None = None) -> bool:
        """Whether ``text[pos:endpos]`` holds one of the literals (``folded``: that stretch already folded)."""
        if self.literals is None:
            return True
        if folded is None:
            folded = fold(text[pos:endpos]) if pos or endpos is not None else folded_whole(text)
        return any(map(folded.__contains__, self.literals))

    def found(self, text: str, folded: str, tokens: set[str]) -> bool:
        """``bool(self.search(text))``, given the folded text and its words (:data:`WORD`), worked out once by
        a caller that asks many patterns of one text."""
        if self.words is not None:
            if not self.words.isdisjoint(tokens):
                return True
            return self.rest is not None and self.rest.search(text, folded=folded) is not None
        return self.search(text, folded=folded) is not None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize, *, folded: str | None = None):
        literals = self.literals
        if literals is not None:
            if folded is None:
                folded = fold(string[pos:endpos]) if pos or endpos != sys.maxsize else folded_whole(string)
            if not any(map(folded.__contains__, literals)):
                return None
        if self.openings is not None and min(endpos, len(string)) - pos >= LONG:
            return next(self._anchored(string, pos, endpos), None)
        return self.regex.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        if not self.possible(string, pos, None if endpos == sys.maxsize else endpos):
            return iter(())
        if self.openings is not None and min(endpos, len(string)) - pos >= LONG:
            return self._anchored(string, pos, endpos)
        return self.regex.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        if not self.possible(string, pos, None if endpos == sys.maxsize else endpos):
            return []
        if self.openings is not None and min(endpos, len(string)) - pos >= LONG:
            groups = self.regex.groups
            return [m.group() if not groups else m.group(1) or "" if groups == 1 else m.groups("")
                    for m in self._anchored(string, pos, endpos)]
        return self.regex.findall(string, pos, endpos)

    def _anchored(self, string: str, pos: int, endpos: int):
        """``self.regex.finditer(string, pos, endpos)``, tried only where an opening literal stands: every match
        opens with one, so the leftmost match from a place is the first that :meth:`match` finds at those
        places after it (the regex engine itself would try the pattern at every position)."""
        openings, folded_text = self.openings
        haystack = folded_whole(string) if folded_text else string  # fold keeps every character's place
        end = min(endpos, len(string))
        starts: set[int] = set()
        for literal in openings:
            at = haystack.find(literal, pos, end)
            while at >= 0:
                starts.add(at)
                at = haystack.find(literal, at + 1, end)
        resume = pos
        match = self.regex.match
        for at in sorted(starts):
            if at < resume:
                continue
            m = match(string, at, endpos)
            if m is not None:
                yield m
                resume = m.end()


@functools.lru_cache(maxsize=1)
def _source_tag() -> int | None:
    """A checksum of this module's source: readings kept by another version of it are not used."""
    try:
        with open(__file__, "rb") as fh:
            return zlib.crc32(fh.read())
    except OSError:
        return None


def _reading(regex) -> tuple:
    """(literals, openings, words, rest) of a pattern for :class:`Gated`, read from its parsed form (one parse
    for all three readings); ``rest``: the other branches' (pattern, flags) of a :func:`word_list`, or None."""
    parsed = _parse(regex)
    literals = required_literals(regex, parsed) if parsed else None
    openings = opening_literals(regex, parsed) if parsed else None
    # (a match opening with "di" or "p" has so many places to be tried that the engine's scan is as quick)
    openings = openings if openings and min(map(len, openings[0])) >= 3 else None
    if parsed:
        listed = word_list(regex, parsed[1])  # the other branches' pattern left uncompiled
    else:
        listed = word_list(regex) if not isinstance(regex, lazy.LazyPattern) else None
    words = listed[0] if listed else None
    rest = listed[1] if listed else None
    if rest is not None:
        rest = (rest.pattern, rest.source_flags if isinstance(rest, lazy.LazyPattern) else rest.flags)
    return literals, openings, words, rest


def word_start_alternation(words) -> str:
    """``\\b(?:w1|w2|…)`` for case-sensitive words, as a regex the engine scans fast: the words grouped by
    their first letter ("G(?<!\\w.)(?:us)|B(?<!\\w.)(?:ang|unda|u)|…"), in their order within each group.

    Every branch then opens with a plain letter, so the engine skips at once each position holding none of
    them (a pattern opening with ``\\b`` is tried at every position); the lookbehind after the letter is the
    ``\\b`` before it. Only branches opening with the same letter can match at one place, so the same one
    matches as in the plain alternation.

        >>> re.findall(word_start_alternation(["Bu", "Buya", "Gus"]) + r"\\s+\\w+", "Buya Hamka dan Gus Dur, xGus Ali")
        ['Buya Hamka', 'Gus Dur']
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        if not word or not (word[0].isascii() and word[0].isalpha()) or re.escape(word) != word:
            raise ValueError(f"not a plain word opening with a letter: {word!r}")
        groups.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"{letter}(?<!\\w.)(?:{'|'.join(rests)})" for letter, rests in groups.items()) + ")"

