"""Query parameters shared by pages and API routes, validated once (422 with a message, never a 500)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated

from fastapi import Query

from janji.document import ITEM_KINDS
from janji.track.statuses import STATUSES

MAX_PER_PAGE = 200
MAX_PAGE = 10_000
MAX_Q = 200

ItemKind = Enum("ItemKind", {k: k for k in ITEM_KINDS}, type=str)

Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Halaman (mulai 1).")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Butir per halaman.")]
SectorCode = Annotated[str | None, Query(pattern=r"^[0-9]\.[0-9]{2}$", description="Kode bidang urusan, mis. 1.01.")]
Sdg = Annotated[int | None, Query(ge=1, le=17, description="Nomor tujuan SDG (1–17).")]
RegionId = Annotated[int | None, Query(ge=1, le=2**31 - 1, description="ID wilayah.")]
Year = Annotated[int | None, Query(ge=1945, le=2100, description="Tahun pemilihan.")]
Kind = Annotated[ItemKind | None, Query(description="Jenis butir.")]
Measurable = Annotated[bool | None, Query(description="Hanya janji yang terukur (true) atau tidak (false).")]
SearchQ = Annotated[str, Query(max_length=MAX_Q, description="Kata yang dicari.")]


@dataclass
class Filters:
    region: int | None = None
    sector: str | None = None
    sdg: int | None = None
    kind: str | None = None
    measurable: bool | None = None
    year: int | None = None
    candidate: int | None = None

    def as_query(self) -> dict:
        """The filters as URL query parameters (for links to the next page, CSV, XLSX)."""
        out = {}
        for key in ("region", "sector", "sdg", "kind", "measurable", "year", "candidate"):
            value = getattr(self, key)
            if value is not None and value != "":
                out[key] = str(value).lower() if isinstance(value, bool) else value
        return out


def clean_q(q: str | None) -> str:
    """Search text without control characters (a NUL breaks PostgreSQL, others break FTS syntax)."""
    if not q:
        return ""
    return " ".join("".join(c if c.isprintable() else " " for c in q).split())[:MAX_Q]


def kind_value(kind) -> str | None:
    return kind.value if isinstance(kind, Enum) else kind


StatusName = Enum("StatusName", {s.replace(" ", "_"): s for s in STATUSES}, type=str)
StatusQ = Annotated[StatusName | None, Query(description="Saring menurut status.")]
