"""Align two documents: the public entry point of the engine.

``align(source, target)`` finds beads (groups of source sentences matched with groups of target
sentences) with the two-pass search of :mod:`align.search`, rates them with a scorer from
:mod:`align.scoring`, and gives each bead a confidence in [0, 1]. Inputs that make no sense (both
documents in one language, an empty side, wildly different lengths) still give an alignment, with
warnings and low confidence.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from align import MAX_BEAD
from align.drift import drift_warnings
from align.heap import paused_collector, retained_heap
from align.language import detect_language
from align.large_beads import lift_limit
from align.layout import Layout
from align.layout_units import attach_lone_lines, close_units, keep_unit_ends
from align.model import Alignment, Bead, Document
from align.rescue import rescue
from align.quotes import EITHER, quote_states
from align.scoring import PreparedScorer, Scorer, as_prepared, make_scorer
from align.scoring.base import AdjustedScorer
from align.search import (Lattice, Span, Window, anchor_path, bead_types, build_lattice,
                          coarse_band, diagonal_band, edge_rows, join_windows, posteriors,
                          viterbi, widen_band, window_around)


@dataclass
class SearchSettings:
    """Knobs of the search (the defaults were tuned on the dev sets, see BENCHMARKS.md)."""

    skip: float = -0.1             # score of a 1-0 or 0-1 bead
    skip_relative: float = 0.6     # ... less this times the best 1-1 score of its sentence
    skip_noise: float = 1.0        # ... above this times the document's noise level
    first_half_width: int = 50     # minimum half width of the anchor band
    first_share: float = 0.06      # ... or this share of the longer document
    first_cap: int = 400           # ... but never more (keeps the first pass linear)
    coarse_from: int = 3000        # longer documents: first a coarse path over the whole matrix
    coarse_grid: int = 1000        # ... of at most this many blocks a side
    coarse_pad: int = 60           # ... and the anchor band this many sentences around it
    top_k: int = 3
    widen: int = 4                 # times the anchor band may widen where the path hit its edge
    margin: int = 6                # second-pass window around the anchor path
    again_margin: int = 0          # search again after learning: window around the first beads
                                   # (0: anchor pass again; 6 saves ~10 % but long documents lose)
    temperature: float = 0.07      # for bead posteriors (confidence; fitted on mac-dev, pol-dev)
    evidence_ref: float = 0.3      # a bead this similar has full evidence (confidence)
    evidence_power: float = 0.5
    unaligned_cap: float = 0.5     # 1-0 and 0-1 beads: at most this confident
    paragraph_bonus: float = 0.05  # a bead starting a paragraph on both sides
    paragraph_penalty: float = 0.1 # a bead running over a paragraph break
    kind_bonus: float = 0.1        # title/date line/heading matched with its own kind
    fragments: bool = True         # lower the confidence of likely fragments of a layout unit
    whole_units: bool = True       # a lone unaligned line of layout text joins a neighbour
    unit_end_penalty: float = 0.1  # ... and a bead running over a unit's end pays this
    lift_to: int = MAX_BEAD        # where the path has a bead of max_bead sentences a side (with
                                   # evidence_ref similarity), shapes up to this many are tried
    lift_context: int = 2          # ... over this many beads either side (align.large_beads)
    lift_from: int = 4             # ... when max_bead is at least this (smaller limits are a
                                   # choice of shapes, larger ones the search's economy)
    rescue: bool = True            # re-decode passages glued to a lopsided bead (align.rescue)
    quote_penalty: float = 0.2     # a bead ending inside a quotation on one side only


DEFAULT_SETTINGS = SearchSettings()
SAME_LANGUAGE_CAP = 0.3


@retained_heap()
@paused_collector()
def align(source: Document, target: Document, *, scorer: str | Scorer = "lexical",
          anchors: Sequence[tuple[str, Sequence[str]]] = (), max_bead: int = 4,
          progress: Callable[[int], None] | None = None,
          settings: SearchSettings | None = None) -> Alignment:
    """Align ``source`` with ``target`` (zh->en or en->zh); every bead gets a confidence."""
    settings = settings or DEFAULT_SETTINGS
    warnings = input_warnings(source, target)
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        beads = [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
        if progress:
            progress(n)
        return Alignment(source, target, beads, warnings)
    if not 1 <= max_bead <= MAX_BEAD:
        raise ValueError(f"max_bead must be between 1 and {MAX_BEAD}")
    model = make_scorer(scorer, anchors)
    prepared = as_prepared(model.prepare(source, target, max_bead))
    structure = Structure(source, target, settings)
    layout = Layout(source, target)
    penalty = settings.unit_end_penalty if settings.whole_units else 0.0
    final = keep_unit_ends(structure.wrap(prepared), layout, penalty)
    beads = search(final, n, m, max_bead, settings)
    done = 0
    if progress:
        done = n // 2          # the first search; a second one may follow
        progress(done)
    better = prepared.refine(beads)
    if better is not None:
        final = keep_unit_ends(structure.wrap(as_prepared(better)), layout, penalty)
        if settings.again_margin:
            beads = search(final, n, m, max_bead, settings, beads)
        else:
            beads = search(final, n, m, max_bead, settings, earlier=beads)
    if settings.rescue:
        beads = rescue_passages(final, beads, max_bead, settings)
    if settings.whole_units:
        beads = attach_lone_lines(beads, layout, lattice_score(final), max_bead)
    if settings.fragments:
        beads = [Bead(b.src, b.tgt, b.confidence * float(f))
                 for b, f in zip(beads, layout.factors([(b.src, b.tgt) for b in beads]))]
    if settings.whole_units:
        beads = close_units(beads, layout, max_bead=max_bead)
    if source.lang == target.lang:
        # the scorers know Chinese-English evidence only: whatever matched is not a translation
        beads = [Bead(b.src, b.tgt, min(b.confidence, SAME_LANGUAGE_CAP)) for b in beads]
    else:
        warnings += drift_warnings(beads)
    if progress:
        progress(n - done)
    return Alignment(source, target, beads, warnings)


class Structure:
    """Paragraphs, sentence kinds (title, date line, heading) and quotations as evidence for beads.

    A bead that starts a paragraph on both sides earns ``paragraph_bonus``; one that runs over a
    paragraph break on either side pays ``paragraph_penalty``; a title, date line or heading
    matched with a sentence of the same kind earns ``kind_bonus``, with one of another kind pays
    it. Documents read one sentence per line carry no such structure. A bead whose last
    sentences end one inside a quotation and the other outside (:mod:`align.quotes`) pays
    ``quote_penalty``, where both documents hold quotation marks.
    """

    KINDS: ClassVar[dict[str, int]] = {"body": 0, "title": 1, "dateline": 2, "heading": 3}

    def __init__(self, source: Document, target: Document, settings: SearchSettings) -> None:
        self.settings = settings
        self.src_par = np.array([s.paragraph for s in source.sentences], dtype=np.int64)
        self.tgt_par = np.array([s.paragraph for s in target.sentences], dtype=np.int64)
        self.src_kind = np.array([self.KINDS.get(s.kind, 0) for s in source.sentences])
        self.tgt_kind = np.array([self.KINDS.get(s.kind, 0) for s in target.sentences])
        # paragraphs say something when each side has several and some hold several sentences
        self.use_paragraphs = all(1 < len(set(par.tolist())) < len(par)
                                  for par in (self.src_par, self.tgt_par))
        self.use_kinds = bool(self.src_kind.any() and self.tgt_kind.any())
        self.src_quote, self.tgt_quote = (_quote_states(source, target)
                                          if settings.quote_penalty > 0 else (None, None))

    @property
    def use_quotes(self) -> bool:
        """Whether both documents hold quotation marks enough for their states to count."""
        return self.src_quote is not None

    def wrap(self, prepared: PreparedScorer) -> PreparedScorer:
        if not (self.use_paragraphs or self.use_kinds or self.use_quotes):
            return prepared
        return _Structured(prepared, self)

    def adjust(self, i: np.ndarray, a: np.ndarray, j: np.ndarray, b: np.ndarray) -> np.ndarray:
        out = np.zeros(len(i))
        st = self.settings
        if self.use_paragraphs:
            sp, tp = self.src_par, self.tgt_par
            src_start = (i == 0) | (sp[i] != sp[np.maximum(i - 1, 0)])
            tgt_start = (j == 0) | (tp[j] != tp[np.maximum(j - 1, 0)])
            out += np.where(src_start & tgt_start, st.paragraph_bonus, 0.0)
            crosses = (sp[i + a - 1] != sp[i]) | (tp[j + b - 1] != tp[j])
            out -= np.where(crosses, st.paragraph_penalty, 0.0)
        if self.use_kinds:
            sk, tk = self.src_kind, self.tgt_kind
            # only beads starting at a title, date line or heading change (few of them)
            special = np.flatnonzero((sk[i] > 0) | (tk[j] > 0))
            si, sj = i[special], j[special]
            same = (sk[si] == tk[sj]) & (a[special] == 1) & (b[special] == 1)
            out[special] += np.where(same, st.kind_bonus, -st.kind_bonus)
        if self.src_quote is not None and self.tgt_quote is not None:  # both, or neither
            src, tgt = self.src_quote[i + a - 1], self.tgt_quote[j + b - 1]
            differ = (src != tgt) & (src != EITHER) & (tgt != EITHER)
            out -= np.where(differ, st.quote_penalty, 0.0)
        return out


def _quote_states(source: Document, target: Document) -> tuple[np.ndarray | None,
                                                               np.ndarray | None]:
    """:func:`align.quotes.quote_states` of both documents, or None for both when either has
    too few quotation marks. The Chinese side goes first: its marks are found by a quick
    scan, and when it has none the English one (whose apostrophes take a closer look) is not
    read."""
    chinese_first = source.lang == "zh" or target.lang != "zh"
    first, second = (source, target) if chinese_first else (target, source)
    first_states = quote_states(first.texts, first.lang)
    second_states = None if first_states is None else quote_states(second.texts, second.lang)
    if first_states is None or second_states is None:
        return None, None
    return (first_states, second_states) if chinese_first else (second_states, first_states)


class _Structured(AdjustedScorer):
    """A prepared scorer with the structure adjustment added to its scores."""

    def __init__(self, inner: PreparedScorer, structure: Structure) -> None:
        super().__init__(inner)
        self.structure = structure

    def adjust(self, i, a, j, b):
        return self.structure.adjust(i, a, j, b)


def settings_lattice(window: Window, n: int, m: int, types: list[tuple[int, int]],
                     score: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray],
                     settings: SearchSettings) -> Lattice:
    """The second-pass lattice with the skip costs of ``settings`` (the aligner's and the review
    app's local confidence build it the same way)."""
    return build_lattice(window, n, m, types, score, settings.skip, settings.skip_relative,
                         settings.skip_noise)


def search(prepared: PreparedScorer, n: int, m: int, max_bead: int,
           settings: SearchSettings, start: Sequence[Bead] = (),
           earlier: Sequence[Bead] = ()) -> list[Bead]:
    """Both passes of the search with one prepared scorer; with ``start`` (the beads of an
    earlier search), the bead pass looks within ``settings.again_margin`` of them instead; with
    ``earlier``, the anchor band also holds their path (``settings.coarse_pad`` around it)."""
    if start:
        window = window_around(bead_cells(start), n, m, max(settings.again_margin, max_bead))
    else:
        keep = window_around(bead_cells(earlier), n, m, settings.coarse_pad) if earlier else None
        window = window_around(anchor_pass(prepared, n, m, settings, keep), n, m,
                               max(settings.margin, max_bead))
    return bead_pass(prepared, window, n, m, max_bead, settings)


def bead_cells(beads: Sequence[Bead]) -> list[tuple[int, int]]:
    """The cells (row, column) a path of beads passes through."""
    cells, i, j = [(0, 0)], 0, 0
    for bead in beads:
        for _ in bead.src:
            i += 1
            cells.append((i, j))
        j += len(bead.tgt)
        cells.append((i, j))
    return cells


def anchor_pass(prepared: PreparedScorer, n: int, m: int, settings: SearchSettings,
                keep: Window | None = None) -> list[tuple[int, int]]:
    """The first pass: the best path of 1-1, 1-0 and 0-1 steps through a band (joined with
    ``keep``: a search after learning keeps within reach the path the first search found, which
    its own band, built again from the candidates, may miss where one side leaves out a long
    passage)."""
    half = max(settings.first_half_width,
               min(settings.first_cap, int(settings.first_share * max(n, m))))
    if prepared.sparse and max(n, m) > settings.coarse_from:
        everywhere = prepared.candidates(np.zeros(n, dtype=np.int64), np.full(n, m, np.int64),
                                         settings.top_k)
        band = coarse_band(n, m, *everywhere, settings.coarse_grid, settings.coarse_pad)
    else:
        band = diagonal_band(n, m, half)
    if keep is not None:
        band = join_windows(band, keep)
    cand = first_candidates(prepared, band, n, settings.top_k)
    path = anchor_path(n, m, band, *cand)
    for _ in range(settings.widen):
        # the path ran along an edge of the band: widen the band there and look again
        low, high = edge_rows(path, band, m)
        if not (low.any() or high.any()):
            break
        band = widen_band(band, low, high, m, half)
        cand = first_candidates(prepared, band, n, settings.top_k)
        path = anchor_path(n, m, band, *cand)
    return path


def bead_pass(prepared: PreparedScorer, window: Window, n: int, m: int, max_bead: int,
              settings: SearchSettings) -> list[Bead]:
    """The second pass: every bead shape within ``window``, best path and confidences."""
    types = bead_types(max_bead)
    lattice = settings_lattice(window, n, m, types, lattice_score(prepared), settings)
    best = viterbi(lattice)
    post = posteriors(lattice, best, settings.temperature)
    spans = lattice.spans(best)
    if prepared.any_group and settings.lift_from <= max_bead < settings.lift_to:
        spans, post = lift_limit(lattice, spans, post, lattice_score(prepared),
                                 prepared.raw_score, max_bead, settings.lift_to,
                                 settings.lift_context, settings.evidence_ref,
                                 settings.temperature)
    confidence = span_confidence(prepared, post, spans, settings)
    return [Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), float(c))
            for (i, a, j, b), c in zip(spans, confidence)]


def span_confidence(prepared: PreparedScorer, posterior: np.ndarray,
                    spans: Sequence[Span], settings: SearchSettings
                    ) -> np.ndarray:
    """:func:`bead_confidence` of beads given as ``(i, a, j, b)`` spans and their posteriors."""
    both = [x for x, (_, a, _, b) in enumerate(spans) if a and b]
    sims = np.zeros(len(spans))
    if both:
        ia, aa, ja, ba = (np.array([spans[x][y] for x in both]) for y in range(4))
        sims[both] = prepared.raw_score(ia, aa, ja, ba)
    paired = np.array([bool(a and b) for _, a, _, b in spans], dtype=bool)
    return bead_confidence(posterior, sims, paired, settings)


def rescue_passages(prepared: PreparedScorer, beads: list[Bead], max_bead: int,
                    settings: SearchSettings) -> list[Bead]:
    """:func:`align.rescue.rescue` with the search's bead scores, skip costs and confidence."""

    def confidence(posterior: np.ndarray, spans: list[Span]) -> np.ndarray:
        return span_confidence(prepared, posterior, spans, settings)

    return rescue(beads, lattice_score(prepared), bead_types(max_bead),
                  (settings.skip, settings.skip_relative, settings.skip_noise),
                  settings.temperature, confidence)


def lattice_score(prepared: PreparedScorer) -> Callable[..., np.ndarray]:
    """What the search maximises for a bead: the similarity, less the scorer's merge cost (a
    share of the score for a merged sentence that adds nothing to its bead)."""

    def score(i, a, j, b):
        similarity, cost = prepared.score_and_cost(i, a, j, b)
        return similarity - cost

    return score


def bead_confidence(posterior: np.ndarray, similarity: np.ndarray, paired: np.ndarray,
                    settings: SearchSettings) -> np.ndarray:
    """Confidence of each bead: how sure the search is of it, times how much evidence it has.

    The posterior (the share of all alignments, weighted by their scores, that contain the
    bead) says whether an alternative was close; the evidence factor ``min(1, sim / ref) ** p``
    says whether the bead's own similarity is that of a real translation, so that a bead with no
    competitor but no evidence either (two documents in one language) is not trusted. A sentence
    left unaligned never scores above ``settings.unaligned_cap``: it always deserves a look.
    """
    similarity = np.clip(similarity, 0.0, None)
    evidence = np.minimum(1.0, similarity / settings.evidence_ref) ** settings.evidence_power
    return np.where(paired, posterior * evidence, posterior * settings.unaligned_cap)


def first_candidates(prepared: PreparedScorer, band: Window, n: int, k: int
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The k best targets of each source sentence in the band."""
    m = int(band.hi[-1]) - 1
    return prepared.candidates(band.lo[:n], np.minimum(band.hi[:n], m), k)


def input_warnings(source: Document, target: Document) -> list[str]:
    """Problems with the input that the user should know about."""
    out = []
    names = (source.name or "source", target.name or "target")
    if not len(source):
        out.append(f"{names[0]} has no sentences: nothing to align")
    if not len(target):
        out.append(f"{names[1]} has no sentences: nothing to align")
    if source.lang == target.lang:
        out.append(f"both documents are in the same language ({source.lang}); expected Chinese "
                   "and English: the alignment is a guess with low confidence")
    for document, name in zip((source, target), names):
        seen = _text_language(document)
        if seen is not None and seen != document.lang:
            out.append(f"{name} is given as {_LANGUAGE_NAMES.get(document.lang, document.lang)} "
                       f"but its text is {_LANGUAGE_NAMES[seen]}: the files may be swapped or "
                       "the language given wrong")
    for document, name in zip((source, target), names):
        if _looks_like_markup(document):
            out.append(f"{name} looks like an HTML page read as text (its sentences are markup): "
                       "give --input-format html")
    n, m = len(source), len(target)
    if n and m and max(n, m) > 4 * min(n, m) + 10:
        out.append(f"the documents differ wildly in length ({n} and {m} sentences): "
                   "they may not be translations of each other")
    return out


_LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


def _looks_like_markup(document: Document) -> bool:
    """True when at least a third of the first sentences hold HTML tags: a page read as text."""
    sample = document.sentences[:200]
    tagged = sum(1 for s in sample if _TAG.search(s.text))
    return len(sample) >= 3 and tagged * 3 >= len(sample)


def _text_language(document: Document) -> str | None:
    """The language the text of ``document`` is written in (from its first sentences), or
    ``None`` when it has none."""
    sample = " ".join(s.text for s in document.sentences[:200])[:20000]
    return detect_language(sample) if sample.strip() else None
