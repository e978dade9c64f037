"""PostgreSQL: ``item_search``, a narrow copy of the search vectors of current items, ordered by length.

A search's first page no longer ranks every match with ``ts_rank_cd``: see :mod:`janji.store.pgrank`.
The table holds, for each item of a current document, its ``search_vector`` (migration 0002), that
vector's length as ``ts_rank_cd`` counts it (``length``, btree ``(length, id)``: matches walked shortest
first) and ``repeats``, a small tsvector of ``stem~2`` / ``stem~3`` for stems that occur exactly twice
or three times and more (GIN). The store adds a new document's items with one statement
(``janji.store.pgrank.INSERT_ROWS``, in ``Store._write_document``): a trigger on inserts into
``items`` fired once per item (the store sends them as one statement each) and cost about 150 µs
an item. Triggers keep it on every other write: changing an item's stems (re-stemming) or its
document, superseding a document (its items leave; un-superseding brings them back); deleting
items or documents cascades. SQLite is unchanged (``item_rank``, migration 0011, does the same
there).

Revision ID: 0013_pg_item_search
Revises: 0012_track_pair_versions
Create Date: 2026-12-07
"""
from alembic import op

revision = "0013_pg_item_search"
down_revision = "0012_track_pair_versions"
branch_labels = None
depends_on = None

# An item's row from its search vector: ``length`` is cnt_length() of PostgreSQL's tsrank.c (a lexeme counts
# its positions, or 1 without any; ts_rank_cd with normalisation 1 divides by log(1 + it)), ``repeats`` the
# occurrence class of every repeated lexeme (positions as stored: what ts_rank_cd counts covers of). One pass
# over the vector, inline: as SQL functions the two took twice as long (a third of an ingest's extra time).
RANK = ("(SELECT coalesce(sum(greatest(cardinality(positions), 1)), 0)::integer AS length, "
        "array_to_tsvector(coalesce(array_agg(lexeme || '~' || least(cardinality(positions), 3)) "
        "FILTER (WHERE cardinality(positions) > 1), '{{}}'::text[])) AS repeats FROM unnest({v})) r")
INSERT = "INSERT INTO item_search (id, length, vector, repeats) SELECT {i}.id, r.length, {i}.search_vector, r.repeats "

TRIGGER_FUNCTIONS = f"""
CREATE FUNCTION janji_item_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM item_search WHERE id = OLD.id;
    {INSERT.format(i="NEW")}
    FROM documents d CROSS JOIN LATERAL {RANK.format(v="NEW.search_vector")}
    WHERE d.id = NEW.document_id AND d.superseded_by_id IS NULL;
    RETURN NULL;
END $$;

CREATE FUNCTION janji_item_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.superseded_by_id IS NULL THEN
        {INSERT.format(i="i")}
        FROM items i CROSS JOIN LATERAL {RANK.format(v="i.search_vector")} WHERE i.document_id = NEW.id
        ON CONFLICT (id) DO NOTHING;
    ELSE
        DELETE FROM item_search s USING items i WHERE i.document_id = NEW.id AND s.id = i.id;
    END IF;
    RETURN NULL;
END $$;
"""

TRIGGERS = """
CREATE TRIGGER items_search_update AFTER UPDATE OF stemmed, document_id ON items FOR EACH ROW
    WHEN (OLD.stemmed IS DISTINCT FROM NEW.stemmed OR OLD.document_id IS DISTINCT FROM NEW.document_id)
    EXECUTE FUNCTION janji_item_search_update();
CREATE TRIGGER documents_search_current AFTER UPDATE OF superseded_by_id ON documents FOR EACH ROW
    WHEN ((OLD.superseded_by_id IS NULL) IS DISTINCT FROM (NEW.superseded_by_id IS NULL))
    EXECUTE FUNCTION janji_item_search_document();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE item_search (id integer PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE, "
               "length integer NOT NULL, vector tsvector NOT NULL, repeats tsvector NOT NULL)")
    op.execute(INSERT.format(i="i") + "FROM items i JOIN documents d ON d.id = i.document_id CROSS JOIN LATERAL "
               + RANK.format(v="i.search_vector") + " WHERE d.superseded_by_id IS NULL")
    op.execute("CREATE INDEX ix_item_search_vector ON item_search USING gin (vector)")
    op.execute("CREATE INDEX ix_item_search_repeats ON item_search USING gin (repeats)")
    op.execute("CREATE INDEX ix_item_search_length ON item_search (length, id)")
    op.execute(TRIGGER_FUNCTIONS)
    op.execute(TRIGGERS)
    op.execute("ANALYZE item_search")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS documents_search_current ON documents")
    op.execute("DROP TRIGGER IF EXISTS items_search_update ON items")
    op.execute("DROP TABLE IF EXISTS item_search")
    for name in ("janji_item_search_document()", "janji_item_search_update()"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
