"""The examples of the alignment docs are right: module docstrings (doctest) and the Python example of
docs/align.md, whose printed lines must be what its comments say."""
from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "align.md"


@pytest.mark.parametrize("module", ["text", "acronym", "aligner", "embed", "evidence"])
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(f"janji.align.{module}"))
    assert result.attempted > 0 and result.failed == 0


def test_the_python_example_of_docs_align_md():
    block = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    expected = [line.split("#", 1)[1].strip() for line in block.splitlines() if line.startswith("print(")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, str(DOC), "exec"), {})
    assert out.getvalue().splitlines() == expected
