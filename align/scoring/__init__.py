"""How similar a group of source sentences is to a group of target sentences.

Any scorer follows :class:`Scorer`: ``prepare(source, target, max_group)`` looks at both documents
once and returns a :class:`PreparedScorer` whose ``score(i, a, j, b)`` rates many candidate beads
at once (source sentences ``i .. i+a-1`` against target sentences ``j .. j+b-1``, numpy arrays of
equal length) with a similarity in [0, 1]. The base class (:mod:`align.scoring.base`) gives the
optional abilities defaults: ``candidates`` for the first pass, ``refine`` after a first
alignment, ``score_and_cost`` (a merge cost the search subtracts) and ``raw_score``.

One module per scorer: :mod:`~align.scoring.lexical` (the default, with :mod:`~align.scoring.tokens`
and :mod:`~align.scoring.length`), :mod:`~align.scoring.embedding` (any sentence encoder; see
:mod:`~align.scoring.use` for USE) and :mod:`~align.scoring.hybrid` (a mix of two).
"""
from __future__ import annotations

from collections.abc import Sequence

from align import SCORERS
from align.scoring.base import PreparedScorer, Scorer, as_prepared, top_k
from align.scoring.embedding import EmbeddingPrepared, EmbeddingScorer, group_texts
from align.scoring.hybrid import HybridPrepared, HybridScorer
from align.scoring.length import LengthModel, char_lengths
from align.scoring.lexical import LexicalPrepared, LexicalScorer
from align.scoring.use import use_scorer


def make_scorer(scorer: str | Scorer, anchors: Sequence[tuple[str, Sequence[str]]] = (),
                pieces: bool | None = None) -> Scorer:
    """A scorer from its name (``lexical``, ``embed``, ``hybrid``) or the scorer itself;
    ``pieces`` switches the lexical scorer's piece links (:mod:`align.pieces`) from its default."""
    if not isinstance(scorer, str):
        return scorer
    lexical = LexicalScorer(anchors=anchors)
    if pieces is not None:
        lexical.pieces = pieces
    if scorer == "lexical":
        return lexical
    if scorer in ("embed", "hybrid"):
        embed = use_scorer()
        if scorer == "embed":
            return embed
        # the embedding sees how a sentence is built: the clause factor adds nothing to it
        # (hybrid mac-dev 0.9139 without, 0.9091 with; BENCHMARKS.md)
        lexical.clause_power = 0.0
        return HybridScorer(lexical, embed)
    raise ValueError(f"unknown scorer {scorer!r} (choose {', '.join(SCORERS)})")

__all__ = ["EmbeddingPrepared", "EmbeddingScorer", "HybridPrepared", "HybridScorer", "LengthModel",
           "LexicalPrepared", "LexicalScorer", "PreparedScorer", "Scorer", "as_prepared",
           "char_lengths", "group_texts", "make_scorer", "top_k"]
