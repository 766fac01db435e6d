"""The hybrid scorer: a weighted mean of two scorers (lexical and embedding by default)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.model import Bead, Document
from align.scoring.base import Array, PreparedScorer, Scorer, as_prepared, top_k


@dataclass
class HybridScorer:
    """A weighted mean of two scorers (lexical and embedding by default).

    The lexical merge cost is left out: the embedding sees links that the dictionary misses,
    and with the cost mac-dev fell from 0.895 to 0.886 (BENCHMARKS.md).
    """

    first: Scorer
    second: Scorer
    weight: float = 0.5
    name: str = "hybrid"

    def prepare(self, source: Document, target: Document, max_group: int) -> HybridPrepared:
        return HybridPrepared(self.first.prepare(source, target, max_group),
                              self.second.prepare(source, target, max_group), self.weight)


class HybridPrepared(PreparedScorer):
    def __init__(self, first: PreparedScorer, second: PreparedScorer, weight: float) -> None:
        self.first, self.second, self.weight = as_prepared(first), as_prepared(second), weight
        self.sparse = self.first.sparse
        self.any_group = self.first.any_group and self.second.any_group

    def candidates(self, lo: Array, hi: Array, k: int) -> tuple[Array, Array, Array]:
        """The first scorer's sparse candidates (4k of them), ranked again by the mixed score
        (without sparse candidates, every pair of the band is scored)."""
        if not self.first.sparse:
            return super().candidates(lo, hi, k)
        i, j, _ = self.first.candidates(lo, hi, 4 * k)
        if len(i) == 0:
            return i, j, np.zeros(0)
        one = np.ones_like(i)
        return top_k(i, j, self.score(i, one, j, one), k)

    def score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        return (self.weight * self.first.score(i, a, j, b)
                + (1.0 - self.weight) * self.second.score(i, a, j, b))

    def refine(self, beads: Sequence[Bead]) -> HybridPrepared | None:
        """Refine the parts that can learn from a first alignment (the lexical one)."""
        new_first = self.first.refine(beads)
        new_second = self.second.refine(beads)
        if new_first is None and new_second is None:
            return None
        return HybridPrepared(new_first or self.first, new_second or self.second, self.weight)
