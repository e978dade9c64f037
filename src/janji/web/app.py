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
from urllib.parse import urlencode
from pathlib import Path
from typing import Any, Iterable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from janji import __version__
from janji.data import labels
from janji.web import charts, times, upload, views
from janji.web.security import DropEmptyParams, HeadAsGet, SecurityMiddleware, TrustedProxy

HERE = Path(__file__).resolve().parent

API_DESCRIPTION = """JSON API portal Janji: wilayah, pemilihan, pasangan calon, dokumen sumber, butir janji,
pencarian dan perbandingan. Setiap halaman portal punya kembaran JSON di sini. Daftar dipaginasi
(`page`, `per_page`); parameter yang tidak sah dijawab 422 dengan pesan."""


def make_templates() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html", "xml", "svg"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(kind_label=labels.kind_label, sector_name=labels.sector_name, sdg_name=labels.sdg_name,
                       KIND_LABELS=labels.KIND_LABELS, DOCUMENT_KIND_LABELS=labels.DOCUMENT_KIND_LABELS,
                       version=__version__, upload_limit=upload.limit_label(),
                       bar_chart=charts.bar_chart, urlencode=urlencode, source_label=views.source_label,
                       zone_of=times.zone_of)
    env.filters["pct"] = lambda v: "–" if v is None else f"{v * 100:.0f}%"
    env.filters["waktu"] = _time_html  # "6 Desember 2026 19.30 WIB" in a <time datetime=…>
    env.filters["tanggal"] = lambda v, zone=times.DEFAULT_ZONE: _time_html(v, zone, day=True)
    env.filters["num"] = _num
    env.filters["http_url"] = _http_url
    return env


def _time_html(value: Any, zone: str = times.DEFAULT_ZONE, day: bool = False) -> Markup | str:
    """A stored time as people read it, in the zone given (see :mod:`janji.web.times`), inside
    ``<time datetime="ISO">`` so that machines still read the exact value."""
    zone = zone if isinstance(zone, str) and zone in times.OFFSETS else times.DEFAULT_ZONE  # also Undefined
    text = times.tanggal(value, zone) if day else times.waktu(value, zone)
    iso = times.machine(value)
    if not text or not iso:
        return text
    return Markup('<time datetime="{}">{}</time>').format(iso, text)


def _http_url(value: Any) -> str | None:
    """A source URL fit for a link: http(s) only (a stored ``javascript:`` URL must never become a link)."""
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def _num(value: Any) -> str:
    """Indonesian number format: 10000 -> '10.000', 166.2 -> '166,2'."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.2f}".rstrip("0").split(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


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

    from janji.track import settings as track_settings

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
    from janji.track import auth
    from janji.track.service import Tracker
    from janji.track.web import ProposalGate, body_limit

    app.state.tracker = Tracker(store, settings)

    # public evidence proposals over their rate limits are refused before their body is read
    app.add_middleware(ProposalGate)
    # evidence files have their own limit (JANJI_EVIDENCE_MAX_MB), documents uploaded for analysis this one
    app.add_middleware(SecurityMiddleware, max_body=upload.MAX_UPLOAD_BYTES + 64 * 1024,
                       too_large_message=f"Berkas terlalu besar; batas {upload.limit_label()}.",
                       limit_for=lambda path: body_limit(app, path))
    app.add_middleware(DropEmptyParams)
    app.add_middleware(HeadAsGet)
    # outermost: everything after sees the visitor's scheme and address (one setting: the tracker's)
    app.add_middleware(TrustedProxy, settings=lambda: auth.tracker_of(app).settings)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from janji.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    from janji.track.web import routes as track_routes  # issue 7: /pantau, /masuk, /admin, tracking API
    app.include_router(track_routes)

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


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    env: Environment = request.app.state.templates
    if "actor" not in context:
        # the top navigation says who is signed in (else it offers "Masuk") on every page, not only tracking's
        from janji.track.auth import current_actor

        context = {**context, "actor": current_actor(request)}
    html = env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)


def render_error(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return render(request, "error.html", {"title": title, "message": message, "status": status}, status)
