"""A store indexed with an older stemmer is re-stemmed by the migration, so search finds what it holds."""
from __future__ import annotations

from sqlalchemy import text

from janji.store import db, open_store

DOCUMENT = {
    "schema": "janji/1", "source": {"name": "program.txt"}, "kind": "campaign",
    "region": {"name": "Kota Contoh", "code": None, "level": "kota"}, "period": None, "candidates": [],
    "items": [{"kind": "program", "text": "Mengurangi pengangguran terbuka di kota"}],
}


def test_old_stems_are_recomputed_on_upgrade(db_url):
    store = open_store(db_url)
    try:
        store.ingest_document(DOCUMENT)
        assert store.search("pengangguran")["total"] == 1
        with store.engine.begin() as conn:
            # what the older stemmer wrote: Sastrawi's "anggur" (the grape) for "pengangguran"
            conn.execute(text("UPDATE items SET stemmed = 'kurang anggur buka di kota'"))
            if store.dialect == "sqlite":
                conn.execute(text("UPDATE item_fts SET stemmed = 'kurang anggur buka di kota'"))
            conn.execute(text("UPDATE alembic_version SET version_num = '0005_track_tally' "
                              "WHERE version_num = '0006_restem'"))
        assert store.search("pengangguran")["total"] == 0
        db.upgrade(store.engine)
        assert store.search("pengangguran")["total"] == 1
        assert store.search("menganggur")["total"] == 0  # the grape is gone from the index
    finally:
        store.close()
