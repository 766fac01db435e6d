"""Dynamic programming over beads, in two passes whose cost grows linearly with the documents.

1. **Anchor pass** (as in Bertalign): within a band around the diagonal, find the monotone path of
   1-1, 1-0 and 0-1 steps that collects the most first-pass similarity; only the ``k`` best target
   sentences of each source sentence carry a score, so the band costs little.
2. **Bead pass**: in a narrow window around the anchor path, all bead types up to ``max_bead``
   sentences on a side (``a + b <= max_bead + 1``) are scored and the best path is found. The same
   lattice is summed over (forward-backward, at a temperature) to give each chosen bead its
   posterior probability, the base of its confidence.

Every row of the lattice is processed with numpy over its window: no Python loop over cells.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

NEG = -1e18
ROW_BLOCK = 2048     # rows of the lattice scored in one call
#: what scores beads: ``score(i, a, j, b)`` for arrays of bead positions and shapes
BeadScore = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]
#: a bead as (first source sentence, source count, first target sentence, target count)
Span = tuple[int, int, int, int]


def bead_types(max_bead: int) -> list[tuple[int, int]]:
    """Bead shapes (a source, b target sentences): 1-0, 0-1 and a, b >= 1 with a + b <= max + 1."""
    types = [(1, 0), (0, 1)]
    for total in range(2, max_bead + 2):
        for a in range(1, total):
            b = total - a
            if a <= max_bead and b <= max_bead:
                types.append((a, b))
    return types


@dataclass(slots=True)
class Window:
    """Per source row ``i`` (0..n), the target columns ``lo[i] .. lo[i] + width - 1`` (clipped)."""

    lo: np.ndarray
    hi: np.ndarray      # exclusive, hi[i] <= m + 1
    width: int


def diagonal_band(n: int, m: int, half: int) -> Window:
    """A band of ``half`` columns either side of the diagonal from (0, 0) to (n, m)."""
    rows = np.arange(n + 1)
    return band_around(np.rint(rows * (m / max(n, 1))).astype(np.int64), m, half)


def edge_rows(path: list[tuple[int, int]], band: Window, m: int,
              slack: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Rows where the path runs along the lower or the upper edge of the band."""
    n = len(band.lo) - 1
    low = np.zeros(n + 1, dtype=bool)
    high = np.zeros(n + 1, dtype=bool)
    for i, j in path:
        if band.lo[i] > 0 and j <= band.lo[i] + slack:
            low[i] = True
        if band.hi[i] <= m and j >= band.hi[i] - 1 - slack:
            high[i] = True
    return low, high


def widen_band(band: Window, low: np.ndarray, high: np.ndarray, m: int, half: int) -> Window:
    """The band pushed ``half`` columns further where the path hit an edge (and ``half`` rows
    around), so the next anchor pass can follow a path that the band cut off."""
    def spread(rows: np.ndarray) -> np.ndarray:
        marks = np.flatnonzero(rows)
        out = np.zeros(len(rows), dtype=bool)
        if len(marks):
            diff = np.zeros(len(rows) + 1, dtype=np.int64)
            np.add.at(diff, np.clip(marks - half, 0, len(rows)), 1)
            np.add.at(diff, np.clip(marks + half + 1, 0, len(rows)), -1)
            out = np.cumsum(diff[:-1]) > 0
        return out

    return _connected(np.clip(band.lo - half * spread(low), 0, m),
                      np.clip(band.hi + half * spread(high), 0, m + 1))


def band_around(centre: np.ndarray, m: int, half: int) -> Window:
    """A band of ``half`` columns either side of ``centre`` (one column per row)."""
    centre = np.maximum.accumulate(np.clip(centre, 0, m))
    lo = np.clip(centre - half, 0, m)
    hi = np.clip(centre + half + 1, 0, m + 1)
    lo[0], hi[-1] = 0, m + 1            # the path runs from (0, 0) to (n, m)
    return _connected(lo, hi)


def join_windows(first: Window, second: Window) -> Window:
    """The columns of either window in every row."""
    return _connected(np.minimum(first.lo, second.lo), np.maximum(first.hi, second.hi))


def _connected(lo: np.ndarray, hi: np.ndarray) -> Window:
    """The window of columns ``lo[i] .. hi[i] - 1`` of every row ``i``, widened so that its
    edges never move back and each row reaches back to the previous one (a steep diagonal, as
    1 against 5,000)."""
    hi = np.maximum.accumulate(hi)
    lo[1:] = np.minimum(lo[1:], hi[:-1] - 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    return Window(lo, hi, int((hi - lo).max()))


# ---------------------------------------------------------------------------------------------
# pass 1

def coarse_band(n: int, m: int, cand_i: np.ndarray, cand_j: np.ndarray, cand_s: np.ndarray,
                grid: int, pad: int) -> Window:
    """A band around the best path through a coarse grid of blocks (as Vecalign's coarse-to-fine
    search): the matrix is cut into at most ``grid`` x ``grid`` blocks, each block holds the sum
    of the candidate scores inside it less the mean of the non-empty blocks (so that a block of
    noise costs and a block on the true path pays), and the best monotone path of blocks from
    the first to the last (right, down and diagonal moves) is widened by ``pad`` sentences.

    Candidates come from the whole document, so the path never depends on the diagonal: it
    follows the text through long passages that one side leaves out, and finds its way back after
    a stretch without evidence.
    """
    rows_per = max(1, -(-n // grid))
    cols_per = max(1, -(-m // grid))
    big_n, big_m = -(-n // rows_per), -(-m // cols_per)
    blocks = np.zeros((big_n, big_m))
    if len(cand_i):
        np.add.at(blocks, (np.minimum(cand_i // rows_per, big_n - 1),
                           np.minimum(cand_j // cols_per, big_m - 1)), cand_s)
        filled = blocks[blocks > 0]
        blocks -= filled.mean() if len(filled) else 0.0
    cells = coarse_path(blocks)
    lo = np.full(big_n, m, dtype=np.int64)
    hi = np.zeros(big_n, dtype=np.int64)
    for big_i, big_j in cells:
        lo[big_i] = min(lo[big_i], big_j * cols_per)
        hi[big_i] = max(hi[big_i], (big_j + 1) * cols_per)
    row_block = np.minimum(np.arange(n + 1) // rows_per, big_n - 1)
    row_lo = lo[row_block] - pad
    row_hi = hi[row_block] + pad
    # rows near a block edge also see the neighbouring block's columns
    for shift in (-pad, pad):
        other = np.minimum(np.clip(np.arange(n + 1) + shift, 0, n) // rows_per, big_n - 1)
        row_lo = np.minimum(row_lo, lo[other] - pad)
        row_hi = np.maximum(row_hi, hi[other] + pad)
    row_lo = np.clip(row_lo, 0, m)
    row_hi = np.clip(row_hi, 1, m + 1)
    row_lo[0], row_hi[-1] = 0, m + 1
    return _connected(row_lo, row_hi)


def coarse_path(blocks: np.ndarray) -> list[tuple[int, int]]:
    """Cells of the monotone path from the first to the last cell of ``blocks`` (moves right,
    down or diagonal) whose cells add up to the most."""
    big_n, big_m = blocks.shape
    back = np.zeros((big_n, big_m), dtype=np.int8)     # 0 diagonal, 1 up, 2 left
    prev = np.full(big_m, NEG)
    for r in range(big_n):
        if r == 0:
            base = np.full(big_m, NEG)
            base[0] = blocks[0, 0]
            choice = np.full(big_m, 2, dtype=np.int8)
        else:
            diag = np.concatenate([[NEG], prev[:-1]])
            choice = np.logical_not(diag >= prev).view(np.int8)
            base = np.maximum(diag, prev) + blocks[r]
        cum = np.cumsum(blocks[r])
        run = np.maximum.accumulate(base - cum)
        row = run + cum
        left = run > base - cum
        choice[left] = 2
        back[r] = choice
        prev = row
    cells = []
    r, c = big_n - 1, big_m - 1
    while True:
        cells.append((r, c))
        if r == 0 and c == 0:
            break
        move = back[r, c]
        if r == 0 or (move == 2 and c > 0):
            c -= 1
        elif move == 0 and c > 0:
            r, c = r - 1, c - 1
        else:
            r -= 1
    cells.reverse()
    return cells


def anchor_path(n: int, m: int, band: Window, cand_i: np.ndarray, cand_j: np.ndarray,
                cand_s: np.ndarray) -> list[tuple[int, int]]:
    """Cells (i, j) of the best 1-1/1-0/0-1 path, 1-1 steps scored by the sparse candidates.

    A candidate (i, j, s) scores the 1-1 step from (i, j) to (i + 1, j + 1).
    """
    width = band.width
    lo = band.lo
    order = np.argsort(cand_i, kind="stable")
    cand_i, cand_j, cand_s = cand_i[order], cand_j[order], cand_s[order]
    bounds = np.searchsorted(cand_i, np.arange(n + 1))
    back = np.zeros((n + 1, width), dtype=np.int8)   # 0 diagonal, 1 up (1-0), 2 left (0-1)
    row0 = np.full(width, NEG)
    valid0 = band.hi[0] - lo[0]
    row0[:valid0] = 0.0                              # (0, j): reached by 0-1 steps, free
    back[0, :] = 2
    prev = np.full(3 * width, NEG)                   # the row above at [width, 2 * width)
    prev[width:2 * width] = row0
    outside = np.full(width, NEG)
    lo_at, hi_at = lo.tolist(), band.hi.tolist()
    steps = np.zeros((0, width))
    block = 0
    for i in range(1, n + 1):
        if i - block >= len(steps):                  # 1-1 step scores of the next rows
            block = i
            steps = _step_scores(lo, width, i, min(n + 1, i + ANCHOR_BLOCK),
                                 cand_i, cand_j, cand_s, bounds)
        shift = lo_at[i] - lo_at[i - 1]              # column k here is column k + shift above
        up = prev[width + shift:2 * width + shift] if -width <= shift <= width else outside
        diag = (prev[width + shift - 1:2 * width + shift - 1] if -width < shift <= width + 1
                else outside)
        diag = diag + steps[i - block]
        best = np.maximum(diag, up)
        choice = back[i]
        np.logical_not(diag >= up, out=choice.view(bool))     # 0 diagonal, 1 up
        best[hi_at[i] - lo_at[i]:] = NEG
        run = np.maximum.accumulate(best, out=prev[width:2 * width])   # the row above, next
        choice[run > best] = 2
    # trace back from (n, m)
    path = []
    i, k = n, m - lo[n]
    while i > 0 or k + lo[i] > 0:
        j = k + lo[i]
        path.append((i, j))
        move = back[i, k]
        if i == 0 or (move == 2 and k > 0):
            if k == 0:
                # the left neighbour lies outside the band: should not happen, step up instead
                i -= 1
                k = j - lo[i]
                continue
            k -= 1
        elif move == 0:
            i -= 1
            k = j - 1 - lo[i]
        else:
            i -= 1
            k = j - lo[i]
    path.append((0, 0))
    path.reverse()
    return path


#: rows of the anchor pass whose 1-1 step scores are laid out at once
ANCHOR_BLOCK = 512


def _step_scores(lo: np.ndarray, width: int, first: int, last: int, cand_i: np.ndarray,
                 cand_j: np.ndarray, cand_s: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """For rows ``first .. last - 1`` of the anchor band, the score of the 1-1 step into each
    column (the best candidate ending there; 0 where none does, or only negative ones)."""
    out = np.zeros((last - first, width))
    a, z = bounds[first - 1], bounds[last - 1]
    rows = cand_i[a:z] + 1
    k = cand_j[a:z] + 1 - lo[rows]
    ok = (k >= 0) & (k < width)
    np.maximum.at(out, (rows[ok] - first, k[ok]), cand_s[a:z][ok])
    return out


def window_around(path: list[tuple[int, int]], n: int, m: int, margin: int) -> Window:
    """Columns within ``margin`` cells (in rows and columns) of the path, for every row."""
    pmin = np.full(n + 1, m, dtype=np.int64)
    pmax = np.zeros(n + 1, dtype=np.int64)
    for i, j in path:
        if j < pmin[i]:
            pmin[i] = j
        if j > pmax[i]:
            pmax[i] = j
    lo = pmin.copy()
    hi = pmax.copy()
    for d in range(1, margin + 1):
        lo[d:] = np.minimum(lo[d:], pmin[:-d])
        lo[:-d] = np.minimum(lo[:-d], pmin[d:])
        hi[d:] = np.maximum(hi[d:], pmax[:-d])
        hi[:-d] = np.maximum(hi[:-d], pmax[d:])
    lo = np.clip(lo - margin, 0, m)
    hi = np.clip(hi + margin + 1, 0, m + 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]     # keep windows monotone
    hi = np.maximum.accumulate(hi)
    return Window(lo, hi, int((hi - lo).max()))


# ---------------------------------------------------------------------------------------------
# pass 2

@dataclass(slots=True)
class Lattice:
    """Bead scores over a window, flattened row by row: row ``i`` holds the cells
    ``starts[i] .. starts[i+1] - 1`` for columns ``lo[i] .. hi[i] - 1`` (rows differ in width, so
    a long gap on one side widens only the rows around it). One extra cell at the end stands for
    "outside" and always holds ``NEG``.

    ``scores[t, c]`` scores the bead of type ``t`` ending at cell ``c``; ``prev[t, c]`` is the cell
    it starts from and ``next[t, c]`` the cell where the bead of type ``t`` starting at ``c`` ends.
    """

    types: list[tuple[int, int]]
    window: Window
    n: int
    m: int
    starts: np.ndarray
    scores: np.ndarray
    prev: np.ndarray
    next: np.ndarray

    @property
    def outside(self) -> int:
        return int(self.starts[-1])

    def end_cell(self) -> int:
        return int(self.starts[self.n]) + (self.m - int(self.window.lo[self.n]))

    def row(self, i: int) -> slice:
        return slice(int(self.starts[i]), int(self.starts[i + 1]))

    def position(self, cell: int) -> tuple[int, int]:
        """Row and column of a cell."""
        i = int(np.searchsorted(self.starts, cell, side="right")) - 1
        return i, int(self.window.lo[i]) + cell - int(self.starts[i])

    def positions(self, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns of many cells (:meth:`position` of each)."""
        rows = np.searchsorted(self.starts, cells, side="right") - 1
        return rows, self.window.lo[rows] + cells - self.starts[rows]

    def spans(self, path: Sequence[tuple[int, int]], i0: int = 0, j0: int = 0) -> list[Span]:
        """The beads of ``path`` ((type, end cell) steps, as :func:`viterbi` gives them) as
        spans, their sentence numbers shifted by ``i0`` and ``j0``."""
        rows, cols = self.positions(np.array([cell for _, cell in path], dtype=np.int64))
        spans = []
        for (t, _), i, j in zip(path, rows.tolist(), cols.tolist()):
            a, b = self.types[t]
            spans.append((i - a + i0, a, j - b + j0, b))
        return spans


def build_lattice(window: Window, n: int, m: int, types: list[tuple[int, int]],
                  score: BeadScore, skip: float, skip_relative: float = 0.0,
                  skip_noise: float = 0.0) -> Lattice:
    """Score every bead that fits the window with ``score(i, a, j, b)`` (vectorised calls).

    A 1-0 or 0-1 bead scores ``skip``, less ``skip_relative`` times the best 1-1 score its
    sentence has in the window: leaving out a sentence that has a good partner costs more. With
    ``skip_noise``, that best score is first lowered by ``skip_noise`` times the document's noise
    level (:func:`noise_level`): a sentence whose best match is no better than what sentences
    reach with a neighbour that is not their translation costs no more to leave out than ``skip``.
    """
    lo = window.lo.astype(np.int64)
    hi = np.minimum(window.hi.astype(np.int64), m + 1)
    widths = np.maximum(hi - lo, 0)
    starts = np.concatenate([[0], np.cumsum(widths)]).astype(np.int64)
    cells = int(starts[-1])
    outside = cells
    index_type = np.int32 if cells < 2**31 - 1 else np.int64
    cell_i = np.repeat(np.arange(n + 1, dtype=np.int64), widths)
    cell_j = lo[cell_i] + np.arange(cells, dtype=np.int64) - starts[cell_i]
    n_types = len(types)
    scores = np.full((n_types, cells + 1), NEG, dtype=np.float32)
    prev = np.full((n_types, cells + 1), outside, dtype=index_type)
    nxt = np.full((n_types, cells + 1), outside, dtype=index_type)
    scored = []
    for t, (a, b) in enumerate(types):
        i_start = cell_i - a
        j_start = cell_j - b
        i_safe = np.clip(i_start, 0, n)
        ok = (i_start >= 0) & (j_start >= lo[i_safe]) & (j_start < hi[i_safe])
        ends = np.flatnonzero(ok)
        start_cells = starts[i_safe[ok]] + j_start[ok] - lo[i_safe[ok]]
        prev[t, ends] = start_cells
        nxt[t, start_cells] = ends
        if a == 0 or b == 0:
            scores[t, ends] = skip
        else:
            scored.append(t)
    # score the beads a block of rows at a time, so that memory stays flat
    for first in range(0, n + 1, ROW_BLOCK):
        last = min(n + 1, first + ROW_BLOCK)
        block = np.arange(starts[first], starts[last])
        parts = []
        for t in scored:
            a, b = types[t]
            ends = block[prev[t, block] != outside]
            if len(ends):
                parts.append((t, ends, cell_i[ends] - a, cell_j[ends] - b, a, b))
        if not parts:
            continue
        i_all = np.concatenate([p[2] for p in parts])
        a_all = np.concatenate([np.full(len(p[1]), p[4]) for p in parts])
        j_all = np.concatenate([p[3] for p in parts])
        b_all = np.concatenate([np.full(len(p[1]), p[5]) for p in parts])
        values = np.asarray(score(i_all, a_all, j_all, b_all), dtype=np.float64)
        # a scorer's NaN or infinity must not break the search: treat it as no evidence
        values = np.nan_to_num(values, nan=0.0, posinf=1.0, neginf=0.0)
        offset = 0
        for t, ends, _, _, _a, _b in parts:
            count = len(ends)
            scores[t, ends] = values[offset:offset + count]
            offset += count
    if skip_relative and (1, 1) in types:
        t11 = types.index((1, 1))
        ends = np.flatnonzero(prev[t11, :outside] != outside)
        best_src = np.zeros(n + 1)
        best_tgt = np.zeros(m + 1)
        values = scores[t11, ends].astype(np.float64)
        np.maximum.at(best_src, cell_i[ends] - 1, values)
        np.maximum.at(best_tgt, cell_j[ends] - 1, values)
        if skip_noise:
            level = skip_noise * noise_level(values, cell_i[ends] - 1, cell_j[ends] - 1)
            best_src = np.maximum(best_src - level, 0.0)
            best_tgt = np.maximum(best_tgt - level, 0.0)
        for t, (a, b) in enumerate(types):
            if a + b != 1:
                continue
            ends = np.flatnonzero(prev[t, :outside] != outside)
            best = best_src[cell_i[ends] - 1] if a == 1 else best_tgt[cell_j[ends] - 1]
            scores[t, ends] = skip - skip_relative * best
    return Lattice(types, window, n, m, starts, scores, prev, nxt)


def second_best(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The second-highest value of every row that has at least two (one value per row)."""
    if len(rows) > 1 and not (rows[1:] >= rows[:-1]).all():
        order = np.argsort(rows, kind="stable")
        rows, values = rows[order], values[order]
    if len(rows) < 2:
        return values[:0]
    starts = np.flatnonzero(np.concatenate([[True], rows[1:] != rows[:-1]]))
    sizes = np.diff(np.append(starts, len(rows)))
    group = np.repeat(np.arange(len(starts)), sizes)
    top = np.maximum.reduceat(values, starts)
    # take out one occurrence of each row's best; the best of the rest is the second best
    at_top = np.flatnonzero(values == top[group])
    first_top = at_top[np.concatenate([[True], group[at_top][1:] != group[at_top][:-1]])]
    rest = values.copy()
    rest[first_top] = -np.inf
    return np.maximum.reduceat(rest, starts)[sizes >= 2]


def noise_level(values: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> float:
    """How well a sentence matches a sentence that is not its translation, in this document:
    the median over sentences (both sides) of their second-best 1-1 score in the window."""
    seconds = np.concatenate([second_best(values, rows), second_best(values, cols)])
    return median(seconds) if len(seconds) else 0.0


def median(values: np.ndarray) -> float:
    """``np.median`` of a non-empty 1-D array without NaN, the same value (the middle element,
    or the two middle ones' sum halved), without the import of ``numpy.ma`` that ``np.median``
    makes on its first call (a hundredth of a second of every process)."""
    half = len(values) // 2
    if len(values) % 2:
        return float(np.partition(values, half)[half])
    part = np.partition(values, (half - 1, half))
    return float((part[half - 1] + part[half]) / 2)


def viterbi(lattice: Lattice) -> list[tuple[int, int]]:
    """The best path as (type, end cell) pairs, in order."""
    types, n = lattice.types, lattice.n
    t01 = types.index((0, 1))
    row_types = np.array([t for t, (a, _) in enumerate(types) if a > 0])
    row_types_i8 = row_types.astype(np.int8)
    value = np.full(lattice.outside + 1, NEG)
    back = np.full(lattice.outside + 1, -1, dtype=np.int8)
    prev_rows = lattice.prev[row_types]
    score_rows = lattice.scores[row_types]
    cums, segments, broken = _row_gap_runs(lattice.starts, lattice.scores[t01], reverse=False)
    starts = lattice.starts.tolist()
    for i in range(n + 1):
        cells = slice(starts[i], starts[i + 1])
        width = cells.stop - cells.start
        if width == 0:
            continue
        if i == 0:
            base = np.full(width, NEG)
            base[0] = 0.0                  # the window of row 0 starts at column 0
            choice = np.full(width, -1, dtype=np.int8)
        else:
            cand = value[prev_rows[:, cells]] + score_rows[:, cells]
            pick = cand.argmax(axis=0)
            base = _MAX(cand, axis=0)
            choice = row_types_i8[pick]
        cum = cums[cells]
        adjusted = base - cum
        run = (_segmented(np.maximum, adjusted, segments[cells]) if broken[i]
               else np.maximum.accumulate(adjusted))
        row = run + cum
        value[cells] = np.where(row > NEG / 2, row, NEG)
        back[cells] = np.where(run > adjusted, t01, choice)     # stored as int8
    path = []
    cell = lattice.end_cell()
    while cell != 0:                       # cell 0 is (0, 0): windows always start there
        t = int(back[cell])
        if t < 0 or value[cell] <= NEG / 2:
            raise RuntimeError("alignment search found no path")
        path.append((t, cell))
        cell = int(lattice.prev[t, cell])
    path.reverse()
    return path


def _gap_runs(step: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For the 0-1 step scores into each column of a row: their running sum, and the run of
    columns each column belongs to (a closed step, ``NEG``, starts a new run: 0-1 steps cannot
    cross it)."""
    open_ = step > NEG / 2
    cum = np.concatenate([[0.0], np.cumsum(np.where(open_, step, 0.0)[1:])])
    segment = np.concatenate([[0], np.cumsum(~open_[1:])])
    return cum, segment


def _segmented(ufunc: np.ufunc, values: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """``ufunc.accumulate`` (running maximum, running log-sum) that restarts where ``segment``
    changes."""
    if segment[-1] == 0:
        return ufunc.accumulate(values)
    out = values.copy()
    starts = np.flatnonzero(np.diff(segment, prepend=-1))
    bounds = np.append(starts, len(values))
    for s, e in zip(bounds[:-1], bounds[1:]):
        out[s:e] = ufunc.accumulate(values[s:e])
    return out


#: rows of the lattice whose gap runs are computed in one padded block
RUN_BLOCK = 256


def _row_gap_runs(starts: np.ndarray, step: np.ndarray, reverse: bool
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_gap_runs` of every row of the lattice at once (the same values, bit for bit: the
    running sums run along each row of a padded block), laid out as the cells; with ``reverse``,
    of each row read from its last cell back (``step[k]`` then scores the 0-1 leaving cell
    ``k - 1`` of the row, as the backward pass of :func:`posteriors` reads it). Also, for every row, whether a closed
    step splits it into several runs."""
    cells = int(starts[-1])
    cum = np.zeros(cells, dtype=step.dtype)
    segment = np.zeros(cells, dtype=np.int64)
    broken = np.zeros(len(starts) - 1, dtype=bool)
    widths = np.diff(starts)
    for first in range(0, len(widths), RUN_BLOCK):
        last = min(len(widths), first + RUN_BLOCK)
        width = widths[first:last]
        top = int(width.max()) if len(width) else 0
        if top <= 1:
            continue
        k = np.arange(1, top)
        inside = k < width[:, None]
        source = starts[first + 1:last + 1, None] - k if reverse else starts[first:last, None] + k
        values = np.where(inside, step[np.where(inside, source, 0)], NEG)
        open_ = values > NEG / 2
        where = (starts[first:last, None] + k)[inside]
        cum[where] = np.cumsum(np.where(open_, values, 0.0), axis=1)[inside]
        runs = np.cumsum(~open_ & inside, axis=1)
        segment[where] = runs[inside]
        broken[first:last] = runs[:, -1] > 0
    return cum, segment, broken


def posteriors(lattice: Lattice, path: list[tuple[int, int]], temperature: float) -> np.ndarray:
    """Posterior probability of each bead of ``path`` among all paths through the lattice."""
    types, n = lattice.types, lattice.n
    t01 = types.index((0, 1))
    row_types = np.array([t for t, (a, _) in enumerate(types) if a > 0])
    prev_rows = lattice.prev[row_types]
    next_rows = lattice.next[row_types]
    scale = 1.0 / temperature

    def scaled(values: np.ndarray) -> np.ndarray:
        values = values.astype(np.float64)
        return np.where(values > NEG / 2, values * scale, NEG)

    s01 = scaled(lattice.scores[t01])
    s_rows = scaled(lattice.scores[row_types])
    starts = lattice.starts.tolist()
    fwd = np.full(lattice.outside + 1, NEG)
    cums, segments, broken = _row_gap_runs(lattice.starts, s01, reverse=False)
    with np.errstate(under="ignore", divide="ignore"):
        for i in range(n + 1):
            cells = slice(starts[i], starts[i + 1])
            if cells.stop == cells.start:
                continue
            if i == 0:
                base = np.full(cells.stop - cells.start, NEG)
                base[0] = 0.0
            else:
                base = _logsumexp0(fwd[prev_rows[:, cells]] + s_rows[:, cells])
            fwd[cells] = _scan(base, cums[cells], segments[cells], broken[i])
        bwd = np.full(lattice.outside + 1, NEG)
        end = lattice.end_cell()
        # the score of the bead of each type leaving each cell, gathered once for all rows
        s_next = np.take_along_axis(s_rows, next_rows, axis=1)
        cums, segments, broken = _row_gap_runs(lattice.starts, s01, reverse=True)
        for i in range(n, -1, -1):
            cells = slice(starts[i], starts[i + 1])
            if cells.stop == cells.start:
                continue
            base = _logsumexp0(s_next[:, cells] + bwd[next_rows[:, cells]])
            if i == n:
                base[end - cells.start] = np.logaddexp(base[end - cells.start], 0.0)
            # out[k] = logaddexp(base[k], out[k+1] + step[k]): the forward scan, read backwards
            bwd[cells] = _scan(base[::-1], cums[cells], segments[cells], broken[i])[::-1]
    total = fwd[end]
    out = np.zeros(len(path))
    for x, (t, cell) in enumerate(path):
        start = lattice.prev[t, cell]
        value = float(lattice.scores[t, cell]) * scale
        out[x] = np.exp(min(0.0, fwd[start] + value + bwd[cell] - total))
    return out


#: what ``ndarray.max`` and ``ndarray.sum`` call, without their Python wrappers (the row loops
#: call them 60,000 times for a book)
_MAX, _SUM = np.maximum.reduce, np.add.reduce


def _logsumexp0(cand: np.ndarray) -> np.ndarray:
    """Log of the sum of exponentials down the columns of ``cand`` (``NEG`` where all are);
    the caller ignores underflow."""
    top = _MAX(cand, axis=0)
    terms = cand - top        # columns where all are NEG come out NEG below, whatever this is
    total = np.log(_SUM(np.exp(terms, out=terms), axis=0)) + top
    return np.where(top > NEG / 2, total, NEG)


def _scan(base: np.ndarray, cum: np.ndarray, segment: np.ndarray, broken: bool) -> np.ndarray:
    """out[k] = logaddexp(base[k], out[k-1] + step[k]), given the gap runs of the steps (the
    0-1 step into column k scores step[k])."""
    shifted = base - cum
    run = (_segmented(np.logaddexp, shifted, segment) if broken
           else np.logaddexp.accumulate(shifted))
    out = run + cum
    return np.where(out > NEG / 2, out, NEG)
