"""Who is asking: signed session cookies, CSRF tokens, API tokens.

- Session: a cookie signed with itsdangerous holding the account id and its
  *session epoch* (disabling an account or changing its password/role bumps
  the epoch, which ends every open session). HttpOnly, SameSite=Lax, 12 hours;
  Secure when the request came over HTTPS (directly, or through a trusted
  proxy's ``X-Forwarded-Proto``, see :mod:`janji.web.security`). Over plain
  http a Secure cookie would be dropped by the browser and nobody could log in;
  ``janji serve`` warns at start-up when it listens beyond this machine
  without HTTPS.
- CSRF: every form carries an HMAC of a random per-browser cookie
  (``janji_csrf``, HttpOnly); a POST whose token does not match is refused.
  Anonymous forms (evidence proposals, login) are protected the same way.
- API: ``Authorization: Bearer jnj_…`` tokens (hashed at rest); the API never
  reads the session cookie, so it needs no CSRF token.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from janji.track.service import PUBLIC, Actor, Tracker

SESSION_COOKIE = "janji_sesi"
CSRF_COOKIE = "janji_csrf"
SESSION_AGE = 12 * 3600


def tracker(request: Request) -> Tracker:
    app = request.app
    t = getattr(app.state, "tracker", None)
    if t is None:
        t = app.state.tracker = Tracker(app.state.store)
    return t


def _serializer(request: Request) -> URLSafeTimedSerializer:
    app = request.app
    s = getattr(app.state, "track_serializer", None)
    if s is None:
        s = app.state.track_serializer = URLSafeTimedSerializer(tracker(request).secret_key(), salt="janji-sesi")
    return s


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def secure_cookies(request: Request) -> bool:
    """Mark cookies Secure exactly when the browser speaks HTTPS to us (a trusted proxy's word included)."""
    return request.url.scheme == "https"


def current_actor(request: Request) -> Actor:
    """The logged-in account of a page request, else :data:`PUBLIC` (cached on the request)."""
    cached = getattr(request.state, "track_actor", None)
    if cached is not None:
        return cached
    actor = PUBLIC
    raw = request.cookies.get(SESSION_COOKIE)
    if raw:
        try:
            data = _serializer(request).loads(raw, max_age=SESSION_AGE)
            found = tracker(request).actor(int(data["u"]), epoch=int(data["e"]), ip=client_ip(request))
            if found is not None:
                actor = found
        except (BadSignature, KeyError, TypeError, ValueError):
            pass
    if actor is PUBLIC:
        actor = Actor(None, PUBLIC.username, PUBLIC.name, "public", ip=client_ip(request))
    request.state.track_actor = actor
    return actor


def token_actor(request: Request) -> Actor | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return tracker(request).token_actor(token.strip(), ip=client_ip(request))


def set_session(request: Request, response, user_id: int, epoch: int) -> None:
    value = _serializer(request).dumps({"u": user_id, "e": epoch})
    response.set_cookie(SESSION_COOKIE, value, max_age=SESSION_AGE, httponly=True, samesite="lax",
                        secure=secure_cookies(request), path="/")
    # a new session gets a new CSRF secret: a token seen before login is worthless after it
    _set_csrf_cookie(request, response, secrets.token_urlsafe(32))


def clear_session(request: Request, response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure_cookies(request))


def _set_csrf_cookie(request: Request, response, raw: str) -> None:
    response.set_cookie(CSRF_COOKIE, raw, httponly=True, samesite="lax", secure=secure_cookies(request), path="/")


def _mac(request: Request, raw: str) -> str:
    key = tracker(request).secret_key().encode()
    return hmac.new(key, b"csrf|" + raw.encode(), hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The token to put in a form; creates the browser's CSRF cookie on first use (set by :func:`finish`)."""
    raw = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not raw or len(raw) > 100:
        raw = secrets.token_urlsafe(32)
        request.state.new_csrf = raw
    return _mac(request, raw)


NO_COOKIE = ("Cookie sesi tidak diterima browser Anda, jadi formulir ini tidak dapat diperiksa. Izinkan cookie "
             "untuk situs ini (dan buka portal dengan alamat yang sama, http atau https, seperti yang diberikan "
             "server), lalu muat ulang halaman dan kirim lagi.")
BAD_TOKEN = "Formulir kedaluwarsa atau tidak sah (token CSRF). Muat ulang halaman lalu kirim lagi."


def csrf_problem(request: Request, token: str | None) -> str | None:
    """Why a form POST is refused (a message for the visitor), or None if its token is good. A missing
    cookie is said as such: it is what a browser that dropped the cookie (blocked, or Secure over http)
    sends, and "token kedaluwarsa" would send the visitor looking in the wrong place."""
    if not request.cookies.get(CSRF_COOKIE):
        return NO_COOKIE
    if not csrf_ok(request, token):
        return BAD_TOKEN
    return None


def csrf_ok(request: Request, token: str | None) -> bool:
    raw = request.cookies.get(CSRF_COOKIE)
    if not raw or not token or len(raw) > 100:
        return False
    return hmac.compare_digest(_mac(request, raw), str(token))


def finish(request: Request, response):
    """Set the CSRF cookie on a response if this request created one."""
    raw = getattr(request.state, "new_csrf", None)
    if raw:
        _set_csrf_cookie(request, response, raw)
    return response
