"""Store commands: `janji init`, `ingest`, `search`, `compare`, `export`, `stats`, `import`.

Each takes ``--db URL`` (default: ``JANJI_DATABASE_URL``, else a SQLite file in
the user data directory) and prints Rich tables, or JSON with ``--json``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from janji.cli.analyze import follow_links_option
from janji.cli.common import console, err_console, error_line, ocr_option, page_progress, print_json, warning_line
from janji.document import DOCUMENT_KINDS, ITEM_KINDS

KIND_ID = {"vision": "visi", "mission": "misi", "goal": "sasaran", "program": "program", "activity": "kegiatan",
           "quick_win": "100 hari", "strategy": "strategi", "commitment": "komitmen", "claim": "klaim",
           "other": "lain"}

db_option = click.option("--db", "db_url", metavar="URL", default=None,
                         help="Database: sqlite:///file.db, postgresql://user@host/db or a file path "
                              "(default: $JANJI_DATABASE_URL, else janji.db in the user data directory).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")


def _open(db_url: str | None, create: bool = False, announce: bool = True):
    """Open the store or exit with one line saying why not. Only the commands that fill a store pass
    ``create``: for the others a store that does not exist is an error (a mistyped --db), not a new store."""
    from sqlalchemy.exc import SQLAlchemyError

    from janji.errors import JanjiError
    from janji.redact import redact_url, remember
    from janji.store import default_url, open_store

    remember(db_url or default_url())
    shown = redact_url(db_url) if db_url else "bawaan"
    try:
        store = open_store(db_url, create=create)
        if store.created and announce:
            err_console.print(f"[dim]penyimpanan baru dibuat: {escape(store.name)}[/]", highlight=False,
                              soft_wrap=True)
        return store
    except JanjiError as exc:
        error_line(str(exc))
        raise SystemExit(2)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        error_line(f"basis data tidak dapat dibuka ({shown}): {reason}")
        raise SystemExit(2)
    except Exception as exc:  # e.g. unknown URL scheme, unwritable directory
        error_line(f"basis data tidak dapat dibuka ({shown}): {exc}")
        raise SystemExit(2)


def _summary(summary, as_json: bool, verb: str) -> None:
    if as_json:
        print_json(summary.to_json())
    else:
        table = Table(title=f"Ringkasan {verb}", show_header=True)
        table.add_column("ditambahkan", justify="right")
        table.add_column("tidak berubah", justify="right")
        table.add_column("gagal", justify="right")
        table.add_row(str(summary.count("added")), str(summary.count("unchanged")),
                      f"[red]{summary.count('failed')}[/]" if summary.count("failed") else "0")
        err_console.print(table)
        failed = [r for r in summary.results if r.status == "failed"]
        for r in failed:
            err_console.print(f"  [red]gagal[/] {escape(r.name)}: {escape(r.reason or '')}", highlight=False)
    if summary.count("failed"):
        raise SystemExit(1)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--kind", type=click.Choice(DOCUMENT_KINDS), help="Force the document kind instead of detecting it.")
@click.option("--url", help="Where the document was published (one file only; HTML pages give their own).")
@click.option("--title", help="Its title as published (one file only).")
@click.option("--publisher", help="Who published it: the news site or body (one file only).")
@click.option("--published", metavar="DATE", help="When: 2024-09-23 or 2024-09-23T10:15+07:00 (one file only).")
@ocr_option
@follow_links_option
@json_option
def ingest(paths: tuple[str, ...], db_url: str | None, kind: str | None, url: str | None, title: str | None,
           publisher: str | None, published: str | None, as_json: bool, follow_links: bool = False,
           ocr: str = "auto") -> None:
    """Analyse documents and store them (folders are walked; janji/1 JSON files are stored as they are).

    In a folder, symbolic links that point outside it are skipped with a
    warning (--follow-links follows them) and FIFOs, devices and sockets are
    never read: a folder from elsewhere cannot publish a system file.

    Idempotent: the same bytes twice are stored once; a changed file is a new
    version (the old one is kept). One transaction per document: a failing or
    interrupted ingest leaves the store as it was before that document.
    The portal cites a document by its title, publisher, address and date: an
    HTML page gives them itself (og:title, og:site_name, canonical URL,
    article:published_time); for a text or PDF file say them with --title,
    --publisher, --url and --published (given again for a stored file, they
    update its description).

    Example:

        janji ingest visi-misi/ --db korpus.db
        janji ingest berita.txt --url https://contoh.id/berita/1 --title "Visi misi paslon" --publisher "Kabar Contoh" --published 2024-09-23
    """
    from janji.cli.analyze import iter_inputs
    from janji.errors import InputError
    from janji.store.api import source_fields

    try:
        source = source_fields({"url": url, "title": title, "publisher": publisher, "published": published})
    except InputError as exc:
        error_line(f"--published: {exc.reason}")
        raise SystemExit(2)
    files = list(iter_inputs(paths, follow_links))
    if not files:
        error_line("tidak ada berkas untuk disimpan")
        raise SystemExit(1)
    if source and len(files) > 1:
        error_line(f"--url, --title, --publisher dan --published menerangkan satu berkas; diberikan {len(files)} berkas")
        raise SystemExit(2)
    store = _open(db_url, create=True, announce=False)
    progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=err_console, disable=len(files) < 2)
    from janji.store import IngestSummary

    summary = IngestSummary()
    with progress:
        task = progress.add_task("Menyimpan", total=len(files))
        with page_progress(progress if len(files) >= 2 else None):
            results = store.ingest_paths(files, kind=kind, source=source or None, ocr=ocr)
            for path, result in zip(files, results):
                progress.update(task, description=f"Menyimpan {path.name[:40]}")
                summary.results.append(result)
                if result.status == "failed":
                    error_line(f"{result.name}: {result.reason}")
                elif result.source_updated and not as_json:
                    err_console.print(f"keterangan sumber {escape(result.name)} diperbarui", highlight=False)
                progress.advance(task)
    if summary.count("added"):
        store.optimize()
    _close(store)
    _summary(summary, as_json, "penyimpanan")


def _marked(snippet: dict) -> str:
    return "".join(f"[bold yellow]{escape(s['text'])}[/]" if s["match"] else escape(s["text"])
                   for s in snippet["segments"])


@click.command()
@click.argument("query")
@db_option
@click.option("--region", help="Region name, part of a name, or Kemendagri code (\"Kota Bandung\", \"32.73\").")
@click.option("--sector", help="Bidang urusan code (\"1.02\") or its urusan prefix (\"1\").")
@click.option("--sdg", type=click.IntRange(1, 17), help="SDG goal number.")
@click.option("--kind", type=click.Choice(ITEM_KINDS), help="Item kind (program, activity, commitment …).")
@click.option("--measurable/--not-measurable", default=None, help="Only measurable (or only vague) promises.")
@click.option("--year", type=int, help="Election year or first year of the term.")
@click.option("--limit", type=click.IntRange(1, 10000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@json_option
def search(query: str, db_url, region, sector, sdg, kind, measurable, year, limit, offset, as_json) -> None:
    """Full-text search of stored promises, in Indonesian with stemming ("pembangunan" finds "membangun").

    Example:

        janji search "air bersih" --region "Kota Bandung" --kind program
    """
    store = _open(db_url)
    result = store.search(query, region=region, sector=sector, sdg=sdg, kind=kind, measurable=measurable,
                          year=year, limit=limit, offset=offset)
    store.close()
    if as_json:
        print_json(result)
        return
    if not result["results"]:
        console.print(f"Tidak ada janji yang cocok dengan “{escape(query)}”.")
        return
    table = Table(title=f"{result['total']} janji cocok dengan “{escape(query)}”", show_lines=False)
    table.add_column("skor", justify="right", style="dim")
    table.add_column("wilayah")
    table.add_column("pasangan")
    table.add_column("jenis", style="cyan")
    table.add_column("janji")
    for r in result["results"]:
        table.add_row(f"{r['score']:.2f}", escape((r["region"] or {}).get("name", "-")),
                      escape(r["candidate"] or "-"), KIND_ID.get(r["kind"], r["kind"]), _marked(r["snippet"]))
    console.print(table)
    if result["total"] > offset + len(result["results"]):
        console.print(f"[dim]{offset + len(result['results'])} dari {result['total']}; lanjutkan dengan "
                      f"--offset {offset + len(result['results'])}[/]")


@click.command()
@click.argument("region")
@db_option
@click.option("--year", type=int, help="Election year or first year of the term (default: the latest).")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Also save the sector coverage chart to this file (.png or .svg); no chart without it.")
@click.option("--no-chart", is_flag=True, hidden=True)  # the old way to ask for no chart, which is now the default
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Similarity from which promises of different pairs count as shared (default 0.5).")
@json_option
def compare(region: str, db_url, year, chart, no_chart, threshold, as_json) -> None:
    """The candidate pairs of one election side by side: items by kind, bidang urusan coverage (table and
    chart), share of measurable promises, quantified targets, shared and unique promises.

    Example:

        janji compare "Kota Bandung" --year 2024 --chart bandung.svg
    """
    from janji.store import NotFound
    from janji.store.api import SHARED_THRESHOLD
    from janji.store.chart import coverage_chart

    store = _open(db_url)
    try:
        result = store.compare(region, year=year, threshold=SHARED_THRESHOLD if threshold is None else threshold)
    except NotFound as exc:
        error_line(str(exc))
        raise SystemExit(1)
    finally:
        store.close()
    if chart is not None and not no_chart:
        try:
            result["chart"] = str(coverage_chart(result, chart))
        except (ValueError, OSError) as exc:
            error_line(str(exc))
            raise SystemExit(1)
    if as_json:
        print_json(result)
        return
    _print_compare(result)


def _print_compare(result: dict) -> None:
    pairs = result["pairs"]
    el = result["election"]
    title = f"{result['region']['name']}" + (f" — pemilihan {el['year']}" if el["year"] else "")
    if el["period"]:
        title += f" (masa jabatan {el['period']['start']}–{el['period']['end']})"
    if not pairs:
        console.print(f"[bold]{escape(title)}[/]: belum ada pasangan calon tersimpan.")
        return
    table = Table(title=escape(title))
    table.add_column("")
    for p in pairs:
        table.add_column(escape((f"{p['number']}. " if p["number"] is not None else "") + p["name"]), justify="right")
    table.add_row("sumber (dokumen)", *[str(p["documents"]) for p in pairs])
    for kind in result["kinds"]:
        table.add_row(KIND_ID.get(kind, kind), *[str(p["items_by_kind"].get(kind, 0)) for p in pairs])
    table.add_row("[bold]janji[/]", *[str(p["promises"]) for p in pairs])
    table.add_row("terukur", *[f"{p['measurable']} ({p['measurable_share']:.0%})" if p["measurable_share"] is not None
                               else "-" for p in pairs])
    table.add_row("target berangka", *[str(len(p["targets"])) for p in pairs])
    console.print(table)
    if result["sectors"]:
        st = Table(title="Cakupan bidang urusan (jumlah janji)")
        st.add_column("bidang urusan")
        for p in pairs:
            st.add_column(escape(p["head"]), justify="right")
        for s in result["sectors"]:
            st.add_row(escape(f"{s['code']} {s['name']}"), *[str(s["counts"].get(p["id"], 0)) for p in pairs])
        console.print(st)
    for p in pairs:
        if p["targets"]:
            console.print(f"\n[bold]Target berangka — {escape(p['name'])}[/]")
            for t in p["targets"][:15]:
                qs = ", ".join(escape(q.get("text") or f"{q['value']} {q.get('unit', '')}") for q in t["quantities"])
                console.print(f"  • {escape(t['text'])} [green]({qs})[/]", highlight=False)
            if len(p["targets"]) > 15:
                console.print(f"  [dim]… dan {len(p['targets']) - 15} lainnya (--json untuk semuanya)[/]")
    names = {p["id"]: p["head"] for p in pairs}
    if result["shared"]:
        console.print("\n[bold]Janji bersama (mirip antarpasangan)[/]")
        for g in result["shared"][:20]:
            console.print(f"  [cyan]{g['similarity']:.2f}[/] " + " ≈ ".join(
                f"{escape(it['text'])} [dim]({escape(names.get(it['pair_id'], '?'))})[/]" for it in g["items"][:4]),
                highlight=False)
    console.print("\n[bold]Janji khas tiap pasangan[/]")
    for p in pairs:
        uniq = result["unique"].get(p["id"], [])
        console.print(f"  [magenta]{escape(p['name'])}[/]: {len(uniq)} janji khas")
        for it in uniq[:5]:
            console.print(f"    • {escape(it['text'])}", highlight=False)
    if result.get("chart"):
        console.print(f"\n[dim]Grafik cakupan disimpan di {escape(result['chart'])}[/]")
    if result["unassigned_items"]:
        console.print(f"[dim]{result['unassigned_items']} butir tidak terkait pasangan mana pun[/]")


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "sqlite"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (csv and json go to stdout without it; xlsx and sqlite need it).")
@click.option("--region", help="Only this region (name, part of a name, or code).")
@click.option("--year", type=int, help="Only this election year (or first year of the term).")
def export(db_url, fmt, out, region, year) -> None:
    """Export the store: CSV and JSON for data people, XLSX for Bappeda planners (one sheet per candidate
    pair), SQLite that opens in Datasette as it is. `janji import` reads the JSON back.

    Example:

        janji export --region "Kota Bandung" --format xlsx --out bandung.xlsx
    """
    if out is None and fmt in ("xlsx", "sqlite"):
        error_line(f"ekspor {fmt} perlu --out BERKAS")
        raise SystemExit(2)
    store = _open(db_url)
    try:
        if region:
            from janji.store import NotFound

            try:
                store.resolve_region(region)
            except NotFound as exc:
                error_line(str(exc))
                raise SystemExit(1)
        if out is None:
            store.export(fmt, sys.stdout, region=region, year=year)
        else:
            store.export(fmt, out, region=region, year=year)
            err_console.print(f"[dim]ekspor {fmt} disimpan di {escape(str(out))}[/]")
    except BrokenPipeError:  # `janji export … | head`: the reader has had enough
        sys.stderr.close()
    except OSError as exc:
        error_line(f"{out}: tidak dapat ditulis ({exc.strerror or exc})")
        raise SystemExit(1)
    finally:
        store.close()


@click.command()
@db_option
@click.option("--sectors", "by_sector", is_flag=True,
              help="Also count items and regions per bidang urusan (the portal's /bidang page).")
@json_option
def stats(db_url, by_sector, as_json) -> None:
    """What the store holds: regions, elections, candidate pairs, documents, items by kind.

    Example:

        janji stats --sectors --json
    """
    store = _open(db_url)
    data = store.stats()
    data["by_region"] = [{k: r[k] for k in ("name", "code", "elections", "candidates", "documents", "items")}
                         for r in store.regions()]
    if by_sector:
        data["by_sector"] = store.sectors()
    store.close()
    if as_json:
        print_json(data)
        return
    table = Table(title=f"Isi basis data {escape(data['database'])}")
    table.add_column("")
    table.add_column("jumlah", justify="right")
    for key, label in [("regions", "wilayah"), ("elections", "pemilihan"), ("candidates", "pasangan calon"),
                       ("documents", "dokumen"), ("superseded_documents", "versi lama dokumen"), ("items", "butir")]:
        table.add_row(label, str(data[key]))
    for kind, n in data["items_by_kind"].items():
        table.add_row(f"  {KIND_ID.get(kind, kind)}", str(n))
    console.print(table)
    if data["by_region"]:
        rt = Table(title="Per wilayah")
        for col in ("wilayah", "kode", "pemilihan", "pasangan", "dokumen", "butir"):
            rt.add_column(col, justify="right" if col not in ("wilayah", "kode") else "left")
        for r in data["by_region"]:
            rt.add_row(escape(r["name"]), r["code"] or "-", str(r["elections"]), str(r["candidates"]),
                       str(r["documents"]), str(r["items"]))
        console.print(rt)
    if by_sector:
        counted = [r for r in data["by_sector"] if r["items"]]
        st = Table(title="Per bidang urusan")
        for col in ("kode", "bidang urusan", "butir", "wilayah"):
            st.add_column(col, justify="right" if col in ("butir", "wilayah") else "left")
        for r in counted:
            st.add_row(r["code"], escape(r["name"]), str(r["items"]), str(r["regions"]))
        console.print(st if counted else "Belum ada butir yang diklasifikasikan ke bidang urusan.")


@click.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@json_option
def import_(sources: tuple[Path, ...], db_url, as_json) -> None:
    """Load a JSON export (`janji export --format json`), janji/1 files, or folders of janji/1 files.

    Example:

        janji import korpus.json --db postgresql://janji@server/janji
    """
    from janji.errors import JanjiError
    from janji.store import IngestSummary, IngestResult

    store = _open(db_url, create=True, announce=False)
    summary = IngestSummary()
    for src in sources:
        try:
            part = store.import_json(src)
        except JanjiError as exc:
            error_line(str(exc))
            summary.results.append(IngestResult(src.name, "failed", reason=getattr(exc, "reason", str(exc))))
            continue
        for r in part.results:
            if r.status == "failed":
                error_line(f"{r.name}: {r.reason}")
        summary.results.extend(part.results)
    if summary.count("added"):
        store.optimize()
    _close(store)
    _summary(summary, as_json, "impor")


def _close(store) -> None:
    """Close after filling; a store this command created and could put nothing in is taken away again."""
    try:
        if store.discard_if_empty():
            err_console.print(f"[dim]tidak ada yang tersimpan; penyimpanan {escape(store.name)} tidak dibuat[/]",
                              highlight=False, soft_wrap=True)
        elif store.created:
            err_console.print(f"[dim]penyimpanan baru dibuat: {escape(store.name)}[/]", highlight=False,
                              soft_wrap=True)
    finally:
        store.close()


@click.command()
@db_option
@json_option
def init(db_url, as_json) -> None:
    """Create an empty store, or bring an existing one up to date (the other commands then read it).

    `janji ingest` and `janji import` create the store too; every other command
    refuses a store that does not exist, so that a mistyped --db is an error.

    Example:

        janji init --db korpus.db
    """
    store = _open(db_url, create=True, announce=False)
    out = {"database": store.name, "created": store.created}
    store.close()
    if as_json:
        print_json(out)
    elif not out["created"]:
        console.print(f"penyimpanan sudah ada (skema diperbarui): {escape(out['database'])}", highlight=False,
                      soft_wrap=True)
    else:
        console.print(f"penyimpanan baru dibuat: {escape(out['database'])}", highlight=False, soft_wrap=True)


__all__ = ["init", "ingest", "search", "compare", "export", "stats", "import_", "warning_line"]
