"""The portal: FastAPI app with server-rendered pages (Jinja2, Bahasa Indonesia) and the JSON API.

Every page has a JSON twin under ``/api/v1`` and both call the same function
in :mod:`janji.web.queries` (Datasette's rule): a page is a template over the
exact data the API returns.

Example:

    from janji.web import create_app
    app = create_app(db_url="sqlite:///janji.db")   # then: uvicorn.run(app)
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Iterable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from janji import __version__
from janji.track import Tracker
from janji.track import settings as track_settings
from janji.web import api, auth, pages, track_api, track_pages, upload
from janji.web.direct import DirectReads
from janji.web.render import make_templates, render_error
from janji.web.security import DropEmptyParams, HeadAsGet, PublicShare, SecurityMiddleware, TrustedProxy

HERE = Path(__file__).resolve().parent

API_DESCRIPTION = """JSON API portal Janji: wilayah, pemilihan, pasangan calon, dokumen sumber, butir janji,
pencarian dan perbandingan. Setiap halaman portal punya kembaran JSON di sini. Daftar dipaginasi
(`page`, `per_page`); parameter yang tidak sah dijawab 422 dengan pesan."""


def worker_app() -> FastAPI:
    """The app of one worker process of ``janji serve --workers N``: the store at ``$JANJI_DATABASE_URL``,
    writable if ``$JANJI_WEB_WRITABLE`` is set, the tracking settings from the environment."""
    import os

    from janji.redact import install_log_filter

    install_log_filter()  # this process's log records too
    serving_process()
    return create_app(db_url=os.environ["JANJI_DATABASE_URL"], writable=bool(os.environ.get("JANJI_WEB_WRITABLE")))


SWITCH_INTERVAL = 0.001


def serving_process() -> None:
    """Settings of a process that serves the portal. A thread back from the database waits for the interpreter
    lock until the running thread gives it up (every 5 ms by default); a write does a dozen statements while
    it holds SQLite's write lock or PostgreSQL's tally rows, so every other writer waited those pauses too.
    Handing the lock over every millisecond shortens that: in alternating runs of bench/track.py on SQLite,
    about a third more writes per second and the write p95 from 1.2 s to 0.75 s, reads unchanged."""
    import sys

    sys.setswitchinterval(SWITCH_INTERVAL)


def create_app(store=None, *, db_url: str | None = None, writable: bool = False,
               trusted_proxies: Iterable[str] | str | None = None, settings=None) -> FastAPI:
    """Build the portal over ``store`` (a :class:`janji.store.Store`) or the store at ``db_url``.

    ``writable`` lets uploads be saved into the store (``janji demo`` turns it
    on; a public ``janji serve`` keeps it off unless asked), otherwise an
    upload is analysed and shown but not kept. ``trusted_proxies`` (addresses
    or networks; default ``$JANJI_TRUSTED_PROXIES``) are the reverse proxies
    whose ``X-Forwarded-Proto``/``X-Forwarded-For`` are believed: behind one
    that terminates HTTPS, cookies are Secure and HSTS is sent, and login
    throttling and proposal limits count the visitor's address. It replaces
    that one value of the tracking ``settings`` (a
    :class:`janji.track.settings.Settings`; default: read from the
    environment now, so a value that cannot be read fails here, once).
    """
    import dataclasses
    import os

    # many requests at once, each on one thread: numpy's BLAS (the comparison's similarity products) on
    # one thread each, not a pool per call that spins against the others (read when numpy loads)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    settings = settings if settings is not None else track_settings.load()
    if trusted_proxies is not None:
        settings = dataclasses.replace(settings, trusted_proxies=track_settings.parse_networks(
            trusted_proxies, "trusted_proxies"))
    if store is None:
        from janji.store import open_store

        store = open_store(db_url)
    app = FastAPI(title="Janji API", version=__version__, description=API_DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store = store
    app.state.writable = writable
    app.state.templates = make_templates()
    # analyses are CPU-bound and load models: one at a time keeps a 2-core server responsive
    app.state.analysis_lock = threading.Semaphore(1)
    app.state.tracker = Tracker(store, settings)

    # the public's reads share a few of the worker threads; editors and writes never queue behind them
    share = dict(limit=int(os.environ.get("JANJI_WEB_PUBLIC_THREADS", "8") or 0), session_cookie=auth.SESSION_COOKIE)
    # on PostgreSQL behind DirectReads: a read it answers awaits its stamp, and held a share meanwhile while the
    # others queued (reads/s 0.64x main's in an alternating run). On SQLite its reads never wait: in front of it as
    # before (no gain from the move could be measured there, docs/track.md)
    inner_share = store.dialect == "postgresql"
    if inner_share:
        app.add_middleware(PublicShare, **share)
    # the public tracking pages and JSON, the most read addresses, go straight to their endpoints
    app.add_middleware(DirectReads)
    # public evidence proposals over their rate limits are refused before their body is read
    app.add_middleware(track_pages.ProposalGate)
    # evidence files have their own limit (JANJI_EVIDENCE_MAX_MB), documents uploaded for analysis this one
    app.add_middleware(SecurityMiddleware, max_body=upload.MAX_UPLOAD_BYTES + 64 * 1024,
                       too_large_message=f"Berkas terlalu besar; batas {upload.limit_label()}.",
                       limit_for=lambda path: track_pages.body_limit(app, path))
    app.add_middleware(DropEmptyParams)
    if not inner_share:
        app.add_middleware(PublicShare, **share)
    app.add_middleware(HeadAsGet)
    # outermost: everything after sees the visitor's scheme and address (one setting: the tracker's)
    app.add_middleware(TrustedProxy, settings=lambda: auth.tracker_of(app).settings)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    for router in (api.router, pages.router,
                   track_pages.router,  # /pantau, /masuk, /akun, /admin
                   track_api.router):  # tracking's /api/v1 routes
        _add_routes(app, router)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError):
        errors = [_error_line(e) for e in exc.errors()]
        message = "; ".join(errors) or "permintaan tidak sah"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message, "errors": errors}, status_code=422)
        return render_error(request, 422, "Permintaan tidak sah", message)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "galat"
        detail = HTTP_DETAILS.get(detail, detail)  # Starlette's own English reason phrases
        headers = exc.headers
        if exc.status_code == 405:
            # Starlette names only the methods of the first route of the path; RFC 9110 wants all of them
            headers = {**(headers or {}), "Allow": ", ".join(_allowed_methods(request))}
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)
        titles = {404: "Tidak ditemukan", 405: "Metode tidak diizinkan", 413: "Berkas terlalu besar",
                  415: "Jenis berkas tidak didukung", 503: "Server sibuk"}
        response = render_error(request, exc.status_code, titles.get(exc.status_code, "Galat"), detail)
        if headers:
            response.headers.update(headers)
        return response

    return app


def _add_routes(app: FastAPI, router) -> None:
    """The routes of ``router`` as the app's own, in order. Its routes already carry their full path, tags
    and settings (the routers are included without options of their own), and ``app.include_router`` would
    instead wrap the router in a layer that FastAPI walks route by route, twice, on every request (about a
    tenth of the server's time per request under load); the OpenAPI document is the same."""
    app.router.routes.extend(router.routes)


METHOD_ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route of the app answers at this request's path (asked of the routes themselves,
    one method at a time, so routers included in routers count too)."""
    from starlette.routing import Match

    scope = {k: v for k, v in request.scope.items() if k not in ("endpoint", "path_params", "route")}
    found = {method for method in METHOD_ORDER
             if any(route.matches({**scope, "method": method})[0] == Match.FULL for route in request.app.router.routes)}
    if "GET" in found:
        found.add("HEAD")  # HeadAsGet answers it
    return [m for m in METHOD_ORDER if m in found]


HTTP_DETAILS = {
    "Not Found": "alamat ini tidak ada di portal",
    "Method Not Allowed": "metode permintaan ini tidak diizinkan di alamat ini",
    "Bad Request": "permintaan tidak sah",
    "Unauthorized": "perlu masuk terlebih dahulu",
    "Forbidden": "tidak diizinkan",
    "Request Entity Too Large": "permintaan terlalu besar",
    "Content Too Large": "permintaan terlalu besar",
    "Unsupported Media Type": "jenis isi tidak didukung",
    "Too Many Requests": "terlalu banyak permintaan; coba lagi nanti",
    "Internal Server Error": "galat di server",
    "Service Unavailable": "server sedang sibuk; coba lagi nanti",
}

MESSAGES = {
    "missing": "wajib diisi",
    "int_parsing": "harus bilangan bulat",
    "int_type": "harus bilangan bulat",
    "bool_parsing": "harus true atau false",
    "bool_type": "harus true atau false",
    "greater_than_equal": "paling kecil {ge}",
    "less_than_equal": "paling besar {le}",
    "string_pattern_mismatch": "tidak cocok dengan pola {pattern}",
    "string_too_long": "paling panjang {max_length} karakter",
    "enum": "harus salah satu dari {expected}",
    "literal_error": "harus salah satu dari {expected}",
    "int_from_float": "harus bilangan bulat",
    "float_parsing": "harus bilangan",
    "float_type": "harus bilangan",
    "greater_than": "harus lebih dari {gt}",
    "less_than": "harus kurang dari {lt}",
    "string_type": "harus teks",
    "string_too_short": "paling pendek {min_length} karakter",
    "too_short": "paling sedikit {min_length} butir",
    "too_long": "paling banyak {max_length} butir",
    "list_type": "harus berupa daftar",
    "dict_type": "harus berupa objek",
    "model_attributes_type": "harus berupa objek",
    "json_invalid": "JSON tidak sah",
    "json_type": "JSON tidak sah",
    "date_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_from_datetime_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_type": "harus tanggal (YYYY-MM-DD)",
    "datetime_parsing": "harus waktu (YYYY-MM-DDTHH:MM:SS)",
    "datetime_from_date_parsing": "harus waktu (YYYY-MM-DDTHH:MM:SS)",
    "datetime_type": "harus waktu (YYYY-MM-DDTHH:MM:SS)",
    "url_parsing": "harus alamat URL",
    "url_scheme": "harus alamat URL http atau https",
    "extra_forbidden": "tidak dikenal",
    "uuid_parsing": "harus UUID",
}


def _error_line(err: dict[str, Any]) -> str:
    """One validation error in Indonesian: "parameter 'page': paling kecil 1"."""
    where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
    template = MESSAGES.get(str(err.get("type")))
    try:
        msg = template.format(**(err.get("ctx") or {})).replace("' or '", "' atau '") if template \
            else _custom(err)
    except (KeyError, IndexError):
        msg = _custom(err)
    return f"parameter '{where}': {msg}" if where else msg


def _custom(err: dict[str, Any]) -> str:
    """A check pydantic has no Indonesian template for here: "tidak sah" rather than pydantic's English; a
    validator of ours (``value_error``) says its own Indonesian message."""
    error = (err.get("ctx") or {}).get("error") if err.get("type") == "value_error" else None
    return str(error) if error else "tidak sah"
