"""Server-side sessions and shared counters; proposals remember a keyed hash of their sender's address.

- ``track_sessions``: one row per login (the cookie's token hashed); logout, a password change and a
  disabled account delete rows, so a replayed cookie opens nothing.
- ``track_counters``: failed logins per account+address, per address and per account, and public
  proposals per address and overall, with their back-off; replaces ``track_login_failures`` (its rows
  are short-lived throttling state and are not carried over).
- ``track_proposals.source`` (+ index with ``created_at``, and ``created_at`` alone): the daily quota per
  address and the "same sender" filter of the review queue.

Revision ID: 0008_sessions_limits
Revises: 0007_sources
Create Date: 2026-12-08
"""
from alembic import op
import sqlalchemy as sa

revision = "0008_sessions_limits"
down_revision = "0007_sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "track_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("track_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("seen_at", sa.DateTime, nullable=False),
        sa.Column("ip", sa.String(64), nullable=True),
    )
    op.create_index("ix_track_sessions_user_id", "track_sessions", ["user_id"])
    op.create_index("ix_track_sessions_seen_at", "track_sessions", ["seen_at"])
    op.create_table(
        "track_counters",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("last_at", sa.DateTime, nullable=False),
        sa.Column("blocked_until", sa.DateTime, nullable=True),
    )
    op.create_index("ix_track_counters_last_at", "track_counters", ["last_at"])
    op.drop_table("track_login_failures")
    # plain ADD COLUMN (nullable) and new indexes: no table copy on either database
    op.add_column("track_proposals", sa.Column("source", sa.String(32), nullable=True))
    op.create_index("ix_track_proposals_source", "track_proposals", ["source", "created_at"])
    op.create_index("ix_track_proposals_created_at", "track_proposals", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_track_proposals_created_at", table_name="track_proposals")
    op.drop_index("ix_track_proposals_source", table_name="track_proposals")
    with op.batch_alter_table("track_proposals") as batch:
        batch.drop_column("source")
    op.create_table(
        "track_login_failures",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("first_at", sa.DateTime, nullable=False),
        sa.Column("locked_until", sa.DateTime, nullable=True),
    )
    op.drop_index("ix_track_counters_last_at", table_name="track_counters")
    op.drop_table("track_counters")
    op.drop_index("ix_track_sessions_seen_at", table_name="track_sessions")
    op.drop_index("ix_track_sessions_user_id", table_name="track_sessions")
    op.drop_table("track_sessions")
