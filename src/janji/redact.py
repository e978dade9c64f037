"""Database passwords never reach a terminal or a log: URLs are shown as ``postgresql://user:***@host/db``.

A wrong ``--db`` (or ``JANJI_DATABASE_URL``) is reported in one line naming the database, and that line
goes to terminals, CI logs and bug reports. :func:`redact_url` hides the password of a URL (also one that
does not parse, and ``?password=`` parameters); :func:`remember` notes the secrets of a URL being opened
so that :func:`scrub` can take them out of any message, whatever a driver put in it; and
:func:`install_log_filter` applies :func:`scrub` to every log record.

Example:

    >>> redact_url("postgresql://rina:s3cret@db.example.id:5432/janji")
    'postgresql://rina:***@db.example.id:5432/janji'
    >>> redact_url("postgresql://db.example.id/janji?user=rina&password=s3cret")
    'postgresql://db.example.id/janji?user=rina&password=***'
    >>> redact_url("janji.db")
    'janji.db'
"""
from __future__ import annotations

import logging
import re
import threading

MASK = "***"
_SECRET_PARAMS = re.compile(r"(?i)([?&](?:password|pass|pwd|passwd|sslpassword)=)([^&#]*)")
_SECRETS: set[str] = set()
_LOCK = threading.Lock()
MIN_SCRUB = 3  # shorter "secrets" would blank out ordinary words; the URL itself is still redacted


def _split(url: str) -> tuple[str, str, str] | None:
    """``(scheme://, userinfo, rest)`` of a URL with credentials, else None."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return None
    authority_end = len(rest)
    for stop in "?#":
        i = rest.find(stop)
        if i >= 0:
            authority_end = min(authority_end, i)
    at = rest.rfind("@", 0, authority_end)
    if at < 0:
        return None
    return scheme + sep, rest[:at], rest[at:]


def redact_url(url: str | None) -> str:
    """``url`` with its password (and ``password=`` parameters) replaced by ``***``."""
    if not url:
        return url or ""
    url = str(url)
    parts = _split(url)
    if parts is not None:
        head, userinfo, rest = parts
        user, colon, _password = userinfo.partition(":")
        url = head + user + (":" + MASK if colon else "") + rest
    return _SECRET_PARAMS.sub(lambda m: m.group(1) + MASK, url)


def secrets_of(url: str | None) -> set[str]:
    """The passwords a URL carries (as written and URL-decoded)."""
    found: set[str] = set()
    if not url:
        return found
    parts = _split(str(url))
    if parts is not None:
        _user, colon, password = parts[1].partition(":")
        if colon and password:
            found.add(password)
    found.update(m.group(2) for m in _SECRET_PARAMS.finditer(str(url)) if m.group(2))
    from urllib.parse import unquote  # here: `janji analyze` opens no database and need not import it

    return found | {unquote(s) for s in found}


def remember(url: str | None) -> None:
    """Note the passwords of ``url`` (a store being opened) for :func:`scrub`."""
    new = {s for s in secrets_of(url) if len(s) >= MIN_SCRUB}
    if new:
        with _LOCK:
            _SECRETS.update(new)


def scrub(text: str, url: str | None = None) -> str:
    """``text`` with every URL's password hidden, and every remembered secret (and those of ``url``) masked."""
    if not text:
        return text
    text = _URL.sub(lambda m: redact_url(m.group(0)), str(text))
    with _LOCK:
        secrets = set(_SECRETS)
    secrets |= {s for s in secrets_of(url) if len(s) >= MIN_SCRUB}
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


# scheme://user:password@… anywhere in a message (the scheme: letters, digits, + . -)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s'\"<>]*")


def _scrub_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken format string is the logger's problem, not ours
        return
    clean = scrub(message)
    if clean != message:
        record.msg, record.args = clean, None
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        text = logging.Formatter().formatException(record.exc_info)
        clean = scrub(text)
        if clean != text:
            record.exc_text = clean  # formatters use this instead of formatting the traceback again


_installed = False


def install_log_filter() -> None:
    """Mask database passwords in every log record of this process, whatever logger or handler writes it
    (idempotent)."""
    global _installed
    with _LOCK:
        if _installed:
            return
        _installed = True
    make = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = make(*args, **kwargs)
        _scrub_record(record)
        return record

    logging.setLogRecordFactory(factory)
