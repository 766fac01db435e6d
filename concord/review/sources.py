"""Where a review comes from: a document pair (aligned now), a memory file, or a saved review file.

Also the rules for the review file's place: next to the inputs, named after what the two input
names share (``release.zh.txt`` + ``release.en.txt`` → ``release.review.jsonl``), and the check
that a saved review still belongs to the inputs it was made from.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from concord.errors import UsageError
from concord.review.session import ReviewSession

REVIEW_SUFFIX = ".review.jsonl"


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def shared_stem(paths: Iterable[str | os.PathLike[str]]) -> str:
    """The dotted name parts all the file names start with (``harbour`` for ``harbour.zh.txt`` and
    ``harbour.en.txt``); names that share nothing are joined with ``+``."""
    names = [Path(p).name for p in paths]
    parts = [n.split(".") for n in names]
    common: list[str] = []
    for pieces in zip(*parts):
        if len(set(pieces)) != 1:
            break
        common.append(pieces[0])
    if len(parts) > 1 and all(len(p) > len(common) for p in parts) and common:
        return ".".join(common)
    if len(names) == 1:
        name = names[0]
        return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return "+".join(Path(n).stem for n in names)


def default_review_path(inputs: list[str]) -> Path:
    """The review file for ``inputs``: next to the first, named after their shared stem."""
    return Path(inputs[0]).resolve().parent / (shared_stem(inputs) + REVIEW_SUFFIX)


def input_record(paths: Iterable[str]) -> list[dict[str, str]]:
    """What the review remembers of its inputs: absolute path and digest of each."""
    return [{"path": str(Path(p).resolve()), "sha256": file_digest(p)} for p in paths]


def check_inputs_match(meta: dict[str, Any], inputs: list[str], review_path: Path) -> None:
    """Refuse to resume a review made from other versions of ``inputs`` (never mix them up)."""
    recorded = [r.get("sha256") for r in meta.get("inputs") or []]
    recorded += [None] * (len(inputs) - len(recorded))
    changed = [p for p, digest in zip(inputs, recorded) if digest != file_digest(p)]
    if changed:
        raise UsageError(f"this review was made from another version of {', '.join(changed)}; "
                         "give --review-file NEW to start a new review, or open the review file "
                         "alone to go on with the old one", path=str(review_path))


def session_from_pair(source: str, target: str, *, align: Callable[..., Any],
                      meta: dict[str, Any]) -> ReviewSession:
    """Align ``source`` with ``target`` (through ``align``, the pipeline) into a fresh review."""
    alignment = align(source, target)
    info = {"origin": "align", "inputs": input_record([source, target]), **meta}
    return ReviewSession.from_alignment(alignment, meta=info)


def session_from_memory(path: str, *, meta: dict[str, Any]) -> ReviewSession:
    """A review of the units of a memory file (TMX, PO, TSV, JSONL): one bead per unit.

    The unit's ``x-concord-status``, ``-confidence`` and ``-paragraph`` properties are kept; a unit
    whose ``x-concord-bead`` says it joined several sentences is split back into them when the
    sentence splitter finds exactly that many. The units themselves, inline codes and all, are
    kept in the review (see :mod:`concord.review.memory`), so that export loses nothing.
    """
    from concord.review.memory import read_memory_review

    found = read_memory_review(path)
    if found is None:
        raise UsageError("the memory holds no unit with two languages to review", path=path)
    origin = found.origin
    units = "1 unit" if found.skipped == 1 else f"{found.skipped} units"
    warnings = ([f"{units} without both {origin.src_tag} and {origin.tgt_tag} "
                 f"{'is' if found.skipped == 1 else 'are'} not shown; export carries "
                 f"{'it' if found.skipped == 1 else 'them'} through unchanged"]
                if found.skipped else [])
    info = {"origin": "memory", "inputs": input_record([path]), "warnings": warnings, **meta}
    return ReviewSession(found.source, found.target, found.beads, meta=info,
                         segments=found.segments, memory=origin)
