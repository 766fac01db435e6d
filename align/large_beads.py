"""Beads larger than the search's limit, searched for only where the best path reaches it.

The bead pass scores every shape up to ``max_bead`` sentences a side, and its work grows with the
square of that limit (``--max-bead 5`` costs 20-25 % more everywhere). A translation that needs
more (one long Chinese sentence rendered as five English ones) then comes out cut at the limit:
a full bead and the rest glued to a neighbour or left unaligned. :func:`lift_limit` looks again,
as the anchor pass widens its band where the path runs along its edge, only around the beads
that reached the limit with the evidence of a translation: the stretch of a few beads around
each is searched once more with larger shapes (up to ``align.MAX_BEAD``), with the same bead scores
and the same skip costs as the whole-document lattice, and its best path replaces the stretch.
Every bead of a stretch whose path changed takes its posterior from the stretch's lattice, as the
review app's local confidence rates a stretch of beads (the whole-document lattice held no
shape for the larger bead, so its neighbours' posteriors there weighed an alternative that the
cut made up); the other stretches keep theirs.
"""
from __future__ import annotations

import numpy as np

from align.search import (BeadScore, Lattice, Span, bead_types, build_lattice, posteriors,
                          viterbi, window_around)



def lift_limit(lattice: Lattice, spans: list[Span], post: np.ndarray, score: BeadScore,
               similarity: BeadScore, max_bead: int, largest: int, context: int, evidence: float,
               temperature: float) -> tuple[list[Span], np.ndarray]:
    """``spans`` (the best path of ``lattice``) and their posteriors, with the stretches around
    the beads of ``max_bead`` sentences on a side whose ``similarity`` is at least ``evidence``
    searched again with shapes up to ``largest`` sentences a side (``context`` beads either
    side of each)."""
    full = [x for x, (_, a, _, b) in enumerate(spans)
            if a and b and max(a, b) >= max_bead]
    if not full or largest <= max_bead:
        return spans, post
    one = np.array([[spans[x][y] for x in full] for y in range(4)])
    sims = similarity(*one)
    full = [x for x, s in zip(full, sims) if s >= evidence]
    if not full:
        return spans, post
    src_skip, tgt_skip = skip_scores(lattice)
    types = bead_types(largest)
    out_spans, out_post = list(spans), list(post)
    for first, last in reversed(_stretches(full, context, len(spans))):
        found = _search_stretch(spans[first:last], types, score, src_skip, tgt_skip,
                                temperature)
        if found is not None:
            out_spans[first:last], out_post[first:last] = found
    return out_spans, np.array(out_post)


def _stretches(centres: list[int], context: int, count: int) -> list[tuple[int, int]]:
    """Bead index ranges ``[first, last)`` reaching ``context`` beads around each centre, with
    overlapping ones joined, in order."""
    out: list[tuple[int, int]] = []
    for x in centres:
        first, last = max(0, x - context), min(count, x + context + 1)
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _search_stretch(stretch: list[Span], types: list[tuple[int, int]], score: BeadScore,
                    src_skip: np.ndarray, tgt_skip: np.ndarray, temperature: float
                    ) -> tuple[list[Span], list[float]] | None:
    """The best path through the rectangle the beads of ``stretch`` span, with the larger
    shapes, and its posteriors; None when it is the stretch itself."""
    i0, j0 = stretch[0][0], stretch[0][2]
    n = stretch[-1][0] + stretch[-1][1] - i0
    m = stretch[-1][2] + stretch[-1][3] - j0
    # the cells within reach of the stretch's path: linear in its length (stretches join)
    largest = max(max(a, b) for a, b in types)
    window = window_around(_path_cells(stretch, i0, j0), n, m, largest)

    def shifted(i: np.ndarray, a: np.ndarray, j: np.ndarray, b: np.ndarray) -> np.ndarray:
        return score(i + i0, a, j + j0, b)

    lattice = build_lattice(window, n, m, types, shifted, 0.0)
    _set_skips(lattice, src_skip[i0:i0 + n], tgt_skip[j0:j0 + m])
    best = viterbi(lattice)
    found = lattice.spans(best, i0, j0)
    if found == stretch:
        return None
    return found, posteriors(lattice, best, temperature).tolist()


def _path_cells(stretch: list[Span], i0: int, j0: int) -> list[tuple[int, int]]:
    """The cells (row, column) the beads of ``stretch`` pass through, from ``(i0, j0)``."""
    cells = [(0, 0)]
    for i, a, j, b in stretch:
        cells += [(i - i0 + k, j - j0) for k in range(1, a + 1)]
        cells.append((i + a - i0, j + b - j0))
    return cells


def _cells(lattice: Lattice) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of every cell of ``lattice``."""
    cell_i = np.repeat(np.arange(lattice.n + 1, dtype=np.int64), np.diff(lattice.starts))
    lo = lattice.window.lo.astype(np.int64)
    cell_j = lo[cell_i] + np.arange(lattice.outside, dtype=np.int64) - lattice.starts[cell_i]
    return cell_i, cell_j


def skip_scores(lattice: Lattice) -> tuple[np.ndarray, np.ndarray]:
    """What leaving each source and each target sentence unaligned scores in ``lattice`` (the
    skip costs depend on the sentence only: its best 1-1 score and the document's noise)."""
    cell_i, cell_j = _cells(lattice)
    out = []
    for shape, size, of_cell in (((1, 0), lattice.n, cell_i), ((0, 1), lattice.m, cell_j)):
        t = lattice.types.index(shape)
        ends = np.flatnonzero(lattice.prev[t, :lattice.outside] != lattice.outside)
        values = np.full(size, np.nan)
        values[of_cell[ends] - 1] = lattice.scores[t, ends]
        known = values[~np.isnan(values)]
        out.append(np.where(np.isnan(values), known.min() if len(known) else 0.0, values))
    return out[0], out[1]


def _set_skips(lattice: Lattice, src_skip: np.ndarray, tgt_skip: np.ndarray) -> None:
    """Give the 1-0 and 0-1 beads of ``lattice`` the skip scores of their sentences."""
    cell_i, cell_j = _cells(lattice)
    for shape, values, of_cell in (((1, 0), src_skip, cell_i), ((0, 1), tgt_skip, cell_j)):
        t = lattice.types.index(shape)
        ends = np.flatnonzero(lattice.prev[t, :lattice.outside] != lattice.outside)
        lattice.scores[t, ends] = values[of_cell[ends] - 1]
