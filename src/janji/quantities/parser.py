"""Find the quantities a promise commits to in one piece of text.

The text is cut into tokens (numbers, words, symbols). Spans that only look
like amounts — dates, clock times, phone numbers, list labels, regulation
numbers, names such as "Elpiji 3 kg" — are masked first. Every remaining
number (in digits or in words) is then read with what surrounds it: the
money prefix ("Rp"), a scale ("juta"), the unit after it ("titik") or,
failing that, the noun before it ("puskesmas 35"), and a rate after it
("/tahun", "per RT", "di setiap rumah", "dalam 1 tahun"). Last, pairs are
resolved: a range "Rp15–20 juta" shares its scale and unit, and a change
"dari 10% menjadi 20%" keeps only its target.

Example:
    >>> [(q.value, q.unit, q.per) for q in parse("Bantuan bagi 10.000 anak/tahun (Rp1.800.000/tahun)")]
    [(10000, 'anak', 'tahun'), (1800000, 'rupiah', 'tahun')]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from janji.document import Quantity
from janji.lang import lazy
from janji.lang.numbers import CARDINAL, NUMBER_WORDS, SCALES, format_number, longest_first, parse_digits, words_value
from janji.quantities.units import (
    ARTICLE_SE,
    COUNTING_UNITS,
    INDEX_WORDS,
    LABEL_WORDS,
    MEASURES,
    MONEY_WORDS,
    MONTHS,
    MULTIWORD_UNITS,
    NAME_PATTERNS,
    PER_NOUNS,
    SE_PERIODS,
    STOPWORDS,
    STRUCTURE_WORDS,
    TIME_UNITS,
    format_per,
    normalise_unit,
)
from janji.lang.gate import Gated

_TOKEN = lazy.compile(r"(?P<n>\d+(?:[.,]\d+)*)|(?P<w>[^\W\d_]+(?:['’-][^\W\d_]+)*)|(?P<p>[^\s\w]|_)")

_MONTHS = "|".join(longest_first(MONTHS))
_NOT_IN_NUMBER = r"(?<![\d.,])"
_MONTH_WORDS = tuple(MONTHS)
# (substrings one of which the lower-cased text must hold, pattern). The cheap
# substring test skips most patterns on most texts: parse runs on every item
# of a national corpus.
_MASKS = tuple((trigger, lazy.compile(p, re.IGNORECASE)) for trigger, p in [
    # dates and fractions: (25/10/2024), (8/9), 2024/2025, UU 23/2014; 25-10-2024
    (("/",), _NOT_IN_NUMBER + r"\d{1,4}\s*/\s*\d{1,4}(?:\s*/\s*\d{2,4})?(?![\d])"),
    (("-", "."), _NOT_IN_NUMBER + r"\d{1,2}[-.]\d{1,2}[-.]\d{2,4}(?!\d)"),
    # 27 November (2024), November 2024
    (_MONTH_WORDS, _NOT_IN_NUMBER + rf"\d{{1,2}}\s+(?:{_MONTHS})\b\.?(?:\s+\d{{4}})?"),
    (_MONTH_WORDS, rf"\b(?:{_MONTHS})\.?\s+\d{{4}}\b"),
    # ranks: "masuk 10 besar"; classes: "hotel (ber)bintang 5", "bintang lima" (a rating, not a target)
    (("besar",), _NOT_IN_NUMBER + r"\d{1,3}\s+besar\b"),
    (("bintang",), r"\b(?:ber)?bintang\s+(?:\d{1,2}|" + CARDINAL + r")\b"),
    # clock times: pukul 19.00, 09.00 WITA, jam 10 pagi, 13:30
    (("pukul", "pkl"), r"\b(?:pukul|pkl\.?)\s*\d{1,2}(?:[.:]\d{2})?"),
    (("jam",), r"\bjam\s+\d{1,2}(?:[.:]\d{2}|\s+(?:pagi|siang|sore|malam))"),
    (("wib", "wit"), _NOT_IN_NUMBER + r"\d{1,2}[.:]\d{2}\s*(?:wib|wita|wit)\b"),
    ((":",), _NOT_IN_NUMBER + r"\d{1,2}:\d{2}(?!\d)"),
    # phone numbers: 0812-3456-7890, (021) 555 1234, +62 812 ...
    (("0", "+62"), r"(?:\+62|\(0\d{1,3}\)|(?<![\d.,])0\d{2,4})[\s-]?\d{3,4}[\s-]?\d{2,5}(?:[\s-]?\d{2,5})?"),
    # list labels: "1." "2)" "(3)" "3.2.1" at the start of a line, after a
    # sentence or a colon; and "(1)" anywhere
    ((".", ")", "]"), r"(?:^|(?<=\n))[ \t]*[(\[]?\d{1,3}(?:\.\d{1,3})*[.)\]](?=\s|$)"),
    ((".", ")"), r"(?:(?<=[.:;])|(?<=[.:;]\s))\s*\d{1,2}[.)](?=\s+[A-Z])"),
    (("(", "["), r"[(\[]\s*\d{1,3}\s*[)\]]"),
    # names that hold a number
    *[(trigger, r"\b" + p) for trigger, p in NAME_PATTERNS],
])


# Letters glued to a number that still leave it an amount: "10rb", "5km", "20%".
_GLUED_UNITS = frozenset("km kg ha m m2 cm mm ton mw kw kwh gb mbps liter l x th thn jt rb ribu juta".split())
# Words between "dari X" and "menjadi Y" (a change: only Y counts).
_YEAR_NOTE = r"(?:\s*\(\s*\d{4}\s*\)|\s+(?:pada|di)?\s*(?:akhir\s+|awal\s+)?(?:tahun\s+)?\d{4})?"
_CHANGE = lazy.compile(r"^" + _YEAR_NOTE + r"\s*(?:,\s*)?(?:menjadi|jadi|ke|hingga|sampai|sampai\s+dengan)\s+(?:sebesar\s+|sebanyak\s+)?(?:Rp\.?\s*)?$", re.I)
_FROM = lazy.compile(r"\b(?:dari|dr\.?)\s+(?:semula\s+|sebelumnya\s+|sebesar\s+|sebanyak\s+)?(?:Rp\.?\s*)?$", re.I)
_RANGE = lazy.compile(r"^\s*(?:[-–—]|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*(?:Rp\.?\s*)?$", re.I)
# A count that introduces a list is description, not a target:
# "sinergi tiga domain, yaitu masyarakat, swasta, dan pemerintah".
_ENUMERATION = lazy.compile(
    r"(?:\s+[^\W\d_]+){0,3}\s*(?::\s|:$|,\s*(?:pertama|kesatu)\b|,?\s*(?:yaitu|yakni|antara\s+lain|meliputi"
    r"|terdiri|di\s*antaranya)\b)",
    re.I,
)
# Words allowed between a bare number and the noun before it ("RS swasta: 29",
# "kunjungan wisatawan mencapai 2,4 juta").
_LINK_WORDS = frozenset("dari naik turun meningkat menurun sebanyak sebesar sejumlah mencapai capai menjadi sekitar adalah ialah tercatat".split())
# Verbs by their affixes ("meningkatkan", "membangun", "ditargetkan"): never the noun a number counts.
_VERB = lazy.compile(r"^(?:(?:meng|meny|mem|men)[a-z]{3,}|me[lrw][a-z]{3,}|(?:ber|ter|di|per)[a-z]{3,}(?:kan|i))$")
# Words that say "how many" rather than what: dropped from a unit taken from before.
_MEASURE_WORDS = frozenset("jumlah total target capaian banyak sebanyak".split())
_CURRENCY_PREFIX = {"rp": "rupiah", "idr": "rupiah", "usd": "usd"}
_MONEY_LETTER_SCALES = {"m": 1_000_000_000, "t": 1_000_000_000_000, "k": 1_000}
_SPELLED = "|".join(longest_first(NUMBER_WORDS))
# "satu keluarga satu sarjana", "1 Desa 1 Produk": one of the second per one of the first.
_DISTRIBUTIVE = lazy.compile(
    rf"(?<![\w.,])(?:satu|1)\s+([^\W\d_]+)\s+((?:\d+(?:[.,]\d+)*(?:\s+(?:ribu|juta|miliar|milyar|triliun))?"
    rf"|(?:{_SPELLED})(?:\s+(?:{_SPELLED}))*))(?:\s+([^\W\d_]+))?\b",
    re.IGNORECASE,
)


@dataclass
class _Token:
    kind: str  # "n" number, "w" word, "p" symbol
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass
class _Candidate:
    value: float
    start: int
    end: int  # end of the quantity's own text (number, scale, unit)
    num_start: int  # where the number (or its money prefix) starts
    unit: str | None  # None: nothing after the number names a unit
    per: list[str] = field(default_factory=list)
    money: bool = False
    scale: int = 1
    before_unit: str | None = None  # the noun before a bare number, if any
    spelled: bool = False


def tokenize(text: str) -> list[_Token]:
    """Numbers, words and symbols with their offsets. A hyphenated word stays one
    token only when it is a reduplication ("anak-anak", "masing-masing");
    otherwise its parts are read apart ("juta-Rp" in "Rp 1 juta-Rp 2 juta")."""
    out = []
    for m in _TOKEN.finditer(text):
        kind, word = m.lastgroup, m.group()
        if kind == "w" and "-" in word:
            parts = word.split("-")
            if len({p.lower() for p in parts}) > 1:
                pos = m.start()
                for n, part in enumerate(parts):
                    if n:
                        out.append(_Token("p", "-", pos, pos + 1))
                        pos += 1
                    out.append(_Token("w", part, pos, pos + len(part)))
                    pos += len(part)
                continue
        out.append(_Token(kind, word, m.start(), m.end()))
    return out


def parse(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order.

    Example:
        >>> [(q.value, q.unit) for q in parse("Pemeliharaan jalan lingkungan 166,2 km")]
        [(166.2, 'km')]
        >>> [(q.value, q.unit, q.per) for q in parse("satu keluarga satu sarjana")]
        [(1, 'sarjana', 'keluarga')]
    """
    if not text or not _has_number(text):
        return []
    return _Parser(text).run()


_DIGIT = lazy.compile(r"\d")
_ANY_NUMBER_WORD = Gated(lazy.compile(rf"\b(?:{_SPELLED})\b", re.IGNORECASE))


def _has_number(text: str) -> bool:
    return bool(_DIGIT.search(text) or _ANY_NUMBER_WORD.search(text))


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.starts = [t.start for t in self.tokens]
        low = text.lower()
        self.masked = sorted(m.span() for trigger, mask in _MASKS if any(w in low for w in trigger)
                             for m in mask.finditer(text))
        self.masked_starts = {self.tokens[k].start for k in self.mask_tokens()}
        self.consumed: set[int] = set()
        self.candidates: list[_Candidate] = []

    # -- helpers over tokens -------------------------------------------------
    def tok(self, i: int) -> _Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def glued(self, i: int, j: int) -> bool:
        """Tokens i and j (i < j, neighbours) touch with no space between."""
        a, b = self.tok(i), self.tok(j)
        return a is not None and b is not None and a.end == b.start

    def mask_tokens(self) -> set[int]:
        """Indices of tokens that overlap a masked span (one sweep: texts may be whole documents)."""
        out: set[int] = set()
        spans = self.masked
        m = 0
        for k, t in enumerate(self.tokens):
            while m < len(spans) and spans[m][1] <= t.start:
                m += 1
            n = m
            while n < len(spans) and spans[n][0] < t.end:
                if spans[n][1] > t.start:
                    out.add(k)
                    break
                n += 1
        return out

    def is_masked(self, t: _Token) -> bool:
        return t.start in self.masked_starts

    def word(self, i: int) -> str | None:
        t = self.tok(i)
        return t.low if t is not None and t.kind == "w" else None

    # -- the scan ------------------------------------------------------------
    def run(self) -> list[Quantity]:
        self.distributive()
        i = 0
        while i < len(self.tokens):
            t = self.tokens[i]
            if i in self.consumed or self.is_masked(t):
                i += 1
                continue
            nxt = None
            if t.kind == "n":
                nxt = self.read_digits(i)
            elif t.kind == "w" and t.low in NUMBER_WORDS:
                nxt = self.read_words(i)
            i = nxt if nxt is not None else i + 1
        self.resolve_pairs()
        out = []
        for c in self.candidates:
            if c.unit is None:
                continue
            value = c.value
            if isinstance(value, float):
                value = round(value, 6)  # "4,1 juta" is 4100000, not 4099999.9999999995
                if value.is_integer():
                    value = int(value)
            out.append(Quantity(value=value, unit=c.unit, per="/".join(c.per) or None,
                                text=self.text[c.start:c.end], span=(c.start, c.end)))
        return out

    def distributive(self) -> None:
        for m in _DISTRIBUTIVE.finditer(self.text):
            first, count, unit = m.group(1), m.group(2), m.group(3)
            if first.lower() not in PER_NOUNS:
                continue
            words = count.lower().split()
            if count[0].isdigit():
                value = parse_digits(words[0])
                if value is not None and len(words) > 1:
                    value *= SCALES[words[1]]
            else:
                value = words_value(words)
            if not value:
                continue
            end = m.end()
            if unit is None or unit.lower() in STOPWORDS or unit.lower() in NUMBER_WORDS:
                if not (set(words) & {"juta", "miliar", "milyar", "triliun"}):
                    continue
                unit, end = "rupiah", m.end(2)  # "Satu Desa Satu Miliar": an amount of money
            else:
                unit = normalise_unit(unit)
            if any(s < m.end() and m.start() < e for s, e in self.masked):
                continue
            self.candidates.append(_Candidate(value=value, start=m.start(), end=end, num_start=m.start(2),
                                              unit=unit, per=[format_per(first)]))
            k = bisect.bisect_left(self.starts, m.start())
            while k < len(self.tokens) and self.tokens[k].start < end:
                self.consumed.add(k)
                k += 1

    def read_digits(self, i: int) -> int | None:
        t = self.tokens[i]
        prev = self.tok(i - 1)
        money = None
        num_start = t.start
        # What touches the number on its left decides whether it is one at all.
        if prev is not None and self.glued(i - 1, i):
            if prev.kind == "w":
                if prev.low not in _CURRENCY_PREFIX:
                    return None  # "S3", "TPS3", "Covid19"
                money, num_start = _CURRENCY_PREFIX[prev.low], prev.start
            elif prev.text == "." and self.word(i - 2) in _CURRENCY_PREFIX and self.glued(i - 2, i - 1):
                money, num_start = _CURRENCY_PREFIX[self.word(i - 2)], self.tokens[i - 2].start
            elif prev.text in "-–—":
                before = self.tok(i - 2)
                if before is not None and self.glued(i - 2, i - 1) and before.kind == "w":
                    return None  # "Covid-19", "TPS-3R", "ke-3"
            elif prev.text in "+#@/\\":
                return None
        if money is None:
            money, num_start = self.money_before(i, num_start)
        value = parse_digits(t.text)
        nxt = self.tok(i + 1)
        if value is None:
            # "2.5 km", "5.5%": an English decimal, taken only before a measure.
            m = re.fullmatch(r"(\d+)\.(\d{1,2})", t.text)
            after = nxt.low if nxt is not None else ""
            if not (m and (after == "%" or after in MEASURES or (after in SCALES and SCALES[after])
                           or (money and after in _MONEY_LETTER_SCALES))):
                return None
            value = float(t.text)
        if re.fullmatch(r"0\d+", t.text):
            return None  # "nomor urut 01", "RT 05"
        j = i + 1
        scale = 1
        # Letters glued on the right: a scale or unit ("10rb", "5km") or a name ("3D", "6A").
        if nxt is not None and self.glued(i, i + 1):
            if nxt.kind == "w" and not (nxt.low in _GLUED_UNITS or nxt.low in SCALES
                                        or (money and nxt.low in _MONEY_LETTER_SCALES)):
                return None
            if nxt.kind == "n":
                return None
            if nxt.text in "-–—" and self.word(i + 2) is not None and self.glued(i + 1, i + 2):
                return None  # "3-in-1", "5-an"
        following = self.word(i + 1)
        if self.is_year(t.text, value, money) and following not in COUNTING_UNITS:
            return None
        if self.label_before(i) and not self.unit_word(following) and following not in SCALES:
            return None
        # scale
        w = self.tok(j)
        if w is not None and w.kind == "w":
            if w.low in SCALES:
                if not SCALES[w.low]:
                    return None  # "ribuan"
                scale = SCALES[w.low]
                j += 1
            elif money and w.low in _MONEY_LETTER_SCALES and (w.text.isupper() or self.glued(i, j)):
                scale = _MONEY_LETTER_SCALES[w.low]
                j += 1
        value = value * scale
        j = self.skip_restatement(j, value / scale, value)
        return self.finish(i, j, value, num_start, money, scale, spelled=False)

    def read_words(self, i: int) -> int | None:
        run = [i]
        while True:
            k = run[-1] + 1
            w = self.tok(k)
            if w is None or w.kind != "w" or w.low not in NUMBER_WORDS or k in self.consumed or self.is_masked(w):
                break
            run.append(k)
        prev_word = self.word(i - 1)
        if self.label_before(i) and not any(self.tokens[k].low in SCALES or self.tokens[k].low in ("seribu", "sejuta")
                                            for k in run):
            return run[-1] + 1  # "kandidat nomor dua" (but "Program Tiga Juta Rumah" counts)
        if prev_word == "salah" or (self.tok(i - 1) is not None and self.glued(i - 1, i)):
            return None  # "salah satu"
        for n in range(len(run), 0, -1):
            words = [self.tokens[k].low for k in run[:n]]
            value = words_value(words)
            if value is None:
                continue
            if words == ["satu"] or value == 0:
                # "satu" is mostly the article "one/a" ("lewat satu tombol");
                # counted only in the patterns read elsewhere (distributive, rates).
                return run[0] + 1
            last = run[n - 1]
            money, num_start = self.money_before(i, self.tokens[i].start)
            j = self.skip_restatement(last + 1, value, value)  # "sepuluh (10) desa"
            # "dua juta": an amount with its scale, read as "2 juta" would be
            scale = SCALES.get(self.tokens[last].low) or {"sejuta": 1_000_000, "seribu": 1_000}.get(self.tokens[last].low, 1)
            return self.finish(i, j, value, num_start, money, scale, spelled=True)
        return None

    def money_before(self, i: int, start: int) -> tuple[str | None, int]:
        """"Rp 250 juta", "Rp. 5 miliar": a currency word before the number."""
        prev = self.tok(i - 1)
        if prev is not None and prev.kind == "w" and prev.low in _CURRENCY_PREFIX:
            return _CURRENCY_PREFIX[prev.low], prev.start
        if prev is not None and prev.text == "." and self.word(i - 2) in _CURRENCY_PREFIX:
            return _CURRENCY_PREFIX[self.word(i - 2)], self.tokens[i - 2].start
        return None, start

    def is_year(self, digits: str, value, money) -> bool:
        return not money and len(digits) == 4 and digits.isdigit() and 1900 <= value <= 2099

    def label_before(self, i: int) -> bool:
        """"Sasaran 2", "nomor urut 1", "No. 5", "Misi 3:" — the number is a label."""
        k = i - 1
        t = self.tok(k)
        if t is not None and t.text in ".:" and t.kind == "p":
            k -= 1
        word = self.word(k)
        return word in LABEL_WORDS

    @staticmethod
    def unit_word(word: str | None) -> bool:
        return word is not None and (word in TIME_UNITS or word in COUNTING_UNITS or word in MEASURES)

    def skip_restatement(self, j: int, bare: float, value: float) -> int:
        """"10 (sepuluh) prinsip": the number spelled again in brackets."""
        t = self.tok(j)
        if t is None or t.text != "(":
            return j
        k = j + 1
        words = []
        while self.word(k) in NUMBER_WORDS:
            words.append(self.word(k))
            k += 1
        if not words and self.tok(k) is not None and self.tok(k).kind == "n":
            number = parse_digits(self.tok(k).text)
            k += 1
        else:
            number = words_value(words) if words else None
        close = self.tok(k)
        if number is not None and close is not None and close.text == ")" and number in (bare, value):
            for m in range(j, k + 1):
                self.consumed.add(m)
            return k + 1
        return j

    def finish(self, i: int, j: int, value, num_start: int, money, scale: int, spelled: bool) -> int:
        """Read unit and rate after token j-1 and keep the candidate; returns the next token to scan."""
        end = self.tokens[j - 1].end
        unit = None
        t = self.tok(j)
        if t is not None and t.text == "%":
            unit, end, j = "persen", t.end, j + 1
        elif money:
            unit = money
            if t is not None and t.text == "," and self.glued(j - 1, j) and (self.tok(j + 1) or t).text in "-–":
                end, j = self.tokens[j + 1].end, j + 2  # "Rp 500.000,-"
        elif t is not None and t.kind == "w" and self.is_unit(t, j):
            second = self.word(j + 1)
            if second is not None and f"{t.low} {second}" in MULTIWORD_UNITS:
                unit, end, j = f"{t.low} {second}", self.tokens[j + 1].end, j + 2
            else:
                unit, end, j = normalise_unit(t.text), t.end, j + 1
                power = self.tok(j)
                if unit in ("km", "m", "cm") and power is not None and power.text in ("2", "3") and self.glued(j - 1, j):
                    unit, end, j = unit + power.text, power.end, j + 1  # "km2", "m3"
        if unit == "rupiah" and money is None:
            money = "rupiah"
        per, j_after = self.read_per(j)
        if not per and unit is not None and unit != "persen":
            # "2 unit ambulans setiap desa": the rate may follow a word or two
            # that qualify the unit.
            for skip in (1, 2):
                words = [self.tok(j + k) for k in range(skip)]
                if not all(w is not None and w.kind == "w" and w.low not in STOPWORDS for w in words):
                    break
                if self.text[self.tokens[j - 1].end:words[-1].end].count("\n") or any(
                        c in self.text[self.tokens[j - 1].end:words[-1].end] for c in ",.;:()"):
                    break
                per, j_after = self.read_per(j + skip)
                if per:
                    break
        cand = _Candidate(value=value, start=num_start, end=end, num_start=num_start, unit=unit,
                          per=per, money=bool(money), scale=scale, spelled=spelled)
        if unit is None:
            if spelled and scale == 1:
                return j_after  # a spelled number needs its unit after it ("lima tahun"), unless it is an amount
            self.noun_before(i, cand)
        if unit is not None and (_ENUMERATION.match(self.text, end) or unit in STRUCTURE_WORDS
                                 or unit.split(" ")[0] in STRUCTURE_WORDS):
            return j_after
        self.candidates.append(cand)
        return j_after

    def is_unit(self, t: _Token, j: int) -> bool:
        low = t.low
        if low in STOPWORDS or low in NUMBER_WORDS or low in MONTHS or low in SCALES or low in ARTICLE_SE:
            return False
        if low in SE_PERIODS or (low.startswith("per") and low[3:] in PER_NOUNS):
            return False
        if not self.glued(j - 1, j) and self.tokens[j - 1].end < t.start:
            gap = self.text[self.tokens[j - 1].end:t.start]
            if gap.strip():
                return False
        return True

    @staticmethod
    def per_word(token: _Token) -> str:
        """"tahunnya" -> "tahun": a rate word without its "-nya"."""
        low = token.low
        if low.endswith("nya") and low[:-3] in PER_NOUNS:
            return low[:-3]
        return format_per(token.text)

    def read_per(self, j: int) -> tuple[list[str], int]:
        """Rates after a quantity: "/tahun", "per tahun per RT", "perdesa", "setiap kecamatan",
        "di setiap rumah", "dalam 1 tahun", "sebulan"."""
        per: list[str] = []
        while True:
            t = self.tok(j)
            if t is None:
                break
            low = t.low
            nxt = self.tok(j + 1)
            if t.text == "/" and nxt is not None and nxt.kind == "w" and nxt.low in PER_NOUNS:
                per.append(format_per(nxt.text))
                j += 2
            elif (low == "per" and nxt is not None and nxt.kind == "n" and parse_digits(nxt.text)
                  and self.word(j + 2) is not None and self.word(j + 2) not in STOPWORDS):
                # "100 per 100.000 kelahiran hidup": a rate over a population
                per.append(f"{format_number(parse_digits(nxt.text))} {self.word(j + 2)}")
                self.consumed.update({j + 1, j + 2})
                j += 3
            elif low == "per" and nxt is not None and nxt.kind == "w" and nxt.low not in STOPWORDS:
                second = self.word(j + 2)
                if second is not None and f"{nxt.low} {second}" in MULTIWORD_UNITS:
                    per.append(f"{nxt.low} {second}")  # "per kepala keluarga"
                    j += 3
                else:
                    per.append(self.per_word(nxt))
                    j += 2
            elif t.kind == "w" and low.startswith("per") and low[3:] in PER_NOUNS:
                per.append(format_per(t.text[3:]))
                j += 1
            elif t.kind == "w" and low in SE_PERIODS:
                per.append(SE_PERIODS[low])
                j += 1
            elif low in ("setiap", "tiap") and nxt is not None and nxt.kind == "w" and nxt.low not in STOPWORDS:
                per.append(self.per_word(nxt))
                j += 2
            elif (low in ("di", "untuk", "bagi", "pada") and self.word(j + 1) in ("setiap", "tiap")
                  and self.word(j + 2) is not None and self.word(j + 2) not in STOPWORDS):
                per.append(self.per_word(self.tokens[j + 2]))
                j += 3
            elif low == "dalam" and nxt is not None and nxt.low in SE_PERIODS:
                per.append(SE_PERIODS[nxt.low])
                j += 2
            elif (low == "dalam" and nxt is not None and nxt.low in ("1", "satu")
                  and self.word(j + 2) in TIME_UNITS):
                per.append(self.word(j + 2))
                self.consumed.update({j + 1, j + 2})
                j += 3
            else:
                break
        return per, j

    def noun_before(self, i: int, cand: _Candidate) -> None:
        """A bare number takes the noun before it as unit: "puskesmas 35", "RS swasta: 29",
        "kunjungan wisatawan 2,4 juta"; an index has none ("IPM 71,46")."""
        k = i - 1
        t = self.tok(k)
        if t is not None and t.text == ":":
            k -= 1
        links = []
        while self.word(k) in _LINK_WORDS and len(links) < 3:
            links.append(self.word(k))
            k -= 1
        if links and self.word(k) in ("ini", "itu", "tersebut"):
            k -= 1  # "penerima bantuan ini mencapai 12 ribu": the noun stands before its determiner
        words: list[int] = []
        close, inner, open_ = self.tok(k), self.tok(k - 1), self.tok(k - 2)
        if (close is not None and close.text == ")" and inner is not None and inner.kind == "w"
                and open_ is not None and open_.text == "("):
            # "Indeks Pembangunan Manusia (IPM) 72": the acronym names it
            words.append(k - 1)
            k -= 3
            acronym = True
        else:
            acronym = False
        while len(words) < 2 and not acronym:
            t = self.tok(k)
            if (t is None or t.kind != "w" or t.low in STOPWORDS or t.low in LABEL_WORDS or self.is_masked(t)
                    or _VERB.match(t.low)):
                break
            if words and self.text[t.end:self.tokens[words[-1]].start].strip():
                break  # punctuation between the two words
            if not words and t.kind == "w" and self.text[t.end:self.tokens[i].start].strip(" \t\n:") and not links:
                break
            words.append(k)
            k -= 1
        lows = [self.tokens[k].low for k in reversed(words)]
        if lows and lows[-1].endswith("nya"):
            lows, words = [], []  # "jumlahnya 29": no noun to count with
        while lows and lows[0] in _MEASURE_WORDS:
            lows = lows[1:]  # "jumlah sekolah 35" counts sekolah
        if any(w in INDEX_WORDS for w in lows) or (words and self.word(k) in INDEX_WORDS):
            cand.unit = ""
        elif cand.scale > 1 and any(w in MONEY_WORDS for w in lows[:1] + links):  # the head noun: "penerima beasiswa"
            cand.unit = "rupiah"
            cand.money = True
        elif lows:
            cand.unit = " ".join(normalise_unit(w) for w in lows)
        if cand.unit is not None and words:
            cand.start = self.tokens[words[-1] - (1 if acronym else 0)].start
        cand.before_unit = cand.unit

    def resolve_pairs(self) -> None:
        """Ranges share their scale and unit; a change keeps only its target."""
        cands = sorted(self.candidates, key=lambda c: c.num_start)
        drop = set()
        for a, b in zip(cands, cands[1:]):
            between = self.text[a.end:b.num_start]
            if a.end > b.num_start:
                continue
            if _CHANGE.match(between) and _FROM.search(self.text[max(0, a.num_start - 40):a.num_start]):
                drop.add(id(a))
                if b.unit in (None, "") and a.unit is not None:
                    b.unit = a.unit
                continue
            if _RANGE.match(between):
                if a.scale == 1 and b.scale > 1 and not a.spelled:
                    a.value *= b.scale
                    a.scale = b.scale
                if a.money and not b.money:
                    b.unit, b.money = a.unit, True
                elif b.unit and (a.unit is None or a.unit == a.before_unit):
                    a.unit = b.unit
                    a.start = a.num_start  # the noun before is no longer part of it
                if not a.per and b.per:
                    a.per = list(b.per)
                if b.unit is None and a.unit is not None:
                    b.unit = a.unit
        self.candidates = [c for c in cands if id(c) not in drop]
