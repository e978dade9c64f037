"""SQLite: the first page of a search ranked without scoring every match.

FTS5's bm25 scores every item that matches before ``ORDER BY … LIMIT`` (6,000
to 15,000 of 100,000 items for one common word), which was most of a search's
time. ``item_rank`` is a second, small FTS5 index over the same items (those
of current documents) whose rowid puts the ordering in the index:

- rowid = item length in tokens << 40 | item id, so matches come out shortest
  first (and by id among equal lengths), and ``ORDER BY rowid LIMIT n`` reads
  only the first ``n``;
- the terms are the item's distinct tokens, plus ``stem~2`` for a stem that
  occurs exactly twice and ``stem~3`` for three times or more (contentless,
  ``detail=none``: no positions, no text); tokens, lengths and counts are
  ``item_fts``'s (:func:`tokens`), since they are what bm25 reads.

bm25 with one value per term frequency is a decreasing function of the length
alone, so among the items whose query stems all occur once (or all share any
one pattern of once/twice), the best are the first in rowid order. The exact
best ``n`` items by bm25 are therefore among: the first ``n`` of each pattern
of once/twice over the query stems (one indexed query each, ``LIMIT n``) and
every item with a query stem three times or more (rare; their frequencies are
read from their text). Those few candidates are scored here with FTS5's own
formula and statistics (row count and average length from ``item_fts``,
document frequencies counted), so the page is what
``ORDER BY bm25(item_fts), rowid`` gives, at a fraction of the cost.

Queries of more than :data:`MAX_TERMS` stems (2^n patterns) or with stems
that are not one plain token (``detail=none`` has no phrases) return None:
the caller ranks them with bm25 as before.
"""
from __future__ import annotations

import math
import re
import sqlite3
import threading
from collections import Counter

from sqlalchemy import text as sql_text

K1, B = 1.2, 0.75  # FTS5's bm25 constants
LENGTH_SHIFT = 40
ID_MASK = (1 << LENGTH_SHIFT) - 1
MAX_LENGTH = (1 << 22) - 1  # keeps the rowid below 2^62
MAX_TERMS = 3
PLAIN = re.compile(r"[a-z0-9]+\Z")  # one unicode61 token whatever the options, and never a marker
ALL_PLAIN = re.compile(r"[a-z0-9 ]*\Z")  # stems joined by spaces, every one PLAIN

ITEM_FTS_TOKENIZER = "unicode61 remove_diacritics 2"  # item_fts's (migration 0001): its lengths are bm25's

CREATE = ("CREATE VIRTUAL TABLE item_rank USING fts5(terms, content='', detail=none, columnsize=0, "
          "tokenize=\"unicode61 remove_diacritics 2 tokenchars '~'\")")


def tokens(stemmed: str) -> list[str]:
    """The tokens FTS5 makes of an item's stems in ``item_fts``: those bm25 counts (length, frequencies).

    Stems of plain ``[a-z0-9]`` are one token each, unchanged. Any other (from a PDF's or a web page's
    text: a form's blank "____", a word joined by "_", a letter with a combining mark) may be no token
    at all, several, or fold into a plain one (an "i" with a combining dot above is "i"): those items
    are tokenized by FTS5 itself, with ``item_fts``'s tokenizer on a scratch table.
    """
    if ALL_PLAIN.match(stemmed):  # one match for the whole string: a match per stem doubled rank_row's time
        return stemmed.split()
    return _fts5_tokens(stemmed)


_scratch: sqlite3.Connection | None = None
_scratch_lock = threading.Lock()


def _fts5_tokens(text: str) -> list[str]:
    global _scratch
    with _scratch_lock:  # one scratch table for the process, so threads take turns
        if _scratch is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            conn.execute(f"CREATE VIRTUAL TABLE scratch USING fts5(stemmed, tokenize='{ITEM_FTS_TOKENIZER}')")
            conn.execute("CREATE VIRTUAL TABLE temp.scratch_tokens USING fts5vocab(main, scratch, instance)")
            _scratch = conn
        _scratch.execute("INSERT INTO scratch(rowid, stemmed) VALUES (1, ?)", (text,))
        try:
            return [t for (t,) in _scratch.execute("SELECT term FROM scratch_tokens ORDER BY offset")]
        finally:
            _scratch.execute("DELETE FROM scratch")


def rank_row(item_id: int, stemmed: str) -> dict:
    """The ``item_rank`` row of an item (the same for its insertion and, contentless, its deletion).

    Any change to this function needs a migration that rebuilds ``item_rank``: a
    contentless FTS5 row is deleted by giving the values it was inserted with.
    """
    if item_id > ID_MASK:
        raise ValueError(f"item id {item_id} too large for item_rank")
    # counted as item_fts counts them, not by splitting the stems: the length and the frequencies must be
    # the ones bm25 reads, or the order and the scores differ from bm25's for items with an odd stem
    counts = Counter(tokens(stemmed))
    words = list(counts)
    for stem, n in counts.items():
        if n > 1 and PLAIN.match(stem):
            words.append(f"{stem}~{min(n, 3)}")
    length = min(sum(counts.values()), MAX_LENGTH)
    return {"rowid": (length << LENGTH_SHIFT) | item_id, "terms": " ".join(words)}


def insert(session, rows: list[dict]) -> None:
    """Index ``[{"id", "stemmed"}]``."""
    if rows:
        session.execute(sql_text("INSERT INTO item_rank(rowid, terms) VALUES (:rowid, :terms)"),
                        [rank_row(r["id"], r["stemmed"]) for r in rows])


def delete(session, rows: list[dict]) -> None:
    """Take ``[{"id", "stemmed"}]`` (as indexed) out of the index."""
    if rows:
        session.execute(sql_text("INSERT INTO item_rank(item_rank, rowid, terms) VALUES ('delete', :rowid, :terms)"),
                        [rank_row(r["id"], r["stemmed"]) for r in rows])


def _quote(term: str) -> str:
    return '"' + term + '"'


def _averages(conn) -> tuple[int, float]:
    """Row count and average length in tokens, from ``item_fts``'s averages record (what bm25 reads)."""
    row = conn.execute("SELECT block FROM item_fts_data WHERE id = 1").fetchone()
    blob = row[0] if row else None
    values, v = [], 0
    for byte in blob or b"":
        v = (v << 7) | (byte & 0x7F)
        if not byte & 0x80:
            values.append(v)
            v = 0
    if len(values) < 2 or not values[0]:
        return 0, 1.0
    return values[0], values[1] / values[0]


def _count(conn, expr: str) -> int:
    return conn.execute("SELECT count(*) FROM item_rank WHERE item_rank MATCH ?", (expr,)).fetchone()[0] or 0


def top(conn: sqlite3.Connection, stems: list[str], n: int) -> tuple[int, list] | None:
    """``(total, [(item_id, score), …])``: every match counted and the best ``n`` by bm25 (score = -bm25,
    higher is better; ties by item id), or None if the query needs bm25 over every match.

    ``conn`` is the driver's connection (sqlite3's, under a pooled one): these few statements are SQLite's
    alone, and the ORM's and then SQLAlchemy's per-statement and per-row work (a session,
    ``exec_driver_sql``, its cursor result) were a good part of the ranking's cost."""
    if not stems or len(stems) > MAX_TERMS or not all(PLAIN.match(s) for s in stems):
        return None
    rows, avgdl = _averages(conn)
    if not rows:
        return 0, []
    match = " AND ".join(_quote(s) for s in stems)
    # counted on every search (a few tenths of a millisecond each without positions), never kept: the
    # index may change under any cache key but its own content
    dfs = [_count(conn, _quote(s)) for s in stems]
    total = dfs[0] if len(stems) == 1 else _count(conn, match)
    if not total or n <= 0:
        return total, []
    idf = []
    for df in dfs:
        value = math.log((rows - df + 0.5) / (df + 0.5))
        idf.append(value if value > 0 else 1e-6)  # as FTS5 does for words in most rows

    def score(length: int, freqs) -> float:
        # FTS5's expression, operation for operation (fts5_aux.c, fts5Bm25Function): the same doubles, so
        # that two items bm25 ties stay tied here and no two it orders swap by a rounding
        total = 0.0
        for w, f in zip(idf, freqs):
            total += w * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * length / avgdl)))
        return total

    found: dict[int, float] = {}
    many = " OR ".join(_quote(s + "~3") for s in stems)
    for pattern in range(1 << len(stems)):
        freqs = [2 if pattern >> i & 1 else 1 for i in range(len(stems))]
        twice = [_quote(s + "~2") for s, f in zip(stems, freqs) if f == 2]
        excluded = [_quote(s + "~2") for s, f in zip(stems, freqs) if f == 1]
        expr = "(" + " AND ".join([match] + twice) + ") NOT (" + " OR ".join(excluded + [many]) + ")"
        for (rowid,) in conn.execute("SELECT rowid FROM item_rank WHERE item_rank MATCH ? ORDER BY rowid LIMIT ?",
                                     (expr, n)):
            found[rowid & ID_MASK] = score(rowid >> LENGTH_SHIFT, freqs)
    # a stem three times or more: rare, so read those items' stems for the frequencies
    for rowid, stemmed in conn.execute(
            "SELECT item_rank.rowid, items.stemmed FROM item_rank JOIN items ON items.id = item_rank.rowid & ? "
            "WHERE item_rank MATCH ?", (ID_MASK, f"({match}) AND ({many})")):
        counts = Counter(tokens(stemmed))
        found[rowid & ID_MASK] = score(rowid >> LENGTH_SHIFT, [max(1, counts[s]) for s in stems])
    best = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return total, best
