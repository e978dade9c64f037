"""Server-side SVG charts (grouped bars; a scorecard's statuses month by month): no JavaScript, no build
step, allowed by a strict CSP.

Only presentation attributes are used (no ``style=``), because the portal's
Content-Security-Policy forbids inline styles. Every label goes through
:func:`markupsafe.escape`: sector names come from data, but candidate names
come from documents anyone may upload.
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from janji.track import statuses as st

PALETTE = ["#1f6f8b", "#e07a1f", "#5a9e3a", "#9b4f96", "#c23b3b", "#7a6a2f"]


def bar_chart(rows: list[tuple[str, list[float]]], series: list[str], *, title: str,
              max_rows: int = 15, unit: str = "") -> Markup:
    """Horizontal grouped bars: one row per label, one bar per series.

    ``rows`` is ``[(label, [value per series])]``; ``series`` names each bar
    (e.g. the candidate pairs). Returns an accessible ``<svg>`` with a
    ``<title>`` and a text legend.
    """
    rows = rows[:max_rows]
    if not rows:
        return Markup("")
    n = max(1, len(series))
    bar_h, gap, label_w, chart_w, legend_h = 10, 8, 210, 240, 18 * n + 6
    row_h = bar_h * n + gap
    height = legend_h + row_h * len(rows) + 4
    width = label_w + chart_w + 50
    top = max((max(values) if values else 0) for _, values in rows) or 1
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for s, name in enumerate(series):
        y = 4 + 18 * s
        out.append(f'<rect x="0" y="{y}" width="12" height="12" fill="{PALETTE[s % len(PALETTE)]}"/>')
        out.append(f'<text x="18" y="{y + 10}" font-size="12">{escape(_clip(name, 60))}</text>')
    for r, (label, values) in enumerate(rows):
        y0 = legend_h + r * row_h
        out.append(f'<text x="{label_w - 6}" y="{y0 + row_h / 2 + 3}" font-size="10" text-anchor="end">'
                   f'<title>{escape(label)}</title>{escape(_clip(label, 32))}</text>')
        for s, value in enumerate(values):
            w = chart_w * (value / top)
            y = y0 + s * bar_h
            out.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h - 1}" '
                       f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(series[s] if s < len(series) else "")}: '
                       f'{_fmt(value)}{escape(unit)}</title></rect>')
            if value:
                out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 2}" font-size="9">{_fmt(value)}{escape(unit)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def status_bars(series: list[dict[str, Any]], *, max_months: int = 24) -> Markup:
    """Stacked bars of status counts at the end of each month with a change (the last ``max_months``)."""
    series = series[-max_months:]
    if not series:
        return Markup("")
    bar_w, gap, chart_h, left, top = 22, 8, 160, 40, 10
    total = max(sum(p["counts"].values()) for p in series) or 1
    width = left + len(series) * (bar_w + gap) + 10
    legend_y = top + chart_h + 34
    height = legend_y + 18 * ((len(st.STATUSES) + 2) // 3) + 4
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {max(width, 420)} {height}"'
           f' width="{max(width, 420)}" height="{height}" aria-labelledby="st-title">',
           '<title id="st-title">Jumlah janji per status dari bulan ke bulan</title>',
           f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" font-size="10" fill="#555">{total}</text>',
           f'<text x="{left - 4}" y="{top + chart_h}" text-anchor="end" font-size="10" fill="#555">0</text>']
    for i, point in enumerate(series):
        x = left + i * (bar_w + gap)
        y = top + chart_h
        for status in reversed(st.STATUSES):  # verdicts at the bottom, the unrated on top
            n = point["counts"].get(status, 0)
            if n <= 0:
                continue
            h = chart_h * n / total
            y -= h
            out.append(f'<rect x="{x}" y="{y:.1f}" width="{bar_w}" height="{h:.1f}" fill="{st.COLOURS[status]}">'
                       f'<title>{escape(point["month"])} · {escape(st.label(status))}: {n}</title></rect>')
        out.append(f'<text x="{x + bar_w / 2}" y="{top + chart_h + 12}" text-anchor="middle" font-size="9" '
                   f'fill="#333">{escape(point["month"][2:])}</text>')
    for j, status in enumerate(st.STATUSES):
        lx, ly = 10 + (j % 3) * 150, legend_y + 18 * (j // 3)
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{st.COLOURS[status]}"/>'
                   f'<text x="{lx + 14}" y="{ly}" font-size="11" fill="#222">{escape(st.label(status))}</text>')
    out.append("</svg>")
    return Markup("".join(out))
