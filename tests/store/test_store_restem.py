"""A store indexed with an older stemmer is re-stemmed by the migration, so search finds what it holds."""
from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import text

from janji.store import open_store
from janji.store import rank

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import upgrade_to  # noqa: E402

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
            item_id, stemmed = conn.execute(text("SELECT id, stemmed FROM items")).one()
            # what the older stemmer wrote: Sastrawi's "anggur" (the grape) for "pengangguran"
            conn.execute(text("UPDATE items SET stemmed = 'kurang anggur buka di kota'"))
            if store.dialect == "sqlite":
                conn.execute(text("UPDATE item_fts SET stemmed = 'kurang anggur buka di kota'"))
                # item_rank (a later migration) as if it had been built from the older stems too
                rank.delete(conn, [{"id": item_id, "stemmed": stemmed}])
                rank.insert(conn, [{"id": item_id, "stemmed": "kurang anggur buka di kota"}])
            # the schema as it was before the re-stemming migration (later migrations, which may merge
            # 0006_restem with other branches, are left out: only this one is run again below)
            conn.execute(text("DELETE FROM alembic_version"))
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0005_track_tally')"))
        assert store.search("pengangguran")["total"] == 0
        upgrade_to(store.engine, "0006_restem")
        assert store.search("pengangguran")["total"] == 1
        assert store.search("menganggur")["total"] == 0  # the grape is gone from the index
    finally:
        store.close()
