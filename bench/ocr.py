#!/usr/bin/env python3
"""Speed and accuracy of reading scanned PDF pages with OCR, against reading the same pages' text layer.

    .venv/bin/python bench/ocr.py [--pages 4] [--dpi 150,200,300] [--json]
    .venv/bin/python bench/ocr.py --scans ../shared/devset/formats/scan --truth ../shared/devset/docs
                                  [--engines] [--json]

Without ``--scans``: pages of text written for the bench are rendered as
scans (a font of this machine, turned slightly, speckled, JPEG pages in an
image-only PDF; the tests' generator, tests/read/scans.py) at each ``--dpi``,
written to a temporary folder (removed afterwards), and read by Janji's PDF
reader with OCR. The anchor, measured in the same run: the same pages as a PDF
with a text layer, read by the same reader. With ``--scans``: the PDFs of that
folder, and with ``--truth`` the plain text of each (same stem, ``.txt``) to
measure accuracy.

Printed figures: the engine's start (importing onnxruntime and RapidOCR, once per process; the models
load with the first page, which the per-page figures include);
per resolution seconds per page (wall and CPU) and pages per second; the
ratio to the text-layer anchor; character and word accuracy (1 - edit
distance / length of the truth, white space runs as one space; words compared
as a sequence). ``--engines`` adds, on the same pages, the engine's own text
before Janji's repair of lost spaces and letter confusions, and Tesseract
(Debian's ``tesseract-ocr`` with ``tesseract-ocr-ind``, pages rendered at 300 dpi) when it is installed.
The machine's load average is printed beside: OCR takes every core, so the
figures on a shared machine are pessimistic.
"""
from __future__ import annotations

import argparse
import functools
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from janji.read import ocr  # noqa: E402
from janji.read.pdf import read_pdf_pages  # noqa: E402

TESSERACT_DPI = 300
PAGES = [
    ["Pasangan calon Bupati dan Wakil Bupati nomor urut 2 memaparkan visi, misi dan program unggulan dalam "
     "debat publik yang digelar Komisi Pemilihan Umum di gedung serbaguna pada Kamis (10/10/2024) malam.",
     "Visi: Terwujudnya Kabupaten yang Maju, Religius dan Sejahtera Berbasis Potensi Desa.",
     "1. Meningkatkan mutu pendidikan dasar melalui beasiswa bagi 1.500 siswa berprestasi.",
     "2. Membangun dan memperbaiki 120 km jalan desa serta 30 jembatan penghubung antarkecamatan.",
     "3. Menyediakan layanan kesehatan gratis di setiap puskesmas dan ambulans desa.",
     "4. Memberikan modal usaha Rp25 juta bagi kelompok tani, nelayan dan pelaku UMKM."],
    ["Menurut calon bupati, seluruh program tersebut akan dibiayai dari APBD tanpa menambah utang daerah, "
     "dengan menata ulang belanja perjalanan dinas dan rapat yang selama ini dinilai boros.",
     "Calon wakil bupati menambahkan, pelayanan perizinan akan dibuat daring dan selesai dalam tiga hari kerja.",
     "Program 100 hari kerja:",
     "a. Membuka posko pengaduan warga di setiap kecamatan.",
     "b. Menghapus pungutan liar di pasar tradisional.",
     "c. Menyalurkan bantuan pupuk bersubsidi tepat waktu."],
]


@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=None)
def load_scans_module():
    spec = importlib.util.spec_from_file_location("janji_test_scans", ROOT / "tests" / "read" / "scans.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def text_pdf(pages: list[list[str]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    draw_text_page = load_scans_module().draw_text_page
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for paragraphs in pages:
        draw_text_page(c, paragraphs, width=450)
    c.save()
    return buf.getvalue()


def accuracy(read: str, truth: str) -> tuple[float, float]:
    edit_distance = load_scans_module().edit_distance
    a, b = " ".join(read.split()), " ".join(truth.split())
    chars = 1 - edit_distance(a, b) / max(len(b), 1)
    words = 1 - edit_distance(a.split(), b.split()) / max(len(b.split()), 1)
    return chars, words


def timed(func, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    out = func(*args)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def engine_texts(pdf_bytes: bytes) -> dict[str, str]:
    """The page images of a PDF read by the engine without Janji's repair, and by Tesseract if installed."""
    import pypdfium2 as pdfium

    out = {"rapidocr, no repair": [], "tesseract ind": []}
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            image = page.render(scale=ocr.DPI / 72, grayscale=True).to_pil()
            page.close()
            boxes = ocr.recognise(image)
            out["rapidocr, no repair"].append("\n".join(line.text for line in ocr.to_lines(
                boxes, index, ocr.DPI / 72, image.height * 72 / ocr.DPI, repair=False)))
            if shutil.which("tesseract"):
                page = pdf[index]
                fine = page.render(scale=TESSERACT_DPI / 72, grayscale=True).to_pil()  # its documented best
                page.close()
                with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
                    fine.save(tmp.name)
                    proc = subprocess.run(["tesseract", tmp.name, "-", "-l", "ind"], capture_output=True, text=True)
                out["tesseract ind"].append(proc.stdout)
    finally:
        pdf.close()
    return {name: "\n".join(pages) for name, pages in out.items() if pages}


def measure(label: str, pdfs: list[tuple[str, bytes, str | None, int]], anchors: list[bytes], engines: bool) -> dict:
    """Read each (name, scan PDF, truth, pages) with OCR; the anchors (text-layer PDFs) with the same reader."""
    wall = cpu = 0.0
    pages = 0
    scores: dict[str, list[tuple[float, float]]] = {}
    for name, raw, truth, n in pdfs:
        result, w, c = timed(read_pdf_pages, raw, name)
        wall, cpu, pages = wall + w, cpu + c, pages + n
        if truth is not None:
            scores.setdefault("janji (rapidocr + repair)", []).append(accuracy(result.text, truth))
            if engines:
                for engine, text in engine_texts(raw).items():
                    scores.setdefault(engine, []).append(accuracy(text, truth))
    anchor_wall = 0.0
    for raw in anchors:
        _, w, _ = timed(read_pdf_pages, raw, "teks.pdf")
        anchor_wall += w
    row = {"what": label, "pages": pages, "seconds_per_page": round(wall / pages, 2),
           "cpu_seconds_per_page": round(cpu / pages, 2), "pages_per_second": round(pages / wall, 3),
           "load_avg_1m": round(os.getloadavg()[0], 1)}
    if anchors:
        row["times_text_layer"] = round(wall / max(anchor_wall, 1e-6))
    for engine, values in scores.items():
        row[f"{engine}: chars"] = round(sum(v[0] for v in values) / len(values), 4)
        row[f"{engine}: words"] = round(sum(v[1] for v in values) / len(values), 4)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=4, help="generated pages per resolution")
    parser.add_argument("--dpi", default="150,200,300", help="resolutions of the generated scans")
    parser.add_argument("--scans", type=Path, help="a folder of scanned PDFs to read instead")
    parser.add_argument("--truth", type=Path, help="the plain texts of --scans (same stem, .txt)")
    parser.add_argument("--engines", action="store_true", help="also the engine without repair, and Tesseract")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    _, start, _ = timed(ocr._engine)
    rows = []
    notes = {"cores": os.cpu_count(), "engine_start_seconds": round(start, 2), "dpi_rendered": ocr.DPI}
    if args.scans:
        pdfs = []
        for path in sorted(args.scans.glob("*.pdf")):
            truth = None
            if args.truth and (args.truth / f"{path.stem}.txt").exists():
                truth = (args.truth / f"{path.stem}.txt").read_text(encoding="utf-8")
            import pypdfium2 as pdfium

            raw = path.read_bytes()
            n = len(pdfium.PdfDocument(raw))
            pdfs.append((path.name, raw, truth, n))
        rows.append(measure(str(args.scans), pdfs, [], args.engines))
    else:
        scans = load_scans_module()
        fonts = list(scans.font_files().values())
        if not fonts:
            sys.exit("no TrueType font known to fontconfig here (apt-get install fonts-dejavu-core)")
        with tempfile.TemporaryDirectory(prefix="janji-bench-ocr-") as tmp:
            pages = [PAGES[i % len(PAGES)] for i in range(args.pages)]
            anchor = text_pdf(pages)
            (Path(tmp) / "teks.pdf").write_bytes(anchor)
            for dpi in [int(d) for d in args.dpi.split(",")]:
                pdfs = []
                for i, paragraphs in enumerate(pages):
                    style = scans.ScanStyle(font=fonts[i % len(fonts)], dpi=dpi, angle=(-1) ** i * (0.4 + 0.3 * i),
                                            seed=i)
                    raw = scans.scan_pdf([paragraphs], style)
                    (Path(tmp) / f"pindaian-{dpi}-{i}.pdf").write_bytes(raw)
                    pdfs.append((f"pindaian-{dpi}-{i}.pdf", raw, "\n".join(paragraphs), 1))
                rows.append(measure(f"generated scans, {dpi} dpi", pdfs, [anchor], args.engines))
    if args.json:
        print(json.dumps({"notes": notes, "rows": rows}, indent=2))
        return
    print(f"{notes['cores']} cores; engine import and set-up: {notes['engine_start_seconds']} s; "
          f"pages rendered at {ocr.DPI} dpi")
    for row in rows:
        print(f"\n{row['what']}: {row['pages']} pages, load average {row['load_avg_1m']}")
        print(f"  {row['seconds_per_page']} s/page wall ({row['cpu_seconds_per_page']} CPU s), "
              f"{row['pages_per_second']} pages/s" + (f", {row['times_text_layer']}x reading the text layer"
                                                       if "times_text_layer" in row else ""))
        for key, value in row.items():
            if key.endswith(": chars"):
                engine = key[: -len(": chars")]
                print(f"  {engine}: characters {value:.4f}, words {row[engine + ': words']:.4f}")


if __name__ == "__main__":
    main()
