"""Exports of a store (or one region/year): CSV, JSON, XLSX for Bappeda planners, SQLite for Datasette.

- ``json``: ``{"schema": "janji-store/1", "documents": [janji/1 + "store" metadata]}``; ``janji import``
  reads it back into the same data.
- ``csv``: one row per item (current documents), flat columns for spreadsheets and pandas (UTF-8 with a BOM:
  ``pandas.read_csv(f, encoding="utf-8-sig")``).
- ``xlsx``: one sheet per candidate pair, columns misi, sasaran, program, kegiatan, target, satuan,
  bidang urusan, SDG (then jenis and sumber); each promise on its own row under its misi/sasaran/program.
- ``sqlite``: plain tables (regions, elections, candidates, documents, items, item_sectors, item_sdgs,
  sectors, sdgs) with foreign keys and an FTS5 index on items.text that Datasette picks up as it is.

CSV and XLSX are written by :mod:`janji.sheets`: an item text that a spreadsheet would run as a formula
(``=HYPERLINK(…)``) is defused there.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from janji import sheets
from janji.data import reference
from janji.files import atomic_path

FORMATS = ("csv", "xlsx", "json", "sqlite")
BINARY = {"xlsx", "sqlite"}

CSV_COLUMNS = ["item_id", "document_id", "document", "sha256", "region", "region_code", "year", "candidate_id",
               "candidate", "candidate_number", "parent_id", "depth", "kind", "label", "text", "speaker",
               "quantities", "target", "satuan", "sectors", "sdgs", "measurable", "measurability"]

XLSX_COLUMNS = ["misi", "sasaran", "program", "kegiatan", "target", "satuan", "bidang urusan", "SDG", "jenis",
                "sumber"]
# which planner column an item of each kind fills
XLSX_LEVEL = {"mission": "misi", "goal": "sasaran", "program": "program", "quick_win": "program",
              "strategy": "program", "commitment": "program", "activity": "kegiatan"}
KIND_ID = {"vision": "visi", "mission": "misi", "goal": "sasaran", "program": "program", "activity": "kegiatan",
           "quick_win": "program 100 hari", "strategy": "strategi", "commitment": "komitmen", "claim": "klaim",
           "other": "lain"}


def write(store, fmt: str, out, region=None, year=None) -> None:
    """Write ``store`` (optionally one region/year) as ``fmt`` to ``out`` (path, or file object:
    text for csv/json, binary for xlsx/sqlite; sqlite needs a path)."""
    if fmt not in FORMATS:
        raise ValueError(f"format tidak dikenal: {fmt} (pilih {', '.join(FORMATS)})")
    if fmt == "sqlite":
        if not isinstance(out, (str, os.PathLike)):
            raise ValueError("ekspor sqlite perlu --out BERKAS")
        return _atomic(Path(out), lambda tmp: write_sqlite(store, tmp, region, year))
    if isinstance(out, (str, os.PathLike)):
        return _atomic(Path(out), lambda tmp: _write_to_path(store, fmt, tmp, region, year))
    return _write_stream(store, fmt, out, region, year)


def _write_to_path(store, fmt, path: Path, region, year) -> None:
    if fmt in BINARY:
        with open(path, "wb") as fh:
            _write_stream(store, fmt, fh, region, year)
    else:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            _write_stream(store, fmt, fh, region, year)


def _write_stream(store, fmt, fh, region, year) -> None:
    if fmt == "json":
        data = store.export_json(region, year)
        fh.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        write_csv(store, fh, region, year)
    elif fmt == "xlsx":
        write_xlsx(store, fh, region, year)


def _atomic(path: Path, writer) -> None:
    """Write through a temporary file beside ``path`` and rename: never a half-written export."""
    with atomic_path(path) as tmp:
        writer(tmp)


def _quantity_text(q: dict) -> str:
    value = q.get("value")
    text = f"{value:g}" if isinstance(value, float) else str(value)
    unit = q.get("unit") or ""
    out = f"{text} {unit}".strip()
    return out + (f"/{q['per']}" if q.get("per") else "")


def _all_items(store, region, year) -> list[dict[str, Any]]:
    return store.items(region=region, year=year, limit=None)


def write_csv(store, fh, region=None, year=None) -> None:
    """One row per item to the text stream ``fh``: UTF-8 with a BOM, formula-like texts defused (janji.sheets)."""
    sheets.write_csv(fh, CSV_COLUMNS, (_csv_row(it) for it in _all_items(store, region, year)))


def _csv_row(it: dict) -> list[Any]:
    qs = it["quantities"]
    return [
        it["id"], it["document_id"], it["document"], it["sha256"], (it["region"] or {}).get("name", ""),
        (it["region"] or {}).get("code") or "", it["year"] or "", it["candidate_id"] or "", it["candidate"] or "",
        it["candidate_number"] if it["candidate_number"] is not None else "", it["parent_id"] or "", it["depth"],
        it["kind"], it["label"] or "", it["text"], it["speaker"] or "", "; ".join(_quantity_text(q) for q in qs),
        "; ".join(_num(q.get("value")) for q in qs), "; ".join(_unit(q) for q in qs),
        ";".join(it["sectors"]), ";".join(str(g) for g in it["sdgs"]), "ya" if it["measurable"] else "tidak",
        str((it["measurability"] or {}).get("label") or "") if isinstance(it["measurability"], dict) else "",
    ]


def _num(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value) if value is not None else ""


def _unit(q: dict) -> str:
    return (q.get("unit") or "") + (f"/{q['per']}" if q.get("per") else "")


def xlsx_rows(items: list[dict]) -> tuple[list[str], list[list[Any]]]:
    """Planner rows for one pair's items: (visions, rows in XLSX_COLUMNS order).

    Each promise is one row; the misi/sasaran/program columns above it repeat
    its ancestors' texts, so a filter on any column keeps the context.
    """
    names = _sector_names()
    by_id = {it["id"]: it for it in items}
    visions, rows = [], []
    for it in items:
        if it["kind"] == "vision":
            visions.append(it["text"])
            continue
        level = XLSX_LEVEL.get(it["kind"])
        if level is None:
            continue  # claims and "other" are not promises
        row = {c: "" for c in XLSX_COLUMNS}
        row[level] = it["text"]
        parent = by_id.get(it["parent_id"])
        while parent is not None:
            plevel = XLSX_LEVEL.get(parent["kind"])
            if plevel and not row[plevel] and XLSX_COLUMNS.index(plevel) < XLSX_COLUMNS.index(level):
                row[plevel] = parent["text"]
            parent = by_id.get(parent["parent_id"])
        qs = it["quantities"]
        row["target"] = "; ".join(_num(q.get("value")) for q in qs)
        row["satuan"] = "; ".join(_unit(q) for q in qs)
        row["bidang urusan"] = "; ".join(f"{c} {names.get(c, '')}".strip() for c in it["sectors"])
        row["SDG"] = ", ".join(str(g) for g in it["sdgs"])
        row["jenis"] = KIND_ID.get(it["kind"], it["kind"])
        row["sumber"] = it["document"]
        rows.append([row[c] for c in XLSX_COLUMNS])
    return visions, rows


def write_xlsx(store, fh, region=None, year=None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    items = _all_items(store, region, year)
    groups: dict[Any, list[dict]] = defaultdict(list)
    for it in items:
        groups[it["candidate_id"]].append(it)
    pairs = {p["id"]: p for p in store.candidates(region=region, year=year)}
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    order = sorted(groups, key=lambda k: (k is None, ((pairs.get(k) or {}).get("region") or {}).get("name", ""),
                                          (pairs.get(k) or {}).get("number") or 99, k or 0))
    widths = [40, 40, 45, 45, 12, 14, 30, 8, 14, 30]
    for key in order:
        pair = pairs.get(key)
        if pair is None and key is not None:
            continue
        title = pair["name"] if pair else "Tanpa pasangan"
        short = title
        if pair and len(title) > 31:  # Excel's limit: keep whole names (the head's) over a cut pair
            short = (f"{pair['number']}. " if pair["number"] is not None else "") + pair["head"]
        ws = wb.create_sheet(sheets.sheet_title(short, used, fallback="Pasangan"))
        visions, rows = xlsx_rows(groups[key])
        head = [title]
        if pair:
            bits = [b for b in [f"No. urut {pair['number']}" if pair["number"] is not None else "",
                                (pair["region"] or {}).get("name", ""),
                                f"{pair['period']['start']}–{pair['period']['end']}" if pair["period"] else "",
                                ", ".join(pair["parties"])] if b]
            head.append(" · ".join(bits))
        # every text goes in as a string cell: an item text "=HYPERLINK(…)" must never become a formula
        sheets.append(ws, [" · ".join(h for h in head if h)])
        ws["A1"].font = Font(bold=True, size=13)
        sheets.append(ws, ["Visi: " + " / ".join(visions)] if visions else ["Visi: -"])
        ws.append([])
        sheets.append(ws, XLSX_COLUMNS)
        header_row = ws.max_row
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        for row in rows:
            sheets.append(ws, row)
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        for row in ws.iter_rows(min_row=header_row + 1):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(XLSX_COLUMNS))}{ws.max_row}"
    if not wb.sheetnames:
        ws = wb.create_sheet("Kosong")
        sheets.append(ws, XLSX_COLUMNS)
    wb.save(fh)


def _sector_names() -> dict[str, str]:
    from janji.store.api import sector_names

    return sector_names()


SQLITE_SCHEMA = """
CREATE TABLE regions (id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT, level TEXT);
CREATE TABLE elections (id INTEGER PRIMARY KEY, name TEXT, region_id INTEGER REFERENCES regions(id), year INTEGER,
    period_start INTEGER, period_end INTEGER);
CREATE TABLE candidates (id INTEGER PRIMARY KEY, name TEXT, election_id INTEGER REFERENCES elections(id),
    number INTEGER,
    head TEXT NOT NULL, deputy TEXT, parties TEXT, incumbent INTEGER, aliases TEXT);
CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, name TEXT, origin TEXT,
    version INTEGER, current INTEGER, format TEXT, kind TEXT, title TEXT, url TEXT, retrieved_at TEXT,
    region_id INTEGER REFERENCES regions(id), election_id INTEGER REFERENCES elections(id),
    period_start INTEGER, period_end INTEGER, text TEXT);
CREATE TABLE document_candidates (document_id INTEGER REFERENCES documents(id),
    candidate_id INTEGER REFERENCES candidates(id), PRIMARY KEY (document_id, candidate_id));
CREATE TABLE sectors (code TEXT PRIMARY KEY, name TEXT);
CREATE TABLE sdgs (goal INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE items (id INTEGER PRIMARY KEY, document_id INTEGER REFERENCES documents(id),
    parent_id INTEGER REFERENCES items(id), candidate_id INTEGER REFERENCES candidates(id), position INTEGER,
    depth INTEGER, kind TEXT, label TEXT, text TEXT, speaker TEXT, span_start INTEGER, span_end INTEGER,
    quantities TEXT, target TEXT, satuan TEXT, sectors TEXT, primary_sector TEXT REFERENCES sectors(code),
    sdgs TEXT, measurable INTEGER, measurability TEXT);
CREATE TABLE item_sectors (item_id INTEGER REFERENCES items(id), code TEXT REFERENCES sectors(code), rank INTEGER,
    PRIMARY KEY (item_id, code));
CREATE TABLE item_sdgs (item_id INTEGER REFERENCES items(id), goal INTEGER REFERENCES sdgs(goal), rank INTEGER,
    PRIMARY KEY (item_id, goal));
CREATE INDEX items_document ON items(document_id);
CREATE INDEX items_candidate ON items(candidate_id);
CREATE INDEX items_kind ON items(kind);
CREATE VIRTUAL TABLE [items_fts] USING FTS5 ([text], content=[items], content_rowid=[id]);
"""


def write_sqlite(store, path: Path, region=None, year=None) -> None:
    """A self-contained SQLite file of the current documents (Datasette opens it as it is: foreign keys
    give labelled links, ``items_fts`` gives the search box on ``items``)."""
    items = _all_items(store, region, year)
    doc_ids = sorted({it["document_id"] for it in items} |
                     {d["id"] for d in store.documents(region=region, limit=None)
                      if year is None or _doc_in_year(d, year)})
    con = sqlite3.connect(path)
    try:
        con.executescript(SQLITE_SCHEMA)
        names = _sector_names()
        con.executemany("INSERT INTO sectors VALUES (?, ?)", sorted(names.items()))
        con.executemany("INSERT INTO sdgs VALUES (?, ?)", [(r.goal, r.nama) for r in reference.sdgs().values()])
        regions, elections, pairs = {}, {}, {}
        for d in doc_ids:
            doc = store.document(d)
            reg = doc["region"]
            if reg and reg["id"] not in regions:
                regions[reg["id"]] = reg
                con.execute("INSERT INTO regions VALUES (?, ?, ?, ?)", (reg["id"], reg["name"], reg["code"],
                                                                        reg["level"]))
            con.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                doc["id"], doc["sha256"], doc["name"], doc["origin"], doc["version"], int(doc["current"]),
                doc["format"], doc["kind"], doc["title"], doc["url"], doc["retrieved_at"],
                reg["id"] if reg else None, None, (doc["period"] or {}).get("start"), (doc["period"] or {}).get("end"),
                doc["text"]))
            for c in doc["candidates"]:
                if c["id"] not in pairs:
                    pairs[c["id"]] = store.candidate(c["id"], tree=False)
                con.execute("INSERT OR IGNORE INTO document_candidates VALUES (?, ?)", (doc["id"], c["id"]))
        for p in pairs.values():
            if p["election_id"] and p["election_id"] not in elections:
                elections[p["election_id"]] = p
                con.execute("INSERT INTO elections VALUES (?, ?, ?, ?, ?, ?)", (
                    p["election_id"], _election_name((p["region"] or {}).get("name"), p["year"]),
                    (p["region"] or {}).get("id"), p["year"], (p["period"] or {}).get("start"),
                    (p["period"] or {}).get("end")))
            con.execute("INSERT INTO candidates VALUES (?,?,?,?,?,?,?,?,?)", (
                p["id"], p["name"], p["election_id"], p["number"], p["head"], p["deputy"], ", ".join(p["parties"]),
                None if p["incumbent"] is None else int(p["incumbent"]), ", ".join(p["aliases"])))
        for d in doc_ids:
            doc_el = _doc_election(store, d)
            if doc_el is not None:
                if doc_el["id"] not in elections:
                    elections[doc_el["id"]] = doc_el
                    con.execute("INSERT INTO elections VALUES (?, ?, ?, ?, ?, ?)", (
                        doc_el["id"], _election_name(doc_el["region"].get("name"), doc_el["year"]),
                        doc_el["region"]["id"], doc_el["year"], (doc_el["period"] or {}).get("start"),
                        (doc_el["period"] or {}).get("end")))
                con.execute("UPDATE documents SET election_id = ? WHERE id = ?", (doc_el["id"], d))
        for it in items:
            qs = it["quantities"]
            con.execute("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                it["id"], it["document_id"], it["parent_id"], it["candidate_id"], it["position"], it["depth"],
                it["kind"], it["label"], it["text"], it["speaker"], (it["span"] or [None])[0],
                (it["span"] or [None, None])[1], json.dumps(qs, ensure_ascii=False) if qs else None,
                "; ".join(_num(q.get("value")) for q in qs) or None, "; ".join(_unit(q) for q in qs) or None,
                ", ".join(it["sectors"]) or None, it["sectors"][0] if it["sectors"] else None,
                ", ".join(str(g) for g in it["sdgs"]) or None, int(it["measurable"]),
                json.dumps(it["measurability"], ensure_ascii=False) if it["measurability"] is not None else None))
            con.executemany("INSERT OR IGNORE INTO item_sectors VALUES (?, ?, ?)",
                            [(it["id"], c, r) for r, c in enumerate(it["sectors"])])
            con.executemany("INSERT OR IGNORE INTO item_sdgs VALUES (?, ?, ?)",
                            [(it["id"], g, r) for r, g in enumerate(it["sdgs"])])
        con.execute("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
        con.commit()
    finally:
        con.close()


def _doc_election(store, doc_id: int):
    """The election (dict as :meth:`Store.elections` gives) of a document, or None."""
    with store._session() as session:  # noqa: SLF001 - same package
        from janji.store import models as m

        d = session.get(m.Document, doc_id)
        if d is None or d.election is None:
            return None
        el, reg = d.election, d.election.region
        return {"id": el.id, "year": el.year, "region": {"id": reg.id, "name": reg.name} if reg else {"id": None},
                "period": {"start": el.period_start, "end": el.period_end} if el.period_start is not None else None}


def _election_name(region: str | None, year: int | None) -> str:
    return f"{region or '?'} {year if year is not None else '(tahun tidak diketahui)'}"


def _doc_in_year(doc: dict, year: int) -> bool:
    period = doc.get("period") or {}
    from janji.store.api import election_year

    return year in (period.get("start"), election_year(period.get("start")))
