"""Beads beyond the search's limit (align.large_beads) and the second search's band."""
from __future__ import annotations

import numpy as np
import pytest

from align.aligner import SearchSettings, align, anchor_pass
from align.large_beads import lift_limit, skip_scores
from align.model import Document, Sentence
from align.scoring import PreparedScorer
from align.search import (bead_types, build_lattice, diagonal_band, join_windows, posteriors,
                          viterbi, window_around)


def doc(lines, lang):
    return Document([Sentence(t, k, k + 1) for k, t in enumerate(lines)], lang, f"test.{lang}")


# one long Chinese sentence of five clauses, translated as five English sentences
ZH = ["双方同意加强经贸合作。",
      "会议指出，要推动经济发展，扩大对外开放，加强环境保护，提高教育质量，改善人民生活。",
      "两国领导人出席了签字仪式。", "会谈在友好气氛中进行。"]
EN = ["The two sides agreed to strengthen economic and trade cooperation.",
      "The meeting pointed out that we must promote economic development.",
      "We must expand opening up to the outside world.",
      "We must strengthen environmental protection.",
      "We must improve the quality of education.",
      "We must improve the lives of the people.",
      "The leaders of the two countries attended the signing ceremony.",
      "The talks were held in a friendly atmosphere."]
GOLD = [((0,), (0,)), ((1,), (1, 2, 3, 4, 5)), ((2,), (6,)), ((3,), (7,))]


@pytest.mark.parametrize("reverse", [False, True], ids=["zh-en", "en-zh"])
def test_a_sentence_translated_as_five_comes_out_as_one_bead(reverse):
    source, target = doc(ZH, "zh"), doc(EN, "en")
    if reverse:
        source, target = target, source
    beads = align(source, target, max_bead=4).beads
    pairs = [(b.tgt, b.src) if reverse else (b.src, b.tgt) for b in beads]
    assert pairs == GOLD
    assert all(b.confidence > 0.9 for b in beads)


def test_the_limit_holds_where_asked():
    """Without the lift (or with a limit chosen below 4) the fifth sentence is cut off."""
    beads = align(doc(ZH, "zh"), doc(EN, "en"), max_bead=4,
                  settings=SearchSettings(lift_to=4)).beads
    assert ((1,), (1, 2, 3, 4)) in [(b.src, b.tgt) for b in beads]
    for max_bead in (1, 2, 3):
        beads = align(doc(ZH, "zh"), doc(EN, "en"), max_bead=max_bead).beads
        assert max(max(len(b.src), len(b.tgt)) for b in beads) <= max_bead


def oracle(beads, good=0.9, bad=0.05):
    right = {(s[0], len(s), t[0], len(t)) for s, t in beads if s and t}

    def score(i, a, j, b):
        return np.array([good if key in right else bad for key in zip(i, a, j, b)])
    return score


def best_spans(n, m, score, max_bead, skip=-0.1):
    window = window_around([(k * n // (n + m), k * m // (n + m)) for k in range(n + m)]
                           + [(n, m)], n, m, 8)
    types = bead_types(max_bead)
    lattice = build_lattice(window, n, m, types, score, skip, 0.6)
    best = viterbi(lattice)
    spans = []
    for t, cell in best:
        a, b = types[t]
        i, j = lattice.position(cell)
        spans.append((i - a, a, j - b, b))
    return lattice, spans, posteriors(lattice, best, 0.07)


# 1-1, 1-5 (beyond a limit of 4), 1-1, 2-1, 1-1 over 6 source and 9 target sentences
LARGE = [((0,), (0,)), ((1,), (1, 2, 3, 4, 5)), ((2,), (6,)), ((3, 4), (7,)), ((5,), (8,))]


def as_pairs(spans):
    return [(tuple(range(i, i + a)), tuple(range(j, j + b))) for i, a, j, b in spans]


def test_lift_finds_the_bead_the_limit_cut_short():
    score = oracle(LARGE + [((1,), (1, 2, 3, 4))])      # the cut bead has evidence too
    lattice, spans, post = best_spans(6, 9, score, 4)
    assert as_pairs(spans) != LARGE
    lifted, lifted_post = lift_limit(lattice, spans, post, score, score, 4, 6, 2, 0.3, 0.07)
    assert as_pairs(lifted) == LARGE
    assert len(lifted_post) == len(lifted)
    assert np.all((lifted_post > 0.5) & (lifted_post <= 1))


def test_lift_leaves_a_bead_without_evidence_alone():
    score = oracle(LARGE + [((1,), (1, 2, 3, 4))])
    weak = oracle(LARGE, good=0.2)                      # similarity below the evidence needed
    lattice, spans, post = best_spans(6, 9, score, 4)
    same, same_post = lift_limit(lattice, spans, post, score, weak, 4, 6, 2, 0.3, 0.07)
    assert same == spans and np.array_equal(same_post, post)


def test_skip_scores_are_those_of_each_sentence():
    score = oracle(LARGE)
    lattice, _, _ = best_spans(6, 9, score, 4)
    src, tgt = skip_scores(lattice)
    # skip - 0.6 x the best 1-1 score of the sentence in the window
    assert src.tolist() == pytest.approx([-0.1 - 0.6 * 0.9, -0.1 - 0.6 * 0.05, -0.1 - 0.6 * 0.9,
                                          -0.1 - 0.6 * 0.05, -0.1 - 0.6 * 0.05,
                                          -0.1 - 0.6 * 0.9])
    assert len(tgt) == 9 and tgt[0] == pytest.approx(-0.1 - 0.6 * 0.9)


class Shifted(PreparedScorer):
    """Source sentence i translates target sentence i + 150 (the target opens with 150 more)."""

    def score(self, i, a, j, b):
        i, j = np.asarray(i), np.asarray(j)
        return np.where((j == i + 150) & (np.asarray(a) == 1) & (np.asarray(b) == 1), 0.9, 0.0)


def test_the_second_search_keeps_the_first_path_within_reach():
    n, m = 200, 350
    settings = SearchSettings(first_half_width=20, first_share=0.0, widen=0)
    true_path = [(0, 0)] + [(0, j) for j in range(1, 151)] + [(i, i + 150) for i in range(1, n + 1)]
    lost = anchor_pass(Shifted(), n, m, settings)
    assert (100, 250) not in lost                       # the diagonal band cannot reach it
    keep = window_around(true_path, n, m, settings.coarse_pad)
    found = anchor_pass(Shifted(), n, m, settings, keep)
    assert all((i, i + 150) in found for i in range(1, n + 1))


def test_joined_windows_hold_both():
    first = diagonal_band(50, 80, 5)
    second = window_around([(k, min(80, k + 30)) for k in range(51)], 50, 80, 3)
    both = join_windows(first, second)
    for window in (first, second):
        assert np.all(both.lo <= window.lo) and np.all(both.hi >= window.hi)
