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
    rows = bind.execute(sa.text("SELECT id, text, stemmed FROM items")).fetchall()
    for item_id, text, old in rows:
        new = stem_text(text or "")
        if new == old:
            continue
        bind.execute(sa.text("UPDATE items SET stemmed = :s WHERE id = :i"), {"s": new, "i": item_id})
        if sqlite:
            bind.execute(sa.text("UPDATE item_fts SET stemmed = :s WHERE rowid = :i"), {"s": new, "i": item_id})


def downgrade() -> None:
    pass  # the older stems are a worse index of the same texts; nothing to undo
