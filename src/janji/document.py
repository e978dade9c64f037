"""The one object every stage reads and writes, and its `janji/1` JSON form.

A :class:`Document` starts as source bytes, gets its text from a reader, is
cleaned, then structured into a tree of :class:`Item`; later stages add facts
(region, period, candidates), quantities, sectors and prose commitments. Each
stage only reads and writes attributes of this object (spaCy's ``Doc``).
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _json_str  # the C encoder where there is one
from typing import Any, Iterator

SCHEMA = "janji/1"

DOCUMENT_KINDS = ("campaign", "debate", "plan", "statement")
LIST_KINDS = ("vision", "mission", "goal", "program", "activity", "quick_win", "strategy")
PROSE_KINDS = ("commitment", "claim")
ITEM_KINDS = LIST_KINDS + PROSE_KINDS + ("other",)


@dataclass
class Quantity:
    """A number a promise commits to: ``10.000 titik`` -> value 10000, unit "titik"."""

    value: float
    unit: str = ""
    per: str | None = None
    text: str = ""
    span: tuple[int, int] | None = None  # offsets inside the item's text (not serialised)

    def to_json(self) -> dict[str, Any]:
        value: float | int = self.value
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            value = int(value)
        out: dict[str, Any] = {"value": value, "unit": self.unit}
        if self.per:
            out["per"] = self.per
        if self.text:
            out["text"] = self.text
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Quantity":
        return cls(value=data["value"], unit=data.get("unit", ""), per=data.get("per"), text=data.get("text", ""))


@dataclass
class Indicator:
    """A measure a plan sets for an item in a table row ("Indeks Pembangunan Manusia", satuan "Indeks", target
    for the last year "72,38"). The quantities stage reads its target into the item's quantities; the indicator
    itself is no item and is not serialised."""

    name: str
    target: str  # the final year's target as written: "72,38", "5,1 - 5,45", "Rp 3,5 miliar"
    unit: str = ""  # the Satuan cell as written ("%", "Tahun", "Rp"), "" if the table has none
    span: tuple[int, int] | None = None  # the target's cell in Document.text


@dataclass
class Item:
    """One node of the promise tree (a visi, misi, sasaran, program, kegiatan, commitment …)."""

    kind: str
    text: str
    label: str | None = None
    children: list["Item"] = field(default_factory=list)
    candidate: str | None = None  # head of the pair it belongs to, in documents about several pairs
    speaker: str | None = None  # for commitment / claim
    span: tuple[int, int] | None = None  # [start, end) in Document.text
    quantities: list[Quantity] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    scores: dict[str, Any] | None = None  # classifier scores, for explanation
    evidence: list[str] | None = None  # words / reference entries that decided the sectors
    measurability: dict[str, Any] | None = None
    indicators: list[Indicator] = field(default_factory=list)  # targets a plan's table sets for it (not serialised)

    def walk(self) -> Iterator["Item"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.label:
            out["label"] = self.label
        out["text"] = self.text
        if self.candidate:
            out["candidate"] = self.candidate
        if self.speaker:
            out["speaker"] = self.speaker
        if self.span is not None:
            out["span"] = [int(self.span[0]), int(self.span[1])]
        if self.quantities:
            out["quantities"] = [q.to_json() for q in self.quantities]
        if self.sectors:
            out["sectors"] = list(self.sectors)
        if self.sdgs:
            out["sdgs"] = list(self.sdgs)
        if self.measurability is not None:
            out["measurability"] = self.measurability
        if self.scores is not None:
            out["scores"] = self.scores
        if self.evidence is not None:
            out["evidence"] = self.evidence
        if self.children:
            out["children"] = [c.to_json() for c in self.children]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Item":
        span = data.get("span")
        return cls(
            kind=data["kind"],
            text=data["text"],
            label=data.get("label"),
            children=[cls.from_json(c) for c in data.get("children") or []],
            candidate=data.get("candidate"),
            speaker=data.get("speaker"),
            span=tuple(span) if span else None,
            quantities=[Quantity.from_json(q) for q in data.get("quantities") or []],
            sectors=list(data.get("sectors") or []),
            sdgs=list(data.get("sdgs") or []),
            scores=data.get("scores"),
            evidence=data.get("evidence"),
            measurability=data.get("measurability"),
        )


@dataclass
class Candidate:
    """A candidate pair (or a sole office holder)."""

    head: str
    deputy: str | None = None
    number: int | None = None
    parties: list[str] = field(default_factory=list)
    incumbent: bool | None = None
    aliases: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        """Every name the pair goes by in a text: head, deputy, aliases."""
        return [n for n in [self.head, self.deputy, *self.aliases] if n]

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "head": self.head,
            "deputy": self.deputy,
            "parties": list(self.parties),
            "incumbent": self.incumbent,
            "aliases": list(self.aliases),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Candidate":
        return cls(
            head=data["head"],
            deputy=data.get("deputy"),
            number=data.get("number"),
            parties=list(data.get("parties") or []),
            incumbent=data.get("incumbent"),
            aliases=list(data.get("aliases") or []),
        )


@dataclass
class Cell:
    """One cell of a source table: its text as it stands in ``Document.text`` at ``span``."""

    text: str
    span: tuple[int, int] | None = None  # None for an empty cell (or one the clean stage removed)


@dataclass
class Table:
    """A table of the source document as a grid: every row has one :class:`Cell` per column.

    A merged cell is the same ``Cell`` object at every position it covers; a reader that cannot tell a
    merge from an empty cell (HTML after extraction) leaves an empty cell there. Each cell's text stands
    once in ``Document.text`` (readers write a row as one line, cells joined by " | "), so items made from
    cells keep spans into the text like any other item.

        >>> a, b = Cell("Tujuan", (0, 6)), Cell("Sasaran", (9, 16))
        >>> Table([[a, b]]).texts()
        [['Tujuan', 'Sasaran']]
    """

    rows: list[list[Cell]] = field(default_factory=list)

    def texts(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.rows]

    def cells(self) -> list[Cell]:
        """Every distinct cell that has a place in the text, in reading order (rows, then columns)."""
        seen: set[int] = set()
        out = []
        for row in self.rows:
            for cell in row:
                if id(cell) not in seen and cell.span is not None:
                    seen.add(id(cell))
                    out.append(cell)
        return out


@dataclass
class Mention:
    """A place where the text names a candidate pair: by a name, an alias or a ballot number."""

    start: int
    end: int
    candidate: int  # index into Document.candidates
    surface: str = ""  # the name as the text writes it ("" for a bare ballot number)


@dataclass
class Region:
    name: str
    code: str | None = None
    level: str | None = None  # provinsi / kabupaten / kota

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "code": self.code, "level": self.level}


@dataclass
class Source:
    name: str
    sha256: str | None = None
    format: str | None = None  # text / html / pdf / docx / markdown
    title: str | None = None
    url: str | None = None
    publisher: str | None = None  # the site or body that published it ("Kabar Contoh", "KPU Kota X")
    published: str | None = None  # ISO 8601: a day ("2024-09-23") or an instant in UTC ("2024-09-23T03:15:00Z")
    ocr_pages: list[int] | None = None  # PDF pages (numbered from 1) read with OCR: scans without a text layer

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        for key in ("sha256", "format", "title", "url", "publisher", "published", "ocr_pages"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass
class Document:
    """One analysed source document.

    ``text`` is the cleaned text every later stage works on; item spans point
    into it. Readers render list structure into the text itself (markers such
    as "1." or "-" at the start of a line, nesting as leading spaces), so the
    structure stage reads every format the same way.
    """

    source: Source
    raw: bytes = b""
    text: str = ""
    kind: str | None = None
    kind_forced: bool = False  # set by `--kind`: detection must not override it
    ocr: str = "auto"  # set by `--ocr`: read PDF pages with OCR never / where no text layer is usable / always
    region: Region | None = None
    period: tuple[int, int] | None = None
    candidates: list[Candidate] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    # the source's tables, cells with spans into ``text``; set by read, kept in step with the text by clean
    tables: list[Table] = field(default_factory=list)
    # (start, end) of every sentence of ``text``, in order (a sentence never crosses a line break); set by clean
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # every place the text names a candidate pair, sorted and apart; set by facts
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Free-form notes stages leave for later stages (e.g. sections of text
    # that belong to one candidate pair); never serialised.
    user_data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_bytes(cls, raw: bytes, name: str, url: str | None = None) -> "Document":
        return cls(source=Source(name=name, sha256=hashlib.sha256(raw).hexdigest(), url=url), raw=raw)

    def walk(self) -> Iterator[Item]:
        """Every item, depth first, in document order."""
        for item in self.items:
            yield from item.walk()

    def sentences_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences that overlap ``text[start:end]``."""
        k = max(0, bisect.bisect_right(self.sentences, (start, start)) - 1)
        out = []
        while k < len(self.sentences) and self.sentences[k][0] < end:
            if self.sentences[k][1] > start:
                out.append(self.sentences[k])
            k += 1
        return out

    def candidate_by_name(self, name: str | None) -> Candidate | None:
        if not name:
            return None
        low = name.lower()
        for cand in self.candidates:
            if any(low == n.lower() for n in cand.names()):
                return cand
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source.to_json(),
            "kind": self.kind or "campaign",
            "region": self.region.to_json() if self.region else None,
            "period": {"start": self.period[0], "end": self.period[1]} if self.period else None,
            "candidates": [c.to_json() for c in self.candidates],
            "items": [i.to_json() for i in self.items],
        }

    def dumps(self) -> str:
        """The janji/1 file text (what ``janji analyze --out`` writes): indented JSON, a final newline."""
        return json_text(self.to_json()) + "\n"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Document":
        src = data.get("source") or {}
        region = data.get("region")
        period = data.get("period")
        return cls(
            source=Source(
                name=src.get("name", ""),
                sha256=src.get("sha256"),
                format=src.get("format"),
                title=src.get("title"),
                url=src.get("url"),
                publisher=src.get("publisher"),
                published=src.get("published"),
                ocr_pages=list(src["ocr_pages"]) if src.get("ocr_pages") else None,
            ),
            kind=data.get("kind"),
            region=Region(region["name"], region.get("code"), region.get("level")) if region else None,
            period=(period["start"], period["end"]) if period else None,
            candidates=[Candidate.from_json(c) for c in data.get("candidates") or []],
            items=[Item.from_json(i) for i in data.get("items") or []],
        )


# -- the janji/1 text ---------------------------------------------------------------------------
_INF = float("inf")


def _float_text(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


def _key_text(key) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float_text(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _write(o, out: list, newline: str) -> None:
    if isinstance(o, str):
        out.append(_json_str(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_float_text(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for v in o:
            out.append(sep)
            sep = "," + inner
            if type(v) is str:
                out.append(_json_str(v))
            else:
                _write(v, out, inner)
        out.append(newline + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for k, v in o.items():
            out.append(sep + _json_str(k if type(k) is str else _key_text(k)) + ": ")
            sep = "," + inner
            if type(v) is str:
                out.append(_json_str(v))
            else:
                _write(v, out, inner)
        out.append(newline + "}")
    else:
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def json_text(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, character for character, about three times faster.

    The standard library encodes indented JSON in pure Python, one generator per container; this
    writes the same text with the C string encoder and no generators (a tenth of a document's
    analysis went into its JSON text).

        >>> print(json_text({"kind": "vision", "items": [], "n": [1, 2.5, None, True]}))
        {
          "kind": "vision",
          "items": [],
          "n": [
            1,
            2.5,
            null,
            true
          ]
        }
    """
    out: list[str] = []
    _write(data, out, "\n")
    return "".join(out)
