"""ASGI middleware: security headers on every response, a body-size cap on uploads, and the word of a
trusted reverse proxy about the scheme and the visitor's address.

Written as plain ASGI (not ``BaseHTTPMiddleware``) because it wraps every
request, including the benchmarked ones, and must not buffer responses.

- Every response: CSP, nosniff, referrer policy, frame denial, permissions policy.
- Over HTTPS: ``Strict-Transport-Security`` (browsers then never try plain http for a year).
- Account, admin and tracking pages, and any response to a signed-in visitor or an API token:
  ``Cache-Control: no-store`` — a shared computer's back button or a proxy cache must not show
  them to the next person.
- ``X-Forwarded-Proto``/``X-Forwarded-For`` are believed only from the proxies named in
  ``trusted_proxies`` (``janji serve --trusted-proxy``, ``JANJI_TRUSTED_PROXIES``); from anyone
  else they are ignored, so a visitor cannot claim HTTPS or another address.
"""
from __future__ import annotations

import ipaddress
import json
import os
from typing import Iterable

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
SESSION_COOKIE = b"janji_sesi"  # janji.track.auth.SESSION_COOKIE
TRUSTED_PROXIES_ENV = "JANJI_TRUSTED_PROXIES"
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
    """Adds :data:`HEADERS` to every response; refuses request bodies over ``max_body`` bytes with 413."""

    def __init__(self, app, max_body: int, too_large_message: str):
        self.app = app
        self.max_body = max_body
        self.message = too_large_message

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

        length = None
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = None
        if length is not None and length > self.max_body:
            await self._refuse(scope, send_with_headers)
            return

        seen = 0

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send_with_headers)

    async def _refuse(self, scope, send):
        path = scope.get("path", "")
        if path.startswith("/api/"):
            body = json.dumps({"detail": self.message}, ensure_ascii=False).encode()
            ctype = b"application/json"
        else:
            body = ("<!doctype html><html lang=id><meta charset=utf-8><title>Berkas terlalu besar</title>"
                    f"<link rel=stylesheet href=/static/janji.css><main class=wrap><h1>Berkas terlalu besar</h1>"
                    f"<p class=error>{self.message}</p><p><a href=/unggah>Kembali ke unggah</a></p></main>").encode()
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


def parse_proxies(values: Iterable[str] | str | None) -> list:
    """Addresses or networks (``10.0.0.5``, ``10.0.0.0/8``, ``::1``) from options or a comma/space separated
    string; raises ValueError naming a value that is neither."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out = []
    for value in values:
        for part in str(value).replace(",", " ").split():
            try:
                out.append(ipaddress.ip_network(part, strict=False))
            except ValueError:
                raise ValueError(f"alamat proxy tepercaya tidak sah: {part!r} (contoh: 127.0.0.1 atau 10.0.0.0/8)") \
                    from None
    return out


def trusted_from_env() -> list:
    return parse_proxies(os.environ.get(TRUSTED_PROXIES_ENV, ""))


def _ip(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


class TrustedProxy:
    """Believe ``X-Forwarded-Proto`` and ``X-Forwarded-For`` only when the connection comes from a trusted
    proxy: then the request's scheme (cookies' Secure flag, HSTS) and client address (logs, throttling) are
    the visitor's, not the proxy's. Without trusted proxies this does nothing."""

    def __init__(self, app, trusted: list):
        self.app = app
        self.trusted = list(trusted)

    def _trusted(self, host: str | None) -> bool:
        ip = _ip(host or "")
        return ip is not None and any(ip in net for net in self.trusted)

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket") and self.trusted:
            client = scope.get("client")
            if client and self._trusted(client[0]):
                headers = {}
                for key, value in scope.get("headers", []):
                    if key in (b"x-forwarded-proto", b"x-forwarded-for"):
                        prev = headers.get(key)
                        headers[key] = (prev + "," if prev else "") + value.decode("latin-1")
                changes = {}
                proto = headers.get(b"x-forwarded-proto")
                if proto:
                    # the last hop is the proxy we trust; what it says wins
                    value = proto.split(",")[-1].strip().lower()
                    if value in ("http", "https"):
                        changes["scheme"] = value if scope["type"] == "http" else ("wss" if value == "https" else "ws")
                forwarded = headers.get(b"x-forwarded-for")
                if forwarded:
                    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
                    # from the right: skip our own proxies; the first other address is the visitor
                    visitor = next((h for h in reversed(hops) if not self._trusted(h)), hops[0] if hops else None)
                    if visitor and _ip(visitor) is not None:
                        changes["client"] = (str(_ip(visitor)), 0)
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
