"""Server-side SVG of a scorecard over time: one stacked bar per month (no script, no inline style: CSP-safe)."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from janji.track import statuses as st


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
