"""Indonesian labels for what the analyser writes in English codes (kinds, document kinds, sectors, SDGs).

They sit with the packaged reference tables they name (read through :mod:`janji.data.reference`), below
every layer that shows them: the store, tracking's scorecards, the portal's templates and the JSON API all
name things alike.

Example:
    >>> sector_name("1.01"), sdg_name(4), kind_label("quick_win")
    ('Pendidikan', 'Pendidikan Berkualitas', 'Program 100 hari')
"""
from __future__ import annotations

from functools import lru_cache

from janji.data import reference

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


@lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    """Bidang urusan code -> its name in title case ("1.01" -> "Pendidikan")."""
    return {code: _title(row.name) for code, row in reference.sectors().items()}


@lru_cache(maxsize=1)
def sdgs() -> dict[int, str]:
    """SDG goal number -> its Indonesian name."""
    return {goal: row.nama for goal, row in reference.sdgs().items()}


def sector_name(code: str | None) -> str:
    if not code:
        return ""
    return sectors().get(code, code)


def sdg_name(goal: int | None) -> str:
    if goal is None:
        return ""
    name = sdgs().get(int(goal))
    return name if name is not None else f"SDG {goal}"


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
