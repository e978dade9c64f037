"""PostgreSQL: item_search (janji.store.pgrank) gives exactly the page the full ts_rank_cd scan gives.

The reference is ``Store._ranked``: every current match of ``items.search_vector`` scored with
``ts_rank_cd(…, 1)``, ordered by score then id — the query filtered searches still run. Stores are built
through the store's own API (invented Indonesian texts), on the real server (tests/store/conftest.py).
"""
from __future__ import annotations

import hashlib
import itertools
import math
import random
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from janji.store import open_store, pgrank
from janji.store import text as jtext

sys.path.insert(0, str(Path(__file__).parent))
from conftest import _pg_url  # noqa: E402
from store_helpers import doc, item, upgrade_to  # noqa: E402

pytestmark = pytest.mark.postgres

# words that are their own stem, most frequent first: stems occur once, twice, three times or more
WORDS = ("jalan desa air bersih sekolah pasar petani nelayan rumah sakit gratis warga listrik hutan sungai "
         "taman beasiswa puskesmas bibit pupuk irigasi internet modal usaha pemuda lansia sampah banjir").split()


@pytest.fixture
def pg_store(request):
    store = open_store(_pg_url(request))
    yield store
    store.close()


def _text(rng: random.Random) -> str:
    length = rng.choice([rng.randint(1, 3), rng.randint(2, 10), rng.randint(8, 30), rng.randint(30, 90)])
    words = [WORDS[min(int(rng.expovariate(0.15)), len(WORDS) - 1)] for _ in range(length)]
    for _ in range(rng.choice([0, 0, 1, 2])):  # a word repeated: twice to five times
        words += [rng.choice(words)] * rng.randint(1, 4)
    rng.shuffle(words)
    if rng.random() < 0.4:  # query words side by side (a cover without noise: the best score of its length)
        start = rng.randint(0, 11)
        at = rng.randint(0, len(words))
        words[at:at] = WORDS[start:start + rng.randint(2, 3)]
    return " ".join(words).capitalize() + rng.choice(["", ".", " (2025)."])


_versions = itertools.count()  # every ingest a new version, also when hypothesis replays a seed


def _ingest(store, rng: random.Random, name: str, version: int, n_items: int) -> None:
    d = doc(name, items=[item("program", _text(rng)) for _ in range(n_items)])
    key = f"{name}/{version}/{next(_versions)}"
    result = store.ingest_document(d, origin=f"/data/{name}", sha256=hashlib.sha256(key.encode()).hexdigest())
    assert result.status == "added", result.reason


def _reference(store, stems: list[str], n: int) -> tuple[int, list]:
    with store._session() as session:
        return store._ranked(session, stems, store._filters(session), n, 0)


def check_page(store, query: str, offset: int, limit: int) -> None:
    """pgrank.top and Store.search give the reference's total, ids, order and (unrounded) scores."""
    stems = jtext.query_stems(query)
    total, want = _reference(store, stems, offset + limit)
    with store._session() as session:
        got = pgrank.top(session, stems, offset + limit)
    assert got is not None, f"{stems}: item_search should rank this query"
    assert got[0] == total, f"{stems}: total {got[0]}, reference {total}"
    assert [(i, float(s)) for i, s in got[1]] == [(i, float(s)) for i, s in want], f"{stems}: page differs"
    found = store.search(query, limit=limit, offset=offset)
    assert found["total"] == total
    assert [(r["id"], r["score"]) for r in found["results"]] == [(i, round(float(s), 4)) for i, s in want[offset:]]


def check_table(store) -> None:
    """item_search holds exactly the current items, with their search vector, its length as ts_rank_cd counts
    it (every position) and the stems twice ("~2") or three times or more ("~3")."""
    with store.engine.connect() as conn:
        vectors = conn.execute(text(
            "SELECT i.id, i.search_vector::text FROM items i JOIN documents d ON d.id = i.document_id "
            "WHERE d.superseded_by_id IS NULL ORDER BY i.id")).all()
        positions: dict[int, list[int]] = {}
        for item_id, n in conn.execute(text(
                "SELECT i.id, cardinality(u.positions) FROM items i JOIN documents d ON d.id = i.document_id, "
                "unnest(i.search_vector) u WHERE d.superseded_by_id IS NULL")):
            positions.setdefault(item_id, []).append(n)
        repeats = {item_id: sorted(lexemes) for item_id, lexemes in conn.execute(text(
            "SELECT id, tsvector_to_array(repeats) FROM item_search"))}
        got = conn.execute(text("SELECT id, vector::text, length FROM item_search ORDER BY id")).all()
    assert [(i, v) for i, v, _ in got] == vectors
    for item_id, _, length in got:
        assert length == sum(positions.get(item_id, [])), item_id
    with store.engine.connect() as conn:
        lexemes = conn.execute(text(
            "SELECT s.id, u.lexeme, cardinality(u.positions) FROM item_search s, unnest(s.vector) u")).all()
    want: dict[int, list[str]] = {i: [] for i, _, _ in got}
    for item_id, lexeme, n in lexemes:
        if n > 1:
            want[item_id].append(f"{lexeme}~{min(n, 3)}")
    assert repeats == {i: sorted(v) for i, v in want.items()}


# --- the formula the fast path relies on --------------------------------------------------------------------

def test_one_stem_score_is_occurrences_over_log_length(pg_store):
    """ts_rank_cd(v, 'w', 1) = k·c / log(1 + length) as a float4, whatever the positions (checked on the
    server), and that is strictly decreasing in the length for k = 1, 2 up to pgrank.MAX_LENGTH."""
    rng = random.Random(3)
    filler = [f"kata{i}" for i in range(400)]
    with pg_store.engine.connect() as conn:
        for _ in range(300):
            k = rng.choice([1, 1, 2, 2, 3, 5])
            others = [rng.choice(filler) for _ in range(rng.choice([0, 3, 20, 150, 399]))]
            words = others + ["jalan"] * k
            rng.shuffle(words)
            score, length = conn.execute(text(
                "SELECT ts_rank_cd(v, to_tsquery('simple', 'jalan'), 1), "
                "(SELECT sum(cardinality(positions)) FROM unnest(v)) FROM to_tsvector('simple', :t) v"),
                {"t": " ".join(words)}).one()
            assert length == len(words)
            wdoc = 0.0
            for _ in range(k):
                wdoc += pgrank.COVER
            assert np.float32(score) == np.float32(wdoc / math.log(length + 1)), (k, length)
    lengths = np.arange(1, pgrank.MAX_LENGTH + 1, dtype=np.float64)
    for k in (1, 2):
        scores = (k * pgrank.COVER / np.log(lengths + 1)).astype(np.float32)
        assert np.all(np.diff(scores) < 0), f"k={k}: two lengths give one float4 score"


def test_several_stems_with_every_stem_once_stay_under_the_bound(pg_store):
    """With every query stem once an item has one cover: its score never exceeds pgrank.bound(length)."""
    rng = random.Random(5)
    with pg_store.engine.connect() as conn:
        for _ in range(200):
            words = rng.sample(WORDS, rng.randint(3, 25))
            stems = rng.sample(words, rng.randint(2, 3))
            score, length = conn.execute(text(
                "SELECT ts_rank_cd(v, to_tsquery('simple', :q), 1), "
                "(SELECT sum(cardinality(positions)) FROM unnest(v)) FROM to_tsvector('simple', :t) v"),
                {"t": " ".join(words), "q": " & ".join(stems)}).one()
            assert 0 < score < pgrank.bound(length)
            adjacent = abs(words.index(stems[0]) - words.index(stems[1])) == 1 and len(stems) == 2
            assert not adjacent or np.float32(score) == np.float32(pgrank.COVER / math.log(length + 1))


# --- fast path against the reference ------------------------------------------------------------------------

QUERIES = st.lists(st.sampled_from(WORDS[:14] + ["roket"]), min_size=1, max_size=3, unique=True).map(" ".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), queries=st.lists(st.tuples(QUERIES, st.integers(0, 30), st.integers(1, 25)),
                                                      min_size=1, max_size=6))
def test_pages_equal_the_full_scan_on_random_corpora(pg_store, monkeypatch, seed, queries):
    """Random small corpora (a document re-ingested now and then: its old items must not be found) and
    random queries of 1–3 stems, offsets and limits: the same total, ids, order and scores as the scan —
    through the walk (SMALL lowered so that small corpora take it) and through its bounded fallback."""
    rng = random.Random(seed)
    for _ in range(rng.randint(1, 3)):
        name = f"dokumen-{rng.randint(0, 5)}.txt"
        _ingest(pg_store, rng, name, rng.randint(0, 10**6), rng.randint(3, 30))
    if rng.random() < 0.7:
        pg_store.optimize()  # item_search's row count known: the bounded walk of the length index is tried
    monkeypatch.setattr(pgrank, "SMALL", 0)
    for query, offset, limit in queries:
        monkeypatch.setattr(pgrank, "MAX_WALK", rng.choice([1, 10, 4000]))
        monkeypatch.setattr(pgrank, "FIRST_CHUNK", rng.choice([1, 2, 5, 50]))
        monkeypatch.setattr(pgrank, "WALK", rng.choice([1, 5, 20, 3000]))
        check_page(pg_store, query, offset, limit)
    check_table(pg_store)


def test_every_query_of_a_vocabulary_on_one_corpus(pg_store, monkeypatch):
    """Every word, pair and some triples of the common words on a corpus of 300 items: the walks stop early
    (small first steps) and still give the scan's pages."""
    rng = random.Random(23)
    for d in range(6):
        _ingest(pg_store, rng, f"korpus-{d}.txt", 1, 50)
    pg_store.optimize()
    monkeypatch.setattr(pgrank, "SMALL", 0)
    common = WORDS[:9]
    queries = WORDS + [f"{a} {b}" for i, a in enumerate(common) for b in common[i + 1:]] \
        + [" ".join(rng.sample(common, 3)) for _ in range(15)]
    for k, query in enumerate(queries):
        monkeypatch.setattr(pgrank, "FIRST_CHUNK", (1, 3, 16)[k % 3])
        monkeypatch.setattr(pgrank, "WALK", (1, 40, 3000)[k % 3])
        check_page(pg_store, query, 0, 5)
        check_page(pg_store, query, 7, 10)


def test_one_stem_in_every_occurrence_class(pg_store, monkeypatch):
    """A word once, twice or three times and more in items of every length, among items without it: each
    class's best are found, through the bounded walk of the length index or the sort of every match."""
    rng = random.Random(29)
    filler = [f"isi{i}" for i in range(60)]
    items = []
    for _ in range(240):
        k = rng.choice([0, 0, 1, 1, 1, 1, 2, 2, 3, 4])
        words = rng.sample(filler, rng.randint(0, 40)) + ["pasar"] * k
        rng.shuffle(words)
        items.append(item("program", " ".join(words) or "isi0"))
    assert pg_store.ingest_document(doc("kelas.txt", items=items)).status == "added"
    pg_store.optimize()
    monkeypatch.setattr(pgrank, "SMALL", 0)
    for walk in (20, 60, 150, 3000):
        monkeypatch.setattr(pgrank, "WALK", walk)
        for offset, limit in ((0, 1), (0, 5), (3, 12), (10, 25)):
            check_page(pg_store, "pasar", offset, limit)


def test_ties_across_occurrence_classes(pg_store, monkeypatch):
    """A stem twice in 35 positions scores what once in 5 does (2·c/log 36 = c/log 6): ties ordered by id."""
    monkeypatch.setattr(pgrank, "SMALL", 0)
    filler = [f"isi{i}" for i in range(40)]
    items = []
    for i in range(12):
        if i % 3 == 0:
            words = ["jalan", "jalan"] + filler[:33]
        else:
            words = ["jalan"] + filler[i:i + 4]
        items.append(item("program", " ".join(words)))
    assert pg_store.ingest_document(doc("seri.txt", items=items)).status == "added"
    scores = {s for _, s in _reference(pg_store, ["jalan"], 12)[1]}
    assert len(scores) == 1  # the tie this test is about
    for offset, limit in ((0, 1), (0, 3), (2, 5), (4, 8)):
        check_page(pg_store, "jalan", offset, limit)


# --- every write path keeps item_search -------------------------------------------------------------------

def test_write_paths_keep_item_search(pg_store, monkeypatch):
    monkeypatch.setattr(pgrank, "SMALL", 0)
    rng = random.Random(11)
    for d in range(4):
        _ingest(pg_store, rng, f"dok-{d}.txt", 1, 25)
    check_table(pg_store)
    _ingest(pg_store, rng, "dok-1.txt", 2, 20)  # re-ingest: version 1 superseded, its items leave
    check_table(pg_store)
    for query in ("jalan", "desa air", "pasar petani nelayan"):
        check_page(pg_store, query, 0, 10)
    with pg_store.engine.begin() as conn:
        # re-stemming (what migration 0006 does): items' stems change, their rows follow
        conn.execute(text("UPDATE items SET stemmed = replace(stemmed, 'jalan', 'jalanan') "
                          "WHERE id % 2 = 0"))
        # a document deleted: its items and their rows go
        conn.execute(text("DELETE FROM documents WHERE id = (SELECT min(id) FROM documents "
                          "WHERE superseded_by_id IS NULL)"))
    check_table(pg_store)
    check_page(pg_store, "jalan", 0, 10)
    check_page(pg_store, "jalanan", 0, 10)
    with pg_store.engine.begin() as conn:
        # the newer version gone, the older one current again: its items come back
        newer = conn.execute(text("SELECT superseded_by_id FROM documents WHERE superseded_by_id IS NOT NULL")).scalar()
        conn.execute(text("UPDATE documents SET superseded_by_id = NULL WHERE superseded_by_id = :d"), {"d": newer})
        conn.execute(text("DELETE FROM documents WHERE id = :d"), {"d": newer})
    check_table(pg_store)
    check_page(pg_store, "desa air", 0, 10)


def test_a_store_with_data_upgrades(request):
    """A store made before 0013 (with a superseded version) gets item_search filled by the migration,
    its downgrade takes it away, and the upgrade puts it back."""
    url = _pg_url(request)
    store = open_store(url)
    try:
        rng = random.Random(17)
        for d in range(3):
            _ingest(store, rng, f"lama-{d}.txt", 1, 20)
        _ingest(store, rng, "lama-0.txt", 2, 15)
        from alembic import command
        from alembic.config import Config

        from janji.store import db

        cfg = Config()
        cfg.set_main_option("script_location", str(db.MIGRATIONS))
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0012_track_pair_versions")
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT to_regclass('item_search')")).scalar() is None
        before = {q: _reference(store, jtext.query_stems(q), 50) for q in ("jalan", "air bersih")}
        upgrade_to(store.engine, "heads")
        check_table(store)
        for q, (total, page) in before.items():
            found = store.search(q, limit=50)
            assert found["total"] == total and [r["id"] for r in found["results"]] == [i for i, _ in page]
            check_page(store, q, 0, 50)
    finally:
        store.close()
