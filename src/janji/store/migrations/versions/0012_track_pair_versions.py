"""Tracking: a version per pair, kept by the database itself.

Every insert, change or deletion of a promise's state adds one to the ``track_versions`` row ('pair', the
promise's candidate id) besides its own ('item', migration 0010). A pair's page (its promises with their
statuses, rolled up by misi) is kept per process while that number and the documents are unchanged, like a
promise's page: it reads one row instead of every promise of the pair, and every worker process sees a
write at once. Triggers, so that every writer is counted (the API, the forms, review, imports, the CLI).

Revision ID: 0012_track_pair_versions
Revises: 0011_fts_rank
Create Date: 2026-12-07
"""
from alembic import op

revision = "0012_track_pair_versions"
down_revision = "0011_fts_rank"
branch_labels = None
depends_on = None

EVENTS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in EVENTS:
            row = "OLD" if event == "DELETE" else "NEW"
            op.execute(f"CREATE TRIGGER track_state_pair_version_{event.lower()} AFTER {event} ON track_state BEGIN "
                       "INSERT INTO track_versions(scope, key, version) "
                       f"SELECT 'pair', candidate_id, 1 FROM items WHERE id = {row}.item_id "
                       "AND candidate_id IS NOT NULL "
                       "ON CONFLICT(scope, key) DO UPDATE SET version = track_versions.version + 1; END")
        return
    op.execute("""
        CREATE FUNCTION janji_track_pair_version() RETURNS trigger AS $$
        DECLARE
            k integer;
        BEGIN
            IF TG_OP = 'DELETE' THEN
                SELECT candidate_id INTO k FROM items WHERE id = OLD.item_id;
            ELSE
                SELECT candidate_id INTO k FROM items WHERE id = NEW.item_id;
            END IF;
            IF k IS NOT NULL THEN
                INSERT INTO track_versions(scope, key, version) VALUES ('pair', k, 1)
                    ON CONFLICT (scope, key) DO UPDATE SET version = track_versions.version + 1;
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""")
    # at the commit (a deferred constraint trigger): the pair's row is one that every publication of the pair
    # moves, so it is locked only from the commit on, not from the state's change through the tallies and the
    # audit entry as an immediate trigger would (every editor of the pair queued behind that lock)
    op.execute("CREATE CONSTRAINT TRIGGER track_state_pair_version AFTER INSERT OR UPDATE OR DELETE ON track_state "
               "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION janji_track_pair_version()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS track_state_pair_version_{event.lower()}")
    else:
        op.execute("DROP TRIGGER IF EXISTS track_state_pair_version ON track_state")
        op.execute("DROP FUNCTION IF EXISTS janji_track_pair_version()")
    op.execute("DELETE FROM track_versions WHERE scope = 'pair'")
