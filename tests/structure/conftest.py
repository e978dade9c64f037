"""Fixtures for the structure tests: the builders of PDF/DOCX/HTML sources (tests/read/builders.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("janji_test_builders",
                                               Path(__file__).resolve().parent.parent / "read" / "builders.py")
builders_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builders_module)


@pytest.fixture(scope="session")
def builders():
    return builders_module
