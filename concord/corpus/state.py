"""What makes a batch resumable: a journal of finished documents and ``summary.json``.

Each finished document is appended to ``OUTDIR/.concord-batch/journal.jsonl`` (one JSON line,
flushed and fsynced) as soon as its outputs are in place, so that a run killed at any moment
(``kill -9``) resumes where it stopped; ``summary.json`` is written at the end of a run and the
journal emptied. A rerun skips a document whose content hash is that of a finished run and whose
outputs are all there. A lock on the folder keeps two runs from writing it at once.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from align.errors import InputError
from concord.atomic import write_text_atomic
from concord.corpus.task import STATE_DIR, BatchOptions, DocumentResult, output_names

SUMMARY = "summary.json"
JOURNAL = "journal.jsonl"
#: a temporary file of concord.atomic (``.NAME.XXXXXXXX.tmp``) left by a killed run
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


@contextlib.contextmanager
def locked(outdir: Path) -> Iterator[None]:
    """Hold the output folder's lock while the block runs; :class:`InputError` when another run
    holds it. Temporary files a killed run left behind are removed once the lock is held."""
    state = outdir / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    with open(state / "lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise InputError("another concord batch is writing this folder",
                             path=str(outdir)) from None
        _remove_temporaries(outdir)
        yield


def _remove_temporaries(outdir: Path) -> None:
    for folder in (outdir, outdir / STATE_DIR, outdir / STATE_DIR / "checks",
                   outdir / STATE_DIR / "memories"):
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.is_file(follow_symlinks=False) and _TEMPORARY.match(entry.name):
                    os.unlink(entry.path)


def previous_results(outdir: Path) -> dict[str, DocumentResult]:
    """The results of earlier runs into ``outdir``: ``summary.json``, then the journal of an
    unfinished run (a torn last line, from a killed run, is ignored)."""
    results: dict[str, DocumentResult] = {}
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        data = json.loads((outdir / SUMMARY).read_text(encoding="utf-8"))
        for item in data["results"]:
            results[item["doc_id"]] = DocumentResult.from_dict(item)
    with contextlib.suppress(OSError), open(outdir / STATE_DIR / JOURNAL, encoding="utf-8") as handle:
        for line in handle:
            try:
                result = DocumentResult.from_dict(json.loads(line))
            except (ValueError, TypeError):
                continue
            results[result.doc_id] = result
    return results


def is_done(previous: DocumentResult | None, digest: str, options: BatchOptions,
            outdir: Path) -> bool:
    """True when ``previous`` finished the document with the same inputs and options and its
    output files are all in place."""
    if previous is None or previous.status == "failed" or previous.digest != digest:
        return False
    return all((outdir / name).is_file() for name in output_names(previous.doc_id, options))


class Journal:
    """The append-only record of the documents finished by the current run."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / STATE_DIR / JOURNAL
        self._handle: IO[str] | None = None

    def record(self, result: DocumentResult) -> None:
        """Append ``result``; it is on disk when this returns."""
        if self._handle is None:
            self._handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115  (kept open)
        self._handle.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def clear(self) -> None:
        """Empty the journal, once ``summary.json`` holds every result."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


def write_summary(outdir: Path, results: Iterable[DocumentResult], options: BatchOptions,
                  extra: dict[str, Any]) -> dict[str, Any]:
    """Write ``summary.json`` (results in document order, counts by status, ``extra`` such as
    the unpaired files) atomically; returns what was written."""
    ordered = sorted(results, key=lambda r: r.doc_id)
    counts = {status: sum(1 for r in ordered if r.status == status)
              for status in ("aligned", "unchanged", "failed")}
    data: dict[str, Any] = {
        "documents": len(ordered), **counts,
        "sentences": sum(sum(r.sentences.values()) for r in ordered),
        "beads": sum(sum(r.beads.values()) for r in ordered),
        "options": options.describe(), **extra,
        "results": [r.to_dict() for r in ordered]}
    write_text_atomic(outdir / SUMMARY, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return data
