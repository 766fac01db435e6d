"""The review file: a snapshot of the session followed by an append-only journal of edits."""
from __future__ import annotations

import contextlib
import json
import logging
import os
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from align.errors import InputError
from concord.atomic import atomic_output
from concord.review.model import Change, EditError
from concord.review.operations import Operation, operation_from_json
from concord.review.session import ReviewSession
from concord.review.sources import REVIEW_SUFFIX

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)

FORMAT = "concord-review"
VERSION = 2
READABLE = (1, 2)
#: journal entries between two automatic snapshots
SNAPSHOT_EVERY = 200


class ReviewFileError(InputError):
    """A review file that cannot be used: not a review file, damaged, or in use by another server."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _crc(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def encode_entry(entry: dict[str, Any]) -> bytes:
    """One journal line for ``entry``, newline included."""
    body = _canonical(entry)
    return ('{"crc":"' + _crc(body) + '","entry":' + body + "}\n").encode("utf-8")


def decode_entry(line: bytes) -> dict[str, Any] | None:
    """The entry of a journal line, or ``None`` if the line is damaged (bad JSON or checksum)."""
    try:
        data = json.loads(line)
        entry = data["entry"]
        if not isinstance(entry, dict) or data["crc"] != _crc(_canonical(entry)):
            return None
        return entry
    except (ValueError, KeyError, TypeError):
        return None


class ReviewFile:
    """An open review file and the session it holds; every edit goes through it to disk.

    Format (UTF-8 JSON Lines, one file, e.g. ``release.review.jsonl`` next to the inputs):

    - Line 1, the **snapshot**: ``{"format": "concord-review", "version": 1, "seq": N, "saved": TIME,
      "session": {...}}`` — the whole session (documents, beads, statuses, edited texts, undo and redo
      history) after journal entry ``N``.
    - Every further line, one **journal entry**: ``{"crc": "1a2b3c4d", "entry": {"seq": N+1, "t": TIME,
      "op": {...}}}`` for an edit, or ``"undo": true`` / ``"redo": true`` in place of ``"op"``. An edit
      that made beads records the local confidence it gave them (``"conf": [0.82, null]``, one per bead
      the change put in place), so a replay gives back exactly what the reviewer saw without scoring
      again. ``crc`` is the CRC-32 of the entry's canonical JSON, so a torn write is recognised even if
      it happens to parse. Version 2 added ``conf``, the sessions' inline-code segments and memory
      origin; version 1 files are read as they are.

    Every edit is appended and ``fsync``-ed before the server answers, so an acknowledged edit is on disk.
    Every :data:`SNAPSHOT_EVERY` entries (and on a clean shutdown) the file is rewritten as a fresh snapshot
    through a temporary file renamed over it, so a crash at any moment leaves either the old file or the
    new one, never a mix. Opening the file replays the entries after the snapshot; a last line cut short
    by a crash is reported with a warning and dropped (that edit was never acknowledged), anything damaged
    before the last line is an error naming the line — nothing is ever silently discarded. Blank lines
    after the last line (a text editor adds them) are ignored and cut off.
    """

    def __init__(self, path: Path, session: ReviewSession, seq: int, *,
                 warnings: list[str] | None = None) -> None:
        self.path = path
        self.session = session
        self.seq = seq
        self.since_snapshot = 0
        self.warnings = list(warnings or [])
        #: when True, edits never write the periodic snapshot themselves: call :meth:`compact`
        self.defer_snapshots = False
        self._journal: IO[bytes] | None = None
        self._lock: IO[bytes] | None = None

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], session: ReviewSession) -> ReviewFile:
        """Start a new review file holding ``session`` (refuses to replace an existing one)."""
        target = Path(path)
        if target.exists():
            raise ReviewFileError("a review file already exists here; open it to resume the "
                                  "review, or choose another file", path=str(target))
        review = cls(target, session, 0)
        review._lock = _acquire_lock(target)
        review.snapshot()
        return review

    @classmethod
    def open(cls, path: str | os.PathLike[str],
             warn: Callable[[str], None] | None = None) -> ReviewFile:
        """Open an existing review file: read its snapshot, replay its journal, and take it over.

        A torn last line is reported through ``warn`` and cut off the file.
        """
        target = Path(path)
        lock = _acquire_lock(target)
        try:
            session, seq, good_end, warnings, replayed = load(target)
            for message in warnings:
                if warn is not None:
                    warn(message)
            if good_end < target.stat().st_size:
                with open(target, "r+b") as handle:
                    handle.truncate(good_end)
                    handle.flush()
                    os.fsync(handle.fileno())
        except BaseException:
            _release_lock(target, lock)
            raise
        review = cls(target, session, seq, warnings=warnings)
        review.since_snapshot = replayed
        review._lock = lock
        return review

    # -- writing ---------------------------------------------------------------------------------
    def execute(self, operation: Operation) -> Change:
        """Apply ``operation`` and make it durable; raises :class:`EditError` if it cannot apply."""
        redo = list(self.session.redo_stack)
        fresh = self.session.next_key
        change = self.session.execute(operation)
        if change.empty:
            return change
        entry: dict[str, Any] = {"op": operation.to_json()}
        scores = [b.confidence if b.local and b.key >= fresh else None for b in change.after]
        if any(score is not None for score in scores):
            entry["conf"] = scores
        try:
            self._append(entry)
        except BaseException:
            self.session.undo()
            self.session.redo_stack = redo
            raise
        self._maybe_snapshot()
        return change

    def undo(self) -> Change | None:
        """Undo the last change and record it; ``None`` when there was nothing to undo."""
        return self._step("undo", self.session.undo, self.session.redo)

    def redo(self) -> Change | None:
        """Redo the last undone change and record it; ``None`` when there was nothing to redo."""
        return self._step("redo", self.session.redo, self.session.undo)

    def _step(self, name: str, step: Callable[[], Change | None],
              back: Callable[[], Change | None]) -> Change | None:
        """Take an undo or redo ``step`` and journal it (``back`` takes it back if that fails)."""
        change = step()
        if change is not None:
            try:
                self._append({name: True})
            except BaseException:
                back()
                raise
            self._maybe_snapshot()
        return change

    def _append(self, entry: dict[str, Any]) -> None:
        entry = {"seq": self.seq + 1, "t": _now(), **entry}
        line = encode_entry(entry)
        if self._journal is None:
            self._journal = open(self.path, "ab")  # noqa: SIM115 - kept open between edits
        handle = self._journal
        start = os.fstat(handle.fileno()).st_size
        try:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            # do not leave the line (or half of it) behind: it was never acknowledged
            self._journal = None
            with contextlib.suppress(OSError):
                handle.close()
            with contextlib.suppress(OSError):
                os.truncate(self.path, start)
            raise
        self.seq += 1
        self.since_snapshot += 1

    def _maybe_snapshot(self) -> None:
        """Take the periodic snapshot when due (unless :attr:`defer_snapshots`: the server takes
        it with :meth:`compact` after answering, off the edit's path)."""
        if not self.defer_snapshots:
            self.compact()

    @property
    def snapshot_due(self) -> bool:
        return self.since_snapshot >= SNAPSHOT_EVERY

    def compact(self) -> None:
        """Take the periodic snapshot if due; a failure leaves the journal (still valid) as is."""
        if not self.snapshot_due:
            return
        try:
            self.snapshot()
        except OSError as exc:
            logger.warning("%s: could not write a snapshot (%s); edits are still journaled",
                           self.path, exc)

    def snapshot(self) -> None:
        """Rewrite the file as one snapshot of the current state (temporary file + rename)."""
        header = {"format": FORMAT, "version": VERSION, "seq": self.seq, "saved": _now(),
                  "session": self.session.to_json()}
        data = (json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        with atomic_output(self.path, "wb") as handle:
            handle.write(data)
        _fsync_directory(self.path.parent)
        self.since_snapshot = 0

    def close(self, snapshot: bool = True) -> None:
        """Write a final snapshot (unless told not to) and let go of the file."""
        try:
            if snapshot and self.since_snapshot:
                self.snapshot()
        finally:
            if self._journal is not None:
                self._journal.close()
                self._journal = None
            if self._lock is not None:
                _release_lock(self.path, self._lock)
                self._lock = None

    def __enter__(self) -> ReviewFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _acquire_lock(path: Path) -> IO[bytes] | None:
    """Take the review's lock file, so two servers never write one journal.

    The lock is an ``flock`` on ``NAME.review.jsonl.lock``, which the kernel releases when the
    process ends, however it ends: a lock file left behind by a killed server is stale and never
    blocks a restart. The file holds the holder's process id, for the message a second server
    gets. A server letting go removes the file; if that happens between our opening it and
    locking it, we locked a file no longer there, so we check and start again.
    """
    if fcntl is None:
        return None
    lock = _lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(10):
        handle = open(lock, "a+b")  # noqa: SIM115 - kept open while the review runs
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(handle)
            handle.close()
            raise ReviewFileError("this review is open in another concord review server"
                                  f"{holder}; close that one first", path=str(path)) from None
        try:
            current = os.stat(lock).st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            current = False
        if current:
            handle.truncate(0)
            handle.write(f"{os.getpid()}\n".encode())
            handle.flush()
            return handle
        handle.close()
    raise ReviewFileError("could not take the review's lock file (it keeps being replaced)",
                          path=str(lock))


def _holder(handle: IO[bytes]) -> str:
    """`` (process N)`` for the process id a lock file names, or nothing."""
    try:
        handle.seek(0)
        pid = int(handle.read(32).split()[0])
    except (OSError, ValueError, IndexError):
        return ""
    return f" (process {pid})"


def _release_lock(path: Path, handle: IO[bytes] | None) -> None:
    if handle is None:
        return
    with contextlib.suppress(OSError):
        _lock_path(path).unlink()
    handle.close()


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be fsynced
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_review_file(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` starts like a review file."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(64)
    except OSError:
        return False
    return start.startswith(b'{"format":"' + FORMAT.encode() + b'"')


def load(path: Path) -> tuple[ReviewSession, int, int, list[str], int]:
    """Read a review file: ``(session, last seq, byte length of its good part, warnings,
    journal entries replayed after the snapshot)``."""
    name = str(path)
    data = path.read_bytes()
    body = data.rstrip(b" \t\r\n")  # blank lines after the last one (an editor adds them)
    lines = body.split(b"\n") + ([b""] if b"\n" in data[len(body):] else [])
    try:
        header = json.loads(lines[0])
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError("not a review file")
    except ValueError:
        raise ReviewFileError("not a concord review file (its first line is not a review "
                              "snapshot)", path=name, line=1) from None
    if header.get("version") not in READABLE:
        raise ReviewFileError(f"review file version {header.get('version')!r} is not supported "
                              f"(this concord reads versions {READABLE[0]} to {READABLE[-1]})",
                              path=name, line=1)
    try:
        session = ReviewSession.from_json(header["session"])
        start = seq = int(header["seq"])
    except (KeyError, TypeError, ValueError, AssertionError) as exc:
        raise ReviewFileError(f"damaged review snapshot: {exc}", path=name, line=1) from None
    warnings: list[str] = []
    offset = len(lines[0]) + 1
    complete, fragment = (lines[1:-1], lines[-1]) if len(lines) > 1 else ([], b"")
    for k, line in enumerate(complete):
        number = k + 2
        entry = decode_entry(line) if line else None
        if entry is None or entry.get("seq") != seq + 1:
            if k == len(complete) - 1 and not fragment:
                warnings.append(_torn(name, number))
                return session, seq, offset, warnings, seq - start
            problem = "damaged journal entry" if entry is None else (
                f"journal entry out of sequence (expected {seq + 1}, found {entry.get('seq')})")
            kept = "1 edit" if seq - start == 1 else f"{seq - start} edits"
            raise ReviewFileError(f"{problem}: the file was changed outside concord, so the "
                                  "entries from here on cannot be trusted; to go on from the "
                                  f"state before it (the snapshot and {kept} after it), keep "
                                  f"the lines above: head -n {number - 1} {path.name} > "
                                  f"kept{REVIEW_SUFFIX}", path=name, line=number)
        try:
            replay(session, entry)
        except EditError as exc:
            raise ReviewFileError(f"journal entry cannot be replayed: {exc}", path=name,
                                  line=number) from None
        seq += 1
        offset += len(line) + 1
    if fragment:
        warnings.append(_torn(name, len(complete) + 2))
    return session, seq, offset, warnings, seq - start


def _torn(name: str, number: int) -> str:
    return (f"{name}:{number}: the last journal entry was cut short (the server stopped while "
            "saving it); it was never acknowledged and has been dropped")


def replay(session: ReviewSession, entry: dict[str, Any]) -> None:
    """Apply one journal entry to ``session``."""
    if entry.get("undo"):
        if session.undo() is None:
            raise EditError("undo with nothing to undo")
    elif entry.get("redo"):
        if session.redo() is None:
            raise EditError("redo with nothing to redo")
    elif "op" in entry:
        scores = entry.get("conf")
        if scores is not None and not isinstance(scores, list):
            raise EditError("entry has malformed confidences")
        session.execute(operation_from_json(entry["op"]), confidences=scores)
    else:
        raise EditError("entry holds no operation")
