"""The store's Python API: :class:`Store` (what the CLI and the web portal call).

Every method opens its own short session and returns plain dicts and lists
(JSON-serialisable: the web API can return them as they are); no ORM object
leaves this module. Ids are integer primary keys; a document can also be
fetched by its sha256.

Example:
    from janji.store import open_store
    store = open_store("sqlite:///korpus.db")
    store.ingest_path("visi-misi.pdf").status     # "added" ("unchanged" the second time)
    store.search("pembangunan jalan", region="Kota Bandung")["results"][0]["snippet"]["marked"]
    # -> "«Membangun» «jalan» desa …"
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import Float, Integer, bindparam, func, insert, literal_column, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, defer, selectinload, sessionmaker

from janji.document import Document as JDocument
from janji.document import Item as JItem
from janji import redact
from janji.data import labels, reference
from janji.errors import InputError, JanjiError, failure_reason
from janji.files import iter_files, read_regular
from janji.store import db
from janji.store import models as m
from janji.store import pgrank
from janji.store import rank as jrank
from janji.store import text as jtext

EXPORT_SCHEMA = "janji-store/1"
PROMISE_KINDS = ("mission", "goal", "program", "activity", "quick_win", "strategy", "commitment")
KIND_ORDER = ("vision", "mission", "goal", "program", "activity", "quick_win", "strategy", "commitment", "claim",
              "other")
MEASURABLE_LABELS = {"terukur", "measurable"}
RETRIES = 5  # attempts per document when a concurrent ingest wins a race for the same new rows
# Files analysed together by ingest_paths (as `janji analyze` does: see janji.pipeline.Pipeline.pipe), at most
# this many documents and, but for one large file, this many bytes of input at a time
INGEST_BATCH = 16
INGEST_BATCH_BYTES = 8_000_000
SHARED_THRESHOLD = 0.5  # similarity from which two promises of different pairs count as the same promise

# Simultaneous regional elections and the first year of the terms they filled:
# the term that starts in year Y was (mostly) won in ELECTION_OF_TERM[Y].
ELECTION_OF_TERM = {2016: 2015, 2017: 2017, 2018: 2018, 2019: 2018, 2021: 2020, 2025: 2024, 2030: 2029}


class NotFound(JanjiError):
    """A region, pair, document or item the caller named does not exist (message in Indonesian)."""


class StoreMissing(JanjiError):
    """The store a command reads does not exist (no such SQLite file, or a database without Janji's tables).

    Only the commands that fill a store (``janji init``, ``ingest``, ``import``) create one: a mistyped
    ``--db`` must be said, not answered with an empty store."""

    def __init__(self, name: str, *, empty_database: bool = False):
        what = f"{name} bukan penyimpanan Janji: tabelnya tidak ada" if empty_database else \
            f"penyimpanan tidak ada: {name}"
        super().__init__(f"{what} (periksa --db; buat dengan janji init atau isi dengan janji ingest)")
        self.name = name


@dataclass
class IngestResult:
    """What happened to one document: ``status`` is "added", "unchanged" or "failed" (then ``reason``)."""

    name: str
    status: str
    document_id: int | None = None
    sha256: str | None = None
    items: int = 0
    version: int | None = None
    reason: str | None = None
    source_updated: bool = False  # an unchanged document whose title/URL/publisher/date the caller gave anew

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def to_json(self) -> dict[str, Any]:
        return {"added": self.count("added"), "unchanged": self.count("unchanged"), "failed": self.count("failed"),
                "results": [r.to_json() for r in self.results]}


def election_year(period_start: int | None) -> int | None:
    """The year of the election that filled a term starting in ``period_start`` (heuristic).

    Simultaneous elections (2015, 2017, 2018, 2020, 2024) are mapped from the
    terms they filled; earlier direct elections mostly inaugurated the winner
    in the year of the vote, so the start year itself is used.
    """
    if period_start is None:
        return None
    return ELECTION_OF_TERM.get(period_start, period_start)


def is_measurable(measurability: dict | None, quantities: list | None) -> bool:
    """A promise is measurable if the classifier labelled it "terukur", else if it carries a quantity.

    ("sebagian" — partly measurable — counts as not measurable: the share is
    of promises a citizen can actually check.)
    """
    if isinstance(measurability, dict):
        if isinstance(measurability.get("measurable"), bool):
            return measurability["measurable"]
        label = str(measurability.get("label") or "").strip().lower()
        if label:
            return label in MEASURABLE_LABELS
    return bool(quantities)


# --- reference data -----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _regions_ref() -> dict[str, dict[str, str]]:
    return {_region_name_key(row.name): asdict(row) for row in reference.regions()}


@lru_cache(maxsize=1)
def sector_names() -> dict[str, str]:
    """Bidang urusan code -> name, spelt as the portal spells it ("Ketenteraman dan Ketertiban Umum serta
    Perlindungan Masyarakat", not "… Serta …"): one spelling in pages, exports, the CLI and JSON."""
    return dict(labels.sectors())


def reference_region(value: str) -> dict[str, str]:
    """The region of the packaged reference table (Kepmendagri: 38 provinces, 514 kabupaten/kota) that
    ``value`` names — its code, its name, or a part of a name only one region has; :class:`NotFound` if none
    or several."""
    value = str(value).strip()
    rows = list(_regions_ref().values())
    found = [r for r in rows if r["code"] == value]
    key = _region_name_key(value)
    found = found or [r for r in rows if _region_name_key(r["name"]) == key]
    found = found or [r for r in rows if key and key in _region_name_key(r["name"])]
    if not found:
        raise NotFound(f"wilayah tidak dikenal: {value} (bukan nama atau kode wilayah Kemendagri)")
    if len(found) > 1:
        names = ", ".join(sorted(r["name"] for r in found)[:8])
        raise NotFound(f"'{value}' cocok dengan beberapa wilayah: {names}; sebutkan nama lengkap atau kodenya")
    return found[0]


def _region_name_key(name: str) -> str:
    low = re.sub(r"\s+", " ", name.lower()).strip()
    low = re.sub(r"^provinsi\s+", "", low)
    low = re.sub(r"^kab\.?\s+", "kabupaten ", low)
    low = re.sub(r"^kab\s*\.", "kabupaten ", low)
    return low


# --- the store ------------------------------------------------------------------------------------------------

class Store:
    """A corpus of analysed documents in a SQL database (SQLite or PostgreSQL).

    ``Store(url)`` connects and creates or upgrades the schema. Use
    :func:`janji.store.open_store` for the default location.
    """

    def __init__(self, url: str, *, create: bool = True):
        redact.remember(url)  # its password is masked in any message or log line from here on
        self.url = db.normalise_url(url)
        existed = db.has_store(self.url)
        if not existed and not create:
            path = db.sqlite_path(self.url)
            raise StoreMissing(db.display_name(self.url), empty_database=path is None or path.exists())
        self.created = not existed  # this object made the store: discard_if_empty() may take it away again
        self._new_dirs = db.missing_dirs(self.url) if self.created else []
        self.engine = db.make_engine(self.url)
        db.upgrade(self.engine)
        self.dialect = self.engine.dialect.name
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def name(self) -> str:
        """The store as messages name it: a SQLite file by its path, a server URL without its password."""
        return db.display_name(self.url)

    def discard_if_empty(self) -> bool:
        """Take away a store this object created if it holds no document yet, so that a first ``janji import``
        or ``janji ingest`` that failed leaves nothing behind; True if it was removed."""
        if not self.created:
            return False
        with self._session() as session:
            if session.scalar(select(func.count()).select_from(m.Document)) or \
                    session.scalar(select(func.count()).select_from(m.Region)):
                return False
        path = db.sqlite_path(self.url)
        if path is None:
            db.drop_schema(self.engine)
            self.engine.dispose()
        else:
            self.engine.dispose()
            for suffix in ("", "-wal", "-shm", "-journal", db.LOCK_SUFFIX):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            for folder in reversed(self._new_dirs):
                try:
                    folder.rmdir()
                except OSError:  # something else was put there meanwhile: keep it
                    break
        self.created = False
        return True

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # --- ingest -------------------------------------------------------------------------------------------------

    def ingest_path(self, path: str | Path, *, kind: str | None = None, pipeline=None,
                    source: dict[str, str | None] | None = None, ocr: str = "auto") -> IngestResult:
        """Analyse one file and store it; never raises for a bad file (returns status "failed").

        A janji/1 JSON file (``"schema": "janji/1"``) is stored as it is, without
        analysing. The same bytes twice are stored once ("unchanged", without
        re-analysing); a changed file at the same path is a new version.
        ``source`` (``title``, ``url``, ``publisher``, ``published``) says where the
        document was published; it wins over what the file says of itself, and
        for a document already stored it updates the stored description.
        """
        path = Path(path)
        try:
            raw = read_regular(path)  # a FIFO or a device is refused, never waited on
        except OSError as exc:
            return IngestResult(path.name, "failed", reason=f"tidak dapat dibaca ({exc.strerror or exc})")
        origin = str(path.resolve())
        if path.suffix.lower() == ".json":
            data = _janji_json(raw)
            if data is not None:
                sha = (data.get("source") or {}).get("sha256") or hashlib.sha256(raw).hexdigest()
                given = source_fields(source)
                if given:
                    data = {**data, "source": {**(data.get("source") or {}), **_janji_source(given)}}
                result = self.ingest_document(data, origin=origin, sha256=sha, name=path.name)
                return self._describe_existing(result, given)
        return self.ingest_bytes(raw, path.name, origin=origin, kind=kind, pipeline=pipeline, source=source, ocr=ocr)

    def ingest_bytes(self, raw: bytes, name: str, *, origin: str | None = None, kind: str | None = None,
                     url: str | None = None, pipeline=None, source: dict[str, str | None] | None = None,
                     ocr: str = "auto") -> IngestResult:
        """Analyse source bytes and store the result (see :meth:`ingest_path`)."""
        sha = hashlib.sha256(raw).hexdigest()
        given = source_fields({"url": url} | {k: v for k, v in (source or {}).items() if v})
        existing = self._by_sha(sha)
        if existing is not None:
            result = IngestResult(name, "unchanged", document_id=existing[0], sha256=sha, version=existing[1])
            return self._describe_existing(result, given)
        try:
            from janji.pipeline import analyze

            doc = analyze(bytes(raw), name=name, kind=kind, url=given.get("url"), pipeline=pipeline, ocr=ocr)
        except Exception as exc:  # unreadable, or a defect in one stage: it must not stop a batch
            doc = exc
        return self._store_analysed(doc, given, origin=origin or given.get("url") or name, sha256=sha, name=name)

    def _store_analysed(self, doc: JDocument | Exception, given: dict[str, str], *, origin: str, sha256: str,
                        name: str) -> IngestResult:
        """Store a freshly analysed document with the source description the caller gave; an analysis that
        failed (its exception) becomes a failed result."""
        if isinstance(doc, Exception):
            return IngestResult(name, "failed", sha256=sha256, reason=failure_reason(doc))
        for key, value in _janji_source(given).items():
            setattr(doc.source, key, value)
        return self.ingest_document(doc, origin=origin, sha256=sha256, name=name)

    def ingest_paths(self, paths: Iterable[str | Path], *, kind: str | None = None, pipeline=None,
                     source: dict[str, str | None] | None = None, ocr: str = "auto",
                     batch: int = INGEST_BATCH) -> Iterator[IngestResult]:
        """:meth:`ingest_path` for each of ``paths``, yielding each result in order; the new documents are
        analysed ``batch`` at a time (:meth:`janji.pipeline.Pipeline.pipe`: the classifier's model is called
        once for all of them). Each document is stored in its own transaction, as by :meth:`ingest_path`,
        with the same result."""
        group: list[Path] = []
        size = 0
        for path in map(Path, paths):
            try:
                grows = path.stat().st_size
            except OSError:
                grows = 0  # ingest_path says why it cannot be read
            if group and (len(group) >= batch or size + grows > INGEST_BATCH_BYTES):
                yield from self._ingest_batch(group, kind, pipeline, source, ocr)
                group, size = [], 0
            group.append(path)
            size += grows
        if group:
            yield from self._ingest_batch(group, kind, pipeline, source, ocr)

    def _ingest_batch(self, paths: list[Path], kind, pipeline, source, ocr) -> Iterator[IngestResult]:
        from janji.pipeline import default_pipeline, new_document

        given = source_fields({k: v for k, v in (source or {}).items() if v})
        # which files need analysing: not a janji/1 file, readable, bytes not stored yet (nor met earlier in
        # this batch); every other one goes through ingest_path as it is, in its turn
        fresh: dict[int, tuple[str, JDocument | Exception]] = {}
        seen: set[str] = set()
        for k, path in enumerate(paths):
            if path.suffix.lower() == ".json":
                continue
            try:
                raw = read_regular(path)
            except OSError:
                continue
            sha = hashlib.sha256(raw).hexdigest()
            if sha in seen or self._by_sha(sha) is not None:
                continue
            seen.add(sha)
            try:
                fresh[k] = (sha, new_document(raw, path.name, kind=kind, url=given.get("url"), ocr=ocr))
            except Exception as exc:  # too large: fails alone
                fresh[k] = (sha, exc)
        ready = [k for k, (_, doc) in fresh.items() if not isinstance(doc, Exception)]
        if ready:
            analysed = (pipeline or default_pipeline()).pipe([fresh[k][1] for k in ready])
            for k, doc in zip(ready, analysed):
                fresh[k] = (fresh[k][0], doc)
        for k, path in enumerate(paths):
            if k not in fresh:
                yield self.ingest_path(path, kind=kind, pipeline=pipeline, source=source, ocr=ocr)
                continue
            sha, doc = fresh[k]
            origin = str(path.resolve())
            yield self._store_analysed(doc, given, origin=origin, sha256=sha, name=path.name)

    def _describe_existing(self, result: IngestResult, given: dict[str, str]) -> IngestResult:
        """An unchanged document the caller described anew: store the description it gave."""
        if result.status == "unchanged" and given and result.document_id is not None:
            result.source_updated = self.update_source(result.document_id, **given)
        return result

    def update_source(self, document_id: int, *, title: str | None = None, url: str | None = None,
                      publisher: str | None = None, published_at: str | None = None) -> bool:
        """Set where a stored document was published (the arguments given; None leaves a field as it is).
        Returns whether anything changed. ``published_at`` is normalised like an HTML page's date."""
        given = source_fields({"title": title, "url": url, "publisher": publisher, "published_at": published_at})
        with self._session() as session, session.begin():
            row = session.get(m.Document, int(document_id))
            if row is None:
                raise NotFound(f"dokumen {document_id} tidak ditemukan")
            changed = False
            for key, value in given.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
                    changed = True
            return changed

    def ingest_document(self, doc: JDocument | dict, *, origin: str | None = None, sha256: str | None = None,
                        name: str | None = None, text: str | None = None, retrieved_at: datetime | None = None,
                        ) -> IngestResult:
        """Store an analysed :class:`~janji.document.Document` (or its janji/1 dict) in one transaction.

        ``sha256`` defaults to the document's ``source.sha256``, else a hash of
        its JSON. ``origin`` (path, URL or name) links versions: a new sha256
        at a known origin becomes version n+1 and the older one is marked
        superseded (kept, but left out of searches and comparisons).
        """
        if isinstance(doc, dict):
            data = doc
            try:
                jdoc = JDocument.from_json(doc)
            except (KeyError, TypeError, ValueError) as exc:
                return IngestResult(name or "?", "failed", reason=f"bukan dokumen janji/1 yang sah ({exc})")
        else:
            jdoc, data = doc, None
        name = name or jdoc.source.name or "dokumen"
        sha = sha256 or jdoc.source.sha256 or hashlib.sha256(
            json.dumps(data if data is not None else jdoc.to_json(), sort_keys=True, ensure_ascii=False)
            .encode("utf-8")).hexdigest()
        try:
            for attempt in range(RETRIES):
                try:
                    with self._session() as session, session.begin():
                        found = session.execute(select(m.Document.id, m.Document.version)
                                                .where(m.Document.sha256 == sha)).first()
                        if found:
                            return IngestResult(name, "unchanged", document_id=found[0], sha256=sha,
                                                version=found[1])
                        row = self._write_document(session, jdoc, sha=sha, origin=origin or jdoc.source.url or name,
                                                   text=text if text is not None else jdoc.text,
                                                   retrieved_at=retrieved_at)
                        return IngestResult(name, "added", document_id=row.id, sha256=sha, items=row._n_items,
                                            version=row.version)
                except (IntegrityError, OperationalError) as exc:
                    # another ingest running at the same time created the same region/election/pair (or
                    # held SQLite's write lock): the transaction rolled back; try again with its rows visible
                    if attempt == RETRIES - 1 or (isinstance(exc, OperationalError) and "locked" not in str(exc)):
                        raise
                    time.sleep(0.2 * (attempt + 1))
        except JanjiError as exc:
            return IngestResult(name, "failed", sha256=sha, reason=getattr(exc, "reason", None) or str(exc))
        except Exception as exc:  # the transaction rolled back: the store is as before this document
            return IngestResult(name, "failed", sha256=sha, reason=f"gagal disimpan ({type(exc).__name__}: {exc})")

    def ingest_many(self, paths: Iterable[str | Path], *, kind: str | None = None, progress=None) -> IngestSummary:
        """:meth:`ingest_paths` into a summary; ``progress(result)`` is called after each."""
        summary = IngestSummary()
        for result in self.ingest_paths(paths, kind=kind):
            summary.results.append(result)
            if progress:
                progress(result)
        return summary

    def optimize(self) -> None:
        """Refresh the planner's statistics after a large ingest (ANALYZE, GIN pending lists merged and a VACUUM
        of ``item_search`` on PostgreSQL; PRAGMA optimize and an FTS5 merge on SQLite). Cheap; ``janji ingest``
        and ``janji import`` call it when they added data."""
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                for table in ("items", "documents", "item_sectors", "item_sdgs", "candidates"):
                    conn.execute(sql_text(f"ANALYZE {table}"))
                # a GIN index takes new rows into a pending list that every search reads through until a vacuum
                # merges it (after a large ingest: milliseconds a search); merge it now
                conn.execute(sql_text("SELECT gin_clean_pending_list('ix_items_search_vector'::regclass)"))
            elif self.dialect == "sqlite":
                conn.execute(sql_text("INSERT INTO item_fts(item_fts) VALUES ('optimize')"))
                conn.execute(sql_text("INSERT INTO item_rank(item_rank) VALUES ('optimize')"))
                conn.execute(sql_text("PRAGMA optimize"))
        if self.dialect == "postgresql":
            # item_search (migration 0013), what a search without filters reads: its statistics (without them
            # the planner walks the length index for rare words too), its GIN pending lists merged, and its
            # pages marked all-visible (its count then skips reading them: about a third of the count's time)
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sql_text("VACUUM (ANALYZE) item_search"))

    def _by_sha(self, sha: str) -> tuple[int, int] | None:
        with self._session() as session:
            row = session.execute(select(m.Document.id, m.Document.version).where(m.Document.sha256 == sha)).first()
            return (row[0], row[1]) if row else None

    def _write_document(self, session: Session, doc: JDocument, *, sha: str, origin: str, text: str,
                        retrieved_at: datetime | None) -> m.Document:
        region = self._region_row(session, doc)
        election = None
        if region is not None:
            year = election_year(doc.period[0]) if doc.period else None
            key = f"{region.key}|{year if year is not None else '?'}"
            election = session.scalars(select(m.Election).where(m.Election.key == key)).first()
            if year is None and doc.candidates:
                # a news article or debate report that names no term: it belongs to the latest election of
                # the region in which one of its pairs already stands
                heads = [jtext.fold(jtext.name_key(c.head)) for c in doc.candidates]
                known = session.scalars(
                    select(m.Election).join(m.Candidate, m.Candidate.election_id == m.Election.id)
                    .where(m.Election.region_id == region.id, m.Election.year.is_not(None),
                           m.Candidate.head_key.in_(heads))
                    .order_by(m.Election.year.desc())).first()
                election = known or election
            if election is None:
                election = m.Election(key=key, region=region, year=year,
                                      period_start=doc.period[0] if doc.period else None,
                                      period_end=doc.period[1] if doc.period else None)
                session.add(election)
                session.flush()
        previous = session.scalars(select(m.Document).where(m.Document.origin == origin,
                                                            m.Document.superseded_by_id.is_(None))
                                   .order_by(m.Document.version.desc())).first()
        version = (session.scalar(select(func.max(m.Document.version)).where(m.Document.origin == origin)) or 0) + 1
        row = m.Document(
            sha256=sha, origin=origin[:1000], version=version, name=(doc.source.name or "dokumen")[:500],
            format=doc.source.format, kind=doc.kind or "campaign", title=doc.source.title, url=doc.source.url,
            publisher=(doc.source.publisher or "").strip()[:300] or None,
            published_at=_published_or_none(doc.source.published),
            retrieved_at=(retrieved_at or datetime.now(timezone.utc)).replace(tzinfo=None, microsecond=0),
            region=region, election=election, period_start=doc.period[0] if doc.period else None,
            period_end=doc.period[1] if doc.period else None, text=text or "", warnings=list(doc.warnings),
        )
        session.add(row)
        session.flush()
        if previous is not None:
            previous.superseded_by_id = row.id
            if self.dialect == "sqlite":
                # the full-text index holds what a search can find: the items of current documents (so a
                # search without filters counts and ranks in the index alone)
                session.execute(sql_text("DELETE FROM item_fts WHERE rowid IN (SELECT id FROM items "
                                         "WHERE document_id = :d)"), {"d": previous.id})
                jrank.delete(session, [dict(r._mapping) for r in session.execute(
                    select(m.Item.id, m.Item.stemmed).where(m.Item.document_id == previous.id))])
        # candidate pairs: one row per pair per election, however many documents name it
        pair_of: dict[int, m.Candidate] = {}
        linked: set[int] = set()
        for pos, cand in enumerate(doc.candidates):
            pair = self._pair_row(session, election, cand)
            pair_of[id(cand)] = pair
            # a document may list the same pair twice (e.g. with and without titles): one source link,
            # the first entry as written (items naming the second entry still find the pair above)
            if pair.id not in linked:
                linked.add(pair.id)
                session.add(m.DocumentCandidate(document_id=row.id, candidate_id=pair.id, position=pos,
                                                data=cand.to_json()))
        session.flush()

        def pair_for(item: JItem, inherited: m.Candidate | None) -> m.Candidate | None:
            if len(doc.candidates) == 1:
                return pair_of[id(doc.candidates[0])]
            for name in (item.candidate, item.speaker):
                cand = doc.candidate_by_name(name)
                if cand is not None:
                    return pair_of[id(cand)]
            return inherited

        # items, depth first, as one bulk insert: ids are allocated up front so children can point at
        # parents without a round trip per item (the ORM unit of work costs ~10x more here)
        flat: list[tuple[JItem, int | None, int, m.Candidate | None]] = []

        def walk(items: list[JItem], parent: int | None, depth: int, inherited: m.Candidate | None) -> None:
            for it in items:
                pair = pair_for(it, inherited)
                index = len(flat)
                flat.append((it, parent, depth, pair))
                if it.children:
                    walk(it.children, index, depth + 1, pair)

        walk(doc.items, None, 0, None)
        ids = self._allocate_item_ids(session, len(flat))
        item_rows, fts_rows, sector_rows, sdg_rows = [], [], [], []
        for position, (it, parent, depth, pair) in enumerate(flat):
            item_id = ids[position]
            quantities = [q.to_json() for q in it.quantities]
            stemmed = jtext.stem_text(it.text)
            item_rows.append({
                "id": item_id, "document_id": row.id, "parent_id": ids[parent] if parent is not None else None,
                "candidate_id": pair.id if pair is not None else None, "position": position, "depth": depth,
                "kind": it.kind, "label": it.label[:100] if it.label else None, "text": it.text,
                "candidate_name": it.candidate, "speaker": it.speaker,
                "span_start": it.span[0] if it.span else None, "span_end": it.span[1] if it.span else None,
                "quantities": quantities, "sectors": [str(c) for c in it.sectors], "sdgs": [int(g) for g in it.sdgs],
                "measurability": it.measurability, "measurable": is_measurable(it.measurability, quantities),
                "scores": it.scores, "evidence": it.evidence, "stemmed": stemmed})
            fts_rows.append({"rowid": item_id, "stemmed": stemmed})
            seen: set = set()
            for rank, code in enumerate(it.sectors):
                if str(code) not in seen:
                    seen.add(str(code))
                    sector_rows.append({"item_id": item_id, "code": str(code)[:10], "rank": rank})
            seen = set()
            for rank, goal in enumerate(it.sdgs):
                if int(goal) not in seen:
                    seen.add(int(goal))
                    sdg_rows.append({"item_id": item_id, "goal": int(goal), "rank": rank})
        if item_rows:
            session.execute(insert(m.Item), item_rows)
        if sector_rows:
            session.execute(insert(m.ItemSector), sector_rows)
        if sdg_rows:
            session.execute(insert(m.ItemSdg), sdg_rows)
        if item_rows and self.dialect == "postgresql":
            # item_search (migration 0013): the new document's items, current, in one statement
            session.execute(sql_text(pgrank.INSERT_ROWS), {"document": row.id})
        if fts_rows and self.dialect == "sqlite":
            session.execute(sql_text("INSERT INTO item_fts(rowid, stemmed) VALUES (:rowid, :stemmed)"), fts_rows)
            jrank.insert(session, [{"id": r["rowid"], "stemmed": r["stemmed"]} for r in fts_rows])
        counter = len(flat)
        row._n_items = counter
        return row

    def _allocate_item_ids(self, session: Session, n: int) -> list[int]:
        if n == 0:
            return []
        if self.dialect == "postgresql":
            seq = "SELECT nextval(pg_get_serial_sequence('items', 'id')) FROM generate_series(1, :n)"
            return [r[0] for r in session.execute(sql_text(seq), {"n": n})]
        # SQLite has one writer at a time and this runs inside the write transaction: max + 1 is safe
        start = (session.scalar(select(func.max(m.Item.id))) or 0) + 1
        return list(range(start, start + n))

    def _region_row(self, session: Session, doc: JDocument) -> m.Region | None:
        if doc.region is None or not (doc.region.name or doc.region.code):
            return None
        name, code, level = doc.region.name, doc.region.code, doc.region.level
        ref = _regions_ref().get(_region_name_key(name or ""))
        if ref and not code:
            code = ref["code"]
        if ref:
            level = level or ref["level"]
        key = f"code:{code}" if code else f"name:{_region_name_key(name)}"
        region = session.scalars(select(m.Region).where(m.Region.key == key)).first()
        if region is None:
            region = m.Region(key=key, name=(ref["name"] if ref else name) or code, code=code, level=level)
            session.add(region)
            session.flush()
        return region

    def _pair_row(self, session: Session, election: m.Election | None, cand) -> m.Candidate:
        head_key, deputy_key = jtext.fold(jtext.name_key(cand.head)), jtext.name_key(cand.deputy) or None
        q = select(m.Candidate).where(m.Candidate.head_key == head_key)
        q = q.where(m.Candidate.election_id == election.id) if election is not None else \
            q.where(m.Candidate.election_id.is_(None))
        for pair in session.scalars(q.order_by(m.Candidate.id)):
            if pair.deputy_key and deputy_key and not jtext.same_name(pair.deputy_key, deputy_key):
                continue
            # the same pair seen again: fill what this source adds
            if not pair.deputy and cand.deputy:
                pair.deputy, pair.deputy_key = cand.deputy, deputy_key
            if pair.number is None and cand.number is not None:
                pair.number = cand.number
            if pair.incumbent is None and cand.incumbent is not None:
                pair.incumbent = cand.incumbent
            if any(p not in pair.parties for p in cand.parties):
                pair.parties = list(pair.parties) + [p for p in cand.parties if p not in pair.parties]
            if any(a not in pair.aliases for a in cand.aliases):
                pair.aliases = list(pair.aliases) + [a for a in cand.aliases if a not in pair.aliases]
            return pair
        pair = m.Candidate(election=election, head=cand.head, deputy=cand.deputy, head_key=head_key,
                           deputy_key=deputy_key, number=cand.number, parties=list(cand.parties),
                           incumbent=cand.incumbent, aliases=list(cand.aliases))
        session.add(pair)
        session.flush()
        return pair

    # --- lookups ------------------------------------------------------------------------------------------------

    def _region_ids(self, session: Session, region: int | str | None) -> list[int] | None:
        """Ids of the regions ``region`` names (id, Kemendagri code, name, or a unique part of a name)."""
        if region is None or region == "":
            return None
        if isinstance(region, int) or (isinstance(region, str) and region.isdigit() and "." not in region
                                       and len(region) > 2):
            return [int(region)]
        value = str(region).strip()
        ids = session.scalars(select(m.Region.id).where(m.Region.code == value)).all()
        if ids:
            return list(ids)
        key = _region_name_key(value)
        rows = session.execute(select(m.Region.id, m.Region.name)).all()
        exact = [rid for rid, name in rows if _region_name_key(name) == key]
        if exact:
            return exact
        return [rid for rid, name in rows if key in _region_name_key(name)]

    def resolve_region(self, region: int | str) -> dict[str, Any]:
        """The one region ``region`` names; raises :class:`NotFound` (none, or several that match)."""
        with self._session() as session:
            ids = self._region_ids(session, region) or []
            rows = session.scalars(select(m.Region).where(m.Region.id.in_(ids))).all() if ids else []
            if not rows:
                raise NotFound(f"wilayah tidak ditemukan: {region}")
            if len(rows) > 1:
                names = ", ".join(sorted(r.name for r in rows))
                raise NotFound(f"'{region}' cocok dengan beberapa wilayah: {names}; sebutkan nama lengkap atau kodenya")
            return _region_dict(rows[0])

    def ensure_region(self, region: int | str) -> dict[str, Any]:
        """The region ``region`` names in the store, else the one of the reference table, added to the store
        (an account can cover a region before any document of it is stored); :class:`NotFound` otherwise."""
        try:
            return self.resolve_region(region)
        except NotFound:
            if isinstance(region, int) or str(region).isdigit():
                raise
            ref = reference_region(str(region))
        key = f"code:{ref['code']}"
        with self._session.begin() as session:
            row = session.scalars(select(m.Region).where(m.Region.key == key)).first()
            if row is None:
                row = m.Region(key=key, name=ref["name"], code=ref["code"], level=ref["level"])
                session.add(row)
                session.flush()
            return _region_dict(row)

    def regions(self) -> list[dict[str, Any]]:
        """Every region with counts: ``[{id, name, code, level, elections, candidates, documents, items}]``."""
        with self._session() as session:
            out = []
            for region in session.scalars(select(m.Region).order_by(m.Region.name)):
                out.append(_region_dict(region))
            counts = self._region_counts(session)
            for r in out:
                r.update(counts.get(r["id"], {"elections": 0, "candidates": 0, "documents": 0, "items": 0}))
            return out

    def _region_counts(self, session: Session) -> dict[int, dict[str, int]]:
        out: dict[int, dict[str, int]] = defaultdict(lambda: {"elections": 0, "candidates": 0, "documents": 0,
                                                              "items": 0})
        for rid, n in session.execute(select(m.Election.region_id, func.count()).group_by(m.Election.region_id)):
            out[rid]["elections"] = n
        for rid, n in session.execute(select(m.Election.region_id, func.count(m.Candidate.id))
                                      .join(m.Candidate, m.Candidate.election_id == m.Election.id)
                                      .group_by(m.Election.region_id)):
            out[rid]["candidates"] = n
        current = m.Document.superseded_by_id.is_(None)
        for rid, n in session.execute(select(m.Document.region_id, func.count()).where(current)
                                      .group_by(m.Document.region_id)):
            out[rid]["documents"] = n
        for rid, n in session.execute(select(m.Document.region_id, func.count(m.Item.id))
                                      .join(m.Item, m.Item.document_id == m.Document.id).where(current)
                                      .group_by(m.Document.region_id)):
            out[rid]["items"] = n
        return out

    def elections(self, region: int | str | None = None) -> list[dict[str, Any]]:
        """Elections (region + year), newest first: ``[{id, region, year, period, candidates, documents}]``."""
        with self._session() as session:
            q = select(m.Election, m.Region).join(m.Region, m.Region.id == m.Election.region_id)
            ids = self._region_ids(session, region)
            if ids is not None:
                q = q.where(m.Election.region_id.in_(ids))
            out = []
            for el, reg in session.execute(q.order_by(m.Region.name, m.Election.year.desc().nulls_last())):
                ncand = session.scalar(select(func.count()).where(m.Candidate.election_id == el.id))
                ndoc = session.scalar(select(func.count()).where(m.Document.election_id == el.id,
                                                                 m.Document.superseded_by_id.is_(None)))
                out.append({"id": el.id, "region": _region_dict(reg), "year": el.year,
                            "period": _period(el.period_start, el.period_end), "candidates": ncand,
                            "documents": ndoc})
            return out

    def candidates(self, region: int | str | None = None, year: int | None = None) -> list[dict[str, Any]]:
        """Candidate pairs: ``[{id, head, deputy, name, number, parties, incumbent, aliases, region, year,
        election_id, documents, items}]`` ordered by region, year, ballot number."""
        with self._session() as session:
            q = select(m.Candidate, m.Election, m.Region).outerjoin(m.Election, m.Election.id == m.Candidate.election_id) \
                .outerjoin(m.Region, m.Region.id == m.Election.region_id)
            ids = self._region_ids(session, region)
            if ids is not None:
                q = q.where(m.Election.region_id.in_(ids))
            if year is not None:
                q = q.where(or_(m.Election.year == year, m.Election.period_start == year))
            rows = session.execute(q.order_by(m.Region.name.nulls_last(), m.Election.year.desc().nulls_last(),
                                              m.Candidate.number.nulls_last(), m.Candidate.id)).all()
            doc_counts = dict(session.execute(
                select(m.DocumentCandidate.candidate_id, func.count()).join(m.Document)
                .where(m.Document.superseded_by_id.is_(None)).group_by(m.DocumentCandidate.candidate_id)).all())
            item_counts = dict(session.execute(
                select(m.Item.candidate_id, func.count()).join(m.Document, m.Document.id == m.Item.document_id)
                .where(m.Document.superseded_by_id.is_(None), m.Item.candidate_id.is_not(None))
                .group_by(m.Item.candidate_id)).all())
            return [_pair_dict(c, el, reg) | {"documents": doc_counts.get(c.id, 0), "items": item_counts.get(c.id, 0)}
                    for c, el, reg in rows]

    def candidate(self, candidate_id: int, *, tree: bool = True) -> dict[str, Any] | None:
        """One pair with its ``sources`` (documents naming it), ``items_by_kind`` and, with ``tree``, its
        promise ``tree`` (items nested as in their documents, each document's items in order)."""
        with self._session() as session:
            row = session.execute(
                select(m.Candidate, m.Election, m.Region).outerjoin(m.Election, m.Election.id == m.Candidate.election_id)
                .outerjoin(m.Region, m.Region.id == m.Election.region_id).where(m.Candidate.id == candidate_id)).first()
            if row is None:
                return None
            out = _pair_dict(*row)
            docs = session.scalars(select(m.Document).join(m.DocumentCandidate)
                                   .where(m.DocumentCandidate.candidate_id == candidate_id)
                                   .options(*SUMMARY_LOAD).order_by(m.Document.id)).all()
            out["sources"] = [_doc_summary(d) for d in docs]
            items = self._item_rows(session, [m.Item.candidate_id == candidate_id,
                                              m.Document.superseded_by_id.is_(None)], limit=None)
            out["items_by_kind"] = _kinds(Counter(it["kind"] for it in items))
            if tree:
                out["tree"] = _nest(items)
            return out

    def documents(self, region: int | str | None = None, candidate: int | None = None, kind: str | None = None,
                  include_superseded: bool = False, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Documents, newest first: ``[{id, sha256, name, origin, version, superseded_by, format, kind, title, url,
        retrieved_at, region, period, candidates, items}]`` (no text: see :meth:`document`)."""
        with self._session() as session:
            q = select(m.Document)
            ids = self._region_ids(session, region)
            if ids is not None:
                q = q.where(m.Document.region_id.in_(ids))
            if candidate is not None:
                q = q.where(m.Document.id.in_(select(m.DocumentCandidate.document_id)
                                              .where(m.DocumentCandidate.candidate_id == int(candidate))))
            if kind:
                q = q.where(m.Document.kind == kind)
            if not include_superseded:
                q = q.where(m.Document.superseded_by_id.is_(None))
            q = q.options(*SUMMARY_LOAD).order_by(m.Document.id.desc()).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            docs = session.scalars(q).all()
            counts = dict(session.execute(select(m.Item.document_id, func.count())
                                          .where(m.Item.document_id.in_([d.id for d in docs]))
                                          .group_by(m.Item.document_id)).all()) if docs else {}
            return [_doc_summary(d) | {"items": counts.get(d.id, 0)} for d in docs]

    def document(self, doc: int | str) -> dict[str, Any] | None:
        """One document by id or sha256: the summary fields plus ``text`` (the cleaned text), ``items`` (flat, in
        document order, each with ``span`` [start, end) into ``text`` or None, ``parent_id``, ``depth``), ``tree``
        (the same items nested), ``versions`` (every version from the same origin) and ``warnings``."""
        with self._session() as session:
            if isinstance(doc, int) or (isinstance(doc, str) and doc.isdigit() and len(doc) < 20):
                row = session.get(m.Document, int(doc))
            else:
                row = session.scalars(select(m.Document).where(m.Document.sha256 == str(doc).lower())).first()
            if row is None:
                return None
            out = _doc_summary(row)
            out["text"] = row.text
            out["warnings"] = list(row.warnings or [])
            items = self._item_rows(session, [m.Item.document_id == row.id], limit=None)
            out["items"] = items
            out["tree"] = _nest([dict(it) for it in items])
            out["versions"] = [{"id": d.id, "version": d.version, "sha256": d.sha256,
                                "retrieved_at": d.retrieved_at.isoformat(), "current": d.superseded_by_id is None}
                               for d in session.scalars(select(m.Document).where(m.Document.origin == row.origin)
                                                        .order_by(m.Document.version))]
            return out

    # --- items and search ---------------------------------------------------------------------------------------

    def _filters(self, session: Session, region=None, candidate=None, kind=None, sector=None, sdg=None,
                 measurable=None, year=None, document=None, include_superseded=False) -> list:
        where = []
        if not include_superseded:
            where.append(m.Document.superseded_by_id.is_(None))
        ids = self._region_ids(session, region)
        if ids is not None:
            where.append(m.Document.region_id.in_(ids))
        if year is not None:
            where.append(m.Document.election_id.in_(select(m.Election.id).where(
                or_(m.Election.year == int(year), m.Election.period_start == int(year)))))
        if candidate is not None:
            where.append(m.Item.candidate_id == int(candidate))
        if document is not None:
            where.append(m.Item.document_id == int(document))
        if kind:
            kinds = [kind] if isinstance(kind, str) else list(kind)
            where.append(m.Item.kind.in_(kinds))
        if sector:
            # "1.02" matches the bidang; "1" matches every bidang of urusan wajib pelayanan dasar
            code = str(sector).strip()
            sub = select(m.ItemSector.item_id).where(or_(m.ItemSector.code == code,
                                                         m.ItemSector.code.like(code + ".%")))
            where.append(m.Item.id.in_(sub))
        if sdg is not None and sdg != "":
            where.append(m.Item.id.in_(select(m.ItemSdg.item_id).where(m.ItemSdg.goal == int(sdg))))
        if measurable is not None:
            where.append(m.Item.measurable.is_(bool(measurable)))
        return where

    def _item_rows(self, session: Session, where: list, *, limit: int | None = 100, offset: int = 0,
                   order=None) -> list[dict[str, Any]]:
        # the columns an item dict shows, not ORM objects: pages list hundreds of items, and an entity
        # would also decode the scores and evidence JSON no listing returns
        q = _item_select().where(*where)
        q = q.order_by(*(order if order is not None else (m.Item.document_id, m.Item.position)))
        if offset:
            q = q.offset(offset)
        if limit is not None:
            q = q.limit(limit)
        return [_item_dict(row) for row in session.execute(q)]

    def items(self, region: int | str | None = None, candidate: int | None = None, kind: str | None = None,
              sector: str | None = None, sdg: int | None = None, measurable: bool | None = None,
              year: int | None = None, document: int | None = None, limit: int | None = 100,
              offset: int = 0) -> list[dict[str, Any]]:
        """Items of current documents matching every filter given, in document order.

        Each: ``{id, document_id, document, sha256, parent_id, candidate_id, candidate, position, depth, kind,
        label, text, speaker, span, quantities, sectors, sdgs, measurability, measurable, region, year}``.
        ``sector`` is a bidang urusan code ("1.02") or a prefix ("1"); ``kind`` a kind or list of kinds.
        """
        with self._session() as session:
            where = self._filters(session, region, candidate, kind, sector, sdg, measurable, year, document)
            return self._item_rows(session, where, limit=limit, offset=offset)

    def count_items(self, region=None, candidate=None, kind=None, sector=None, sdg=None, measurable=None,
                    year=None, document=None) -> int:
        """How many items :meth:`items` would return without ``limit`` (for paging)."""
        with self._session() as session:
            where = self._filters(session, region, candidate, kind, sector, sdg, measurable, year, document)
            return session.scalar(select(func.count(m.Item.id)).join(m.Document, m.Document.id == m.Item.document_id)
                                  .where(*where)) or 0

    def item(self, item_id: int) -> dict[str, Any] | None:
        """One item, plus ``ancestors`` (root first), ``children`` and ``document`` (summary, no text)."""
        with self._session() as session:
            rows = self._item_rows(session, [m.Item.id == int(item_id)], limit=1)
            if not rows:
                return None
            out = rows[0]
            ancestors = []
            parent = out["parent_id"]
            while parent is not None:
                prow = self._item_rows(session, [m.Item.id == parent], limit=1)
                if not prow:
                    break
                ancestors.insert(0, prow[0])
                parent = prow[0]["parent_id"]
            out["ancestors"] = ancestors
            out["children"] = self._item_rows(session, [m.Item.parent_id == out["id"]], limit=None)
            out["document_summary"] = _doc_summary(session.get(m.Document, out["document_id"]))
            return out

    def search(self, query: str, region: int | str | None = None, sector: str | None = None,
               sdg: int | None = None, kind: str | None = None, measurable: bool | None = None,
               candidate: int | None = None, year: int | None = None, limit: int = 20,
               offset: int = 0) -> dict[str, Any]:
        """Full-text search of the items of current documents, in Indonesian with stemming, best first.

        Every content word of ``query`` must match (by Sastrawi stem: "pembangunan"
        finds "membangun"). Returns ``{"query", "stems", "total", "results"}``;
        each result is an item dict (see :meth:`items`) plus ``score`` (higher is
        better) and ``snippet``: ``{"segments": [{"text", "match"}], "marked"}`` —
        render ``segments`` escaping each text and wrapping matches in ``<mark>``;
        ``marked`` has the matches between « and » for terminals.
        """
        stems = jtext.query_stems(query or "")
        if not stems:
            return {"query": query, "stems": [], "total": 0, "results": []}
        unfiltered = (region is None or region == "") and candidate is None and not kind and not sector \
            and (sdg is None or sdg == "") and measurable is None and year is None  # _filters' "current" alone
        if self.dialect == "sqlite" and unfiltered:
            # no filter but "current documents", which is what item_fts and item_rank hold: count and rank in
            # the index alone, then read the page's rows (the same order as below: bm25, then id; item_rank
            # finds the page without scoring every match, janji.store.rank). On a pooled connection's sqlite3
            # connection, without a session: these are a few statements of SQLite's alone, and the session's
            # and SQLAlchemy's work around them cost as much as some of them
            with self.engine.connect() as conn:
                raw = conn.connection.driver_connection
                fast = jrank.top(raw, stems, offset + limit)
                if fast is not None:
                    total, best = fast
                    return self._search_results(None, query, stems, total, best[offset:], raw=raw)
        with self._session() as session:
            where = self._filters(session, region, candidate, kind, sector, sdg, measurable, year)
            if self.dialect == "sqlite" and len(where) == 1:
                match = jtext.fts5_query(stems)
                total = session.scalar(sql_text("SELECT count(*) FROM item_fts WHERE item_fts MATCH :q"),
                                       {"q": match}) or 0
                ranked = session.execute(sql_text(
                    "SELECT rowid, -bm25(item_fts) AS score FROM item_fts WHERE item_fts MATCH :q "
                    "ORDER BY bm25(item_fts), rowid LIMIT :limit OFFSET :offset"),
                    {"q": match, "limit": limit, "offset": offset}).all()
                return self._search_results(session, query, stems, total, ranked)
            if self.dialect == "postgresql" and len(where) == 1:
                # no filter but "current documents", which is what item_search holds: the same page, count and
                # scores as _ranked below without ts_rank_cd over every match (janji.store.pgrank)
                fast = pgrank.top(session, stems, offset + limit)
                if fast is not None:
                    total, best = fast
                    return self._search_results(session, query, stems, total, best[offset:])
            total, ranked = self._ranked(session, stems, where, limit, offset)
            return self._search_results(session, query, stems, total, ranked)

    def _ranked(self, session: Session, stems: list[str], where: list, limit: int, offset: int) -> tuple[int, list]:
        """``(total, [(item_id, score), …])`` of a search, every match scored: the reference of the fast paths."""
        if self.dialect == "sqlite":
            match = jtext.fts5_query(stems)
            fts = sql_text("SELECT rowid AS id, bm25(item_fts) AS rank FROM item_fts WHERE item_fts MATCH :q") \
                .bindparams(q=match).columns(id=Integer, rank=Float).subquery("fts")
            score = -fts.c.rank  # bm25: lower is better
            base = select(m.Item.id, score.label("score")).join(fts, fts.c.id == m.Item.id)
        else:
            # items.search_vector: to_tsvector('simple', stemmed), stored and GIN-indexed (migration 0002)
            simple = literal_column("'simple'::regconfig")
            tsq = func.to_tsquery(simple, " & ".join(_pg_lexeme(s) for s in stems))
            vector = literal_column("items.search_vector")
            score = func.ts_rank_cd(vector, tsq, 1)  # 1: divide by 1 + log(length), like bm25 favours short items
            base = select(m.Item.id, score.label("score")).where(vector.op("@@")(tsq))
        base = base.join(m.Document, m.Document.id == m.Item.document_id).where(*where)
        total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
        ranked = session.execute(base.order_by(score.desc(), m.Item.id).offset(offset).limit(limit)).all()
        return total, ranked

    def _search_results(self, session: Session | None, query: str, stems: list[str], total: int, ranked,
                        raw=None) -> dict[str, Any]:
        """The page's items in ``ranked``'s order, read in ``session`` or on ``raw`` (SQLite's connection)."""
        scores = {rid: float(s) for rid, s in ranked}
        if not scores:
            found = ()
        elif self.dialect == "sqlite":
            found = _sqlite_rows_by_id(raw if raw is not None else session.connection().connection.driver_connection,
                                       list(scores))
        else:
            # one statement built once and run on the connection, past the ORM: per search, building and
            # compiling the select cost about as much as reading the page's rows
            found = session.connection().execute(_rows_by_id(), {"ids": list(scores)})
        rows = {r["id"]: r for r in map(_item_dict, found)}
        results = []
        for rid, _ in ranked:
            r = rows[rid]
            r["score"] = round(scores[rid], 4)
            r["snippet"] = jtext.highlight(r["text"], stems)
            results.append(r)
        return {"query": query, "stems": stems, "total": total, "results": results}

    # --- compare ------------------------------------------------------------------------------------------------

    def compare(self, region: int | str, year: int | None = None, *,
                threshold: float = SHARED_THRESHOLD) -> dict[str, Any]:
        """The candidate pairs of one election side by side.

        ``year`` picks the election (year of the vote or first year of the term);
        by default the region's latest. Raises :class:`NotFound`. Returns::

            {"region": {...}, "election": {id, year, period}, "elections": [...all years...],
             "pairs": [{id, name, head, deputy, number, documents, items, items_by_kind: {kind: n},
                        promises, measurable, measurable_share, measurability: {label: n},
                        targets: [{item_id, kind, text, quantities}], sectors: {code: n}}],
             "kinds": [kinds present, in tree order],
             "sectors": [{code, name, counts: {pair_id: n}, total}],   # most covered first
             "shared": [{similarity, items: [{pair_id, item_id, text}]}],  # promises several pairs make
             "unique": {pair_id: [{item_id, kind, text}]},
             "unassigned_items": n}   # items of the election's documents tied to no pair

        Promise kinds compared for shared/unique: misi, sasaran, program,
        kegiatan, 100 hari, strategi and commitments; similarity is
        :func:`janji.store.text.similarity_matrix` (>= ``threshold``).
        """
        reg = self.resolve_region(region)
        with self._session() as session:
            q = select(m.Election).where(m.Election.region_id == reg["id"])
            all_elections = session.scalars(q.order_by(m.Election.year.desc().nulls_last())).all()
            if year is not None:
                chosen = [e for e in all_elections if year in (e.year, e.period_start)]
                if not chosen:
                    raise NotFound(f"tidak ada pemilihan {year} untuk {reg['name']}")
            else:
                chosen = all_elections[:1]
            if not chosen:
                raise NotFound(f"belum ada pemilihan tersimpan untuk {reg['name']}")
            el = chosen[0]
            pairs = session.scalars(select(m.Candidate).where(m.Candidate.election_id == el.id)
                                    .order_by(m.Candidate.number.nulls_last(), m.Candidate.id)).all()
            items = self._item_rows(session, [m.Document.election_id == el.id,
                                              m.Document.superseded_by_id.is_(None)], limit=None)
            ndocs = dict(session.execute(
                select(m.DocumentCandidate.candidate_id, func.count()).join(m.Document)
                .where(m.Document.superseded_by_id.is_(None), m.Document.election_id == el.id)
                .group_by(m.DocumentCandidate.candidate_id)).all())
        by_pair: dict[int, list[dict]] = defaultdict(list)
        unassigned = 0
        for it in items:
            if it["candidate_id"] is None:
                unassigned += 1
            else:
                by_pair[it["candidate_id"]].append(it)
        names = sector_names()
        out_pairs = []
        sector_counts: dict[str, dict[int, int]] = defaultdict(dict)
        for p in pairs:
            its = by_pair.get(p.id, [])
            promises = [it for it in its if it["kind"] in PROMISE_KINDS]
            measurable = sum(1 for it in promises if it["measurable"])
            labels = Counter(str((it["measurability"] or {}).get("label") or "-") for it in promises
                             if isinstance(it["measurability"], dict))
            sectors: Counter = Counter()
            for it in its:
                for code in it["sectors"][:1]:  # primary bidang only: an item counts once
                    sectors[code] += 1
            for code, n in sectors.items():
                sector_counts[code][p.id] = n
            out_pairs.append({
                "id": p.id, "name": _pair_name(p.head, p.deputy), "head": p.head, "deputy": p.deputy,
                "number": p.number, "parties": list(p.parties or []), "documents": ndocs.get(p.id, 0),
                "items": len(its), "items_by_kind": _kinds(Counter(it["kind"] for it in its)),
                "promises": len(promises), "measurable": measurable,
                "measurable_share": round(measurable / len(promises), 4) if promises else None,
                "measurability": dict(labels),
                "targets": [{"item_id": it["id"], "kind": it["kind"], "text": it["text"],
                             "quantities": it["quantities"]} for it in its if it["quantities"]],
                "sectors": dict(sorted(sectors.items())),
            })
        kinds = [k for k in KIND_ORDER if any(k in p["items_by_kind"] for p in out_pairs)]
        sector_table = sorted(
            ({"code": code, "name": names.get(code, code), "counts": counts, "total": sum(counts.values())}
             for code, counts in sector_counts.items()), key=lambda r: (-r["total"], r["code"]))
        shared, unique = _shared_unique([it for p in pairs for it in by_pair.get(p.id, [])
                                         if it["kind"] in PROMISE_KINDS], threshold)
        return {
            "region": reg,
            "election": {"id": el.id, "year": el.year, "period": _period(el.period_start, el.period_end)},
            "elections": [{"id": e.id, "year": e.year, "period": _period(e.period_start, e.period_end)}
                          for e in all_elections],
            "pairs": out_pairs, "kinds": kinds, "sectors": sector_table, "shared": shared,
            "unique": {p["id"]: unique.get(p["id"], []) for p in out_pairs}, "unassigned_items": unassigned,
        }

    # --- stats --------------------------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """What the store holds: ``{regions, elections, candidates, documents, superseded_documents, items,
        items_by_kind, documents_by_kind, database}`` (items and kinds of current documents)."""
        with self._session() as session:
            current = m.Document.superseded_by_id.is_(None)
            by_kind = dict(session.execute(select(m.Item.kind, func.count()).join(m.Document).where(current)
                                           .group_by(m.Item.kind)).all())
            docs_by_kind = dict(session.execute(select(m.Document.kind, func.count()).where(current)
                                                .group_by(m.Document.kind)).all())
            return {
                "database": self.engine.url.render_as_string(hide_password=True),
                "regions": session.scalar(select(func.count()).select_from(m.Region)) or 0,
                "elections": session.scalar(select(func.count()).select_from(m.Election)) or 0,
                "candidates": session.scalar(select(func.count()).select_from(m.Candidate)) or 0,
                "documents": session.scalar(select(func.count()).select_from(m.Document).where(current)) or 0,
                "superseded_documents": session.scalar(select(func.count()).select_from(m.Document)
                                                       .where(m.Document.superseded_by_id.is_not(None))) or 0,
                "items": sum(by_kind.values()),
                "items_by_kind": _kinds(Counter(by_kind)),
                "documents_by_kind": docs_by_kind,
            }

    # --- what the portal's pages count (plain values, as every method here) ------------------------------------

    def data_version(self) -> tuple[int, int]:
        """``(largest document id, number of documents)``: it changes whenever a document is added (the store
        only ever adds; a changed file is a new row), so caches of query results key on it. One indexed query."""
        with self._session() as session:
            top, n = session.execute(select(func.max(m.Document.id), func.count(m.Document.id))).one()
            return (top, n)

    def has_region(self, region_id: int) -> bool:
        """Whether a region with this id is stored."""
        with self._session() as session:
            return session.get(m.Region, int(region_id)) is not None

    def region_names(self) -> list[dict[str, Any]]:
        """Id and name of every region, by name (for menus): ``[{id, name}]`` — one light query, no counts."""
        with self._session() as session:
            return [{"id": rid, "name": name} for rid, name in
                    session.execute(select(m.Region.id, m.Region.name).order_by(m.Region.name))]

    def count_documents(self, region: int | str | None = None) -> int:
        """How many current (not superseded) documents the store holds, of one region or of all."""
        with self._session() as session:
            q = select(func.count()).select_from(m.Document).where(m.Document.superseded_by_id.is_(None))
            ids = self._region_ids(session, region)
            if ids is not None:
                q = q.where(m.Document.region_id.in_(ids))
            return session.scalar(q) or 0

    def sectors(self) -> list[dict[str, Any]]:
        """Every bidang urusan of the packaged taxonomy with how many items of current documents it has and in
        how many regions: ``[{code, name, items, regions}]`` in code order (names as the portal shows them)."""
        with self._session() as session:
            rows = session.execute(
                select(m.ItemSector.code, func.count(func.distinct(m.Item.id)),
                       func.count(func.distinct(m.Document.region_id)))
                .join(m.Item, m.Item.id == m.ItemSector.item_id).join(m.Document, m.Document.id == m.Item.document_id)
                .where(m.Document.superseded_by_id.is_(None)).group_by(m.ItemSector.code)).all()
        counts = {code: (n, regions) for code, n, regions in rows}
        return [{"code": code, "name": name, "items": counts.get(code, (0, 0))[0],
                 "regions": counts.get(code, (0, 0))[1]} for code, name in labels.sectors().items()]

    def sector_regions(self, code: str) -> list[dict[str, Any]]:
        """The regions whose current documents have items of bidang urusan ``code``, by name:
        ``[{id, name, items}]``."""
        with self._session() as session:
            return [{"id": rid, "name": name, "items": n} for rid, name, n in session.execute(
                select(m.Region.id, m.Region.name, func.count(func.distinct(m.Item.id)))
                .join(m.Document, m.Document.region_id == m.Region.id).join(m.Item, m.Item.document_id == m.Document.id)
                .join(m.ItemSector, m.ItemSector.item_id == m.Item.id)
                .where(m.ItemSector.code == code, m.Document.superseded_by_id.is_(None))
                .group_by(m.Region.id, m.Region.name).order_by(m.Region.name))]

    # --- export / import ----------------------------------------------------------------------------------------

    def iter_documents_json(self, region: int | str | None = None, year: int | None = None,
                            include_superseded: bool = True) -> Iterator[dict[str, Any]]:
        """Stored documents as janji/1 dicts, oldest first, each with a ``"store"`` object (origin, version,
        sha256, retrieved_at, current, text) so an import recreates exactly the same store."""
        with self._session() as session:
            q = select(m.Document.id)
            ids = self._region_ids(session, region)
            if ids is not None:
                q = q.where(m.Document.region_id.in_(ids))
            if year is not None:
                q = q.where(m.Document.election_id.in_(select(m.Election.id).where(
                    or_(m.Election.year == int(year), m.Election.period_start == int(year)))))
            if not include_superseded:
                q = q.where(m.Document.superseded_by_id.is_(None))
            doc_ids = session.scalars(q.order_by(m.Document.id)).all()
        for did in doc_ids:
            with self._session() as session:
                yield self._document_json(session, session.get(m.Document, did))

    def _document_json(self, session: Session, d: m.Document) -> dict[str, Any]:
        items = session.scalars(select(m.Item).where(m.Item.document_id == d.id).order_by(m.Item.position)).all()
        nodes: dict[int, dict] = {}
        roots = []
        for it in items:
            node = JItem(kind=it.kind, text=it.text, label=it.label, candidate=it.candidate_name, speaker=it.speaker,
                         span=(it.span_start, it.span_end) if it.span_start is not None else None,
                         sectors=list(it.sectors or []), sdgs=list(it.sdgs or []), scores=it.scores,
                         evidence=it.evidence, measurability=it.measurability).to_json()
            if it.quantities:
                node["quantities"] = it.quantities
                # keep key order as janji/1 writes it (quantities before sectors)
                node = _reorder(node)
            node["children"] = []
            nodes[it.id] = node
            (nodes[it.parent_id]["children"] if it.parent_id in nodes else roots).append(node)
        for node in nodes.values():
            if not node["children"]:
                del node["children"]
        region = d.region
        source = {"name": d.name, "sha256": d.sha256}
        if d.format:
            source["format"] = d.format
        if d.title:
            source["title"] = d.title
        if d.url:
            source["url"] = d.url
        if d.publisher:
            source["publisher"] = d.publisher
        if d.published_at:
            source["published"] = d.published_at
        return {
            "schema": "janji/1", "source": source, "kind": d.kind,
            "region": {"name": region.name, "code": region.code, "level": region.level} if region else None,
            "period": {"start": d.period_start, "end": d.period_end} if d.period_start is not None else None,
            "candidates": [link.data for link in d.links],
            "items": roots,
            "store": {"origin": d.origin, "version": d.version, "current": d.superseded_by_id is None,
                      "retrieved_at": d.retrieved_at.isoformat(), "warnings": list(d.warnings or []),
                      "text": d.text},
        }

    def export_json(self, region: int | str | None = None, year: int | None = None) -> dict[str, Any]:
        """The store (or one region/year) as one JSON object: ``{"schema": "janji-store/1", "documents": [...]}``."""
        return {"schema": EXPORT_SCHEMA, "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "documents": list(self.iter_documents_json(region, year))}

    def export(self, fmt: str, out, region: int | str | None = None, year: int | None = None) -> None:
        """Write an export: ``fmt`` is csv, xlsx, json or sqlite; ``out`` a path or a binary/text file object.

        See :mod:`janji.store.export` for the layouts.
        """
        from janji.store import export as exp

        exp.write(self, fmt, out, region=region, year=year)

    def import_json(self, source: str | Path | dict | list) -> IngestSummary:
        """Load a JSON export, a janji/1 file, a list of janji/1 dicts or a folder of janji/1 files.

        Documents already stored (same sha256) are "unchanged". Exported store
        metadata (origin, version order, retrieval date, cleaned text) is kept.
        """
        summary = IngestSummary()
        for name, data in _iter_import(source):
            if isinstance(data, InputError):
                summary.results.append(IngestResult(name, "failed", reason=data.reason))
                continue
            if not isinstance(data, dict) or data.get("schema") != "janji/1":
                summary.results.append(IngestResult(name, "failed", reason="bukan dokumen janji/1"))
                continue
            meta = data.get("store") or {}
            retrieved = None
            if meta.get("retrieved_at"):
                try:
                    retrieved = datetime.fromisoformat(meta["retrieved_at"])
                except ValueError:
                    retrieved = None
            result = self.ingest_document(data, origin=meta.get("origin") or name,
                                          sha256=(data.get("source") or {}).get("sha256"),
                                          name=(data.get("source") or {}).get("name") or name,
                                          text=meta.get("text"), retrieved_at=retrieved)
            summary.results.append(result)
        return summary


# --- helpers ----------------------------------------------------------------------------------------------------

def _janji_json(raw: bytes) -> dict | None:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("schema") == "janji/1" else None


def _iter_import(source) -> Iterator[tuple[str, Any]]:
    if isinstance(source, dict):
        if source.get("schema") == EXPORT_SCHEMA:
            for i, d in enumerate(source.get("documents") or []):
                yield f"dokumen {i + 1}", d
        else:
            yield "dokumen", source
        return
    if isinstance(source, list):
        for i, d in enumerate(source):
            yield f"dokumen {i + 1}", d
        return
    path = Path(source)
    if path.is_dir():
        # the same walk as `janji ingest`: no link out of the folder, no FIFO or device (janji.files)
        skipped: list[tuple[Path, str]] = []
        files = [p for p in iter_files([path], on_skip=lambda p, why: skipped.append((p, why)))
                 if p.suffix.lower() == ".json"]
        for p, why in skipped:
            if p.suffix.lower() in (".json", ""):  # what an import would have read (files, folders)
                yield p.name, InputError(p.name, why)
        for p in files:
            try:
                yield str(p.resolve()), json.loads(read_regular(p).decode("utf-8-sig"))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                yield p.name, InputError(p.name, f"JSON tidak sah ({exc})")
        return
    try:
        data = json.loads(read_regular(path).decode("utf-8-sig"))
    except OSError as exc:
        raise InputError(path.name, f"tidak dapat dibaca ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(path.name, f"JSON tidak sah ({exc})") from None
    if isinstance(data, dict) and data.get("schema") == "janji/1":
        yield str(path.resolve()), data
    elif isinstance(data, dict) and data.get("schema") == EXPORT_SCHEMA or isinstance(data, list):
        yield from _iter_import(data)
    else:
        raise InputError(path.name, "bukan ekspor Janji (janji-store/1) atau dokumen janji/1")


def _pg_lexeme(stem: str) -> str:
    # to_tsquery syntax: quote each lexeme so user text cannot inject operators
    return "'" + stem.replace("'", "''").replace("\\", "") + "'"


def _reorder(node: dict) -> dict:
    order = ["kind", "label", "text", "candidate", "speaker", "span", "quantities", "sectors", "sdgs",
             "measurability", "scores", "evidence", "children"]
    return {k: node[k] for k in order if k in node}


def _period(start, end):
    return {"start": start, "end": end} if start is not None else None


def _pair_name(head: str | None, deputy: str | None) -> str:
    return f"{head} – {deputy}" if deputy else (head or "")


SOURCE_FIELDS = {"title": 2000, "url": 2000, "publisher": 300, "published_at": 40}


def source_fields(given: dict[str, Any] | None) -> dict[str, str]:
    """The description of a source a caller gave (``title``, ``url``, ``publisher``, ``published`` or
    ``published_at``), trimmed, without empty values; raises :class:`InputError` for a date it cannot read."""
    out: dict[str, str] = {}
    for key, value in (given or {}).items():
        key = "published_at" if key == "published" else key
        if key not in SOURCE_FIELDS or value is None or not str(value).strip():
            continue
        text = " ".join(str(value).split())
        if key == "published_at":
            normal = _published_or_none(text)
            if normal is None:
                raise InputError("sumber", f"tanggal terbit tidak dapat dibaca: {text!r} (tulis TTTT-BB-HH atau "
                                           "TTTT-BB-HHTjj:mm+07:00)")
            text = normal
        out[key] = text[:SOURCE_FIELDS[key]]
    return out


def _janji_source(fields: dict[str, str]) -> dict[str, str]:
    """:func:`source_fields` under the names janji/1's ``source`` uses."""
    return {("published" if k == "published_at" else k): v for k, v in fields.items()}


def _published_or_none(value: Any) -> str | None:
    if not value:
        return None
    from janji.read.meta import published

    return published(str(value))


def _region_dict(r: m.Region) -> dict[str, Any]:
    return {"id": r.id, "name": r.name, "code": r.code, "level": r.level}


def _pair_dict(c: m.Candidate, el: m.Election | None, reg: m.Region | None) -> dict[str, Any]:
    return {"id": c.id, "head": c.head, "deputy": c.deputy, "name": _pair_name(c.head, c.deputy), "number": c.number,
            "parties": list(c.parties or []), "incumbent": c.incumbent, "aliases": list(c.aliases or []),
            "election_id": c.election_id, "year": el.year if el else None,
            "period": _period(el.period_start, el.period_end) if el else None,
            "region": _region_dict(reg) if reg else None}


def _doc_summary(d: m.Document) -> dict[str, Any]:
    return {"id": d.id, "sha256": d.sha256, "name": d.name, "origin": d.origin, "version": d.version,
            "current": d.superseded_by_id is None, "superseded_by": d.superseded_by_id, "format": d.format,
            "kind": d.kind, "title": d.title, "url": d.url, "publisher": d.publisher,
            "published_at": d.published_at, "retrieved_at": d.retrieved_at.isoformat(),
            "region": _region_dict(d.region) if d.region else None, "period": _period(d.period_start, d.period_end),
            "candidates": [{"id": link.candidate_id, "head": link.candidate.head, "deputy": link.candidate.deputy,
                            "name": _pair_name(link.candidate.head, link.candidate.deputy)} for link in d.links]}


# a document's summary (:func:`_doc_summary`) in two queries however many documents are listed, without
# their texts
SUMMARY_LOAD = (defer(m.Document.text), selectinload(m.Document.links).joinedload(m.DocumentCandidate.candidate))

ITEM_COLUMNS = (m.Item.id, m.Item.document_id, m.Item.parent_id, m.Item.candidate_id, m.Item.position, m.Item.depth,
                m.Item.kind, m.Item.label, m.Item.text, m.Item.speaker, m.Item.span_start, m.Item.span_end,
                m.Item.quantities, m.Item.sectors, m.Item.sdgs, m.Item.measurability, m.Item.measurable)


def _item_select():
    """The rows :func:`_item_dict` reads (add the ``where``)."""
    return (select(*ITEM_COLUMNS, m.Document.name, m.Document.sha256, m.Region.id, m.Region.name, m.Region.code,
                   m.Election.year, m.Candidate.head, m.Candidate.deputy, m.Candidate.number)
            .join(m.Document, m.Document.id == m.Item.document_id)
            .outerjoin(m.Region, m.Region.id == m.Document.region_id)
            .outerjoin(m.Election, m.Election.id == m.Document.election_id)
            .outerjoin(m.Candidate, m.Candidate.id == m.Item.candidate_id))


@lru_cache(maxsize=1)
def _rows_by_id():
    """:func:`_item_select` for a list of item ids (``ids``, expanding), built once."""
    return _item_select().where(m.Item.id.in_(bindparam("ids", expanding=True)))


@lru_cache(maxsize=1)
def _sqlite_rows_sql() -> str:
    """:func:`_item_select` as SQLite's text (``?`` parameters; the ``WHERE`` added per call)."""
    from sqlalchemy.dialects import sqlite

    return str(_item_select().compile(dialect=sqlite.dialect()))


# where ITEM_COLUMNS' JSON columns stand: quantities, then sectors, sdgs and measurability
_QUANTITIES_AT = [column.key for column in ITEM_COLUMNS].index("quantities")

# JSON text of an item's sector and SDG lists -> its tuple: a few dozen distinct values among all the items
_JSON_LISTS: dict[str, tuple] = {}


def _json_list(value: str | None):
    if value is None:
        return None
    found = _JSON_LISTS.get(value)
    if found is None:
        found = json.loads(value)
        if not isinstance(found, list) or not all(isinstance(x, (str, int)) for x in found):
            return found
        found = tuple(found)
        if len(_JSON_LISTS) < 4096:
            _JSON_LISTS[value] = found
    return found


def _sqlite_rows_by_id(conn, ids: list[int]) -> list[tuple]:
    """The rows of :func:`_rows_by_id` for SQLite, read on the driver's connection ``conn`` (sqlite3's; in
    a session's transaction if it has one), their JSON columns decoded here as SQLAlchemy's JSON type does
    (``json.loads``, NULL as None): for a page of 50 search results, SQLAlchemy's per-row and per-value work
    cost about what SQLite did. The sector and SDG lists, a few dozen distinct texts, are decoded once each
    (as tuples: _item_dict copies them into lists)."""
    sql = _sqlite_rows_sql() + " WHERE items.id IN (" + ",".join("?" * len(ids)) + ")"
    q = _QUANTITIES_AT
    return [row[:q] + (_json_value(row[q]), _json_list(row[q + 1]), _json_list(row[q + 2]), _json_value(row[q + 3]))
            + row[q + 4:] for row in conn.execute(sql, ids)]


def _json_value(value: str | None):
    """``json.loads``, NULL as None, with the texts most items hold (no targets, no measurability) at once."""
    if value is None or value == "null":
        return None
    if value == "[]":
        return []
    return json.loads(value)


def _item_dict(row) -> dict[str, Any]:
    """An item dict from a row of :data:`ITEM_COLUMNS` followed by its document's name and sha256, region
    (id, name, code), election year and pair (head, deputy, number)."""
    (item_id, document_id, parent_id, candidate_id, position, depth, kind, label, text, speaker, span_start,
     span_end, quantities, sectors, sdgs, measurability, measurable,
     doc_name, sha, region_id, region_name, region_code, year, head, deputy, number) = row
    return {
        "id": item_id, "document_id": document_id, "document": doc_name, "sha256": sha, "parent_id": parent_id,
        "candidate_id": candidate_id, "candidate": _pair_name(head, deputy) if head else None,
        "candidate_number": number, "position": position, "depth": depth, "kind": kind, "label": label,
        "text": text, "speaker": speaker,
        "span": [span_start, span_end] if span_start is not None else None,
        "quantities": list(quantities or []), "sectors": list(sectors or []), "sdgs": list(sdgs or []),
        "measurability": measurability, "measurable": bool(measurable),
        "region": {"id": region_id, "name": region_name, "code": region_code} if region_id else None, "year": year,
    }


def _kinds(counts: Counter) -> dict[str, int]:
    """Counts by kind in tree order (visi first)."""
    return {k: counts[k] for k in KIND_ORDER if counts.get(k)} | \
        {k: n for k, n in counts.items() if k not in KIND_ORDER}


def _nest(items: list[dict]) -> list[dict]:
    """Flat item dicts (document order) -> trees via ``parent_id`` (``children`` lists added)."""
    by_id = {}
    roots = []
    for it in items:
        it = dict(it)
        it["children"] = []
        by_id[it["id"]] = it
        parent = by_id.get(it["parent_id"])
        (parent["children"] if parent is not None else roots).append(it)
    return roots


def _shared_unique(promises: list[dict], threshold: float) -> tuple[list[dict], dict[int, list[dict]]]:
    """Groups of similar promises made by several pairs, and each pair's promises nobody else makes.

    Two promises of different pairs are linked when their similarity reaches
    ``threshold``; linked promises form groups (connected components).
    """
    import numpy as np

    if not promises:
        return [], {}
    vectors = jtext.promise_vectors([p["text"] for p in promises])
    owners = np.array([p["candidate_id"] for p in promises])
    n = len(promises)
    edge_list = []
    # row blocks: a province-wide comparison can hold thousands of promises; never build n x n at once
    for start in range(0, n, 1024):
        block = vectors[start:start + 1024] @ vectors.T
        rows, cols = np.nonzero((block >= threshold) & (owners[start:start + 1024, None] != owners[None, :]))
        keep = cols > rows + start
        edge_list.append(np.stack([rows[keep] + start, cols[keep]], axis=1))
    edges = np.concatenate(edge_list) if edge_list else np.zeros((0, 2), dtype=int)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked = np.zeros(n, dtype=bool)
    for i, j in edges:
        linked[i] = linked[j] = True
        parent[find(int(i))] = find(int(j))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in np.nonzero(linked)[0]:
        groups[find(int(i))].append(int(i))
    shared = []
    for members in groups.values():
        idx = np.array(members)
        sub = vectors[idx] @ vectors[idx].T
        sub = np.where(owners[idx][:, None] != owners[idx][None, :], sub, 0.0)
        shared.append({"similarity": round(float(sub.max()), 3),
                       "pairs": sorted({promises[i]["candidate_id"] for i in members}),
                       "items": [{"pair_id": promises[i]["candidate_id"], "item_id": promises[i]["id"],
                                  "kind": promises[i]["kind"], "text": promises[i]["text"]} for i in members]})
    shared.sort(key=lambda g: (-len(g["pairs"]), -g["similarity"], g["items"][0]["item_id"]))
    unique: dict[int, list[dict]] = defaultdict(list)
    for i, p in enumerate(promises):
        if not linked[i]:
            unique[p["candidate_id"]].append({"item_id": p["id"], "kind": p["kind"], "text": p["text"]})
    return shared, dict(unique)
