"""Files: written so that a reader never sees half of one (a temporary name beside the target, then a
rename), found in the folders a user names without wandering out of them, and read only when they are
ordinary files.

Input folders may come from anyone (a shared drive, an unpacked archive): a symbolic link inside one
that points at ``/etc/passwd`` must not make that file's text public on the portal, and a FIFO or a
device must not hang an ingest. :func:`iter_files` therefore skips, with a reason, links that leave the
folder (unless ``follow_links``) and anything that is not a regular file; :func:`read_regular` refuses a
special file without blocking on it.
"""
from __future__ import annotations

import errno
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

SKIP_NAMES = {".DS_Store", "Thumbs.db"}


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed onto ``path`` when the block succeeds,
    removed when it fails (an interrupted export or analysis leaves the old file, or none)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = unused_name(path.parent, f".{path.name}.", ".tmp")
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would hide results from the rest of a team
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def unused_name(folder: Path, prefix: str, suffix: str = "") -> Path:
    """A name in ``folder`` that no file has (``prefix`` + 16 random hex digits + ``suffix``): claimed with an
    exclusive create, as :func:`tempfile.mkstemp` does, then left free for the writer to create (sqlite3 must
    not find a stale empty file). Not tempfile itself: importing it (shutil, bz2, lzma) was ~4 ms of a one-file
    `janji analyze`."""
    for _ in range(100):
        name = Path(folder) / f"{prefix}{os.urandom(8).hex()}{suffix}"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        os.unlink(name)
        return name
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(folder))


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` all at once, flushed to disk before the rename."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())


class NotRegularFile(OSError):
    """A FIFO, device, socket (or anything else that is not a regular file) where a file was expected."""


def _special(mode: int) -> str:
    kinds = [(stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "perangkat karakter"), (stat.S_ISBLK, "perangkat blok"),
             (stat.S_ISSOCK, "soket")]
    return next((name for test, name in kinds if test(mode)), "bukan berkas biasa")


def read_regular(path: str | os.PathLike) -> bytes:
    """The bytes of ``path`` if it is a regular file (a link to one is fine); :class:`NotRegularFile` for a
    FIFO, device or socket — checked on the opened file, so neither a swap after listing nor a FIFO with
    no writer can make the read block."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"bukan berkas biasa ({_special(mode)})", str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            return fh.read()
    finally:
        if fd >= 0:
            os.close(fd)


def os_reason(exc: OSError) -> str:
    """Why a file could not be opened, in the user's language (the rest of a one-line error)."""
    if isinstance(exc, NotRegularFile):
        return exc.strerror
    reasons = {errno.ENOENT: "berkas tidak ditemukan", errno.EACCES: "tidak ada izin membaca berkas",
               errno.EPERM: "tidak ada izin membaca berkas", errno.EISDIR: "ini folder, bukan berkas",
               errno.ENAMETOOLONG: "nama berkas terlalu panjang"}
    return reasons.get(exc.errno, f"tidak dapat dibaca ({exc.strerror or exc})")


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def iter_files(paths: Iterable[str | os.PathLike], *, follow_links: bool = False,
               on_skip: Callable[[Path, str], None] | None = None) -> Iterator[Path]:
    """The files named, and every file under the folders named (sorted per folder; hidden files and
    folders, ``.DS_Store`` and ``Thumbs.db`` left out).

    Inside a folder, a symbolic link whose target lies outside that folder is skipped unless
    ``follow_links``; a link to a folder inside it is not walked twice; special files (FIFOs, devices,
    sockets) are always skipped. Each skip is reported as ``on_skip(path, reason)`` (one Indonesian
    line). A path named directly is taken as it is, a link included — the user named it — but a special
    file is skipped there too; a name that does not exist is yielded so that its reader says so.
    """
    report = on_skip or (lambda _path, _reason: None)
    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except OSError:
            yield path  # missing or unreadable: the reader gives the one-line error
            continue
        if stat.S_ISDIR(st.st_mode):
            root = os.path.realpath(path)
            yield from sorted(_walk(path, root, follow_links, report, {root}))
        elif stat.S_ISREG(st.st_mode):
            yield path
        else:
            report(path, f"bukan berkas biasa ({_special(st.st_mode)}); dilewati")


def _walk(folder: Path, root: str, follow_links: bool, report, seen: set[str]) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        report(folder, f"folder tidak dapat dibaca ({exc.strerror or exc}); dilewati")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIP_NAMES:
            continue
        path = Path(entry.path)
        link = entry.is_symlink()
        if link:
            target = os.path.realpath(entry.path)
            if not os.path.exists(target):
                report(path, "tautan simbolik rusak (tujuannya tidak ada); dilewati")
                continue
            if not follow_links and not _inside(target, root):
                report(path, f"tautan simbolik ke luar folder ({target}); dilewati (--follow-links untuk mengikutinya)")
                continue
        try:
            st = os.stat(entry.path)  # the link's target, if a link
        except OSError as exc:
            report(path, f"tidak dapat dibaca ({exc.strerror or exc}); dilewati")
            continue
        if stat.S_ISDIR(st.st_mode):
            real = os.path.realpath(entry.path)
            if link and _inside(real, root):
                continue  # its files are found under their own names; walking them twice would double them
            if real in seen:
                continue  # a link loop
            yield from _walk(path, root, follow_links, report, seen | {real})
        elif stat.S_ISREG(st.st_mode):
            yield path
        else:
            report(path, f"bukan berkas biasa ({_special(st.st_mode)}); dilewati")
