"""What an update must carry, checked alike for a form, an API body and an import row; and the small
calculations every part of tracking shares (percentages, waiting times, file types).

Example:
    >>> validate_update(status="kept", evidence_url="https://contoh.go.id/berita", evidence_date="2024-05-01",
    ...                 expected_version=0)["status"]
    'ditepati'
"""
from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from janji.track import statuses as st
from janji.track.errors import Invalid

MAX_NOTE = 4000
MAX_URL = 2000
SAFE_TYPES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg",
              b"GIF87a": "image/gif", b"GIF89a": "image/gif"}


def wait_label(seconds: float) -> str:
    """How long to wait, in words: "40 detik", "3 menit", "2 jam"."""
    seconds = max(1, int(seconds + 0.999))
    if seconds < 60:
        return f"{seconds} detik"
    if seconds < 3600:
        return f"{-(-seconds // 60)} menit"
    return f"{-(-seconds // 3600)} jam"


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


def any_date(value, what, errors):
    """A planned date may lie in the future."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        errors.append(f"{what} bukan tanggal yang sah: {str(value)[:40]!r} (format TTTT-BB-HH)")
        return None
