"""Pages set in two or three columns, read column by column.

pdfium reads a page in the order its content was written. A page whose columns
were written line across line (left line, right line, next left line …) comes
out as lines that run from one column into the other; even a page written
column after column has lines half as wide as the page, which the layout would
take for short last lines of paragraphs. So, per page:

- the text's boxes (one per run of text, cheap to get from pdfium) show the
  gutters: an empty vertical strip, away from the edges, with text on both sides
  at the same heights and lines that fill their column;
- a line that runs across a gutter with a gap there is cut in two, at the first
  character past the gutter;
- lines are read band by band (a line across the whole page — a title — ends a
  band), and in a band column by column, left to right;
- each column's lines are stretched onto the width of the page's text, so the
  layout measures a column's lines against the column's margins
  (:func:`stretch`, after tables are found in the page's own coordinates).

A page without such a gutter is left exactly as it was.

Example:

    >>> left = [(60, 700 - 12 * k, 280, 710 - 12 * k) for k in range(6)]  # (left, bottom, right, top)
    >>> right = [(310, 700 - 12 * k, 530, 710 - 12 * k) for k in range(6)]
    >>> gutters(left + right), gutters([(60, 700 - 12 * k, 530, 710 - 12 * k) for k in range(12)])
    ([(281, 309)], [])
"""
from __future__ import annotations

from statistics import median

MIN_GUTTER = 8.0  # points: narrower gaps are spaces between words or cells
MIN_ROWS = 5  # lines beside each other on both sides of a gutter
EDGE = 0.2  # a gutter leaves at least this share of the text's width on each side


def gutters(rects: list[tuple[float, float, float, float]]) -> list[tuple[float, float]]:
    """The gutters (x from, x to) between columns of text, given the page's text boxes (left, bottom, right,
    top); [] for a page in one column."""
    rects = [r for r in rects if r[2] - r[0] > 1.0]
    if len(rects) < 2 * MIN_ROWS:
        return []
    left, right = min(r[0] for r in rects), max(r[2] for r in rects)
    width = right - left
    if width < 150:
        return []
    cover = [0] * (int(width) + 3)
    for r in rects:  # how many boxes cover each point across the page (summed differences)
        cover[int(r[0] - left)] += 1
        cover[int(r[2] - left) + 1] -= 1
    for x in range(1, len(cover)):
        cover[x] += cover[x - 1]
    out: list[tuple[float, float]] = []
    allowed = max(2, len(rects) // 20)  # titles and footers across the whole page
    x = int(EDGE * width)
    while x < int((1 - EDGE) * width):
        if cover[x] > allowed:
            x += 1
            continue
        end = x
        while end < len(cover) and cover[end] <= allowed:
            end += 1
        # the emptiest stretch of the strip: where only lines across the whole page cross it
        low = min(cover[x:end])
        best, run_start = (x, x), None
        for k in range(x, end + 1):
            if k < end and cover[k] == low:
                run_start = k if run_start is None else run_start
            elif run_start is not None:
                best = max(best, (run_start, k), key=lambda r: r[1] - r[0])
                run_start = None
        gap = (left + best[0], left + best[1] - 1)
        if gap[1] - gap[0] >= MIN_GUTTER and _columns_beside(rects, gap):
            out.append(gap)
        x = end + 1
    return out[:2]


def _columns_beside(rects, gap: tuple[float, float]) -> bool:
    """Text at the same heights on both sides of the strip, each side's lines filling their column."""
    west = [r for r in rects if r[2] <= gap[0] + 1]
    east = [r for r in rects if r[0] >= gap[1] - 1]
    if len(west) < MIN_ROWS or len(east) < MIN_ROWS:
        return False
    heights = {round(r[1] / 4) for r in east}
    beside = sum(1 for r in west if round(r[1] / 4) in heights or round(r[1] / 4) + 1 in heights
                 or round(r[1] / 4) - 1 in heights)
    if beside < MIN_ROWS:
        return False
    for side in (west, east):
        lo, hi = min(r[0] for r in side), max(r[2] for r in side)
        if median(r[2] - r[0] for r in side) < 0.5 * (hi - lo):
            return False  # short cells, not lines of text: a table without rules
    return True


def column_of(x0: float, x1: float, cuts: list[tuple[float, float]]) -> int | None:
    """The column a line from ``x0`` to ``x1`` stands in, or None for a line across a gutter."""
    for k, (g0, g1) in enumerate(cuts):
        if x1 <= g0 + 1:
            return k
        if x0 < g1 - 1:
            return None
    return len(cuts)


def in_columns(lines: list, cuts: list[tuple[float, float]]) -> list:
    """The lines of one page in reading order: band by band, column by column; each line in a column
    remembers its column's extent (``Line.column``) for :func:`stretch`."""
    if not cuts:
        return lines
    spans = [line for line in lines if column_of(line.x0, line.x1, cuts) is None]
    breaks = sorted({line.y for line in spans}, reverse=True)
    bands: dict[int, list[list]] = {}
    for line in lines:
        col = column_of(line.x0, line.x1, cuts)
        if col is None:
            continue
        band = sum(1 for y in breaks if y > line.y)
        bands.setdefault(band, [[] for _ in range(len(cuts) + 1)])[col].append(line)
    edges = [(min((l.x0 for c in bands.values() for l in c[k]), default=0.0),
              max((l.x1 for c in bands.values() for l in c[k]), default=0.0)) for k in range(len(cuts) + 1)]
    if any(e[1] <= e[0] for e in edges):
        return lines  # a column with no line of its own: the boxes misled, read the page as it came
    page = (edges[0][0], edges[-1][1])
    out = []
    for band in range(len(breaks) + 1):
        if band:
            out.extend(line for line in spans if line.y == breaks[band - 1])
        for k, column in enumerate(bands.get(band, [])):
            for line in column:
                line.column = (edges[k][0], edges[k][1], page[0], page[1])
                out.append(line)
    return out


def stretch(lines: list) -> None:
    """Put each column's lines on the page's width (x0, x1 scaled from the column's extent)."""
    for line in lines:
        if line.column is None:
            continue
        c0, c1, p0, p1 = line.column
        scale = (p1 - p0) / (c1 - c0) if c1 > c0 else 1.0
        line.x0 = p0 + (line.x0 - c0) * scale
        line.x1 = p0 + (line.x1 - c0) * scale
        line.column = None
