"""Limits of the tracking portal, from the environment (documented in docs/track.md, "Settings").

Every value has a default fit for a small public portal; a server sets another with an environment
variable before ``janji serve`` starts. A value that cannot be read stops the server with one line naming
the variable (:func:`load` raises :class:`SettingError`).

=================================  ==========  ==========================================================
variable                           default     meaning
=================================  ==========  ==========================================================
JANJI_SESSION_IDLE_MINUTES         120         a session unused this long ends
JANJI_SESSION_MAX_HOURS            12          a session ends this long after login, used or not
JANJI_TRUSTED_PROXIES              (none)      addresses/networks of reverse proxies whose
                                               ``X-Forwarded-For`` names the visitor and
                                               ``X-Forwarded-Proto`` the scheme (``janji serve
                                               --trusted-proxy`` sets the same value)
JANJI_LOGIN_FAILURES_PER_ACCOUNT   5           failed logins of one account from one address before
                                               back-off
JANJI_LOGIN_FAILURES_PER_ADDRESS   20          failed logins from one address (any accounts) before
                                               back-off
JANJI_LOGIN_FAILURES_ALL           50          failed logins of one account from all addresses before
                                               back-off for browsers that never logged in to it
JANJI_LOGIN_BACKOFF_MAX_MINUTES    15          the longest wait back-off asks for
JANJI_EVIDENCE_MAX_MB              10          largest evidence file (editors' and public forms)
JANJI_PROPOSAL_RATE_ADDRESS        5/10m       public proposals per address per period
JANJI_PROPOSAL_RATE_ALL            60/10m      public proposals from everyone per period
JANJI_PROPOSAL_DAILY_ADDRESS       20          accepted proposals per address in 24 hours
JANJI_PROPOSAL_DAILY_ALL           500         accepted proposals from everyone in 24 hours
JANJI_PROPOSAL_DAILY_MB            100         MB of proposal files accepted in 24 hours
JANJI_PROPOSAL_PENDING_MB          500         MB of files waiting in the review queue; beyond it a
                                               proposal may carry a URL but no file
=================================  ==========  ==========================================================
"""
from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field

MB = 1024 * 1024
_PERIOD = re.compile(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class SettingError(ValueError):
    """A setting from the environment that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Rate:
    """``count`` events per ``seconds`` (written ``5/10m``: 5 per 10 minutes)."""

    count: int
    seconds: int

    def __str__(self) -> str:
        for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
            if self.seconds % size == 0:
                n = self.seconds // size
                return f"{self.count}/{'' if n == 1 else n}{unit}"
        return f"{self.count}/{self.seconds}s"


@dataclass(frozen=True)
class Settings:
    session_idle_minutes: int = 120
    session_max_hours: int = 12
    trusted_proxies: tuple = ()  # ipaddress networks
    login_failures_per_account: int = 5
    login_failures_per_address: int = 20
    login_failures_all: int = 50
    login_backoff_max_minutes: int = 15
    evidence_max_mb: int = 10
    proposal_rate_address: Rate = field(default_factory=lambda: Rate(5, 600))
    proposal_rate_all: Rate = field(default_factory=lambda: Rate(60, 600))
    proposal_daily_address: int = 20
    proposal_daily_all: int = 500
    proposal_daily_mb: int = 100
    proposal_pending_mb: int = 500

    @property
    def evidence_max_bytes(self) -> int:
        return self.evidence_max_mb * MB

    def trusts(self, address: str | None) -> bool:
        """Whether ``address`` is one of the configured reverse proxies."""
        if not address or not self.trusted_proxies:
            return False
        try:
            ip = ipaddress.ip_address(address.strip().strip("[]"))
        except ValueError:
            return False
        return any(ip in net for net in self.trusted_proxies)


ENV = {  # field -> (variable, kind, smallest allowed)
    "session_idle_minutes": ("JANJI_SESSION_IDLE_MINUTES", int, 1),
    "session_max_hours": ("JANJI_SESSION_MAX_HOURS", int, 1),
    "trusted_proxies": ("JANJI_TRUSTED_PROXIES", "networks", None),
    "login_failures_per_account": ("JANJI_LOGIN_FAILURES_PER_ACCOUNT", int, 1),
    "login_failures_per_address": ("JANJI_LOGIN_FAILURES_PER_ADDRESS", int, 1),
    "login_failures_all": ("JANJI_LOGIN_FAILURES_ALL", int, 1),
    "login_backoff_max_minutes": ("JANJI_LOGIN_BACKOFF_MAX_MINUTES", int, 1),
    "evidence_max_mb": ("JANJI_EVIDENCE_MAX_MB", int, 1),
    "proposal_rate_address": ("JANJI_PROPOSAL_RATE_ADDRESS", "rate", None),
    "proposal_rate_all": ("JANJI_PROPOSAL_RATE_ALL", "rate", None),
    "proposal_daily_address": ("JANJI_PROPOSAL_DAILY_ADDRESS", int, 0),
    "proposal_daily_all": ("JANJI_PROPOSAL_DAILY_ALL", int, 0),
    "proposal_daily_mb": ("JANJI_PROPOSAL_DAILY_MB", int, 0),
    "proposal_pending_mb": ("JANJI_PROPOSAL_PENDING_MB", int, 0),
}


def parse_rate(text: str, name: str = "batas") -> Rate:
    """``"5/10m"`` -> 5 per 600 s (units ``s``, ``m``, ``h``, ``d``; ``"30/h"`` = 30 per hour)."""
    m = _PERIOD.fullmatch(text or "")
    if not m or (m.group(2) and int(m.group(2)) == 0):
        raise SettingError(f"{name}: {text!r} bukan batas laju yang sah (contoh: 5/10m, 60/h, 500/d)")
    seconds = int(m.group(2) or 1) * _UNITS[m.group(3)]
    return Rate(int(m.group(1)), seconds)


def parse_networks(text, name: str = "proksi") -> tuple:
    """Addresses or networks (``10.0.0.5``, ``10.0.0.0/8``, ``::1``) separated by commas, semicolons or
    spaces, from one string or several (``--trusted-proxy`` given more than once); a value that is neither
    raises :class:`SettingError` naming ``name`` and the value."""
    parts = [text] if isinstance(text, str) or text is None else [str(t) for t in text]
    out = []
    for part in " ".join(p or "" for p in parts).replace(";", " ").replace(",", " ").split():
        try:
            out.append(ipaddress.ip_network(part.strip("[]"), strict=False))
        except ValueError:
            raise SettingError(f"{name}: {part!r} bukan alamat IP atau jaringan (contoh: 127.0.0.1, 10.0.0.0/8)")\
                from None
    return tuple(out)


def load(environ: dict | None = None) -> Settings:
    """The settings from ``environ`` (default ``os.environ``); unset variables keep their defaults."""
    env = os.environ if environ is None else environ
    values = {}
    for key, (name, kind, least) in ENV.items():
        raw = env.get(name, "").strip()
        if not raw:
            continue
        if kind == "rate":
            values[key] = parse_rate(raw, name)
        elif kind == "networks":
            values[key] = parse_networks(raw, name)
        else:
            try:
                number = int(raw)
            except ValueError:
                raise SettingError(f"{name}: {raw!r} bukan bilangan bulat") from None
            if number < least:
                raise SettingError(f"{name}: paling kecil {least} (diberikan {number})")
            values[key] = number
    return Settings(**values)
