"""Every example in a docstring of src/janji runs (doctest) and shows what it says.

Modules are found by their ``>>>`` lines, so a new example is checked without being listed here. A module
whose examples are all skipped fails: an example nobody runs is a claim nobody checks.
"""
from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "janji"


def modules_with_examples() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if ">>>" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(SRC.parent).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_the_modules_people_read_first_have_examples():
    # the search below must not quietly find nothing (a moved src/ would make every test vacuous)
    assert {"janji.pipeline", "janji.stage", "janji.classify", "janji.track", "janji.read.pdf",
            "janji.read.docx", "janji.web.upload", "janji.data.reference"} <= set(modules_with_examples())


@pytest.mark.parametrize("module", modules_with_examples())
def test_docstring_examples_run(module, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # an example that writes a file writes it here, never into the project
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0, f"{module}: every example is skipped"
    assert result.failed == 0, f"{module}: {result.failed} of {result.attempted} examples fail (see the output above)"
