"""A fresh confidence for the beads an edit makes, from the aligner's own scorer and settings.

The aligner's confidence of a bead is its posterior (the share of all alignments of the whole
document, weighted by their scores, that contain it) times an evidence factor (see
:func:`align.aligner.bead_confidence`). A reviewer's bead has no such posterior: the whole-document
sum would take as long as aligning again. So the review computes a **local confidence**, the
same quantity over a stretch of the document:

- the stretch runs from ``context`` beads (default 2) above the beads the edit made to ``context``
  beads below them; the beads outside it are held fixed, so the stretch's first and last
  sentences are its borders;
- every alignment of the stretch's sentences with the aligner's bead shapes (up to ``max_bead``
  sentences a side, plus the reviewer's own shape when it is larger) is scored with the aligner's
  lexical scorer (prepared once per review, with the glossary anchors and the lexicon learned
  from the confident beads, as the aligner's second pass does) and its paragraph and sentence-kind
  structure, and summed by forward-backward at the aligner's temperature;
- the bead's posterior in that sum times the aligner's evidence factor (its own similarity), with
  the aligner's cap for a sentence left unaligned, is its local confidence.

For a bead the aligner chose, the local confidence is close to the aligner's own (within a few
hundredths on most beads: see ``tests/review/test_rescore.py``), which is what makes it a fair
number to show after an edit. The scorer reads the documents as they were given: editing a
sentence's text does not change any confidence.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from align.aligner import (DEFAULT_SETTINGS, SAME_LANGUAGE_CAP, SearchSettings, Structure,
                           bead_confidence, lattice_score, settings_lattice)
from align.model import Bead, Document
from align.scoring import PreparedScorer, make_scorer
from align.search import Window, bead_types, posteriors
from concord.review.model import Change, ReviewBead

if TYPE_CHECKING:
    from concord.review.session import ReviewSession

Grouping = tuple[tuple[int, ...], tuple[int, ...]]


class LocalConfidence:
    """Rates groupings of two documents with the aligner's lexical scorer, over a local stretch."""

    def __init__(self, source: Document, target: Document, *,
                 anchors: Sequence[tuple[str, Sequence[str]]] = (),
                 beads: Sequence[ReviewBead] = (), settings: SearchSettings | None = None,
                 context: int = 2, max_bead: int = 4) -> None:
        self.settings = settings or DEFAULT_SETTINGS
        self.context = context
        self.types = bead_types(max_bead)
        self.same_language = source.lang == target.lang
        prepared: PreparedScorer = make_scorer("lexical", anchors).prepare(source, target, max_bead)
        refine = getattr(prepared, "refine", None)
        if refine is not None and beads:
            # the aligner's second pass: a lexicon learned from the confident beads
            better = refine([Bead(b.src, b.tgt, b.confidence or 0.0) for b in beads])
            prepared = better or prepared
        self.raw = prepared
        self.scored = Structure(source, target, self.settings).wrap(prepared)

    def __call__(self, session: ReviewSession, change: Change, positions: list[int]
                 ) -> list[float | None]:
        """Confidences of ``change.after[k]`` for ``k`` in ``positions`` (the session's rescorer)."""
        beads = session.beads
        start, stop = change.start, change.start + len(change.before)
        above = beads[max(0, start - self.context):start]
        below = beads[stop:stop + self.context]
        stretch = [(b.src, b.tgt) for b in (*above, *change.after, *below)]
        return self.confidences(stretch, [len(above) + k for k in positions])

    def confidences(self, stretch: Sequence[Grouping], wanted: Sequence[int]) -> list[float | None]:
        """The local confidence of ``stretch[k]`` for ``k`` in ``wanted``; ``stretch`` is a run of
        consecutive beads (source ids, target ids)."""
        src = [i for s, _ in stretch for i in s]
        tgt = [j for _, t in stretch for j in t]
        if not src or not tgt:
            return [None] * len(wanted)  # nothing on one side: no alternative to weigh
        s0, t0 = src[0], tgt[0]
        n, m = src[-1] + 1 - s0, tgt[-1] + 1 - t0
        types = list(self.types)
        for s, t in stretch:
            if (len(s), len(t)) not in types:
                types.append((len(s), len(t)))
        window = Window(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64),
                        m + 1)
        scored = lattice_score(self.scored)      # the similarity less the merge cost, as the aligner

        def score(i: np.ndarray, a: np.ndarray, j: np.ndarray, b: np.ndarray) -> np.ndarray:
            return scored(i + s0, a, j + t0, b)

        settings = self.settings
        lattice = settings_lattice(window, n, m, types, score, settings)
        path, i, j = [], 0, 0
        for s, t in stretch:
            i, j = i + len(s), j + len(t)
            path.append((types.index((len(s), len(t))), int(lattice.starts[i]) + j))
        posterior = posteriors(lattice, path, settings.temperature)[list(wanted)]
        groups = [stretch[k] for k in wanted]
        paired = np.array([bool(s and t) for s, t in groups])
        similarity = np.zeros(len(groups))
        if paired.any():
            chosen = [g for g in groups if g[0] and g[1]]
            similarity[paired] = self.raw.score(
                np.array([g[0][0] for g in chosen]), np.array([len(g[0]) for g in chosen]),
                np.array([g[1][0] for g in chosen]), np.array([len(g[1]) for g in chosen]))
        similarity = np.nan_to_num(similarity, nan=0.0, posinf=1.0, neginf=0.0)
        confidence = bead_confidence(posterior, similarity, paired, settings)
        if self.same_language:
            confidence = np.minimum(confidence, SAME_LANGUAGE_CAP)
        return [round(float(c), 4) for c in confidence]
