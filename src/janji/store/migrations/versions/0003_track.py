"""Tracking: accounts, roles, regions, API tokens, status history with evidence, state, milestones, proposals,
append-only audit log (triggers refuse UPDATE/DELETE on it, SQLite and PostgreSQL).

Revision ID: 0003_track
Revises: 0002
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0003_track"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('track_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=50), nullable=False),
    sa.Column('target', sa.String(length=50), nullable=False),
    sa.Column('target_id', sa.String(length=50), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('ip', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_track_audit_at'), 'track_audit', ['at'], unique=False)
    op.create_table('track_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_track_files_sha256'), 'track_files', ['sha256'], unique=False)
    op.create_table('track_login_failures',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('first_at', sa.DateTime(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('track_settings',
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('track_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('session_epoch', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('track_region_settings',
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('needs_review', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('region_id')
    )
    op.create_table('track_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['track_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_track_tokens_user_id'), 'track_tokens', ['user_id'], unique=False)
    op.create_table('track_user_regions',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['track_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'region_id')
    )
    op.create_index(op.f('ix_track_user_regions_region_id'), 'track_user_regions', ['region_id'], unique=False)
    op.create_table('track_milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=True),
    sa.Column('reached_on', sa.Date(), nullable=True),
    sa.Column('evidence_url', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['track_users.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_track_milestones_item_id'), 'track_milestones', ['item_id'], unique=False)
    op.create_table('track_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('prev_status', sa.String(length=20), nullable=True),
    sa.Column('progress_value', sa.Float(), nullable=True),
    sa.Column('progress_target', sa.Float(), nullable=True),
    sa.Column('progress_unit', sa.String(length=50), nullable=True),
    sa.Column('measured_on', sa.Date(), nullable=True),
    sa.Column('evidence_url', sa.Text(), nullable=True),
    sa.Column('evidence_file_id', sa.Integer(), nullable=True),
    sa.Column('evidence_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('published_month', sa.String(length=7), nullable=True),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['track_users.id'], ),
    sa.ForeignKeyConstraint(['evidence_file_id'], ['track_files.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], ),
    sa.ForeignKeyConstraint(['reviewer_id'], ['track_users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_track_updates_item_id'), 'track_updates', ['item_id'], unique=False)
    op.create_index(op.f('ix_track_updates_region_id'), 'track_updates', ['region_id'], unique=False)
    op.create_index('ix_track_updates_region_state', 'track_updates', ['region_id', 'state', 'published_month'], unique=False)
    op.create_index(op.f('ix_track_updates_state'), 'track_updates', ['state'], unique=False)
    op.create_table('track_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('proposer', sa.String(length=200), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('evidence_url', sa.Text(), nullable=True),
    sa.Column('evidence_file_id', sa.Integer(), nullable=True),
    sa.Column('evidence_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('update_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['evidence_file_id'], ['track_files.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], ),
    sa.ForeignKeyConstraint(['reviewer_id'], ['track_users.id'], ),
    sa.ForeignKeyConstraint(['update_id'], ['track_updates.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_track_proposals_item_id'), 'track_proposals', ['item_id'], unique=False)
    op.create_index(op.f('ix_track_proposals_region_id'), 'track_proposals', ['region_id'], unique=False)
    op.create_index(op.f('ix_track_proposals_state'), 'track_proposals', ['state'], unique=False)
    op.create_table('track_state',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('update_id', sa.Integer(), nullable=False),
    sa.Column('progress_value', sa.Float(), nullable=True),
    sa.Column('progress_target', sa.Float(), nullable=True),
    sa.Column('progress_unit', sa.String(length=50), nullable=True),
    sa.Column('measured_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], ),
    sa.ForeignKeyConstraint(['update_id'], ['track_updates.id'], ),
    sa.PrimaryKeyConstraint('item_id')
    )
    op.create_index(op.f('ix_track_state_region_id'), 'track_state', ['region_id'], unique=False)
    op.create_index('ix_track_state_region_status', 'track_state', ['region_id', 'status'], unique=False)
    _audit_triggers()


def _audit_triggers() -> None:
    """The audit log is append-only in the database itself, not only by convention of the code."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"""CREATE TRIGGER track_audit_no_{verb.lower()} BEFORE {verb} ON track_audit
                BEGIN SELECT RAISE(ABORT, 'track_audit is append-only'); END""")
    elif dialect == "postgresql":
        op.execute("""CREATE FUNCTION track_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'track_audit is append-only'; END $$""")
        op.execute("""CREATE TRIGGER track_audit_append_only BEFORE UPDATE OR DELETE ON track_audit
            FOR EACH ROW EXECUTE FUNCTION track_audit_append_only()""")
        op.execute("""CREATE TRIGGER track_audit_no_truncate BEFORE TRUNCATE ON track_audit
            FOR EACH STATEMENT EXECUTE FUNCTION track_audit_append_only()""")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS track_audit_no_truncate ON track_audit")
        op.execute("DROP TRIGGER IF EXISTS track_audit_append_only ON track_audit")
        op.execute("DROP FUNCTION IF EXISTS track_audit_append_only()")
    for table in ("track_proposals", "track_milestones", "track_state", "track_updates", "track_files",
                  "track_login_failures", "track_settings", "track_region_settings", "track_tokens",
                  "track_user_regions", "track_users", "track_audit"):
        op.drop_table(table)
