"""Measurability: does a promise say how much, where, when, for whom and with what money?

Five flags and a label, so a reader can spot vague promises at a glance:

- ``quantity``: a number it commits to (the quantities stage's findings when
  present, else a number in the text that is not a year or part of a name);
- ``place``: a named place or a place unit ("Kecamatan Setu", "di Pamulang",
  "setiap desa", "per RT");
- ``time``: a year, a period or a rate ("2026", "dalam 5 tahun", "100 hari",
  "per tahun");
- ``beneficiary``: a group it serves ("siswa", "lansia", "petani",
  "penyandang disabilitas");
- ``budget``: a money amount or an allocation ("Rp1.800.000",
  "Rp 250 juta", "anggaran", "Alokasi Dana Desa 20%").

``terukur`` (measurable): a quantity and at least one other flag;
``sebagian`` (partly): at least one flag; ``tidak terukur``: none.

Example:

    >>> measurability("Bantuan biaya pendidikan PAUD bagi 10.000 anak/tahun")["label"]
    'terukur'
"""
from __future__ import annotations

import re
from typing import Any

from janji.lang import lazy
from janji.lang.numbers import CARDINAL, MULTIPLIERS, SE_WORDS, alternation
from janji.lang.gate import WORD, Gated, fold

NUMBER_WORD = "(?:se|" + CARDINAL + "|" + alternation(SE_WORDS) + ")"
YEAR = lazy.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
# A digit group not glued to letters ("3D", "TPS-3R", "6A" are names, not targets) and not a year.
DIGITS = lazy.compile(r"(?<![\w-])\d[\d.,]*(?:\s*%)?(?![\w-]*[a-zA-Z])")
NUMBER_WORDS = Gated(lazy.compile(
    rf"\b(?:{alternation(SE_WORDS)}|{NUMBER_WORD}\s+{alternation(MULTIPLIERS)})\b", re.I))
UNIT_AFTER_WORD = Gated(lazy.compile(
    rf"\b{NUMBER_WORD}\s+(?:unit|titik|orang|kali|paket|km|kilometer|sekolah|puskesmas|pasar|desa|ruas|lokasi|kawasan)\b", re.I))

PLACE_UNIT = r"(?:kecamatan|kelurahan|desa|dusun|kampung|nagari|gampong|kabupaten|kota|provinsi|pulau|banjar|kawasan|pasar|jalan|jl\.?)"
PLACE = [
    lazy.compile(rf"\b{PLACE_UNIT}\s+[A-Z][\w'-]+"),  # Kecamatan Setu, Pasar Gintung
    lazy.compile(r"\b(?:di|ke|wilayah|daerah)\s+(?![A-Z]{2,}\b)[A-Z][a-z][\w'-]*"),  # di Pamulang (not "di RSUD")
    lazy.compile(r"\b(?:setiap|tiap|per|seluruh|semua|masing-masing)\s+(?:kecamatan|kelurahan|desa|dusun|kampung|RT|RW|banjar|nagari|gampong|pulau|wilayah)\b", re.I),
    lazy.compile(r"\b\d[\d.,]*\s+(?:desa|kelurahan|kecamatan|ruas|lokasi|titik|kawasan)\b", re.I),
]
TIME = [
    YEAR,
    lazy.compile(rf"\b(?:\d+|{NUMBER_WORD})\s+(?:tahun|bulan|minggu|pekan|hari)\b", re.I),
    lazy.compile(r"\b(?:setiap|tiap|per|dalam)\s+(?:tahun|bulan|minggu|pekan|hari|semester|triwulan)\b", re.I),
    lazy.compile(r"/\s*(?:tahun|thn|bulan|bln|hari|minggu)\b", re.I),
    lazy.compile(r"\b(?:tahun|bulan) (?:pertama|kedua|ketiga|depan)\b|\bmasa jabatan\b|\bakhir periode\b|\bhari pertama\b", re.I),
]
BENEFICIARY = Gated(lazy.compile(
    r"\b(?:anak|anak-anak|siswa|murid|pelajar|mahasiswa|santri|guru|dosen|lansia|lanjut usia|disabilitas|difabel|"
    r"perempuan|ibu hamil|ibu|balita|bayi|remaja|pemuda|petani|nelayan|peternak|pembudidaya|buruh|pekerja|"
    r"pencari kerja|keluarga|rumah tangga|warga miskin|masyarakat miskin|penduduk miskin|fakir|yatim|janda|"
    r"pelaku usaha|umkm|usaha mikro|pedagang|asn|pns|pegawai|honorer|tenaga kesehatan|nakes|kader|marbot|"
    r"guru ngaji|imam|penerima|mbr|atlet|seniman|pengemudi|ojek|veteran|penyandang|warga|penduduk|jiwa|"
    r"orang|kk|rt|rw|kelompok tani|koperasi|wisatawan|investor|masyarakat adat|orang asli|penyuluh)\b",
    re.I,
))
BUDGET = [
    lazy.compile(r"\brp\.?\s*\d", re.I),
    lazy.compile(r"\d[\d.,]*\s*(?:ribu|juta|jt|miliar|milyar|triliun|m)?\s*rupiah\b", re.I),
    lazy.compile(r"\b\d[\d.,]*\s*(?:juta|miliar|milyar|triliun)\b", re.I),
    lazy.compile(r"\b(?:anggaran|apbd|dana|alokasi|insentif|hibah|subsidi)\b[^.;]*?\d", re.I),
]

FLAGS = ("quantity", "place", "time", "beneficiary", "budget")


def _union(patterns: list[re.Pattern]) -> Gated:
    """One regex for a list (one scan per flag instead of one per pattern), keeping each one's case rule."""
    parts = [f"(?i:{p.pattern})" if lazy.ignores_case(p) else f"(?-i:{p.pattern})" for p in patterns]
    return Gated(lazy.compile("|".join(parts)))


PLACE_ANY, PLACE_LOWER = _union(PLACE), _union(PLACE[2:])
TIME_ANY, BUDGET_ANY = _union(TIME), _union(BUDGET)


def _has_quantity(text: str, folded: str | None = None) -> bool:
    for m in DIGITS.finditer(text):
        if not YEAR.fullmatch(m.group().strip(" .,%")):
            return True
    return bool(NUMBER_WORDS.search(text, folded=folded) or UNIT_AFTER_WORD.search(text, folded=folded))


def _title_case(text: str) -> bool:
    """Headings Written Like This make every noun look like a name: capitals then say nothing."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def measurability(text: str, quantities: list | None = None) -> dict[str, Any]:
    """Flags and label for one promise; ``quantities`` are the item's :class:`Quantity` objects, if any."""
    text = text or ""
    folded = fold(text)  # one lower-case copy for the patterns' literal gates (janji.lang.gate)
    flags = {
        "quantity": bool(quantities) or _has_quantity(text, folded),
        "place": bool((PLACE_LOWER if _title_case(text) else PLACE_ANY).search(text, folded=folded)),
        "time": bool(TIME_ANY.search(text, folded=folded)),
        "beneficiary": BENEFICIARY.found(text, folded, set(WORD.findall(folded))),
        "budget": bool(BUDGET_ANY.search(text, folded=folded)),
    }
    n = sum(flags.values())
    label = "terukur" if flags["quantity"] and n >= 2 else "sebagian" if n else "tidak terukur"
    return {**flags, "label": label}
