"""Clause counts as a second length model: how many clauses each sentence holds, judged by its
punctuation.

Characters measure how much a sentence says; the marks that cut it into clauses (commas,
enumeration commas, semicolons, colons, dashes, ellipses, question and exclamation marks) show
how it is built, and a translation keeps much of that build: a Chinese sentence of four clauses
that the English gives as two sentences of two clauses each. The counts are compared as the
character lengths are, by :class:`align.scoring.length.LengthModel` (the document pair's own
ratio, a smoothed min/max ratio raised to a power), so that a literary text whose Chinese cuts
its sentences into more clauses than its English has its own ratio.

A stretch between marks counts as a clause only when it holds two words or more (in Chinese two
Han characters): the items of an enumeration ("farmers, workers, teachers and doctors") are
not clauses, and Chinese often writes such a list with no mark at all (工农商学).
"""
from __future__ import annotations

import re

import numpy as np

from align.language import HAN
from align.model import Document
from align.scoring.length import LengthModel

#: a run of marks that ends a clause, counted once ("……", "——", "?!" are one); the full stop is
#: left out: it ends the sentence's last clause, and "." also ends abbreviations
CLAUSE_MARKS = re.compile(r"(?:[,;:，、；：—?!？！…]|--|\.\.\.|\. \. \.)+")


#: a clause holds at least this many words (Chinese: Han characters)
MIN_CLAUSE_WORDS = 2


def clause_count(text: str) -> int:
    """The clauses of ``text``: the stretches between runs of clause marks that hold at least
    :data:`MIN_CLAUSE_WORDS` words (Han characters where the stretch has any), and one at the
    least."""
    pieces = CLAUSE_MARKS.split(text)
    if len(pieces) == 1:
        return 1
    return max(1, sum(1 for piece in pieces if _words(piece) >= MIN_CLAUSE_WORDS))


def _words(piece: str) -> int:
    han = len(HAN.findall(piece))
    return han if han else len(piece.split())


def clause_counts(texts: list[str]) -> np.ndarray:
    """The clauses of each text (:func:`clause_count`)."""
    return np.fromiter((clause_count(text) for text in texts), dtype=np.float64,
                       count=len(texts))


def clause_model(source: Document, target: Document, power: float,
                 smooth: float) -> LengthModel:
    """The length model of the two documents' clause counts (``smooth`` clauses added to both
    sides of a bead, the ratio raised to ``power``)."""
    src, tgt = clause_counts(source.texts), clause_counts(target.texts)
    ratio = (tgt.sum() + 1.0) / (src.sum() + 1.0)
    return LengthModel(np.concatenate([[0.0], np.cumsum(src)]),
                       np.concatenate([[0.0], np.cumsum(tgt)]), float(ratio), power, smooth)
