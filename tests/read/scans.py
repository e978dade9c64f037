"""Scanned pages made for the tests: text set with Pillow in a font of this machine, printed on a page at a
scanner's resolution, turned slightly, speckled, JPEG-compressed and wrapped in an image-only PDF.

Loaded by path (tests are not a package here), like builders.py.
"""
from __future__ import annotations

import io
import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

A4_INCHES = (8.27, 11.69)
# Families tried in turn; the first two found on the machine are the tests' fonts (Debian: fonts-dejavu-core
# comes with the base system, fonts-liberation with chromium, which `make test` installs).
FAMILIES = ("Liberation Serif", "DejaVu Sans", "Liberation Sans", "DejaVu Serif", "DejaVu Sans Condensed",
            "Liberation Sans Narrow")


def font_files() -> dict[str, str]:
    """Regular faces of the families above that fontconfig knows here, by family."""
    found: dict[str, str] = {}
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":", "family", "style", "file"], capture_output=True, text=True,
                             check=False).stdout
        for line in out.splitlines():  # "/path/Face.ttf: Family,Other Name:style=Regular"
            path, _, rest = line.partition(": ")
            names, _, style = rest.partition(":style=")
            if path.endswith(".ttf") and style.split(",")[0].strip() in ("Regular", "Book"):
                for family in names.split(","):
                    if family.strip() in FAMILIES and family.strip() not in found:
                        found[family.strip()] = path.strip()
    for family, path in (("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                         ("DejaVu Serif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")):
        if family not in found and Path(path).exists():
            found[family] = path
    return {family: found[family] for family in FAMILIES if family in found}


@dataclass
class ScanStyle:
    font: str  # a .ttf file
    dpi: int = 200
    size_pt: float = 11.0
    angle: float = 0.8  # degrees, counter-clockwise
    speckle: float = 0.002  # share of pixels turned to dark or light specks
    quality: int = 70  # JPEG quality
    seed: int = 1


def render_page(paragraphs: list[str], style: ScanStyle) -> Image.Image:
    """One page of paragraphs (a line starting with a list marker keeps its own line), as a scanner sees it."""
    width, height = int(A4_INCHES[0] * style.dpi), int(A4_INCHES[1] * style.dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(style.font, size=round(style.size_pt * style.dpi / 72))
    margin = int(style.dpi * 0.9)
    line_height = round(style.size_pt * 1.45 * style.dpi / 72)
    y = margin
    for paragraph in paragraphs:
        for line in wrap(paragraph, font, width - 2 * margin):
            draw.text((margin, y), line, font=font, fill=20)
            y += line_height
        y += line_height // 2
    page = page.rotate(style.angle, resample=Image.BICUBIC, fillcolor=255)
    rng = random.Random(style.seed)
    pixels = page.load()
    for _ in range(int(style.speckle * width * height)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 60, 120, 255))
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=style.quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def wrap(text: str, font, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def scan_pdf(pages: list[list[str]], style: ScanStyle) -> bytes:
    """An image-only PDF, one JPEG page image per page of paragraphs, at the style's resolution."""
    images = [render_page(paragraphs, ScanStyle(**{**style.__dict__, "seed": style.seed + i}))
              for i, paragraphs in enumerate(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=style.dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def draw_text_page(c, paragraphs: list[str], width: float = 440) -> None:
    """One A4 page of ``paragraphs`` with a text layer on the reportlab canvas ``c`` (11 pt Helvetica,
    lines of ``width`` points), ended with ``showPage``."""
    from reportlab.lib.utils import simpleSplit

    y = 780.0
    for paragraph in paragraphs:
        for line in simpleSplit(paragraph, "Helvetica", 11, width):
            c.setFont("Helvetica", 11)
            c.drawString(72, y, line)
            y -= 15
        y -= 8
    c.showPage()


def mixed_pdf(text_page: list[str], scanned_page: list[str], style: ScanStyle) -> bytes:
    """Two pages: the first with a text layer (reportlab), the second a scan of the other paragraphs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    draw_text_page(c, text_page)
    image = render_page(scanned_page, style)
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return buffer.getvalue()


def edit_distance(a, b) -> int:
    """Levenshtein distance of two sequences (characters of strings, or lists of words)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
        previous = current
    return previous[-1]


def character_accuracy(read: str, truth: str) -> float:
    """1 - (edit distance / length of the truth), both with runs of white space as one space."""
    a, b = " ".join(read.split()), " ".join(truth.split())
    return 1 - edit_distance(a, b) / max(len(b), 1)
