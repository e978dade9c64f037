"""SQLite: the full-text index holds the items of current documents only.

A search only ever returns items of current documents; with the superseded versions' items out of
``item_fts`` a search without filters counts and ranks in the index alone, without reading every
matching item and its document. From now on the store removes a document's items from the index
when a newer version supersedes it; this takes out those already superseded. PostgreSQL indexes a
column of ``items`` and is unchanged.

Revision ID: 0009_fts_current
Revises: 0008_sessions_limits
Create Date: 2026-12-07
"""
from alembic import op

revision = "0009_fts_current"
down_revision = "0008_sessions_limits"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DELETE FROM item_fts WHERE rowid IN (SELECT items.id FROM items JOIN documents "
               "ON documents.id = items.document_id WHERE documents.superseded_by_id IS NOT NULL)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("INSERT INTO item_fts(rowid, stemmed) SELECT items.id, items.stemmed FROM items JOIN documents "
               "ON documents.id = items.document_id WHERE documents.superseded_by_id IS NOT NULL")
