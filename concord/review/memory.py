"""A memory file under review: its units kept whole, and where each sentence of the review came from.

Reviewing a memory (``concord review memory.tmx``) works on sentences, but the memory's units carry
more than text: inline codes, properties, notes, ``tuid``, attributes, other languages. So the
review keeps every unit of the file as read (:class:`MemoryOrigin`, saved in the review file) and,
for every sentence, the unit it came from and its segment with inline codes. Export
(:mod:`concord.review.export`) then writes a bead the reviewer did not regroup or edit as its
original unit, and builds a new unit only for the beads an edit changed, keeping what it can (see
:func:`concord.review.export.review_units` for the rules).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align.model import Document, Sentence
from concord.review.codes import PAIR_CLOSE, codes
from concord.review.model import CONFIRMED, SIDES, UNCONFIRMED, ReviewBead, Side
from tmx import props as P
from tmx.model import CODE_TAGS, Inline, Part, Segment, Unit, Variant
from tmx.serial import parts_from_json, parts_to_json, unit_from_json, unit_to_json


@dataclass
class MemoryOrigin:
    """What a review of a memory file keeps of the file, so that its export loses nothing.

    ``units``: every unit of the file in order, those left out of the review included (a unit
    without both languages is carried through export unchanged). ``unit_of[side][i]``: the unit
    sentence ``i`` of that side came from. ``ids[side][i]``: the sentence's id in the document the
    memory was aligned from (from ``x-concord-src-ids``/``-tgt-ids``), ``None`` when unknown.
    ``header``: the TMX header's attributes, properties and notes (``None`` for other formats).
    """

    units: list[Unit]
    src_tag: str
    tgt_tag: str
    unit_of: dict[Side, list[int]]
    ids: dict[Side, list[int | None]]
    header: dict[str, Any] | None = None
    fmt: str = "tmx"
    _sentences: list[tuple[tuple[int, ...], tuple[int, ...]]] | None = field(
        default=None, repr=False, compare=False)

    def sentences_of(self, unit: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The source and target sentences unit ``unit`` became."""
        if self._sentences is None:
            table: list[tuple[list[int], list[int]]] = [([], []) for _ in self.units]
            for position, side in enumerate(SIDES):
                for sentence, owner in enumerate(self.unit_of[side]):
                    table[owner][position].append(sentence)
            self._sentences = [(tuple(s), tuple(t)) for s, t in table]
        return self._sentences[unit]

    def units_of(self, bead: ReviewBead) -> list[int]:
        """The units the sentences of ``bead`` came from, in file order."""
        found = {self.unit_of["src"][i] for i in bead.src}
        found.update(self.unit_of["tgt"][i] for i in bead.tgt)
        return sorted(found)

    def code_only(self, unit: int, side: Side) -> Segment | None:
        """The segment of ``side`` of unit ``unit`` when it holds inline codes and no text (no
        sentence of the review comes from it: export keeps it with the unit's bead), else None."""
        variant = self.units[unit].variant(self.src_tag if side == "src" else self.tgt_tag)
        if (variant is None or not variant.segment.has_codes
                or self.sentences_of(unit)[SIDES.index(side)]):
            return None
        return variant.segment

    def reviewed(self, unit: int) -> bool:
        """True when unit ``unit`` has sentences in the review (else it is carried through)."""
        src, tgt = self.sentences_of(unit)
        return bool(src or tgt)

    def to_json(self) -> dict[str, Any]:
        return {"units": [unit_to_json(u) for u in self.units], "src_tag": self.src_tag,
                "tgt_tag": self.tgt_tag, "unit_of": self.unit_of, "ids": self.ids,
                "header": self.header, "fmt": self.fmt}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MemoryOrigin:
        return cls([unit_from_json(u) for u in data["units"]], str(data["src_tag"]),
                   str(data["tgt_tag"]),
                   {side: [int(u) for u in data["unit_of"][side]] for side in SIDES},
                   {side: [None if i is None else int(i) for i in data["ids"][side]]
                    for side in SIDES},
                   data.get("header"), str(data.get("fmt", "tmx")))


def segments_to_json(segments: dict[Side, dict[int, Segment]]) -> dict[str, Any]:
    return {side: {str(i): parts_to_json(s.parts) for i, s in sorted(segments[side].items())}
            for side in SIDES}


def segments_from_json(data: dict[str, Any] | None) -> dict[Side, dict[int, Segment]]:
    data = data or {}
    return {side: {int(i): Segment(parts_from_json(p)) for i, p in data.get(side, {}).items()}
            for side in SIDES}


@dataclass
class MemoryReview:
    """A memory file read for review: its documents, beads, coded segments and origin."""

    source: Document
    target: Document
    beads: list[ReviewBead]
    segments: dict[Side, dict[int, Segment]]
    origin: MemoryOrigin
    skipped: int


def read_memory_review(path: str | os.PathLike[str]) -> MemoryReview | None:
    """Read the memory at ``path`` for review (``None`` when no unit has two languages).

    One bead per unit with both languages; a unit whose ``x-concord-bead`` says it joined several
    sentences is split back into them when the sentence splitter finds exactly that many (and
    its inline codes fall cleanly on the pieces). The unit's ``x-concord-status``,
    ``-confidence`` and ``-paragraph`` are kept.
    """
    from concord.bitext import read_memory, working_languages
    from tmx.langtags import primary_language

    memory = read_memory(path)
    units: list[Unit] = []
    src_tag = tgt_tag = None
    sentences: dict[Side, list[Sentence]] = {"src": [], "tgt": []}
    segments: dict[Side, dict[int, Segment]] = {"src": {}, "tgt": {}}
    unit_of: dict[Side, list[int]] = {"src": [], "tgt": []}
    ids: dict[Side, list[int | None]] = {"src": [], "tgt": []}
    beads: list[ReviewBead] = []
    skipped = 0
    for unit in memory.units:
        index = len(units)
        units.append(unit)
        if src_tag is None:
            if len(unit.langs) < 2:
                skipped += 1
                continue
            src_tag, tgt_tag = working_languages(unit.langs)[:2]
        assert tgt_tag is not None
        src_variant, tgt_variant = unit.variant(src_tag), unit.variant(tgt_tag, exclude=None)
        if src_variant is not None and tgt_variant is src_variant:
            tgt_variant = unit.variant(tgt_tag, exclude=src_variant)
        if src_variant is None or tgt_variant is None:
            skipped += 1
            continue
        paragraph = _int(unit.prop(P.PARAGRAPH), len(beads))
        kind = unit.prop(P.BEAD) or ""
        counts = kind.split("-") if "-" in kind else []
        found: dict[Side, tuple[int, ...]] = {}
        sides: tuple[tuple[Side, Variant, str, str], ...] = (
            ("src", src_variant, src_tag, P.SRC_IDS), ("tgt", tgt_variant, tgt_tag, P.TGT_IDS))
        for position, (side, variant, tag, prop) in enumerate(sides):
            count = _int(counts[position], 1) if len(counts) > position else 1
            pieces = _pieces(variant.segment, primary_language(tag), count)
            start = len(sentences[side])
            known = _ids(unit.prop(prop), len(pieces))
            for k, piece in enumerate(pieces):
                if piece.has_codes:
                    segments[side][len(sentences[side])] = piece
                sentences[side].append(Sentence(piece.text, paragraph))
                unit_of[side].append(index)
                ids[side].append(known[k])
            found[side] = tuple(range(start, len(sentences[side])))
        if not found["src"] and not found["tgt"]:
            skipped += 1
            continue
        status = CONFIRMED if P.status(unit) == "confirmed" else UNCONFIRMED
        beads.append(ReviewBead(len(beads), found["src"], found["tgt"], P.confidence(unit),
                                status, local=unit.prop(P.CONFIDENCE_BASIS) == "local"))
    if not beads:
        return None
    assert src_tag is not None and tgt_tag is not None
    name = Path(path).name
    source = Document(sentences["src"], primary_language(src_tag), name)
    target = Document(sentences["tgt"], primary_language(tgt_tag), name)
    header = None
    if memory.header is not None:
        header = {"attrs": dict(memory.header.attrs), "props": [list(p) for p in memory.header.props],
                  "notes": list(memory.header.notes), "udes": list(memory.header.udes)}
    origin = MemoryOrigin(units, src_tag, tgt_tag, unit_of, ids, header, memory.fmt)
    return MemoryReview(source, target, beads, segments, origin, skipped)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _ids(value: str | None, count: int) -> list[int | None]:
    """Sentence ids from an ``x-concord-*-ids`` property, when it names exactly ``count``."""
    try:
        found = [int(v) for v in (value or "").split(",") if v.strip()]
    except ValueError:
        found = []
    return list(found) if len(found) == count else [None] * count


def _pieces(segment: Segment, lang: str, count: int) -> list[Segment]:
    """One unit side as the sentences of the review (none when it holds no text)."""
    text = segment.text
    if not text.strip():
        return []
    if count > 1:
        from align.segment import split_sentences
        split = [p.strip() for p in split_sentences(text.strip(), lang) if p.strip()]
        if len(split) == count:
            pieces = split_segment(segment, split)
            if pieces is not None:
                return pieces
    return [strip_segment(segment)]


def strip_segment(segment: Segment) -> Segment:
    """``segment`` without white space at its ends (codes there stay)."""
    parts = list(segment.parts)
    for order in (range(len(parts)), range(len(parts) - 1, -1, -1)):
        for k in order:
            part = parts[k]
            if isinstance(part, str):
                parts[k] = part.lstrip() if order.step == 1 else part.rstrip()
                if parts[k]:
                    break
            elif part.text:
                break
    return Segment(tuple(parts))


def split_segment(segment: Segment, pieces: list[str]) -> list[Segment] | None:
    """Cut ``segment`` into the sentences ``pieces`` (its plain text split), inline codes kept.

    A code between two sentences goes with the text it belongs to: an opening code (``bpt``, an
    ``it`` that begins) with the next sentence, a closing one with the previous, a standalone code
    with the sentence it touches (the previous one when it touches both). Returns ``None`` when
    the codes do not fall cleanly (a pair or a highlighted stretch across two sentences): the
    caller then keeps the side as one sentence.
    """
    text = segment.text
    starts, ends, at = [], [], 0
    for piece in pieces:
        found = text.find(piece, at)
        if found < 0:
            return None
        starts.append(found)
        ends.append(found + len(piece))
        at = found + len(piece)
    out: list[list[Part]] = [[] for _ in pieces]
    offset = 0

    def piece_of_code(part: Inline, where: int) -> int:
        for b in range(1, len(pieces)):   # between sentence b - 1 and b, or touching both
            if ends[b - 1] <= where <= starts[b]:
                if part.tag == "bpt" or (part.tag == "it" and part.get("pos") == "begin"):
                    return b
                if part.tag == "ept" or (part.tag == "it" and part.get("pos") == "end"):
                    return b - 1
                return b - 1 if where == ends[b - 1] else b
        k = 0
        while k + 1 < len(pieces) and starts[k + 1] <= where:
            k += 1
        return k

    for part in segment.parts:
        if isinstance(part, str):
            position = offset
            for k in range(len(pieces)):
                lo = starts[k] if k else 0
                hi = starts[k + 1] if k + 1 < len(pieces) else len(text)
                a, b = max(lo, position), min(hi, offset + len(part))
                if a < b:
                    out[k].append(part[a - offset:b - offset])
            offset += len(part)
        elif part.tag in CODE_TAGS:
            out[piece_of_code(part, offset)].append(part)
        else:  # hi: its text must lie inside one sentence
            length = len(part.text)
            homes = [k for k in range(len(pieces))
                     if starts[k] <= offset and offset + length <= ends[k]] if length else []
            if length and not homes:
                return None
            out[homes[0] if homes else piece_of_code(part, offset)].append(part)
            offset += length
    result = [strip_segment(Segment(tuple(parts))) for parts in out]
    if [s.text for s in result] != pieces or not _pairs_kept(segment, result):
        return None
    return result


def _pairs_kept(whole: Segment, pieces: Iterable[Segment]) -> bool:
    """True when every bpt/ept pair of ``whole`` is still a pair within one piece."""
    def count(segment: Segment) -> int:
        return sum(1 for c in codes(segment) if c.kind == PAIR_CLOSE and c.element.tag == "ept")
    return sum(count(p) for p in pieces) == count(whole)
