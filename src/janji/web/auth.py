"""Who is asking: signed session cookies, CSRF tokens, API tokens.

- Session: a cookie (signed with itsdangerous) holding a random token whose
  SHA-256 is a row of ``track_sessions``. Logging out deletes the row; a
  password change, a role change and disabling the account delete every row
  of that account (and bump its *session epoch*, a second guard); a session
  also ends after ``JANJI_SESSION_IDLE_MINUTES`` unused and
  ``JANJI_SESSION_MAX_HOURS`` after login. A replayed cookie whose row is gone
  opens nothing, on any worker process. HttpOnly, SameSite=Lax; Secure exactly
  when the request came over HTTPS (directly, or through a trusted proxy's
  ``X-Forwarded-Proto``, see :mod:`janji.web.security`). Over plain http a
  Secure cookie would be dropped by the browser and nobody could log in;
  ``janji serve`` warns at start-up when it listens beyond this machine
  without HTTPS.
- Device: a signed, long-lived cookie naming the account a browser last
  logged in to, with a random nonce. Login throttling counts that browser's
  failures on their own, so failures from elsewhere never slow the owner.
- Address: the request's client, which :class:`janji.web.security.TrustedProxy`
  has already set to the visitor's when the TCP peer is a proxy listed in
  ``JANJI_TRUSTED_PROXIES`` (or ``janji serve --trusted-proxy``): the nearest
  untrusted address of ``X-Forwarded-For`` (a visitor cannot pick their
  address by sending one).
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

from janji.track import PUBLIC, Actor, Tracker

SESSION_COOKIE = "janji_sesi"
CSRF_COOKIE = "janji_csrf"
DEVICE_COOKIE = "janji_perangkat"
DEVICE_AGE = 365 * 86400


def tracker(request: Request) -> Tracker:
    return tracker_of(request.app)


def tracker_of(app) -> Tracker:
    """The app's :class:`Tracker` (made on first use, over the app's store, with the environment's settings)."""
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


def _device_serializer(request: Request) -> URLSafeTimedSerializer:
    app = request.app
    s = getattr(app.state, "track_device_serializer", None)
    if s is None:
        s = app.state.track_device_serializer = URLSafeTimedSerializer(tracker(request).secret_key(),
                                                                       salt="janji-perangkat")
    return s


def client_ip(request: Request) -> str | None:
    """The visitor's address. Behind a trusted proxy the request's client is already the visitor's
    (:func:`janji.web.security.forwarded`, the one place that reads ``X-Forwarded-For``); otherwise it is
    the TCP peer and a forwarded header is only the visitor's own text."""
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
            data = _serializer(request).loads(raw, max_age=tracker(request).settings.session_max_hours * 3600)
            found = tracker(request).session_actor(str(data["s"]), ip=client_ip(request))
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


def session_token(request: Request) -> str | None:
    """The session token of this request's cookie (None without a valid one)."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        return str(_serializer(request).loads(raw)["s"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None


def set_session(request: Request, response, token: str) -> None:
    """Give the browser the cookie of the session ``token`` (from :meth:`Tracker.start_session`)."""
    age = tracker(request).settings.session_max_hours * 3600
    value = _serializer(request).dumps({"s": token})
    response.set_cookie(SESSION_COOKIE, value, max_age=age, httponly=True, samesite="lax",
                        secure=secure_cookies(request), path="/")
    # a new session gets a new CSRF secret: a token seen before login is worthless after it
    _set_csrf_cookie(request, response, secrets.token_urlsafe(32))


def clear_session(request: Request, response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure_cookies(request))


def device_nonce(request: Request, username: str) -> str | None:
    """The nonce of this browser's device cookie if it was given at a login to ``username``, else None."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw or len(raw) > 400:
        return None
    try:
        data = _device_serializer(request).loads(raw, max_age=DEVICE_AGE)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("n") != (username or "").strip().lower():
        return None
    nonce = data.get("d")
    return nonce if isinstance(nonce, str) and 0 < len(nonce) <= 64 else None


def set_device(request: Request, response, username: str) -> None:
    """Remember, for login throttling, that this browser logged in to ``username``."""
    nonce = device_nonce(request, username) or secrets.token_urlsafe(16)
    value = _device_serializer(request).dumps({"n": username, "d": nonce})
    response.set_cookie(DEVICE_COOKIE, value, max_age=DEVICE_AGE, httponly=True, samesite="lax",
                        secure=secure_cookies(request), path="/masuk")


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
