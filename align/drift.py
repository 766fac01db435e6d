"""Where an alignment may have lost the text: long stretches of low-confidence beads.

A path that leaves the true alignment keeps pairing sentences, but the pairs it makes have
almost no evidence, so their confidences fall and stay low (median about 0.1 where a collapsed
35,000-sentence document was lost, against 0.9-1.0 around it). A passage that one side leaves
out looks the same (a run of unaligned sentences), and deserves the same look: a bead that leaves
a sentence unaligned counts as weak whatever its confidence (it is capped at 0.5, and a sure skip
reaches 0.3-0.4, so the threshold alone would cut a left-out passage into pieces).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.model import Bead

#: beads in a stretch, confidence below which a bead is weak, share of weak beads in a stretch
WINDOW, WEAK, SHARE = 100, 0.3, 0.8
#: stretches named one by one in the warnings
SHOWN = 3


@dataclass(frozen=True, slots=True)
class Stretch:
    """Beads ``first .. last`` (inclusive) of an alignment, mostly of low confidence."""

    first: int
    last: int


def weak_stretches(beads: Sequence[Bead], window: int = WINDOW, weak: float = WEAK,
                   share: float = SHARE) -> list[Stretch]:
    """Runs of beads where windows of ``window`` beads hold at least ``share`` of beads whose
    confidence is below ``weak`` or that leave a sentence unaligned (overlapping windows merged,
    each run cut to its first and last weak bead; runs fewer than ``window`` beads apart are one
    run)."""
    if len(beads) < window:
        return []
    low = np.array([b.confidence < weak or not (b.src and b.tgt) for b in beads],
                   dtype=np.float64)
    counts = np.convolve(low, np.ones(window), mode="valid")      # weak beads of each window
    starts = np.flatnonzero(counts >= share * window)
    out: list[Stretch] = []
    for start in starts.tolist():
        end = start + window - 1
        if out and start <= out[-1].last + 1:
            out[-1] = Stretch(out[-1].first, end)
        else:
            out.append(Stretch(start, end))
    weak_at = np.flatnonzero(low)
    trimmed: list[Stretch] = []
    for stretch in out:         # from its first weak bead to its last
        inside = weak_at[(weak_at >= stretch.first) & (weak_at <= stretch.last)]
        first, last = int(inside[0]), int(inside[-1])
        if trimmed and first - trimmed[-1].last <= window:  # a short firm gap: one lost passage
            trimmed[-1] = Stretch(trimmed[-1].first, last)
        else:
            trimmed.append(Stretch(first, last))
    return trimmed


def drift_warnings(beads: Sequence[Bead]) -> list[str]:
    """One warning per stretch of low confidence (the first few named, the rest counted)."""
    stretches = weak_stretches(beads)
    out = []
    for stretch in stretches[:SHOWN]:
        part = beads[stretch.first:stretch.last + 1]
        out.append(f"{len(part)} beads in a row have low confidence ({_span(part, 'src')} of "
                   f"the source, {_span(part, 'tgt')} of the target): the alignment may have "
                   "lost the text there, or one side leaves out a passage; check it")
    if len(stretches) > SHOWN:
        out.append(f"{len(stretches) - SHOWN} more stretches of low confidence")
    return out


def _span(beads: Sequence[Bead], side: str) -> str:
    ids = [k for b in beads for k in (b.src if side == "src" else b.tgt)]
    if not ids:
        return "no sentence"
    return f"sentences {min(ids) + 1}-{max(ids) + 1}"
