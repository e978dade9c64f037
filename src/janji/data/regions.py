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
from pathlib import Path
from typing import Iterable

from janji import cache, data
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
    return _tables()[0]


@lru_cache(maxsize=1)
def _by_full_name() -> dict[str, Region]:
    return _tables()[1]


@lru_cache(maxsize=1)
def by_bare_name() -> dict[str, tuple[Region, ...]]:
    """Bare name key -> the regions that carry it (Bogor -> Kabupaten Bogor and Kota Bogor)."""
    return _tables()[2]


# Spellings media use beside the official one: "Sumatra Barat" for "Sumatera Barat".
SPELLINGS = (("Sumatera", "Sumatra"),)


@lru_cache(maxsize=1)
def aliases() -> dict[str, tuple[Region, ...]]:
    """Alias as written ("Tangsel", "Sumatra Barat") -> the region(s) it may name (several for "Tasik")."""
    return _tables()[3]


@lru_cache(maxsize=1)
def _tables() -> tuple[tuple[Region, ...], dict[str, Region], dict[str, tuple[Region, ...]],
                       dict[str, tuple[Region, ...]]]:
    """Every region, and the tables by full name key, by bare name key and by alias, over the same
    :class:`Region` objects. Built by :func:`_built_tables` from the two CSV files, its form is kept in the
    user's cache folder (:mod:`janji.cache`) under the digest of those files and of the code that reads them:
    read back, ~1 ms instead of ~7 for a one-file run."""
    key = kept_key()
    rows, full, bare, alias = _built_tables() if key is None else cache.derived(key, "regions", _built_tables)
    everything = tuple(Region(*row) for row in rows)

    def pick(indices: list[int]) -> tuple[Region, ...]:
        return tuple(everything[i] for i in indices)

    return (everything, {key: everything[i] for key, i in full.items()}, {key: pick(v) for key, v in bare.items()},
            {key: pick(v) for key, v in alias.items()})


@lru_cache(maxsize=1)
def kept_key() -> bytes | None:
    """What the region tables are built from: the two CSV files and the code that reads them (this module and
    :mod:`janji.data.reference`); what is derived from the tables is kept in the cache folder under its
    digest. None when the code has no source beside it (nothing to key a kept form by: built every time)."""
    try:
        code = [Path(__file__).read_bytes(), Path(reference.__file__).read_bytes()]
    except OSError:
        return None
    return b"\0".join([data.path("regions.csv").read_bytes(), data.path("regions_aliases.csv").read_bytes(), *code])


def _built_tables() -> tuple[list, dict[str, int], dict[str, list[int]], dict[str, list[int]]]:
    """:func:`_tables` from the CSV files, each region as its position in the first list."""
    everything = [Region(row.name, row.code, row.level) for row in reference.regions()]
    position = {id(region): i for i, region in enumerate(everything)}
    full = {_key(r.name): r for r in everything}
    bare: dict[str, list[Region]] = {}
    for region in everything:
        bare.setdefault(_key(bare_name(region)), []).append(region)
    table: dict[str, tuple[Region, ...]] = {}
    for region in everything:
        for official, variant in SPELLINGS:
            if official in region.name:
                table[region.name.replace(official, variant)] = (region,)
    for row in reference.region_aliases():
        target = full.get(_key(row.name))
        found = (target,) if target else tuple(bare.get(_key(row.name), ()))
        if not found:
            raise ValueError(f"regions_aliases.csv: {row.name!r} is not in regions.csv")
        table[row.alias] = found

    def places(regions: Iterable[Region]) -> list[int]:
        return [position[id(r)] for r in regions]

    return ([(r.name, r.code, r.level) for r in everything], {key: position[id(r)] for key, r in full.items()},
            {key: places(v) for key, v in bare.items()}, {key: places(v) for key, v in table.items()})


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
