"""item_rank (janji.store.rank) gives exactly the page FTS5's bm25 gives: ids, order, total and scores.

The reference is always FTS5 itself (``ORDER BY bm25(item_fts), rowid`` over ``item_fts``), on stores built
through the store's own API so that items are stemmed and indexed as in use. SQLite only: item_rank is
SQLite's (PostgreSQL ranks with ts_rank_cd and is covered by the other store tests).
"""
from __future__ import annotations

import hashlib
import itertools
import random
import sqlite3
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from janji.store import open_store, rank
from janji.store import text as jtext

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import doc, item, upgrade_to  # noqa: E402

# In most items: FTS5 floors its idf at 1e-6 (a word in more than half the rows).
COMMON = "program"
# Content words, most frequent first; some forms share one stem (pembangunan, membangun, dibangun: "bangun").
WORDS = ("jalan desa air bersih sekolah pembangunan membangun dibangun guru pasar petani nelayan rumah sakit "
         "gratis warga listrik hutan sungai taman beasiswa pelayanan kesehatan puskesmas bibit pupuk irigasi "
         "bendungan internet modal usaha perempuan pemuda lansia sampah banjir").split()
# Words a text extracted from a PDF or a web page has too, whose stems are not one plain token: a form's blank
# (no token at all for FTS5), a word joined by "_" (two tokens) and a dotted capital I (one token once its
# combining dot is removed: the same token as the plain word)
ODD = ["Nomor ________", "kode_pos", "İstanbul", "x²"]
# plain words a query may use that are only parts of those odd stems, or in no item at all
QUERY_ONLY = ["kode", "pos", "istanbul", "nomor", "roket", "kapal"]
KINDS = ["program", "program", "mission", "commitment", "vision"]


def _text(rng: random.Random) -> str:
    """Items of very different lengths over a small vocabulary, so stems occur once, twice, three times or more."""
    length = rng.choice([rng.randint(1, 3), rng.randint(2, 10), rng.randint(8, 30), rng.randint(30, 140)])
    words = [WORDS[min(int(rng.expovariate(0.12)), len(WORDS) - 1)] for _ in range(length)]
    if rng.random() < 0.85:
        words.append(COMMON)
    if rng.random() < 0.15:
        words.append(rng.choice(ODD))
    if rng.random() < 0.08:  # a plain word that is also a token of an odd stem
        words.append(rng.choice(["kode", "pos", "istanbul", "nomor"]))
    for _ in range(rng.choice([0, 0, 1, 2])):  # a word repeated: twice, three, four, five times
        words += [rng.choice(words)] * rng.randint(1, 4)
    rng.shuffle(words)
    out = " ".join(words)
    return out[:1].upper() + out[1:] + rng.choice(["", ".", ";", " (2025)."])


def _document(rng: random.Random, name: str, n_items: int) -> dict:
    return doc(name, items=[item(rng.choice(KINDS), _text(rng)) for _ in range(n_items)])


def _sha(name: str, version: int) -> str:
    return hashlib.sha256(f"{name}/{version}".encode()).hexdigest()


def build(path: Path, seed: int, documents: int, superseded: int) -> object:
    """A SQLite store of ``documents`` current documents, ``superseded`` of them with an older version
    (whose items a search must not find)."""
    rng = random.Random(seed)
    store = open_store(f"sqlite:///{path}")
    for d in range(documents):
        name = f"dokumen-{d}.txt"
        versions = 2 if d < superseded else 1
        for v in range(1, versions + 1):
            result = store.ingest_document(_document(rng, name, rng.randint(4, 22)), origin=f"/data/{name}",
                                           sha256=_sha(name, v))
            assert result.status == "added", result.reason
    return store


# --- the reference and the checks ------------------------------------------------------------------------------

def _bm25(conn, stems: list[str]) -> list[tuple[int, float]]:
    return [tuple(r) for r in conn.exec_driver_sql(
        "SELECT rowid, -bm25(item_fts) FROM item_fts WHERE item_fts MATCH ? ORDER BY bm25(item_fts), rowid",
        (jtext.fts5_query(stems),))]


def _current_ids(conn) -> set[int]:
    return {i for (i,) in conn.exec_driver_sql(
        "SELECT items.id FROM items JOIN documents ON documents.id = items.document_id "
        "WHERE documents.superseded_by_id IS NULL")}


def check_page(store, query: str, offset: int, limit: int, current: set[int] | None = None) -> None:
    """``rank.top`` and ``Store.search`` give the page, total and scores bm25 gives for ``query``."""
    stems = jtext.query_stems(query)
    with store._session() as session:
        conn = session.connection()
        want = _bm25(conn, stems)
        got = rank.top(conn.connection.driver_connection, stems, offset + limit)
        if current is None:
            current = _current_ids(conn)
    assert got is not None, f"{stems}: item_rank should rank this query"
    total, best = got
    assert total == len(want), f"{stems}: total {total}, bm25 {len(want)}"
    page = want[:offset + limit]
    assert [i for i, _ in best] == [i for i, _ in page], f"{stems}: ids or order differ from bm25's"
    for (i, score), (_, expected) in zip(best, page):
        assert score == pytest.approx(expected, rel=1e-9, abs=0), f"{stems}: item {i} scored {score}, bm25 {expected}"
    assert {i for i, _ in want} <= current, f"{stems}: an item of a superseded document is indexed"
    found = store.search(query, limit=limit, offset=offset)
    assert found["total"] == len(want)
    assert [r["id"] for r in found["results"]] == [i for i, _ in page[offset:]]
    assert [r["score"] for r in found["results"]] == pytest.approx([round(s, 4) for _, s in page[offset:]],
                                                                     abs=1.01e-4)


def _varints(blob: bytes) -> list[int]:
    out, v = [], 0
    for byte in blob:
        v = (v << 7) | (byte & 0x7F)
        if not byte & 0x80:
            out.append(v)
            v = 0
    return out


def _fts5_token_counts(conn, texts: dict[int, str]) -> dict[int, int]:
    """How many tokens FTS5 counts in each text, by item_fts's own tokenizer in a scratch table (not from
    item_fts, whose statistics are what is checked)."""
    create = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'item_fts'").scalar()
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(create.replace("item_fts", "scratch", 1))
        scratch.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, scratch, instance)")
        scratch.executemany("INSERT INTO scratch(rowid, stemmed) VALUES (?, ?)", texts.items())
        counts = dict.fromkeys(texts, 0)
        counts.update(scratch.execute("SELECT doc, count(*) FROM words GROUP BY doc"))
        return counts
    finally:
        scratch.close()


def check_statistics(store) -> None:
    """``rank._averages`` (FTS5's averages record, parsed) is the row count and average length of the items
    of current documents, counted directly; and every item's length in item_rank's rowid is its length as
    FTS5 counts it (item_fts_docsize), so that item_rank orders and scores by the lengths bm25 uses."""
    with store.engine.connect() as conn:
        stemmed = dict(conn.exec_driver_sql(
            "SELECT items.id, items.stemmed FROM items JOIN documents ON documents.id = items.document_id "
            "WHERE documents.superseded_by_id IS NULL").all())
        tokens = _fts5_token_counts(conn, stemmed)
        rows, avgdl = rank._averages(conn.connection.driver_connection)  # sqlite3 connection
        assert rows == len(stemmed)
        assert avgdl == pytest.approx(sum(tokens.values()) / len(stemmed), rel=1e-12)
        sizes = {i: _varints(sz)[0] for i, sz in conn.exec_driver_sql("SELECT id, sz FROM item_fts_docsize")}
    assert sizes == tokens
    lengths = {i: rank.rank_row(i, s)["rowid"] >> rank.LENGTH_SHIFT for i, s in stemmed.items()}
    wrong = {i: (lengths[i], tokens[i], stemmed[i]) for i in stemmed if lengths[i] != tokens[i]}
    assert not wrong, f"item_rank lengths (item_rank, FTS5, stems): {wrong}"


def _queries(rng: random.Random, n: int) -> list[str]:
    vocabulary = WORDS + [COMMON] + QUERY_ONLY
    singles = list(vocabulary)
    pairs = [" ".join(rng.sample(vocabulary, 2)) for _ in range(n)]
    triples = [" ".join(rng.sample(vocabulary, 3)) for _ in range(n)]
    return singles + pairs + triples


def check_all(store, seed: int = 7) -> None:
    check_statistics(store)
    with store.engine.connect() as conn:
        current = _current_ids(conn)
    for query in _queries(random.Random(seed), 25):
        for offset, limit in ((0, 5), (0, 10_000), (3, 7)):
            check_page(store, query, offset, limit, current)


# --- 1. the property: any query of 1-3 plain stems, any page --------------------------------------------------

@pytest.fixture(scope="module")
def big(tmp_path_factory):
    store = build(tmp_path_factory.mktemp("rank") / "janji.db", seed=20261208, documents=24, superseded=7)
    yield store
    store.close()


def test_the_generated_store_has_what_the_property_needs(big):
    """Guards the generator: a store without repeats, odd stems or superseded items would prove little."""
    with big.engine.connect() as conn:
        stemmed = [s for (s,) in conn.exec_driver_sql(
            "SELECT items.stemmed FROM items JOIN documents ON documents.id = items.document_id "
            "WHERE documents.superseded_by_id IS NULL")]
        superseded = conn.exec_driver_sql("SELECT count(*) FROM documents WHERE superseded_by_id IS NOT NULL").scalar()
    assert len(stemmed) > 200 and superseded == 7
    most = [max(s.split().count(w) for w in set(s.split())) for s in stemmed if s]
    assert {1, 2, 3} <= set(most) and max(most) >= 4
    lengths = [len(s.split()) for s in stemmed]
    assert min(lengths) <= 2 and max(lengths) >= 100
    assert sum(COMMON in s.split() for s in stemmed) > len(stemmed) / 2
    assert any("kode_pos" in s for s in stemmed) and any("____" in s for s in stemmed)


def test_statistics_are_fts5s(big):
    check_statistics(big)


_query_words = st.sampled_from(WORDS + [COMMON] * 4 + QUERY_ONLY)


@settings(max_examples=250)
@given(words=st.lists(_query_words, min_size=1, max_size=3), offset=st.integers(0, 40), limit=st.integers(1, 30))
def test_a_page_is_bm25s(big, words, offset, limit):
    check_page(big, " ".join(words), offset, limit)


def test_every_query_and_the_whole_result(big):
    check_all(big)


def test_odd_stems_are_counted_as_fts5_counts_them(tmp_path):
    """Stems that are not one plain token, alone, repeated and beside the plain token they contain."""
    texts = ["kode_pos kode_pos kode_pos jalan", "kode jalan desa", "kode kode_pos", "Nomor ________ jalan",
             "Nomor ________ ________ ________ jalan jalan", "İstanbul İstanbul istanbul", "istanbul desa",
             "İstanbul jalan", "x² x² jalan", "pos", "____"] + [f"program desa {w}" for w in WORDS]
    store = open_store(f"sqlite:///{tmp_path / 'janji.db'}")
    try:
        store.ingest_document(doc("aneh.txt", items=[item("program", t) for t in texts]))
        check_statistics(store)
        for query in ("kode", "pos", "kode jalan", "kode pos", "istanbul", "istanbul desa", "nomor jalan",
                      "jalan", "jalan desa", "desa"):
            for offset, limit in ((0, 1), (0, 3), (1, 2), (0, 100)):
                check_page(store, query, offset, limit)
    finally:
        store.close()


# --- 2. upkeep: new versions, optimize, the re-stemming migration ------------------------------------------------

def test_index_kept_up_through_new_versions_optimize_and_restemming(tmp_path):
    store = build(tmp_path / "janji.db", seed=11, documents=8, superseded=2)
    try:
        check_all(store)
        # new versions of documents, current and already superseded once
        rng = random.Random(12)
        for d, v in ((0, 3), (3, 2), (5, 2), (5, 3)):
            name = f"dokumen-{d}.txt"
            result = store.ingest_document(_document(rng, name, rng.randint(4, 22)), origin=f"/data/{name}",
                                           sha256=_sha(name, v))
            assert (result.status, result.version) == ("added", v)
        check_all(store)
        store.optimize()
        check_all(store)
        # every item stemmed as an older stemmer would have ("layan" was "ayan", "tani" was "petani"), in
        # items and both indexes as the store wrote them then; the re-stemming migration must put both
        # indexes right, item_rank included
        with store.engine.begin() as conn:
            current = _current_ids(conn)
            for item_id, stemmed in conn.exec_driver_sql("SELECT id, stemmed FROM items").all():
                old = " ".join({"layan": "ayan", "tani": "petani"}.get(s, s) for s in stemmed.split())
                if old == stemmed:
                    continue
                conn.execute(text("UPDATE items SET stemmed = :s WHERE id = :i"), {"s": old, "i": item_id})
                if item_id in current:
                    conn.execute(text("UPDATE item_fts SET stemmed = :s WHERE rowid = :i"), {"s": old, "i": item_id})
                    rank.delete(conn, [{"id": item_id, "stemmed": stemmed}])
                    rank.insert(conn, [{"id": item_id, "stemmed": old}])
            conn.execute(text("DELETE FROM alembic_version"))
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0005_track_tally')"))
        assert store.search("pelayanan")["total"] == 0 and store.search("ayan")["total"] > 0
        check_all(store)
        upgrade_to(store.engine, "0006_restem")
        assert store.search("ayan")["total"] == 0 and store.search("pelayanan")["total"] > 0
        check_all(store)
        check_page(store, "ayan", 0, 10)
        check_page(store, "petani pelayanan", 0, 10)
    finally:
        store.close()


# --- 3. what item_rank leaves to bm25 ----------------------------------------------------------------------------

def _search_is_bm25s(store, query: str, **filters) -> dict:
    """``Store.search`` against bm25 over item_fts joined with the filters' columns."""
    stems = jtext.query_stems(query)
    where, params = "", [jtext.fts5_query(stems)]
    if "kind" in filters:
        where, params = " AND items.kind = ?", params + [filters["kind"]]
    with store.engine.connect() as conn:
        want = [tuple(r) for r in conn.exec_driver_sql(
            "SELECT items.id, -bm25(item_fts) FROM item_fts JOIN items ON items.id = item_fts.rowid "
            "WHERE item_fts MATCH ?" + where + " ORDER BY bm25(item_fts), items.id", tuple(params))]
    found = store.search(query, limit=15, offset=2, **filters)
    assert found["total"] == len(want)
    assert [r["id"] for r in found["results"]] == [i for i, _ in want[2:17]]
    assert [r["score"] for r in found["results"]] == pytest.approx([round(s, 4) for _, s in want[2:17]],
                                                                     abs=1.01e-4)
    return found


def test_more_than_three_stems_or_a_stem_not_one_token_is_left_to_bm25(big):
    with big._session() as session:
        for query in ("program jalan desa air", "program jalan desa air sekolah", "kode_pos", "x²",
                      "Nomor ________ program"):
            stems = jtext.query_stems(query)
            assert len(stems) > rank.MAX_TERMS or not all(rank.PLAIN.match(s) for s in stems), stems
            assert rank.top(session.connection().connection.driver_connection, stems, 20) is None, query
    for query in ("program jalan desa air", "program jalan desa air sekolah", "kode_pos", "x²"):
        found = _search_is_bm25s(big, query)
        assert found["total"] > 0, query  # the generated store has matches for each: a real comparison


def test_a_filtered_search_is_unchanged(big, monkeypatch):
    from janji.store import api

    def never(*args, **kwargs):
        raise AssertionError("item_rank used for a filtered search")

    monkeypatch.setattr(api.jrank, "top", never)
    for query in ("program", "jalan", "jalan desa", "desa air program", "kode"):
        assert _search_is_bm25s(big, query, kind="program")["total"] > 0, query
    for query in ("program", "jalan desa", "desa air program bersih"):
        assert _search_is_bm25s(big, query, kind="mission")["total"] > 0, query


# --- 4. the statistics item_rank reads from FTS5's records --------------------------------------------------------

def test_averages_record_is_parsed_as_fts5_keeps_it(tmp_path):
    """Totals over 2^14 and 2^21 tokens: the averages record's varints take two, three and four bytes."""
    store = open_store(f"sqlite:///{tmp_path / 'janji.db'}")
    try:
        assert rank._averages(store.engine.raw_connection().driver_connection) == (0, 1.0)
        sizes = [3000, 14_000, 2_100_000]
        for n, words in enumerate(sizes):
            body = " ".join(itertools.islice(itertools.cycle(WORDS), words))
            store.ingest_document(doc(f"panjang-{n}.txt", items=[item("program", body)]))
            check_statistics(store)
        with store.engine.connect() as conn:
            assert rank._averages(conn.connection.driver_connection) == (len(sizes), sum(sizes) / len(sizes))
    finally:
        store.close()


def test_a_search_pages_rows_read_on_the_driver_are_the_selects(tmp_path):
    """Store.search reads its page's rows on sqlite3's connection and decodes their JSON itself: every item
    dict is the one SQLAlchemy's select and JSON type give (targets, measurability, sectors, SDGs, NULLs)."""
    from janji.store import api

    store = open_store(f"sqlite:///{tmp_path / 'janji.db'}")
    try:
        store.ingest_document(doc("rinci.txt", candidates=[{"number": 1, "head": "Budi Contoh", "deputy": "Sari"}],
                                  items=[item("mission", "Membangun jalan desa", label="1", sectors=["1.03", "2.11"],
                                              sdgs=[9, 11], children=[
                                                  item("program", "Jalan desa 50 km", sectors=["1.03"], sdgs=[9],
                                                       quantities=[{"value": 50, "unit": "km", "text": "50 km"}],
                                                       measurability={"label": "terukur", "score": 0.9}),
                                                  item("activity", "Perbaikan jalan")])]))
        store.ingest_document(doc("tanpa.txt", region=None, period=None, items=[item("program", "Jalan baru")]))
        with store._session() as session:
            ids = [i for (i,) in session.execute(text("SELECT id FROM items"))]
            raw = session.connection().connection.driver_connection
            direct = sorted(map(api._item_dict, api._sqlite_rows_by_id(raw, ids)), key=lambda r: r["id"])
            selected = sorted(map(api._item_dict, session.connection().execute(api._rows_by_id(), {"ids": ids})),
                              key=lambda r: r["id"])
        assert len(direct) == 4 and direct == selected
        assert {tuple(r["sectors"]) for r in direct} >= {("1.03", "2.11"), ("1.03",), ()}
        assert any(r["quantities"] and r["measurability"] for r in direct) and any(r["region"] is None for r in direct)
        hits = store.search("jalan", limit=10)["results"]
        assert {r["id"] for r in hits} <= set(ids) and len(hits) == 4
        assert all(type(r["sectors"]) is list and type(r["quantities"]) is list for r in hits)
    finally:
        store.close()
