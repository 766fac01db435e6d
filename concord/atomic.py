"""Write output files atomically: a temporary file beside the target, renamed over it at the end.

A crash, an error or Ctrl-C half way leaves the old file (or no file) in place, never a partial one.
"""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "wb",
                  encoding: str | None = None) -> Iterator[IO]:
    """Open a temporary file for writing; on success it replaces ``path``, on error it is removed."""
    target = Path(path)
    if target.is_dir():  # say so with the user's path, not the temporary file's
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # name the user's path, not the temporary file's
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    try:
        # mkstemp makes the file private (0600); the output gets the mode a plain open() would
        # give it (0666 less the umask), or keeps the mode of the file it replaces
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, mode, encoding=encoding if "b" not in mode else None,
                       newline=None if "b" in mode else "") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    with atomic_output(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_output(path, "wb") as handle:
        handle.write(data)
