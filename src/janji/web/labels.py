"""Indonesian labels for what the analyser writes in English codes (kinds, sectors, SDGs).

The packaged reference tables (``janji/data``) are read once; templates and the
JSON API both use these so a page and its JSON twin name things alike.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

KIND_LABELS = {
    "vision": "Visi",
    "mission": "Misi",
    "goal": "Sasaran",
    "program": "Program",
    "activity": "Kegiatan",
    "quick_win": "Program 100 hari",
    "strategy": "Strategi",
    "commitment": "Komitmen",
    "claim": "Klaim",
    "other": "Lainnya",
}

DOCUMENT_KIND_LABELS = {
    "campaign": "Visi-misi kampanye",
    "debate": "Debat / wawancara",
    "plan": "Dokumen perencanaan",
    "statement": "Pernyataan / opini",
}

LEVEL_LABELS = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("janji.data").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    """Bidang urusan code -> its name in title case ("1.01" -> "Pendidikan")."""
    out = {}
    for row in _rows("bidang_urusan.csv"):
        out[row["code"]] = _title(row["name"])
    return out


@lru_cache(maxsize=1)
def sdgs() -> dict[int, str]:
    """SDG goal number -> its Indonesian name."""
    return {int(row["goal"]): row["nama"] for row in _rows("sdgs.csv")}


def sector_name(code: str | None) -> str:
    if not code:
        return ""
    return sectors().get(code, code)


def sdg_name(goal: int | None) -> str:
    if goal is None:
        return ""
    return sdgs().get(int(goal), f"SDG {goal}")


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", kind or "")


_SMALL = {"dan", "di", "ke", "dari", "yang", "untuk", "atau", "serta", "dengan", "pada"}
_KEEP_UPPER = {"UMKM", "SDM", "TIK", "PU", "UKM", "KB", "PMD", "RI"}


def _title(name: str) -> str:
    """'PEKERJAAN UMUM DAN PENATAAN RUANG' -> 'Pekerjaan Umum dan Penataan Ruang'."""
    words = []
    for i, word in enumerate(name.split()):
        low = word.lower()
        if word in _KEEP_UPPER:
            words.append(word)
        elif i and low in _SMALL:
            words.append(low)
        else:
            words.append(low[:1].upper() + low[1:])
    return " ".join(words)
