"""The `Example:` blocks in the prose modules' docstrings stay true."""
from __future__ import annotations

import doctest

import pytest

import janji.prose
import janji.prose.cues
import janji.prose.sentences
import janji.prose.speakers


@pytest.mark.parametrize("module", [janji.prose, janji.prose.cues, janji.prose.sentences, janji.prose.speakers])
def test_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
