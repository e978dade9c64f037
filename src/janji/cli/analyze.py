"""`janji analyze`: source documents -> janji/1 JSON (files, stdout) or a readable tree.

The command chooses what to show; the batch engine (:mod:`janji.scale`) does the work, in this process
or in parallel with ``--dask``, so every mode writes the same files and reports failures alike.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

import click

from janji.cli import common
from janji.cli.common import error_line, ocr_option, page_progress, print_json, warning_line
from janji.document import DOCUMENT_KINDS, Document, Item
from janji.files import iter_files

PROGRESS_THRESHOLD = 3  # show a progress bar for more than this many files


def escape(text: str) -> str:
    """Rich's markup escaped (Rich imported only when something is printed: `janji analyze FILE --out DIR` does
    not print)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def iter_inputs(paths: Iterable[str], follow_links: bool = False) -> Iterator[Path]:
    """Files named, and every file under directories named (sorted, hidden files skipped). Links out of a
    folder (unless ``follow_links``) and special files (FIFOs, devices, sockets) are skipped with a warning."""
    yield from iter_files(paths, follow_links=follow_links,
                          on_skip=lambda path, reason: warning_line(f"{escape(str(path))}: {escape(reason)}"))


follow_links_option = click.option(
    "--follow-links", is_flag=True,
    help="Inside the folders given, also follow symbolic links that point outside them (off: such links are "
         "skipped with a warning). Special files (FIFOs, devices, sockets) are always skipped.")


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


def render_tree(doc: Document, explain: bool = False):
    """The document as a Rich tree: the pairs, then the items."""
    from rich.tree import Tree

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


def show_stages(ctx: click.Context, _param, value: bool) -> None:
    """``--stages``: the analyser's stages in order, with what each needs and what it sets."""
    if not value or ctx.resilient_parsing:
        return
    from rich.table import Table

    from janji.pipeline import Pipeline

    table = Table("tahap", "memerlukan", "mengisi", title="Tahap analisis, berurutan")
    for row in Pipeline().describe():
        table.add_row(row["stage"], ", ".join(row["requires"]), ", ".join(row["assigns"]))
    common.console.print(table)
    ctx.exit()


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
@ocr_option
@follow_links_option
@click.option("--stages", is_flag=True, is_eager=True, expose_value=False, callback=show_stages,
              help="List the analyser's stages in order, with what each needs and sets, and exit.")
def analyze(paths: tuple[str, ...], out_dir: Path | None, as_json: bool, kind: str | None, explain: bool,
            dask_scheduler: str | None = None, workers: int | None = None, follow_links: bool = False,
            ocr: str = "auto") -> None:
    """Analyse source documents (text, Markdown, HTML, PDF, DOCX) into promise trees.

    Directories are walked (symbolic links out of them are not followed
    without --follow-links; FIFOs, devices and sockets are skipped). With
    --out, writes DIR/<name>.json for every input; with --json, prints the
    JSON; otherwise prints a readable tree. Exits 1 if any input could not be
    read (the others are still analysed). A scanned PDF page (no text
    layer) is read with OCR, offline; --ocr never skips such pages.

    Example:

        janji analyze visi-misi.pdf berita.html --out hasil/

        janji analyze rpjmd-pindaian.pdf --ocr always --json

        janji analyze korpus/ --out json/ --dask tcp://10.0.0.5:8786
    """
    # numpy's BLAS (OpenBLAS) on one thread unless the user says otherwise (read when numpy loads, so before
    # the stages are imported): the analyser's products are a few hundred numbers, and the pool of a second
    # thread cost ~60 ms of CPU at start, spinning against the analysis on a busy machine; --dask workers are
    # processes. The results are the same bits (the products are not split along their sums).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from janji.scale import SchedulerError, check_scheduler, plan
    from janji.scale.runners import check_workers, connect

    if workers is not None and dask_scheduler is None:
        dask_scheduler = "processes"  # --workers alone: a pool of processes on this machine
    if dask_scheduler is not None and out_dir is None:
        raise click.UsageError("--dask memerlukan --out FOLDER (hasil ditulis sebagai FOLDER/<nama>.json)")
    files = list(iter_inputs(paths, follow_links))
    if not files:
        error_line("tidak ada berkas untuk dianalisis")
        raise SystemExit(1)
    try:
        scheduler = check_scheduler(dask_scheduler)
    except SchedulerError as exc:
        raise click.UsageError(str(exc)) from None
    if workers is not None and scheduler not in ("sync", "processes"):
        raise click.UsageError("--workers hanya untuk --dask processes; di kluster, jumlah pekerja diatur oleh "
                               "'dask worker --nworkers N' di tiap mesin")
    jobs, _ = plan(files, out_dir, ocr=ocr)
    client = None
    try:
        if scheduler not in ("sync", "processes"):
            # Connect before the progress bar: an unreachable scheduler is one line, not a stalled bar.
            client = connect(scheduler)
            check_workers(client, scheduler)
        failed = _run(jobs, scheduler, workers, kind, client, to_files=out_dir is not None, as_json=as_json,
                      explain=explain)
    except SchedulerError as exc:
        error_line(str(exc))
        raise SystemExit(1)
    finally:
        if client is not None:
            client.close()
    if failed:
        raise SystemExit(1)


def _run(jobs, scheduler: str, workers: int | None, kind: str | None, client, *, to_files: bool, as_json: bool,
         explain: bool) -> int:
    """Run the jobs, printing each failure and warning as it arrives (and, without --out, each document as a
    tree or, at the end, as JSON); return how many failed."""
    from janji.scale import iter_analyze

    failed = 0
    json_docs = []
    show_progress = len(jobs) > PROGRESS_THRESHOLD and (to_files or as_json)
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=common.err_console, transient=False)
    else:
        progress = _NoProgress()
    # Pages read with OCR count on a bar of their own (only where the documents are read in this process).
    with progress, page_progress(progress if show_progress else None):
        task = progress.add_task("Menganalisis", total=len(jobs))
        for result in iter_analyze(jobs, scheduler, num_workers=workers, kind=kind, client=client,
                                   keep_documents=not to_files):
            progress.update(task, description=f"Menganalisis {result.name[:40]}")
            if not result.ok:
                failed += 1
                error_line(result.error or f"{result.name}: gagal dianalisis")
            else:
                for warning in result.warnings:
                    warning_line(f"{result.name}: {warning}")
                if not result.items:
                    warning_line(f"{result.name}: tidak ada janji yang ditemukan")
                if result.replaced:
                    warning_line(f"{result.name}: nama {Path(result.output).name} juga dipakai oleh {result.replaced}; "
                                 "ditimpa")
                if result.document is not None:
                    if as_json:
                        json_docs.append(result.document.to_json())
                    else:
                        common.console.print(render_tree(result.document, explain))
            progress.advance(task)
    if as_json and not to_files:
        print_json(json_docs[0] if len(json_docs) == 1 and len(jobs) == 1 else json_docs)
    return failed


class _NoProgress:
    """What :func:`_run` asks of a progress bar, doing nothing (a few files: no bar, and Rich not imported)."""

    def __enter__(self) -> "_NoProgress":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def add_task(self, *args, **kwargs) -> int:
        return 0

    def update(self, *args, **kwargs) -> None:
        return None

    def advance(self, *args, **kwargs) -> None:
        return None
