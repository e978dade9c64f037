"""The examples in the facts modules' docstrings are right."""
from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["__init__", "candidates", "kind", "offices", "parties", "period", "region"])
def test_docstring_examples(module):
    mod = importlib.import_module("janji.facts" if module == "__init__" else f"janji.facts.{module}")
    result = doctest.testmod(mod)
    assert result.attempted > 0 and result.failed == 0
