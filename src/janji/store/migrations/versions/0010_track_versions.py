"""Tracking: a version per promise (and one for the review settings), kept by the database itself.

Every insert, change or deletion of a promise's history entry, state or milestone adds one to its
``track_versions`` row ('item', item id); any change of a region's review setting adds one to
('settings', 0). The portal keeps a promise's public tracking (the most read page, its history and
its JSON) per process while that number is unchanged, so it reads one row instead of rebuilding the
page's data, and every worker process sees a write at once. Triggers rather than code, so that every
writer — the API, the forms, review, imports, the CLI — is counted.

Revision ID: 0010_track_versions
Revises: 0009_fts_current
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

revision = "0010_track_versions"
down_revision = "0009_fts_current"
branch_labels = None
depends_on = None

ITEM_TABLES = ("track_updates", "track_state", "track_milestones")
EVENTS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    op.create_table(
        "track_versions",
        sa.Column("scope", sa.String(20), primary_key=True),
        sa.Column("key", sa.Integer, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        for table in ITEM_TABLES + ("track_region_settings",):
            for event in EVENTS:
                row = "OLD" if event == "DELETE" else "NEW"
                scope, key = ("settings", "0") if table == "track_region_settings" else ("item", f"{row}.item_id")
                op.execute(f"CREATE TRIGGER {table}_version_{event.lower()} AFTER {event} ON {table} BEGIN "
                           f"INSERT INTO track_versions(scope, key, version) VALUES ('{scope}', {key}, 1) "
                           "ON CONFLICT(scope, key) DO UPDATE SET version = track_versions.version + 1; END")
        return
    op.execute("""
        CREATE FUNCTION janji_track_version() RETURNS trigger AS $$
        DECLARE
            k integer;
        BEGIN
            IF TG_ARGV[0] = 'settings' THEN
                k := 0;
            ELSIF TG_OP = 'DELETE' THEN
                k := OLD.item_id;
            ELSE
                k := NEW.item_id;
            END IF;
            INSERT INTO track_versions(scope, key, version) VALUES (TG_ARGV[0], k, 1)
                ON CONFLICT (scope, key) DO UPDATE SET version = track_versions.version + 1;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""")
    for table in ITEM_TABLES + ("track_region_settings",):
        scope = "settings" if table == "track_region_settings" else "item"
        op.execute(f"CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION janji_track_version('{scope}')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in ITEM_TABLES + ("track_region_settings",):
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_version_{event.lower()}")
    else:
        for table in ITEM_TABLES + ("track_region_settings",):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
        op.execute("DROP FUNCTION IF EXISTS janji_track_version()")
    op.drop_table("track_versions")
