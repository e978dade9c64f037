"""janji's packaged data files (see SOURCES.md): tables, lexicon and models, found beside this module.

    >>> path("bidang_urusan.csv").name
    'bidang_urusan.csv'
"""
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """A packaged data file: ``path("models", "prose.npz")``. The folder of this module, which is what
    ``importlib.resources.files("janji.data")`` gives for a package on disk; importing importlib.resources
    (it imports tempfile and zipfile) cost a one-file `janji analyze` ~5 ms."""
    return FOLDER.joinpath(*parts)
