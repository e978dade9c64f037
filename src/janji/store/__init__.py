"""The store: every analysed document in a real database (SQLite by default, PostgreSQL on a server).

Example:
    from janji.store import open_store
    store = open_store()                       # JANJI_DATABASE_URL, else a SQLite file in the user data dir
    store.ingest_path("visi-misi-paslon-1.pdf")  # analyse and store (idempotent)
    store.search("air bersih", region="Kota Bandung")["results"]
    store.compare("Kota Bandung", year=2024)["pairs"]

Everything returns plain dicts/lists (JSON-ready). See :class:`janji.store.api.Store`
for each query's fields: ``regions()``, ``elections()``, ``candidates()``,
``candidate(id)``, ``documents()``, ``document(id_or_sha256)``, ``items()``,
``count_items()``, ``item(id)``, ``search()``, ``compare()``, ``stats()``,
``sectors()``, ``sector_regions()``, ``region_names()``, ``has_region()``,
``count_documents()``, ``data_version()``, ``export()``, ``export_json()``,
``import_json()``.
"""
from __future__ import annotations

from janji.store.api import (IngestResult, IngestSummary, NotFound, Store, StoreMissing, is_measurable,
                             sector_names)
from janji.store.db import ENV_VAR, default_url
from janji.store.text import HIGHLIGHT_END, HIGHLIGHT_START


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (creating or upgrading) the store at ``url``; default: ``JANJI_DATABASE_URL``, else
    ``sqlite:///<user data dir>/janji/janji.db``. ``url`` may also be a plain file path (SQLite) or
    ``postgresql://user@host/db``. With ``create=False`` a store that does not exist yet raises
    :class:`StoreMissing` and nothing is created."""
    return Store(url or default_url(), create=create)


__all__ = ["open_store", "Store", "StoreMissing", "IngestResult", "IngestSummary", "NotFound", "is_measurable",
           "sector_names", "default_url", "ENV_VAR", "HIGHLIGHT_START", "HIGHLIGHT_END"]
