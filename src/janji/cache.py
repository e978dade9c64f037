"""What janji derives from its own files, kept between processes in the user's cache folder.

Turning a packaged data file into the form the analyser uses (the classifier's weights decompressed, its
strings split, its dictionaries built) costs a one-file `janji analyze` more than reading that form back.
:func:`derived` keeps the form in a file named after the SHA-256 of the data file's bytes, so a changed data
file is never read through an old form; nothing is ever downloaded. The folder is ``$JANJI_CACHE_DIR``,
else ``$XDG_CACHE_HOME/janji``, else ``~/.cache/janji``; ``JANJI_CACHE_DIR=`` (empty) keeps nothing. A
missing, unreadable or damaged file only means deriving the form again.

    >>> derived(b"a,b\\n", "example", lambda: "a,b\\n".split(","))
    ['a', 'b\\n']
    >>> derived(b"a,b\\n", "example", lambda: 1 / 0)  # read back, not made again
    ['a', 'b\\n']

Numeric arrays go beside the value as one block of bytes (:func:`pack_arrays`), which is mapped, not read:
the pages of a large weight matrix are read from disk only where a document's features touch it.
"""
from __future__ import annotations

import hashlib
import marshal
import mmap
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

from janji.files import unused_name

_HEAD = 16  # bytes before the marshalled value: its length and where the block of arrays starts (8 each)
_ALIGN = 64  # the block and every array in it start at a multiple of this


def folder() -> Path | None:
    """The cache folder (see the module's text); None when ``JANJI_CACHE_DIR`` is set but empty."""
    chosen = os.environ.get("JANJI_CACHE_DIR")
    if chosen is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        chosen = os.path.join(base, "janji")
    return Path(chosen) if chosen else None


def read(path: Path | None) -> Any:
    """The value marshalled in ``path`` (a file :func:`write` wrote); None when there is none or it cannot be
    read."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        # loads of the whole file: marshal.load from a file reads it an object at a time (5x slower)
        return marshal.loads(data)
    except Exception:  # no file yet, no folder, a truncated or foreign file
        return None


def write(path: Path, value: Any, replaces: Iterable[Path] = (), block: bytes | None = None) -> bool:
    """Marshal ``value`` into ``path`` (written whole, then renamed into place: processes ending together never
    leave half a file) and remove the files of ``replaces`` (older forms of the same thing). With ``block``,
    the file is :func:`derived`'s: a head, the value, then the block aligned. False when it could not be
    written (no place, a full disk): the next process makes the value again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = unused_name(path.parent, path.name + ".")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            data = marshal.dumps(value)
            if block is None:
                fh.write(data)
            else:
                start = _aligned(_HEAD + len(data))
                fh.write(len(data).to_bytes(8, "little") + start.to_bytes(8, "little") + data)
                fh.write(bytes(start - _HEAD - len(data)) + block)
        os.replace(tmp, path)
    except (OSError, ValueError):  # a full disk; a value marshal cannot write
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    for old in replaces:
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
    return True


def derived(raw: bytes, name: str, make: Callable[[], Any], version: int = 1) -> Any:
    """``make()`` — a value :mod:`marshal` writes (numbers, strings, bytes, tuples, lists, sets, dicts, None)
    derived from the data file whose bytes are ``raw`` — read back from the cache folder when a process of
    this Python made it before from the same bytes. ``name`` says what it is (one file per name is kept: a new
    data file's form replaces the old one's, for this Python); raise ``version`` when ``make`` changes what it
    derives."""
    return derived_with_block(raw, name, lambda: (make(), b""), version)[0]


def derived_with_block(raw: bytes, name: str, make: Callable[[], tuple[Any, bytes]],
                       version: int = 1) -> tuple[Any, memoryview]:
    """:func:`derived` for a ``make()`` that returns a value and a block of bytes (arrays: :func:`pack_arrays`).
    The block comes back as a private, writable mapping of the kept file (copy on write: writing to it
    changes neither the file nor another process's view)."""
    base = folder()
    if base is None:
        value, block = make()
        return value, memoryview(bytearray(block))
    digest = hashlib.sha256(raw).hexdigest()[:32]
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    path = base / f"{name}-v{version}-{digest}-{python}.cache"
    found = _mapped(path)
    if found is not None:
        return found
    value, block = make()
    write(path, value, replaces=base.glob(f"{name}-v*-{python}.cache"), block=block)  # another Python's stays
    return value, memoryview(bytearray(block))


def _mapped(path: Path) -> tuple[Any, memoryview] | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
            size, start = int.from_bytes(head[:8], "little"), int.from_bytes(head[8:], "little")
            value = marshal.loads(fh.read(size))
            whole = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_COPY)
        if start != _aligned(_HEAD + size) or start > len(whole):
            return None
        return value, memoryview(whole)[start:]
    except Exception:  # no file yet, no folder, a truncated or foreign file
        return None


def _aligned(n: int) -> int:
    return -(-n // _ALIGN) * _ALIGN


def pack_arrays(arrays: dict) -> tuple[dict, bytes]:
    """numpy arrays as (an index :mod:`marshal` writes, one block of bytes), for :func:`derived_with_block`."""
    index, parts, offset = {}, [], 0
    for key, array in arrays.items():
        data = array.tobytes()  # C order
        index[key] = (array.dtype.str, tuple(array.shape), offset, len(data))
        padding = _aligned(len(data)) - len(data)
        parts += [data, bytes(padding)]
        offset += len(data) + padding
    return index, b"".join(parts)


def unpack_arrays(index: dict, block) -> dict:
    """The arrays of :func:`pack_arrays` over ``block`` (no copy: they share its memory)."""
    import numpy as np

    out = {}
    for key, (dtype, shape, offset, size) in index.items():
        dt = np.dtype(dtype)
        flat = np.frombuffer(block, dtype=dt, count=size // dt.itemsize, offset=offset) if size else np.empty(0, dt)
        out[key] = flat.reshape(shape)
    return out
