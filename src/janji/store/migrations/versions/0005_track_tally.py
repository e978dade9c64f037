"""Tracking: running scorecard tallies (counts per pair, bidang, month; progress), filled on first read.

Revision ID: 0005_track_tally
Revises: 0004_track_indexes
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_track_tally"
down_revision = "0004_track_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "track_tally",
        sa.Column("region_id", sa.Integer, primary_key=True),
        sa.Column("scope", sa.String(10), primary_key=True),
        sa.Column("key", sa.String(20), primary_key=True),
        sa.Column("status", sa.String(20), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("total", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("track_tally")
