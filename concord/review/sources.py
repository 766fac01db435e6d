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

from align.model import Document, Sentence
from concord.errors import UsageError
from concord.review.model import CONFIRMED, UNCONFIRMED, ReviewBead
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
    sentence splitter finds exactly that many.
    """
    from concord.bitext import read_units
    from tmx import props as P
    from tmx.langtags import primary_language

    src_tag = tgt_tag = None
    src_sents: list[Sentence] = []
    tgt_sents: list[Sentence] = []
    beads: list[ReviewBead] = []
    skipped = 0
    for unit in read_units(path):
        if src_tag is None:
            if len(unit.langs) < 2:
                skipped += 1
                continue
            src_tag, tgt_tag = unit.langs[0], unit.langs[1]
        if unit.variant(src_tag) is None or unit.variant(tgt_tag) is None:
            skipped += 1
            continue
        paragraph = _int(unit.prop(P.PARAGRAPH), len(beads))
        kind = unit.prop(P.BEAD) or ""
        counts = kind.split("-") if "-" in kind else []
        src_ids = _add(src_sents, unit.text(src_tag), primary_language(src_tag), paragraph,
                       _int(counts[0], 1) if counts else 1)
        tgt_ids = _add(tgt_sents, unit.text(tgt_tag), primary_language(tgt_tag), paragraph,
                       _int(counts[1], 1) if len(counts) > 1 else 1)
        if not src_ids and not tgt_ids:
            skipped += 1
            continue
        status = CONFIRMED if P.status(unit) == "confirmed" else UNCONFIRMED
        beads.append(ReviewBead(len(beads), src_ids, tgt_ids, P.confidence(unit), status))
    if not beads:
        raise UsageError("the memory holds no unit with two languages to review", path=path)
    assert src_tag is not None and tgt_tag is not None
    warnings = [f"{skipped} units without both {src_tag} and {tgt_tag} were left out"] if skipped else []
    source = Document(src_sents, primary_language(src_tag), Path(path).name)
    target = Document(tgt_sents, primary_language(tgt_tag), Path(path).name)
    info = {"origin": "memory", "inputs": input_record([path]), "warnings": warnings, **meta}
    return ReviewSession(source, target, beads, meta=info)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _add(sentences: list[Sentence], text: str, lang: str, paragraph: int, count: int
         ) -> tuple[int, ...]:
    """Append the sentences of one unit side; returns their indices."""
    text = text.strip()
    if not text:
        return ()
    pieces = [text]
    if count > 1:
        try:
            from align.segment import split_sentences
            split = [p.strip() for p in split_sentences(text, lang) if p.strip()]
        except ImportError:  # pragma: no cover
            split = []
        if len(split) == count:
            pieces = split
    start = len(sentences)
    sentences.extend(Sentence(piece, paragraph) for piece in pieces)
    return tuple(range(start, len(sentences)))
