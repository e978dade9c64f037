"""Initial store: regions, elections, candidate pairs, documents, items, sectors, SDGs, full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "regions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("code", sa.String(20)),
        sa.Column("level", sa.String(20)),
    )
    op.create_table(
        "elections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(250), nullable=False, unique=True),
        sa.Column("region_id", sa.Integer, sa.ForeignKey("regions.id")),
        sa.Column("year", sa.Integer),
        sa.Column("period_start", sa.Integer),
        sa.Column("period_end", sa.Integer),
    )
    op.create_index("ix_elections_region_id", "elections", ["region_id"])
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("election_id", sa.Integer, sa.ForeignKey("elections.id")),
        sa.Column("head", sa.String(200), nullable=False),
        sa.Column("deputy", sa.String(200)),
        sa.Column("head_key", sa.String(200), nullable=False),
        sa.Column("deputy_key", sa.String(200)),
        sa.Column("number", sa.Integer),
        sa.Column("parties", sa.JSON, nullable=False),
        sa.Column("incumbent", sa.Boolean),
        sa.Column("aliases", sa.JSON, nullable=False),
    )
    op.create_index("ix_candidates_election_id", "candidates", ["election_id"])
    op.create_index("ix_candidates_head_key", "candidates", ["head_key"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("origin", sa.String(1000), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("superseded_by_id", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("format", sa.String(20)),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("retrieved_at", sa.DateTime, nullable=False),
        sa.Column("region_id", sa.Integer, sa.ForeignKey("regions.id")),
        sa.Column("election_id", sa.Integer, sa.ForeignKey("elections.id")),
        sa.Column("period_start", sa.Integer),
        sa.Column("period_end", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("warnings", sa.JSON, nullable=False),
    )
    op.create_index("ix_documents_origin", "documents", ["origin"])
    op.create_index("ix_documents_superseded_by_id", "documents", ["superseded_by_id"])
    op.create_index("ix_documents_region_id", "documents", ["region_id"])
    op.create_index("ix_documents_election_id", "documents", ["election_id"])
    op.create_table(
        "document_candidates",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("candidate_id", sa.Integer, sa.ForeignKey("candidates.id"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_document_candidates_candidate_id", "document_candidates", ["candidate_id"])
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE")),
        sa.Column("candidate_id", sa.Integer, sa.ForeignKey("candidates.id")),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("depth", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("label", sa.String(100)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("candidate_name", sa.String(200)),
        sa.Column("speaker", sa.String(200)),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        sa.Column("quantities", sa.JSON, nullable=False),
        sa.Column("sectors", sa.JSON, nullable=False),
        sa.Column("sdgs", sa.JSON, nullable=False),
        sa.Column("measurability", sa.JSON),
        sa.Column("measurable", sa.Boolean, nullable=False),
        sa.Column("scores", sa.JSON),
        sa.Column("evidence", sa.JSON),
        sa.Column("stemmed", sa.Text, nullable=False),
    )
    op.create_index("ix_items_document_id", "items", ["document_id"])
    op.create_index("ix_items_parent_id", "items", ["parent_id"])
    op.create_index("ix_items_candidate_id", "items", ["candidate_id"])
    op.create_index("ix_items_kind", "items", ["kind"])
    op.create_index("ix_items_measurable", "items", ["measurable"])
    op.create_index("ix_items_document_position", "items", ["document_id", "position"])
    op.create_table(
        "item_sectors",
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("code", sa.String(10), primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False),
    )
    op.create_index("ix_item_sectors_code", "item_sectors", ["code"])
    op.create_table(
        "item_sdgs",
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("goal", sa.Integer, primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False),
    )
    op.create_index("ix_item_sdgs_goal", "item_sdgs", ["goal"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # rowid = items.id; holds the stemmed text (a regular FTS5 table, so rows delete by rowid)
        op.execute("CREATE VIRTUAL TABLE item_fts USING fts5(stemmed, tokenize='unicode61 remove_diacritics 2')")
    elif dialect == "postgresql":
        # 'simple': no English stemming or stop words; the text is already stemmed by Sastrawi
        op.execute("CREATE INDEX ix_items_fts ON items USING gin (to_tsvector('simple', stemmed))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS item_fts")
    for table in ("item_sdgs", "item_sectors", "items", "document_candidates", "documents", "candidates",
                  "elections", "regions"):
        op.drop_table(table)
