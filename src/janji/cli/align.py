"""`janji align` (campaign → plan) and `janji suggest` (reports → promises): thin over :mod:`janji.align`.

Example:

    janji align visi-misi.pdf rpjmd.pdf                     # a readable table
    janji align kampanye.json rencana.json --json --out hasil.json
    janji align --region "Kabupaten Contoh" --year 2024     # from the store; the result is stored
    janji suggest --region "Kabupaten Contoh" --json
"""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from janji.cli.common import console, err_console, error_line, print_json, warning_line
from janji.cli.store import _open, db_option, json_option

MATCH_LABELS = {"same": "sama", "narrowed": "menyempit", "broadened": "meluas", "partial": "sebagian"}
KIND_LABELS = {"vision": "visi", "mission": "misi", "goal": "sasaran", "program": "program", "activity": "kegiatan",
               "quick_win": "100 hari", "commitment": "komitmen", "strategy": "strategi", "claim": "klaim",
               "other": "lain"}


def read_document(path_text: str, aligner):
    """A janji/1 JSON file as it is, any other file analysed by the pipeline; exits 1 with one line if unreadable."""
    from janji.document import Document
    from janji.errors import failure_line
    from janji.pipeline import analyze

    path = Path(path_text)
    name = path.name or path_text
    if path.suffix.lower() == ".json" and path.is_file():
        try:
            data = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            _exit(f"{name}: JSON tidak sah ({_short(exc)})")
        if not isinstance(data, dict) or data.get("schema") != "janji/1":
            _exit(f"{name}: bukan dokumen janji/1 (kolom \"schema\": \"janji/1\" tidak ada)")
        try:
            return Document.from_json(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            _exit(f"{name}: dokumen janji/1 rusak ({_short(exc)})")
    try:
        from janji.classify import set_classifier

        set_classifier(aligner.classifier)  # the analysis and the alignment share one embedding cache
        return analyze(path)
    except Exception as exc:  # unreadable, or a defect in a stage: one line, not a traceback
        _exit(failure_line(name, exc))


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


def _exit(message: str, code: int = 1):
    error_line(message)
    raise SystemExit(code)


def _item(ref: dict) -> str:
    kind = KIND_LABELS.get(ref.get("kind"), ref.get("kind") or "")
    label = f"{ref['label']}. " if ref.get("label") else ""
    return f"[bold cyan]{kind}[/] {escape(label + (ref.get('text') or ''))}"


def render(result: dict, explain: bool = False) -> None:
    """The readable report: links, dropped promises, added plan items, coverage."""
    camp, plan = result["campaign"], result["plan"]
    head = f" — {escape(camp['head'])}" if camp.get("head") else ""
    console.print(f"[bold]Janji vs rencana[/]{head}: {escape(camp['source'].get('name', ''))} → "
                  f"{escape(plan['source'].get('name', ''))}")
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=explain)
    table.add_column("Janji kampanye", ratio=4)
    table.add_column("Butir rencana yang memuatnya", ratio=4)
    table.add_column("Kecocokan", min_width=9, no_wrap=True)
    table.add_column("Skor", justify="right", min_width=4, no_wrap=True)
    for link in result["links"]:
        plan_text = "\n".join(_item(p) for p in link["plan"])
        if explain:
            plan_text += f"\n[dim]{escape(link['why'])}[/]"
            ev = link.get("evidence") or {}
            if ev:
                plan_text += f"\n[dim]e5 {ev.get('e5_cosine'):.2f}, kata {ev.get('lexical_share'):.2f}, " \
                             f"bidang {ev.get('sector_overlap'):.2f}; peluang {ev.get('probability'):.2f} " \
                             f"(ambang {ev.get('threshold'):.2f})" + \
                             (f"; berikutnya: {escape(ev['runner_up']['text'][:60])} " \
                              f"({ev['runner_up']['probability']})" if ev.get("runner_up") else "") + "[/]"
        table.add_row(_item(link["campaign"]), plan_text, MATCH_LABELS.get(link["match"], link["match"]),
                      f"{link['score']:.2f}")
    console.print(table)
    if result["dropped"]:
        console.print("[bold red]Tidak dimuat rencana[/] (dropped):")
        for d in result["dropped"]:
            extra = ""
            if explain and d.get("evidence", {}).get("nearest"):
                ev = d["evidence"]
                extra = f" [dim](terdekat: {escape(ev['nearest'][:60])}, peluang {ev['probability']})[/]"
            console.print(f"  ✗ {_item(d)}{extra}")
    if result["added"]:
        console.print("[bold yellow]Ditambahkan rencana[/] (tidak dijanjikan):")
        for a in result["added"]:
            console.print(f"  + {_item(a)}")
    cov = result["coverage"]
    share = f" ({cov['carried'] / cov['campaign_items']:.0%})" if cov["campaign_items"] else ""
    console.print(f"Cakupan: {cov['carried']} dari {cov['campaign_items']} janji dimuat rencana{share}; "
                  f"{cov['dropped']} tidak dimuat; {len(result['added'])} butir rencana tambahan.")


@click.command()
@click.argument("campaign", required=False)
@click.argument("plan", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the janji-align/1 JSON instead of a table.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the janji-align/1 JSON to FILE.")
@click.option("--head", help="The pair whose promises are aligned (head, deputy or nickname), where the "
                             "campaign document speaks for several pairs.")
@click.option("--explain", is_flag=True, help="Show the evidence of each link (features, runner-up).")
@click.option("--region", help="From the store: the region (name, part of a name or code).")
@click.option("--year", type=int, help="From the store: election year or first year of the term (default: latest).")
@db_option
def align(campaign, plan, as_json, out, head, explain, region, year, db_url) -> None:
    """Align a campaign's promises with a plan (RPJMD): what it carries, drops and adds.

    CAMPAIGN and PLAN are documents in any format `janji analyze` reads, or janji/1
    JSON files. With --region (and --year) the winning or sitting pair's campaign
    documents and the region's plan of that term are taken from the store, and the
    result is stored for the portal and the API.

    Example:

        janji align visi-misi.pdf rpjmd.pdf --explain

        janji align kampanye.json rencana.json --json --out hasil.json

        janji align --region "Kabupaten Contoh" --year 2024
    """
    if region:
        if campaign or plan:
            raise click.UsageError("pakai CAMPAIGN PLAN atau --region, bukan keduanya")
        result, warnings = _from_store(db_url, region, year, head, explain)
    else:
        if year is not None:
            raise click.UsageError("--year hanya bersama --region")
        if not campaign or not plan:
            raise click.UsageError("perlu dua dokumen: CAMPAIGN PLAN (atau --region NAMA)")
        from janji.align import AlignError, default_aligner, mismatches

        aligner = default_aligner()
        c_doc, p_doc = read_document(campaign, aligner), read_document(plan, aligner)
        warnings = mismatches(c_doc, p_doc)
        try:
            result = aligner.align(c_doc, p_doc, head=head, explain=explain)
        except AlignError as exc:
            _exit(str(exc))
    for w in warnings:
        warning_line(w)
    if out is not None:
        from janji.files import write_text_atomic

        try:
            write_text_atomic(out, json.dumps(_public(result), ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            _exit(f"{out.name}: tidak dapat ditulis ({exc.strerror or exc})")
    if as_json:
        print_json(_public(result))
    elif out is None:
        render(result, explain)
    else:
        cov = result["coverage"]
        err_console.print(f"{out}: {cov['carried']} dari {cov['campaign_items']} janji dimuat rencana")


def _public(result: dict) -> dict:
    """The janji-align/1 object (the store's extra keys — ids, stored alignment — left out)."""
    return {k: v for k, v in result.items() if k != "store"}


def _from_store(db_url, region, year, head, explain):
    from janji.align import AlignError
    from janji.store import NotFound
    from janji.store.align import align_region

    store = _open(db_url)
    try:
        result = align_region(store, region, year=year, head=head, explain=explain)
    except (NotFound, AlignError) as exc:
        _exit(str(exc))
    finally:
        store.close()
    return result, result.get("store", {}).get("warnings", [])


@click.command()
@click.option("--region", required=True, help="The region (name, part of a name or code).")
@click.option("--all", "force", is_flag=True, help="Scan every document again, not only when something changed.")
@db_option
@json_option
def suggest(region, force, db_url, as_json) -> None:
    """Propose evidence: sentences of a region's later documents that speak of its promises.

    The sitting pair's promises are compared with the region's reports, progress
    articles and speeches in the store; new documents give new proposals, and a
    proposal an editor rejected is never made again. Editors accept or reject
    them in the tracking screens (/pantau/wilayah/ID/saran).

    Example:

        janji suggest --region "Kabupaten Contoh" --json
    """
    from janji.store import NotFound
    from janji.store import suggest as store_suggest

    store = _open(db_url)
    try:
        summary = store_suggest.refresh(store, region, force=force)
        rows = store_suggest.suggestions(store, region_id=summary["region"]["id"], limit=None)
    except NotFound as exc:
        _exit(str(exc))
    finally:
        store.close()
    if as_json:
        print_json({"region": summary["region"], "scanned": summary["scanned"], "new": summary["new"],
                    "suggestions": rows})
        return
    reg = summary["region"]["name"]
    if summary["scanned"]:
        err_console.print(f"{escape(reg)}: {summary['promises']} janji dibandingkan dengan {summary['reports']} "
                          f"dokumen; {summary['new']} saran baru.")
    if not rows:
        console.print(f"Tidak ada saran bukti yang menunggu untuk {escape(reg)}.")
        return
    table = Table(title=f"Saran bukti menunggu keputusan — {escape(reg)}", show_lines=True, expand=True)
    table.add_column("ID", justify="right", no_wrap=True)
    table.add_column("Janji", ratio=3)
    table.add_column("Kalimat dokumen", ratio=4)
    table.add_column("Sumber", ratio=2)
    table.add_column("Skor", justify="right", no_wrap=True)
    for r in rows:
        source = (r["document"]["title"] or r["document"]["name"]) + (f" ({r['evidence_date']})" if r["evidence_date"] else "")
        table.add_row(str(r["id"]), escape(r["item"]["text"]), escape(r["text"]), escape(source), f"{r['score']:.2f}")
    console.print(table)
