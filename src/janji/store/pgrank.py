"""PostgreSQL: the first page of a search ranked without ``ts_rank_cd`` over every match.

The reference (:meth:`janji.store.Store.search`, kept for filtered searches) scores every
current item that matches with ``ts_rank_cd(search_vector, query, 1)`` and orders by score,
then id. With the default weights every position of a ``to_tsvector`` has weight D, so
(PostgreSQL's tsrank.c, checked against the server by tests/store/test_store_pgrank.py):

- every cover contributes ``c / (1 + noise)``, ``c`` = the float4 weight 0.1 as a double, and
  ``noise`` = the words inside the cover that are not query words;
- normalisation 1 divides the sum by ``log(1 + length)``, ``length`` = the vector's positions
  (``cnt_length``), and the result is a float4.

One stem: each occurrence is a cover without noise, so the score is ``k·c / log(1 + length)``
for ``k`` occurrences: within one ``k`` a strictly decreasing function of the length (checked
up to :data:`MAX_LENGTH`), and equal lengths score the same. ``item_search`` (migration 0013:
the vectors of current items, their ``length``, btree ``(length, id)``, and ``repeats`` with
``stem~2`` / ``stem~3`` for stems twice / three times or more) gives the exact best ``n``:

- the first ``n`` matches in ``(length, id)`` order: they hold the best ``n`` items that have the
  stem once (an item after them with the stem once is beaten by every one of them: shorter and
  once, or at least twice and not longer, which is at least twice the score);
- the first ``n`` in ``(length, id)`` order of those with the stem exactly twice;
- every item with the stem three times or more (rare);

all scored by ``ts_rank_cd`` itself, so scores and ties are the server's. "The first ``n``" come
from a walk of the first :data:`WALK` rows of the length index when the matches are frequent
enough to fill the page there (a common word: a millisecond), else from a sort of the matches by
their stored length (no scoring; a rarer word, or a class of the repeats index).

Two or three stems: an item with every stem once has one cover, so it scores at most
``c / log(1 + length)``; the matches with a stem repeated are all scored. The length index is
read in order, a chunk at a time, its matches scored, until that bound at the length reached is
below the ``n``-th best score found (with a margin far above float4 rounding): no item after it
can reach the page, not even on a tie. That works when the stems stand side by side (a phrase);
when they stand apart the bound stays loose, and after :data:`WALK_PER_MATCH` rows per match the
matches are all ranked with ``ts_rank_cd`` in ``item_search`` instead (the reference's formula on
the same vectors, without its join), as are queries with at most :data:`SMALL` matches.

The count is a GIN bitmap count on ``item_search``: about half of ``items``' pages, no join (it
holds current items only), and pages all-visible after :meth:`Store.optimize`'s vacuum. Queries
of more than :data:`MAX_TERMS` stems and stems that are not one plain lexeme return None: the
caller ranks them as before.
"""
from __future__ import annotations

import math
import re
import struct

# one statement adding a new document's items (rows as migration 0013 makes them: the length as ts_rank_cd's
# cnt_length counts it, and stem~2 / stem~3 for the stems twice / three times or more)
INSERT_ROWS = (
    "INSERT INTO item_search (id, length, vector, repeats) SELECT i.id, r.length, i.search_vector, r.repeats "
    "FROM items i CROSS JOIN LATERAL (SELECT coalesce(sum(greatest(cardinality(positions), 1)), 0)::integer "
    "AS length, array_to_tsvector(coalesce(array_agg(lexeme || '~' || least(cardinality(positions), 3)) "
    "FILTER (WHERE cardinality(positions) > 1), '{}'::text[])) AS repeats FROM unnest(i.search_vector)) r "
    "WHERE i.document_id = :document")

MAX_TERMS = 3
MAX_LENGTH = 100_000  # lengths for which k·c / log(1 + length) is checked strictly decreasing as a float4
WALK = 3_000  # rows of the length index read for one stem's first page before sorting every match instead
MAX_WALK = 6_000  # rows of the length index read for two or three stems before ranking every match instead
FIRST_CHUNK, MAX_CHUNK = 250, 1_000  # rows read by the first step of that walk, doubled at every next step
WALK_PER_MATCH = 0.5  # and at most this many per match (a row read costs about half a match scored): when the
# stems are far apart in most items the bound stays loose, and that walk is then at most a quarter of the waste
SMALL = 1_000  # this many matches or fewer: rank them all (one statement, as cheap as the walk)
PLAIN = re.compile(r"[a-z0-9]+\Z")  # one lexeme of the 'simple' configuration, unchanged, never a marker
# a position's weight (D) as tsrank.c reads it: a float4 in a double
COVER = struct.unpack("f", struct.pack("f", 0.1))[0]
MARGIN = 1e-6  # relative; float4 rounding is below 6e-8


def bound(length: int) -> float:
    """An upper bound of the score of an item of ``length`` whose query stems occur once each."""
    return COVER / math.log(length + 1) * (1 + MARGIN)


def _lexemes(stems: list[str]) -> str:
    return " & ".join("'" + s + "'" for s in stems)


def _rank_all(conn, query: str, n: int) -> list:
    return conn.exec_driver_sql(
        "SELECT id, ts_rank_cd(vector, q, 1) AS score FROM item_search, to_tsquery('simple', %s) q "
        "WHERE vector @@ q ORDER BY score DESC, id LIMIT %s", (query, n)).all()


def _scored(conn, query: str, rows_sql: str, args: tuple) -> list:
    """``[(id, length, score)]`` of the rows ``rows_sql`` selects (``id, length, vector``), in ``(length, id)``
    order; scored outside it, so that only the rows it keeps are (a sort would score every row it reads)."""
    return conn.exec_driver_sql(
        "SELECT c.id, c.length, ts_rank_cd(c.vector, to_tsquery('simple', %s), 1) "
        f"FROM ({rows_sql}) c ORDER BY c.length, c.id", (query, *args)).all()


def _first(conn, query: str, n: int, where: str, args: tuple, count: int) -> list:
    """The first ``n`` rows of ``item_search`` meeting ``where`` in ``(length, id)`` order, scored.

    From a walk of the first :data:`WALK` rows of ``ix_item_search_length`` if those are likely to hold ``n``
    of them (twice as many expected from ``count``, how many there are in all, 0 if unknown), a walk bounded
    whatever the planner estimates; else, or if the walk did not find ``n``, from a sort of all of them by the
    stored length (no scoring)."""
    items = count and conn.exec_driver_sql(
        "SELECT reltuples FROM pg_class WHERE oid = 'item_search'::regclass").scalar() or 0
    if items > 0 and count * WALK >= 2 * n * items:
        rows = _scored(conn, query, "SELECT id, length, vector FROM (SELECT id, length, vector, repeats FROM "
                       f"item_search ORDER BY length, id LIMIT %s) p WHERE {where} ORDER BY length, id LIMIT %s",
                       (WALK, *args, n))
        if len(rows) == n:
            return rows
    # "length + 0": never a walk of the whole index for a rare word
    return _scored(conn, query, f"SELECT id, length, vector FROM item_search WHERE {where} "
                   "ORDER BY length + 0, id LIMIT %s", (*args, n))


def top(session, stems: list[str], n: int) -> tuple[int, list] | None:
    """``(total, [(item_id, score), …])``: every current match counted and the best ``n`` by
    ``ts_rank_cd(search_vector, query, 1)`` (ties by item id), or None if the query is not covered."""
    if not stems or len(stems) > MAX_TERMS or len(set(stems)) != len(stems) \
            or not all(PLAIN.match(s) for s in stems):
        return None
    conn = session.connection()
    query = _lexemes(stems)
    total = conn.exec_driver_sql("SELECT count(*) FROM item_search WHERE vector @@ to_tsquery('simple', %s)",
                                 (query,)).scalar() or 0
    if not total or n <= 0:
        return total, []
    if total <= SMALL:
        return total, _rank_all(conn, query, n)
    found: dict[int, float] = {}
    if len(stems) == 1:
        stem = stems[0]
        classes = (
            _first(conn, query, n, "vector @@ to_tsquery('simple', %s)", (query,), total),
            # the first n with the stem exactly twice, then all with it three times or more: the repeats index
            _first(conn, query, n, "repeats @@ %s::tsquery", (f"'{stem}~2'",), 0),
            _scored(conn, query, "SELECT id, length, vector FROM item_search WHERE repeats @@ %s::tsquery",
                    (f"'{stem}~3'",)))
        for rows in classes:
            if any(length >= MAX_LENGTH for _, length, _ in rows):
                return total, _rank_all(conn, query, n)
            for item_id, _, score in rows:
                found[item_id] = score
        return total, sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    # two or three stems: every match with a stem repeated, then the others shortest first
    repeated = " | ".join(f"'{s}~2' | '{s}~3'" for s in stems)
    for item_id, score in conn.exec_driver_sql(
            "SELECT id, ts_rank_cd(vector, q, 1) FROM item_search, to_tsquery('simple', %s) q "
            "WHERE vector @@ q AND repeats @@ %s::tsquery", (query, repeated)):
        found[item_id] = score
    # the rows of ix_item_search_length in order, a chunk at a time, matches scored: after the last row read
    # every item is at least as long
    last, read, chunk = (0, 0), 0, FIRST_CHUNK
    budget = min(MAX_WALK, WALK_PER_MATCH * total)
    while True:
        rows = conn.exec_driver_sql(
            "SELECT p.id, p.length, CASE WHEN p.vector @@ q THEN ts_rank_cd(p.vector, q, 1) END "
            "FROM (SELECT id, length, vector FROM item_search WHERE (length, id) > (%s, %s) "
            "ORDER BY length, id LIMIT %s) p, to_tsquery('simple', %s) q ORDER BY p.length, p.id",
            (last[0], last[1], chunk, query)).all()
        for item_id, length, score in rows:
            if score is not None:
                found[item_id] = score
        read += len(rows)
        if len(rows) < chunk:
            break  # every item read
        last = (rows[-1][1], rows[-1][0])
        best = sorted(found.values(), reverse=True)
        if len(best) >= n and bound(last[0]) < best[n - 1]:
            break  # nothing after the last row read reaches the n-th score
        if read >= budget:
            # the stems far apart in most items: the bound stays loose, and scoring every match is cheaper
            return total, _rank_all(conn, query, n)
        chunk = max(1, min(2 * chunk, MAX_CHUNK, int(budget) - read))
    return total, sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
