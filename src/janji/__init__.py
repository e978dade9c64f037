"""Janji: the promises of Indonesia's regional heads, read, structured, classified and tracked.

The Python API is the product; the CLI, the web portal and the JSON API are doors onto it::

    from janji import analyze
    doc = analyze("visi-misi.pdf")
    doc.to_json()
"""

__version__ = "0.1.0"


def analyze(source, **options):
    """Analyse one source (a path, or bytes with ``name=``) and return its :class:`janji.document.Document`."""
    from janji.pipeline import analyze as _analyze

    return _analyze(source, **options)
