"""The packaged reference tables, each read from ``janji/data`` once per process (see SOURCES.md there).

Every part of janji that needs the bidang urusan, the SDGs, the nomenclature or the Kemendagri regions
reads them here: the stages (facts, classify), the store, the portal and the CLI. Each function returns
the table as it is in its file, in file order, as small frozen records; callers build their own views
on top (the classifier adds its lexicon to a sector, the portal title-cases its name) without reading
the file again. This module imports nothing of janji, so any layer may use it.

Example:
    >>> sectors()["1.01"].name
    'PENDIDIKAN'
    >>> sdgs()[4].nama
    'Pendidikan Berkualitas'
    >>> regions()[0].level, len(regions()) > 500
    ('provinsi', True)
    >>> sectors() is sectors()  # read once, then shared
    True
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from janji import data


@dataclass(frozen=True)
class Sector:
    """A bidang urusan of Permendagri 90/2019 (``bidang_urusan.csv``): its code, name and urusan group."""

    code: str
    name: str
    group: str


@dataclass(frozen=True)
class Sdg:
    """A sustainable development goal (``sdgs.csv``): its number, Indonesian and English names."""

    goal: int
    nama: str
    name: str


@dataclass(frozen=True)
class Program:
    """A program of the nomenclature (``programs.csv``) and the bidang it belongs to."""

    code: str
    name: str
    bidang_code: str


@dataclass(frozen=True)
class Kegiatan:
    """A kegiatan or sub kegiatan (``kegiatan.csv``); codes repeat between the provinsi and kab/kota lists."""

    code: str
    name: str
    level: str
    program_code: str
    bidang_code: str


@dataclass(frozen=True)
class RegionRow:
    """A province, kabupaten or kota of the Kepmendagri table (``regions.csv``)."""

    code: str
    name: str
    level: str
    parent_code: str


@dataclass(frozen=True)
class RegionAlias:
    """A short form media write for a region ("Tangsel") and the name in ``regions.csv`` it stands for."""

    alias: str
    name: str


def _rows(name: str) -> Iterator[dict[str, str]]:
    with data.path(name).open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


@lru_cache(maxsize=1)
def sectors() -> dict[str, Sector]:
    """Bidang urusan by code, in the order of ``bidang_urusan.csv``."""
    return {row["code"]: Sector(row["code"], row["name"], row["group"]) for row in _rows("bidang_urusan.csv")}


@lru_cache(maxsize=1)
def sdgs() -> dict[int, Sdg]:
    """The 17 goals by number."""
    return {int(row["goal"]): Sdg(int(row["goal"]), row["nama"], row["name"]) for row in _rows("sdgs.csv")}


@lru_cache(maxsize=1)
def programs() -> tuple[Program, ...]:
    return tuple(Program(row["code"], row["name"], row["bidang_code"]) for row in _rows("programs.csv"))


@lru_cache(maxsize=1)
def kegiatan() -> tuple[Kegiatan, ...]:
    """Every kegiatan and sub kegiatan, in file order."""
    return tuple(Kegiatan(row["code"], row["name"], row["level"], row["program_code"], row["bidang_code"])
                 for row in _rows("kegiatan.csv"))


@lru_cache(maxsize=1)
def regions() -> tuple[RegionRow, ...]:
    """Every province, kabupaten and kota (Kepmendagri 2025), in code order."""
    return tuple(RegionRow(row["code"], row["name"], row["level"], row["parent_code"]) for row in _rows("regions.csv"))


@lru_cache(maxsize=1)
def region_aliases() -> tuple[RegionAlias, ...]:
    """The short forms of ``regions_aliases.csv``, in file order (checked against the regions by
    :func:`janji.data.regions.aliases`)."""
    return tuple(RegionAlias(row["alias"], row["name"]) for row in _rows("regions_aliases.csv"))
