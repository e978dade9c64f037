"""Scanned development documents (../shared/devset/formats/scan: image-only PDFs as a scanner gives them,
200 dpi, turned slightly, speckled, JPEG pages) analysed with OCR score as the plain texts do.

Every scan is read once per test session (the `scanned` fixture: 196 s for the 19 scans in a full `pytest -n 2`
run at load 8-10 on two cores; OCR takes seconds a page), and nothing generated is kept in the repository.
"""
from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import jsonschema
import pytest

from janji.pipeline import Pipeline

_spec = importlib.util.spec_from_file_location("janji_test_scores", Path(__file__).with_name("test_scores.py"))
_scores = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_scores)

SCAN_METRICS = ("promises_f1", "meta_acc")
SCAN_TOLERANCE = 0.05


@pytest.fixture(scope="session")
def scanned(shared: Path) -> dict[str, dict]:
    folder = shared / "devset" / "formats" / "scan"
    paths = sorted(folder.glob("*.pdf"))
    if not paths:
        pytest.skip("no scanned documents in ../shared/devset/formats/scan")
    pipe = Pipeline()
    out, started = {}, time.perf_counter()
    for path in paths:
        doc = pipe.analyze_path(path)
        assert not doc.warnings, f"{path.name}: {doc.warnings}"
        out[path.stem] = json.loads(json.dumps(doc.to_json()))
    # Printed with -s: what this fixture costs the suite.
    print(f"\nOCR of {len(paths)} scans: {time.perf_counter() - started:.0f} s")
    return out


@pytest.mark.slow
def test_scans_score_as_the_plain_text(shared, scanned):
    pipe = Pipeline()
    plain = {stem: json.loads(json.dumps(pipe.analyze_path(shared / "devset" / "docs" / f"{stem}.txt").to_json()))
             for stem in scanned}
    gold_dir = shared / "devset" / "gold"
    stems = set(scanned)
    got = _scores.totals(shared, gold_dir, scanned, stems)
    want = _scores.totals(shared, gold_dir, plain, stems)
    measured = {m: (round(got[m], 4), round(want[m], 4)) for m in SCAN_METRICS}
    off = []
    for metric in SCAN_METRICS:
        if abs(got[metric] - want[metric]) > SCAN_TOLERANCE:
            worse = [stem for stem in sorted(stems) if _scores.totals(shared, gold_dir, scanned, {stem})[metric]
                     != _scores.totals(shared, gold_dir, plain, {stem})[metric]]
            off.append(f"scan {metric} {got[metric]:.3f} vs plain {want[metric]:.3f} (differs in {worse})")
    assert not off, "; ".join(off) + f"; measured (scan, plain): {measured}"


@pytest.mark.slow
def test_scans_say_which_pages_were_read_with_ocr_and_validate(shared, scanned):
    schema = json.loads((shared / "spec" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for stem, data in scanned.items():
        assert data["source"]["format"] == "pdf" and data["source"]["ocr_pages"] == [1], stem
        errors = sorted(validator.iter_errors(data), key=lambda e: e.path)
        assert not errors, f"{stem}: {errors[0].message} at {list(errors[0].path)}"
