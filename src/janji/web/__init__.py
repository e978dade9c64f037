"""The web portal and JSON API (FastAPI + Jinja2): ``create_app(store)``; run it with ``janji serve``."""
from __future__ import annotations


def create_app(*args, **kwargs):
    """See :func:`janji.web.app.create_app` (imported lazily: `janji --help` must not load FastAPI)."""
    from janji.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)


__all__ = ["create_app"]
