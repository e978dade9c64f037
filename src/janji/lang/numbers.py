"""Indonesian numbers: digit strings, scale words, number words and ordinals — the one table of them.

Indonesian writes a dot between thousands and a comma before decimals
("12.345.678", "166,2"), adds a scale word for big amounts ("1,5 juta",
"40 ribu", "Rp 2,5 miliar") and spells small numbers ("lima", "dua belas",
"seratus", "sejuta"). Ordinals are "pertama", "kesatu", "kedua" … "kedua
belas", written also "ke-8", "ke 8", "ke empat". This module turns each of
those into a number, and back again (:func:`format_number`, :func:`to_words`)
for display and tests.

Example:
    >>> parse_digits("12.345.678"), parse_digits("166,2"), parse_digits("4.0")
    (12345678, 166.2, None)
    >>> words_value(["dua", "belas"]), words_value(["sejuta"])
    (12, 1000000)
    >>> ordinal_value("Kedelapan"), ordinal_value("ke-12"), ordinal_value("ke empat"), ordinal_value("delapan")
    (8, 12, 4, None)
    >>> small_number("01"), small_number("tiga"), small_number("ketiga")
    (1, 3, 3)
"""
from __future__ import annotations

import re

from janji.lang import lazy

# "10.000", "1.234,5": dots only between groups of three digits.
_THOUSANDS = lazy.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
# "166,2", "5,77", "10": comma before the decimals.
_DECIMAL = lazy.compile(r"\d+(?:,\d+)?")
# "1,234,567": English thousands, seen in copied tables; needs two groups so
# that an Indonesian "1,500" (1.5) stays a decimal.
_ENGLISH_THOUSANDS = lazy.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")

# Scale words after a number, lower case. "M"/"T" are handled by the parser:
# they mean miliar/triliun only after "Rp".
SCALES: dict[str, int] = {
    "ribu": 1_000,
    "rb": 1_000,
    "ribuan": 0,  # vague ("ribuan warga"): not a number; 0 marks "refuse"
    "juta": 1_000_000,
    "jt": 1_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "milliar": 1_000_000_000,
    "triliun": 1_000_000_000_000,
    "trilyun": 1_000_000_000_000,
}

UNITS_WORDS: dict[str, int] = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}
# Words that stand for a whole number on their own ("se-" = one).
SE_WORDS: dict[str, int] = {
    "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1_000,
    "sejuta": 1_000_000, "semiliar": 1_000_000_000, "semilyar": 1_000_000_000,
    "setriliun": 1_000_000_000_000,
}
# Multipliers inside a spelled number: "dua puluh", "tiga ratus", "lima ribu".
MULTIPLIERS: dict[str, int] = {
    "belas": 0,  # "dua belas" = 10 + 2: handled apart
    "puluh": 10,
    "ratus": 100,
    "ribu": 1_000,
    "juta": 1_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "triliun": 1_000_000_000_000,
}
NUMBER_WORDS = frozenset(UNITS_WORDS) | frozenset(SE_WORDS) | frozenset(MULTIPLIERS)


def parse_digits(text: str) -> float | int | None:
    """The value of a digit string written the Indonesian way, or None.

    "10.000" -> 10000, "1.234,5" -> 1234.5, "166,2" -> 166.2, "7" -> 7.
    Strings that are not numbers in Indonesian notation — versions and
    times such as "4.0", "19.00", section numbers "3.2.2" — give None, so
    callers never mistake them for amounts.

    Example:
        >>> parse_digits("1.800.000")
        1800000
    """
    text = text.strip()
    if _THOUSANDS.fullmatch(text):
        whole, _, frac = text.partition(",")
        return _number(whole.replace(".", ""), frac)
    if _DECIMAL.fullmatch(text):
        whole, _, frac = text.partition(",")
        return _number(whole, frac)
    if _ENGLISH_THOUSANDS.fullmatch(text):
        whole, _, frac = text.partition(".")
        return _number(whole.replace(",", ""), frac)
    return None


def _number(whole: str, frac: str) -> float | int:
    if frac and frac.strip("0"):
        return float(f"{whole}.{frac}")
    return int(whole)


def words_value(words: list[str]) -> int | None:
    """The value of a spelled Indonesian number given as lower-case words, or None.

    Accepts what people write: "lima", "dua belas", "sebelas", "dua puluh
    lima", "seratus dua puluh", "tiga ratus ribu", "sejuta", "lima juta",
    "satu juta dua ratus ribu". Any other sequence ("dua dua", "puluh lima")
    gives None: the words are read leniently, then accepted only if they are
    how the value is spelled (:func:`to_words`), up to the usual variants
    ("satu ribu" for "seribu", "sejuta" for "satu juta", "milyar").

    Example:
        >>> words_value(["seratus", "dua", "puluh", "lima", "ribu"])
        125000
    """
    if not words or any(w not in NUMBER_WORDS for w in words):
        return None
    total = 0
    current = 0
    for word in words:
        if word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word == "belas":
            current += 10
        elif word == "puluh":
            digit = current % 10
            current += digit * 9
        elif word == "ratus":
            digit = current % 10
            current += digit * 99
        elif word in SE_WORDS and SE_WORDS[word] < 1000:
            current += SE_WORDS[word]
        elif word in SE_WORDS:
            total += SE_WORDS[word]
        else:  # ribu, juta, miliar, triliun
            if not current:
                return None
            total += current * MULTIPLIERS[word]
            current = 0
    value = total + current
    if value >= 10**15 or to_words(value) != " ".join(_canonical(words)):
        return None
    return value


_BIG = {"ribu", "juta", "miliar", "milyar", "triliun", "seribu", "sejuta", "semiliar", "semilyar", "setriliun"}
_SE_SPELLED = {"sejuta": ["satu", "juta"], "semiliar": ["satu", "miliar"], "semilyar": ["satu", "miliar"],
               "setriliun": ["satu", "triliun"], "milyar": ["miliar"]}
_SATU_JOINED = {"ribu": "seribu", "ratus": "seratus", "puluh": "sepuluh", "belas": "sebelas"}


def _canonical(words: list[str]) -> list[str]:
    """Words as :func:`to_words` spells them: "satu ribu" -> "seribu", "sejuta" -> "satu juta"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        at_group_start = not out or out[-1] in _BIG
        if word == "satu" and nxt in _SATU_JOINED and at_group_start:
            out.append(_SATU_JOINED[nxt])
            i += 2
            continue
        out.extend(_SE_SPELLED.get(word, [word]))
        i += 1
    return out


_UNITS_TEXT = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def to_words(n: int) -> str:
    """Spell a whole number 0 <= n < 10**15 in Indonesian ("dua belas", "seratus ribu").

    Example:
        >>> to_words(1_250_000)
        'satu juta dua ratus lima puluh ribu'
    """
    if n < 0 or n >= 10**15:
        raise ValueError(f"to_words: {n} out of range")
    if n == 0:
        return "nol"
    parts: list[str] = []
    for scale, name, se in ((10**12, "triliun", "setriliun"), (10**9, "miliar", "semiliar"),
                            (10**6, "juta", "sejuta"), (1000, "ribu", "seribu")):
        count, n = divmod(n, scale)
        if count == 1 and scale == 1000:
            parts.append(se)
        elif count:
            parts.append(f"{_below_thousand(count)} {name}")
    if n:
        parts.append(_below_thousand(n))
    return " ".join(parts)


def _below_thousand(n: int) -> str:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words.append(f"{_UNITS_TEXT[hundreds]} ratus")
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words.append(f"{_UNITS_TEXT[rest - 10]} belas")
    elif rest >= 20:
        tens, unit = divmod(rest, 10)
        words.append(f"{_UNITS_TEXT[tens]} puluh")
        if unit:
            words.append(_UNITS_TEXT[unit])
    elif rest:
        words.append(_UNITS_TEXT[rest])
    return " ".join(words)


def format_number(value: float | int, decimals: int | None = None) -> str:
    """Write a number the Indonesian way: "12.345.678", "1.234,5".

    Example:
        >>> format_number(1234.5), format_number(10000)
        ('1.234,5', '10.000')
    """
    negative = value < 0
    value = abs(value)
    if decimals is None:
        text = repr(float(value)) if isinstance(value, float) else str(int(value))
        if "e" in text or "E" in text:
            text = f"{value:f}"
    else:
        text = f"{value:.{decimals}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0") if decimals is None else frac
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + (f",{frac}" if frac else "")
    return f"-{out}" if negative else out


# -- small counts and ordinals ------------------------------------------------------------------

# Cardinal words for the small counts documents give their lists ("lima misi", "dua belas program").
CARDINALS: dict[str, int] = {to_words(n): n for n in range(1, 21)}
# Ordinal words: "pertama" and "kesatu" (1), then "ke" + the cardinal ("kedua", "kedua belas").
ORDINALS: dict[str, int] = {"pertama": 1, "kesatu": 1, **{"ke" + to_words(n): n for n in range(2, 21)}}
# Counts that say "several" without a number ("beberapa program", "sejumlah misi").
VAGUE_COUNTS = frozenset({"beberapa", "sejumlah", "berbagai", "sederet", "serangkaian"})


def longest_first(words) -> list[str]:
    """``words`` longest first, words of one length in alphabetical order: a regex alternation made of them
    is the same text in every process (a set's order changes with the hash seed; a pattern's text is the key
    of its compiled form kept between processes, :mod:`janji.lang.lazy`)."""
    return sorted(words, key=lambda w: (-len(w), w))


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first (so "kesatu" is tried before "satu"), spaces
    matching any run of white space."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in longest_first(words)) + ")"


# "ke-8", "ke 8", "ke- 12": an ordinal written with digits.
ORDINAL_DIGITS = r"ke\s?-?\s?\d{1,2}"
# Every written ordinal, as a regex: "pertama", "kedelapan", "kedua belas", "ke-8", "ke empat".
ORDINAL = "(?:" + ORDINAL_DIGITS + "|" + alternation(ORDINALS) + r"|ke\s+" + alternation(CARDINALS) + ")"
# Cardinals as a regex (what "misi dua", "Satu:" write).
CARDINAL = alternation(CARDINALS)


def ordinal_value(text: str) -> int | None:
    """The position an ordinal word names ("Ketiga" -> 3, "ke-8" -> 8, "ke empat" -> 4), else None."""
    low = re.sub(r"\s+", " ", text.strip().lower())
    if low in ORDINALS:
        return ORDINALS[low]
    m = re.fullmatch(r"ke\s?-?\s?(\d{1,2})", low)
    if m:
        return int(m.group(1))
    if low.startswith("ke "):
        return CARDINALS.get(low[3:])
    return None


def small_number(text: str) -> int | None:
    """A count or position written in digits, as a cardinal or as an ordinal ("02", "dua", "kedua")."""
    low = re.sub(r"\s+", " ", text.strip().lower())
    if low.isdigit():
        return int(low)
    return CARDINALS.get(low) or ordinal_value(low)

# Words that gather several ("para calon", "kedua paslon", "ketiga kandidat", "semua pasangan", "dua calon").
COLLECTIVE = r"(?:para|semua|seluruh|masing-masing|antar|" + ORDINAL + "|" + CARDINAL + ")"
