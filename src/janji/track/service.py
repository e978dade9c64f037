"""The tracking API every door uses (pages, ``/api/v1``, CLI, bulk import): :class:`Tracker`.

Rules live here and only here: who may change which promise, what an update
must carry (validation), optimistic locking, review, the audit log. Every
method opens its own short session and returns plain dicts.

Example (an editor of one region; with no reviewer there, the update is published at once):
    >>> from janji.store import open_store
    >>> store = open_store("sqlite://")
    >>> doc = store.document(store.ingest_bytes(b"Misi Wali Kota Bogor:\\n1. Membangun 10 puskesmas\\n", "misi.txt").document_id)
    >>> t = Tracker(store)
    >>> ed = t.add_user("rina", "kata-sandi-panjang", role="editor", regions=[doc["region"]["id"]])
    >>> actor = t.actor(ed["id"])
    >>> t.update_status(actor, doc["items"][0]["id"], "dalam proses", evidence_url="https://jdih.example.go.id/perda-5",
    ...                 evidence_date="2026-03-01", note="Perda disahkan", expected_version=0)["state"]
    'published'
"""
from __future__ import annotations

import calendar
import csv
import hashlib
import hmac
import io
import math
import re
import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable
from urllib.parse import urlsplit

from sqlalchemy import DateTime, case, false, func, insert, literal, null, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from janji.errors import JanjiError
from janji.sheets import undefuse
from janji.store import models as sm
from janji.track import models as tm
from janji.track import settings as track_settings
from janji.track import statuses as st

PROMISE_KINDS = ("mission", "goal", "program", "activity", "quick_win", "strategy", "commitment")
MAX_NOTE = 4000
MAX_URL = 2000
BACKOFF_BASE = 30  # seconds of the first back-off; each further failure doubles it (up to the setting's maximum)
SEEN_EVERY = timedelta(seconds=60)  # a session's last use is written at most this often
DAY = timedelta(hours=24)
MIN_PASSWORD = 10
# argon2id parameters; empty = the library's defaults (RFC 9106 low-memory profile: 64 MiB, 3 passes).
# Tests lower them (every login would otherwise cost ~0.1 s); a server never should.
HASH_PARAMS: dict[str, int] = {}
EXPORT_COLUMNS = ["id_butir", "wilayah", "pasangan", "jenis", "teks", "status", "nilai_capaian", "target", "satuan",
                  "tanggal_ukur", "url_bukti", "tanggal_bukti", "catatan", "versi"]
SAFE_TYPES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg",
              b"GIF87a": "image/gif", b"GIF89a": "image/gif"}


class TrackError(JanjiError):
    """A request the rules refuse; ``message`` is Indonesian and safe to show."""

    status_code = 400

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or [message]


class Invalid(TrackError):
    status_code = 422


class NotTracked(Invalid):
    """The item exists but is not a promise (a vision, a claim): it has no status to change."""


class Forbidden(TrackError):
    status_code = 403


class NotFound(TrackError):
    status_code = 404


class Conflict(TrackError):
    """The promise changed since the author loaded it (optimistic locking): nothing was saved."""

    status_code = 409

    def __init__(self, message: str, current: dict[str, Any] | None = None):
        super().__init__(message)
        self.current = current


class TooLarge(Invalid):
    """An evidence file over the size limit (the form is shown again with what was typed)."""

    status_code = 413


class Throttled(TrackError):
    """Too many requests: ``retry_after`` is how many seconds to wait (sent as ``Retry-After``)."""

    status_code = 429

    def __init__(self, message: str, retry_after: int = 60):
        super().__init__(message)
        self.retry_after = max(1, math.ceil(retry_after))


def wait_label(seconds: float) -> str:
    """How long to wait, in words: "40 detik", "3 menit", "2 jam"."""
    seconds = max(1, int(seconds + 0.999))
    if seconds < 60:
        return f"{seconds} detik"
    if seconds < 3600:
        return f"{-(-seconds // 60)} menit"
    return f"{-(-seconds // 3600)} jam"


@dataclass(frozen=True)
class Actor:
    """Who is acting: an account (with its role and regions), or the public (``id`` None, role "public")."""

    id: int | None
    username: str
    name: str
    role: str
    regions: frozenset[int] = field(default_factory=frozenset)
    ip: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.username

    def can_edit(self, region_id: int | None) -> bool:
        return self.role == "admin" or (self.role == "editor" and region_id in self.regions)

    def can_review(self, region_id: int | None) -> bool:
        return self.role == "admin" or (self.role == "reviewer" and region_id in self.regions)


PUBLIC = Actor(None, "publik", "Publik", "public")
CLI = Actor(None, "cli", "Baris perintah (admin)", "admin")


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# --- validation (forms, API and import share it) ------------------------------------------------------------------

FIRST_YEAR = 1945  # evidence and measurements from before the republic are typing errors
FUTURE_DAYS = 1  # a day ahead: an editor east of the server's time zone is already in tomorrow


def latest_date() -> date:
    return date.today() + timedelta(days=FUTURE_DAYS)


def parse_date(value: Any, what: str, errors: list[str], *, required: bool = False) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(f"{what} wajib diisi (format TTTT-BB-HH)")
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        out = value
    else:
        try:
            out = date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            errors.append(f"{what} bukan tanggal yang sah: {str(value)[:40]!r} (format TTTT-BB-HH)")
            return None
    if out > latest_date():
        errors.append(f"{what} tidak boleh di masa depan ({out.isoformat()})")
    elif out.year < FIRST_YEAR:
        errors.append(f"{what} terlalu lampau ({out.isoformat()})")
    return out


def date_pattern(last: date | None = None) -> str:
    """A regular expression for exactly the dates :func:`parse_date` takes written as TTTT-BB-HH: real
    calendar days from 1 January :data:`FIRST_YEAR` to ``last`` (default :func:`latest_date`). The API's
    schema states it, so that every date the schema allows is accepted.

    Example:
        >>> import re
        >>> p = re.compile(date_pattern(date(2026, 3, 1)))
        >>> [bool(p.match(d)) for d in ("2024-02-29", "2025-02-29", "2026-03-01", "2026-03-02", "1944-12-31")]
        [True, False, True, False, False]
    """
    last = last or latest_date()
    common = ("(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
              "|02-(?:0[1-9]|1[0-9]|2[0-8]))")
    parts = []
    if last.year > FIRST_YEAR:
        parts.append(f"{_number_range(FIRST_YEAR, last.year - 1, 4)}-{common}")
        leap = [str(y) for y in range(FIRST_YEAR, last.year) if calendar.isleap(y)]
        if leap:
            parts.append(f"(?:{'|'.join(leap)})-02-29")
    months = []
    for month in range(1, last.month + 1):
        days = calendar.monthrange(last.year, month)[1] if month < last.month else last.day
        months.append(f"{month:02d}-{_number_range(1, days, 2)}")
    parts.append(f"{last.year}-(?:{'|'.join(months)})")
    return "^(?:" + "|".join(parts) + ")$"


def _number_range(lo: int, hi: int, width: int) -> str:
    """A regular expression for the zero-padded numbers ``lo``..``hi`` written with ``width`` digits."""
    if width == 1:
        return str(lo) if lo == hi else f"[{lo}-{hi}]"
    unit = 10 ** (width - 1)
    lo_head, lo_tail = divmod(lo, unit)
    hi_head, hi_tail = divmod(hi, unit)
    if lo_head == hi_head:
        return f"{lo_head}{_group(_number_range(lo_tail, hi_tail, width - 1))}"
    out = []
    if lo_tail:
        out.append(f"{lo_head}{_group(_number_range(lo_tail, unit - 1, width - 1))}")
        lo_head += 1
    full_to = hi_head if hi_tail == unit - 1 else hi_head - 1
    if lo_head <= full_to:
        head = str(lo_head) if lo_head == full_to else f"[{lo_head}-{full_to}]"
        out.append(head + "[0-9]" * (width - 1))
    if hi_tail != unit - 1:
        out.append(f"{hi_head}{_group(_number_range(0, hi_tail, width - 1))}")
    return out[0] if len(out) == 1 else "(?:" + "|".join(out) + ")"


def _group(regex: str) -> str:
    return regex if regex.startswith("(?:") or len(regex) == 1 or regex.startswith("[") and regex.endswith("]") \
        and regex.count("[") == 1 else f"(?:{regex})"


def parse_number(value: Any, what: str, errors: list[str]) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        errors.append(f"{what} harus berupa angka")
        return None
    if isinstance(value, (int, float)):
        out = float(value)
    else:
        text = str(value).strip().replace(" ", "")
        # Indonesian writing: 1.000,5 ; also accept 1000.5 from scripts and spreadsheets
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?\d+,\d+", text):
            text = text.replace(",", ".")
        try:
            out = float(text)
        except ValueError:
            errors.append(f"{what} harus berupa angka: {str(value)[:40]!r}")
            return None
    if out != out or out in (float("inf"), float("-inf")) or out < 0 or out > 1e15:
        errors.append(f"{what} harus angka nol atau lebih")
        return None
    return out


def http_url(url: str | None) -> bool:
    """Whether ``url`` may be shown as a link: only absolute http(s) URLs with a host."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not any(c in url for c in "\r\n\t ")


def validate_update(*, status: Any, evidence_url: Any = None, has_file: bool = False, evidence_date: Any = None,
                    note: Any = None, progress_value: Any = None, progress_target: Any = None,
                    progress_unit: Any = None, measured_on: Any = None, expected_version: Any = None,
                    require_version: bool = True) -> dict[str, Any]:
    """Check an update as a form, the API and an import row send it; raise :class:`Invalid` listing every problem."""
    errors: list[str] = []
    canonical = st.normalise(status) if status is not None else None
    if canonical is None:
        errors.append("status tidak dikenal" + (f": {str(status)[:40]!r}" if status else "") + " (pilihan: "
                      + ", ".join(st.STATUSES) + ")")
    url = (str(evidence_url).strip() if evidence_url is not None else "") or None
    if url is not None:
        if len(url) > MAX_URL:
            errors.append(f"URL bukti terlalu panjang (maks. {MAX_URL} karakter)")
        elif not http_url(url):
            errors.append("URL bukti harus alamat http:// atau https:// yang lengkap")
    if url is None and not has_file:
        errors.append("bukti wajib: isi URL sumber atau unggah dokumen")
    ev_date = parse_date(evidence_date, "tanggal bukti", errors, required=True)
    note_s = (str(note).strip() if note is not None else "") or None
    if note_s and len(note_s) > MAX_NOTE:
        errors.append(f"catatan terlalu panjang (maks. {MAX_NOTE} karakter)")
    value = parse_number(progress_value, "nilai capaian", errors)
    target = parse_number(progress_target, "target", errors)
    unit = (str(progress_unit).strip() if progress_unit is not None else "") or None
    if unit and len(unit) > 50:
        errors.append("satuan terlalu panjang (maks. 50 karakter)")
    measured = parse_date(measured_on, "tanggal pengukuran", errors, required=value is not None)
    if target is not None and target == 0:
        errors.append("target harus lebih dari nol")
    version = None
    if expected_version is None or (isinstance(expected_version, str) and not expected_version.strip()):
        if require_version:
            errors.append("versi (yang Anda lihat) wajib dikirim")
    else:
        try:
            version = int(str(expected_version).strip().split(".")[0]) if not isinstance(expected_version, int) \
                else expected_version
            if version < 0:
                raise ValueError
        except ValueError:
            errors.append(f"versi harus bilangan bulat nol atau lebih: {str(expected_version)[:20]!r}")
    if errors:
        raise Invalid("; ".join(errors), errors)
    return {"status": canonical, "evidence_url": url, "evidence_date": ev_date, "note": note_s,
            "progress_value": value, "progress_target": target, "progress_unit": unit, "measured_on": measured,
            "expected_version": version}


def sniff(data: bytes) -> str:
    """A content type from the bytes: PDF and common images by signature, anything else octet-stream."""
    for magic, ctype in SAFE_TYPES.items():
        if data.startswith(magic):
            return ctype
    return "application/octet-stream"


def safe_filename(name: str | None) -> str:
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\- ]+", "_", base, flags=re.UNICODE).strip(" .")[:120]
    return base or "bukti"


# a region's average progress counts a promise at most this far past its target (1000 %): a value typed
# against a tiny target must neither swamp the average nor, as a huge float, wreck the running sums
RATIO_CAP = 10.0


def percent(value: float | None, target: float | None) -> float | None:
    """``value`` as a percentage of ``target``; None without a target, or when it is beyond any number
    (a value of millions against a target of a billionth)."""
    if value is None or not target:
        return None
    out = round(100.0 * value / target, 1)
    return out if math.isfinite(out) else None


def capped_ratio(value: float, target: float) -> float:
    """``value / target`` for the averages, at most :data:`RATIO_CAP`."""
    return RATIO_CAP if value > RATIO_CAP * target else value / target


# --- the tracker --------------------------------------------------------------------------------------------------

class Tracker:
    """Tracking over a :class:`janji.store.Store` (same database, same engine)."""

    def __init__(self, store, settings: track_settings.Settings | None = None):
        self.store = store
        # limits from the environment (``janji.track.settings``) unless given
        self.settings = settings if settings is not None else track_settings.load()
        self.engine = store.engine
        self.dialect = self.engine.dialect.name
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._hasher = None
        self._index_cache: dict[int, tuple[str, dict[str, Any]]] = {}
        self._secret: str | None = None

    # --- audit ----------------------------------------------------------------------------------------------------

    @staticmethod
    def _audit(session: Session, actor: Actor, action: str, target: str, target_id: Any, before=None,
               after=None) -> None:
        session.execute(insert(tm.Audit).values(
            at=now(), actor_id=actor.id, actor=actor.label if actor.id is None else actor.username, action=action,
            target=target, target_id=None if target_id is None else str(target_id), before=_jsonable(before),
            after=_jsonable(after), ip=actor.ip))

    def audit(self, actor: Actor, *, limit: int = 100, offset: int = 0, action: str | None = None) -> dict[str, Any]:
        """The audit log, newest first (admins only)."""
        if actor.role != "admin":
            raise Forbidden("hanya admin yang dapat membaca log audit")
        with self._session() as s:
            q = select(tm.Audit)
            if action:
                q = q.where(tm.Audit.action == action)
            total = s.scalar(select(func.count()).select_from(q.subquery()))
            rows = s.scalars(q.order_by(tm.Audit.id.desc()).limit(limit).offset(offset)).all()
            return {"total": total, "entries": [_audit_dict(a) for a in rows]}

    def audit_rows(self, actor: Actor) -> list[dict[str, Any]]:
        """Every audit entry, oldest first, flat (for CSV/XLSX export)."""
        if actor.role != "admin":
            raise Forbidden("hanya admin yang dapat mengekspor log audit")
        import json

        with self._session() as s:
            out = []
            for a in s.scalars(select(tm.Audit).order_by(tm.Audit.id)):
                d = _audit_dict(a)
                d["before"] = json.dumps(d["before"], ensure_ascii=False) if d["before"] is not None else ""
                d["after"] = json.dumps(d["after"], ensure_ascii=False) if d["after"] is not None else ""
                out.append(d)
            return out

    # --- settings ---------------------------------------------------------------------------------------------------

    def secret_key(self) -> str:
        """The cookie signing key: ``JANJI_SECRET_KEY``, else one generated once and kept in the database."""
        import os

        env = os.environ.get("JANJI_SECRET_KEY", "").strip()
        if env:
            return env
        if self._secret is not None:
            return self._secret
        with self._session() as s:
            row = s.get(tm.Setting, "secret_key")
            if row is None:
                try:
                    s.add(tm.Setting(key="secret_key", value=secrets.token_urlsafe(48)))
                    s.commit()
                except IntegrityError:  # another worker created it first: use theirs
                    s.rollback()
                row = s.get(tm.Setting, "secret_key")
            self._secret = row.value
            return self._secret

    def needs_review(self, region_id: int | None) -> bool:
        if region_id is None:
            return False
        with self._session() as s:
            row = s.get(tm.RegionSetting, region_id)
            return bool(row and row.needs_review)

    def set_needs_review(self, actor: Actor, region_id: int, needs: bool) -> None:
        if actor.role != "admin":
            raise Forbidden("hanya admin yang dapat mengatur wilayah")
        with self._session.begin() as s:
            if s.get(sm.Region, region_id) is None:
                raise NotFound(f"wilayah {region_id} tidak ditemukan")
            row = s.get(tm.RegionSetting, region_id)
            before = bool(row and row.needs_review)
            if row is None:
                s.add(tm.RegionSetting(region_id=region_id, needs_review=needs))
            else:
                row.needs_review = needs
            self._audit(s, actor, "region.review", "region", region_id, {"needs_review": before},
                        {"needs_review": needs})

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
        with self._session.begin() as s:
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
            out = _user_dict(user, regions)
            self._audit(s, actor, "user.add", "user", user.id, None, out)
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
        with self._session() as s:
            regions = defaultdict(list)
            for ur in s.scalars(select(tm.UserRegion).order_by(tm.UserRegion.region_id)):
                regions[ur.user_id].append(ur.region_id)
            return [_user_dict(u, regions[u.id]) for u in s.scalars(select(tm.User).order_by(tm.User.username))]

    def user(self, user: int | str) -> dict[str, Any]:
        with self._session() as s:
            u = self._user(s, user)
            return _user_dict(u, self._regions_of(s, u.id))

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
        with self._session.begin() as s:
            u = self._user(s, user)
            before = _user_dict(u, self._regions_of(s, u.id))
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
            after = _user_dict(u, self._regions_of(s, u.id))
            if password is not None:
                after["password"] = "(diubah)"
            self._audit(s, actor, "user.modify", "user", u.id, before, after)
            return {k: v for k, v in after.items() if k != "password"}

    def actor(self, user_id: int, *, epoch: int | None = None, ip: str | None = None) -> Actor | None:
        """The acting account for a session or token, or None if it is gone, disabled, or the epoch is stale."""
        with self._session() as s:
            u = s.get(tm.User, int(user_id))
            if u is None or u.disabled or (epoch is not None and epoch != u.session_epoch):
                return None
            return Actor(u.id, u.username, u.name, u.role, frozenset(self._regions_of(s, u.id)), ip)

    # --- sessions ---------------------------------------------------------------------------------------------------

    def _session_limits(self, t: datetime) -> tuple[datetime, datetime]:
        """(oldest last use, oldest login) a session may have at time ``t`` and still be open."""
        cfg = self.settings
        return t - timedelta(minutes=cfg.session_idle_minutes), t - timedelta(hours=cfg.session_max_hours)

    def start_session(self, actor: Actor, ip: str | None = None) -> str:
        """Open a session for a logged-in account; returns its token (the cookie's secret; only a hash is kept)."""
        token = secrets.token_urlsafe(32)
        t = now()
        idle, oldest = self._session_limits(t)
        with self._session.begin() as s:
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
        with self._session() as s:
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
            with self._session.begin() as s:
                s.query(tm.LoginSession).filter(tm.LoginSession.id == _token_hash(token)).delete(
                    synchronize_session=False)

    def end_sessions(self, actor: Actor, user: int | None = None) -> int:
        """End every session of ``actor``'s account (an admin: of ``user``); returns how many ended."""
        target = actor.id if user is None else int(user)
        if target != actor.id and actor.role != "admin":
            raise Forbidden("hanya admin yang dapat mengakhiri sesi akun lain")
        with self._session.begin() as s:
            n = s.query(tm.LoginSession).filter(tm.LoginSession.user_id == target).delete(synchronize_session=False)
            self._audit(s, actor, "session.end_all", "user", target, None, {"sessions": n})
            return n

    def sessions(self, actor: Actor) -> list[dict[str, Any]]:
        """The open sessions of ``actor``'s account (the account page lists them)."""
        t = now()
        idle, oldest = self._session_limits(t)
        with self._session() as s:
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
        with self._session.begin() as s:
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
            self._audit(s, actor, "user.password", "user", u.id, None, {"password": "(diubah)", "sessions_ended": n})
        return self.start_session(actor, ip)

    # --- login throttling -----------------------------------------------------------------------------------------

    def _address_key(self, ip: str | None) -> str:
        """A keyed hash of an address: counters and proposals never keep the address itself."""
        mac = hmac.new(self.secret_key().encode(), b"addr|" + (ip or "-").encode(), hashlib.sha256)
        return mac.hexdigest()[:32]

    def _upsert(self):
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        return upsert

    def _hit(self, s: Session, key: str, t: datetime, *, fresh_before: datetime, by: str = "last_at") -> int:
        """Count one event for ``key`` in one atomic statement (safe with several workers on both backends).

        The count starts again from 1 when the key's ``by`` time (``last_at``: the last event, a quiet
        period; ``started_at``: the window's start, a fixed window) is older than ``fresh_before``."""
        col = getattr(tm.Counter, by)
        stale = col < fresh_before
        stmt = self._upsert()(tm.Counter).values(key=key, count=1, started_at=t, last_at=t, blocked_until=None)
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={
            "count": case((stale, 1), else_=tm.Counter.count + 1),
            "started_at": case((stale, literal(t, DateTime)), else_=tm.Counter.started_at),
            "blocked_until": case((stale, null()), else_=tm.Counter.blocked_until),
            "last_at": literal(t, DateTime)}).returning(tm.Counter.count)
        return int(s.execute(stmt).scalar_one())

    def _login_keys(self, username: str, ip: str | None, device: str | None) -> list[tuple[str, int]]:
        cfg = self.settings
        if device:
            # a browser this account logged in from before: only its own failures slow it, so nobody
            # elsewhere can lock the account's owner out
            return [(f"login:device:{device[:64]}", cfg.login_failures_per_account)]
        addr = self._address_key(ip)
        return [(f"login:pair:{username}|{addr}", cfg.login_failures_per_account),
                (f"login:addr:{addr}", cfg.login_failures_per_address),
                (f"login:user:{username}", cfg.login_failures_all)]

    def login_wait(self, username: str, ip: str | None = None, device: str | None = None) -> float:
        """Seconds before a login of ``username`` from ``ip`` (with a device cookie's nonce ``device``) is
        tried again; 0 = now."""
        keys = [k for k, _ in self._login_keys((username or "").strip().lower()[:80], ip, device)]
        t = now()
        with self._session() as s:
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
        with self._session() as s:
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
        with self._session.begin() as s:
            # the pair's (or the device's) count starts again; the address's and the account's do not: a
            # success of one's own account must not buy more guesses at others
            s.query(tm.Counter).filter(tm.Counter.key == keys[0][0]).delete(synchronize_session=False)
            if self.hasher.check_needs_rehash(u.password_hash):
                s.get(tm.User, u.id).password_hash = self.hasher.hash(password)
            actor = Actor(u.id, u.username, u.name, u.role, frozenset(self._regions_of(s, u.id)), ip)
            self._audit(s, actor, "login", "user", u.id)
            return actor, u.session_epoch

    def _login_failed(self, keys: list[tuple[str, int]], username: str, ip: str | None) -> None:
        cfg = self.settings
        longest = timedelta(minutes=cfg.login_backoff_max_minutes)
        quiet = max(timedelta(hours=1), 4 * longest)  # a count forgets after this long without failures
        t = now()
        for attempt in range(5):
            try:
                with self._session.begin() as s:
                    counts = {}
                    for key, free in keys:
                        n = counts[key] = self._hit(s, key, t, fresh_before=t - quiet)
                        if n >= free:
                            delay = min(timedelta(seconds=BACKOFF_BASE * 2 ** min(n - free, 20)), longest)
                            s.execute(update(tm.Counter).where(tm.Counter.key == key).values(blocked_until=t + delay)
                                      .execution_options(synchronize_session=False))
                    self._audit(s, Actor(None, username or "?", username or "?", "public", ip=ip), "login.failed",
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
        with self._session.begin() as s:
            u = s.get(tm.User, target)
            if u is None or u.disabled:
                raise NotFound("akun tidak ditemukan atau nonaktif")
            row = tm.Token(user_id=target, name=name, token_hash=_token_hash(token), prefix=token[:10],
                           created_at=now(), revoked=False)
            s.add(row)
            s.flush()
            self._audit(s, actor, "token.create", "token", row.id, None, {"user": target, "name": name,
                                                                          "prefix": row.prefix})
            return {"id": row.id, "name": name, "prefix": row.prefix, "token": token}

    def tokens(self, actor: Actor) -> list[dict[str, Any]]:
        with self._session() as s:
            q = select(tm.Token).where(tm.Token.revoked.is_(False))
            if actor.role != "admin":
                q = q.where(tm.Token.user_id == actor.id)
            return [{"id": t.id, "user_id": t.user_id, "name": t.name, "prefix": t.prefix,
                     "created_at": t.created_at.isoformat(timespec="seconds")}
                    for t in s.scalars(q.order_by(tm.Token.id))]

    def revoke_token(self, actor: Actor, token_id: int) -> None:
        with self._session.begin() as s:
            t = s.get(tm.Token, token_id)
            if t is None or (t.user_id != actor.id and actor.role != "admin"):
                raise NotFound("token tidak ditemukan")
            t.revoked = True
            self._audit(s, actor, "token.revoke", "token", t.id, {"revoked": False}, {"revoked": True})

    def token_actor(self, token: str, ip: str | None = None) -> Actor | None:
        if not token or not token.startswith("jnj_") or len(token) > 100:
            return None
        with self._session() as s:
            row = s.scalar(select(tm.Token).where(tm.Token.token_hash == _token_hash(token),
                                                  tm.Token.revoked.is_(False)))
            if row is None:
                return None
        return self.actor(row.user_id, ip=ip)

    # --- items ----------------------------------------------------------------------------------------------------

    def _item(self, s: Session, item_id: int) -> tuple[sm.Item, int | None]:
        row = s.execute(select(sm.Item, sm.Document.region_id).join(sm.Document, sm.Document.id == sm.Item.document_id)
                        .where(sm.Item.id == int(item_id))).first()
        if row is None:
            raise NotFound(f"butir janji {item_id} tidak ditemukan")
        item, region_id = row
        if item.kind not in PROMISE_KINDS:
            raise NotTracked(f"butir {item_id} bukan janji (jenis {item.kind}); statusnya tidak dipantau")
        return item, region_id

    def state(self, item_id: int) -> dict[str, Any]:
        """The current status of a promise: ``status``, ``version`` (0 = never rated), progress, ``updated_at``."""
        with self._session() as s:
            return _state_dict(s.get(tm.State, int(item_id)))

    def item_tracking(self, item_id: int, *, include_pending: bool = False) -> dict[str, Any]:
        """Everything a promise's page shows: the item (with its region and pair), its state, default target,
        milestones and history — in one session (this is the most read page)."""
        with self._session() as s:
            item, region_id = self._item(s, item_id)
            state = _state_dict(s.get(tm.State, item.id))
            target = _quantity_target(item.quantities)
            milestones = [_milestone_dict(ms) for ms in s.scalars(
                select(tm.Milestone).where(tm.Milestone.item_id == item.id).order_by(tm.Milestone.position,
                                                                                   tm.Milestone.id))]
            region = s.execute(select(sm.Region.id, sm.Region.name).where(sm.Region.id == region_id)).first() \
                if region_id is not None else None
            pair = s.get(sm.Candidate, item.candidate_id) if item.candidate_id is not None else None
            out = {"item_id": item.id, "region_id": region_id, "kind": item.kind, "text": item.text,
                   "candidate_id": item.candidate_id, "document_id": item.document_id, "state": state,
                   "region": {"id": region[0], "name": region[1]} if region else None,
                   "candidate": _pair_name(pair) if pair is not None else None,
                   "default_target": target, "milestones": milestones,
                   "needs_review": self._needs_review(s, region_id),
                   "history": self._history(s, item.id, include_pending)}
        return out

    def history(self, item_id: int, *, include_pending: bool = False) -> list[dict[str, Any]]:
        """A promise's timeline, newest first (published entries; pending and rejected ones on request)."""
        with self._session() as s:
            return self._history(s, int(item_id), include_pending)

    @staticmethod
    def _history(s: Session, item_id: int, include_pending: bool) -> list[dict[str, Any]]:
        q = select(tm.Update).where(tm.Update.item_id == item_id)
        if not include_pending:
            q = q.where(tm.Update.state == "published")
        rows = s.scalars(q.order_by(func.coalesce(tm.Update.published_at, tm.Update.created_at).desc(),
                                    tm.Update.id.desc())).all()
        files = _file_meta(s, [r.evidence_file_id for r in rows if r.evidence_file_id])
        from janji.track.suggestions import history_documents

        docs = history_documents(s, rows)
        return [_update_dict(r, files) | {"evidence_document": docs.get(r.id)} for r in rows]

    # --- the write path -------------------------------------------------------------------------------------------

    def update_status(self, actor: Actor, item_id: int, status: str, *, evidence_url: str | None = None,
                      evidence_file: tuple[str, bytes] | None = None, evidence_date: Any = None,
                      note: str | None = None, progress_value: Any = None, progress_target: Any = None,
                      progress_unit: Any = None, measured_on: Any = None, expected_version: Any = None,
                      origin: str = "form") -> dict[str, Any]:
        """Record a change of status/progress with its evidence; returns the new history entry.

        ``expected_version`` is the version the author saw (``state(item)["version"]``); if the promise
        changed since, :class:`Conflict` is raised and nothing is saved. In a region that needs review the
        entry is "pending" until a reviewer approves it.
        """
        data = validate_update(status=status, evidence_url=evidence_url, has_file=bool(evidence_file),
                               evidence_date=evidence_date, note=note, progress_value=progress_value,
                               progress_target=progress_target, progress_unit=progress_unit,
                               measured_on=measured_on, expected_version=expected_version)
        if evidence_file is not None:
            self.check_file(*evidence_file)
        for attempt in range(5):
            try:
                with self._session.begin() as s:
                    return self._write_update(s, actor, int(item_id), data, evidence_file, origin)
            except OperationalError as exc:
                # SQLite: another writer held the lock past the timeout; PostgreSQL: a serialization failure
                if attempt == 4:
                    raise Conflict("basis data sibuk; coba simpan lagi") from exc
                time.sleep(0.05 * (attempt + 1))
        raise Conflict("basis data sibuk; coba simpan lagi")

    def _write_update(self, s: Session, actor: Actor, item_id: int, data: dict[str, Any],
                      evidence_file: tuple[str, bytes] | None, origin: str) -> dict[str, Any]:
        item, region_id = self._item(s, item_id)
        if not actor.can_edit(region_id):
            raise Forbidden("Anda tidak berhak mengubah janji di wilayah ini")
        current = s.get(tm.State, item_id)
        seen = current.version if current is not None else 0
        if data["expected_version"] != seen:
            raise Conflict(_conflict_message(current), _state_dict(current))
        if data["progress_value"] is not None and data["progress_target"] is None:
            data["progress_target"] = (current.progress_target if current is not None and current.progress_target
                                       else (_quantity_target(item.quantities) or {}).get("value"))
            if data["progress_unit"] is None:
                data["progress_unit"] = (current.progress_unit if current is not None and current.progress_unit
                                         else (_quantity_target(item.quantities) or {}).get("unit"))
            if data["progress_target"] is None:  # a well-formed request the promise's state cannot take: 409
                raise Conflict("target wajib diisi untuk nilai capaian (janji ini tidak punya target angka)",
                               _state_dict(current))
        file_id = self._store_file(s, *evidence_file) if evidence_file is not None else None
        review = actor.role != "admin" and self._needs_review(s, region_id)
        t = now()
        row = tm.Update(item_id=item_id, region_id=region_id, status=data["status"],
                        progress_value=data["progress_value"], progress_target=data["progress_target"],
                        progress_unit=data["progress_unit"], measured_on=data["measured_on"],
                        evidence_url=data["evidence_url"], evidence_file_id=file_id,
                        evidence_date=data["evidence_date"], note=data["note"], author_id=actor.id,
                        author_name=actor.label, origin=origin, base_version=seen, created_at=t,
                        state="pending" if review else "published")
        s.add(row)
        s.flush()
        if not review:
            self._publish(s, row, current_version=seen)
        after = _update_dict(row, {})
        self._audit(s, actor, "update.submit" if review else "update.publish", "item", item_id,
                    _state_dict(current), after)
        return after

    def _publish(self, s: Session, row: tm.Update, *, current_version: int) -> None:
        """Make ``row`` the promise's current state if the state is still at ``current_version`` (else Conflict)."""
        t = now()
        current = s.get(tm.State, row.item_id)
        prev_status = current.status if current is not None else st.UNRATED
        values = dict(status=row.status, update_id=row.id, progress_value=row.progress_value,
                      progress_target=row.progress_target, progress_unit=row.progress_unit,
                      measured_on=row.measured_on, updated_at=t, region_id=row.region_id)
        if row.progress_value is None and current is not None:
            # a status change without a new measurement keeps the last measured progress
            values.update(progress_value=current.progress_value, progress_target=current.progress_target,
                          progress_unit=current.progress_unit, measured_on=current.measured_on)
        if current_version == 0:
            try:
                with s.begin_nested():
                    s.execute(insert(tm.State).values(item_id=row.item_id, version=1, **values))
            except IntegrityError:
                raise Conflict(_conflict_message(None)) from None
        else:
            res = s.execute(update(tm.State).where(tm.State.item_id == row.item_id,
                                                   tm.State.version == current_version)
                            .values(version=tm.State.version + 1, **values)
                            .execution_options(synchronize_session=False))
            if res.rowcount != 1:
                s.expire_all()
                raise Conflict(_conflict_message(s.get(tm.State, row.item_id)))
        row.state, row.published_at, row.published_month, row.prev_status = "published", t, t.strftime("%Y-%m"), \
            prev_status
        old = (current.status, current.progress_value, current.progress_target) if current is not None else None
        self._tally_publish(s, row, old, (values["status"], values["progress_value"], values["progress_target"]),
                            row.published_month)
        s.flush()
        s.expire_all()

    def _needs_review(self, s: Session, region_id: int | None) -> bool:
        if region_id is None:
            return False
        row = s.get(tm.RegionSetting, region_id)
        return bool(row and row.needs_review)

    def check_file(self, name: str, data: bytes, size: int | None = None) -> None:
        """An evidence file must have bytes and stay within ``JANJI_EVIDENCE_MAX_MB``: :class:`TooLarge` (413).
        ``size``: the file's whole size when only its first bytes were read."""
        size = len(data) if size is None else size
        if not size:
            raise Invalid(f"{safe_filename(name)}: berkas bukti kosong")
        if size > self.settings.evidence_max_bytes:
            mb = f"{size / track_settings.MB:.1f}".replace(".", ",")
            raise TooLarge(f"{safe_filename(name)}: berkas bukti terlalu besar ({mb} MB); "
                           f"batas {self.settings.evidence_max_mb} MB")

    @staticmethod
    def _store_file(s: Session, name: str, data: bytes) -> int:
        row = tm.File(sha256=hashlib.sha256(data).hexdigest(), name=safe_filename(name), content_type=sniff(data),
                      size=len(data), data=data, created_at=now())
        s.add(row)
        s.flush()
        return row.id

    def file(self, file_id: int) -> dict[str, Any] | None:
        """An evidence file: ``name``, ``content_type`` (sniffed), ``data`` — if it belongs to a published entry."""
        with self._session() as s:
            f = s.get(tm.File, int(file_id))
            if f is None:
                return None
            published = s.scalar(select(func.count()).select_from(tm.Update).where(
                tm.Update.evidence_file_id == f.id, tm.Update.state == "published"))
            return {"id": f.id, "name": f.name, "content_type": f.content_type, "size": f.size, "data": f.data,
                    "published": bool(published)}

    # --- review ---------------------------------------------------------------------------------------------------

    QUEUE_PAGE = 50

    def _queue_filters(self, actor: Actor, q, model, *, region: int | None = None, has_file: bool | None = None,
                       text: str | None = None, source: str | None = None):
        """The queue's filters on a select of ``model`` (``tm.Update`` or ``tm.Proposal``) joined to the item."""
        if actor.role != "admin":
            q = q.where(model.region_id.in_(actor.regions or {-1}))
        if region is not None:
            q = q.where(model.region_id == region)
        if has_file is not None:
            q = q.where(model.evidence_file_id.is_not(None) if has_file else model.evidence_file_id.is_(None))
        if text:
            like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            who = model.proposer if model is tm.Proposal else model.author_name
            q = q.where(or_(*(func.lower(func.coalesce(col, "")).like(like.lower(), escape="\\")
                              for col in (sm.Item.text, model.note, model.evidence_url, who))))
        if source is not None:
            q = q.where(tm.Proposal.source == source) if model is tm.Proposal else q.where(false())
        return q

    def queue(self, actor: Actor, *, kind: str | None = None, region: int | None = None,
              has_file: bool | None = None, text: str | None = None, source: str | None = None, page: int = 1,
              per_page: int = QUEUE_PAGE) -> dict[str, Any]:
        """Pending updates and public proposals the actor may review, oldest first, a page at a time.

        Filters: ``kind`` ("updates" or "proposals" only), ``region``, ``has_file``, ``text`` (in the promise,
        note, URL or name), ``source`` (proposals sent from one address: its keyed hash). ``senders`` lists
        the addresses with the most pending proposals, so that a flood is found and rejected in one go.
        """
        if actor.role not in ("admin", "reviewer"):
            raise Forbidden("hanya peninjau atau admin yang dapat membuka antrean tinjauan")
        page = max(1, int(page))
        per_page = max(1, min(int(per_page), 500))
        text = (text or "").strip()[:200] or None
        with self._session() as s:
            out: dict[str, Any] = {"page": page, "per_page": per_page}
            for name, model in (("updates", tm.Update), ("proposals", tm.Proposal)):
                if kind not in (None, name):
                    out[name], out[f"{name}_total"] = [], 0
                    continue
                base = self._queue_filters(actor, select(model.id).join(sm.Item, sm.Item.id == model.item_id)
                                           .where(model.state == "pending"), model, region=region,
                                           has_file=has_file, text=text, source=source)
                out[f"{name}_total"] = s.scalar(select(func.count()).select_from(base.subquery()))
                ids = list(s.scalars(base.order_by(model.id).limit(per_page).offset((page - 1) * per_page)))
                rows = s.execute(select(model, sm.Item.text).join(sm.Item, sm.Item.id == model.item_id)
                                 .where(model.id.in_(ids or [-1])).order_by(model.id)).all()
                files = _file_meta(s, [r.evidence_file_id for r, _ in rows if r.evidence_file_id])
                as_dict = _update_dict if model is tm.Update else _proposal_dict
                out[name] = [as_dict(r, files) | {"item_text": t} for r, t in rows]
            out["pages"] = max(1, -(-max(out["updates_total"], out["proposals_total"]) // per_page))
            senders = select(tm.Proposal.source, func.count().label("n")).where(
                tm.Proposal.state == "pending", tm.Proposal.source.is_not(None))
            if actor.role != "admin":
                senders = senders.where(tm.Proposal.region_id.in_(actor.regions or {-1}))
            out["senders"] = [{"source": src, "pending": n} for src, n in s.execute(
                senders.group_by(tm.Proposal.source).having(func.count() > 1)
                .order_by(func.count().desc(), tm.Proposal.source).limit(10))]
            return out

    BULK_MAX = 2000

    def reject_proposals(self, actor: Actor, ids: Iterable[int] | None = None, *, region: int | None = None,
                         has_file: bool | None = None, text: str | None = None, source: str | None = None
                         ) -> dict[str, Any]:
        """Reject many pending proposals at once: the ``ids`` given, or (``ids`` None) every one matching the
        queue's filters, up to :attr:`BULK_MAX` per call. Their files are deleted (a rejected proposal is
        never shown); each rejection is audited. Returns ``{"rejected": n, "left": pending still matching}``."""
        if actor.role not in ("admin", "reviewer"):
            raise Forbidden("hanya peninjau atau admin yang dapat menolak usulan")
        t = now()
        with self._session.begin() as s:
            q = self._queue_filters(actor, select(tm.Proposal).join(sm.Item, sm.Item.id == tm.Proposal.item_id)
                                    .where(tm.Proposal.state == "pending"), tm.Proposal, region=region,
                                    has_file=has_file, text=text, source=source)
            if ids is not None:
                wanted = sorted({int(i) for i in ids})[: self.BULK_MAX]
                q = q.where(tm.Proposal.id.in_(wanted or [-1]))
            rows = list(s.scalars(q.order_by(tm.Proposal.id).limit(self.BULK_MAX)))
            files = []
            for p in rows:
                p.state, p.reviewer_id, p.reviewed_at = "rejected", actor.id, t
                self._audit(s, actor, "proposal.reject", "proposal", p.id, {"state": "pending"},
                            _proposal_dict(p, {}))
                if p.evidence_file_id is not None:
                    files.append(p.evidence_file_id)
                    p.evidence_file_id = None
            s.flush()
            self._drop_files(s, files)
            left = 0
            if ids is None:
                left = s.scalar(select(func.count()).select_from(q.subquery()))
            return {"rejected": len(rows), "left": left}

    @staticmethod
    def _drop_files(s: Session, file_ids: list[int]) -> None:
        """Delete evidence files nothing refers to any more (a rejected proposal's)."""
        for chunk in range(0, len(file_ids), 500):
            part = file_ids[chunk:chunk + 500]
            used = set(s.scalars(select(tm.Update.evidence_file_id).where(tm.Update.evidence_file_id.in_(part))))
            used |= set(s.scalars(select(tm.Proposal.evidence_file_id).where(tm.Proposal.evidence_file_id.in_(part))))
            gone = [f for f in part if f not in used]
            if gone:
                s.query(tm.File).filter(tm.File.id.in_(gone)).delete(synchronize_session=False)

    def review(self, actor: Actor, update_id: int, approve: bool, note: str | None = None) -> dict[str, Any]:
        """Approve (publish) or reject a pending update. Approving publishes on top of whatever is current:
        both entries stay in the history, nothing is overwritten."""
        note = (note or "").strip()[:MAX_NOTE] or None
        for _ in range(5):
            try:
                with self._session.begin() as s:
                    row = s.get(tm.Update, int(update_id))
                    if row is None:
                        raise NotFound(f"perubahan {update_id} tidak ditemukan")
                    if not actor.can_review(row.region_id):
                        raise Forbidden("Anda tidak berhak meninjau perubahan di wilayah ini")
                    if actor.id is not None and row.author_id == actor.id:
                        raise Forbidden("perubahan sendiri tidak dapat ditinjau sendiri")
                    claimed = s.execute(update(tm.Update).where(tm.Update.id == row.id, tm.Update.state == "pending")
                                        .values(state="reviewing" if approve else "rejected", reviewer_id=actor.id,
                                                reviewed_at=now(), review_note=note)
                                        .execution_options(synchronize_session=False))
                    if claimed.rowcount != 1:
                        raise Conflict("perubahan ini sudah ditinjau orang lain")
                    s.expire_all()
                    row = s.get(tm.Update, int(update_id))
                    if approve:
                        current = s.get(tm.State, row.item_id)
                        self._publish(s, row, current_version=current.version if current is not None else 0)
                    after = _update_dict(row, {})
                    self._audit(s, actor, "update.approve" if approve else "update.reject", "update", row.id,
                                {"state": "pending"}, after)
                    return after
            except Conflict as exc:
                if "ditinjau" in exc.message:
                    raise
                continue  # the state moved between our read and our write: read it again
        raise Conflict("basis data sibuk; coba lagi")

    # --- public proposals -----------------------------------------------------------------------------------------

    def proposal_wait(self, ip: str | None) -> tuple[float, str | None]:
        """Seconds before ``ip`` may send another proposal, with the reason in Indonesian; (0, None) = now.

        Only reads the rate counters, and says "wait" only once a post has already been refused by them (so a
        person who goes one over the limit still gets the form back with what they typed). The portal asks
        this before it reads a proposal's body: a flood is refused without receiving its files."""
        cfg = self.settings
        t = now()
        keys = {f"proposal:addr:{self._address_key(ip)}": (cfg.proposal_rate_address, _RATE_ADDRESS),
                "proposal:all": (cfg.proposal_rate_all, _RATE_ALL)}
        with self._session() as s:
            for row in s.scalars(select(tm.Counter).where(tm.Counter.key.in_(list(keys)))):
                rate, message = keys[row.key]
                end = row.started_at + timedelta(seconds=rate.seconds)
                if end > t and row.count > rate.count:
                    wait = (end - t).total_seconds()
                    return wait, message.format(wait=wait_label(wait))
        return 0.0, None

    def _quota_wait(self, s: Session, source: str | None, size: int, t: datetime) -> tuple[float, str | None]:
        """The daily quotas and the queue's file cap, counted from the proposals kept in the database (so
        every worker process sees the same): (seconds to wait, reason) or (0, None)."""
        cfg = self.settings
        since = t - DAY

        def until_oldest(q) -> float:
            oldest = s.scalar(q)
            return max(60.0, ((oldest + DAY) - t).total_seconds()) if oldest else 3600.0

        recent = select(tm.Proposal.created_at).where(tm.Proposal.created_at >= since)
        if source is not None:
            n = s.scalar(select(func.count()).where(tm.Proposal.source == source, tm.Proposal.created_at >= since))
            if n >= cfg.proposal_daily_address:
                wait = until_oldest(select(func.min(tm.Proposal.created_at)).where(
                    tm.Proposal.source == source, tm.Proposal.created_at >= since))
                return wait, _DAILY_ADDRESS.format(n=cfg.proposal_daily_address, wait=wait_label(wait))
        n = s.scalar(select(func.count()).select_from(recent.subquery()))
        if n >= cfg.proposal_daily_all:
            wait = until_oldest(select(func.min(tm.Proposal.created_at)).where(tm.Proposal.created_at >= since))
            return wait, _DAILY_ALL.format(wait=wait_label(wait))
        if size:
            daily = s.scalar(select(func.coalesce(func.sum(tm.File.size), 0)).select_from(tm.Proposal)
                             .join(tm.File, tm.File.id == tm.Proposal.evidence_file_id)
                             .where(tm.Proposal.created_at >= since))
            if daily + size > cfg.proposal_daily_mb * track_settings.MB:
                wait = until_oldest(select(func.min(tm.Proposal.created_at)).where(
                    tm.Proposal.created_at >= since, tm.Proposal.evidence_file_id.is_not(None)))
                return wait, _DAILY_BYTES.format(wait=wait_label(wait))
            waiting = s.scalar(select(func.coalesce(func.sum(tm.File.size), 0)).select_from(tm.Proposal)
                               .join(tm.File, tm.File.id == tm.Proposal.evidence_file_id)
                               .where(tm.Proposal.state == "pending"))
            if waiting + size > cfg.proposal_pending_mb * track_settings.MB:
                return 3600.0, _QUEUE_FULL
        return 0.0, None

    def count_proposal(self, ip: str | None) -> None:
        """Count one proposal post against the per-address rate, then (if that allowed it) the overall rate:
        :class:`Throttled` when either is used up. An address over its own limit does not use up everyone's."""
        cfg = self.settings
        t = now()
        for key, rate, message in ((f"proposal:addr:{self._address_key(ip)}", cfg.proposal_rate_address,
                                    _RATE_ADDRESS), ("proposal:all", cfg.proposal_rate_all, _RATE_ALL)):
            window = timedelta(seconds=rate.seconds)
            for attempt in range(5):
                try:
                    with self._session.begin() as s:
                        n = self._hit(s, key, t, fresh_before=t - window, by="started_at")
                        started = s.scalar(select(tm.Counter.started_at).where(tm.Counter.key == key))
                    break
                except (IntegrityError, OperationalError):
                    if attempt == 4:
                        raise Throttled("server sedang sibuk; coba lagi sebentar lagi", 5) from None
                    time.sleep(0.05 * (attempt + 1))
            if n > rate.count:
                wait = ((started + window) - t).total_seconds()
                raise Throttled(message.format(wait=wait_label(wait)), wait)

    def propose(self, item_id: int, *, proposer: str, contact: str | None = None, status: str | None = None,
                evidence_url: str | None = None, evidence_file: tuple[str, bytes] | None = None,
                evidence_date: Any = None, note: str | None = None, ip: str | None = None,
                limits: bool = False) -> dict[str, Any]:
        """Anyone proposes evidence for a promise: it waits in the review queue, never published unreviewed.

        With ``limits`` (the portal's public form sets it), every post counts against the per-address and overall rates, and
        an accepted one against the daily quotas and the queue's file cap (``janji.track.settings``); over
        any of them: :class:`Throttled` (429) with the seconds to wait. A file over the evidence limit:
        :class:`TooLarge` (413)."""
        if limits:
            self.count_proposal(ip)
        errors = []
        proposer = (proposer or "").strip()
        if not proposer or len(proposer) > 200:
            errors.append("nama pengusul wajib diisi (maks. 200 karakter)")
        contact = (contact or "").strip()[:200] or None
        try:
            data = validate_update(status=status or st.UNRATED, evidence_url=evidence_url,
                                   has_file=bool(evidence_file), evidence_date=evidence_date, note=note,
                                   require_version=False)
        except Invalid as exc:
            errors.extend(exc.errors)
            data = None
        if errors:
            raise Invalid("; ".join(errors), errors)
        if evidence_file is not None:
            self.check_file(*evidence_file)
        source = self._address_key(ip) if ip is not None else None
        with self._session.begin() as s:
            if limits:
                # one row every proposal writes first: its lock (held to the commit, on both backends) lets
                # one proposal at a time count the quotas and add itself, so a burst cannot overshoot them
                t = now()
                self._hit(s, "proposal:serial", t, fresh_before=t - DAY)
            item, region_id = self._item(s, item_id)
            if limits:
                wait, reason = self._quota_wait(s, source, len(evidence_file[1]) if evidence_file else 0, now())
                if wait:
                    raise Throttled(reason, wait)
            file_id = self._store_file(s, *evidence_file) if evidence_file is not None else None
            row = tm.Proposal(item_id=item.id, region_id=region_id, proposer=proposer, contact=contact,
                              status=data["status"] if status else None, evidence_url=data["evidence_url"],
                              evidence_file_id=file_id, evidence_date=data["evidence_date"], note=data["note"],
                              created_at=now(), source=source, state="pending")
            s.add(row)
            s.flush()
            out = _proposal_dict(row, {})
            self._audit(s, Actor(None, "publik", f"publik: {proposer}", "public", ip=ip), "proposal.add", "item",
                        item.id, None, out)
            return out

    def review_proposal(self, actor: Actor, proposal_id: int, approve: bool, *, status: str | None = None
                        ) -> dict[str, Any]:
        """Approve (becomes a published history entry, credited to the proposer) or reject a proposal."""
        for _ in range(5):
            try:
                with self._session.begin() as s:
                    p = s.get(tm.Proposal, int(proposal_id))
                    if p is None:
                        raise NotFound(f"usulan {proposal_id} tidak ditemukan")
                    if not actor.can_review(p.region_id):
                        raise Forbidden("Anda tidak berhak meninjau usulan di wilayah ini")
                    claimed = s.execute(update(tm.Proposal).where(tm.Proposal.id == p.id,
                                                                  tm.Proposal.state == "pending")
                                        .values(state="approved" if approve else "rejected", reviewer_id=actor.id,
                                                reviewed_at=now()).execution_options(synchronize_session=False))
                    if claimed.rowcount != 1:
                        raise Conflict("usulan ini sudah ditinjau orang lain")
                    s.expire_all()
                    p = s.get(tm.Proposal, int(proposal_id))
                    current = s.get(tm.State, p.item_id)
                    new_status = st.normalise(status) or p.status or (current.status if current else st.UNRATED)
                    entry = None
                    if approve:
                        row = tm.Update(item_id=p.item_id, region_id=p.region_id, status=new_status,
                                        evidence_url=p.evidence_url, evidence_file_id=p.evidence_file_id,
                                        evidence_date=p.evidence_date, note=p.note, author_id=None,
                                        author_name=f"{p.proposer} (usulan publik)", origin="proposal",
                                        base_version=current.version if current else 0, created_at=p.created_at,
                                        state="reviewing", reviewer_id=actor.id, reviewed_at=now())
                        s.add(row)
                        s.flush()
                        self._publish(s, row, current_version=current.version if current else 0)
                        p.update_id = row.id
                        entry = _update_dict(row, {})
                    out = _proposal_dict(p, {}) | {"update": entry}
                    self._audit(s, actor, "proposal.approve" if approve else "proposal.reject", "proposal", p.id,
                                {"state": "pending"}, out)
                    if not approve and p.evidence_file_id is not None:
                        dropped, p.evidence_file_id = p.evidence_file_id, None
                        s.flush()
                        self._drop_files(s, [dropped])
                    return out
            except Conflict as exc:
                if "ditinjau" in exc.message:
                    raise
                continue
        raise Conflict("basis data sibuk; coba lagi")

    # --- evidence suggestions (janji.track.suggestions) ------------------------------------------------------------

    def suggestions(self, actor: Actor, region_id: int) -> dict[str, Any]:
        """A region's pending evidence suggestions by promise (editors of the region; computed when stale)."""
        from janji.track import suggestions

        return suggestions.for_region(self, actor, region_id)

    def accept_suggestion(self, actor: Actor, suggestion_id: int, note: str | None = None) -> dict[str, Any]:
        """Accept a suggestion: a history entry with its source and date, audited; no status changes."""
        from janji.track import suggestions

        return suggestions.accept(self, actor, suggestion_id, note)

    def reject_suggestion(self, actor: Actor, suggestion_id: int) -> dict[str, Any]:
        """Reject a suggestion (audited); it is not proposed again."""
        from janji.track import suggestions

        return suggestions.reject(self, actor, suggestion_id)

    # --- milestones -----------------------------------------------------------------------------------------------

    def add_milestone(self, actor: Actor, item_id: int, name: str, *, planned_on: Any = None,
                      reached_on: Any = None, evidence_url: str | None = None) -> dict[str, Any]:
        errors: list[str] = []
        name = (name or "").strip()
        if not name or len(name) > 200:
            errors.append("nama tahapan wajib diisi (maks. 200 karakter)")
        planned = _any_date(planned_on, "tanggal rencana", errors)
        reached = parse_date(reached_on, "tanggal tercapai", errors)
        url = (evidence_url or "").strip() or None
        if url and not http_url(url):
            errors.append("URL bukti harus alamat http:// atau https:// yang lengkap")
        if reached and not url:
            errors.append("tahapan yang sudah tercapai perlu URL bukti")
        if errors:
            raise Invalid("; ".join(errors), errors)
        with self._session.begin() as s:
            item, region_id = self._item(s, item_id)
            if not actor.can_edit(region_id):
                raise Forbidden("Anda tidak berhak mengubah janji di wilayah ini")
            pos = (s.scalar(select(func.max(tm.Milestone.position)).where(tm.Milestone.item_id == item.id)) or 0) + 1
            row = tm.Milestone(item_id=item.id, position=pos, name=name, planned_on=planned, reached_on=reached,
                               evidence_url=url, created_by_id=actor.id)
            s.add(row)
            s.flush()
            out = _milestone_dict(row)
            self._audit(s, actor, "milestone.add", "item", item.id, None, out)
            return out

    def reach_milestone(self, actor: Actor, milestone_id: int, reached_on: Any, evidence_url: str) -> dict[str, Any]:
        errors: list[str] = []
        reached = parse_date(reached_on, "tanggal tercapai", errors, required=True)
        url = (evidence_url or "").strip() or None
        if not url or not http_url(url):
            errors.append("URL bukti harus alamat http:// atau https:// yang lengkap")
        if errors:
            raise Invalid("; ".join(errors), errors)
        with self._session.begin() as s:
            row = s.get(tm.Milestone, int(milestone_id))
            if row is None:
                raise NotFound(f"tahapan {milestone_id} tidak ditemukan")
            _, region_id = self._item(s, row.item_id)
            if not actor.can_edit(region_id):
                raise Forbidden("Anda tidak berhak mengubah janji di wilayah ini")
            before = _milestone_dict(row)
            row.reached_on, row.evidence_url = reached, url
            s.flush()
            out = _milestone_dict(row)
            self._audit(s, actor, "milestone.reach", "milestone", row.id, before, out)
            return out

    # --- reading: scorecards and roll-ups -------------------------------------------------------------------------

    def _promises(self, region_id: int):
        return (select(sm.Item.id).join(sm.Document, sm.Document.id == sm.Item.document_id)
                .where(sm.Document.region_id == region_id, sm.Document.superseded_by_id.is_(None),
                       sm.Item.kind.in_(PROMISE_KINDS)))

    @staticmethod
    def _documents_fingerprint(s: Session) -> str:
        """Changes whenever a document is added or superseded (one aggregate over the small documents table)."""
        return ",".join(str(v) for v in s.execute(select(func.max(sm.Document.id), func.count(sm.Document.superseded_by_id),
                                                         func.count(sm.Document.id))).one())

    def _totals(self, s: Session, region_id: int, fp: str) -> dict[str, Any]:
        """Promises of the region per pair and per bidang (store data: cached until the documents change)."""
        cached = self._index_cache.get(region_id)
        if cached is not None and cached[0] == fp:
            return cached[1]
        where = (sm.Document.region_id == region_id, sm.Document.superseded_by_id.is_(None),
                 sm.Item.kind.in_(PROMISE_KINDS))
        pairs = {("-" if c is None else str(c)): n for c, n in s.execute(
            select(sm.Item.candidate_id, func.count()).join(sm.Document, sm.Document.id == sm.Item.document_id)
            .where(*where).group_by(sm.Item.candidate_id))}
        sectors = dict(s.execute(
            select(sm.ItemSector.code, func.count()).join(sm.Item, sm.Item.id == sm.ItemSector.item_id)
            .join(sm.Document, sm.Document.id == sm.Item.document_id).where(*where).group_by(sm.ItemSector.code)).all())
        out = {"pairs": pairs, "sectors": sectors, "total": sum(pairs.values())}
        if len(self._index_cache) > 256:
            self._index_cache.clear()
        self._index_cache[region_id] = (fp, out)
        return out

    def _bump(self, s: Session, region_id: int | None, scope: str, key: str, status: str, dn: int,
              dt: float = 0.0) -> None:
        if region_id is None or (dn == 0 and dt == 0.0):
            return
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        stmt = upsert(tm.Tally).values(region_id=region_id, scope=scope, key=key, status=status, n=dn, total=dt)
        s.execute(stmt.on_conflict_do_update(index_elements=["region_id", "scope", "key", "status"],
                                             set_={"n": tm.Tally.n + dn, "total": tm.Tally.total + dt}))

    def _tally_publish(self, s: Session, row: tm.Update, old: tuple | None, new: tuple, month: str) -> None:
        """Move one promise from its old (status, value, target) to the new one in the running tallies."""
        item = s.get(sm.Item, row.item_id)
        doc = s.get(sm.Document, item.document_id)
        region = row.region_id
        old_status = old[0] if old else st.UNRATED
        self._bump(s, region, "month", month, old_status, -1)
        self._bump(s, region, "month", month, new[0], 1)
        if doc.superseded_by_id is not None:
            return  # history only: a superseded document's promises are not on the scorecard
        pair = "-" if item.candidate_id is None else str(item.candidate_id)
        if old:
            self._bump(s, region, "pair", pair, old[0], -1)
            for code in item.sectors or []:
                self._bump(s, region, "sector", code, old[0], -1)
        self._bump(s, region, "pair", pair, new[0], 1)
        for code in item.sectors or []:
            self._bump(s, region, "sector", code, new[0], 1)
        was = old is not None and old[1] is not None and bool(old[2])
        now_ = new[1] is not None and bool(new[2])
        if was or now_:
            self._bump(s, region, "progress", "-", "measured", int(now_) - int(was),
                       (capped_ratio(new[1], new[2]) if now_ else 0.0) - (capped_ratio(old[1], old[2]) if was else 0.0))

    def _rebuild_tally(self, region_id: int, fp: str) -> None:
        """Recount a region's tallies from the current states and the published history."""
        with self._session.begin() as s:
            s.query(tm.Tally).filter(tm.Tally.region_id == region_id).delete(synchronize_session=False)
            cur = (select(tm.State.item_id).join(sm.Item, sm.Item.id == tm.State.item_id)
                   .join(sm.Document, sm.Document.id == sm.Item.document_id)
                   .where(tm.State.region_id == region_id, sm.Document.superseded_by_id.is_(None)))
            rows = []
            for cand, status, n in s.execute(
                    select(sm.Item.candidate_id, tm.State.status, func.count()).join(tm.State, tm.State.item_id == sm.Item.id)
                    .where(tm.State.item_id.in_(cur.scalar_subquery())).group_by(sm.Item.candidate_id, tm.State.status)):
                rows.append(dict(scope="pair", key="-" if cand is None else str(cand), status=status, n=n, total=0.0))
            for code, status, n in s.execute(
                    select(sm.ItemSector.code, tm.State.status, func.count())
                    .join(tm.State, tm.State.item_id == sm.ItemSector.item_id)
                    .where(tm.State.item_id.in_(cur.scalar_subquery())).group_by(sm.ItemSector.code, tm.State.status)):
                rows.append(dict(scope="sector", key=code, status=status, n=n, total=0.0))
            ratio = case((tm.State.progress_value > RATIO_CAP * tm.State.progress_target, RATIO_CAP),
                         else_=tm.State.progress_value / tm.State.progress_target)  # as capped_ratio
            n, total = s.execute(select(func.count(), func.sum(ratio))
                                 .where(tm.State.item_id.in_(cur.scalar_subquery()), tm.State.progress_target > 0,
                                        tm.State.progress_value.is_not(None))).one()
            if n:
                rows.append(dict(scope="progress", key="-", status="measured", n=n, total=float(total or 0)))
            months: dict[tuple[str, str], int] = defaultdict(int)
            for m, prev, new, c in s.execute(
                    select(tm.Update.published_month, tm.Update.prev_status, tm.Update.status, func.count())
                    .where(tm.Update.region_id == region_id, tm.Update.state == "published")
                    .group_by(tm.Update.published_month, tm.Update.prev_status, tm.Update.status)):
                months[(m, prev or st.UNRATED)] -= c
                months[(m, new)] += c
            rows.extend(dict(scope="month", key=m, status=status, n=c, total=0.0)
                        for (m, status), c in months.items() if c)
            if rows:
                s.execute(insert(tm.Tally), [dict(r, region_id=region_id) for r in rows])
            key = f"tally:{region_id}"
            setting = s.get(tm.Setting, key)
            if setting is None:
                s.add(tm.Setting(key=key, value=fp))
            else:
                setting.value = fp

    def scorecard(self, region_id: int) -> dict[str, Any] | None:
        """A region's scorecard: counts per status (overall, per pair, per bidang urusan), progress, a monthly
        series of status counts, and the latest changes. None if the region does not exist.

        Reads running tallies (kept with every publication), so its cost does not grow with the number of
        promises; after documents are added or superseded the first read recounts them.
        """
        with self._session() as s:
            region = s.get(sm.Region, int(region_id))
            if region is None:
                return None
            fp = self._documents_fingerprint(s)
            totals = self._totals(s, region.id, fp)
            stamp = s.get(tm.Setting, f"tally:{region.id}")
            fresh = stamp is not None and stamp.value == fp
        if not fresh:
            for _ in range(3):
                try:
                    self._rebuild_tally(region.id, fp)
                    break
                except (IntegrityError, OperationalError):  # another reader rebuilt it at the same moment
                    time.sleep(0.05)
        with self._session() as s:
            tallies = s.execute(select(tm.Tally.scope, tm.Tally.key, tm.Tally.status, tm.Tally.n, tm.Tally.total)
                                .where(tm.Tally.region_id == region.id)).all()
            recent = s.execute(select(tm.Update, sm.Item.text).join(sm.Item, sm.Item.id == tm.Update.item_id)
                               .where(tm.Update.region_id == region.id, tm.Update.state == "published")
                               .order_by(tm.Update.published_at.desc()).limit(10)).all()
            needs_review = self._needs_review(s, region.id)
            per_pair: dict[str, dict[str, int]] = defaultdict(_zero)
            sectors: dict[str, dict[str, int]] = defaultdict(_zero)
            month_rows: dict[str, dict[str, int]] = defaultdict(_zero)
            measured, ratio_sum = 0, 0.0
            for scope, key, status, n, total in tallies:
                if scope == "pair" and key in totals["pairs"]:
                    per_pair[key][status] += n
                elif scope == "sector" and key in totals["sectors"]:
                    sectors[key][status] += n
                elif scope == "month":
                    month_rows[key][status] += n
                elif scope == "progress":
                    measured, ratio_sum = n, total
            for key, n in totals["pairs"].items():
                per_pair[key][st.UNRATED] = n - sum(per_pair[key].values())
            for code, n in totals["sectors"].items():
                sectors[code][st.UNRATED] = n - sum(sectors[code].values())
            counts = _zero()
            for c in per_pair.values():
                for k, v in c.items():
                    counts[k] += v
            ids = [int(k) for k in per_pair if k != "-"]
            pairs = {str(c.id): c for c in s.scalars(select(sm.Candidate).where(sm.Candidate.id.in_(ids)))}
        from janji.web import labels

        series, running = [], _zero()
        running[st.UNRATED] = totals["total"]
        for month in sorted(month_rows):
            for k, v in month_rows[month].items():
                running[k] += v
            series.append({"month": month, "counts": dict(running)})
        if series:
            # the newest point is today's scorecard (promises added or superseded since the history began)
            series[-1]["counts"] = dict(counts)
        total = sum(counts.values())
        return {
            "region": {"id": region.id, "name": region.name, "code": region.code},
            "needs_review": needs_review,
            "total": total, "counts": counts, "shares": {k: (v / total if total else None) for k, v in counts.items()},
            "progress": {"measured": measured,
                         "average_percent": round(100 * ratio_sum / measured, 1) if measured else None},
            "pairs": sorted(({"id": int(k) if k != "-" else None,
                              "name": _pair_name(pairs[k]) if k in pairs else "(tanpa pasangan)",
                              "number": pairs[k].number if k in pairs else None, "counts": c,
                              "total": sum(c.values())} for k, c in per_pair.items()),
                            key=lambda p: (p["number"] is None, p["number"] or 0, p["name"])),
            "sectors": sorted(({"code": code, "name": labels.sector_name(code), "counts": c,
                                "total": sum(c.values())} for code, c in sectors.items()),
                              key=lambda r: (-r["total"], r["code"])),
            "series": series,
            "recent": [_update_dict(u, {}) | {"item_text": text} for u, text in recent],
            "definitions": st.definitions(),
        }

    def regions_rollup(self) -> list[dict[str, Any]]:
        """Counts per status for every region that has promises (the national roll-up)."""
        with self._session() as s:
            q = (select(sm.Document.region_id, func.coalesce(tm.State.status, st.UNRATED), func.count())
                 .select_from(sm.Item).join(sm.Document, sm.Document.id == sm.Item.document_id)
                 .outerjoin(tm.State, tm.State.item_id == sm.Item.id)
                 .where(sm.Document.region_id.is_not(None), sm.Document.superseded_by_id.is_(None),
                        sm.Item.kind.in_(PROMISE_KINDS))
                 .group_by(sm.Document.region_id, tm.State.status))
            per = defaultdict(_zero)
            for rid, status, n in s.execute(q):
                per[rid][status] += n
            names = dict(s.execute(select(sm.Region.id, sm.Region.name).where(sm.Region.id.in_(list(per)))).all())
        return sorted(({"id": rid, "name": names.get(rid, "?"), "counts": c, "total": sum(c.values())}
                       for rid, c in per.items()), key=lambda r: r["name"])

    def pair_tracking(self, candidate_id: int, status: str | None = None) -> dict[str, Any] | None:
        """A pair's promises with their current status, filterable by status, rolled up by misi (a mission
        counts its own status and its descendants'; promises outside any mission are grouped together)."""
        with self._session() as s:
            row = s.execute(select(sm.Candidate, sm.Election, sm.Region)
                            .outerjoin(sm.Election, sm.Election.id == sm.Candidate.election_id)
                            .outerjoin(sm.Region, sm.Region.id == sm.Election.region_id)
                            .where(sm.Candidate.id == int(candidate_id))).first()
            if row is None:
                return None
            c, el, reg = row
            pair = {"id": c.id, "head": c.head, "deputy": c.deputy, "number": c.number, "parties": list(c.parties or []),
                    "region": {"id": reg.id, "name": reg.name} if reg else None,
                    "election": {"id": el.id, "year": el.year} if el else None}
            rows = s.execute(
                select(sm.Item.id, sm.Item.parent_id, sm.Item.kind, sm.Item.label, sm.Item.text, sm.Item.depth,
                       tm.State.status, tm.State.version, tm.State.progress_value, tm.State.progress_target,
                       tm.State.progress_unit, tm.State.measured_on, tm.State.updated_at, tm.State.update_id)
                .join(sm.Document, sm.Document.id == sm.Item.document_id)
                .outerjoin(tm.State, tm.State.item_id == sm.Item.id)
                .where(sm.Item.candidate_id == int(candidate_id), sm.Document.superseded_by_id.is_(None))
                .order_by(sm.Item.document_id, sm.Item.position)).all()
        canonical = st.normalise(status) if status else None
        mission_of: dict[int, Any] = {}
        text_of = {r[0]: r[4] for r in rows}
        counts = _zero()
        missions: dict[Any, dict[str, Any]] = {}
        out = []
        for item_id, parent_id, kind, label, text, depth, *state in rows:
            mission = item_id if kind == "mission" else mission_of.get(parent_id)
            mission_of[item_id] = mission
            if kind not in PROMISE_KINDS:
                continue
            status_now = state[0] or st.UNRATED
            counts[status_now] += 1
            if mission not in missions:
                missions[mission] = {"id": mission, "text": text_of.get(mission, "(di luar misi)") if mission
                                     else "(di luar misi)", "counts": _zero()}
            missions[mission]["counts"][status_now] += 1
            if canonical is None or status_now == canonical:
                out.append({"id": item_id, "kind": kind, "label": label, "text": text, "depth": depth,
                            "state": _state_values(*state)})
        return {"candidate": {k: pair.get(k) for k in ("id", "head", "deputy", "number", "parties", "region",
                                                         "election")},
                "status": canonical, "counts": counts, "total": sum(counts.values()),
                "missions": [dict(v, total=sum(v["counts"].values())) for v in missions.values()],
                "items": out, "definitions": st.definitions()}

    # --- export / import --------------------------------------------------------------------------------------------

    def export_rows(self, region_id: int) -> list[dict[str, Any]]:
        """One row per promise of a region in the round-trip layout (:data:`EXPORT_COLUMNS`)."""
        with self._session() as s:
            region = s.get(sm.Region, int(region_id))
            if region is None:
                raise NotFound(f"wilayah {region_id} tidak ditemukan")
            q = (select(sm.Item, tm.State, tm.Update, sm.Candidate)
                 .join(sm.Document, sm.Document.id == sm.Item.document_id)
                 .outerjoin(tm.State, tm.State.item_id == sm.Item.id)
                 .outerjoin(tm.Update, tm.Update.id == tm.State.update_id)
                 .outerjoin(sm.Candidate, sm.Candidate.id == sm.Item.candidate_id)
                 .where(sm.Document.region_id == region.id, sm.Document.superseded_by_id.is_(None),
                        sm.Item.kind.in_(PROMISE_KINDS))
                 .order_by(sm.Item.document_id, sm.Item.position))
            out = []
            for item, state, upd, cand in s.execute(q):
                out.append({
                    "id_butir": item.id, "wilayah": region.name, "pasangan": _pair_name(cand) if cand else "",
                    "jenis": item.kind, "teks": item.text, "status": state.status if state else st.UNRATED,
                    "nilai_capaian": _num_cell(state.progress_value if state else None),
                    "target": _num_cell(state.progress_target if state else None),
                    "satuan": (state.progress_unit if state else None) or "",
                    "tanggal_ukur": state.measured_on.isoformat() if state and state.measured_on else "",
                    "url_bukti": (upd.evidence_url if upd else None) or "",
                    "tanggal_bukti": upd.evidence_date.isoformat() if upd and upd.evidence_date else "",
                    "catatan": (upd.note if upd else None) or "",
                    "versi": state.version if state else 0,
                })
            return out

    def import_rows(self, actor: Actor, rows: list[dict[str, Any]], *, force: bool = False,
                    source: str = "impor") -> dict[str, Any]:
        """Bulk update from rows in the export layout.

        A row whose status and progress equal the current ones is skipped. Every other row is validated
        like a form (evidence, dates, the ``versi`` it was exported at). With any error nothing is applied
        unless ``force`` (then the valid rows are). Returns ``{"applied", "unchanged", "errors": [{"row",
        "id_butir", "message"}], "entries"}``; rows are numbered as in a spreadsheet (header = row 1).
        """
        report: dict[str, Any] = {"applied": 0, "unchanged": 0, "errors": [], "entries": [], "source": source}
        plans = []
        with self._session() as s:
            for n, raw in enumerate(rows, start=2):
                row = {str(k).strip().lower(): ("" if v is None else v) for k, v in raw.items() if k is not None}
                if not any(str(v).strip() for v in row.values()):
                    continue
                item_id = str(row.get("id_butir", "")).strip().split(".")[0]
                try:
                    if not item_id.isdigit():
                        raise Invalid("id_butir harus bilangan bulat")
                    item, region_id = self._item(s, int(item_id))
                    if not actor.can_edit(region_id):
                        raise Forbidden("Anda tidak berhak mengubah janji di wilayah ini")
                    state = s.get(tm.State, item.id)
                    cur = _state_dict(state)
                    status = st.normalise(row.get("status")) or row.get("status")
                    value = parse_number(row.get("nilai_capaian"), "nilai capaian", [])
                    target = parse_number(row.get("target"), "target", [])
                    measured = str(row.get("tanggal_ukur") or "").strip()[:10] or None
                    if (status == cur["status"] and value == cur["progress_value"]
                            and (target is None or target == cur["progress_target"])
                            and measured == cur["measured_on"]):
                        report["unchanged"] += 1
                        continue
                    data = validate_update(status=row.get("status"), evidence_url=row.get("url_bukti"),
                                           evidence_date=row.get("tanggal_bukti"), note=row.get("catatan"),
                                           progress_value=row.get("nilai_capaian"), progress_target=row.get("target"),
                                           progress_unit=row.get("satuan"), measured_on=row.get("tanggal_ukur"),
                                           expected_version=row.get("versi"))
                    if data["expected_version"] != cur["version"]:
                        raise Conflict(_conflict_message(state))
                    plans.append((n, item.id, data))
                except TrackError as exc:
                    report["errors"].append({"row": n, "id_butir": item_id, "message": exc.message})
        if report["errors"] and not force:
            report["applied"] = 0
            return report
        if not plans:
            return report
        try:
            with self._session.begin() as s:
                for n, item_id, data in plans:
                    try:
                        with s.begin_nested():
                            entry = self._write_update(s, actor, item_id, dict(data), None, "import")
                        report["entries"].append(entry)
                    except TrackError as exc:
                        report["errors"].append({"row": n, "id_butir": str(item_id), "message": exc.message})
                        if not force:
                            raise _Abort() from None
                report["applied"] = len(report["entries"])
                self._audit(s, actor, "import", "region", None, None,
                            {"source": source, "applied": report["applied"], "errors": len(report["errors"])})
        except _Abort:
            report["applied"], report["entries"] = 0, []
        report["errors"].sort(key=lambda e: e["row"])
        return report

    # --- feed -----------------------------------------------------------------------------------------------------

    def feed_entries(self, region_id: int, limit: int = 50) -> list[dict[str, Any]]:
        with self._session() as s:
            rows = s.execute(select(tm.Update, sm.Item.text).join(sm.Item, sm.Item.id == tm.Update.item_id)
                             .where(tm.Update.region_id == int(region_id), tm.Update.state == "published")
                             .order_by(tm.Update.published_at.desc()).limit(limit)).all()
            return [_update_dict(u, {}) | {"item_text": text} for u, text in rows]


# --- helpers ----------------------------------------------------------------------------------------------------------

class _Abort(Exception):
    pass


_RATE_ADDRESS = "terlalu banyak usulan dari alamat Anda dalam waktu singkat; coba lagi dalam {wait}"
_RATE_ALL = "portal sedang menerima terlalu banyak usulan; coba lagi dalam {wait}"
_DAILY_ADDRESS = "batas harian usulan dari alamat Anda ({n} usulan per 24 jam) tercapai; coba lagi dalam {wait}"
_DAILY_ALL = "batas harian usulan untuk seluruh portal tercapai; coba lagi dalam {wait}"
_DAILY_BYTES = ("batas harian ukuran berkas usulan untuk seluruh portal tercapai; kirim tautan (URL) bukti "
                "tanpa berkas, atau coba lagi dalam {wait}")
_QUEUE_FULL = ("antrean tinjauan sedang penuh berkas; kirim tautan (URL) bukti tanpa berkas, atau coba lagi "
               "setelah peninjau memproses antrean")


def _zero() -> dict[str, int]:
    return {s: 0 for s in st.STATUSES}


def _token_hash(token: str) -> str:
    # tokens are 256-bit random: a plain SHA-256 is enough (no dictionary to attack), and lookups stay indexed
    return hashlib.sha256(token.encode()).hexdigest()


_DUMMY: dict[int, str] = {}


def _dummy_hash(hasher) -> str:
    if id(hasher) not in _DUMMY:
        _DUMMY[id(hasher)] = hasher.hash(secrets.token_hex(16))
    return _DUMMY[id(hasher)]




def _any_date(value, what, errors):
    """A planned date may lie in the future."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        errors.append(f"{what} bukan tanggal yang sah: {str(value)[:40]!r} (format TTTT-BB-HH)")
        return None


def _quantity_target(quantities) -> dict[str, Any] | None:
    """The promise's own number as the default target ("100 km" -> 100, "km"); None without one."""
    for q in quantities or []:
        if isinstance(q, dict) and isinstance(q.get("value"), (int, float)) and q["value"] > 0:
            unit = q.get("unit")
            if unit in ("tahun", "bulan", "hari", "persen", "%") and len(quantities) > 1:
                continue  # "dalam 5 tahun" is a deadline, not the target
            return {"value": float(q["value"]), "unit": unit, "text": q.get("text")}
    return None


def _pair_name(c) -> str:
    return c.head + (f" – {c.deputy}" if c.deputy else "")


def _num_cell(v):
    if v is None:
        return ""
    return int(v) if float(v).is_integer() else v


def _jsonable(value):
    if value is None:
        return None
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _state_dict(state: tm.State | None) -> dict[str, Any]:
    if state is None:
        return {"status": st.UNRATED, "label": st.label(st.UNRATED), "version": 0, "progress_value": None,
                "progress_target": None, "progress_unit": None, "progress_percent": None, "measured_on": None,
                "updated_at": None, "update_id": None}
    return {"status": state.status, "label": st.label(state.status), "version": state.version,
            "progress_value": state.progress_value, "progress_target": state.progress_target,
            "progress_unit": state.progress_unit,
            "progress_percent": percent(state.progress_value, state.progress_target),
            "measured_on": state.measured_on.isoformat() if state.measured_on else None,
            "updated_at": state.updated_at.isoformat(timespec="seconds"), "update_id": state.update_id}


def _state_values(status, version, value, target, unit, measured_on, updated_at, update_id) -> dict[str, Any]:
    """:func:`_state_dict` from plain columns (lists of hundreds of promises: no ORM objects)."""
    if status is None:
        return _state_dict(None)
    return {"status": status, "label": st.label(status), "version": version, "progress_value": value,
            "progress_target": target, "progress_unit": unit, "progress_percent": percent(value, target),
            "measured_on": measured_on.isoformat() if measured_on else None,
            "updated_at": updated_at.isoformat(timespec="seconds"), "update_id": update_id}


def _conflict_message(current: tm.State | None) -> str:
    if current is None:
        return ("Janji ini diubah orang lain sejak Anda membukanya. Perubahan Anda belum disimpan; periksa status "
                "terbaru lalu simpan lagi.")
    return (f"Janji ini diubah orang lain sejak Anda membukanya (sekarang: {st.label(current.status)}, versi "
            f"{current.version}). Perubahan Anda belum disimpan; periksa status terbaru lalu simpan lagi.")


def _file_meta(s: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    return {f.id: {"id": f.id, "name": f.name, "content_type": f.content_type, "size": f.size}
            for f in s.execute(select(tm.File.id, tm.File.name, tm.File.content_type, tm.File.size)
                               .where(tm.File.id.in_(set(ids))))}


def _update_dict(u: tm.Update, files: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": u.id, "item_id": u.item_id, "region_id": u.region_id, "status": u.status, "label": st.label(u.status),
        "prev_status": u.prev_status, "progress_value": u.progress_value, "progress_target": u.progress_target,
        "progress_unit": u.progress_unit, "progress_percent": percent(u.progress_value, u.progress_target),
        "measured_on": u.measured_on.isoformat() if u.measured_on else None,
        "evidence_url": u.evidence_url, "evidence_link": u.evidence_url if http_url(u.evidence_url) else None,
        "evidence_file": files.get(u.evidence_file_id) or ({"id": u.evidence_file_id} if u.evidence_file_id else None),
        "evidence_document": {"id": u.evidence_document_id, "url": f"/dokumen/{u.evidence_document_id}"}
        if u.evidence_document_id else None,
        "evidence_date": u.evidence_date.isoformat() if u.evidence_date else None, "note": u.note,
        "author": u.author_name, "origin": u.origin, "base_version": u.base_version,
        "created_at": u.created_at.isoformat(timespec="seconds"), "state": u.state,
        "published_at": u.published_at.isoformat(timespec="seconds") if u.published_at else None,
        "reviewed_at": u.reviewed_at.isoformat(timespec="seconds") if u.reviewed_at else None,
        "review_note": u.review_note,
    }


def _proposal_dict(p: tm.Proposal, files: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {"id": p.id, "item_id": p.item_id, "region_id": p.region_id, "proposer": p.proposer,
            "status": p.status, "label": st.label(p.status) if p.status else None, "evidence_url": p.evidence_url,
            "evidence_link": p.evidence_url if http_url(p.evidence_url) else None,
            "evidence_file": files.get(p.evidence_file_id) or ({"id": p.evidence_file_id} if p.evidence_file_id
                                                                else None),
            "evidence_date": p.evidence_date.isoformat() if p.evidence_date else None, "note": p.note,
            "created_at": p.created_at.isoformat(timespec="seconds"), "state": p.state, "source": p.source}


def _milestone_dict(ms: tm.Milestone) -> dict[str, Any]:
    return {"id": ms.id, "item_id": ms.item_id, "position": ms.position, "name": ms.name,
            "planned_on": ms.planned_on.isoformat() if ms.planned_on else None,
            "reached_on": ms.reached_on.isoformat() if ms.reached_on else None,
            "evidence_url": ms.evidence_url, "evidence_link": ms.evidence_url if http_url(ms.evidence_url) else None}


def _user_dict(u: tm.User, regions) -> dict[str, Any]:
    return {"id": u.id, "username": u.username, "name": u.name, "role": u.role, "disabled": bool(u.disabled),
            "regions": list(regions), "created_at": u.created_at.isoformat(timespec="seconds")}


def _audit_dict(a: tm.Audit) -> dict[str, Any]:
    return {"id": a.id, "at": a.at.isoformat(timespec="seconds"), "actor_id": a.actor_id, "actor": a.actor,
            "action": a.action, "target": a.target, "target_id": a.target_id, "before": a.before, "after": a.after,
            "ip": a.ip}


def read_table(name: str, data: bytes) -> list[dict[str, Any]]:
    """Rows of a CSV (UTF-8, comma or semicolon) or XLSX file; raise :class:`janji.errors.InputError` if unreadable."""
    from janji.errors import InputError

    if data[:4] == b"PK\x03\x04":
        try:
            import openpyxl

            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            ws = wb.worksheets[0]
            it = ws.iter_rows(values_only=True)
            header = [str(h or "").strip() for h in next(it, [])]
            out = []
            for values in it:
                out.append({h: v for h, v in zip(header, values) if h})
            wb.close()
        except Exception as exc:  # corrupt archives raise many kinds
            raise InputError(name, f"berkas XLSX tidak dapat dibaca ({exc})") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(name, "CSV harus UTF-8") from None
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        out = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        header = list(out[0].keys()) if out else [h.strip() for h in first.split(delimiter)]
    missing = [c for c in ("id_butir", "status", "versi") if c not in {str(h).strip().lower() for h in header}]
    if missing:
        raise InputError(name, f"kolom wajib tidak ada: {', '.join(missing)} (pakai tata letak hasil ekspor)")
    # an export's text cells that looked like formulas carry an apostrophe (janji.sheets): take it off again
    return [{k: undefuse(v) for k, v in row.items()} for row in out]
