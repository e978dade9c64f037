"""Tracking: covering index for the scorecard's monthly series and an index for its latest changes.

Revision ID: 0004_track_indexes
Revises: 0003_track
Create Date: 2026-11-25
"""
from alembic import op

revision = "0004_track_indexes"
down_revision = "0003_track"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the series sums (prev -> new) deltas per month: answered from the index alone, without the rows' notes
    op.create_index("ix_track_updates_series", "track_updates",
                    ["region_id", "state", "published_month", "prev_status", "status"])
    op.create_index("ix_track_updates_recent", "track_updates", ["region_id", "published_at"])


def downgrade() -> None:
    op.drop_index("ix_track_updates_recent", "track_updates")
    op.drop_index("ix_track_updates_series", "track_updates")
