"""`janji taxonomy`: the bidang urusan codes (or the SDGs) janji classifies promises into."""
from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from janji.cli.common import console, print_json


def taxonomy_rows(sdg: bool = False) -> list[dict]:
    """The rows `janji taxonomy` prints: bidang urusan (code, name, group) or SDGs (goal, nama, name)."""
    from janji.classify.taxonomy import sdgs, sectors

    if sdg:
        return [{"goal": g.goal, "nama": g.nama, "name": g.name, "description": g.description} for g in sdgs().values()]
    return [{"code": s.code, "name": s.name, "group": s.group, "description": s.description} for s in sectors().values()]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--sdg", is_flag=True, help="List the 17 SDGs instead of the bidang urusan.")
@click.option("--long", "long_", is_flag=True, help="Also show the description each item is compared with.")
def taxonomy(as_json: bool, sdg: bool, long_: bool) -> None:
    """List the bidang urusan codes (Permendagri 90/2019) or, with --sdg, the SDGs.

    These are the codes of the `sectors` and `sdgs` fields of every promise.

    Example:

        janji taxonomy
        janji taxonomy --sdg --json
    """
    rows = taxonomy_rows(sdg)
    if as_json:
        print_json(rows)
        return
    if sdg:
        table = Table("SDG", "Tujuan", "Goal", title="Tujuan Pembangunan Berkelanjutan (SDGs)")
        for r in rows:
            table.add_row(str(r["goal"]), escape(r["nama"]), escape(r["name"]))
            if long_:
                table.add_row("", f"[dim]{escape(r['description'])}[/]", "")
    else:
        table = Table("Kode", "Bidang urusan", "Kelompok", title="Bidang urusan pemerintahan (Permendagri 90/2019)")
        for r in rows:
            table.add_row(r["code"], escape(r["name"]), f"[dim]{escape(r['group'].capitalize())}[/]")
            if long_:
                table.add_row("", f"[dim]{escape(r['description'])}[/]", "")
    console.print(table)
