"""Server-side SVG charts: no JavaScript, no build step, allowed by a strict CSP.

Only presentation attributes are used (no ``style=``), because the portal's
Content-Security-Policy forbids inline styles. Every label goes through
:func:`markupsafe.escape`: sector names come from data, but candidate names
come from documents anyone may upload.
"""
from __future__ import annotations

from markupsafe import Markup, escape

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
