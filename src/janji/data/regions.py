"""The Kemendagri region table (provinces, kabupaten, kota) and its lookup by name or alias.

Names come from ``janji/data/regions.csv``; the short forms Indonesian media use
("Tangsel", "Kutim", "Sumut", "NTB") from ``janji/data/regions_aliases.csv`` (both read by
:mod:`janji.data.reference`).

Example:
    >>> resolve("Tangsel").name
    'Kota Tangerang Selatan'
    >>> resolve("Kab. Kudus").code
    '33.19'
    >>> resolve("Kota Bogor").level
    'kota'
"""
from __future__ import annotations

import re
from functools import lru_cache

from janji.data import reference
from janji.document import Region
from janji.lang import lazy

LEVEL_PREFIX = {"kabupaten": ("Kabupaten Administrasi ", "Kabupaten "), "kota": ("Kota Administrasi ", "Kota ")}


_KEY_DROPS = lazy.compile(r"[\s\-.]+")


@lru_cache(maxsize=65536)  # every region name the text writes is looked up by it
def _key(name: str) -> str:
    """Comparison key: case, spaces and hyphens ignored ("Palangka Raya" == "Palangkaraya")."""
    return _KEY_DROPS.sub("", name).lower()


def bare_name(region: Region) -> str:
    """The name without its "Kabupaten"/"Kota" prefix: what articles usually write."""
    for prefix in LEVEL_PREFIX.get(region.level or "", ()):
        if region.name.startswith(prefix):
            return region.name[len(prefix):]
    return region.name


@lru_cache(maxsize=1)
def all_regions() -> tuple[Region, ...]:
    """Every province, kabupaten and kota (Kepmendagri 2025), in code order."""
    return tuple(Region(row.name, row.code, row.level) for row in reference.regions())


@lru_cache(maxsize=1)
def _by_full_name() -> dict[str, Region]:
    return {_key(r.name): r for r in all_regions()}


@lru_cache(maxsize=1)
def by_bare_name() -> dict[str, tuple[Region, ...]]:
    """Bare name key -> the regions that carry it (Bogor -> Kabupaten Bogor and Kota Bogor)."""
    table: dict[str, list[Region]] = {}
    for region in all_regions():
        table.setdefault(_key(bare_name(region)), []).append(region)
    return {k: tuple(v) for k, v in table.items()}


# Spellings media use beside the official one: "Sumatra Barat" for "Sumatera Barat".
SPELLINGS = (("Sumatera", "Sumatra"),)


@lru_cache(maxsize=1)
def aliases() -> dict[str, tuple[Region, ...]]:
    """Alias as written ("Tangsel", "Sumatra Barat") -> the region(s) it may name (several for "Tasik")."""
    table: dict[str, tuple[Region, ...]] = {}
    for region in all_regions():
        for official, variant in SPELLINGS:
            if official in region.name:
                table[region.name.replace(official, variant)] = (region,)
    for row in reference.region_aliases():
        target = _by_full_name().get(_key(row.name))
        found = (target,) if target else by_bare_name().get(_key(row.name), ())
        if not found:
            raise ValueError(f"regions_aliases.csv: {row.name!r} is not in regions.csv")
        table[row.alias] = found
    return table


@lru_cache(maxsize=65536)  # asked of every capitalised word near a candidate pair, in every document
def candidates(name: str) -> tuple[Region, ...]:
    """Every region a name or alias may refer to, without level cues."""
    name = name.strip()
    if name in aliases():
        return aliases()[name]
    key = _key(name)
    if key in _by_full_name():
        return (_by_full_name()[key],)
    key = _key(re.sub(r"^provinsi\s+", "", name, flags=re.I))
    if key in _by_full_name():
        return (_by_full_name()[key],)
    return by_bare_name().get(key, ())


LEVEL_WORDS = (
    ("kabupaten", lazy.compile(r"^(?:kabupaten|kab\.?|bupati|pilbup|pemkab)\s*", re.I)),
    ("kota", lazy.compile(r"^(?:kota|wali\s*kota|pilwali|pilwalkot|pilwakot|pilkot|pemkot)\s+", re.I)),
    ("provinsi", lazy.compile(r"^(?:provinsi|prov\.|gubernur|pilgub|pemprov)\s*", re.I)),
)


def resolve(name: str) -> Region | None:
    """The region a name means: "Kabupaten Bogor", "Kab.Tasikmalaya", "Kota Bekasi", "Sumut", "Jabar".

    A bare name shared by a kabupaten and a kota ("Bogor") is ambiguous and
    gives None; say which with a prefix ("Kota Bogor", "Bupati Bogor").
    """
    name = (name or "").strip()
    if not name:
        return None
    found = candidates(name)
    if len(found) == 1:
        return found[0]
    for level, pattern in LEVEL_WORDS:
        m = pattern.match(name)
        if m and m.end() < len(name):
            rest = [r for r in candidates(name[m.end():]) if r.level == level]
            if len(rest) == 1:
                return rest[0]
    return None
