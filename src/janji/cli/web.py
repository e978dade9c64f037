"""`janji serve` and `janji demo`: the web portal and JSON API over a store."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import click

from janji.cli.common import console, error_line, warning_line

REPO_SEEDS = Path(__file__).resolve().parents[3] / "examples" / "seeds"


def _check_port(host: str, port: int) -> None:
    """Fail with one clear line, before loading anything, when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            error_line(f"tidak dapat memakai {host}:{port} ({exc.strerror or exc}); pilih --port lain")
            raise SystemExit(1) from None


def default_workers(url: str) -> int:
    """Worker processes a server runs by default: one per core (at most 4) where every process can open the
    store by its URL (a SQLite file or a server), one for a store that lives in this process's memory."""
    from sqlalchemy.engine import make_url

    from janji.store.db import normalise_url, sqlite_path

    if make_url(normalise_url(url)).get_backend_name() == "sqlite" and sqlite_path(url) is None:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def _run(store, host: str, port: int, writable: bool, settings, certfile: Path | None = None,
         keyfile: Path | None = None, workers: int | None = None) -> None:
    import uvicorn

    from janji.redact import install_log_filter
    from janji.web import create_app
    from janji.web.security import is_local

    workers = default_workers(store.url) if workers is None else workers
    if workers > 1:
        # every worker process builds the same app from the environment (janji.web.app.worker_app)
        os.environ["JANJI_DATABASE_URL"] = store.url
        os.environ["JANJI_WEB_WRITABLE"] = "1" if writable else ""
        os.environ["JANJI_TRUSTED_PROXIES"] = " ".join(str(n) for n in settings.trusted_proxies)
        store.close()
        app = "janji.web.app:worker_app"
    else:
        app = create_app(store, writable=writable, settings=settings)
    scheme = "https" if certfile else "http"
    shown = f"[{host}]" if ":" in host else host
    console.print(f"Portal Janji berjalan di [bold]{scheme}://{shown}:{port}/[/] — API: {scheme}://{shown}:{port}/api/docs "
                  "(Ctrl+C untuk berhenti)", highlight=False, soft_wrap=True)
    if not certfile and not settings.trusted_proxies and not is_local(host):
        warning_line(f"portal melayani {host} lewat http biasa: kata sandi dan cookie sesi lewat jaringan tanpa "
                     "enkripsi (cookie tidak ditandai Secure agar tetap bisa masuk). Pasang di belakang proxy HTTPS "
                     "(--trusted-proxy ALAMAT_PROXY) atau pakai --ssl-certfile dan --ssl-keyfile.")
    # no access log: at level warning it printed nothing, yet every response still formatted its line's parts
    options = dict(host=host, port=port, log_level="warning", access_log=False, proxy_headers=False,
                   server_header=False,
                   ssl_certfile=str(certfile) if certfile else None, ssl_keyfile=str(keyfile) if keyfile else None)
    if workers > 1:
        install_log_filter()  # this process's records; each worker installs its own (worker_app)
        uvicorn.run(app, factory=True, workers=workers, **options)
        return
    from janji.web.app import serving_process

    serving_process()
    config = uvicorn.Config(app, **options)
    install_log_filter()  # after uvicorn configured its logging: no database password in a log line
    uvicorn.Server(config).run()


def _https_options(fn):
    """--trusted-proxy, --ssl-certfile, --ssl-keyfile (serve and demo)."""
    fn = click.option("--ssl-keyfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                      help="Private key of --ssl-certfile.")(fn)
    fn = click.option("--ssl-certfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                      help="Serve HTTPS with this certificate (PEM); cookies are then Secure and HSTS is sent.")(fn)
    fn = click.option("--trusted-proxy", "proxies", multiple=True, metavar="ADDRESS",
                      help="A reverse proxy (address or network, repeatable; default: $JANJI_TRUSTED_PROXIES) whose "
                           "X-Forwarded-Proto and X-Forwarded-For are believed. Behind a proxy that terminates HTTPS, "
                           "cookies are then Secure and HSTS is sent; login throttling and proposal limits count "
                           "the visitor's address; from anyone else these headers are ignored.")(fn)
    return fn


def _workers_option(fn):
    return click.option("--workers", type=click.IntRange(1, 64), envvar="JANJI_WEB_WORKERS", show_envvar=True,
                        help="Server processes (default: one per core, at most 4; 1 for an in-memory store). "
                             "They share the store, its sessions and its limits.")(fn)


def _settings(proxies):
    """The tracking settings (janji.track.settings) from the environment, --trusted-proxy (when given) in place
    of JANJI_TRUSTED_PROXIES: the one value the proxy middleware, throttling and cookies all read. A value that
    cannot be read ends the command now with one line naming it (exit 1 for a variable, 2 for an option)."""
    import dataclasses

    from janji.track.settings import SettingError, load, parse_networks

    try:
        settings = load()  # a limit that cannot be read stops the server now, with the variable's name
    except SettingError as exc:
        error_line(str(exc))
        raise SystemExit(1) from None
    if proxies:
        try:
            settings = dataclasses.replace(settings, trusted_proxies=parse_networks(proxies, "--trusted-proxy"))
        except SettingError as exc:
            error_line(str(exc))
            raise SystemExit(2) from None
    return settings


def _check_tls(certfile: Path | None, keyfile: Path | None, proxies):
    """Wrong HTTPS options or settings end the command before anything is loaded; returns the settings."""
    if bool(certfile) != bool(keyfile):
        error_line("--ssl-certfile dan --ssl-keyfile harus diberikan bersama")
        raise SystemExit(2)
    return _settings(proxies)


def _open(db: str | None, create: bool = False):
    from janji.errors import JanjiError
    from janji.redact import redact_url, remember
    from janji.store import default_url, open_store

    remember(db or default_url())
    try:
        return open_store(db, create=create)
    except JanjiError as exc:
        error_line(str(exc))
        raise SystemExit(1) from None
    except Exception as exc:  # a wrong URL or an unreachable server: one line, not a traceback
        reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
        error_line(f"basis data tidak dapat dibuka ({redact_url(db) if db else 'bawaan'}): {reason}")
        raise SystemExit(1) from None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), envvar="JANJI_PORT",
              show_envvar=True, help="Port.")
@click.option("--db", "db", help="Store URL or SQLite path (default: JANJI_DATABASE_URL, else the user's store).")
@click.option("--writable", is_flag=True, help="Let visitors save uploads into the store (off: uploads are only analysed).")
@_workers_option
@_https_options
def serve(host: str, port: int, db: str | None, writable: bool, workers: int | None, proxies: tuple[str, ...],
          ssl_certfile: Path | None, ssl_keyfile: Path | None) -> None:
    """Serve the web portal and the JSON API (/api/v1, docs at /api/docs) over a store.

    On an address other than this machine's, serve it over HTTPS: behind a
    reverse proxy that terminates TLS (name it with --trusted-proxy) or with
    --ssl-certfile/--ssl-keyfile. Over plain http it still works (cookies are
    then not Secure) and says so at start-up.

    Example:

        janji serve --db sqlite:///korpus.db --port 8080

        janji serve --host 0.0.0.0 --trusted-proxy 127.0.0.1
    """
    settings = _check_tls(ssl_certfile, ssl_keyfile, proxies)
    _check_port(host, port)
    _run(_open(db), host, port, writable, settings, ssl_certfile, ssl_keyfile, workers)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), envvar="JANJI_PORT",
              show_envvar=True, help="Port.")
@click.option("--db", "db", help="Store to fill (default: a demo SQLite file in the user's data directory).")
@click.option("--seeds", "seeds", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of documents to ingest first (default: the project's examples/seeds).")
@_workers_option
@_https_options
def demo(host: str, port: int, db: str | None, seeds: Path | None, workers: int | None = None,
         proxies: tuple[str, ...] = (), ssl_certfile: Path | None = None, ssl_keyfile: Path | None = None) -> None:
    """Ingest the seed documents into the embedded store and start the portal.

    Example:

        janji demo            # then open the address it prints
    """
    from platformdirs import user_data_dir

    from janji.cli.analyze import iter_inputs

    settings = _check_tls(ssl_certfile, ssl_keyfile, proxies)
    _check_port(host, port)
    if db is None:
        db = f"sqlite:///{Path(user_data_dir('janji', appauthor=False)) / 'demo.db'}"
    seeds = seeds or (REPO_SEEDS if REPO_SEEDS.is_dir() else Path("examples/seeds"))
    store = _open(db, create=True)
    files = list(iter_inputs([str(seeds)])) if seeds.is_dir() else []
    if not files:
        warning_line(f"tidak ada dokumen contoh di {seeds}; portal dimulai dengan isi basis data yang ada")
    with console.status("Menganalisis dokumen contoh …"):
        summary = store.ingest_many(files)
    for result in summary.results:
        if result.status == "failed":
            warning_line(f"{result.name}: {result.reason}")
    console.print(f"{summary.count('added')} dokumen baru, {summary.count('unchanged')} sudah ada, "
                  f"{summary.count('failed')} gagal — basis data: {store.name}", highlight=False)
    _run(store, host, port, True, settings, ssl_certfile, ssl_keyfile, workers)
