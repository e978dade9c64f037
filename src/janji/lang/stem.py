"""Stemming Indonesian words: Sastrawi with its corrections, cached — one stemmer for classifying and searching.

Sastrawi strips Indonesian affixes ("pembangunan" -> "bangun", "jembatan-jembatan"
-> "jembatan") but over-stems a few words into other words ("pengangguran" ->
"anggur", the grape; "penduduk" -> "duduk", to sit): :data:`STEM_OVERRIDES`
keeps their own stem. Stemming is the slow part of Sastrawi (~1,650 distinct
words/s), and a corpus reuses a small vocabulary, so every word is stemmed once
per process; a table computed at build time can be given with :func:`seed_stems`.

Example:

    >>> stems("Pembangunan jembatan-jembatan desa")
    ['bangun', 'jembatan', 'jembatan', 'desa']
    >>> stem_word("pengangguran"), stem_word("dijalankan"), stem_word("jalan")
    ('pengangguran', 'jalan_v', 'jalan')
"""
from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from janji import cache
from janji.lang import lazy

TOKEN = lazy.compile(r"[a-z0-9]+")

# Sastrawi over-stems a few words into other words that matter to the
# classifier ("pengangguran" -> "anggur", the grape); keep their own stem.
STEM_OVERRIDES = {
    "penganggur": "pengangguran",
    "peternakan": "ternak",
    "peternak": "ternak",
    "beternak": "ternak",
    "perikanan": "ikan",
    "pertanian": "tani",
    "pelabuhan": "labuh",
    "bos": "bos",
    "bosda": "bosda",
    "kesenjangan": "senjang",
    "lansia": "lansia",
    "balita": "balita",
    "pemuda": "pemuda",
    "kepemudaan": "pemuda",
    "pariwisata": "wisata",
    "kepariwisataan": "wisata",
    "wisatawan": "wisata",
    "berbudaya": "budaya",
    # "jalan" the road, not "berjalan"/"menjalankan" (to run, to carry out)
    "berjalan": "jalan_v",
    "berjalannya": "jalan_v",
    "menjalankan": "jalan_v",
    "dijalankan": "jalan_v",
    "menjalani": "jalan_v",
    "dijalani": "jalan_v",
    "perjalanan": "jalan_v",
    "sejalan": "jalan_v",
    "pengangguran": "pengangguran",
    # Sastrawi reduces these to common roots that mean something else:
    # persatuan -> satu (one), penduduk -> duduk (sit), kinerja -> kerja (work),
    # tertinggal -> tinggal (live), haki -> hak (right).
    "persatuan": "persatuan",
    "kesatuan": "kesatuan",
    "penduduk": "penduduk",
    "kependudukan": "kependudukan",
    "kinerja": "kinerja",
    "tertinggal": "tertinggal",
    "ketertinggalan": "tertinggal",
    "haki": "haki",
    # "berkelanjutan" (sustainable) is not "melanjutkan" (to continue)
    "berkelanjutan": "berkelanjutan",
    "keberlanjutan": "berkelanjutan",
}

@lru_cache(maxsize=1)
def _stemmer():
    import sys

    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Cache.ArrayCache import ArrayCache
    from Sastrawi.Stemmer.CachedStemmer import CachedStemmer
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # StemmerFactory.create_stemmer's pieces, with the dictionary of ~30,000 root words filled at once (its
    # add_words checks and adds them one call at a time: a third of making the stemmer)
    dictionary = ArrayDictionary()
    dictionary.words = {word: word for word in StemmerFactory().get_words() if word and word.strip()}
    stemmer = CachedStemmer(ArrayCache(), Stemmer(dictionary))
    # Sastrawi calls re.match / re.sub with pattern strings, ~80 fixed ones, and re.sub(stem, '', word) with
    # every stem it finds as a pattern: a new pattern per word, which pushes every other pattern of the
    # process out of re's cache (512 entries) and so has the analyser's and Sastrawi's own fixed patterns
    # compiled again and again (2,500 compilations over 90 documents: a third of the analysis). Its modules
    # get a regex front of their own instead: fixed patterns compiled once, a stem taken out as plain text.
    shim = _SastrawiRegexes()
    for name, module in list(sys.modules.items()):
        if name.startswith("Sastrawi.") and getattr(module, "re", None) is re:
            module.re = shim
    for visitor in _visitors(stemmer).get_prefix_visitors():
        _gate(visitor)
    return stemmer


def _visitors(stemmer):
    return getattr(stemmer, "delegatedStemmer", stemmer).visitor_provider


# What a word must open with for a Sastrawi prefix rule to apply (a regex): each rule's patterns open so
# ("^meng([aiueo])(.*)$", "^([bcdfghjklmnpqrstvwxyz])(er[aiueo])(.*)$"). A rule not listed is tried on every
# word, as Sastrawi does.
_C = "[bcdfghjklmnpqrstvwxyz]"
RULE_OPENING = {
    "1a": "ber", "1b": "ber", "2": "ber", "3": "ber", "4": "belajar", "5": "be", "6a": "ter", "6b": "ter",
    "7": "ter", "8": "ter", "9": "te", "10": "me", "11": "mem", "12": "mempe", "13a": "mem", "13b": "mem",
    "14": "men", "15a": "men", "15b": "men", "16": "meng", "17a": "meng", "17b": "meng", "17c": "menge",
    "17d": "meng", "18a": "meny", "18b": "meny", "19": "memp", "20": "pe", "21a": "per", "21b": "per",
    "23": "per", "24": "per", "25": "pem", "26a": "pem", "26b": "pem", "27": "pen", "28a": "pen", "28b": "pen",
    "29": "peng", "30a": "peng", "30b": "peng", "30c": "penge", "31a": "peny", "31b": "peny", "32": "pe",
    "34": "pe", "35": "ter", "36": "pe", "37a": _C + "er", "37b": _C + "er", "38a": _C + "el", "38b": _C + "el",
    "39a": _C + "em", "39b": _C + "em", "40a": _C + "in", "40b": _C + "in", "41": "ku", "42": "kau",
}


def _rule_opening(disambiguator) -> str | None:
    name = type(disambiguator).__name__
    return RULE_OPENING.get(name[len("DisambiguatorPrefixRule"):]) if name.startswith("DisambiguatorPrefixRule") else None


def _gate(visitor) -> None:
    """Sastrawi tries its ~40 prefix rules in turn on every word (each a regex or two); a group of rules
    is skipped on a word that opens as none of them needs (it would change nothing)."""
    openings = [_rule_opening(d) for d in getattr(visitor, "disambiguators", ())]
    if not openings or None in openings:
        return
    may_apply, visit = lazy.compile_now("|".join(dict.fromkeys(openings))).match, visitor.visit

    def visit_if_it_may_apply(context):
        if may_apply(context.current_word):
            visit(context)

    visitor.visit = visit_if_it_may_apply


_PLAIN = lazy.compile(r"[a-z0-9-]*")  # a pattern of these characters only matches itself


class _SastrawiRegexes:
    """``re`` as Sastrawi's modules use it (match, sub; flags by name), same results, compiled patterns kept."""

    def __init__(self) -> None:
        self._compiled: dict[tuple[str, int], re.Pattern] = {}

    def __getattr__(self, name: str):
        return getattr(re, name)

    def _pattern(self, pattern: str, flags: int) -> re.Pattern:
        key = (pattern, int(flags))
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = lazy.compile_now(pattern, flags)
        return found

    def match(self, pattern: str, string: str, flags: int = 0):
        return self._pattern(pattern, flags).match(string)

    def sub(self, pattern: str, repl: str, string: str, count: int = 0, flags: int = 0) -> str:
        if not flags and repl == "" and pattern and _PLAIN.fullmatch(pattern):
            return string.replace(pattern, "", count or -1)  # a word as the pattern: plain text
        return self._pattern(pattern, flags).sub(repl, string, count)


_KNOWN: dict[str, str] = {}


def seed_stems(table: dict[str, str]) -> None:
    """Stems computed at build time for every word of the nomenclature and lexicon (Sastrawi is slow)."""
    _KNOWN.update(table)
    _KNOWN.update(STEM_OVERRIDES)


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The Sastrawi stem of one lower-case token (numbers and short words are kept as they are)."""
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    known = _KNOWN.get(word)
    if known is not None:
        return known
    if len(word) <= 3 or not word.isalpha():
        return word
    met = _met().get(word)
    if met is not None:
        return met
    stemmer = _stemmer()
    if _LOWER_ASCII.fullmatch(word):  # what Sastrawi would normalise it to already: its word stemmer directly
        stem = getattr(stemmer, "delegatedStemmer", stemmer).stem_word(word) or word
    else:
        stem = stemmer.stem(word) or word
    if not _MET_NEW:
        atexit.register(save_met)
    _MET_NEW[word] = stem
    return stem


# -- Sastrawi's stems kept between processes --------------------------------------------------------------------
# Words beyond the tables above (some of the lexicon's, most of a document's) go to Sastrawi, whose 70 modules and
# 30,000-word dictionary take ~15 ms to load. What it said is kept in the cache folder (janji.cache), so a run whose
# words were all met before on this machine does not load it. The file is named after the dictionary, Sastrawi's
# stemmer and this module (a change to any of them starts a new file); the stems are Sastrawi's own.
MAX_MET = 20_000  # words in the file (~0.4 MB, ~2 ms to read); past it, the most recently stemmed are kept
_MET: dict[str, str] | None = None  # read at the first word the tables above do not hold
_MET_NEW: dict[str, str] = {}  # stemmed by this process, not in the file yet


@lru_cache(maxsize=1)
def _stemmer_digest() -> str | None:
    """SHA-256 of what Sastrawi's stems depend on: its dictionary, its stemmer and this module (None when they
    cannot be read)."""
    try:
        import Sastrawi  # the package alone: its modules are imported only to stem

        here = os.path.dirname(Sastrawi.__file__)
        digest = hashlib.sha256()
        for path in (os.path.join(here, "Stemmer", "data", "kata-dasar.txt"), os.path.join(here, "Stemmer", "Stemmer.py"),
                     __file__):
            with open(path, "rb") as fh:
                digest.update(fh.read())
    except (ImportError, OSError, TypeError):
        return None
    return digest.hexdigest()


def met_file() -> Path | None:
    """The file of Sastrawi's stems kept between processes; None when ``JANJI_CACHE_DIR`` is empty (or Sastrawi's
    files cannot be read)."""
    folder, digest = cache.folder(), _stemmer_digest()
    if folder is None or digest is None:
        return None
    return folder / f"stems-{digest[:32]}.marshal"


def fingerprint() -> bytes | None:
    """What a word's stem depends on in this process: Sastrawi's files, this module and the table given to
    :func:`seed_stems` so far; None when they cannot be read. A form derived from stems (the classifier's
    lexicons) is kept in the cache folder under it."""
    digest = _stemmer_digest()
    if digest is None:
        return None
    return digest.encode() + hashlib.sha256(marshal.dumps(list(_KNOWN.items()))).digest()


def _met() -> dict[str, str]:
    global _MET
    if _MET is None:
        found = cache.read(met_file())
        _MET = found if isinstance(found, dict) else {}
    return _MET


def save_met() -> None:
    """Add the stems this process asked Sastrawi for to the file (merged with what is there)."""
    path = met_file()
    if path is None or not _MET_NEW:
        return
    found = cache.read(path)
    table = found if isinstance(found, dict) else {}
    table.update(_MET_NEW)
    if len(table) > MAX_MET:
        table = dict(list(table.items())[-MAX_MET:])
    if cache.write(path, table, replaces=path.parent.glob("stems-*.marshal")):
        _MET_NEW.clear()


_LOWER_ASCII = lazy.compile(r"[a-z]+")


def tokens(text: str) -> list[str]:
    """Lower-case words and numbers of a text (NFKC; punctuation, accents and hyphens split words)."""
    return TOKEN.findall(unicodedata.normalize("NFKC", text or "").lower())


def stems(text: str) -> list[str]:
    return [stem_word(t) for t in tokens(text)]
