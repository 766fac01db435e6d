"""Rescue of passages glued to a bead: a local re-decoding with an affine gap.

The search scores a 1-0 or 0-1 bead once per sentence, so a passage that one translation leaves
out pays as many skips as it has sentences, while a lopsided bead that glues several of its
sentences to one sentence of the other side pays its merge cost once. Next to a deleted passage
the search therefore glues the passage's last sentences to a partner taken from after it. This
pass looks at each lopsided bead (``min_glued`` or more sentences on one side, one on the other)
that has a left-out sentence within ``reach`` beads, re-decodes the few beads around it with the
aligner's own bead scores but an affine gap (a run of skips on one side pays its first skip in
full, each further one ``extend`` times its score), and keeps the new beads when they score
``margin`` more than the old ones under that objective. New beads get the window's posterior
(the aligner's confidence, computed over the window) so that a rescued bead is never more
trusted than the evidence for it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from align.model import Bead
from align.search import NEG, BeadScore, Lattice, Span, Window, build_lattice, posteriors



@dataclass(frozen=True)
class RescueSettings:
    """Knobs of the rescue pass (see BENCHMARKS.md, branch q15gap)."""

    min_glued: int = 3      # a bead gluing this many sentences to one is lopsided
    reach: int = 3          # a skip within this many beads makes it a candidate
    context: int = 8        # paired beads re-decoded on each side of the lopsided bead
    extend: float = 0.3     # a skip continuing a run on its side pays this share of its score
    margin: float = 0.1     # the new beads must win by this much


def lopsided(bead: Bead, least: int) -> bool:
    """True for a bead of ``least`` or more sentences on one side and one on the other."""
    a, b = len(bead.src), len(bead.tgt)
    return min(a, b) == 1 and max(a, b) >= least


def near_skip(beads: Sequence[Bead], x: int, reach: int) -> bool:
    """True when a one-sided bead lies within ``reach`` beads of ``beads[x]``."""
    return any(not (b.src and b.tgt) for b in beads[max(0, x - reach):x + reach + 1])


def rescue(beads: Sequence[Bead], score: BeadScore, types: Sequence[tuple[int, int]],
           skip: tuple[float, float, float], temperature: float,
           confidence: Callable[[np.ndarray, list[Span]], np.ndarray],
           settings: RescueSettings | None = None) -> list[Bead]:
    """``beads`` with the glued passages around lopsided beads re-decoded (see the module).

    ``score(i, a, j, b)`` is the search's bead score, ``skip`` its (skip, relative, noise)
    costs, ``confidence(posterior, spans)`` turns window posteriors of the new beads (as
    ``(i, a, j, b)`` spans) into confidences.
    """
    settings = settings or RescueSettings()
    out = list(beads)
    x, fixed = 0, 0             # beads before ``fixed`` were re-decoded already
    while x < len(out):
        if lopsided(out[x], settings.min_glued) and near_skip(out, x, settings.reach):
            first, last = _window(out, x, fixed, settings.context)
            entry = _state_of(out[first - 1]) if first else 0
            leave = _state_of(out[last]) if last < len(out) else 0
            better = redecode(out[first:last], score, list(types), skip, temperature,
                              confidence, settings, entry, leave)
            if better is not None:
                out[first:last] = better
                x = fixed = first + len(better)
                continue
        x += 1
    return out


def _window(beads: Sequence[Bead], x: int, fixed: int, context: int) -> tuple[int, int]:
    """The beads ``first .. last - 1`` around ``beads[x]``: ``context`` paired beads on each side
    (one-sided beads in between do not count, up to ``4 * context`` of them), never before
    ``fixed``."""
    first, paired = x, 0
    while first > fixed and paired < context and x - first < 4 * context:
        first -= 1
        paired += bool(beads[first].src and beads[first].tgt)
    last, paired = x + 1, 0
    while last < len(beads) and paired < context and last - x < 4 * context:
        paired += bool(beads[last].src and beads[last].tgt)
        last += 1
    return first, last


def redecode(window: Sequence[Bead], score: BeadScore, types: list[tuple[int, int]],
             skip: tuple[float, float, float], temperature: float,
             confidence: Callable[[np.ndarray, list[Span]], np.ndarray],
             settings: RescueSettings, entry: int = 0, leave: int = 0
             ) -> list[Bead] | None:
    """The beads of ``window`` decoded again with the affine gap, or None when the old ones
    are as good (within ``settings.margin``); ``entry`` is the state (see :func:`_gap_score`)
    the bead before the window leaves, ``leave`` the state the bead after it continues (a path
    ending in it makes that skip cheaper: it earns what the base skip saves)."""
    src = [i for b in window for i in b.src]
    tgt = [j for b in window for j in b.tgt]
    if not src or not tgt:
        return None
    s0, t0 = src[0], tgt[0]
    n, m = len(src), len(tgt)
    for bead in window:
        if bead.src and bead.tgt and (len(bead.src), len(bead.tgt)) not in types:
            types.append((len(bead.src), len(bead.tgt)))
    grid = Window(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64), m + 1)

    def shifted(i: np.ndarray, a: np.ndarray, j: np.ndarray, b: np.ndarray) -> np.ndarray:
        return score(i + s0, a, j + t0, b)

    lattice = build_lattice(grid, n, m, types, shifted, *skip)
    old = path_of(window, lattice)
    bonus = [0.0, 0.0, 0.0]
    if leave:
        bonus[leave] = (settings.extend - 1.0) * skip[0]
    best, value = gap_viterbi(lattice, settings.extend, entry, bonus)
    before = path_value(lattice, old, settings.extend, entry, bonus)
    if best == old or value - before <= settings.margin:
        return None
    kept = {(bead.src, bead.tgt): bead.confidence for bead in window}
    spans = lattice.spans(best, s0, t0)
    fresh = confidence(posteriors(lattice, best, temperature), spans)
    out = []
    for (i, a, j, b), c in zip(spans, fresh):
        ids = (tuple(range(i, i + a)), tuple(range(j, j + b)))
        out.append(Bead(*ids, kept.get(ids, float(c))))
    return out


def path_of(window: Sequence[Bead], lattice: Lattice) -> list[tuple[int, int]]:
    """The beads of ``window`` as (type, end cell) steps of ``lattice`` (a full grid)."""
    steps, i, j, width = [], 0, 0, lattice.m + 1
    for b in window:
        shape = (len(b.src), len(b.tgt))
        i, j = i + shape[0], j + shape[1]
        steps.append((lattice.types.index(shape), i * width + j))
    return steps


def _gap_score(shape: tuple[int, int], state: int, value: float, extend: float) -> float:
    """The score of a bead of ``shape`` scored ``value`` after a bead of ``state`` (0 paired,
    1 source skip, 2 target skip): a skip continuing a run on its side pays ``extend`` of it."""
    if shape == (1, 0) and state == 1 or shape == (0, 1) and state == 2:
        return extend * value
    return value


def _state_of(bead: Bead) -> int:
    return _state((len(bead.src), len(bead.tgt)))


def _state(shape: tuple[int, int]) -> int:
    return 1 if shape == (1, 0) else 2 if shape == (0, 1) else 0


def path_value(lattice: Lattice, path: Sequence[tuple[int, int]], extend: float,
               entry: int = 0, bonus: Sequence[float] = (0.0, 0.0, 0.0)) -> float:
    """The affine-gap score of ``path`` entered in state ``entry``, plus ``bonus`` of the state
    it ends in."""
    total, state = 0.0, entry
    for t, cell in path:
        shape = lattice.types[t]
        total += _gap_score(shape, state, float(lattice.scores[t, cell]), extend)
        state = _state(shape)
    return total + bonus[state]


def gap_viterbi(lattice: Lattice, extend: float, entry: int = 0,
                bonus: Sequence[float] = (0.0, 0.0, 0.0)) -> tuple[list[tuple[int, int]], float]:
    """The best path through a full-grid ``lattice`` entered in state ``entry``, when a skip
    continuing a run of skips on its side pays ``extend`` times its score and the path earns
    ``bonus`` of the state it ends in; the path as (type, end cell) steps, and its score.

    States: 0 after a paired bead, 1 after a source skip, 2 after a target skip. Row by row as
    :func:`align.search.viterbi`: beads from earlier rows at once, target skips along the row.
    """
    types, n, width = lattice.types, lattice.n, lattice.m + 1
    cells = lattice.outside
    value = np.full((3, cells + 1), NEG)
    back_type = np.full((3, cells + 1), -1, dtype=np.int64)
    back_state = np.zeros((3, cells + 1), dtype=np.int64)
    value[entry, 0] = 0.0
    t01 = types.index((0, 1))
    t10 = types.index((1, 0))
    rows = np.array([t for t, (a, _) in enumerate(types) if a > 0])
    paired = np.array([bool(types[t][1]) for t in rows])
    prev_rows, score_rows = lattice.prev[rows], lattice.scores[rows].astype(np.float64)
    discount = np.where(rows == t10, extend - 1.0, 0.0)[:, None]     # a source run goes on
    for i in range(n + 1):
        row = np.arange(i * width, (i + 1) * width)
        if i:
            p, s = prev_rows[:, row], score_rows[:, row]
            cand = value[:, p] + s                                  # (state before, type, cell)
            cand[1] += discount * s
            before = np.argmax(cand, axis=0)
            best = np.take_along_axis(cand, before[None], axis=0)[0]
            best[(p == cells) | (s <= NEG / 2)] = NEG
            for state, chosen in ((0, paired), (1, ~paired)):
                part = np.where(chosen[:, None], best, NEG)
                pick = np.argmax(part, axis=0)
                top = part[pick, np.arange(width)]
                ok = top > NEG / 2
                value[state, row[ok]] = top[ok]
                back_type[state, row[ok]] = rows[pick[ok]]
                back_state[state, row[ok]] = before[pick[ok], np.arange(width)[ok]]
        scores01 = lattice.scores[t01, row].tolist()
        v0, v1, v2 = (value[k, row].tolist() for k in range(3))
        b2t, b2s = back_type[2, row].tolist(), back_state[2, row].tolist()
        for j in range(1, width):
            s = scores01[j]
            for before, v in ((0, v0[j - 1] + s), (1, v1[j - 1] + s), (2, v2[j - 1] + extend * s)):
                if v > v2[j] and v > NEG / 2:
                    v2[j], b2t[j], b2s[j] = v, t01, before
        value[2, row], back_type[2, row], back_state[2, row] = v2, b2t, b2s
    end = cells - 1
    final = value[:, end] + np.asarray(bonus)
    state = int(np.argmax(final))
    total = float(final[state])
    path, c = [], end
    while c:
        t = int(back_type[state, c])
        path.append((t, c))
        c, state = int(lattice.prev[t, c]), int(back_state[state, c])
    return path[::-1], total
