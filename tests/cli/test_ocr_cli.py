"""`--ocr` on the commands that read documents: a scanned PDF is read (and says so in its janji/1 JSON), or,
with `--ocr never`, refused in one line naming the file."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from janji.cli import cli

_spec = importlib.util.spec_from_file_location("janji_test_scans",
                                               Path(__file__).resolve().parents[1] / "read" / "scans.py")
scans = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = scans  # its dataclasses look their module up
_spec.loader.exec_module(scans)

PAGE = [
    "Visi: Terwujudnya Kota Contoh yang Hijau dan Sejahtera.",
    "Misi:",
    "1. Membangun 12 taman kota dan ruang terbuka hijau.",
    "2. Meningkatkan layanan kesehatan di setiap kelurahan.",
]


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    fonts = scans.font_files()
    if not fonts:
        pytest.skip("no TrueType font known to fontconfig on this machine")
    path = tmp_path_factory.mktemp("pindaian") / "visi-misi-pindaian.pdf"
    path.write_bytes(scans.scan_pdf([PAGE], scans.ScanStyle(font=next(iter(fonts.values())), dpi=200, size_pt=12)))
    return path


def test_ocr_never_refuses_a_scan_in_one_line_naming_it(scan, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "janji.cli", "analyze", str(scan), "--ocr", "never", "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if "galat" in line]
    assert len(errors) == 1 and scan.name in errors[0] and "OCR" in errors[0], proc.stderr
    assert "Traceback" not in proc.stderr and not list(out.glob("*.json"))


@pytest.mark.slow
def test_analyze_reads_a_scan_and_records_its_ocr_pages(scan):
    result = CliRunner().invoke(cli, ["analyze", str(scan), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"]["format"] == "pdf" and data["source"]["ocr_pages"] == [1]
    assert [item["kind"] for item in data["items"]][:1] == ["vision"]
    missions = [item for item in data["items"] if item["kind"] == "mission"]
    assert [m["label"] for m in missions] == ["1", "2"]
    assert missions[0]["quantities"][0]["value"] == 12


def test_ingest_takes_the_same_option(scan, tmp_path):
    db = f"sqlite:///{tmp_path / 'janji.db'}"
    result = CliRunner().invoke(cli, ["ingest", str(scan), "--ocr", "never", "--db", db, "--json"])
    assert result.exit_code != 0
    assert scan.name in result.output and "OCR" in result.output
    assert "--ocr" in CliRunner().invoke(cli, ["ingest", "--help"]).output
    assert "--ocr" in CliRunner().invoke(cli, ["analyze", "--help"]).output
