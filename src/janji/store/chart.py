"""The comparison's coverage chart: promises per bidang urusan, one bar per candidate pair."""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

MAX_SECTORS = 15


def coverage_chart(result: dict[str, Any], path: str | Path) -> Path:
    """Save the bidang urusan coverage of :meth:`Store.compare`'s ``result`` as PNG or SVG (by suffix).

    Example:
        coverage_chart(store.compare("Kota Bandung"), "bandung.svg")
    """
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must be set before pyplot is imported
    import matplotlib.pyplot as plt

    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise ValueError(f"{path.name}: grafik hanya dapat disimpan sebagai .png atau .svg")
    sectors = result["sectors"][:MAX_SECTORS]
    pairs = result["pairs"]
    fig_h = max(2.5, 0.45 * max(1, len(sectors)) * max(1, len(pairs)) ** 0.5 + 1.5)
    fig, ax = plt.subplots(figsize=(10, fig_h))
    if not sectors or not pairs:
        ax.text(0.5, 0.5, "Belum ada janji dengan bidang urusan", ha="center", va="center")
        ax.set_axis_off()
    else:
        height = 0.8 / len(pairs)
        for i in range(0, len(sectors), 2):  # shaded bands: each group of bars reads with its label
            ax.axhspan(i - 0.5, i + 0.5, color="0.94", zorder=0)
        labels = [textwrap.shorten(f"{s['code']} {s['name']}", 45, placeholder="…") for s in sectors]
        for k, pair in enumerate(pairs):
            values = [s["counts"].get(pair["id"], 0) for s in sectors]
            ys = [i + k * height - 0.4 + height / 2 for i in range(len(sectors))]
            label = (f"{pair['number']}. " if pair["number"] is not None else "") + pair["name"]
            ax.barh(ys, values, height=height, label=textwrap.shorten(label, 50, placeholder="…"), zorder=2)
        ax.set_yticks(range(len(sectors)))
        ax.set_yticklabels(labels, fontsize=8)
        ax.set_ylim(len(sectors) - 0.5, -0.5)  # first (most covered) sector on top
        ax.set_xlabel("jumlah janji (bidang urusan utama)")
        ax.legend(fontsize=8, loc="lower right")
        ax.xaxis.get_major_locator().set_params(integer=True)
    region = result["region"]["name"]
    year = (result.get("election") or {}).get("year")
    ax.set_title(f"Cakupan bidang urusan — {region}" + (f" ({year})" if year else ""), fontsize=11)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
