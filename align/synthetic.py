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


def concatenate(parts: Sequence[tuple[Document, Document, Sequence[BeadIds]]], *,
                name: str = "") -> tuple[Document, Document, list[BeadIds]]:
    """One long document pair from several (source, target, gold): sentences one after another,
    gold ids offset to match. Every part must have the same source and target languages."""
    if not parts:
        raise ValueError("nothing to concatenate")
    src_sentences: list[Sentence] = []
    tgt_sentences: list[Sentence] = []
    gold: list[BeadIds] = []
    src_par = tgt_par = 0
    for source, target, beads in parts:
        if (source.lang, target.lang) != (parts[0][0].lang, parts[0][1].lang):
            raise ValueError("the parts differ in their languages")
        s0, t0 = len(src_sentences), len(tgt_sentences)
        gold.extend((tuple(i + s0 for i in s), tuple(j + t0 for j in t)) for s, t in beads)
        src_sentences.extend(_renumbered(source.sentences, src_par))
        tgt_sentences.extend(_renumbered(target.sentences, tgt_par))
        src_par = 1 + max((s.paragraph for s in src_sentences), default=-1)
        tgt_par = 1 + max((s.paragraph for s in tgt_sentences), default=-1)
    return (Document(src_sentences, parts[0][0].lang, name),
            Document(tgt_sentences, parts[0][1].lang, name), gold)


def _renumbered(sentences: Sequence[Sentence], first_paragraph: int) -> list[Sentence]:
    return [Sentence(s.text, s.paragraph + first_paragraph, None, s.kind) for s in sentences]


def drop_runs(source: Document, target: Document, gold: Sequence[BeadIds],
              runs: Sequence[tuple[int, int, str]]) -> Changed:
    """Delete one side of runs of consecutive gold beads: each run ``(first bead, beads, side)``
    loses its ``side`` ("src" or "tgt") sentences, and the other side's sentences of the run
    become one-sided beads (a passage one translation leaves out). Runs must not overlap."""
    dropped: dict[int, str] = {}
    for first, count, side in runs:
        if side not in ("src", "tgt"):
            raise ValueError("side must be 'src' or 'tgt'")
        for x in range(first, min(first + count, len(gold))):
            if x in dropped:
                raise ValueError("the runs overlap")
            dropped[x] = side
    gone_src = {i for x, side in dropped.items() if side == "src" for i in gold[x][0]}
    gone_tgt = {j for x, side in dropped.items() if side == "tgt" for j in gold[x][1]}
    keep_src = [k for k in range(len(source)) if k not in gone_src]
    keep_tgt = [k for k in range(len(target)) if k not in gone_tgt]
    new_src = {old: new for new, old in enumerate(keep_src)}
    new_tgt = {old: new for new, old in enumerate(keep_tgt)}
    out: list[BeadIds] = []
    made: set[tuple[str, int]] = set()
    for x, (s, t) in enumerate(gold):
        s2 = tuple(new_src[i] for i in s if i in new_src)
        t2 = tuple(new_tgt[j] for j in t if j in new_tgt)
        if x in dropped and s2 and t2:
            raise AssertionError("a dropped bead kept both sides")
        if x in dropped:
            out.extend(((i,), ()) for i in s2)
            out.extend(((), (j,)) for j in t2)
            made.update(("src", i) for i in s2)
            made.update(("tgt", j) for j in t2)
        elif s2 or t2:
            out.append((s2, t2))
    return Changed(_subset(source, keep_src), _subset(target, keep_tgt), out, made)
