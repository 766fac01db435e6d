"""Write output files atomically: a temporary file beside the target, renamed over it at the end.

A crash, an error, Ctrl-C or SIGTERM half way leaves the old file (or no file) in place, never a
partial one. Only regular files are replaced: ``-`` is standard output, and a path that is not a
regular file (a device such as ``/dev/stdout`` or ``/dev/null``, a FIFO, a symlink to one) is
written in place, once all the output has been made, never renamed over. A symlink to a regular
file keeps the link: the file it points to is replaced. An error while writing (a full disk)
names the output, not the temporary file, and removes the temporary file.
"""
from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

#: the name that means standard output wherever a command writes a file
STDOUT = "-"


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """Whether ``path`` is ``-``, standard output."""
    return path is not None and os.fspath(path) == STDOUT


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` as messages name it (``-`` is "standard output")."""
    return "standard output" if is_stdout(path) else os.fspath(path)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "wb",
                  encoding: str | None = None) -> Iterator[IO]:
    """Open a temporary file for writing; on success it replaces ``path`` (or is copied into
    ``path`` when that is ``-`` or not a regular file), on error it is removed."""
    name = os.fspath(path)
    try:
        if is_stdout(name) or _in_place(name):
            with _unnamed_output(name, mode, encoding) as handle:
                yield handle
            return
        target = Path(os.path.realpath(name))  # a symlink's file is replaced, the link kept
        if target.is_dir():  # say so with the user's path, not the temporary file's
            raise IsADirectoryError(errno.EISDIR, "is a directory", name)
        with _replacing(target, mode, encoding) as handle:
            yield handle
    except OSError as exc:
        if exc.filename is None:  # a write, flush or rename: name the user's path
            raise type(exc)(exc.errno, exc.strerror, shown(name)) from None
        raise


def _in_place(path: str) -> bool:
    """Whether ``path`` exists and is not a regular file (following symlinks), or is one of the
    kernel's links to a process's open files (/dev/stdout → /proc/self/fd/1): such a path is
    written into, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) or os.path.realpath(path).startswith("/proc/")


@contextlib.contextmanager
def _replacing(target: Path, mode: str, encoding: str | None) -> Iterator[IO]:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # name the user's path, not the temporary file's
        raise type(exc)(exc.errno, exc.strerror, str(target)) from None
    try:
        # mkstemp makes the file private (0600); the output gets the mode a plain open() would
        # give it (0666 less the umask), or keeps the mode of the file it replaces
        os.chmod(tmp, _mode_for(target))
        handle: IO = (os.fdopen(fd, mode) if "b" in mode
                      else os.fdopen(fd, mode, encoding=encoding, newline=""))
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _unnamed_output(path: str, mode: str, encoding: str | None) -> Iterator[IO]:
    """Collect the output in an unnamed temporary file (gone with the process, whatever ends
    it), then copy it to standard output or into the device, FIFO or other special file."""
    with tempfile.TemporaryFile("w+b") as spool:
        if "b" in mode:
            yield spool
        else:
            with _text(spool, encoding) as handle:
                yield handle
        spool.flush()
        spool.seek(0)
        if is_stdout(path):
            sys.stdout.flush()
            shutil.copyfileobj(spool, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        try:
            out = open(path, "wb")  # noqa: SIM115 (closed below, with a named error)
        except OSError as exc:
            raise type(exc)(exc.errno, exc.strerror, path) from None
        with out:
            shutil.copyfileobj(spool, out)


@contextlib.contextmanager
def _text(spool: IO[bytes], encoding: str | None) -> Iterator[IO[str]]:
    wrapper = io.TextIOWrapper(spool, **_text_options("w", encoding))
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()  # leave the spool open for the copy


def _text_options(mode: str, encoding: str | None) -> dict[str, Any]:
    return {} if "b" in mode else {"encoding": encoding, "newline": ""}


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
