"""SQLite: ``item_rank``, a second full-text index whose rowid orders matches by length.

A search's first page no longer scores every match with bm25: see :mod:`janji.store.rank`. The
index holds the items of current documents, as ``item_fts`` does. PostgreSQL is unchanged.

Revision ID: 0011_fts_rank
Revises: 0010_track_versions
Create Date: 2026-12-08
"""
from alembic import op
import sqlalchemy as sa

revision = "0011_fts_rank"
down_revision = "0010_track_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    from janji.store import rank

    op.execute(rank.CREATE)
    rows = bind.execute(sa.text("SELECT items.id, items.stemmed FROM items JOIN documents "
                                "ON documents.id = items.document_id WHERE documents.superseded_by_id IS NULL")).all()
    rank.insert(bind, [{"id": i, "stemmed": s} for i, s in rows])
    op.execute("INSERT INTO item_rank(item_rank) VALUES ('optimize')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS item_rank")
