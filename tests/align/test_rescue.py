"""The rescue pass: passages glued to a lopsided bead are re-decoded with an affine gap."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from align.aligner import DEFAULT_SETTINGS, align
from align.evaluate import discover_gold, score_documents, unaligned_sentences
from align.model import Bead
from align.rescue import RescueSettings, gap_viterbi, lopsided, path_value, rescue
from align.search import Window, bead_types, build_lattice, viterbi
from align.synthetic import concatenate, drop_runs

TYPES = bead_types(4)


def table_score(table: dict[tuple[int, int, int, int], float], default: float = -1.0):
    """A bead score from a table of (i, a, j, b) spans; every other bead scores ``default``."""

    def score(i, a, j, b):
        return np.array([table.get((int(w), int(x), int(y), int(z)), default)
                         for w, x, y, z in zip(i, a, j, b)])

    return score


def grid_lattice(n, m, score, skip=-0.2):
    window = Window(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64),
                    m + 1)
    return build_lattice(window, n, m, TYPES, score, skip)


# six source sentences, two target ones: s0-t0 and s5-t1 are translations, s1-s4 have no
# partner; gluing s2-s5 to t1 scores 0.2, as a chance match of four sentences can
GLUED_TABLE = {(0, 1, 0, 1): 0.5, (5, 1, 1, 1): 0.5, (2, 4, 1, 1): 0.2}
GLUED = [Bead((0,), (0,), 0.9), Bead((1,), (), 0.4), Bead((2, 3, 4, 5), (1,), 0.2)]
RIGHT = [((0,), (0,)), ((1,), ()), ((2,), ()), ((3,), ()), ((4,), ()), ((5,), (1,))]


def posterior_as_confidence(posterior, spans):
    return posterior


def test_a_skip_per_sentence_makes_the_plain_search_glue_the_passage():
    lattice = grid_lattice(6, 2, table_score(GLUED_TABLE))
    steps = [lattice.types[t] for t, _ in viterbi(lattice)]
    assert steps == [(1, 1), (1, 0), (4, 1)]


def test_the_affine_gap_leaves_the_passage_out_instead():
    beads = rescue(GLUED, table_score(GLUED_TABLE), TYPES, (-0.2, 0.0, 0.0), 0.07,
                   posterior_as_confidence)
    assert [(b.src, b.tgt) for b in beads] == RIGHT
    assert beads[0].confidence == 0.9          # a bead kept as it was keeps its confidence
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def test_a_small_gain_is_not_enough():
    settings = RescueSettings(margin=1.0)
    beads = rescue(GLUED, table_score(GLUED_TABLE), TYPES, (-0.2, 0.0, 0.0), 0.07,
                   posterior_as_confidence, settings)
    assert beads == GLUED


def test_without_a_skip_nearby_a_lopsided_bead_is_left_alone():
    table = {(0, 1, 0, 1): 0.5, (1, 4, 1, 1): 0.3}
    beads = [Bead((0,), (0,), 0.9), Bead((1, 2, 3, 4), (1,), 0.5)]
    assert lopsided(beads[1], 3)
    assert rescue(beads, table_score(table), TYPES, (-0.2, 0.0, 0.0), 0.07,
                  posterior_as_confidence) == beads


def test_gap_viterbi_without_a_discount_is_the_search():
    rng = np.random.default_rng(7)
    table = {(i, a, j, b): float(rng.uniform(-0.5, 1.0))
             for i in range(7) for j in range(6) for a, b in TYPES if a and b}
    lattice = grid_lattice(7, 6, table_score(table))
    path, value = gap_viterbi(lattice, 1.0)
    assert path == viterbi(lattice)
    assert value == pytest.approx(path_value(lattice, path, 1.0))


def test_gap_viterbi_scores_its_path_as_path_value_does():
    lattice = grid_lattice(6, 2, table_score(GLUED_TABLE))
    for entry in (0, 1, 2):
        path, value = gap_viterbi(lattice, 0.3, entry, (0.0, 0.05, 0.0))
        assert value == pytest.approx(path_value(lattice, path, 0.3, entry, (0.0, 0.05, 0.0)))


@pytest.fixture(scope="module")
def releases_with_a_passage_left_out(corpora):
    """Our sample releases one after another, the English of nine beads (from bead 100) left
    out: without the rescue, the aligner glues Chinese sentences of the passage to English
    sentences after it."""
    source, target, gold = concatenate([d.load() for d in discover_gold(corpora / "releases")])
    return drop_runs(source, target, gold, [(100, 9, "tgt")])


def test_a_passage_left_out_of_a_release_is_not_glued_on(releases_with_a_passage_left_out):
    changed = releases_with_a_passage_left_out
    gold = set(changed.gold)
    plain = align(changed.source, changed.target,
                  settings=replace(DEFAULT_SETTINGS, rescue=False)).beads
    rescued = align(changed.source, changed.target).beads
    glued = [b for b in plain if lopsided(b, 3) and (b.src, b.tgt) not in gold]
    assert glued                                   # the fixture shows what the pass is for
    pairs = {(b.src, b.tgt) for b in rescued}
    assert not any((b.src, b.tgt) in pairs for b in glued)
    before = score_documents([(changed.gold, [(b.src, b.tgt) for b in plain])])
    after = score_documents([(changed.gold, [(b.src, b.tgt) for b in rescued])])
    assert after.f1_strict > before.f1_strict
    left_out = unaligned_sentences([(b.src, b.tgt) for b in rescued])
    assert len(changed.made & left_out) > len(
        changed.made & unaligned_sentences([(b.src, b.tgt) for b in plain]))
    confident = [b for b in rescued if b.confidence >= 0.9]
    assert sum((b.src, b.tgt) in gold for b in confident) >= 0.95 * len(confident)
