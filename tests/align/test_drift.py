"""Stretches of low confidence: where an alignment may have lost the text."""
from __future__ import annotations

from align.drift import drift_warnings, weak_stretches
from align.model import Bead


def beads(confidences):
    return [Bead((k,), (k,), c) for k, c in enumerate(confidences)]


def test_a_long_run_of_weak_beads_is_one_stretch():
    run = beads([0.95] * 300 + [0.1] * 250 + [0.95] * 300)
    assert [(s.first, s.last) for s in weak_stretches(run)] == [(300, 549)]
    [warning] = drift_warnings(run)
    assert "250 beads" in warning and "sentences 301-550 of the source" in warning


def test_scattered_weak_beads_are_not_a_stretch():
    run = beads(([0.95] * 4 + [0.1]) * 200)          # one bead in five is weak
    assert weak_stretches(run) == []
    assert drift_warnings(run) == []


def test_a_short_document_is_never_warned_about():
    assert weak_stretches(beads([0.1] * 50)) == []


def test_a_short_firm_gap_does_not_split_one_lost_passage():
    """A lost passage with a few dozen firmer beads in it is one stretch; two far apart stay two."""
    gap = beads([0.95] * 300 + [0.1] * 900 + [0.5] * 60 + [0.1] * 900 + [0.95] * 300)
    assert [(s.first, s.last) for s in weak_stretches(gap)] == [(300, 2159)]
    apart = beads([0.95] * 300 + [0.1] * 300 + [0.95] * 400 + [0.1] * 300 + [0.95] * 300)
    assert [(s.first, s.last) for s in weak_stretches(apart)] == [(300, 599), (1000, 1299)]


def test_a_passage_one_side_leaves_out_is_one_stretch_however_sure_the_skips():
    """Sentences left unaligned are weak beads even when the aligner is fairly sure of them
    (their confidence is capped at 0.5): a left-out passage is not cut where it rises past 0.3."""
    skipped = [Bead((), (k,), 0.35 if 100 <= k < 250 else 0.2) for k in range(400)]
    run = beads([0.95] * 300) + skipped + beads([0.95] * 300)
    assert [(s.first, s.last) for s in weak_stretches(run)] == [(300, 699)]
