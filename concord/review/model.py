"""The small immutable records the review state is made of: beads under review and changes to them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Side = Literal["src", "tgt"]
SIDES: tuple[Side, Side] = ("src", "tgt")

UNCONFIRMED = "unconfirmed"
CONFIRMED = "confirmed"
STATUSES = (UNCONFIRMED, CONFIRMED)


def side_name(side: Side) -> str:
    """``"source"`` or ``"target"``, as messages and notes name a side."""
    return "source" if side == "src" else "target"


class EditError(ValueError):
    """An edit that cannot be applied to the current state (the message says why, for the user)."""


@dataclass(frozen=True, slots=True)
class ReviewBead:
    """A bead under review.

    ``key`` identifies the bead for as long as it exists (a new bead made by an edit gets a new key);
    ``src``/``tgt`` are 0-based sentence indices; ``confidence`` is the aligner's (or the
    memory's), a local confidence computed in review for a bead an edit made (``local`` is then
    True, see :mod:`concord.review.rescore`), or ``None`` when there is none; ``status`` is
    ``"unconfirmed"`` or ``"confirmed"``.
    """

    key: int
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float | None = None
    status: str = UNCONFIRMED
    local: bool = False

    @property
    def kind(self) -> str:
        """The bead's shape, ``"2-1"``."""
        return f"{len(self.src)}-{len(self.tgt)}"

    def side(self, side: Side) -> tuple[int, ...]:
        """The sentence indices of one side."""
        return self.src if side == "src" else self.tgt

    def with_status(self, status: str) -> ReviewBead:
        """This bead with another status."""
        return ReviewBead(self.key, self.src, self.tgt, self.confidence, status, self.local)

    def to_json(self) -> list[Any]:
        data = [self.key, list(self.src), list(self.tgt), self.confidence, self.status]
        return data + [1] if self.local else data

    @classmethod
    def from_json(cls, data: list[Any]) -> ReviewBead:
        key, src, tgt, confidence, status, *rest = data
        if status not in STATUSES:
            raise ValueError(f"unknown bead status {status!r}")
        return cls(int(key), tuple(int(i) for i in src), tuple(int(i) for i in tgt),
                   None if confidence is None else float(confidence), status,
                   bool(rest and rest[0]))


@dataclass(frozen=True, slots=True)
class TextChange:
    """A sentence's text going from ``old`` to ``new`` (``None`` stands for the original text)."""

    side: Side
    index: int
    old: str | None
    new: str | None

    def to_json(self) -> list[Any]:
        return [self.side, self.index, self.old, self.new]

    @classmethod
    def from_json(cls, data: list[Any]) -> TextChange:
        side, index, old, new = data
        if side not in SIDES:
            raise ValueError(f"unknown side {side!r}")
        return cls(side, int(index), old, new)


@dataclass(frozen=True, slots=True)
class Change:
    """What an operation did: beads ``before`` at ``start`` replaced by ``after``, and text changes.

    Applying a change forwards and backwards is all that undo and redo need.
    """

    label: str
    start: int
    before: tuple[ReviewBead, ...]
    after: tuple[ReviewBead, ...]
    texts: tuple[TextChange, ...] = ()

    @property
    def empty(self) -> bool:
        return self.before == self.after and all(t.old == t.new for t in self.texts)

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "start": self.start,
                "before": [b.to_json() for b in self.before],
                "after": [b.to_json() for b in self.after],
                "texts": [t.to_json() for t in self.texts]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(str(data["label"]), int(data["start"]),
                   tuple(ReviewBead.from_json(b) for b in data["before"]),
                   tuple(ReviewBead.from_json(b) for b in data["after"]),
                   tuple(TextChange.from_json(t) for t in data.get("texts", ())))
