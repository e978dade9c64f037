"""Sources as people cite them: a document's publisher and publication time beside its title and URL.

Both are nullable and left empty for documents stored before: their raw bytes are not kept, so nothing can be
read back from them (``janji ingest FILE --url … --title … --publisher … --published …`` fills them in for a
document already stored, without analysing it again).

Revision ID: 0007_sources
Revises: 0006_align, 0006_restem
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

revision = "0007_sources"
down_revision = ("0006_align", "0006_restem")
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN on both databases: no table copy, whatever the size of the store
    op.add_column("documents", sa.Column("publisher", sa.String(300), nullable=True))
    # ISO 8601 as the source gave it: a day ("2024-09-23") or an instant in UTC ("2024-09-23T03:15:00Z")
    op.add_column("documents", sa.Column("published_at", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("published_at")
        batch.drop_column("publisher")
