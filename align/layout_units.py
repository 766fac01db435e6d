"""Whole layout units: in text cut by a layout, no line is left out of its unit.

In text cut into lines by a layout (verses; see :mod:`align.layout`), each unit is translated
as a whole: the reference keeps every line in the unit of its neighbours, and a line that the
search leaves unaligned between two paired beads is a piece of one of them whose words did
not pay for the merge (a short clause a translation spelt out as its own sentence).
:func:`attach_lone_lines` gives such a line to the neighbouring bead whose score it raises
more. A run of unaligned lines longer than ``MAX_LONE`` is a passage one side left out, and
stays unaligned; so does every line outside layout text.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from align.layout import Layout
from align.model import Bead
from align.scoring import PreparedScorer
from align.scoring.base import AdjustedScorer

#: at most this many consecutive unaligned lines of one side are taken for pieces of a unit
MAX_LONE = 2
#: a sentence pair shorter than this share of the usual bead closes the unit before it
SHORT_CLOSING = 0.3
#: ... or, after a question, shorter than this share (the answer closes the question's unit)
SHORT_ANSWER = 0.7

BeadScore = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def attach_lone_lines(beads: Sequence[Bead], layout: Layout, score: BeadScore,
                      max_bead: int) -> list[Bead]:
    """``beads`` with each lone run of unaligned lines of layout text (at most ``MAX_LONE``
    lines of one side between two paired beads) merged into the neighbour whose ``score``
    (the search's bead score, of ``(i, a, j, b)`` arrays) it raises more; the merged bead keeps
    the lower of the two confidences. Beads that would outgrow ``max_bead`` are not formed."""
    out = list(beads)
    if not layout.any:
        return out
    k = 0
    while k < len(out):
        run = _lone_run(out, k, layout)
        if run is None:
            k += 1
            continue
        end = k + run
        lone = out[k:end]
        src = tuple(i for b in lone for i in b.src)
        tgt = tuple(j for b in lone for j in b.tgt)
        conf = min(b.confidence for b in lone)
        prev, nxt = out[k - 1], out[end]
        options = [(prev, Bead(prev.src + src, prev.tgt + tgt, min(prev.confidence, conf)),
                    k - 1, end),
                   (nxt, Bead(src + nxt.src, tgt + nxt.tgt, min(nxt.confidence, conf)), k, end + 1)]
        options = [o for o in options if max(len(o[1].src), len(o[1].tgt)) <= max_bead]
        if not options:
            k = end
            continue
        gains = _gains(score, [(old, new) for old, new, _, _ in options])
        _, new, first, last = options[int(np.argmax(gains))]
        out[first:last] = [new]
        k = first + 1
    return out


def _lone_run(beads: Sequence[Bead], k: int, layout: Layout) -> int | None:
    """The number of unaligned beads from ``k`` on that make a lone run of layout lines of one
    side between two paired beads, or None."""
    if k == 0 or not (beads[k - 1].src and beads[k - 1].tgt):
        return None
    run = 0
    while k + run < len(beads) and not (beads[k + run].src and beads[k + run].tgt):
        run += 1
    if not run or run > MAX_LONE or k + run >= len(beads):
        return None
    lone = beads[k:k + run]
    if all(b.src for b in lone):
        in_layout = all(layout.src_layout[i] for b in lone for i in b.src)
    elif all(b.tgt for b in lone):
        in_layout = all(layout.tgt_layout[j] for b in lone for j in b.tgt)
    else:
        return None
    return run if in_layout else None


def _gains(score: BeadScore, pairs: Sequence[tuple[Bead, Bead]]) -> np.ndarray:
    """For each (old, new) pair of beads, the score of ``new`` less that of ``old``."""
    beads = [b for pair in pairs for b in pair]
    i = np.array([b.src[0] for b in beads], dtype=np.int64)
    a = np.array([len(b.src) for b in beads], dtype=np.int64)
    j = np.array([b.tgt[0] for b in beads], dtype=np.int64)
    bb = np.array([len(b.tgt) for b in beads], dtype=np.int64)
    values = np.asarray(score(i, a, j, bb), dtype=float)
    return values[1::2] - values[0::2]


def close_units(beads: Sequence[Bead], layout: Layout, short: float = SHORT_CLOSING,
                answer: float = SHORT_ANSWER, max_bead: int = 4) -> list[Bead]:
    """``beads`` with each short closing sentence pair of layout text merged into the bead
    before it: a 1-1 bead shorter than ``short`` times the usual bead length there (``answer``
    times after a bead ending in a question on either side), whose lines and the previous
    bead's lines all end a sentence (a line ending in mid-sentence ends a unit). The merged
    bead keeps the lower of the two confidences."""
    out = list(beads)
    if not layout.any or len(out) < 2:
        return out
    groups = [(b.src, b.tgt) for b in out]
    limit = np.where(np.roll(layout.questions(groups), 1), answer, short)
    with np.errstate(invalid="ignore"):
        closing = ((layout.relative_lengths(groups) < limit) & ~layout.unit_ends(groups)
                   & layout.in_layout(groups)
                   & np.array([len(s) == 1 and len(t) == 1 for s, t in groups]))
    merged: list[Bead] = [out[0]]
    took = False      # the last bead of ``merged`` took in a closing pair already
    for k in range(1, len(out)):
        bead, prev = out[k], merged[-1]
        if (closing[k] and not took and not layout.unit_ends([(prev.src, prev.tgt)])[0]
                and prev.src and prev.tgt and len(prev.src) < max_bead
                and len(prev.tgt) < max_bead):
            merged[-1] = Bead(prev.src + bead.src, prev.tgt + bead.tgt,
                              min(prev.confidence, bead.confidence))
            took = True
        else:
            merged.append(bead)
            took = False
    return merged


def keep_unit_ends(prepared: PreparedScorer, layout: Layout, penalty: float) -> PreparedScorer:
    """``prepared`` with ``penalty`` taken off the score of every bead that runs over a line of
    layout text ending in mid-sentence (a unit ends there, so the line should end its bead);
    ``prepared`` itself outside layout text or without a penalty."""
    if not layout.any or penalty <= 0:
        return prepared
    return _UnitEnds(prepared, layout, penalty)


class _UnitEnds(AdjustedScorer):
    """A prepared scorer whose beads pay for running over the end of a layout unit."""

    def __init__(self, inner: PreparedScorer, layout: Layout, penalty: float) -> None:
        super().__init__(inner)
        self.penalty = penalty
        # ends[x]: unit ends among the lines before line x
        self.src_ends = np.concatenate([[0], np.cumsum(layout.src_mid & layout.src_layout)])
        self.tgt_ends = np.concatenate([[0], np.cumsum(layout.tgt_mid & layout.tgt_layout)])

    def adjust(self, i, a, j, b):
        """``-penalty`` where a line of the bead other than its last one ends a unit, on
        either side."""
        src = self.src_ends[np.maximum(i + a - 1, i)] - self.src_ends[i]
        tgt = self.tgt_ends[np.maximum(j + b - 1, j)] - self.tgt_ends[j]
        return -self.penalty * ((src > 0) | (tgt > 0))
