"""Alignment fixtures: one :class:`janji.align.Aligner` per test process (its embedding cache is shared by
every test). Documents for the tests are written with :mod:`align_helpers`."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def aligner():
    from janji.align import default_aligner

    return default_aligner()
