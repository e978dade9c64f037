"""The words of a planning table's header: which column holds what.

RPJMD, Renstra and KPU documents set misi, tujuan, sasaran, indikator, target
per year and program in tables. A column's header (all header rows read
together: "Target Kinerja" over "2029" is "Target Kinerja 2029") tells its
role:

- an item column: ``mission`` (Misi), ``goal`` (Tujuan, Sasaran), ``program``,
  ``activity`` (Kegiatan, Sub Kegiatan);
- ``indicator`` (Indikator, Indikator Kinerja Utama, IKU), ``unit`` (Satuan);
- ``baseline`` (Kondisi Awal, Capaian, Realisasi), ``target`` (a year, "Tahun
  2026", "Target", "Kondisi Akhir" — the last marked ``final``), ``budget``
  (Pagu, Anggaran, Rp — per year or for the period);
- ``number`` (No, Kode) and ``other`` (Perangkat Daerah, Keterangan, Strategi …).

A header holds nothing but such words (and years, parentheses, "/"): any other
word makes it a data cell, not a header.

Example:

    >>> column_role("Target Kinerja Tahun 2029")
    Column(role='target', year=2029, final=False, scale='')
    >>> column_role("Pagu Indikatif (Rp Juta)")
    Column(role='budget', year=None, final=False, scale='Rp juta')
    >>> column_role("Meningkatnya mutu pendidikan") is None
    True
"""
from __future__ import annotations

from dataclasses import dataclass

from janji.lang import lazy

ITEM_ROLES = ("mission", "goal", "program", "activity")
MEASURE_ROLES = ("baseline", "target", "budget")

# Each header word and the role it gives; None for words that only qualify another ("kinerja", "daerah").
_WORDS: dict[str, str | None] = {
    **dict.fromkeys("no nomor urut kode kd".split(), "number"),
    "misi": "mission",
    **dict.fromkeys("tujuan sasaran".split(), "goal"),
    "program": "program",
    **dict.fromkeys("kegiatan subkegiatan".split(), "activity"),
    **dict.fromkeys("indikator iku ikd".split(), "indicator"),
    "satuan": "unit",
    **dict.fromkeys("awal baseline eksisting realisasi capaian".split(), "baseline"),
    **dict.fromkeys("target tahun th thn akhir".split(), "target"),
    **dict.fromkeys("pagu anggaran dana biaya rp rupiah".split(), "budget"),
    **dict.fromkeys("keterangan ket opd pd penanggung jawab pengampu pelaksana strategi arah kebijakan formula rumus "
                    "definisi operasional sumber data lokasi sdgs perangkat uraian".split(), "other"),
    **dict.fromkeys("kinerja utama daerah kondisi pembangunan prioritas unggulan strategis outcome output indikatif "
                    "periode rpjmd rpjmd. rkpd renstra pada dan sub juta miliar milyar ribu total jumlah nilai rencana "
                    "tingkat ke per".split(), None),
}
_SCALES = {"juta": "juta", "miliar": "miliar", "milyar": "miliar", "ribu": "ribu"}
_YEAR = lazy.compile(r"\b(?:19|20)\d{2}\b")
_TOKEN = lazy.compile(r"[^\W\d_]+|\d+")
_COLUMN_NUMBER = lazy.compile(r"\(?\d{1,2}\)?(?:\s*=\s*[\d\s()+x×-]+)?")


@dataclass(frozen=True)
class Column:
    """What a table column holds; ``year`` for a measure of one year, ``final`` for the period's end."""

    role: str
    year: int | None = None
    final: bool = False
    scale: str = ""  # for a budget: the unit its cells are written in ("Rp juta"), if the header says


def column_role(header: str) -> Column | None:
    """The role of a column with this header text, or None when the text is no header."""
    low = header.lower().replace(".", " ")
    years = [int(y) for y in _YEAR.findall(low)]
    words = [w for w in _TOKEN.findall(low) if not w.isdigit()]
    if not words:
        return Column("target", max(years)) if years and len(years) == 1 else None
    if len(words) > 10 or any(w not in _WORDS for w in words):
        return None
    roles = [_WORDS[w] for w in words if _WORDS[w]]
    year = years[-1] if years else None
    if "indicator" in roles:
        return Column("indicator")
    if "unit" in roles and "budget" not in roles:
        return Column("unit")
    for role in ITEM_ROLES:
        if roles and roles[0] == role:
            return Column(role)
    if "budget" in roles:
        scale = next((_SCALES[w] for w in words if w in _SCALES), "")
        return Column("budget", year, final="akhir" in words or "total" in words or "jumlah" in words,
                      scale=("Rp " + scale).strip() if scale or "rp" in words or "rupiah" in words else "")
    if "baseline" in roles and not ("target" in words or "akhir" in words):
        return Column("baseline", year)
    if "target" in roles:
        return Column("target", year, final="akhir" in words)
    if "number" in roles:
        return Column("number")
    if "other" in roles:
        return Column("other")
    return None


def column_number(text: str) -> bool:
    """A cell of the row that numbers the columns under a header: "1", "(2)", "(7)=(5)+(6)"."""
    return bool(_COLUMN_NUMBER.fullmatch(text.strip()))


def empty_value(text: str) -> bool:
    """A cell that says there is no value: "", "-", "–", "n/a"."""
    return text.strip().lower() in ("", "-", "–", "—", "n/a", "na", "*", "0-")
