"""Search stems with the classifier's stemmer: recompute every item's stemmed text and its index.

The store now stems with :mod:`janji.lang.stem` (Sastrawi with its corrections: "pengangguran"
stays "pengangguran" instead of "anggur"), so queries and the index must agree: every item's
``stemmed`` column is recomputed, and on SQLite the FTS5 rows with it (PostgreSQL's generated
tsvector column follows the column by itself).

Revision ID: 0006_restem
Revises: 0005_track_tally
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_restem"
down_revision = "0005_track_tally"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from janji.store.text import stem_text

    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    # item_rank (0011) comes later on any real upgrade; a store that has it gets it re-stemmed too, for the
    # items it holds (those of current documents)
    rank = sqlite and bind.execute(sa.text("SELECT 1 FROM sqlite_master WHERE name = 'item_rank'")).first()
    rows = bind.execute(sa.text(
        "SELECT items.id, items.text, items.stemmed, documents.superseded_by_id IS NULL FROM items "
        "JOIN documents ON documents.id = items.document_id")).fetchall()
    for item_id, text, old, current in rows:
        new = stem_text(text or "")
        if new == old:
            continue
        bind.execute(sa.text("UPDATE items SET stemmed = :s WHERE id = :i"), {"s": new, "i": item_id})
        if sqlite:
            bind.execute(sa.text("UPDATE item_fts SET stemmed = :s WHERE rowid = :i"), {"s": new, "i": item_id})
        if rank and current:
            from janji.store import rank as item_rank

            item_rank.delete(bind, [{"id": item_id, "stemmed": old}])
            item_rank.insert(bind, [{"id": item_id, "stemmed": new}])


def downgrade() -> None:
    pass  # the older stems are a worse index of the same texts; nothing to undo
