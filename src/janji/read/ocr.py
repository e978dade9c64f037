"""Scanned PDF pages: which pages need OCR, and reading them into positioned lines.

A KPU or Bappeda PDF is often a scan: each page one photographed image with
no text layer, or a text layer of a page number only. Such a page is rendered
(150 dpi), read by RapidOCR (PP-OCRv6 text detection and recognition on
onnxruntime; the models ship inside the ``rapidocr`` wheel, nothing is
downloaded), and its recognised lines become the same positioned lines the
text layer gives (:class:`janji.read.pdf.Line`), so paragraphs, lists and
running headers are rebuilt the same way. Lost spaces and letter confusions
are put right with Indonesian word knowledge (:mod:`janji.lang.ocr_words`).

The page angle of a scan turned slightly is measured from the detected lines
and taken out of their positions, so a line's start does not drift down the
page; recognition works on each line's own rotated box and needs no deskewed
image (measured: re-reading deskewed pages gained 0.002 in word accuracy at twice the time; docs/analyze.md).

Modes (``janji analyze --ocr``): ``auto`` reads a page with OCR when it has no
usable text layer, ``always`` reads every page with OCR (a text layer that
is wrong), ``never`` reads only text layers.

Example:

    >>> needs_ocr_text("- 3 -", covered=0.97), needs_ocr_text("Visi: Desa Maju " * 20, covered=0.97)
    (True, False)
"""
from __future__ import annotations

import math
import signal
import threading
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from janji.errors import InputError
from janji.lang import lazy
from janji.lang.ocr_words import repair_line

MODES = ("never", "auto", "always")
# Pages are rendered at 150 dpi whatever the scan's own resolution: the recogniser reads text of that size best
# (on the scanned development pages it ran words together three to four times as often at 200 dpi), and 150 is
# the quicker.
DPI = 150
# A page whose text layer has fewer letters than this, under an image covering most of it, is a scan with a
# page number, a stamp or a scanner's label in text.
MIN_LETTERS = 80
MIN_COVER = 0.5
PAGE_SECONDS = 60.0  # the time an analysis deadline grows by for each page read with OCR
MIN_SCORE = 0.5  # recognised text the engine itself doubts less than this is noise (speckle read as letters)

# Told (pages done, pages to read) as OCR goes on, for a progress bar; set by the CLI around one document.
page_progress: ContextVar[Callable[[int, int], None] | None] = ContextVar("janji_ocr_page_progress", default=None)

_GARBLED = lazy.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LETTER = lazy.compile(r"[^\W\d_]")
_ALNUM = lazy.compile(r"[^\W_]")


def needs_ocr_text(text: str, covered: float) -> bool:
    """Is a page with this text layer, and images covering ``covered`` of its area, to be read with OCR?"""
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return covered > 0
    if letters < MIN_LETTERS and covered >= MIN_COVER:
        return True
    visible = [c for c in text if not c.isspace()]
    # A font without a character map gives unmapped or private-use codes, or symbols for letters.
    garbled = len(_GARBLED.findall(text)) + (len(visible) - len(_ALNUM.findall(text)) - sum(
        1 for c in visible if c in ".,;:!?()-–—/'\"“”‘’%&+*=#@[]<>•·"))
    return covered >= MIN_COVER and garbled > 0.3 * len(visible)


def image_cover(page) -> float:
    """The share of the page's area under its images (a scan: nearly 1; a text page with a logo: small)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    area = max(width * height, 1.0)
    covered = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        bounds = getattr(obj, "get_bounds", None) or obj.get_pos  # pypdfium2 5 renamed get_pos
        left, bottom, right, top = bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    if covered == 0.0:
        # Text drawn as outlines (no font, no image) still needs reading: count its paths as cover.
        paths = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2))
        if paths >= 200:
            return 1.0
    return min(covered / area, 1.0)


@dataclass
class Box:
    """One recognised run of text, its corners in pixels of the rendered page."""
    text: str
    score: float
    x0: float
    x1: float
    top: float
    bottom: float


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr import RapidOCR
    except ImportError as exc:  # a dependency: only a broken installation lacks it
        raise RuntimeError(f"mesin OCR tidak terpasang (rapidocr, onnxruntime): {exc}") from None
    # The text-angle classifier is left out: scans come upright, and it turned long upright lines upside down.
    return RapidOCR(params={"Global.log_level": "critical", "Global.use_cls": False,
                            "Global.max_side_len": 4000})


def ocr_pages(pdf, indices: list[int], name: str) -> dict[int, list]:
    """The lines (:class:`janji.read.pdf.Line`) of each page in ``indices``, read with OCR."""
    report = page_progress.get()
    out: dict[int, list] = {}
    for done, index in enumerate(indices):
        if report is not None:
            report(done, len(indices))
        _allow_more_time(PAGE_SECONDS)
        out[index] = page_lines(pdf, index, name)
    if report is not None:
        report(len(indices), len(indices))
    return out


def _allow_more_time(seconds: float) -> None:
    """A running analysis deadline (:func:`janji.pipeline.deadline`, a SIGALRM timer of the main thread) is for
    reading text; each page of OCR adds the seconds it may take, so a long scan is not cut off as a hang."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "getitimer"):
        return
    remaining, interval = signal.getitimer(signal.ITIMER_REAL)
    if remaining > 0:
        signal.setitimer(signal.ITIMER_REAL, remaining + seconds, interval)


def page_lines(pdf, index: int, name: str) -> list:
    page = pdf[index]
    try:
        height = page.get_height()
        image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    finally:
        page.close()
    boxes = recognise(image, name)
    return to_lines(boxes, index, DPI / 72, height)


def recognise(image, name: str = "") -> list[Box]:
    """The text runs an engine reads on one page image (PIL), with their positions, deskewed."""
    import numpy as np

    pixels = np.asarray(image.convert("L"))
    pixels = np.ascontiguousarray(np.stack([pixels] * 3, axis=-1))
    try:
        engine = _engine()
    except RuntimeError as exc:
        raise InputError(name, str(exc)) from None
    with _lock:  # one engine per process; onnxruntime already uses every core
        result = engine(pixels)
    if not result or result.boxes is None:
        return []
    angle = page_angle(result.boxes)
    cos, sin = math.cos(-angle), math.sin(-angle)
    cx, cy = pixels.shape[1] / 2, pixels.shape[0] / 2
    boxes = []
    for quad, text, score in zip(result.boxes, result.txts, result.scores):
        if score < MIN_SCORE or not text.strip():
            continue
        # the corners turned back by the page angle around the page centre
        xs, ys = [], []
        for x, y in quad:
            dx, dy = x - cx, y - cy
            xs.append(cx + dx * cos - dy * sin)
            ys.append(cy + dx * sin + dy * cos)
        boxes.append(Box(text=text.strip(), score=float(score), x0=min(xs), x1=max(xs), top=min(ys), bottom=max(ys)))
    return boxes


def page_angle(quads) -> float:
    """The page's skew in radians: the median slope of the long detected lines' top edges."""
    slopes = []
    for quad in quads:
        (x0, y0), (x1, y1), _, (x3, y3) = quad[0], quad[1], quad[2], quad[3]
        width, height = math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)
        if width > 6 * height > 0:
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    if not slopes:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


def to_lines(boxes: list[Box], page: int, scale: float, page_height: float, repair: bool = True) -> list:
    """Text runs -> lines in reading order, in PDF units (y up), runs on one baseline joined when close; their
    text repaired (``repair``: lost spaces, letter confusions; see :mod:`janji.lang.ocr_words`)."""
    from janji.read.pdf import Line

    if not boxes:
        return []
    heights = sorted(b.bottom - b.top for b in boxes)
    body_height = heights[len(heights) // 2]
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        middle = (box.top + box.bottom) / 2
        row = rows[-1] if rows else None
        if row is not None and abs(middle - sum((b.top + b.bottom) / 2 for b in row) / len(row)) \
                <= 0.5 * min(body_height, box.bottom - box.top):
            row.append(box)
        else:
            rows.append([box])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b.x0)
        runs: list[list[Box]] = [[row[0]]]
        for box in row[1:]:
            gap = box.x0 - runs[-1][-1].x1
            if gap <= 3 * body_height:
                runs[-1].append(box)
            else:  # a wide gap: another column or table cell, a line of its own
                runs.append([box])
        for run in runs:
            text = " ".join(b.text for b in run)
            text = repair_line(text) if repair else text
            if not text:
                continue
            height = max(b.bottom - b.top for b in run)
            # Boxes of one font differ in height with ascenders and descenders: one size for all the body's lines.
            if abs(height - body_height) <= 0.25 * body_height:
                height = body_height
            # Where the baseline would be, from the box's top: nearly every line has a capital or an ascender
            # there, while its bottom moves with the descenders it happens to have.
            top = min(b.top for b in run)
            lines.append(Line(text=text, x0=run[0].x0 / scale, x1=run[-1].x1 / scale,
                              y=page_height - (top + 0.75 * height) / scale, size=round(0.7 * height / scale, 1),
                              page=page))
    return lines


def scanned_pages(pdf, pages: list[list], mode: str) -> list[int]:
    """The indices of the pages to read with OCR (``mode`` "auto" or "always"), or, for "never", of the
    pages that would have needed it."""
    if mode not in MODES:
        raise ValueError(f"unknown OCR mode {mode!r} (modes: {', '.join(MODES)})")
    if mode == "always":
        return list(range(len(pages)))
    out = []
    for index, lines in enumerate(pages):
        text = "\n".join(line.text for line in lines)
        if not needs_ocr_text(text, covered=1.0):
            continue  # a text layer that would be read even over a full-page image: no need to look at images
        page = pdf[index]
        try:
            covered = image_cover(page)
        finally:
            page.close()
        if needs_ocr_text(text, covered):
            out.append(index)
    return out
