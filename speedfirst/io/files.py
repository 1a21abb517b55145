"""Atomic file writes: a reader or a crash sees the old file or the whole new one.

The bytes go to a temporary file in the target's directory, are flushed and
``fsync``-ed, and only then renamed onto the target with :func:`os.replace`;
on any error the temporary file is removed and the error re-raised. Every
writer in :mod:`speedfirst` goes through :func:`atomic_write`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

__all__ = ["Writer", "atomic_write", "bytes_writer", "write_text"]

Writer = Callable[[IO[bytes]], None]
"""Writes one file's bytes to an open binary file."""


def _new_temp(target: Path) -> tuple[int, Path]:
    """Create an empty, exclusive temporary file beside ``target``.

    Created with ``os.open(..., 0o666)`` so the process umask applies, as for a
    normal ``open(path, "w")`` (``mkstemp`` would always give mode 0600).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable (POSIX); silently skipped where unsupported."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def bytes_writer(data: bytes) -> Writer:
    """A :data:`Writer` that writes ``data``."""
    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    return write


def atomic_write(files: Mapping[str | Path, Writer]) -> list[Path]:
    """Write several files so that each target is replaced only by a complete file.

    Every writer first fills its own temporary file in the target's directory
    (flushed and fsync-ed); only when *all* succeeded are the temporary files
    renamed onto their targets with :func:`os.replace` (atomic on POSIX and
    Windows within one file system). On any exception every temporary file
    is removed and the exception re-raised, so existing targets stay as they
    were. An existing target keeps its permission bits.

    Parameters
    ----------
    files : mapping of path to writer
        Target path → function writing the file's bytes to a binary file.

    Returns
    -------
    list of pathlib.Path
        The targets, in the order given.
    """
    done: list[tuple[Path, Path]] = []
    try:
        for target, writer in files.items():
            path = Path(target)
            fd, tmp = _new_temp(path)
            done.append((path, tmp))
            with os.fdopen(fd, "wb") as fh:
                writer(fh)
                fh.flush()
                os.fsync(fh.fileno())
            with contextlib.suppress(FileNotFoundError):
                os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        for path, tmp in done:
            os.replace(tmp, path)
    except BaseException:
        for _, tmp in done:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    for parent in dict.fromkeys(path.parent for path, _ in done):
        _fsync_dir(parent)
    return [path for path, _ in done]


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; returns the path.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> write_text(p, "hello").read_text()
    'hello'
    """
    return atomic_write({path: bytes_writer(text.encode("utf-8"))})[0]


