"""Accounts: who may act, and how they prove it — users and their regions, passwords (argon2id), login
sessions, login throttling, API tokens, and reading the audit log.

Example (through the :class:`janji.track.Tracker` façade, which forwards to this part)::

    tracker.add_user("rina", "kata-sandi-panjang", role="editor", regions=[3])
    actor, _ = tracker.authenticate("rina", "kata-sandi-panjang", ip="203.0.113.5")
    actor.can_edit(3), actor.can_edit(4)          # (True, False)
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any, Iterable

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from janji.store import models as sm
from janji.track import models as tm
from janji.track.core import CLI, DAY, Actor, Core, now
from janji.track.errors import Forbidden, Invalid, NotFound, Throttled
from janji.track.records import audit_dict, user_dict
from janji.track.validation import wait_label

BACKOFF_BASE = 30  # seconds of the first back-off; each further failure doubles it (up to the setting's maximum)
SEEN_EVERY = timedelta(seconds=60)  # a session's last use is written at most this often
MIN_PASSWORD = 10
# argon2id parameters; empty = the library's defaults (RFC 9106 low-memory profile: 64 MiB, 3 passes).
# Tests lower them (every login would otherwise cost ~0.1 s); a server never should.
HASH_PARAMS: dict[str, int] = {}


class Accounts:
    """Users, sessions, login throttling, API tokens and the audit log (its reading; every part writes it)."""

    def __init__(self, core: Core):
        self.core = core
        self._hasher = None

    # --- the audit log -----------------------------------------------------------------------------------------

    def audit(self, actor: Actor, *, limit: int = 100, offset: int = 0, action: str | None = None) -> dict[str, Any]:
        """The audit log, newest first (admins only)."""
        if actor.role != "admin":
            raise Forbidden("hanya admin yang dapat membaca log audit")
        with self.core.session() as s:
            q = select(tm.Audit)
            if action:
                q = q.where(tm.Audit.action == action)
            total = s.scalar(select(func.count()).select_from(q.subquery()))
            rows = s.scalars(q.order_by(tm.Audit.id.desc()).limit(limit).offset(offset)).all()
            return {"total": total, "entries": [audit_dict(a) for a in rows]}

    def audit_rows(self, actor: Actor) -> list[dict[str, Any]]:
        """Every audit entry, oldest first, flat (for CSV/XLSX export)."""
        if actor.role != "admin":
            raise Forbidden("hanya admin yang dapat mengekspor log audit")
        with self.core.session() as s:
            out = []
            for a in s.scalars(select(tm.Audit).order_by(tm.Audit.id)):
                d = audit_dict(a)
                d["before"] = json.dumps(d["before"], ensure_ascii=False) if d["before"] is not None else ""
                d["after"] = json.dumps(d["after"], ensure_ascii=False) if d["after"] is not None else ""
                out.append(d)
            return out

    # --- accounts -----------------------------------------------------------------------------------------------

    @property
    def hasher(self):
        if self._hasher is None:
            from argon2 import PasswordHasher

            self._hasher = PasswordHasher(**HASH_PARAMS)
        return self._hasher

    def add_user(self, username: str, password: str, *, role: str, name: str | None = None,
                 regions: Iterable[int] = (), actor: Actor = CLI) -> dict[str, Any]:
        if actor.role != "admin":
            raise Forbidden("hanya admin yang dapat menambah akun")
        username = (username or "").strip().lower()
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{1,79}", username):
            raise Invalid("nama pengguna: 2–80 huruf kecil, angka, titik, garis bawah atau tanda hubung")
        if role not in tm.ROLES:
            raise Invalid(f"peran tidak dikenal: {role!r} (pilihan: {', '.join(tm.ROLES)})")
        if len(password or "") < MIN_PASSWORD:
            raise Invalid(f"kata sandi minimal {MIN_PASSWORD} karakter")
        regions = sorted({int(r) for r in regions})
        with self.core.session.begin() as s:
            if s.scalar(select(tm.User.id).where(tm.User.username == username)) is not None:
                raise Invalid(f"nama pengguna {username!r} sudah dipakai")
            self._check_regions(s, regions)
            user = tm.User(username=username, name=(name or username).strip()[:200],
                           password_hash=self.hasher.hash(password), role=role, disabled=False, session_epoch=0,
                           created_at=now())
            s.add(user)
            s.flush()
            for r in regions:
                s.add(tm.UserRegion(user_id=user.id, region_id=r))
            out = user_dict(user, regions)
            self.core.log(s, actor, "user.add", "user", user.id, None, out)
            return out

    @staticmethod
    def _check_regions(s: Session, regions: list[int]) -> None:
        if regions:
            found = set(s.scalars(select(sm.Region.id).where(sm.Region.id.in_(regions))))
            missing = [r for r in regions if r not in found]
            if missing:
                raise NotFound(f"wilayah tidak ditemukan: {', '.join(map(str, missing))}")

    def _user(self, s: Session, user: int | str) -> tm.User:
        if isinstance(user, int):
            row = s.get(tm.User, user)
        else:
            row = s.scalar(select(tm.User).where(tm.User.username == str(user).strip().lower()))
        if row is None:
            raise NotFound(f"akun {user!r} tidak ditemukan")
        return row

    def users(self, actor: Actor = CLI) -> list[dict[str, Any]]:
        if actor.role != "admin":
            raise Forbidden("hanya admin yang dapat melihat daftar akun")
        with self.core.session() as s:
            regions = defaultdict(list)
            for ur in s.scalars(select(tm.UserRegion).order_by(tm.UserRegion.region_id)):
                regions[ur.user_id].append(ur.region_id)
            return [user_dict(u, regions[u.id]) for u in s.scalars(select(tm.User).order_by(tm.User.username))]

    def user(self, user: int | str) -> dict[str, Any]:
        with self.core.session() as s:
            u = self._user(s, user)
            return user_dict(u, self._regions_of(s, u.id))

    @staticmethod
    def _regions_of(s: Session, user_id: int) -> list[int]:
        return list(s.scalars(select(tm.UserRegion.region_id).where(tm.UserRegion.user_id == user_id)
                              .order_by(tm.UserRegion.region_id)))

    def modify_user(self, user: int | str, *, actor: Actor = CLI, role: str | None = None,
                    regions: Iterable[int] | None = None, disabled: bool | None = None,
                    password: str | None = None) -> dict[str, Any]:
        """Change an account's role, regions, disabled flag or password (admins; audited).

        Any change but regions ends the account's open sessions (its cookies stop working).
        """
        if actor.role != "admin":
            raise Forbidden("hanya admin yang dapat mengubah akun")
        if role is not None and role not in tm.ROLES:
            raise Invalid(f"peran tidak dikenal: {role!r} (pilihan: {', '.join(tm.ROLES)})")
        if password is not None and len(password) < MIN_PASSWORD:
            raise Invalid(f"kata sandi minimal {MIN_PASSWORD} karakter")
        with self.core.session.begin() as s:
            u = self._user(s, user)
            before = user_dict(u, self._regions_of(s, u.id))
            if actor.id is not None and u.id == actor.id and (disabled or (role and role != "admin")):
                raise Invalid("admin tidak dapat menonaktifkan atau menurunkan perannya sendiri")
            bump = False
            if role is not None and role != u.role:
                u.role, bump = role, True
            if disabled is not None and disabled != u.disabled:
                u.disabled, bump = disabled, True
            if password is not None:
                u.password_hash, bump = self.hasher.hash(password), True
            if bump:
                u.session_epoch += 1
                # every login of the account ends now, on every worker process: the rows are the sessions
                s.query(tm.LoginSession).filter(tm.LoginSession.user_id == u.id).delete(synchronize_session=False)
            if regions is not None:
                wanted = sorted({int(r) for r in regions})
                self._check_regions(s, wanted)
                s.query(tm.UserRegion).filter(tm.UserRegion.user_id == u.id).delete()
                for r in wanted:
                    s.add(tm.UserRegion(user_id=u.id, region_id=r))
            s.flush()
            after = user_dict(u, self._regions_of(s, u.id))
            if password is not None:
                after["password"] = "(diubah)"
            self.core.log(s, actor, "user.modify", "user", u.id, before, after)
            return {k: v for k, v in after.items() if k != "password"}

    def actor(self, user_id: int, *, epoch: int | None = None, ip: str | None = None) -> Actor | None:
        """The acting account for a session or token, or None if it is gone, disabled, or the epoch is stale."""
        with self.core.session() as s:
            u = s.get(tm.User, int(user_id))
            if u is None or u.disabled or (epoch is not None and epoch != u.session_epoch):
                return None
            return Actor(u.id, u.username, u.name, u.role, frozenset(self._regions_of(s, u.id)), ip)

    # --- sessions ---------------------------------------------------------------------------------------------------

    def _session_limits(self, t: datetime) -> tuple[datetime, datetime]:
        """(oldest last use, oldest login) a session may have at time ``t`` and still be open."""
        cfg = self.core.settings
        return t - timedelta(minutes=cfg.session_idle_minutes), t - timedelta(hours=cfg.session_max_hours)

    def start_session(self, actor: Actor, ip: str | None = None) -> str:
        """Open a session for a logged-in account; returns its token (the cookie's secret; only a hash is kept)."""
        token = secrets.token_urlsafe(32)
        t = now()
        idle, oldest = self._session_limits(t)
        with self.core.session.begin() as s:
            # sweep what has ended meanwhile (cheap: indexed, and logins are rare)
            s.query(tm.LoginSession).filter((tm.LoginSession.seen_at < idle) | (tm.LoginSession.created_at < oldest)
                                            ).delete(synchronize_session=False)
            s.query(tm.Counter).filter(tm.Counter.last_at < t - 2 * DAY,
                                       (tm.Counter.blocked_until.is_(None)) | (tm.Counter.blocked_until < t)
                                       ).delete(synchronize_session=False)
            s.add(tm.LoginSession(id=_token_hash(token), user_id=actor.id, created_at=t, seen_at=t,
                                  ip=(ip or None) and ip[:64]))
        return token

    def session_actor(self, token: str, ip: str | None = None) -> Actor | None:
        """The account of an open session, or None: unknown token (logged out, ended by a password change or
        by disabling), idle too long, too old, or its account is disabled."""
        if not token or len(token) > 100:
            return None
        key = _token_hash(token)
        t = now()
        idle, oldest = self._session_limits(t)
        with self.core.session() as s:
            row = s.get(tm.LoginSession, key)
            if row is None:
                return None
            if row.seen_at < idle or row.created_at < oldest:
                s.delete(row)
                s.commit()
                return None
            u = s.get(tm.User, row.user_id)
            if u is None or u.disabled:
                return None
            actor = Actor(u.id, u.username, u.name, u.role, frozenset(self._regions_of(s, u.id)), ip)
            if t - row.seen_at >= SEEN_EVERY:
                s.execute(update(tm.LoginSession).where(tm.LoginSession.id == key).values(seen_at=t)
                          .execution_options(synchronize_session=False))
                try:
                    s.commit()
                except OperationalError:  # a busy SQLite: the next request writes it
                    s.rollback()
            return actor

    def end_session(self, token: str) -> None:
        """Log out: the session's row goes, so its cookie opens nothing any more (on every worker)."""
        if token and len(token) <= 100:
            with self.core.session.begin() as s:
                s.query(tm.LoginSession).filter(tm.LoginSession.id == _token_hash(token)).delete(
                    synchronize_session=False)

    def end_sessions(self, actor: Actor, user: int | None = None) -> int:
        """End every session of ``actor``'s account (an admin: of ``user``); returns how many ended."""
        target = actor.id if user is None else int(user)
        if target != actor.id and actor.role != "admin":
            raise Forbidden("hanya admin yang dapat mengakhiri sesi akun lain")
        with self.core.session.begin() as s:
            n = s.query(tm.LoginSession).filter(tm.LoginSession.user_id == target).delete(synchronize_session=False)
            self.core.log(s, actor, "session.end_all", "user", target, None, {"sessions": n})
            return n

    def sessions(self, actor: Actor) -> list[dict[str, Any]]:
        """The open sessions of ``actor``'s account (the account page lists them)."""
        t = now()
        idle, oldest = self._session_limits(t)
        with self.core.session() as s:
            rows = s.scalars(select(tm.LoginSession).where(
                tm.LoginSession.user_id == actor.id, tm.LoginSession.seen_at >= idle,
                tm.LoginSession.created_at >= oldest).order_by(tm.LoginSession.created_at.desc()))
            return [{"created_at": r.created_at, "seen_at": r.seen_at, "ip": r.ip} for r in rows]

    def change_password(self, actor: Actor, current: str, new: str, ip: str | None = None) -> str:
        """An account changes its own password: every session of it ends (other browsers are logged out) and
        a new one starts for this browser; returns the new session's token."""
        from argon2.exceptions import InvalidHashError, VerificationError

        if actor.id is None:
            raise Forbidden("perlu masuk terlebih dahulu")
        if len(new or "") < MIN_PASSWORD:
            raise Invalid(f"kata sandi baru minimal {MIN_PASSWORD} karakter")
        if len(new) > 200:
            raise Invalid("kata sandi baru paling panjang 200 karakter")
        with self.core.session.begin() as s:
            u = s.get(tm.User, actor.id)
            if u is None or u.disabled:
                raise Forbidden("akun tidak ditemukan atau nonaktif")
            try:
                self.hasher.verify(u.password_hash, current or "")
            except (VerificationError, InvalidHashError):
                raise Invalid("kata sandi sekarang salah; kata sandi tidak diubah") from None
            u.password_hash = self.hasher.hash(new)
            u.session_epoch += 1
            n = s.query(tm.LoginSession).filter(tm.LoginSession.user_id == u.id).delete(synchronize_session=False)
            self.core.log(s, actor, "user.password", "user", u.id, None, {"password": "(diubah)", "sessions_ended": n})
        return self.start_session(actor, ip)

    def _login_keys(self, username: str, ip: str | None, device: str | None) -> list[tuple[str, int]]:
        cfg = self.core.settings
        if device:
            # a browser this account logged in from before: only its own failures slow it, so nobody
            # elsewhere can lock the account's owner out
            return [(f"login:device:{device[:64]}", cfg.login_failures_per_account)]
        addr = self.core.address_key(ip)
        return [(f"login:pair:{username}|{addr}", cfg.login_failures_per_account),
                (f"login:addr:{addr}", cfg.login_failures_per_address),
                (f"login:user:{username}", cfg.login_failures_all)]

    def login_wait(self, username: str, ip: str | None = None, device: str | None = None) -> float:
        """Seconds before a login of ``username`` from ``ip`` (with a device cookie's nonce ``device``) is
        tried again; 0 = now."""
        keys = [k for k, _ in self._login_keys((username or "").strip().lower()[:80], ip, device)]
        t = now()
        with self.core.session() as s:
            until = [b for b in s.scalars(select(tm.Counter.blocked_until).where(tm.Counter.key.in_(keys))) if b]
        return max([0.0] + [(b - t).total_seconds() for b in until])

    def authenticate(self, username: str, password: str, ip: str | None = None,
                     device: str | None = None) -> tuple[Actor, int]:
        """Check a login; returns the actor and its session epoch.

        Failures are counted per account+address, per address (any account) and per account (any address);
        past each count's free attempts the next try must wait (30 s, then twice as long after each further
        failure, up to ``login_backoff_max_minutes``): :class:`Throttled`. ``device`` (the nonce of a signed
        cookie this browser got at an earlier login to this account) replaces those three counts by one of
        its own, so the owner is not slowed down by failures from elsewhere.
        """
        from argon2.exceptions import InvalidHashError, VerificationError

        username = (username or "").strip().lower()[:80]
        wait = self.login_wait(username, ip, device)
        if wait > 0:
            raise Throttled(f"terlalu banyak percobaan masuk yang gagal; coba lagi dalam {wait_label(wait)}", wait)
        with self.core.session() as s:
            u = s.scalar(select(tm.User).where(tm.User.username == username))
            ok = False
            if u is not None and not u.disabled:
                try:
                    ok = self.hasher.verify(u.password_hash, password or "")
                except (VerificationError, InvalidHashError):
                    ok = False
            else:
                # spend the same time as a real check so a missing account is not told apart by timing
                try:
                    self.hasher.verify(_dummy_hash(self.hasher), password or "x")
                except (VerificationError, InvalidHashError):
                    pass
        keys = self._login_keys(username, ip, device)
        if not ok:
            self._login_failed(keys, username, ip)
            raise Forbidden("nama pengguna atau kata sandi salah")
        with self.core.session.begin() as s:
            # the pair's (or the device's) count starts again; the address's and the account's do not: a
            # success of one's own account must not buy more guesses at others
            s.query(tm.Counter).filter(tm.Counter.key == keys[0][0]).delete(synchronize_session=False)
            if self.hasher.check_needs_rehash(u.password_hash):
                s.get(tm.User, u.id).password_hash = self.hasher.hash(password)
            actor = Actor(u.id, u.username, u.name, u.role, frozenset(self._regions_of(s, u.id)), ip)
            self.core.log(s, actor, "login", "user", u.id)
            return actor, u.session_epoch

    def _login_failed(self, keys: list[tuple[str, int]], username: str, ip: str | None) -> None:
        cfg = self.core.settings
        longest = timedelta(minutes=cfg.login_backoff_max_minutes)
        quiet = max(timedelta(hours=1), 4 * longest)  # a count forgets after this long without failures
        t = now()
        for attempt in range(5):
            try:
                with self.core.session.begin() as s:
                    counts = {}
                    for key, free in keys:
                        n = counts[key] = self.core.hit(s, key, t, fresh_before=t - quiet)
                        if n >= free:
                            delay = min(timedelta(seconds=BACKOFF_BASE * 2 ** min(n - free, 20)), longest)
                            s.execute(update(tm.Counter).where(tm.Counter.key == key).values(blocked_until=t + delay)
                                      .execution_options(synchronize_session=False))
                    self.core.log(s, Actor(None, username or "?", username or "?", "public", ip=ip), "login.failed",
                                  "user", username or None, None, {"count": counts[keys[0][0]]})
                return
            except (IntegrityError, OperationalError):
                if attempt == 4:
                    raise
                time.sleep(0.05 * (attempt + 1))

    # --- API tokens -----------------------------------------------------------------------------------------------

    def create_token(self, actor: Actor, name: str, user: int | None = None) -> dict[str, Any]:
        """A new API token for ``actor`` (or, for an admin, another account). The token is only returned here."""
        if actor.id is None and user is None:
            raise Invalid("token perlu akun")
        target = actor.id if user is None else int(user)
        if target != actor.id and actor.role != "admin":
            raise Forbidden("hanya admin yang dapat membuat token untuk akun lain")
        name = (name or "").strip()[:100] or "skrip"
        token = "jnj_" + secrets.token_urlsafe(32)
        with self.core.session.begin() as s:
            u = s.get(tm.User, target)
            if u is None or u.disabled:
                raise NotFound("akun tidak ditemukan atau nonaktif")
            row = tm.Token(user_id=target, name=name, token_hash=_token_hash(token), prefix=token[:10],
                           created_at=now(), revoked=False)
            s.add(row)
            s.flush()
            self.core.log(s, actor, "token.create", "token", row.id, None, {"user": target, "name": name,
                                                                            "prefix": row.prefix})
            return {"id": row.id, "name": name, "prefix": row.prefix, "token": token}

    def tokens(self, actor: Actor) -> list[dict[str, Any]]:
        with self.core.session() as s:
            q = select(tm.Token).where(tm.Token.revoked.is_(False))
            if actor.role != "admin":
                q = q.where(tm.Token.user_id == actor.id)
            return [{"id": t.id, "user_id": t.user_id, "name": t.name, "prefix": t.prefix,
                     "created_at": t.created_at.isoformat(timespec="seconds")}
                    for t in s.scalars(q.order_by(tm.Token.id))]

    def revoke_token(self, actor: Actor, token_id: int) -> None:
        with self.core.session.begin() as s:
            t = s.get(tm.Token, token_id)
            if t is None or (t.user_id != actor.id and actor.role != "admin"):
                raise NotFound("token tidak ditemukan")
            t.revoked = True
            self.core.log(s, actor, "token.revoke", "token", t.id, {"revoked": False}, {"revoked": True})

    def token_actor(self, token: str, ip: str | None = None) -> Actor | None:
        if not token or not token.startswith("jnj_") or len(token) > 100:
            return None
        # every API call with a token asks this: the account and its regions in one plain query (a row per
        # region; each query is a round trip to a database server)
        with self.core.read_session() as s:
            rows = s.connection().execute(TOKEN_ACCOUNT, {"hash": _token_hash(token)}).all()
        if not rows or rows[0].disabled:
            return None
        u = rows[0]
        regions = frozenset(r.region_id for r in rows if r.id == u.id and r.region_id is not None)
        return Actor(u.id, u.username, u.name, u.role, regions, ip)


# built once (a token is read at every API call): the account of a token that is not revoked, with its regions
TOKEN_ACCOUNT = (select(tm.User.id, tm.User.username, tm.User.name, tm.User.role, tm.User.disabled,
                        tm.UserRegion.region_id)
                 .join(tm.Token, tm.Token.user_id == tm.User.id)
                 .outerjoin(tm.UserRegion, tm.UserRegion.user_id == tm.User.id)
                 .where(tm.Token.token_hash == bindparam("hash"), tm.Token.revoked.is_(False)))


def _token_hash(token: str) -> str:
    # tokens are 256-bit random: a plain SHA-256 is enough (no dictionary to attack), and lookups stay indexed
    return hashlib.sha256(token.encode()).hexdigest()


_DUMMY: dict[int, str] = {}


def _dummy_hash(hasher) -> str:
    if id(hasher) not in _DUMMY:
        _DUMMY[id(hasher)] = hasher.hash(secrets.token_hex(16))
    return _DUMMY[id(hasher)]

