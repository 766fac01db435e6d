"""What every scorer is: the :class:`Scorer` protocol and the :class:`PreparedScorer` base class.

A scorer's ``prepare(source, target, max_group)`` reads both documents once and returns a
:class:`PreparedScorer` whose ``score(i, a, j, b)`` rates many candidate beads at once. The base
class gives every optional ability a default, so the search never asks what a scorer can do:

- ``candidates(lo, hi, k)``: the ``k`` best target sentences of each source sentence for the first
  pass (default: every 1-1 score in the band, computed with ``score``); ``sparse`` says whether a
  scorer finds them without scoring every pair (then the search may also look far off the
  diagonal);
- ``refine(beads)``: a better-informed copy after a first alignment, or ``None`` (default);
- ``score_and_cost(i, a, j, b)``: the similarity and a merge cost beside it (default: no cost);
- ``raw_score(i, a, j, b)``: the similarity before anything the search adds to it (structure),
  which confidences use (default: ``score``);
- ``any_group``: whether ``score`` takes groups larger than ``max_group`` (default: no).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from align.coverage import run_offsets
from align.model import Document

if TYPE_CHECKING:
    from align.model import Bead

Array = np.ndarray
#: candidate pairs scored in one call by the default ``candidates``
CHUNK = 200_000


class PreparedScorer:
    """A scorer bound to one pair of documents; subclasses implement :meth:`score`."""

    #: True when :meth:`candidates` costs in proportion to the evidence, not to the band's area
    sparse: bool = False
    #: True when :meth:`score` rates groups of any size, not only up to the ``max_group`` it was
    #: prepared for (the search then tries larger beads where its path reaches the limit)
    any_group: bool = False

    def score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        """Similarity in [0, 1] of source group [i, i+a) and target group [j, j+b), elementwise."""
        raise NotImplementedError

    def raw_score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        """The similarity before any adjustment the search adds (what confidences use)."""
        return self.score(i, a, j, b)

    def score_and_cost(self, i: Array, a: Array, j: Array, b: Array) -> tuple[Array, Array]:
        """The similarity and a merge cost the search subtracts from it (none by default)."""
        values = self.score(i, a, j, b)
        return values, np.zeros(len(values))

    def refine(self, beads: Sequence[Bead]) -> PreparedScorer | None:
        """A copy that learned from a first alignment, or ``None`` when there is nothing to learn."""
        return None

    def candidates(self, lo: Array, hi: Array, k: int) -> tuple[Array, Array, Array]:
        """The ``k`` best targets ``j`` in ``[lo[i], hi[i])`` of every source sentence ``i``
        (sources, targets, scores): here every 1-1 pair of the band is scored."""
        lo, hi = np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)
        widths = np.maximum(hi - lo, 0)
        rows = np.repeat(np.arange(len(lo)), widths)
        cols = lo[rows] + run_offsets(widths)
        ones = np.ones_like(rows)
        if not len(rows):
            return rows, cols, np.zeros(0)
        scores = np.concatenate([self.score(rows[s:s + CHUNK], ones[s:s + CHUNK],
                                            cols[s:s + CHUNK], ones[s:s + CHUNK])
                                 for s in range(0, len(rows), CHUNK)])
        return top_k(rows, cols, np.nan_to_num(scores, nan=0.0, posinf=1.0, neginf=0.0), k)


@runtime_checkable
class Scorer(Protocol):
    """Anything that can rate candidate beads; implement it to plug in your own model."""

    name: str

    def prepare(self, source: Document, target: Document, max_group: int) -> PreparedScorer:
        """Read both documents once; ``max_group`` is the largest group size to be scored."""
        ...


class AdjustedScorer(PreparedScorer):
    """A prepared scorer with an adjustment of the search's own added to the inner scorer's
    scores (:meth:`score`, :meth:`score_and_cost`); its raw score (what confidences use), its
    1-1 candidates and what it learns are the inner scorer's. Subclasses implement
    :meth:`adjust`."""

    def __init__(self, inner: PreparedScorer) -> None:
        self.inner = inner
        self.sparse, self.any_group = inner.sparse, inner.any_group

    def adjust(self, i: np.ndarray, a: np.ndarray, j: np.ndarray, b: np.ndarray) -> Array:
        """What is added to the score of each bead (int64 arrays)."""
        raise NotImplementedError

    def score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        i, a, j, b = (np.asarray(x, dtype=np.int64) for x in (i, a, j, b))
        return self.inner.score(i, a, j, b) + self.adjust(i, a, j, b)

    def raw_score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        return self.inner.raw_score(i, a, j, b)

    def score_and_cost(self, i: Array, a: Array, j: Array, b: Array) -> tuple[Array, Array]:
        i, a, j, b = (np.asarray(x, dtype=np.int64) for x in (i, a, j, b))
        similarity, cost = self.inner.score_and_cost(i, a, j, b)
        return similarity + self.adjust(i, a, j, b), cost

    def candidates(self, lo: Array, hi: Array, k: int) -> tuple[Array, Array, Array]:
        return self.inner.candidates(lo, hi, k)

    def refine(self, beads: Sequence[Bead]) -> PreparedScorer | None:
        return self.inner.refine(beads)


class _Adapted(PreparedScorer):
    """A prepared scorer written without the base class, given the defaults it lacks."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        for ability in ("candidates", "refine", "score_and_cost", "raw_score"):
            own = getattr(inner, ability, None)
            if own is not None:
                setattr(self, ability, own)

    def score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        return self.inner.score(i, a, j, b)  # type: ignore[attr-defined]


def as_prepared(prepared: object) -> PreparedScorer:
    """``prepared`` as a :class:`PreparedScorer` (a plug-in may return any object with ``score``)."""
    return prepared if isinstance(prepared, PreparedScorer) else _Adapted(prepared)


def top_k(src: Array, tgt: Array, score: Array, k: int) -> tuple[Array, Array, Array]:
    """Keep the ``k`` highest-scoring targets of every source sentence (by source sentence, best
    first, ties in the given order)."""
    if len(src) == 0:
        return src, tgt, score
    picked = _top_k_of_runs(src, score, k)
    if picked is not None:
        return src[picked], tgt[picked], score[picked]
    order = np.lexsort((-score, src))
    src, tgt, score = src[order], tgt[order], score[order]
    starts = np.searchsorted(src, src, side="left")
    rank = np.arange(len(src)) - starts
    keep = rank < k
    return src[keep], tgt[keep], score[keep]


def _top_k_of_runs(src: Array, score: Array, k: int) -> Array | None:
    """What :func:`top_k` keeps, as indices in its order, when ``src`` is sorted (candidates come
    so) and no score is NaN: the best of each run of one source, then the next best, ``k``
    times (the first of equal scores first, as the stable sort has them), with no sort of the
    scores; None otherwise."""
    n = len(src)
    if k < 1 or (n > 1 and not (src[1:] >= src[:-1]).all()) or np.isnan(score).any():
        return None
    starts = np.flatnonzero(np.concatenate([[True], src[1:] != src[:-1]]))
    sizes = np.diff(np.append(starts, n))
    group = np.repeat(np.arange(len(starts)), sizes)
    kept = np.minimum(sizes, k)
    first_out = np.cumsum(kept) - kept              # where each source's picks begin
    out = np.empty(int(kept.sum()), dtype=np.int64)
    left = np.asarray(score, dtype=np.float64).copy()
    for rank in range(int(kept.max())):
        top = np.maximum.reduceat(left, starts)
        at_top = np.flatnonzero(left == top[group])
        first = at_top[np.concatenate([[True], group[at_top][1:] != group[at_top][:-1]])]
        first = first[sizes[group[first]] > rank]   # sources with that many targets
        out[first_out[group[first]] + rank] = first
        left[first] = -np.inf
    return out
