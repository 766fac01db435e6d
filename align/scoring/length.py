"""The length model: the document pair's own character ratio, as a factor in (0, 1]."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from align.model import Document
from align.scoring.base import Array


def char_lengths(doc: Document) -> np.ndarray:
    """Characters per sentence, spaces left out (so Chinese and English compare by ratio)."""
    return np.array([len(s.text.replace(" ", "")) for s in doc.sentences], dtype=np.float64)


@dataclass(slots=True)
class LengthModel:
    """Character ratio learned from the document pair, turned into a factor in (0, 1]."""

    src_cum: np.ndarray
    tgt_cum: np.ndarray
    ratio: float
    power: float = 1.0
    smooth: float = 8.0

    @classmethod
    def fit(cls, source: Document, target: Document, power: float = 1.0) -> LengthModel:
        src, tgt = char_lengths(source), char_lengths(target)
        ratio = (tgt.sum() + 1.0) / (src.sum() + 1.0)
        return cls(np.concatenate([[0.0], np.cumsum(src)]), np.concatenate([[0.0], np.cumsum(tgt)]),
                   float(ratio), power)

    def edge_gains(self, i: Array, a: Array, j: Array, b: Array, *, source: bool = True,
                   target: bool = True
                   ) -> tuple[tuple[Array, Array] | None, tuple[Array, Array] | None]:
        """How much each edge sentence improves the plain length ratio (power 1) of a bead:
        ratio with it / ratio without it, for the first and the last source sentence, then the
        first and the last target sentence (1.0 where that side has a single sentence). A side
        not asked for (``source``/``target`` false) is ``None``."""
        scale = math.sqrt(self.ratio)
        smooth = self.smooth
        sc, tc = self.src_cum, self.tgt_cum
        src = (sc[i + a] - sc[i]) * scale
        tgt = (tc[j + b] - tc[j]) / scale

        def plain(x: Array, y: Array) -> Array:
            return (np.minimum(x, y) + smooth) / (np.maximum(x, y) + smooth)

        full = plain(src, tgt)
        src_gains = tgt_gains = None
        if source:
            src_first = np.where(a > 1, full / plain(src - (sc[i + 1] - sc[i]) * scale, tgt),
                                 1.0)
            src_last = np.where(a > 1, full / plain(src - (sc[i + a] - sc[i + a - 1]) * scale,
                                                    tgt), 1.0)
            src_gains = (src_first, src_last)
        if target:
            tgt_first = np.where(b > 1, full / plain(src, tgt - (tc[j + 1] - tc[j]) / scale),
                                 1.0)
            tgt_last = np.where(b > 1, full / plain(src, tgt - (tc[j + b] - tc[j + b - 1])
                                                    / scale), 1.0)
            tgt_gains = (tgt_first, tgt_last)
        return src_gains, tgt_gains

    def factor(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        # both lengths in the geometric mean of the two units, so either order gives one factor
        scale = math.sqrt(self.ratio)
        src = (self.src_cum[i + a] - self.src_cum[i]) * scale
        tgt = (self.tgt_cum[j + b] - self.tgt_cum[j]) / scale
        low, high = np.minimum(src, tgt), np.maximum(src, tgt)
        return ((low + self.smooth) / (high + self.smooth)) ** self.power

