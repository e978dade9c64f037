"""Page rendering: the Jinja2 environment (globals and filters every template uses) and :func:`render`.

The one low-level module every page router imports — the portal's pages (:mod:`janji.web.pages`) and
tracking's (:mod:`janji.web.track_pages`) alike — so that no router needs :mod:`janji.web.app`, which
builds the application out of them.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from janji import __version__
from janji.data import labels
from janji.track import statuses
from janji.web import auth, charts, times, upload, views

HERE = Path(__file__).resolve().parent


class _Environment(Environment):
    """Jinja2 with ``x.name`` on a plain dict read as ``x["name"]`` first. Every page is a template over the
    API's dicts, and Jinja2 tries an attribute first: for a key that is no attribute, an AttributeError
    raised and caught at every lookup (a tenth of a long list's rendering). A dict's own methods
    (``counts.items()``) are still found when the dict has no key of that name."""

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except (KeyError, TypeError):
                pass
        return super().getattr(obj, attribute)


def make_templates() -> Environment:
    # the templates ship with the package: compiled once per process, not checked for changes on disk at
    # every render (and at every template a page imports), which cost a few stat() calls per page
    env = _Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html", "xml", "svg"], default=True),
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.globals.update(kind_label=labels.kind_label, sector_name=labels.sector_name, sdg_name=labels.sdg_name,
                       KIND_LABELS=labels.KIND_LABELS, DOCUMENT_KIND_LABELS=labels.DOCUMENT_KIND_LABELS,
                       version=__version__, upload_limit=upload.limit_label(),
                       bar_chart=charts.bar_chart, urlencode=urlencode, source_label=views.source_label,
                       zone_of=times.zone_of)
    # the tracking pages' names (statuses, their definitions, the scorecard's chart)
    env.globals.update(status_label=statuses.label, STATUS_DEFINITIONS=statuses.definitions(),
                       STATUSES=statuses.STATUSES, status_chart=charts.status_bars)
    env.globals["history_entries_html"] = EntriesHtml(env, "track/_track.html", "history_entry")
    env.filters["pct"] = lambda v: "–" if v is None else f"{v * 100:.0f}%"
    env.filters["waktu"] = _time_html  # "6 Desember 2026 19.30 WIB" in a <time datetime=…>
    env.filters["tanggal"] = lambda v, zone=times.DEFAULT_ZONE: _time_html(v, zone, day=True)
    env.filters["num"] = _num
    env.filters["http_url"] = _http_url
    return env


class EntriesHtml:
    """The HTML of a history's entries, one after another: each entry rendered by the macro ``name`` of
    ``template`` once per entry as it is, and kept.

    A promise's page shows its whole history and is rendered again after every change of the promise: of a
    busy promise's dozens of entries only the new one was never rendered before (the entries were 7 of the
    ~7.5 ms a 146-entry history's page took to render). The key is everything the macro is given — every
    value of the entry, the zone, the label, the review flag — so a changed entry is another key."""

    SIZE = 20_000

    def __init__(self, env: Environment, template: str, name: str):
        self.env, self.template, self.name = env, template, name
        self.kept: OrderedDict = OrderedDict()
        self.lock = threading.Lock()
        self.macro = None

    def __call__(self, entries: list[dict[str, Any]], *args: Any) -> Markup:
        kept = self.kept
        out = []
        for entry in entries:
            key = (_frozen(entry), *args)
            html = kept.get(key)
            if html is None:
                html = self._render(key, entry, args)
            out.append(html)
        return Markup("".join(out))

    def _render(self, key: tuple, entry: dict[str, Any], args: tuple) -> str:
        if self.macro is None:
            self.macro = getattr(self.env.get_template(self.template).module, self.name)
        html = str(self.macro(entry, *args))
        with self.lock:
            self.kept[key] = html
            if len(self.kept) > self.SIZE:
                self.kept.popitem(last=False)
        return html


def _frozen(entry: dict[str, Any]) -> tuple:
    """An entry (a dict whose values are plain values, or dicts or lists of them) as a hashable key of all it
    holds: its names, then its values."""
    return (tuple(entry), *(_frozen_value(v) if type(v) in (dict, list) else v for v in entry.values()))


def _frozen_value(value: Any) -> Any:
    if type(value) is dict:
        return (tuple(value), *(_frozen_value(v) for v in value.values()))
    if type(value) is list:
        return ("[]", *(_frozen_value(v) for v in value))
    return value


def _time_html(value: Any, zone: str = times.DEFAULT_ZONE, day: bool = False) -> Markup | str:
    """A stored time as people read it, in the zone given (see :mod:`janji.web.times`), inside
    ``<time datetime="ISO">`` so that machines still read the exact value."""
    zone = zone if isinstance(zone, str) and zone in times.OFFSETS else times.DEFAULT_ZONE  # also Undefined
    if isinstance(value, (str, datetime, date)) or value is None:
        return _time_html_of(value, zone, day)
    return _time_html_made(value, zone, day)


@lru_cache(maxsize=8192)
def _time_html_of(value: Any, zone: str, day: bool) -> Markup | str:
    """:func:`_time_html` of a value that can be a key: a history shows the same times at every rendering."""
    return _time_html_made(value, zone, day)


def _time_html_made(value: Any, zone: str, day: bool) -> Markup | str:
    text = times.tanggal(value, zone) if day else times.waktu(value, zone)
    iso = times.machine(value)
    if not text or not iso:
        return text
    return Markup('<time datetime="{}">{}</time>').format(iso, text)


def _http_url(value: Any) -> str | None:
    """A source URL fit for a link: http(s) only (a stored ``javascript:`` URL must never become a link)."""
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def _num(value: Any) -> str:
    """Indonesian number format: 10000 -> '10.000', 166.2 -> '166,2'."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.2f}".rstrip("0").split(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


def render_html(request: Request, template: str, context: dict[str, Any]) -> str:
    """The HTML of the page ``template`` over ``context`` (plus who is signed in) with the app's templates."""
    env: Environment = request.app.state.templates
    if "actor" not in context:
        # the top navigation says who is signed in (else it offers "Masuk") on every page, not only tracking's
        context = {**context, "actor": auth.current_actor(request)}
    return env.get_template(template).render(request=request, **context)


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """The page ``template`` over ``context`` (plus who is signed in) with the app's templates."""
    return HTMLResponse(render_html(request, template, context), status_code=status_code)


def render_error(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    """The error page: ``title`` and an Indonesian ``message``, answered with ``status``."""
    return render(request, "error.html", {"title": title, "message": message, "status": status}, status)
