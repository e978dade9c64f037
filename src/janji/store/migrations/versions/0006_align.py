"""Alignment: campaign → plan alignments and their rows, evidence suggestions and the scans behind them;
tracking entries may name the stored document that is their evidence.

Revision ID: 0006_align
Revises: 0003_track
Create Date: 2026-12-06

A branch of its own from the tracking tables it extends (0003), like the other parts of janji: it applies
beside later store and tracking migrations, whatever their order.
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_align"
down_revision = "0003_track"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alignments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("region_id", sa.Integer, sa.ForeignKey("regions.id"), nullable=False),
        sa.Column("election_id", sa.Integer, sa.ForeignKey("elections.id"), nullable=True),
        sa.Column("candidate_id", sa.Integer, sa.ForeignKey("candidates.id"), nullable=True),
        sa.Column("plan_document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("campaign_document_ids", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("campaign_items", sa.Integer, nullable=False),
        sa.Column("carried", sa.Integer, nullable=False),
        sa.Column("dropped", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("model", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
    )
    op.create_index("ix_alignments_region_id", "alignments", ["region_id"])
    op.create_index("ix_alignments_election_id", "alignments", ["election_id"])
    op.create_index("ix_alignments_region_election", "alignments", ["region_id", "election_id", "id"])
    op.create_table(
        "alignment_rows",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("alignment_id", sa.Integer, sa.ForeignKey("alignments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("campaign_item_id", sa.Integer, sa.ForeignKey("items.id"), nullable=True),
        sa.Column("plan_item_ids", sa.JSON, nullable=False),
        sa.Column("match", sa.String(10), nullable=True),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("why", sa.Text, nullable=True),
    )
    op.create_index("ix_alignment_rows_alignment_id", "alignment_rows", ["alignment_id"])
    op.create_table(
        "evidence_suggestions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("region_id", sa.Integer, sa.ForeignKey("regions.id"), nullable=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=True),
        sa.Column("span_end", sa.Integer, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_key", sa.String(64), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("why", sa.Text, nullable=True),
        sa.Column("evidence_date", sa.String(10), nullable=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("update_id", sa.Integer, nullable=True),
        sa.UniqueConstraint("item_id", "text_key", name="uq_evidence_suggestions_item_text"),
    )
    op.create_index("ix_evidence_suggestions_item_id", "evidence_suggestions", ["item_id"])
    op.create_index("ix_evidence_suggestions_region_id", "evidence_suggestions", ["region_id"])
    op.create_index("ix_evidence_suggestions_document_id", "evidence_suggestions", ["document_id"])
    op.create_index("ix_evidence_suggestions_region_state", "evidence_suggestions", ["region_id", "state"])
    op.create_table(
        "suggestion_scans",
        sa.Column("region_id", sa.Integer, sa.ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("fingerprint", sa.Text, nullable=False),
        sa.Column("scanned_at", sa.DateTime, nullable=False),
    )
    with op.batch_alter_table("track_updates") as batch:
        batch.add_column(sa.Column("evidence_document_id", sa.Integer, nullable=True))
        batch.create_foreign_key("fk_track_updates_evidence_document", "documents", ["evidence_document_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("track_updates") as batch:
        batch.drop_constraint("fk_track_updates_evidence_document", type_="foreignkey")
        batch.drop_column("evidence_document_id")
    op.drop_table("suggestion_scans")
    op.drop_table("evidence_suggestions")
    op.drop_table("alignment_rows")
    op.drop_table("alignments")
