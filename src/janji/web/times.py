"""Times as people in Indonesia read them: "6 Desember 2026 19.30 WIB", in the zone of the region.

The store and tracking keep UTC (naive ``datetime``s, ISO strings in the JSON
API); pages show them in the region's own zone — WIB, WITA or WIT by its
province (``janji/data/timezones.csv``) — and in Indonesian: day, month name,
year, hour and minute joined by a dot. A bare date stays a date (no zone: an
evidence date is a calendar day, not an instant).

Example:

    >>> waktu("2026-12-06T12:30:00", "WIB")
    '6 Desember 2026 19.30 WIB'
    >>> waktu("2026-12-06T12:30:00", zone_of({"code": "94.01"}))
    '6 Desember 2026 21.30 WIT'
    >>> waktu("2026-12-06")
    '6 Desember 2026'
"""
from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
OFFSETS = {"WIB": 7, "WITA": 8, "WIT": 9}
# Pages about no region (accounts, the audit log) use the capital's zone; the label always says which.
DEFAULT_ZONE = "WIB"


@lru_cache(maxsize=1)
def province_zones() -> dict[str, str]:
    """Province code ("35") -> its zone ("WIB")."""
    with resources.files("janji.data").joinpath("timezones.csv").open(encoding="utf-8") as fh:
        return {row["province_code"]: row["zone"] for row in csv.DictReader(fh)}


def zone_of(region: Any) -> str:
    """The zone of a region: a dict with ``code`` (or only ``name``), a Kemendagri code, or None (WIB)."""
    code = None
    if isinstance(region, dict):
        code = region.get("code")
        if not code and region.get("name"):
            code = _code_by_name(str(region["name"]))
    elif isinstance(region, str):
        code = region
    if not code:
        return DEFAULT_ZONE
    return province_zones().get(str(code).split(".")[0], DEFAULT_ZONE)


@lru_cache(maxsize=2048)
def _code_by_name(name: str) -> str | None:
    from janji.data.regions import resolve

    found = resolve(name)
    return found.code if found else None


def parse(value: Any) -> datetime | date | None:
    """A ``datetime`` (UTC; naive ones are taken as UTC), a ``date``, or None from what the store gives."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    try:
        out = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    return out if out.tzinfo else out.replace(tzinfo=timezone.utc)


def tanggal(value: Any, zone: str = DEFAULT_ZONE) -> str:
    """The calendar day: "6 Desember 2026" (an instant is taken in ``zone``); "" when there is none."""
    moment = parse(value)
    if moment is None:
        return "" if value in (None, "") else str(value)
    if isinstance(moment, datetime):
        moment = _local(moment, zone).date()
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def waktu(value: Any, zone: str = DEFAULT_ZONE) -> str:
    """"6 Desember 2026 19.30 WIB" for an instant, "6 Desember 2026" for a date; "" when there is none."""
    moment = parse(value)
    if not isinstance(moment, datetime):
        return tanggal(value, zone)
    local = _local(moment, zone)
    zone = zone if zone in OFFSETS else DEFAULT_ZONE
    return f"{local.day} {MONTHS[local.month - 1]} {local.year} {local.hour:02d}.{local.minute:02d} {zone}"


def machine(value: Any) -> str:
    """The value for a ``<time datetime=…>`` attribute (ISO 8601; UTC marked ``Z``)."""
    moment = parse(value)
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat()


def _local(moment: datetime, zone: str) -> datetime:
    hours = OFFSETS.get(zone, OFFSETS[DEFAULT_ZONE])
    return moment.astimezone(timezone(timedelta(hours=hours)))
