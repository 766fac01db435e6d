"""Beads that may be fragments of a layout unit: a confidence factor for text cut into lines.

Some documents are cut into lines by a layout rather than by sentences: verses, subtitles,
numbered clauses. A good share of their lines end in mid-sentence (on a comma, colon or
semicolon; 20 % of the English lines of bible-en-zh, at most 2 % of those of pol-dev, mac-dev and
wmt22), and a reference aligns them unit by unit: a unit that both translations split into two
sentences is one 2-2 bead there, although its sentences translate each other one by one. Nothing
in the words tells such a pair from two units (the aligner makes two 1-1 beads of it, which is
the better alignment of the sentences), but the lengths do: a unit's fragment is shorter than the
document's usual bead, and together with its neighbour it makes a bead of the usual length.

:func:`fragment_factors` gives each bead a factor in (0, 1] for its confidence: where the lines
around it are a layout's and merging it with a neighbouring bead brings the length nearer the
usual one, ``sqrt(length / usual)``; 1 elsewhere. A line ending in mid-sentence ends a unit (a
sentence splitter does not cut there), so no merge is considered across it. The alignment itself
does not change.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from align.model import Bead, Document

#: a bead as (source ids, target ids)
Grouping = tuple[tuple[int, ...], tuple[int, ...]]

#: a line ending in one of these (closing quotes and brackets aside) ends in mid-sentence
MID_SENTENCE = frozenset(",:;，：；、")
_CLOSING = "\"'”’」』)）] \t"
#: a line ending in one of these asks a question
QUESTION = frozenset("?？")
#: lines on either side of a sentence that tell whether the text around it is cut by a layout
LAYOUT_WINDOW = 200
#: ... when at least this share of them ends in mid-sentence (bible: 0.17 of the English lines
#: around a sentence, median; pol-dev, mac-dev, wmt22, corpora/releases: at most 0.022)
LAYOUT_SHARE = 0.06
#: beads on either side of a bead whose median length is the usual length there
LENGTH_WINDOW = 100


def line_ends(document: Document) -> list[str]:
    """The last mark of each sentence's line (closing quotes and brackets aside)."""
    return [s.text.rstrip(_CLOSING)[-1:] for s in document.sentences]


def mid_sentence_ends(document: Document, ends: list[str] | None = None) -> np.ndarray:
    """For each sentence of ``document``, whether its line ends in mid-sentence (``ends``: its
    :func:`line_ends`, when known)."""
    ends = line_ends(document) if ends is None else ends
    return np.array([e in MID_SENTENCE for e in ends], dtype=bool)


def question_ends(document: Document, ends: list[str] | None = None) -> np.ndarray:
    """For each sentence of ``document``, whether its line ends in a question mark."""
    ends = line_ends(document) if ends is None else ends
    return np.array([e in QUESTION for e in ends], dtype=bool)


def layout_lines(document: Document, window: int = LAYOUT_WINDOW,
                 share: float = LAYOUT_SHARE, mid: np.ndarray | None = None) -> np.ndarray:
    """For each sentence, whether the lines around it (``window`` on either side) are cut by a
    layout: at least ``share`` of ``2 * window + 1`` lines end in mid-sentence (a short document
    has too few lines to tell; ``mid``: its :func:`mid_sentence_ends`, when known)."""
    mid = mid_sentence_ends(document) if mid is None else mid
    return _running_sum(mid.astype(float), window) >= share * (2 * window + 1)


def fragment_factors(source: Document, target: Document, beads: Sequence[Bead]) -> np.ndarray:
    """A factor in (0, 1] for each bead's confidence (see the module's docstring)."""
    return Layout(source, target).factors([(b.src, b.tgt) for b in beads])


class Layout:
    """The layout lines and sentence lengths of two documents, to rate beads as fragments."""

    def __init__(self, source: Document, target: Document) -> None:
        src_ends, tgt_ends = line_ends(source), line_ends(target)
        self.src_mid = mid_sentence_ends(source, src_ends)
        self.tgt_mid = mid_sentence_ends(target, tgt_ends)
        self.src_layout = layout_lines(source, mid=self.src_mid)
        self.tgt_layout = layout_lines(target, mid=self.tgt_mid)
        self.src_question = question_ends(source, src_ends)
        self.tgt_question = question_ends(target, tgt_ends)
        self.any = bool(self.src_layout.any() or self.tgt_layout.any())
        self.src_len = np.array([len(s.text) for s in source.sentences], dtype=float)
        self.tgt_len = np.array([len(s.text) for s in target.sentences], dtype=float)

    def lengths(self, groups: Sequence[Grouping]) -> np.ndarray:
        """The length of each bead in characters, both sides (NaN for an unaligned sentence)."""
        return np.array([self.src_len[list(s)].sum() + self.tgt_len[list(t)].sum()
                         if s and t else np.nan for s, t in groups])

    def relative_lengths(self, groups: Sequence[Grouping], usual: float | None = None
                         ) -> np.ndarray:
        """Each bead's length over the usual one: ``usual`` or, without it, the median length of
        the paired beads within ``LENGTH_WINDOW`` of each (NaN for an unaligned sentence)."""
        length = self.lengths(groups)
        common = _running_median(length, LENGTH_WINDOW) if usual is None else usual
        return length / np.maximum(common, 1.0)

    def unit_ends(self, groups: Sequence[Grouping]) -> np.ndarray:
        """Whether each bead's last line on either side ends in mid-sentence (ends a unit)."""
        return _last_lines(groups, self.src_mid, self.tgt_mid)

    def questions(self, groups: Sequence[Grouping]) -> np.ndarray:
        """Whether each bead's last line on either side ends in a question mark."""
        return _last_lines(groups, self.src_question, self.tgt_question)

    def in_layout(self, groups: Sequence[Grouping]) -> np.ndarray:
        """Whether each bead starts on a line of layout text on either side."""
        return np.array([(bool(s) and bool(self.src_layout[s[0]]))
                         or (bool(t) and bool(self.tgt_layout[t[0]])) for s, t in groups],
                        dtype=bool)

    def factors(self, groups: Sequence[Grouping], usual: float | None = None) -> np.ndarray:
        """The factor of each of a run of consecutive beads; the usual length is ``usual`` or,
        without it, the median length of the paired beads within ``LENGTH_WINDOW`` of each."""
        factors = np.ones(len(groups))
        if not groups or not self.any:
            return factors
        rel = self.relative_lengths(groups, usual)
        paired = np.isfinite(rel)
        # a line ending in mid-sentence ends a unit: no merging across it
        unit_end = self.unit_ends(groups)
        # merging with a paired neighbour brings the length nearer the usual one
        with np.errstate(invalid="ignore", divide="ignore"):
            here = np.abs(np.log(rel))
            nearer = np.zeros(len(groups), dtype=bool)
            for shift, boundary in ((1, np.roll(unit_end, 1)), (-1, unit_end)):
                neighbour = np.where(boundary, np.nan, np.roll(rel, shift))
                neighbour[0 if shift == 1 else -1] = np.nan
                nearer |= np.abs(np.log(rel + neighbour)) < here
        fragment = paired & nearer & self.in_layout(groups)
        factors[fragment] = np.sqrt(np.clip(rel[fragment], 0.0, 1.0))
        return factors


def _last_lines(groups: Sequence[Grouping], src: np.ndarray, tgt: np.ndarray) -> np.ndarray:
    """Whether the flag of each bead's last line is set on either side."""
    return np.array([bool(s) and bool(src[s[-1]]) or bool(t) and bool(tgt[t[-1]])
                     for s, t in groups], dtype=bool)


def _running_sum(values: np.ndarray, half: int) -> np.ndarray:
    """The sum of ``values`` over ``half`` places on either side of each (fewer at the ends)."""
    total = np.concatenate([[0.0], np.cumsum(values)])
    idx = np.arange(len(values))
    return total[np.minimum(idx + half + 1, len(values))] - total[np.maximum(idx - half, 0)]


def _running_median(values: np.ndarray, half: int, block: int = 4096) -> np.ndarray:
    """The median of the non-NaN ``values`` over ``half`` places on either side of each (NaN
    where there are none); ``block`` windows at a time, so that memory stays flat. What
    ``np.nanmedian`` gives (the two middle values' sum halved), without its masked arrays (their
    import alone takes a hundredth of a second)."""
    padded = np.concatenate([np.full(half, np.nan), values, np.full(half, np.nan)])
    windows = sliding_window_view(padded, 2 * half + 1)
    out = np.empty(len(values))
    for first in range(0, len(values), block):
        part = np.sort(windows[first:first + block], axis=1)       # NaN sorts last
        count = part.shape[1] - np.isnan(part).sum(axis=1)
        rows = np.arange(len(part))
        high = part[rows, count // 2]                 # for an odd count, the middle twice
        low = part[rows, np.where(count % 2 == 1, count // 2, count // 2 - 1)]
        out[first:first + block] = np.where(count > 0, (low + high) / 2.0, np.nan)
    return out
