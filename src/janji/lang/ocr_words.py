"""What OCR gets wrong in Indonesian text, put right with what we know of the language's words.

A text recogniser reading a scanned page drops some spaces between words
("ekonomidan", "danPartai", "program100", "Kamis,14", "2.Membangun"), reads a
capital I as a small l ("la mengatakan", "NKRl") and puts accents on plain
letters ("Utará"). Indonesian is written without accents, a word never starts
with "ll", and its words are known: the roots of the stemmer's dictionary, the
words of the government's nomenclature of programmes and activities, and the
function words below. So a token that is no known word but splits into a
function word and a known word is split, and a letter confusion is undone
only where it gives a known word (or where no Indonesian word could be
written so).

Example:

    >>> repair_line("ekonomidan budaya lokal danPartai program100 pada Kamis,14 Juni")
    'ekonomi dan budaya lokal dan Partai program 100 pada Kamis, 14 Juni'
    >>> repair_line("la menyebut NKRl dan Utará")
    'Ia menyebut NKRI dan Utara'
    >>> repair_line("2.Meningkatkan layanan"), repair_line("H.M. Ali")
    ('2. Meningkatkan layanan', 'H.M. Ali')
    >>> repair_line("Rp23,4 juta, 1,5 persen, Kompas.com, S.Sos., M.Si.")
    'Rp23,4 juta, 1,5 persen, Kompas.com, S.Sos., M.Si.'
"""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache

from janji.lang import lazy
from janji.lang.names import PREFIX_TITLES
from janji.lang.stem import STEM_OVERRIDES, stem_word

# Words the stemmer's dictionary of roots leaves out or that are built from a root, frequent enough that an
# OCR engine glues them to a neighbour ("danhitam", "kelembagaansebagai").
FUNCTION_WORDS = frozenset({
    "dan", "yang", "dari", "untuk", "dengan", "sebagai", "dalam", "pada", "oleh", "akan", "atau",
    "juga", "tidak", "bagi", "serta", "ini", "itu", "tersebut", "bahwa", "karena", "agar", "kepada",
    "terhadap", "antara", "melalui", "secara", "setiap", "seluruh", "dua", "tiga", "satu",
})
# A glued token is split only where one piece is a function word and the other a known word: the spaces a
# recogniser loses are those beside short words, while splitting any unknown word into two known ones would
# cut up compounds written as one ("ditindaklanjuti") and words the dictionary lacks ("kontestasi").
_MIN_DERIVED = 7
_DERIVED = lazy.compile(r"(?:me|di|ber|ter)[a-z]{5,}$")  # the verb after a subject: menawarkan, dijalankan
_MAX_SPLIT = 30  # longer tokens are URLs, codes or runs no split can save
# Words written with a capital inside them: a recogniser's lost space never looks like these.
MIXED_CASE = frozenset({"NasDem", "YouTube", "WhatsApp", "TikTok", "LinkedIn", "PayPal", "GoJek", "GoPay", "GoFood",
                        "GrabFood", "ShopeeFood", "BukaLapak", "TokoPedia", "InsyaAllah", "MasyaAllah"})
_ACCENTED = lazy.compile(r"[àáâäèéêëìíîïòóôöùúûü]", re.I)
_TOKEN = lazy.compile(r"\S+")
_WORD = lazy.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Lower-case Indonesian words: the stemmer's roots, the nomenclature's words and the function words."""
    from importlib import resources  # here: a run without OCR need not import it

    words: set[str] = set(FUNCTION_WORDS)
    try:
        roots = resources.files("Sastrawi.Stemmer").joinpath("data", "kata-dasar.txt").read_text(encoding="utf-8")
        words.update(w.strip() for w in roots.split() if w.strip())
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - Sastrawi is a dependency
        pass
    data = resources.files("janji.data")
    for name, column in (("kegiatan.csv", "name"), ("programs.csv", "name"), ("bidang_urusan.csv", "name")):
        try:
            with data.joinpath(name).open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    words.update(w.lower() for w in _WORD.findall(row.get(column) or "") if len(w) >= 2)
        except FileNotFoundError:  # pragma: no cover - packaged data
            continue
    return frozenset(words)


@lru_cache(maxsize=100_000)
def is_word(word: str) -> bool:
    """Is ``word`` (any case) an Indonesian word: known as written, or its stem a known root?"""
    lower = word.lower()
    if not lower.isalpha():
        return False
    vocab = vocabulary()
    if lower in vocab or lower in STEM_OVERRIDES:
        return True
    if len(lower) < 4:
        return False
    return stem_word(lower) in vocab


def repair_line(text: str) -> str:
    """One recognised line with lost spaces restored, accents dropped and I/l confusions undone."""
    text = _unaccent(text)
    text = _space_after_punctuation(text)
    return " ".join(_repair_token(token) for token in _TOKEN.findall(text))


def _unaccent(text: str) -> str:
    if not _ACCENTED.search(text):
        return text
    return _ACCENTED.sub(lambda m: unicodedata.normalize("NFD", m.group())[0], text)


# A comma or semicolon glued to the next word ("Perjuangan,PKB", "Kamis,14"); never between two digits (1,5).
_COMMA = lazy.compile(r"(?<=[^\W\d_])([,;])(?=[^\W_])|(?<=\d)([,;])(?=[^\W\d_]{2})")
# A sentence end glued to the next sentence ("kerjanya.Selasa"): a word of three lower-case letters or more,
# then a capitalised word; "Kompas.com", "S.Sos." and "H.M." do not have that shape.
_PERIOD = lazy.compile(r"(?<=[a-z]{3})([.!?])(?=[A-Z][a-z])")
# An opening bracket glued to the word before it ("Rabu(25/6)"); a closing quote glued to the next word.
_BRACKET = lazy.compile(r"(?<=[^\W_.,;:])\((?=[^\W_])|(?<=[.,;:])\((?=[^\W_])")
_CLOSING_QUOTE = lazy.compile(r"(?<=[.,!?])([\"”’])(?=[^\W\d_])")
_CLOSING_BRACKET = lazy.compile(r"(?<=[^\W_]{2})\)(?=[^\W\d_]{2})")


# A list marker glued to its entry at the start of a line ("2.Meningkatkan", "b)Membangun"); "H.M." and "2.5" stay.
_MARKER = lazy.compile(r"^(\s*(?:\d{1,3}|[a-z])[.)])(?=[^\W\d_]{2})")


def _space_after_punctuation(text: str) -> str:
    text = _MARKER.sub(r"\1 ", text)
    text = _COMMA.sub(lambda m: (m.group(1) or m.group(2)) + " ", text)
    text = _PERIOD.sub(r"\1 ", text)
    text = _BRACKET.sub(" (", text)
    text = _CLOSING_BRACKET.sub(") ", text)
    return _CLOSING_QUOTE.sub(r"\1 ", text)


_EDGE = lazy.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)
_JOINERS = lazy.compile(r"([-/–])")
_RUNS = lazy.compile(r"[^\W\d_]+|\d(?:[\d.,]*\d)?")
# lower case then a capital ("danPartai", "pelakuUMKM"); an acronym then a word ("PDIPerjuangan", "SDhingga")
_CAMEL = lazy.compile(r"(?<=[a-z])(?=[A-Z])")
_ACRONYM_WORD = lazy.compile(r"^([A-Z]{2,})([a-z]{2,})$")


_TITLE_GLUED = lazy.compile(r"^([A-Za-z]{1,4})\.([A-Z][a-z]{2,}.*)$")
_STRAY_PERIOD = lazy.compile(r"^([^\W\d_]{2,})\.([a-z]{4,})$")


def _repair_token(token: str) -> str:
    lead, core, trail = _EDGE.match(token).groups()
    if not core:
        return token
    m = _TITLE_GLUED.match(core)
    if m and m.group(1).lower() in PREFIX_TITLES:  # "H.Budi", "Dr.Ani"; degrees ("S.Sos", "M.Si") stay
        return f"{lead}{m.group(1)}. {_repair_token(m.group(2) + trail)}"
    m = _STRAY_PERIOD.match(core)
    if m and is_word(m.group(1)) and is_word(m.group(2)):  # "Meningkatkan.infrastruktur"; "Kompas.com" stays
        return f"{lead}{m.group(1)} {_repair_token(m.group(2) + trail)}"
    # each side of a hyphen or slash on its own ("BudiSantoso-Ani", "kerjadan/atau")
    parts = _JOINERS.split(core)
    return lead + "".join(part if i % 2 else " ".join(_split_glued(_fix_letters(part))) if part else part
                          for i, part in enumerate(parts)) + trail


def _fix_letters(core: str) -> str:
    """Undo I/l confusions: "la" -> "Ia", "llegal" -> "Ilegal", "NKRl" -> "NKRI", "daiamnya" -> "dalamnya"."""
    if "l" not in core and "I" not in core and "i" not in core:
        return core
    if core.startswith("ll") and is_word("i" + core[1:]):
        return "I" + core[1:]
    if core == "la":
        return "Ia"
    letters = [c for c in core if c.isalpha()]
    if len(letters) >= 3 and "l" in core and all(c.isupper() or c == "l" for c in letters) \
            and sum(c.isupper() for c in letters) >= 2:
        return core.replace("l", "I")  # capitals with one small l among them: an acronym
    if core.isalpha() and core.islower() and "i" in core and not is_word(core):
        for i, c in enumerate(core):
            if c == "i":
                candidate = core[:i] + "l" + core[i + 1:]
                if is_word(candidate):
                    return candidate
    return core


def _split_glued(core: str) -> list[str]:
    """A token that is several words whose spaces the recogniser lost: between a word and a number
    ("hanya37.141suara"), at a change of case ("danPartai"), or beside a function word ("danhitam")."""
    runs = _RUNS.findall(core)
    if len(runs) < 2 or "".join(runs) != core:
        return _split_letters(core) if core.isalpha() else [core]
    words = [runs[0]]
    for prev, run in zip(runs, runs[1:]):
        if run[0].isdigit():  # "program100", "Timur2024"; "Rp10", "COVID19" stay
            apart = len(prev) >= 3 and is_word(prev)
        else:  # "37.141suara", "2Juni", "100hari"; "3R", "5G", "10km" stay
            apart = is_word(run) and len(run) >= 3 or (len(run) >= 4 and run.islower())
        if apart:
            words.append(run)
        else:
            words[-1] += run
    return [piece for word in words for piece in (_split_letters(word) if word.isalpha() else [word])]


def _split_letters(core: str) -> list[str]:
    if core in MIXED_CASE:
        return [core]
    parts = _CAMEL.split(core)
    if len(parts) > 1:
        # "danPartai", "pelakuUMKM", "BudiSantoso": a capital after a known word or a name; words written in
        # mixed case ("NasDem", "WhatsApp") stay.
        out = [parts[0]]
        for part in parts[1:]:
            prev = out[-1]
            if (len(prev) >= 4 and is_word(prev)) or prev.lower() in FUNCTION_WORDS \
                    or (len(prev) >= 3 and prev[0].isupper() and prev[1:].islower() and len(part) >= 3):
                out.append(part)
            else:
                out[-1] = prev + part
        if len(out) > 1:
            return [piece for part in out for piece in _split_acronym(part)]
    pieces = _split_acronym(core)
    if len(pieces) > 1:
        return pieces
    if 6 <= len(core) <= _MAX_SPLIT and not is_word(core):
        if core.islower():
            pieces = _known_pieces(core)
            if pieces:
                return pieces
        elif core[0].isupper() and core[1:].islower():
            # A name glued to the verb after it ("Budimenyampaikan"): a known word of some length, in the shape
            # of a verb, after three letters or more.
            for cut in range(3, len(core) - _MIN_DERIVED + 1):
                rest = core[cut:]
                if _DERIVED.match(rest) and is_word(rest):
                    return [core[:cut], rest]
    return [core]


def _split_acronym(core: str) -> list[str]:
    """Capitals glued to a word: "PDIPerjuangan" (the last capital starts the word), "SDhingga" (it ends the
    acronym), "HBudi" (an initial)."""
    m = _ACRONYM_WORD.match(core)
    if not m:
        return [core]
    caps, rest = m.groups()
    if len(rest) >= 3 and is_word(rest) and not is_word(caps[-1] + rest):
        return [caps, rest]
    if is_word(caps[-1] + rest) or len(caps) == 2:
        return [caps[:-1], caps[-1] + rest]
    return [core]


def _piece_ok(piece: str) -> bool:
    return piece in FUNCTION_WORDS or (len(piece) >= 4 and is_word(piece))


@lru_cache(maxsize=20_000)
def _known_pieces(word: str) -> list[str] | None:
    """A function word and a known word that make up ``word`` ("kelembagaansebagai"), or None."""
    for cut in range(len(word) - 2, 1, -1):
        left, right = word[:cut], word[cut:]
        if (left in FUNCTION_WORDS or right in FUNCTION_WORDS) and _piece_ok(left) and _piece_ok(right):
            return [left, right]
    return None
