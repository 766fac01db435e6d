"""Every edit a reviewer can make, as an explicit operation object.

An operation is plain data (it round-trips through JSON for the journal) and knows how to *plan*
itself against the current state: :meth:`Operation.plan` returns the :class:`~concord.review.model.Change`
it would make, or raises :class:`~concord.review.model.EditError` saying why it cannot be made.
Planning never mutates the state; :class:`~concord.review.session.ReviewSession` applies the change.
Bead numbers in the labels are 1-based, as the page shows them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from concord.review.codes import BRACKETS, LINE_BREAKS, normalize_spaces, segment_from_tokens
from concord.review.model import (CONFIRMED, SIDES, UNCONFIRMED, Change, EditError, ReviewBead,
                                  Side, TextChange, side_name)
from tmx.inline import ILLEGAL_XML_CHARS

if TYPE_CHECKING:
    from concord.review.session import ReviewSession


class Operation:
    """Base of all operations: a ``type`` name, JSON round trip and :meth:`plan`."""

    type: ClassVar[str] = ""

    def plan(self, session: ReviewSession) -> Change:  # pragma: no cover - abstract
        raise NotImplementedError

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, **asdict(self)}  # type: ignore[call-overload]


def _bead(session: ReviewSession, index: int) -> ReviewBead:
    if not 0 <= index < len(session.beads):
        raise EditError(f"there is no bead {index + 1} (the alignment has {len(session.beads)})")
    return session.beads[index]


def _side(side: str) -> Side:
    if side not in SIDES:
        raise EditError(f"side must be 'src' or 'tgt', not {side!r}")
    return side


def _fresh(session: ReviewSession, count: int) -> list[int]:
    return [session.next_key + n for n in range(count)]


@dataclass(frozen=True, slots=True)
class Merge(Operation):
    """Merge bead ``bead`` with the one after it."""

    type: ClassVar[str] = "merge"
    bead: int

    def plan(self, session: ReviewSession) -> Change:
        first = _bead(session, self.bead)
        if self.bead + 1 >= len(session.beads):
            raise EditError(f"bead {self.bead + 1} is the last one: there is nothing to merge it with")
        second = session.beads[self.bead + 1]
        (key,) = _fresh(session, 1)
        merged = ReviewBead(key, first.src + second.src, first.tgt + second.tgt)
        return Change(f"merged beads {self.bead + 1} and {self.bead + 2}", self.bead,
                      (first, second), (merged,))


@dataclass(frozen=True, slots=True)
class Split(Operation):
    """Split bead ``bead``: its first ``src_at`` source and ``tgt_at`` target sentences stay,
    the rest go to a new bead right after it."""

    type: ClassVar[str] = "split"
    bead: int
    src_at: int
    tgt_at: int

    def plan(self, session: ReviewSession) -> Change:
        bead = _bead(session, self.bead)
        if not 0 <= self.src_at <= len(bead.src) or not 0 <= self.tgt_at <= len(bead.tgt):
            raise EditError(f"bead {self.bead + 1} ({bead.kind}) cannot be split after "
                            f"{self.src_at} source and {self.tgt_at} target sentences")
        head = (bead.src[:self.src_at], bead.tgt[:self.tgt_at])
        tail = (bead.src[self.src_at:], bead.tgt[self.tgt_at:])
        if not (head[0] or head[1]) or not (tail[0] or tail[1]):
            raise EditError(f"splitting bead {self.bead + 1} there would leave one part with no "
                            "sentence at all: choose a split point inside the bead")
        k1, k2 = _fresh(session, 2)
        after = (ReviewBead(k1, *head), ReviewBead(k2, *tail))
        return Change(f"split bead {self.bead + 1}", self.bead, (bead,), after)


@dataclass(frozen=True, slots=True)
class MoveSentence(Operation):
    """Move sentence ``sentence`` of ``side`` to the previous bead (``"up"``: it must be the first of
    its bead on that side) or the next one (``"down"``: it must be the last). A bead left with no
    sentence at all disappears."""

    type: ClassVar[str] = "move"
    side: str
    sentence: int
    direction: str

    def plan(self, session: ReviewSession) -> Change:
        side = _side(self.side)
        if self.direction not in ("up", "down"):
            raise EditError(f"direction must be 'up' or 'down', not {self.direction!r}")
        index = session.bead_of(side, self.sentence)
        bead = session.beads[index]
        own = bead.side(side)
        word = side_name(side)
        up = self.direction == "up"
        if up and own[0] != self.sentence:
            raise EditError(f"only the first {word} sentence of bead {index + 1} can move up")
        if not up and own[-1] != self.sentence:
            raise EditError(f"only the last {word} sentence of bead {index + 1} can move down")
        other_index = index - 1 if up else index + 1
        if not 0 <= other_index < len(session.beads):
            where = "first" if up else "last"
            raise EditError(f"bead {index + 1} is the {where} one: there is no bead to move into")
        other = session.beads[other_index]
        k1, k2 = _fresh(session, 2)
        rest = own[1:] if up else own[:-1]
        grown = other.side(side) + (self.sentence,) if up else (self.sentence,) + other.side(side)

        def with_side(key: int, old: ReviewBead, ids: tuple[int, ...]) -> ReviewBead:
            return ReviewBead(key, ids, old.tgt) if side == "src" else ReviewBead(key, old.src, ids)

        emptied, receiver = with_side(k1, bead, rest), with_side(k2, other, grown)
        pair = (receiver, emptied) if up else (emptied, receiver)
        after = tuple(b for b in pair if b.src or b.tgt)
        start = min(index, other_index)
        before = (session.beads[start], session.beads[start + 1])
        return Change(f"moved {word} sentence {self.sentence + 1} {self.direction} "
                      f"into bead {other_index + 1}", start, before, after)


@dataclass(frozen=True, slots=True)
class InsertEmpty(Operation):
    """Give bead ``bead`` an empty ``side``: that side's sentences move into a new bead right after,
    so an n-m bead becomes n-0 then 0-m (``side="tgt"``) or 0-m then n-0 (``side="src"``)."""

    type: ClassVar[str] = "insert-empty"
    bead: int
    side: str

    def plan(self, session: ReviewSession) -> Change:
        side = _side(self.side)
        bead = _bead(session, self.bead)
        if not bead.src or not bead.tgt:
            raise EditError(f"bead {self.bead + 1} ({bead.kind}) already has an empty side")
        k1, k2 = _fresh(session, 2)
        src_only, tgt_only = ReviewBead(k1, bead.src, ()), ReviewBead(k2, (), bead.tgt)
        after = (src_only, tgt_only) if side == "tgt" else (tgt_only, src_only)
        return Change(f"gave bead {self.bead + 1} an empty {side_name(side)}", self.bead, (bead,),
                      after)


@dataclass(frozen=True, slots=True)
class EditText(Operation):
    """Replace the text of sentence ``sentence`` of ``side`` (the original is kept; giving the
    original text back removes the edit). Line breaks become spaces, unless the original holds
    line breaks (a memory segment): then they are kept (see :func:`normalize_spaces`).

    For a sentence with inline codes, ``text`` holds them as tokens (see
    :mod:`concord.review.codes`): every code must still be there, once, in a valid order.
    """

    type: ClassVar[str] = "edit-text"
    side: str
    sentence: int
    text: str

    def plan(self, session: ReviewSession) -> Change:
        side = _side(self.side)
        index = session.bead_of(side, self.sentence)  # refuses a sentence that is not there
        original = session.original_tokens(side, self.sentence)
        lines = LINE_BREAKS.search(original) is not None  # a memory segment kept in lines
        text = normalize_spaces(self.text, lines)
        illegal = ILLEGAL_XML_CHARS.search(text)
        if illegal is not None:
            raise EditError(f"the text holds the control character U+{ord(illegal.group()):04X}, "
                            "which a memory cannot store: remove it")
        plain_text = text
        coded = session.segments[side].get(self.sentence)
        if coded is not None:
            if BRACKETS.search(coded.text):
                raise EditError("this sentence's own text holds ⟦ or ⟧, which mark inline codes "
                                "here: edit it in a CAT tool instead")
            plain_text = segment_from_tokens(text, coded).text  # refuses lost or broken codes
        if not plain_text.strip():
            raise EditError("a sentence cannot be empty: move it into a neighbouring bead "
                            "or give its bead an empty side instead")
        old = session.edits[side].get(self.sentence)
        # the original, tidied as the edit was, is the original
        new = None if text == normalize_spaces(original, lines) else text
        return Change(f"edited {side_name(side)} sentence {self.sentence + 1}", index, (), (),
                      (TextChange(side, self.sentence, old, new),))


@dataclass(frozen=True, slots=True)
class Confirm(Operation):
    """Mark bead ``bead`` confirmed (or, with ``confirmed=False``, unconfirmed again)."""

    type: ClassVar[str] = "confirm"
    bead: int
    confirmed: bool = True

    def plan(self, session: ReviewSession) -> Change:
        bead = _bead(session, self.bead)
        status = CONFIRMED if self.confirmed else UNCONFIRMED
        if bead.status == status:
            return Change(f"bead {self.bead + 1} was already {status}", self.bead, (), ())
        new = bead.with_status(status)
        verb = "confirmed" if self.confirmed else "unconfirmed"
        return Change(f"{verb} bead {self.bead + 1}", self.bead, (bead,), (new,))


@dataclass(frozen=True, slots=True)
class ConfirmAbove(Operation):
    """Confirm every bead from the first down to ``bead`` (included)."""

    type: ClassVar[str] = "confirm-above"
    bead: int

    def plan(self, session: ReviewSession) -> Change:
        _bead(session, self.bead)
        todo = [i for i in range(self.bead + 1) if session.beads[i].status != CONFIRMED]
        label = f"confirmed beads 1 to {self.bead + 1}"
        if not todo:
            return Change(label, self.bead, (), ())
        start, stop = todo[0], todo[-1] + 1
        before = tuple(session.beads[start:stop])
        after = tuple(b.with_status(CONFIRMED) for b in before)
        return Change(label, start, before, after)


OPERATIONS: dict[str, type[Operation]] = {
    cls.type: cls for cls in (Merge, Split, MoveSentence, InsertEmpty, EditText, Confirm, ConfirmAbove)
}

_FIELD_TYPES: dict[str, type] = {"bead": int, "src_at": int, "tgt_at": int, "sentence": int,
                                 "side": str, "direction": str, "text": str, "confirmed": bool}


def operation_from_json(data: Any) -> Operation:
    """The operation described by ``data`` (as :meth:`Operation.to_json` writes it).

    Raises :class:`EditError` for an unknown type or a missing or mistyped field.
    """
    if not isinstance(data, dict) or data.get("type") not in OPERATIONS:
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise EditError(f"unknown operation {kind!r} (known: {', '.join(sorted(OPERATIONS))})")
    cls = OPERATIONS[data["type"]]
    fields = {name: value for name, value in data.items() if name != "type"}
    names = set(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    unknown = set(fields) - names
    if unknown:
        raise EditError(f"operation {cls.type!r} has no field {sorted(unknown)[0]!r}")
    for name, value in fields.items():
        expected = _FIELD_TYPES[name]
        if type(value) is not expected:  # bool is not accepted for int, nor int for bool
            raise EditError(f"operation {cls.type!r}: {name} must be {expected.__name__}")
    try:
        return cls(**fields)
    except TypeError as exc:
        raise EditError(f"operation {cls.type!r}: {exc}") from None
