"""Local confidence: the aligner's confidence of beads someone else chose, over a stretch.

The aligner's confidence of a bead is its posterior (the share of all alignments of the whole
document, weighted by their scores, that contain it) times an evidence factor (see
:func:`align.aligner.bead_confidence`). For beads made by hand (a reviewer's edit) the
whole-document sum would take as long as aligning again, so :class:`LocalConfidence` computes the
same quantity over a stretch of consecutive beads: every alignment of the stretch's sentences with
the aligner's bead shapes (up to ``max_bead`` a side, plus any larger shape the stretch holds) is
scored with the aligner's prepared scorer (anchors, the lexicon learned from the confident beads,
paragraph and kind structure, unit ends of layout text) and summed by forward-backward at the
aligner's temperature; the stretch's first and last sentences are its borders. In text cut by a
layout, a bead that looks like a fragment of a unit gets the aligner's factor for it
(:mod:`align.layout`), measured against the median bead length of the alignment given.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.aligner import (DEFAULT_SETTINGS, SAME_LANGUAGE_CAP, SearchSettings, Structure,
                           bead_confidence, lattice_score, settings_lattice)
from align.layout import Layout
from align.layout_units import keep_unit_ends
from align.model import Bead, Document
from align.scoring import Scorer, as_prepared, make_scorer
from align.search import Window, bead_types, posteriors

#: a bead as (source ids, target ids)
Grouping = tuple[tuple[int, ...], tuple[int, ...]]


class LocalConfidence:
    """Rates runs of beads of two documents with the aligner's scorer, steps and settings."""

    def __init__(self, source: Document, target: Document, *, scorer: str | Scorer = "lexical",
                 anchors: Sequence[tuple[str, Sequence[str]]] = (), beads: Sequence[Bead] = (),
                 settings: SearchSettings | None = None, max_bead: int = 4) -> None:
        """``beads``, an alignment of the two documents (its confident beads teach the scorer
        as in the aligner's second pass)."""
        self.settings = settings or DEFAULT_SETTINGS
        self.types = bead_types(max_bead)
        self.same_language = source.lang == target.lang
        prepared = as_prepared(make_scorer(scorer, anchors).prepare(source, target, max_bead))
        if beads:
            better = prepared.refine(beads)
            prepared = as_prepared(better) if better is not None else prepared
        layout = Layout(source, target)
        penalty = self.settings.unit_end_penalty if self.settings.whole_units else 0.0
        self.scored = keep_unit_ends(Structure(source, target, self.settings).wrap(prepared),
                                     layout, penalty)
        self.layout = layout if self.settings.fragments else None
        lengths = (self.layout.lengths([(b.src, b.tgt) for b in beads]) if self.layout
                   else np.zeros(0))
        # the usual bead length of the document, where an alignment of it was given
        self.usual = (float(np.nanmedian(lengths)) if np.isfinite(lengths).any() else None)

    def confidences(self, stretch: Sequence[Grouping], wanted: Sequence[int]
                    ) -> list[float | None]:
        """The local confidence of ``stretch[k]`` for ``k`` in ``wanted``; ``stretch`` is a run
        of consecutive beads. ``None`` for all when one side of the stretch is empty."""
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
            similarity[paired] = self.scored.raw_score(
                np.array([g[0][0] for g in chosen]), np.array([len(g[0]) for g in chosen]),
                np.array([g[1][0] for g in chosen]), np.array([len(g[1]) for g in chosen]))
        similarity = np.nan_to_num(similarity, nan=0.0, posinf=1.0, neginf=0.0)
        confidence = bead_confidence(posterior, similarity, paired, settings)
        if self.layout is not None:
            confidence = confidence * self.layout.factors(stretch, self.usual)[list(wanted)]
        if self.same_language:
            confidence = np.minimum(confidence, SAME_LANGUAGE_CAP)
        return [round(float(c), 4) for c in confidence]
