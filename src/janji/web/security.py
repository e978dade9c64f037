"""ASGI middleware: security headers on every response, a body-size cap on uploads, and the word of a
trusted reverse proxy about the scheme and the visitor's address.

Written as plain ASGI (not ``BaseHTTPMiddleware``) because it wraps every
request, including the benchmarked ones, and must not buffer responses.

- Every response: CSP, nosniff, referrer policy, frame denial, permissions policy.
- Over HTTPS: ``Strict-Transport-Security`` (browsers then never try plain http for a year).
- Account, admin and tracking pages, and any response to a signed-in visitor or an API token:
  ``Cache-Control: no-store`` — a shared computer's back button or a proxy cache must not show
  them to the next person.
- ``X-Forwarded-Proto``/``X-Forwarded-For`` are believed only from the proxies of the one setting
  ``Settings.trusted_proxies`` (:mod:`janji.track.settings`: ``JANJI_TRUSTED_PROXIES``, or
  ``janji serve --trusted-proxy``); from anyone else they are ignored, so a visitor cannot claim HTTPS
  or another address. :func:`forwarded` is the only place that reads them: everything after it (cookies'
  Secure flag, HSTS, login throttling, proposal limits, the audit log) sees the visitor's scheme and
  address in the request itself.
"""
from __future__ import annotations

import html
import ipaddress
import json
from typing import Callable

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


HSTS = (b"strict-transport-security", b"max-age=31536000")
NO_STORE = (b"cache-control", b"no-store")
# pages that show or change an account's data: never cached (the tracking pages render the signed-in
# editor's controls, /unggah carries a form token)
PRIVATE_PREFIXES = ("/masuk", "/keluar", "/akun", "/admin", "/pantau", "/unggah")
SESSION_COOKIE = b"janji_sesi"  # janji.web.auth.SESSION_COOKIE
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


class BodyTooLarge(Exception):
    pass


def _private(scope) -> bool:
    path = scope.get("path", "")
    if any(path == p or path.startswith(p + "/") or path.startswith(p + ".") for p in PRIVATE_PREFIXES):
        return True
    for key, value in scope.get("headers", []):
        if key == b"authorization" or (key == b"cookie" and SESSION_COOKIE + b"=" in value):
            return True
    return False


class SecurityMiddleware:
    """Adds :data:`HEADERS` to every response; refuses request bodies over ``max_body`` bytes with 413.

    ``limit_for(path)``, if given, may return another ``(bytes, message, back_url)`` for a path (the
    tracking forms, whose evidence files have their own limit), or None for the default."""

    def __init__(self, app, max_body: int, too_large_message: str, limit_for=None):
        self.app = app
        self.max_body = max_body
        self.message = too_large_message
        self.limit_for = limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        extra = list(HEADERS)
        if scope.get("scheme") == "https":
            extra.append(HSTS)
        if _private(scope):
            extra.append(NO_STORE)
        replaced = {k for k, _ in extra}

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if h[0].lower() not in replaced]
                message = {**message, "headers": headers + extra}
            await send(message)

        max_body, message, back = self.max_body, self.message, "/unggah"
        special = self.limit_for(scope.get("path", "")) if self.limit_for is not None else None
        if special is not None:
            max_body, message, back = special
        length = None
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = None
        if length is not None and length > max_body:
            await self._refuse(scope, send_with_headers, message, back)
            return

        seen = 0

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_body:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send_with_headers, message, back)

    async def _refuse(self, scope, send, message: str, back: str):
        path = scope.get("path", "")
        if path.startswith("/api/"):
            body = json.dumps({"detail": message}, ensure_ascii=False).encode()
            ctype = b"application/json"
        else:
            label = "Kembali ke unggah" if back == "/unggah" else "Kembali ke formulir"
            body = ("<!doctype html><html lang=id><meta charset=utf-8><title>Berkas terlalu besar</title>"
                    f"<link rel=stylesheet href=/static/janji.css><main class=wrap><h1>Berkas terlalu besar</h1>"
                    f"<p class=error>{html.escape(message)}</p><p><a href=\"{html.escape(back)}\">{label}</a></p>"
                    "</main>").encode()
            ctype = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class DropEmptyParams:
    """Drop ``name=`` (empty) query parameters on pages.

    A filter form submits every ``<select>``, and "semua" is the empty value:
    ``/cari?q=air&region=&sector=`` means "no region filter", not an invalid
    region. The API keeps strict validation (an empty ``region`` there is a 422).
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("query_string") and not scope.get("path", "").startswith("/api/"):
            parts = [p for p in scope["query_string"].split(b"&") if p and not p.endswith(b"=")]
            scope = {**scope, "query_string": b"&".join(parts)}
        await self.app(scope, receive, send)


class HeadAsGet:
    """Answer ``HEAD`` like ``GET`` without the body (link checkers and ``curl -I`` use it)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message):
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def _ip(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def forwarded(trusts: Callable[[str | None], bool], peer: str | None, headers) -> dict:
    """What a trusted proxy says about the request: ``{"scheme": ..., "client": (address, 0)}`` (either may be
    missing), or ``{}`` when the TCP ``peer`` is not a trusted proxy (``trusts``, i.e.
    :meth:`janji.track.settings.Settings.trusts`) or it said nothing usable.

    ``X-Forwarded-For`` is read from the right, skipping trusted proxies: the left part is the visitor's to
    write, so only the hops our own proxies appended are believed; the first other address is the visitor.
    Text that is no address stops the walk at the last address a proxy vouched for. ``X-Forwarded-Proto``:
    the last value (the one our proxy wrote) wins."""
    if not trusts(peer):
        return {}
    protos, hops = [], []
    for key, value in headers:
        if key == b"x-forwarded-proto":
            protos += [p.strip().lower() for p in value.decode("latin-1").split(",") if p.strip()]
        elif key == b"x-forwarded-for":
            hops += [h.strip() for h in value.decode("latin-1").split(",") if h.strip()]
    changes: dict = {}
    if protos and protos[-1] in ("http", "https"):
        changes["scheme"] = protos[-1]
    found = peer
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:
            break
        found = str(ip)
        if not trusts(found):
            break
    if found != peer:
        changes["client"] = (found, 0)
    return changes


class TrustedProxy:
    """Applies :func:`forwarded` to every request: behind a trusted proxy the request's scheme and client
    address are the visitor's, not the proxy's. ``settings()`` gives the current
    :class:`janji.track.settings.Settings` (the app's tracker's); without trusted proxies this does nothing."""

    def __init__(self, app, settings: Callable):
        self.app = app
        self.settings = settings

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            settings = self.settings()
            client = scope.get("client")
            if settings.trusted_proxies and client:
                changes = forwarded(settings.trusts, client[0], scope.get("headers", []))
                if "scheme" in changes and scope["type"] == "websocket":
                    changes["scheme"] = "wss" if changes["scheme"] == "https" else "ws"
                if changes:
                    scope = {**scope, **changes}
        await self.app(scope, receive, send)


def is_local(host: str) -> bool:
    """Whether ``janji serve --host`` listens only on this machine."""
    if host in LOOPBACK_HOSTS:
        return True
    ip = _ip(host)
    return ip is not None and ip.is_loopback


def cross_site(request) -> bool:
    """Whether a browser sent this request from a page of another site (``Sec-Fetch-Site``, else ``Origin``).
    Scripts and servers send neither and are not affected."""
    site = request.headers.get("sec-fetch-site")
    if site:
        return site.lower() not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin:
        return origin.lower() != f"{request.url.scheme}://{request.url.netloc}".lower()
    return False


class PublicShare:
    """At most ``limit`` anonymous reads inside the app at once (per worker process); the others wait here,
    in order of arrival.

    The app runs its pages on a pool of 40 threads. Under a flood of public reads every thread is busy with
    one, and an editor's save — or the read that precedes it — waits behind the whole queue, then crawls
    while 40 threads share one interpreter lock, holding SQLite's single write lock meanwhile. Reads without
    an API token or a session cookie (the public's) get ``limit`` threads, enough to keep the cores busy;
    signed-in people, API tokens and every other method (writes) pass straight through.
    """

    def __init__(self, app, limit: int = 8, session_cookie: str = "janji_sesi"):
        self.app = app
        self.limit = limit
        self.cookie = session_cookie.encode() + b"="
        self.gate = None

    def _public(self, scope) -> bool:
        if scope["method"] not in ("GET", "HEAD"):
            return False
        for name, value in scope["headers"]:
            if name == b"authorization" or (name == b"cookie" and self.cookie in value):
                return False
        return True

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.limit <= 0 or not self._public(scope):
            await self.app(scope, receive, send)
            return
        if self.gate is None:
            import asyncio

            self.gate = asyncio.Semaphore(self.limit)
        async with self.gate:
            await self.app(scope, receive, send)
