"""A fresh confidence for the beads an edit makes, from the aligner's own scorer and settings.

A reviewer's bead has no posterior of its own: the review asks the engine
(:class:`align.local.LocalConfidence`) for a **local confidence**, the aligner's confidence over a
stretch of the document that runs from ``context`` beads (default 2) above the beads the edit made
to ``context`` beads below them, the beads outside it held fixed. The scorer is the aligner's
lexical one, prepared once per review with the glossary anchors and the lexicon learned from the
review's confident beads.

For a bead the aligner chose, the local confidence is close to the aligner's own (within a few
hundredths on most beads: see ``tests/review/test_rescore.py``), which is what makes it a fair
number to show after an edit. The scorer reads the documents as they were given: editing a
sentence's text does not change any confidence.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from align import local
from align.aligner import SearchSettings
from align.model import Bead, Document
from concord.review.model import Change, ReviewBead

if TYPE_CHECKING:
    from concord.review.session import ReviewSession


class LocalConfidence:
    """The session's rescorer: local confidences of the beads an edit makes."""

    def __init__(self, source: Document, target: Document, *,
                 anchors: Sequence[tuple[str, Sequence[str]]] = (),
                 beads: Sequence[ReviewBead] = (), settings: SearchSettings | None = None,
                 context: int = 2, max_bead: int = 4) -> None:
        self.context = context
        self.engine = local.LocalConfidence(
            source, target, anchors=anchors, settings=settings, max_bead=max_bead,
            beads=[Bead(b.src, b.tgt, b.confidence or 0.0) for b in beads])

    def __call__(self, session: ReviewSession, change: Change, positions: list[int]
                 ) -> list[float | None]:
        """Confidences of ``change.after[k]`` for ``k`` in ``positions``."""
        beads = session.beads
        start, stop = change.start, change.start + len(change.before)
        above = beads[max(0, start - self.context):start]
        below = beads[stop:stop + self.context]
        stretch = [(b.src, b.tgt) for b in (*above, *change.after, *below)]
        return self.confidences(stretch, [len(above) + k for k in positions])

    def confidences(self, stretch: Sequence[local.Grouping], wanted: Sequence[int]
                    ) -> list[float | None]:
        """The local confidence of ``stretch[k]`` for ``k`` in ``wanted`` (see the engine's)."""
        return self.engine.confidences(stretch, wanted)
