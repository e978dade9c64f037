"""`janji analyze`: source documents -> janji/1 JSON (files, stdout) or a readable tree."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.tree import Tree

from janji.cli.common import console, err_console, error_line, print_json, warning_line
from janji.document import DOCUMENT_KINDS, Document, Item, json_text
from janji.errors import JanjiError
from janji.files import iter_files, write_text_atomic

PROGRESS_THRESHOLD = 3  # show a progress bar for more than this many files


def iter_inputs(paths: Iterable[str], follow_links: bool = False) -> Iterator[Path]:
    """Files named, and every file under directories named (sorted, hidden files skipped). Links out of a
    folder (unless ``follow_links``) and special files (FIFOs, devices, sockets) are skipped with a warning."""
    yield from iter_files(paths, follow_links=follow_links,
                          on_skip=lambda path, reason: warning_line(f"{escape(str(path))}: {escape(reason)}"))


follow_links_option = click.option(
    "--follow-links", is_flag=True,
    help="Inside the folders given, also follow symbolic links that point outside them (off: such links are "
         "skipped with a warning). Special files (FIFOs, devices, sockets) are always skipped.")


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` then rename: never a half-written output."""
    write_text_atomic(path, text)


def item_line(item: Item, explain: bool = False) -> str:
    kind = {"vision": "visi", "mission": "misi", "goal": "sasaran", "program": "program", "activity": "kegiatan",
            "quick_win": "100 hari", "strategy": "strategi", "commitment": "komitmen", "claim": "klaim",
            "other": "lain"}.get(item.kind, item.kind)
    parts = [f"[bold cyan]{kind}[/]"]
    if item.label:
        parts.append(f"[dim]{escape(item.label)}.[/]")
    parts.append(escape(item.text))
    extras = []
    if item.quantities:
        extras.append("🎯 " + ", ".join(escape(q.text or f"{q.value:g} {q.unit}") for q in item.quantities))
    if item.sectors:
        extras.append("urusan " + " ".join(item.sectors))
    if item.sdgs:
        extras.append("SDG " + " ".join(str(s) for s in item.sdgs))
    if item.speaker:
        extras.append(f"— {escape(item.speaker)}")
    elif item.candidate:
        extras.append(f"— {escape(item.candidate)}")
    if extras:
        parts.append("[green]" + " · ".join(extras) + "[/]")
    line = " ".join(parts)
    if explain and item.evidence:
        line += "\n[dim]  bukti: " + escape("; ".join(str(e) for e in item.evidence)) + "[/]"
    if explain and item.measurability:
        named = [word for flag, word in (("quantity", "jumlah"), ("place", "tempat"), ("time", "waktu"),
                                         ("beneficiary", "penerima"), ("budget", "anggaran"))
                 if item.measurability.get(flag)]
        line += f"\n[dim]  keterukuran: {escape(str(item.measurability.get('label', '')))}" \
                + (f" ({', '.join(named)})" if named else "") + "[/]"
    return line


def render_tree(doc: Document, explain: bool = False) -> Tree:
    head = f"[bold]{escape(doc.source.name)}[/] [dim]({doc.kind or '?'}"
    if doc.region:
        head += f", {escape(doc.region.name)}"
        if doc.region.code:
            head += f" {doc.region.code}"
    if doc.period:
        head += f", {doc.period[0]}–{doc.period[1]}"
    head += ")[/]"
    tree = Tree(head)
    for cand in doc.candidates:
        pair = escape(cand.head) + (f" – {escape(cand.deputy)}" if cand.deputy else "")
        bits = [f"no. {cand.number}"] if cand.number is not None else []
        if cand.parties:
            bits.append(", ".join(cand.parties))
        if cand.incumbent:
            bits.append("petahana")
        tree.add(f"[magenta]pasangan[/] {pair}" + (f" [dim]({escape('; '.join(bits))})[/]" if bits else ""))

    def add(node: Tree, items: list[Item]) -> None:
        for item in items:
            add(node.add(item_line(item, explain)), item.children)

    add(tree, doc.items)
    if not doc.items:
        tree.add("[yellow]tidak ada janji yang ditemukan[/]")
    return tree


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for DIR/<name>.json (one janji/1 file per input).")
@click.option("--json", "as_json", is_flag=True, help="Print janji/1 JSON instead of a tree.")
@click.option("--kind", type=click.Choice(DOCUMENT_KINDS), help="Force the document kind instead of detecting it.")
@click.option("--explain", is_flag=True, help="Show why each item got its sectors (evidence, measurability).")
@click.option("--dask", "dask_scheduler", metavar="ADDRESS|processes",
              help="Analyse in parallel with Dask: 'processes' (worker processes on this machine) or the address "
                   "of a dask scheduler (tcp://host:8786). Needs --out.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes for --dask processes (default: cores).")
@follow_links_option
def analyze(paths: tuple[str, ...], out_dir: Path | None, as_json: bool, kind: str | None, explain: bool,
            dask_scheduler: str | None = None, workers: int | None = None, follow_links: bool = False) -> None:
    """Analyse source documents (text, Markdown, HTML, PDF, DOCX) into promise trees.

    Directories are walked (symbolic links out of them are not followed
    without --follow-links; FIFOs, devices and sockets are skipped). With
    --out, writes DIR/<name>.json for every input; with --json, prints the
    JSON; otherwise prints a readable tree. Exits 1 if any input could not be
    read (the others are still analysed).

    Example:

        janji analyze visi-misi.pdf berita.html --out hasil/

        janji analyze korpus/ --out json/ --dask tcp://10.0.0.5:8786
    """
    from janji.pipeline import default_pipeline

    if workers is not None and dask_scheduler is None:
        dask_scheduler = "processes"  # --workers alone: a pool of processes on this machine
    if dask_scheduler is not None and out_dir is None:
        raise click.UsageError("--dask memerlukan --out FOLDER (hasil ditulis sebagai FOLDER/<nama>.json)")
    files = list(iter_inputs(paths, follow_links))
    if not files:
        error_line("tidak ada berkas untuk dianalisis")
        raise SystemExit(1)
    if dask_scheduler is not None:
        _analyze_parallel(files, out_dir, dask_scheduler, workers, kind)
        return
    pipe = default_pipeline()
    failed = 0
    json_docs = []
    stems: dict[str, Path] = {}
    show_progress = len(files) > PROGRESS_THRESHOLD and (out_dir is not None or as_json)
    progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=err_console, transient=False, disable=not show_progress)
    with progress:
        task = progress.add_task("Menganalisis", total=len(files))
        for path in files:
            progress.update(task, description=f"Menganalisis {path.name[:40]}")
            try:
                doc = pipe.analyze_path(path, kind=kind)
            except JanjiError as exc:
                failed += 1
                error_line(str(exc))
                progress.advance(task)
                continue
            except Exception as exc:  # a defect in a stage must not kill a batch of 1,500 files
                failed += 1
                error_line(f"{path.name}: gagal dianalisis ({type(exc).__name__}: {exc})")
                progress.advance(task)
                continue
            for warning in doc.warnings:
                warning_line(f"{path.name}: {warning}")
            if not doc.items:
                warning_line(f"{path.name}: tidak ada janji yang ditemukan")
            data = doc.to_json()
            if out_dir is not None:
                stem = path.stem
                if stem in stems and stems[stem] != path:
                    warning_line(f"{path.name}: nama {stem}.json juga dipakai oleh {stems[stem]}; ditimpa")
                stems[stem] = path
                try:
                    write_atomic(out_dir / f"{stem}.json", json_text(data) + "\n")
                except OSError as exc:  # full disk, read-only folder: say so, keep going, exit 1
                    failed += 1
                    error_line(f"{path.name}: hasil tidak dapat ditulis ke {out_dir} ({exc.strerror or exc})")
                    progress.advance(task)
                    continue
            elif as_json:
                json_docs.append(data)
            else:
                console.print(render_tree(doc, explain))
            progress.advance(task)
    if as_json:
        if out_dir is None:
            print_json(json_docs[0] if len(json_docs) == 1 and len(files) == 1 else json_docs)
    if failed:
        raise SystemExit(1)


def _analyze_parallel(files: list[Path], out_dir: Path, scheduler: str, workers: int | None, kind: str | None) -> None:
    """`--dask`: the same files, warnings, errors and exit code as the sequential run, in parallel."""
    from janji.scale import SchedulerError, check_scheduler, plan

    try:
        scheduler = check_scheduler(scheduler)
    except SchedulerError as exc:
        raise click.UsageError(str(exc)) from None
    if workers is not None and scheduler not in ("sync", "processes"):
        raise click.UsageError("--workers hanya untuk --dask processes; di kluster, jumlah pekerja diatur oleh "
                               "'dask worker --nworkers N' di tiap mesin")
    jobs, collisions = plan(files, out_dir)
    for c in collisions:
        warning_line(f"{Path(c.kept).name}: nama {c.stem}.json juga dipakai oleh {c.dropped}; ditimpa")
    client = None
    try:
        if scheduler not in ("sync", "processes"):
            from janji.scale.runners import check_workers, connect
            # Connect before the progress bar: an unreachable scheduler is one line, not a stalled bar.
            client = connect(scheduler)
            check_workers(client, scheduler)
        failed = _run_with_progress(jobs, scheduler, workers, kind, client)
    except SchedulerError as exc:
        error_line(str(exc))
        raise SystemExit(1)
    finally:
        if client is not None:
            client.close()
    if failed:
        raise SystemExit(1)


def _run_with_progress(jobs, scheduler: str, workers: int | None, kind: str | None, client) -> int:
    """Run the jobs, printing each failure and warning as it arrives; return how many failed."""
    from janji.scale import iter_analyze

    failed = 0
    show_progress = len(jobs) > PROGRESS_THRESHOLD
    progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=err_console, transient=False, disable=not show_progress)
    with progress:
        task = progress.add_task("Menganalisis", total=len(jobs))
        for result in iter_analyze(jobs, scheduler, num_workers=workers, kind=kind, client=client):
            progress.update(task, description=f"Menganalisis {result.name[:40]}")
            if not result.ok:
                failed += 1
                error_line(result.error or f"{result.name}: gagal dianalisis")
            else:
                for warning in result.warnings:
                    warning_line(f"{result.name}: {warning}")
                if not result.items:
                    warning_line(f"{result.name}: tidak ada janji yang ditemukan")
            progress.advance(task)
    return failed
