"""`janji user add|list|disable|enable|role|password|token` and `janji track export|import|review`.

Thin over :class:`janji.track.Tracker`; every change is written to the audit log
as done by "cli". ``--db`` as for the store commands.

Example:

    janji user add rina --role editor --region "Kota Bandung" --db janji.db   # asks for the password
    janji track export "Kota Bandung" -o bandung.xlsx
    janji track import bandung.xlsx --as rina          # nothing applied if a row is wrong …
    janji track import bandung.xlsx --as rina --force  # … unless asked
"""
from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from janji.cli.common import console, err_console, error_line, print_json
from janji.cli.store import _open, db_option, json_option


def _tracker(db_url):
    from janji.track import Tracker

    return Tracker(_open(db_url))


def _fail(exc) -> None:
    error_line(getattr(exc, "message", None) or str(exc))
    raise SystemExit(1)


def _regions(tracker, names: tuple[str, ...]) -> list[int]:
    from janji.store import NotFound

    out = []
    for name in names:
        try:
            out.append(tracker.store.resolve_region(int(name) if name.isdigit() else name)["id"])
        except NotFound as exc:
            _fail(exc)
    return out


def _check_account_regions(tracker, names: tuple[str, ...]) -> None:
    """Fail before any password is asked if a region is neither in the store nor in the reference table."""
    from janji.store import NotFound
    from janji.store.api import reference_region

    for name in names:
        try:
            tracker.store.resolve_region(int(name) if name.isdigit() else name)
        except NotFound as exc:
            if name.isdigit():
                _fail(exc)
            try:
                reference_region(name)
            except NotFound as ref_exc:
                _fail(ref_exc)


def _account_regions(tracker, names: tuple[str, ...]) -> list[int]:
    """Ids of the regions an account covers: any region of the store or of the reference table (added to the
    store), so that editors can be set up before the region's documents are stored."""
    from janji.store import NotFound

    out = []
    for name in names:
        try:
            out.append(tracker.store.ensure_region(int(name) if name.isdigit() else name)["id"])
        except NotFound as exc:
            _fail(exc)
    return out


@click.group()
def user() -> None:
    """Accounts of the tracker: admins, editors (per region) and reviewers."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "editor", "reviewer"]), required=True)
@click.option("--name", help="Display name (default: the username).")
@click.option("--region", "regions", multiple=True, help="Region name or id an editor/reviewer covers (repeatable).")
@click.option("--password", envvar="JANJI_NEW_PASSWORD", help="Password (default: asked; or $JANJI_NEW_PASSWORD).")
@db_option
@json_option
def user_add(username, role, name, regions, password, db_url, as_json) -> None:
    """Create an account (the password is hashed with argon2id)."""
    from janji.track import TrackError

    t = _tracker(db_url)
    # everything that can be checked is checked before the password is asked
    _check_account_regions(t, regions)
    try:
        t.user(username)
    except TrackError:
        pass
    else:
        _fail(ValueError(f"nama pengguna {username.strip().lower()!r} sudah dipakai"))
    if not password:
        password = click.prompt("Kata sandi", hide_input=True, confirmation_prompt=True, err=True)
    try:
        out = t.add_user(username, password, role=role, name=name, regions=_account_regions(t, regions))
    except TrackError as exc:
        _fail(exc)
    if as_json:
        print_json(out)
    else:
        console.print(f"akun [bold]{escape(out['username'])}[/] ({out['role']}) dibuat", highlight=False)


@user.command("list")
@db_option
@json_option
def user_list(db_url, as_json) -> None:
    """List accounts with their roles and regions."""
    t = _tracker(db_url)
    users = t.users()
    if as_json:
        print_json(users)
        return
    names = {r["id"]: r["name"] for r in t.store.regions()}
    table = Table(show_header=True)
    for col in ("id", "pengguna", "nama", "peran", "wilayah", "status"):
        table.add_column(col)
    for u in users:
        table.add_row(str(u["id"]), escape(u["username"]), escape(u["name"]), u["role"],
                      escape(", ".join(names.get(r, str(r)) for r in u["regions"])) or "–",
                      "[red]nonaktif[/]" if u["disabled"] else "aktif")
    console.print(table)


def _modify(db_url, username, **changes) -> None:
    from janji.track import TrackError

    t = _tracker(db_url)
    try:
        out = t.modify_user(username, **changes)
    except TrackError as exc:
        _fail(exc)
    console.print(f"akun [bold]{escape(out['username'])}[/]: peran {out['role']}, "
                  f"{'nonaktif' if out['disabled'] else 'aktif'}, wilayah {out['regions'] or '–'}", highlight=False)


@user.command("disable")
@click.argument("username")
@db_option
def user_disable(username, db_url) -> None:
    """Disable an account (its sessions end; its history stays)."""
    _modify(db_url, username, disabled=True)


@user.command("enable")
@click.argument("username")
@db_option
def user_enable(username, db_url) -> None:
    """Enable a disabled account again."""
    _modify(db_url, username, disabled=False)


@user.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(["admin", "editor", "reviewer"]))
@click.option("--region", "regions", multiple=True, help="Replace the account's regions (repeatable).")
@db_option
def user_role(username, role, regions, db_url) -> None:
    """Change an account's role (and, with --region, its regions)."""
    t = _tracker(db_url)
    _check_account_regions(t, regions)
    _modify(db_url, username, role=role, regions=_account_regions(t, regions) if regions else None)


@user.command("password")
@click.argument("username")
@click.option("--password", envvar="JANJI_NEW_PASSWORD", help="New password (default: asked).")
@db_option
def user_password(username, password, db_url) -> None:
    """Set a new password (ends the account's sessions)."""
    if not password:
        password = click.prompt("Kata sandi baru", hide_input=True, confirmation_prompt=True, err=True)
    _modify(db_url, username, password=password)


@click.group()
def track() -> None:
    """Promise tracking: export and bulk-import scorecards, review settings."""


@track.command("export")
@click.argument("region")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Output file: .csv or .xlsx.")
@db_option
def track_export(region, output, db_url) -> None:
    """Write a region's promises with status, progress and latest evidence (the import layout)."""
    from janji import sheets
    from janji.files import atomic_path
    from janji.track.service import EXPORT_COLUMNS

    t = _tracker(db_url)
    rid = _regions(t, (region,))[0]
    rows = t.export_rows(rid)
    fmt = "xlsx" if output.suffix.lower() == ".xlsx" else "csv"
    with atomic_path(output) as tmp:
        tmp.write_bytes(sheets.table_bytes(EXPORT_COLUMNS, ([r[c] for c in EXPORT_COLUMNS] for r in rows), fmt,
                                           "pantau"))
    err_console.print(f"{len(rows)} janji ditulis ke {escape(str(output))}", highlight=False)


@track.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--as", "username", required=True, help="The account the changes are made as (its rights apply).")
@click.option("--force", is_flag=True, help="Apply the valid rows even if other rows have errors.")
@db_option
@json_option
def track_import(path, username, force, db_url, as_json) -> None:
    """Bulk update from a CSV/XLSX in the export layout; per-row error report; all-or-nothing unless --force."""
    from janji.errors import InputError
    from janji.track import TrackError
    from janji.track.service import read_table

    t = _tracker(db_url)
    try:
        rows = read_table(path.name, path.read_bytes())
    except OSError as exc:
        _fail(InputError(str(path), exc.strerror or str(exc)))
    except InputError as exc:
        _fail(exc)
    try:
        who = t.user(username)
    except TrackError as exc:
        _fail(exc)
    actor = t.actor(who["id"])
    if actor is None:
        _fail(ValueError(f"akun {username} nonaktif"))
    report = t.import_rows(actor, rows, force=force, source=path.name)
    if as_json:
        print_json({k: v for k, v in report.items() if k != "entries"} | {"entries": len(report["entries"])})
    else:
        for e in report["errors"]:
            err_console.print(f"  [red]baris {e['row']}[/] (id_butir {escape(str(e['id_butir']))}): "
                              f"{escape(e['message'])}", highlight=False)
        verdict = "" if report["applied"] or not report["errors"] else " — tidak ada yang diterapkan (pakai --force)"
        err_console.print(f"{report['applied']} diterapkan, {report['unchanged']} tidak berubah, "
                          f"{len(report['errors'])} baris salah{verdict}", highlight=False)
    if report["errors"]:
        raise SystemExit(1)


@track.command("review")
@click.argument("region")
@click.option("--on/--off", "needs", default=True, help="Whether editors' changes in REGION need a reviewer.")
@db_option
def track_review(region, needs, db_url) -> None:
    """Turn review of editors' changes on or off for a region."""
    from janji.track.service import CLI

    t = _tracker(db_url)
    rid = _regions(t, (region,))[0]
    t.set_needs_review(CLI, rid, needs)
    console.print(f"wilayah {rid}: perubahan editor {'perlu tinjauan' if needs else 'langsung terbit'}")
