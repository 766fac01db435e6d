"""The two-pass bead search and the vectorised coverage it relies on."""
from __future__ import annotations

import numpy as np
import pytest

from align.coverage import Matches, group_coverage, unique, unique_inverse
from align.search import (anchor_path, bead_types, build_lattice, diagonal_band, noise_level,
                          posteriors, second_best, viterbi, window_around)


def test_bead_types_follow_the_maximum():
    four = {f"{a}-{b}" for a, b in bead_types(4)}
    assert four == {"1-0", "0-1", "1-1", "1-2", "2-1", "2-2", "1-3", "3-1", "1-4", "4-1",
                    "2-3", "3-2"}
    assert {f"{a}-{b}" for a, b in bead_types(1)} == {"1-0", "0-1", "1-1"}


def brute_coverage(lists, tok_sent, tok_type, tok_weight, lo, hi, max_group):
    out = np.zeros((len(lo), int((hi - lo).max()), max_group))
    for s in range(len(lo)):
        for x in range(lo[s], hi[s]):
            for b in range(1, max_group + 1):
                group = set(range(x, x + b))
                total = sum(w for ts, tt, w in zip(tok_sent, tok_type, tok_weight)
                            if ts == s and group & set(lists[tt]))
                out[s, x - lo[s], b - 1] = total
    return out


@pytest.mark.parametrize("seed", range(5))
def test_group_coverage_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    n_self, n_other, n_types = 12, 15, 9
    lists = [np.unique(rng.integers(0, n_other, rng.integers(0, 5))) for _ in range(n_types)]
    tok_sent = np.sort(rng.integers(0, n_self, 40))
    tok_type = rng.integers(0, n_types, 40)
    tok_weight = rng.random(40)
    lo = np.clip(np.arange(n_self) - 3, 0, None)
    hi = np.minimum(lo + 5, n_other)
    matches = Matches.from_lists(lists, n_other)
    fast = group_coverage(matches, tok_sent, tok_type, tok_weight, lo, hi, 3)
    slow = brute_coverage(lists, tok_sent, tok_type, tok_weight, lo, hi, 3)
    for s in range(n_self):
        width = hi[s] - lo[s]
        np.testing.assert_allclose(fast[s, :width], slow[s, :width], atol=1e-9)


def test_sort_based_unique_agrees_with_numpy():
    values = np.random.default_rng(1).integers(0, 50, 500)
    assert np.array_equal(unique(values), np.unique(values))
    uniq, inverse = unique_inverse(values)
    assert np.array_equal(uniq[inverse], values)


def true_beads():
    """A made-up gold: 1-1, 1-2, 2-1, 0-1, 1-1, 1-3, 1-1 over 8 source and 10 target sentences."""
    return [((0,), (0,)), ((1,), (1, 2)), ((2, 3), (3,)), ((), (4,)), ((4,), (5,)),
            ((5,), (6, 7, 8)), ((6,), (9,)), ((7,), (10,))]


def oracle_score(beads):
    good = {(s[0], len(s), t[0], len(t)) for s, t in beads if s and t}

    def score(i, a, j, b):
        return np.array([0.9 if (x, y, z, w) in good else 0.05
                         for x, y, z, w in zip(i, a, j, b)])
    return score


def run_search(n, m, score, max_bead=4):
    band = diagonal_band(n, m, 50)
    cand_i, cand_j, cand_s = [], [], []
    for i in range(n):
        for j in range(m):
            value = score(np.array([i]), np.array([1]), np.array([j]), np.array([1]))[0]
            cand_i.append(i), cand_j.append(j), cand_s.append(value)
    path = anchor_path(n, m, band, np.array(cand_i), np.array(cand_j), np.array(cand_s))
    window = window_around(path, n, m, 6)
    types = bead_types(max_bead)
    lattice = build_lattice(window, n, m, types, score, -0.1)
    best = viterbi(lattice)
    beads = []
    for t, cell in best:
        a, b = types[t]
        i, j = lattice.position(cell)
        beads.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
    return beads, posteriors(lattice, best, 0.1)


def test_search_recovers_every_bead_type_of_a_known_alignment():
    gold = true_beads()
    beads, post = run_search(8, 11, oracle_score(gold))
    assert beads == gold
    assert np.all((post >= 0) & (post <= 1))


def test_posteriors_are_high_for_clear_beads_and_low_when_all_look_alike():
    gold = true_beads()
    _, clear = run_search(8, 11, oracle_score(gold))
    _, flat = run_search(8, 11, lambda i, a, j, b: np.full(len(i), 0.3))
    assert clear.min() > 0.9
    assert flat.mean() < clear.mean()


def test_window_follows_the_anchor_path():
    n, m = 200, 260
    band = diagonal_band(n, m, 40)
    i = np.arange(n)
    j = np.rint(i * 1.3).astype(int)
    path = anchor_path(n, m, band, i, j, np.ones(n))
    assert path[0] == (0, 0) and path[-1] == (n, m)
    assert all(b[0] >= a[0] and b[1] >= a[1] for a, b in zip(path, path[1:]))
    window = window_around(path, n, m, 5)
    assert window.width < 30          # narrow: the second pass stays linear
    for (pi, pj) in path:
        assert window.lo[pi] <= pj < window.hi[pi]


def test_second_best_and_noise_level():
    values = np.array([0.9, 0.2, 0.1, 0.8, 0.3, 0.5])
    rows = np.array([0, 0, 0, 1, 1, 2])
    cols = np.array([0, 1, 2, 1, 0, 2])
    assert sorted(second_best(values, rows).tolist()) == [0.2, 0.3]       # row 2 has one value
    # columns: 0 -> {0.9, 0.3}, 1 -> {0.2, 0.8}, 2 -> {0.1, 0.5}: second best 0.3, 0.2, 0.1
    assert noise_level(values, rows, cols) == pytest.approx(np.median([0.2, 0.3, 0.3, 0.2, 0.1]))


def skip_scores(score, skip_noise):
    """The 1-0 scores of every source sentence in a full lattice (5 x 5, 1-1 beads only)."""
    n = m = 5
    window = window_around([(k, k) for k in range(n + 1)], n, m, 5)
    types = bead_types(1)
    lattice = build_lattice(window, n, m, types, score, -0.1,
                            skip_relative=0.6, skip_noise=skip_noise)
    t10 = types.index((1, 0))
    out = {}
    for i in range(1, n + 1):
        cell = int(lattice.starts[i])                 # column 0 of row i: the 1-0 of sentence i-1
        out[i - 1] = float(lattice.scores[t10, cell])
    return out


def test_a_sentence_matching_nothing_better_than_noise_costs_only_the_base_skip():
    # sentences 0-3 have a partner (0.8) and 0.2 against everything else; sentence 4 has none
    def score(i, a, j, b):
        return np.where((i == j) & (i < 4), 0.8, 0.2)

    plain = skip_scores(score, 0.0)
    calibrated = skip_scores(score, 1.0)
    # without calibration the orphan pays for its noise-level matches: -0.1 - 0.6 * 0.2
    assert plain[4] == pytest.approx(-0.22)
    # with it, the noise level (0.2, every sentence's second best) is taken off first
    assert calibrated[4] == pytest.approx(-0.1)
    # a sentence with a real partner still pays for leaving it: -0.1 - 0.6 * (0.8 - 0.2)
    assert calibrated[0] == pytest.approx(-0.46)


def test_coarse_band_follows_a_path_far_from_the_diagonal():
    """The text runs 1-1 for 1,500 sentences, the target then holds 3,000 sentences the source
    leaves out, and the text goes on 1-1: the diagonal band would miss most of it."""
    from align.search import coarse_band

    n, m = 3000, 6000
    rng = np.random.default_rng(3)
    true_i = np.arange(n)
    true_j = np.where(true_i < 1500, true_i, true_i + 3000)
    noise_i = rng.integers(0, n, 2 * n)
    noise_j = rng.integers(0, m, 2 * n)
    cand_i = np.concatenate([true_i, noise_i])
    cand_j = np.concatenate([true_j, noise_j])
    cand_s = np.concatenate([np.full(n, 0.5), rng.uniform(0.0, 0.3, 2 * n)])
    band = coarse_band(n, m, cand_i, cand_j, cand_s, grid=300, pad=40)
    assert np.all((band.lo[:n] <= true_j) & (true_j < band.hi[:n]))
    assert (band.hi - band.lo).mean() < 300        # a narrow band, not the whole matrix
    path = anchor_path(n, m, band, cand_i, cand_j, cand_s)
    assert {(i, j) for i, j in zip(true_i + 1, true_j + 1)} <= set(path)
