"""ASGI middleware: security headers on every response, and a body-size cap on uploads.

Written as plain ASGI (not ``BaseHTTPMiddleware``) because it wraps every
request, including the benchmarked ones, and must not buffer responses.
"""
from __future__ import annotations

import html
import json

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class BodyTooLarge(Exception):
    pass


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

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if h[0].lower() not in {k for k, _ in HEADERS}]
                message = {**message, "headers": headers + HEADERS}
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
