"""Known one-sided beads, made from gold alignments by changing one side.

Gold one-sided beads (a sentence one side leaves out) are rare in gold sets, so evaluation makes
its own: :func:`delete_side` deletes the sentences of one side of a gold bead, so its other side
must come out as 1-0 (or 0-1) beads; :func:`insert_sentence` inserts a foreign sentence on one
side, which must come out unaligned. Both renumber the gold beads to match the changed document.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from align.evaluate import BeadIds
from align.model import Document, Sentence


@dataclass
class Changed:
    """A changed document pair, its gold, and the sentences the change left without a partner
    (``("src", id)`` / ``("tgt", id)`` in the changed documents)."""

    source: Document
    target: Document
    gold: list[BeadIds]
    made: set[tuple[str, int]] = field(default_factory=set)


def _subset(doc: Document, keep: list[int]) -> Document:
    return Document([doc.sentences[k] for k in keep], doc.lang, doc.name)


def delete_side(source: Document, target: Document, gold: Sequence[BeadIds], bead: int,
                side: str) -> Changed:
    """Delete the ``side`` ("src" or "tgt") sentences of gold bead number ``bead``; the bead's
    other sentences become one-sided beads of their own."""
    if side not in ("src", "tgt"):
        raise ValueError("side must be 'src' or 'tgt'")
    src, tgt = gold[bead]
    gone = set(src if side == "src" else tgt)
    doc = source if side == "src" else target
    keep = [k for k in range(len(doc)) if k not in gone]
    renumber = {old: new for new, old in enumerate(keep)}
    out: list[BeadIds] = []
    made: set[tuple[str, int]] = set()
    for x, (s, t) in enumerate(gold):
        if side == "src":
            s = tuple(renumber[i] for i in s if i in renumber)
        else:
            t = tuple(renumber[j] for j in t if j in renumber)
        if x == bead:
            if side == "src":
                out.extend(((), (j,)) for j in t)
                made.update(("tgt", j) for j in t)
            else:
                out.extend(((i,), ()) for i in s)
                made.update(("src", i) for i in s)
        elif s or t:
            out.append((s, t))
    if side == "src":
        return Changed(_subset(source, keep), target, out, made)
    return Changed(source, _subset(target, keep), out, made)


def insert_sentence(source: Document, target: Document, gold: Sequence[BeadIds], bead: int,
                    side: str, sentence: Sentence) -> Changed:
    """Insert ``sentence`` on ``side`` right after the ``side`` sentences of gold bead number
    ``bead`` (which must have some); it becomes a one-sided bead after that bead."""
    if side not in ("src", "tgt"):
        raise ValueError("side must be 'src' or 'tgt'")
    ids = gold[bead][0] if side == "src" else gold[bead][1]
    if not ids:
        raise ValueError("the bead has no sentence on that side to insert after")
    doc = source if side == "src" else target
    at = max(ids) + 1
    sentences = list(doc.sentences)
    sentences.insert(at, sentence)
    changed = Document(sentences, doc.lang, doc.name)
    out: list[BeadIds] = []
    for x, (s, t) in enumerate(gold):
        if side == "src":
            s = tuple(i + (i >= at) for i in s)
        else:
            t = tuple(j + (j >= at) for j in t)
        out.append((s, t))
        if x == bead:
            out.append(((at,), ()) if side == "src" else ((), (at,)))
    if side == "src":
        return Changed(changed, target, out, {("src", at)})
    return Changed(source, changed, out, {("tgt", at)})
