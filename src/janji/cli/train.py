"""`janji train`: rebuild the learned models from the hand-made answers (a developer's command)."""
from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from janji.cli.common import console, err_console, print_json


@click.command()
@click.argument("components", nargs=-1)
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The shared data folder with seeds/, devset/ and corpus/ (default: ../shared beside the checkout).")
@click.option("--annotations", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Hand-made answers for corpus documents (default: annotations/corpus in the checkout).")
@click.option("--dry-run", is_flag=True, help="Fit and report, but do not write the model files.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def train(components: tuple[str, ...], shared: Path | None, annotations: Path | None, dry_run: bool,
          as_json: bool) -> None:
    """Fit the learned models (all, or the COMPONENTS named) and write them into janji/data/models.

    Each model is judged by cross-validation grouped by document (no document's examples
    are scored by a model that saw it) and the figures are printed beside the in-sample
    ones. Needs ../shared and scikit-learn (`pip install -e '.[dev]'`).

    Example:

        janji train
        janji train prose --dry-run --json
    """
    from janji.training import COMPONENTS, train_all

    unknown = [c for c in components if c not in COMPONENTS]
    if unknown:
        raise click.UsageError(f"komponen tidak dikenal: {', '.join(unknown)} (ada: {', '.join(COMPONENTS)})")
    try:
        metas = train_all(components or None, shared, annotations, log=lambda m: err_console.print(m),
                          write=not dry_run)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        print_json(metas)
        return
    table = Table("Komponen", "Dokumen", "Contoh", "F1 (validasi silang)", "F1 (data latih)", "Presisi / recall (VS)")
    for name, meta in metas.items():
        cv, ins = meta["cross_validated"], meta["in_sample"]
        table.add_row(name, str(meta["documents"]), str(meta["examples"]), f"{cv['f1']:.3f}", f"{ins['f1']:.3f}",
                      f"{cv['precision']:.3f} / {cv['recall']:.3f}")
    console.print(table)
