"""The review state: two documents, the beads between them, their statuses and the edited texts.

:class:`ReviewSession` applies :mod:`~concord.review.operations` and keeps undo and redo stacks of the
:class:`~concord.review.model.Change` each one made. After every change it checks its invariants —
every sentence of each side in exactly one bead, in document order, no bead without a sentence,
unique bead keys — and rolls the change back if one is broken, so the state is never left invalid.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from align.model import Alignment, Bead, Document, Sentence, sentence_separator
from concord.review.codes import plain, segment_from_tokens, to_tokens
from concord.review.memory import MemoryOrigin, segments_from_json, segments_to_json
from concord.review.model import (CONFIRMED, SIDES, STATUSES, UNCONFIRMED, Change, EditError,
                                  ReviewBead, Side, side_name)
from concord.review.operations import Operation
from tmx.model import Segment

#: rates the beads an edit made: ``(session, change, positions in change.after)`` → confidences
Rescorer = Callable[["ReviewSession", Change, list[int]], list[float | None]]

#: undo history kept (older changes are dropped; the journal keeps the full record)
UNDO_LIMIT = 1000


class InvariantError(AssertionError):
    """The state broke one of its invariants (a bug, never the reviewer's fault)."""


class ReviewSession:
    """The mutable state of one review.

    ``segments[side][i]`` holds the segment, inline codes included, of each sentence read from a
    memory with codes (the edits of such a sentence hold its codes as tokens, see
    :mod:`concord.review.codes`); ``memory`` what the review keeps of the memory file it was
    read from (``None`` for a review of two documents); ``initial`` the groupings (source ids,
    target ids) the review started with. ``rescorer``, when set, gives the beads an edit makes a
    local confidence (it is not saved: the journal records the confidences it gave).
    """

    def __init__(self, source: Document, target: Document, beads: Iterable[ReviewBead], *,
                 edits: dict[Side, dict[int, str]] | None = None, next_key: int | None = None,
                 meta: dict[str, Any] | None = None,
                 segments: dict[Side, dict[int, Segment]] | None = None,
                 memory: MemoryOrigin | None = None,
                 initial: Iterable[tuple[Sequence[int], Sequence[int]]] | None = None) -> None:
        self.source = source
        self.target = target
        self.beads: list[ReviewBead] = list(beads)
        self.edits: dict[Side, dict[int, str]] = {"src": {}, "tgt": {}}
        for side in SIDES:
            self.edits[side].update((edits or {}).get(side, {}))
        self.segments: dict[Side, dict[int, Segment]] = {
            side: dict((segments or {}).get(side, {})) for side in SIDES}
        self.memory = memory
        if initial is None:
            initial = [(b.src, b.tgt) for b in self.beads
                       if not b.local and (b.confidence is not None or memory is not None)]
        self.initial: set[tuple[tuple[int, ...], tuple[int, ...]]] = {
            (tuple(s), tuple(t)) for s, t in initial}
        self.next_key = next_key if next_key is not None else max((b.key for b in self.beads),
                                                                  default=-1) + 1
        self.meta: dict[str, Any] = dict(meta or {})
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []
        self.rescorer: Rescorer | None = None
        self.check_invariants()

    @classmethod
    def from_alignment(cls, alignment: Alignment, *, meta: dict[str, Any] | None = None,
                       statuses: Iterable[str] | None = None) -> ReviewSession:
        """A fresh review of ``alignment`` (every bead unconfirmed unless ``statuses`` says)."""
        states = list(statuses) if statuses is not None else [UNCONFIRMED] * len(alignment.beads)
        beads = [ReviewBead(n, tuple(b.src), tuple(b.tgt), float(b.confidence), status)
                 for n, (b, status) in enumerate(zip(alignment.beads, states, strict=True))]
        info = {"warnings": list(alignment.warnings), **(meta or {})}
        return cls(alignment.source, alignment.target, beads, meta=info)

    # -- reading -------------------------------------------------------------------------------
    def document(self, side: Side) -> Document:
        """The source or the target document, as read (texts not edited)."""
        return self.source if side == "src" else self.target

    def original(self, side: Side, index: int) -> str:
        """The input text of a sentence."""
        return self.document(side).sentences[index].text

    def text(self, side: Side, index: int) -> str:
        """The current plain text of a sentence (edited, or as in the input)."""
        edited = self.edits[side].get(index)
        if edited is None:
            return self.original(side, index)
        return plain(edited) if index in self.segments[side] else edited

    def tokens(self, side: Side, index: int) -> str:
        """The current text of a sentence as the edit box shows it (inline codes as tokens)."""
        edited = self.edits[side].get(index)
        return edited if edited is not None else self.original_tokens(side, index)

    def original_tokens(self, side: Side, index: int) -> str:
        """The input text of a sentence as the edit box shows it."""
        coded = self.segments[side].get(index)
        return to_tokens(coded) if coded is not None else self.original(side, index)

    def segment(self, side: Side, index: int) -> Segment:
        """The current segment of a sentence, inline codes included."""
        coded = self.segments[side].get(index)
        edited = self.edits[side].get(index)
        if coded is None:
            return Segment.plain(edited if edited is not None else self.original(side, index))
        return coded if edited is None else segment_from_tokens(edited, coded)

    def regrouped(self, bead: ReviewBead) -> bool:
        """True when the reviewer made this grouping (it is not one the review started with)."""
        return (bead.src, bead.tgt) not in self.initial

    def edited(self, bead: ReviewBead) -> bool:
        """True when a sentence of ``bead`` has edited text."""
        return any(i in self.edits[side] for side in SIDES for i in bead.side(side))

    def bead_text(self, bead: ReviewBead, side: Side) -> str:
        """The current text of one side of a bead, joined as its language writes it."""
        return sentence_separator(self.document(side).lang).join(self.text(side, i) for i in bead.side(side))

    def bead_of(self, side: Side, sentence: int) -> int:
        """The index of the bead holding ``sentence`` of ``side``."""
        if not 0 <= sentence < len(self.document(side).sentences):
            raise EditError(f"there is no {side_name(side)} sentence {sentence + 1}")
        lo, hi = 0, len(self.beads)
        while lo < hi:  # beads hold ascending indices; a bead with an empty side is skipped over
            mid = (lo + hi) // 2
            probe = mid
            while probe < hi and not self.beads[probe].side(side):
                probe += 1
            if probe == hi:
                hi = mid
                continue
            ids = self.beads[probe].side(side)
            if sentence < ids[0]:
                hi = mid
            elif sentence > ids[-1]:
                lo = probe + 1
            else:
                return probe
        raise InvariantError(f"{side} sentence {sentence} is in no bead")

    def alignment(self) -> Alignment:
        """The reviewed alignment, with edited texts, as the engine's data model."""
        def with_edits(doc: Document, side: Side) -> Document:
            sentences = [Sentence(self.text(side, i), s.paragraph, s.line, s.kind)
                         for i, s in enumerate(doc.sentences)]
            return Document(sentences, doc.lang, doc.name)
        beads = [Bead(b.src, b.tgt, b.confidence if b.confidence is not None else 1.0)
                 for b in self.beads]
        return Alignment(with_edits(self.source, "src"), with_edits(self.target, "tgt"), beads,
                         list(self.meta.get("warnings", [])))

    @property
    def confirmed_count(self) -> int:
        """How many beads are confirmed."""
        return sum(b.status == CONFIRMED for b in self.beads)

    # -- editing -------------------------------------------------------------------------------
    def execute(self, operation: Operation, *,
                confidences: Sequence[float | None] | None = None) -> Change:
        """Apply ``operation``; returns its change (``change.empty`` when it changed nothing).

        The beads it makes get a local confidence: ``confidences`` (one per bead of
        ``change.after``, ``None`` for none; a journal replay gives the recorded ones), else the
        :attr:`rescorer`'s when there is one.
        """
        change = operation.plan(self)
        if change.empty:
            return change
        change = self._scored(change, confidences)
        self._apply(change)
        self.undo_stack.append(change)
        del self.undo_stack[:-UNDO_LIMIT]
        self.redo_stack.clear()
        return change

    def undo(self) -> Change | None:
        """Take back the last change; ``None`` when there is nothing to undo."""
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        self._revert(change)
        self.redo_stack.append(change)
        return change

    def redo(self) -> Change | None:
        """Make the last undone change again; ``None`` when there is nothing to redo."""
        if not self.redo_stack:
            return None
        change = self.redo_stack.pop()
        self._apply(change)
        self.undo_stack.append(change)
        return change

    def _scored(self, change: Change, given: Sequence[float | None] | None) -> Change:
        fresh = [k for k, b in enumerate(change.after) if b.key >= self.next_key]
        if not fresh:
            return change
        values: dict[int, float | None] = {}
        if given is not None:
            values = {k: given[k] for k in fresh if k < len(given)}
        elif self.rescorer is not None:
            values = dict(zip(fresh, self.rescorer(self, change, fresh), strict=True))
        if not any(v is not None for v in values.values()):
            return change
        after = tuple(dataclasses.replace(b, confidence=float(v), local=True)
                      if (v := values.get(k)) is not None else b for k, b in enumerate(change.after))
        return dataclasses.replace(change, after=after)

    def _apply(self, change: Change) -> None:
        self._put(change, forwards=True)
        self.next_key = max([self.next_key, *(b.key + 1 for b in change.after)])
        self._verify(change, forwards=True)

    def _revert(self, change: Change) -> None:
        self._put(change, forwards=False)
        self._verify(change, forwards=False)

    def _put(self, change: Change, forwards: bool) -> None:
        """Make ``change`` (``forwards``) or take it back: its beads and its texts."""
        if forwards:
            self._replace(change.start, change.before, change.after)
            for t in change.texts:
                self._set_text(t.side, t.index, t.old, t.new)
        else:
            for t in reversed(change.texts):
                self._set_text(t.side, t.index, t.new, t.old)
            self._replace(change.start, change.after, change.before)

    def _replace(self, start: int, old: tuple[ReviewBead, ...], new: tuple[ReviewBead, ...]) -> None:
        current = tuple(self.beads[start:start + len(old)])
        if current != old:
            raise InvariantError(f"change does not fit the state at bead {start}")
        self.beads[start:start + len(old)] = new

    def _set_text(self, side: Side, index: int, old: str | None, new: str | None) -> None:
        if self.edits[side].get(index) != old:
            raise InvariantError(f"text change does not fit {side} sentence {index}")
        if new is None:
            self.edits[side].pop(index, None)
        else:
            self.edits[side][index] = new

    def _verify(self, change: Change, forwards: bool) -> None:
        try:
            self.check_invariants()
        except InvariantError:
            self._put(change, not forwards)  # the state as it was before this step, then the bug
            raise

    def check_invariants(self) -> None:
        """Raise :class:`InvariantError` unless the state is a valid alignment under review."""
        for side in SIDES:
            count = len(self.document(side).sentences)
            order = [i for b in self.beads for i in b.side(side)]
            if order != list(range(count)):
                raise InvariantError(f"{side} sentences are not each in exactly one bead, in order")
            for index, text in self.edits[side].items():
                if not 0 <= index < count or not text:
                    raise InvariantError(f"bad edited text for {side} sentence {index}")
            if any(not 0 <= index < count for index in self.segments[side]):
                raise InvariantError(f"a coded segment names no {side} sentence")
        keys = set()
        for bead in self.beads:
            if not bead.src and not bead.tgt:
                raise InvariantError(f"bead {bead.key} has no sentence")
            if bead.status not in STATUSES:
                raise InvariantError(f"bead {bead.key} has unknown status {bead.status!r}")
            if bead.key in keys or bead.key >= self.next_key:
                raise InvariantError(f"bead key {bead.key} is not unique")
            keys.add(bead.key)

    # -- serialisation -------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """Everything needed to restore this session exactly, undo history included."""
        return {
            "source": document_to_json(self.source),
            "target": document_to_json(self.target),
            "beads": [b.to_json() for b in self.beads],
            "edits": {side: {str(i): t for i, t in sorted(self.edits[side].items())}
                      for side in SIDES},
            "next_key": self.next_key,
            "meta": self.meta,
            "initial": [[list(s), list(t)] for s, t in sorted(self.initial)],
            **({"segments": segments_to_json(self.segments)}
               if any(self.segments.values()) else {}),
            **({"memory": self.memory.to_json()} if self.memory is not None else {}),
            "undo": [c.to_json() for c in self.undo_stack],
            "redo": [c.to_json() for c in self.redo_stack],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReviewSession:
        """The session :meth:`to_json` described (raises ``ValueError``/``KeyError`` if malformed)."""
        memory = data.get("memory")
        initial = data.get("initial")
        session = cls(document_from_json(data["source"]), document_from_json(data["target"]),
                      [ReviewBead.from_json(b) for b in data["beads"]],
                      edits={side: {int(i): str(t) for i, t in data["edits"][side].items()}
                             for side in SIDES},
                      next_key=int(data["next_key"]), meta=data.get("meta", {}),
                      segments=segments_from_json(data.get("segments")),
                      memory=MemoryOrigin.from_json(memory) if memory is not None else None,
                      initial=None if initial is None else [(s, t) for s, t in initial])
        session.undo_stack = [Change.from_json(c) for c in data.get("undo", [])]
        session.redo_stack = [Change.from_json(c) for c in data.get("redo", [])]
        return session


def document_to_json(doc: Document) -> dict[str, Any]:
    """A document as the review file stores it."""
    return {"lang": doc.lang, "name": doc.name,
            "sentences": [[s.text, s.paragraph, s.line, s.kind] for s in doc.sentences]}


def document_from_json(data: dict[str, Any]) -> Document:
    """The document :func:`document_to_json` stored."""
    sentences = [Sentence(str(text), int(paragraph), None if line is None else int(line), str(kind))
                 for text, paragraph, line, kind in data["sentences"]]
    return Document(sentences, str(data["lang"]), str(data.get("name", "")))


__all__ = ["ReviewSession", "InvariantError", "EditError", "UNDO_LIMIT", "CONFIRMED", "UNCONFIRMED"]
