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

- the first ``n`` matches walked in ``(length, id)`` order: they hold the best ``n`` items that
  have the stem once (an item after them with the stem once is beaten by every one of them:
  shorter and once, or at least twice and not longer, which is at least twice the score);
- the first ``n`` in ``(length, id)`` order of those with the stem exactly twice;
- every item with the stem three times or more (rare);

all scored by ``ts_rank_cd`` itself, so scores and ties are the server's.

Two or three stems: an item with every stem once has one cover, so it scores at most
``c / log(1 + length)``; items with a stem repeated are scored all (with the match they are
rare). Matches are walked in ``(length, id)`` order, scored, until that bound for the next
length is below the ``n``-th best score found (with a margin far above float4 rounding): no
item after it can reach the page, not even on a tie.

The count is a GIN bitmap count on ``item_search`` (a third of ``items``' pages, and no join:
it holds current items only). Queries of more than :data:`MAX_TERMS` stems, stems that are not
one plain lexeme, and walks past :data:`MAX_WALK` rows return None or rank the matches in
``item_search`` with ``ts_rank_cd`` (the reference's formula on the same vectors).
"""
from __future__ import annotations

import math
import re
import struct

MAX_TERMS = 3
MAX_LENGTH = 100_000  # lengths for which k·c / log(1 + length) is checked strictly decreasing as a float4
MAX_WALK = 4_000  # rows walked for two or three stems before ranking every match instead
SMALL = 200  # this many matches or fewer: rank them all (one statement, as cheap as the walk)
FIRST_BATCH, BATCH_PER_ROW = 50, 2  # the walk's first batch: max(BATCH_PER_ROW·n, FIRST_BATCH) rows, then doubled
PLAIN = re.compile(r"[a-z0-9]+\Z")  # one lexeme of the 'simple' configuration, unchanged, never a marker
COVER = struct.unpack("f", struct.pack("f", 0.1))[0]  # a position's weight (D) as tsrank.c reads it: a float4 in a double
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
        # scored outside the subquery: only the rows it keeps (a sort would score every row it reads)
        scored = ("SELECT c.id, c.length, ts_rank_cd(c.vector, to_tsquery('simple', %s), 1) "
                  "FROM ({}) c ORDER BY c.length, c.id")
        for sql, args in (
                # the first n matches, shortest first (a walk of ix_item_search_length, or a sort of few matches)
                ("SELECT id, length, vector FROM item_search WHERE vector @@ to_tsquery('simple', %s) "
                 "ORDER BY length, id LIMIT %s", (query, n)),
                # the first n with the stem exactly twice (a walk, or a sort of the few in the repeats index)
                ("SELECT id, length, vector FROM item_search WHERE repeats @@ %s::tsquery "
                 "ORDER BY length, id LIMIT %s", (f"'{stem}~2'", n)),
                # three times or more: all of them
                ("SELECT id, length, vector FROM item_search WHERE repeats @@ %s::tsquery", (f"'{stem}~3'",))):
            sql, args = scored.format(sql), (query, *args)
            rows = conn.exec_driver_sql(sql, args).all()
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
    last, walked, batch = (0, 0), 0, max(BATCH_PER_ROW * n, FIRST_BATCH)
    while True:
        rows = conn.exec_driver_sql(
            "SELECT c.id, c.length, ts_rank_cd(c.vector, to_tsquery('simple', %s), 1) FROM "
            "(SELECT id, length, vector FROM item_search WHERE vector @@ to_tsquery('simple', %s) "
            "AND (length, id) > (%s, %s) ORDER BY length, id LIMIT %s) c ORDER BY c.length, c.id",
            (query, query, last[0], last[1], batch)).all()
        for item_id, length, score in rows:
            found[item_id] = score
        walked += len(rows)
        if len(rows) < batch:
            break  # every match seen
        last = (rows[-1][1], rows[-1][0])
        best = sorted(found.values(), reverse=True)
        if len(best) >= n and bound(last[0]) < best[n - 1]:
            break  # nothing after the walk reaches the n-th score
        if walked >= MAX_WALK:
            return total, _rank_all(conn, query, n)
        batch *= 2
    return total, sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
