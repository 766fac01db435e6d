"""The lexical scorer (the default): IDF-weighted CC-CEDICT coverage in both directions, with
numbers, Latin words, romanised names and glossary terms as anchors, scaled by a length model
and a clause-count model.

Its merge cost keeps a sentence that the other side leaves out from being glued onto a
neighbouring bead when it adds neither words nor a better length ratio to it; its ``refine``
learns a document-specific lexicon from the confident beads of a first alignment.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.anchors import PinyinNames
from align.coverage import Matches, group_coverage, pair_coverage, unique_inverse
from align.lexicon import load_lexicon
from align.model import Bead, Document
from align.scoring.base import Array, PreparedScorer, top_k
from align.scoring.clauses import clause_model
from align.scoring.length import LengthModel
from align.scoring.tokens import (ChineseUnits, KeySpace, Side, chinese_side, chinese_units,
                                  key_postings, tokenize_english, type_matches)


@dataclass(slots=True)
class MemberCover:
    """What the edge sentences of candidate groups contribute (arrays, one entry per bead)."""

    without_first: np.ndarray    # covered weight of the group by the other group minus its first
    without_last: np.ndarray     # ... minus its last sentence
    own_first: np.ndarray        # covered weight of the group's first sentence
    weight_first: np.ndarray     # ... and its total weight
    own_last: np.ndarray
    weight_last: np.ndarray


@dataclass
class LexicalScorer:
    """IDF-weighted dictionary coverage in both directions, scaled by the length model."""

    name: str = "lexical"
    anchors: Sequence[tuple[str, Sequence[str]]] = ()
    smoothing: float = 2.0        # IDF weight of "nothing matched" added to every denominator
    length_power: float = 0.6     # exponent of the length factor
    length_mix: float = 0.05      # share of the score given by length alone
    anchor_matches: int = 16      # first pass: ignore words matching more sentences in the band
    learn: bool = True            # second pass with a lexicon learned from confident 1-1 beads
    learn_from: float = 0.7       # ... beads at least this confident
    learn_max_group: int = 1      # ... with at most this many sentences a side
    learn_threshold: float = 0.2  # ... links with Model 1 probability this high both ways
    learn_min_count: int = 2      # ... seen in at least this many beads
    learn_min_dice: float = 0.5   # ... with a Dice coefficient at least this
    learn_min_llr: float = 6.6    # ... and a log-likelihood ratio at least this (p < 0.01)
    learn_min_beads: int = 20     # ... and only when there are this many beads to learn from
    pieces: bool = False          # ... and pieces of a unigram model of the Chinese (align.pieces)
    merge_cost: float = 0.3       # most a bead pays for an edge sentence that adds nothing
    merge_own: float = 0.4        # ... full credit when this share of its weight is covered
    merge_gain: float = 0.07      # ... or it raises the other group's coverage this much
    merge_length: tuple[float, float] = (0.6, 1.0)   # ... or the length ratio gains > 1.0
    clause_power: float = 0.4     # exponent of the clause-count factor (0: none; scoring.clauses)
    clause_smoothing: float = 8.0  # clauses added to both sides' counts in that factor

    def prepare(self, source: Document, target: Document, max_group: int) -> LexicalPrepared:
        return LexicalPrepared(self, source, target, max_group)


class LexicalPrepared(PreparedScorer):
    """The lexical scorer bound to one document pair (either language order)."""

    sparse = True
    any_group = True

    def __init__(self, config: LexicalScorer, source: Document, target: Document,
                 max_group: int) -> None:
        self.config = config
        self.max_group = max_group
        self.length = LengthModel.fit(source, target, config.length_power)
        self.clauses = (clause_model(source, target, config.clause_power,
                                     config.clause_smoothing)
                        if config.clause_power > 0 else None)
        self.swapped = source.lang != "zh" and target.lang == "zh"
        zh_doc, en_doc = (target, source) if self.swapped else (source, target)
        lexicon = load_lexicon()
        keys = KeySpace(lexicon)
        names = PinyinNames(lexicon)
        self.bilingual = {zh_doc.lang, en_doc.lang} == {"zh", "en"}
        self.en, name_keys = tokenize_english(en_doc, keys, names, lexicon.common_words,
                                              config.anchors)
        self.units = chinese_units(zh_doc, lexicon, names, name_keys, config.anchors)
        self.zh_texts = [s.text for s in zh_doc.sentences]
        self.lexicon, self.keys = lexicon, keys
        self.learned: dict[str, set[int]] = {}
        self.en_postings = key_postings(self.en)
        self._index(chinese_side(self.units, lexicon, keys))

    def _index(self, zh: Side) -> None:
        """Take ``zh`` as the Chinese side and match both sides against each other."""
        self.zh = zh
        self.zh_matches = type_matches(self.zh, self.en_postings, self.en.n)
        self.en_matches = type_matches(self.en, key_postings(self.zh), self.zh.n)

    # -- the learned lexicon ------------------------------------------------------------------
    def refine(self, beads: Sequence[Bead]) -> LexicalPrepared | None:
        """A copy scoring with links learned from the confident 1-1 ``beads`` (None if none, or
        when the scorer is set not to learn)."""
        from align.learned import learn_links

        if not self.config.learn:
            return None

        zh_words, en_keys, zh_sents = [], [], []
        en_tok_key = np.array([k[0] for k in self.en.type_keys], dtype=np.int64)
        bounds = np.searchsorted(self.en.tok_sent, np.arange(self.en.n + 1))
        largest = self.config.learn_max_group
        for bead in beads:
            if (not bead.src or not bead.tgt or len(bead.src) > largest
                    or len(bead.tgt) > largest or bead.confidence < self.config.learn_from):
                continue
            zs, es = (bead.tgt, bead.src) if self.swapped else (bead.src, bead.tgt)
            zh_words.append([w for z in zs for w in self.units.words[z]])
            zh_sents.append(zs)
            en_keys.append([k for e in es
                            for k in en_tok_key[self.en.tok_type[bounds[e]:bounds[e + 1]]].tolist()])
        if len(zh_words) < self.config.learn_min_beads:
            return None
        links = learn_links(zh_words, en_keys, threshold=self.config.learn_threshold,
                            min_count=self.config.learn_min_count,
                            min_dice=self.config.learn_min_dice,
                            min_llr=self.config.learn_min_llr)
        entries = self.lexicon.entries
        new = {w: ks - set(entries.get(w, ())) for w, ks in links.items()}
        new = {w: ks for w, ks in new.items() if ks}
        units = self.units
        if self.config.pieces:
            units, new = self._add_pieces(units, new, list(zip(zh_sents, en_keys)))
        if not new:
            return None
        other = copy.copy(self)
        other.learned = new
        other._index(chinese_side(units, self.lexicon, self.keys, new))
        return other

    def _add_pieces(self, units: ChineseUnits, learned: dict[str, set[int]],
                    beads: list[tuple[tuple[int, ...], list[int]]]
                    ) -> tuple[ChineseUnits, dict[str, set[int]]]:
        """The units and links with the pieces' links added (:mod:`align.pieces`)."""
        from align.pieces import learn_piece_links

        cfg = self.config
        anchored = frozenset(self.keys.id(k) for keys in units.anchors for k in keys)
        found = learn_piece_links(self.zh_texts, beads, self.lexicon, learned, anchored=anchored,
                                  threshold=cfg.learn_threshold, min_count=cfg.learn_min_count,
                                  min_dice=cfg.learn_min_dice, min_llr=cfg.learn_min_llr)
        if found is None:
            return units, learned
        words = [w + p for w, p in zip(units.words, found.sentence_pieces)]
        return ChineseUnits(units.anchors, words), {**learned, **found.links}

    # -- full scores --------------------------------------------------------------------------
    def score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        """Similarity in [0, 1]: IDF-weighted coverage both ways (harmonic mean) x length."""
        return self._score(i, a, j, b, with_cost=False)[0]

    def score_and_cost(self, i: Array, a: Array, j: Array, b: Array) -> tuple[Array, Array]:
        """The similarity and the merge cost of each bead (what the search maximises is their
        difference): a bead whose first or last sentence on a side of two or more adds nothing
        pays up to ``merge_cost``, so that a sentence the other side leaves out comes out
        unaligned instead of glued to its neighbour's bead.

        An edge sentence adds nothing when (a) little of its own weight is covered by the other
        group (share below ``merge_own``) and the other group's coverage barely grows with it
        (gain below ``merge_gain``), and (b) the two groups' length ratio gets worse with it
        (ratio gain below ``merge_length[1]``; at ``merge_length[0]`` or less, fully). Each
        condition holds to a degree in [0, 1]; the bead pays ``merge_cost`` times the product of
        the two degrees, for the edge sentence where that product is largest.
        """
        return self._score(i, a, j, b, with_cost=self.config.merge_cost > 0)

    def _score(self, i, a, j, b, with_cost: bool) -> tuple[Array, Array]:
        i, a, j, b = (np.asarray(x, dtype=np.int64) for x in (i, a, j, b))
        if len(i) == 0:
            return np.zeros(0), np.zeros(0)
        factor = self.length.factor(i, a, j, b)
        if self.clauses is not None:
            factor = factor * self.clauses.factor(i, a, j, b)
        with_cost = with_cost and bool(((a > 1) | (b > 1)).any())
        bead = (i, a, j, b)                 # as given: the length model's order
        if self.swapped:
            i, a, j, b = j, b, i, a
        if with_cost:
            cz, wz, mz = self._side_cover(self.zh, self.zh_matches, i, a, j, b, members=True)
            ce, we, me = self._side_cover(self.en, self.en_matches, j, b, i, a, members=True)
        else:
            cz, wz = self._side_cover(self.zh, self.zh_matches, i, a, j, b)
            ce, we = self._side_cover(self.en, self.en_matches, j, b, i, a)
        alpha = self.config.smoothing
        pz = np.maximum(cz, 0.0) / (wz + alpha)     # cumulative sums can leave -1e-17
        pe = np.maximum(ce, 0.0) / (we + alpha)
        sim = 2.0 * pz * pe / (pz + pe + 1e-9)
        mix = self.config.length_mix
        similarity = ((1.0 - mix) * sim + mix) * factor
        if not with_cost:
            return similarity, np.zeros(len(i))
        covers = (mz, me, cz, wz, ce, we)
        runs = _shape_runs(a, b)
        if runs is None:
            weak = self._weak_edge(bead, covers, a, b, slice(None))
        else:   # runs of one shape: only where a group has two sentences or more, on slices
            weak = np.zeros(len(i))
            for s, e in runs:
                if a[s] >= 2 or b[s] >= 2:
                    weak[s:e] = self._weak_edge(bead, covers, a, b, slice(s, e),
                                                zh_group=a[s] >= 2, en_group=b[s] >= 2)
        return similarity, self.config.merge_cost * weak

    def _weak_edge(self, bead: tuple[Array, Array, Array, Array], covers: tuple,
                   a: Array, b: Array, part: slice, zh_group: bool = True,
                   en_group: bool = True) -> Array:
        """How little the weaker edge sentence of either group adds, for the beads ``part``
        (``a``, ``b``: the Chinese and English group sizes); a side whose group is known to be
        one sentence (``zh_group``/``en_group`` false) adds nothing and is not computed."""
        mz, me, cz, wz, ce, we = covers
        source, target = (en_group, zh_group) if self.swapped else (zh_group, en_group)
        src_len, tgt_len = self.length.edge_gains(*(x[part] for x in bead), source=source,
                                                  target=target)
        zh_len, en_len = (tgt_len, src_len) if self.swapped else (src_len, tgt_len)
        idle = []                       # a side's gains are there when its group was asked for
        if zh_len is not None:
            idle.append(self._idle_edge(mz, me, ce, we, a, zh_len, part))
        if en_len is not None:
            idle.append(self._idle_edge(me, mz, cz, wz, b, en_len, part))
        return idle[0] if len(idle) == 1 else np.maximum(idle[0], idle[1])

    def _idle_edge(self, mine: MemberCover, other: MemberCover, other_c: Array,
                   other_w: Array, size: Array, length_gain: tuple[Array, Array],
                   part: slice = slice(None)) -> Array:
        """How little the weaker edge sentence of each group (``size`` >= 2) adds, in [0, 1],
        for the beads ``part`` (``length_gain`` is of those beads alone)."""
        cfg = self.config
        alpha = cfg.smoothing
        low, high = cfg.merge_length
        size, other_c, other_w = size[part], other_c[part], other_w[part]
        worst = np.zeros(len(size))
        for own, weight, without, ratio_gain in (
                (mine.own_first, mine.weight_first, other.without_first, length_gain[0]),
                (mine.own_last, mine.weight_last, other.without_last, length_gain[1])):
            share = np.maximum(own[part], 0.0) / (weight[part] + alpha)
            gain = np.maximum(other_c - without[part], 0.0) / (other_w + alpha)
            lexical = np.maximum(0.0, 1.0 - np.maximum(share / cfg.merge_own,
                                                       gain / cfg.merge_gain))
            length = np.clip((high - ratio_gain) / (high - low), 0.0, 1.0)
            worst = np.maximum(worst, lexical * length)
        return np.where(size >= 2, worst, 0.0)

    def _side_cover(self, side: Side, matches: Matches, i, a, j, b, members: bool = False):
        """Covered and total weight of groups [i, i+a) of ``side`` by [j, j+b) of the other.

        With ``members``, also a :class:`MemberCover`: the covered weight of the group by the
        other group without its first / last sentence, and of the group's own first / last
        sentence by the whole other group (what each edge sentence of a merge contributes).
        """
        runs = _shape_runs(a, b)
        if runs is not None:
            return self._side_cover_runs(side, matches, i, a, j, b, members, runs)
        first = int(i.min())
        rows_n = int((i + a).max()) - first
        max_a = int(a.max())
        max_b = int(b.max())
        lo = np.full(rows_n, np.iinfo(np.int64).max, dtype=np.int64)
        hi = np.full(rows_n, -1, dtype=np.int64)
        local = i - first
        reach = 2 if members else 1          # the group without its first sentence starts at j+1
        for k in range(max_a):
            sel = a > k
            np.minimum.at(lo, local[sel] + k, j[sel])
            np.maximum.at(hi, local[sel] + k, j[sel] + reach)
        cover = _window_cover(side, matches, first, lo, hi, max_b)
        total_c = np.zeros(len(i))
        total_w = np.zeros(len(i))
        if members:
            multi = b >= 2                       # groups of the other side that can lose one
            drop_first = np.zeros(len(i))
            drop_last = np.zeros(len(i))
        for k in range(max_a):
            sel = np.flatnonzero(a > k)
            rows = local[sel] + k
            cols = j[sel] - lo[rows]
            total_c[sel] += cover[rows, cols, b[sel] - 1]
            total_w[sel] += side.weight[rows + first]
            if members:
                part = multi[sel]
                sel, rows, cols = sel[part], rows[part], cols[part]
                smaller = b[sel] - 2
                drop_first[sel] += cover[rows, cols + 1, smaller]
                drop_last[sel] += cover[rows, cols, smaller]
        if not members:
            return total_c, total_w
        last = local + a - 1
        own_first = cover[local, j - lo[local], b - 1]
        own_last = cover[last, j - lo[last], b - 1]
        single = ~multi
        drop_first[single] = total_c[single]
        drop_last[single] = total_c[single]
        return total_c, total_w, MemberCover(drop_first, drop_last, own_first,
                                             side.weight[local + first], own_last,
                                             side.weight[last + first])

    def _side_cover_runs(self, side: Side, matches: Matches, i, a, j, b, members: bool,
                         runs: list[tuple[int, int]]):
        """:meth:`_side_cover` of beads that come in runs of one shape (as the lattice asks for
        them, one bead type after the other): the same sums in the same order, over slices of
        each run instead of selections of the beads whose group reaches each sentence."""
        first = int(i.min())
        rows_n = int((i + a).max()) - first
        max_b = int(b.max())
        local = i - first
        reach = 2 if members else 1          # the group without its first sentence starts at j+1
        # the other side's columns each sentence is covered from: per group size, the least
        # and greatest start of the groups starting at each sentence, then spread over the group
        shapes = [(int(a[s]), int(b[s]), s, e) for s, e in runs]
        lo = np.full(rows_n, np.iinfo(np.int64).max, dtype=np.int64)
        hi = np.full(rows_n, -1, dtype=np.int64)
        for size in sorted({shape[0] for shape in shapes}):
            size_lo = np.full(rows_n, np.iinfo(np.int64).max, dtype=np.int64)
            size_hi = np.full(rows_n, -1, dtype=np.int64)
            for _, _, s, e in (shape for shape in shapes if shape[0] == size):
                np.minimum.at(size_lo, local[s:e], j[s:e])
                np.maximum.at(size_hi, local[s:e], j[s:e] + reach)
            for k in range(size):
                np.minimum(lo[k:], size_lo[:rows_n - k], out=lo[k:])
                np.maximum(hi[k:], size_hi[:rows_n - k], out=hi[k:])
        cover = _window_cover(side, matches, first, lo, hi, max_b)
        # cell (row, col, size) of the flat coverage is at (row * width + col) * sizes + size
        flat = np.ascontiguousarray(cover).reshape(-1)
        width, sizes = cover.shape[1], cover.shape[2]
        total_c = np.zeros(len(i))
        total_w = np.zeros(len(i))
        drop_first = np.zeros(len(i))
        drop_last = np.zeros(len(i))
        own_first = np.zeros(len(i))
        own_last = np.zeros(len(i))
        weight_first = np.zeros(len(i))
        weight_last = np.zeros(len(i))
        weight = side.weight[first:]
        for size, other, s, e in shapes:
            starts, cols = local[s:e], j[s:e]
            for k in range(size):
                rows = starts + k
                at = (rows * width + (cols - lo[rows])) * sizes
                got = flat.take(at + (other - 1))
                total_c[s:e] += got
                own = weight.take(rows)
                total_w[s:e] += own
                if not members:
                    continue
                if k == 0:
                    own_first[s:e] = got
                    weight_first[s:e] = own
                if k == size - 1:
                    own_last[s:e] = got
                    weight_last[s:e] = own
                if other >= 2:                   # a group of the other side that can lose one
                    drop_first[s:e] += flat.take(at + (sizes + other - 2))
                    drop_last[s:e] += flat.take(at + (other - 2))
            if members and other < 2:
                drop_first[s:e] = total_c[s:e]
                drop_last[s:e] = total_c[s:e]
        if not members:
            return total_c, total_w
        return total_c, total_w, MemberCover(drop_first, drop_last, own_first, weight_first,
                                             own_last, weight_last)

    # -- first-pass candidates ----------------------------------------------------------------
    def candidates(self, lo: Array, hi: Array, k: int) -> tuple[Array, Array, Array]:
        """The ``k`` best target sentences of each source sentence in [lo, hi), by rare words."""
        if self.swapped:
            zh_lo, zh_hi = _transpose_band(lo, hi, self.zh.n)
            en_lo, en_hi = lo, hi
        else:
            zh_lo, zh_hi = lo, hi
            en_lo, en_hi = _transpose_band(lo, hi, self.en.n)
        parts = []
        for side, matches, slo, shi, _other_n, to_zh_en in (
                (self.zh, self.zh_matches, zh_lo, zh_hi, self.en.n, False),
                (self.en, self.en_matches, en_lo, en_hi, self.zh.n, True)):
            s, p, w = pair_coverage(matches, side.tok_sent, side.tok_type, side.tok_weight,
                                    slo, shi, self.config.anchor_matches)
            w = w / (side.weight[s] + self.config.smoothing)
            zh_i, en_j = (p, s) if to_zh_en else (s, p)
            parts.append((zh_i, en_j, w))
        zh_i = np.concatenate([x[0] for x in parts])
        en_j = np.concatenate([x[1] for x in parts])
        w = np.concatenate([x[2] for x in parts])
        src, tgt = (en_j, zh_i) if self.swapped else (zh_i, en_j)
        inside = (tgt >= lo[src]) & (tgt < hi[src]) if len(src) else np.zeros(0, bool)
        src, tgt, w = src[inside], tgt[inside], w[inside]
        stride = (self.zh.n if self.swapped else self.en.n) + 1
        keys, inverse = unique_inverse(src * stride + tgt)
        w = np.bincount(inverse, weights=w) / 2.0
        src, tgt = keys // stride, keys % stride
        w = w * self.length.factor(src, np.ones_like(src), tgt, np.ones_like(tgt))
        return top_k(src, tgt, w, k)


def _transpose_band(lo: Array, hi: Array, n_other: int) -> tuple[Array, Array]:
    """For a band given per source row, the band per target column."""
    n = len(lo)
    # lo and hi are non-decreasing: column p is inside rows whose lo <= p < hi
    first = np.searchsorted(hi, np.arange(n_other), side="right")  # first row with hi > p
    last = np.searchsorted(lo, np.arange(n_other), side="right")   # rows with lo <= p
    t_lo = np.minimum(first, n).astype(np.int64)
    return t_lo, np.maximum(last, t_lo).astype(np.int64)

def _window_cover(side: Side, matches: Matches, first: int, lo: Array, hi: Array,
                  max_b: int) -> Array:
    """:func:`group_coverage` of the sentences ``first ..`` of ``side`` (``lo``/``hi`` per
    sentence from ``first``; a sentence no group reaches has ``hi`` -1, and gets none)."""
    unused = hi < 0
    lo[unused] = 0
    hi[unused] = 0
    start, stop = np.searchsorted(side.tok_sent, [first, first + len(lo)])
    return group_coverage(matches, side.tok_sent[start:stop] - first, side.tok_type[start:stop],
                          side.tok_weight[start:stop], lo, hi, max_b)


#: most runs of one bead shape for which :meth:`LexicalPrepared._side_cover` takes slices
MAX_SHAPE_RUNS = 64


def _shape_runs(a: Array, b: Array) -> list[tuple[int, int]] | None:
    """(start, stop) of the runs of beads of one shape (``a``, ``b``), or None when there are
    many (beads in no order) or a group is empty."""
    if len(a) == 0 or int(a.min()) < 1 or int(b.min()) < 1:
        return None
    change = np.flatnonzero((a[1:] != a[:-1]) | (b[1:] != b[:-1])) + 1
    if len(change) >= MAX_SHAPE_RUNS:
        return None
    bounds = [0, *change.tolist(), len(a)]
    return list(zip(bounds[:-1], bounds[1:]))
