"""Clause counts as a second length model: how many clauses each sentence holds, judged by its
punctuation.

Characters measure how much a sentence says; the marks that cut it into clauses (commas,
enumeration commas, semicolons, colons, dashes, ellipses, question and exclamation marks) show
how it is built, and a translation keeps much of that build: a Chinese sentence of four clauses
that the English gives as two sentences of two clauses each. The counts are compared as the
character lengths are, by :class:`align.scoring.length.LengthModel` (the document pair's own
ratio, a smoothed min/max ratio raised to a power), so that a literary text whose Chinese cuts
its sentences into more clauses than its English has its own ratio.
"""
from __future__ import annotations

import re

import numpy as np

from align.model import Document
from align.scoring.length import LengthModel

#: a run of marks that ends a clause, counted once ("……", "——", "?!" are one); the full stop is
#: left out: every sentence has one clause more than its marks, and "." also ends abbreviations
CLAUSE_MARKS = re.compile(r"(?:[,;:，、；：—?!？！…]|--|\.\.\.|\. \. \.)+")


def clause_counts(texts: list[str]) -> np.ndarray:
    """One plus the number of runs of clause marks of each text."""
    return np.fromiter((1 + len(CLAUSE_MARKS.findall(text)) for text in texts),
                       dtype=np.float64, count=len(texts))


def clause_model(source: Document, target: Document, power: float,
                 smooth: float) -> LengthModel:
    """The length model of the two documents' clause counts (``smooth`` clauses added to both
    sides of a bead, the ratio raised to ``power``)."""
    src, tgt = clause_counts(source.texts), clause_counts(target.texts)
    ratio = (tgt.sum() + 1.0) / (src.sum() + 1.0)
    return LengthModel(np.concatenate([[0.0], np.cumsum(src)]),
                       np.concatenate([[0.0], np.cumsum(tgt)]), float(ratio), power, smooth)
