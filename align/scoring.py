"""How similar a group of source sentences is to a group of target sentences.

Any scorer follows :class:`Scorer`: ``prepare(source, target, max_group)`` looks at both documents
once and returns a :class:`PreparedScorer` whose ``score(i, a, j, b)`` rates many candidate beads
at once (source sentences ``i .. i+a-1`` against target sentences ``j .. j+b-1``, numpy arrays of
equal length) with a similarity in [0, 1]. A scorer may also offer ``candidates(lo, hi, k)`` for the
first, coarse pass of the search (the ``k`` best target sentences of each source sentence ``i``
within ``[lo[i], hi[i])``); without it the search computes 1-1 scores itself. It may also offer
``refine(beads)``, returning a better-informed copy (or None) after a first alignment: the lexical
scorer learns a document-specific lexicon there, and the search runs again with the copy. And it
may offer ``score_and_cost(i, a, j, b)``, the similarity with a *merge cost* beside it: the search
maximises their difference, while confidences use the similarity alone.

:class:`LexicalScorer` is the default: IDF-weighted CC-CEDICT coverage in both directions, with
numbers, Latin words, romanised names and glossary terms as anchors, scaled by a length model; its
merge cost keeps a sentence that the other side leaves out from being glued onto a neighbouring
bead when it adds neither words nor a better length ratio to it.
:class:`EmbeddingScorer` wraps any sentence encoder (see :mod:`align.embed` for USE), and
:class:`HybridScorer` mixes two scorers.
"""
from __future__ import annotations

import copy
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from align.anchors import PinyinNames, Span, glossary_spans, latin_words, number_keys
from align.coverage import (Matches, first_index, group_coverage, pair_coverage, run_offsets,
                            unique, unique_inverse)
from align.lexicon import STOP_WORDS, Lexicon, load_lexicon, stem
from align import SCORERS
from align.model import Bead, Document, sentence_separator

Array = np.ndarray


class PreparedScorer(Protocol):
    """A scorer bound to one pair of documents."""

    def score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        """Similarity in [0, 1] of source group [i, i+a) and target group [j, j+b), elementwise."""
        ...


@runtime_checkable
class Scorer(Protocol):
    """Anything that can rate candidate beads; implement it to plug in your own model."""

    name: str

    def prepare(self, source: Document, target: Document, max_group: int) -> PreparedScorer:
        """Read both documents once; ``max_group`` is the largest group size to be scored."""
        ...


# ---------------------------------------------------------------------------------------------
# the length model

def char_lengths(doc: Document) -> np.ndarray:
    """Characters per sentence, spaces left out (so Chinese and English compare by ratio)."""
    return np.array([len(s.text.replace(" ", "")) for s in doc.sentences], dtype=np.float64)


@dataclass(slots=True)
class LengthModel:
    """Character ratio learned from the document pair, turned into a factor in (0, 1]."""

    src_cum: np.ndarray
    tgt_cum: np.ndarray
    ratio: float
    power: float = 1.0
    smooth: float = 8.0

    @classmethod
    def fit(cls, source: Document, target: Document, power: float = 1.0) -> "LengthModel":
        src, tgt = char_lengths(source), char_lengths(target)
        ratio = (tgt.sum() + 1.0) / (src.sum() + 1.0)
        return cls(np.concatenate([[0.0], np.cumsum(src)]), np.concatenate([[0.0], np.cumsum(tgt)]),
                   float(ratio), power)

    def edge_gains(self, i: Array, a: Array, j: Array, b: Array
                   ) -> tuple[tuple[Array, Array], tuple[Array, Array]]:
        """How much each edge sentence improves the plain length ratio (power 1) of a bead:
        ratio with it / ratio without it, for the first and the last source sentence, then the
        first and the last target sentence (1.0 where that side has a single sentence)."""
        scale = math.sqrt(self.ratio)
        smooth = self.smooth
        sc, tc = self.src_cum, self.tgt_cum
        src = (sc[i + a] - sc[i]) * scale
        tgt = (tc[j + b] - tc[j]) / scale

        def plain(x: Array, y: Array) -> Array:
            return (np.minimum(x, y) + smooth) / (np.maximum(x, y) + smooth)

        full = plain(src, tgt)
        src_first = np.where(a > 1, full / plain(src - (sc[i + 1] - sc[i]) * scale, tgt), 1.0)
        src_last = np.where(a > 1, full / plain(src - (sc[i + a] - sc[i + a - 1]) * scale, tgt),
                            1.0)
        tgt_first = np.where(b > 1, full / plain(src, tgt - (tc[j + 1] - tc[j]) / scale), 1.0)
        tgt_last = np.where(b > 1, full / plain(src, tgt - (tc[j + b] - tc[j + b - 1]) / scale),
                            1.0)
        return (src_first, src_last), (tgt_first, tgt_last)

    def factor(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        # both lengths in the geometric mean of the two units, so either order gives one factor
        scale = math.sqrt(self.ratio)
        src = (self.src_cum[i + a] - self.src_cum[i]) * scale
        tgt = (self.tgt_cum[j + b] - self.tgt_cum[j]) / scale
        low, high = np.minimum(src, tgt), np.maximum(src, tgt)
        return ((low + self.smooth) / (high + self.smooth)) ** self.power


# ---------------------------------------------------------------------------------------------
# tokens of both documents

ZH_STOP = frozenset("""的 了 着 过 是 在 有 和 与 及 或 也 都 就 又 还 而 之 其 所 被 把 对 将 为 以 于 从 向
给 让 这 那 此 该 个 们 吗 呢 吧 啊 呀 么 等 则 但 并 且 即 便 再 才 已 已经 着 地 得 很 更 最 不 没 没有
要 会 能 可 可以 来 去 上 下 中 里 说 道 这个 那个 这样 那样 一个 一 我 你 他 她 它 我们 你们 他们 她们
自己 什么 怎么 这些 那些 因为 所以 如果 但是 而且 虽然 然后 以及 或者 还是 就是 只是 不是""".split())

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_EN_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


@dataclass(slots=True)
class Side:
    """The tokens of one document: sentence, type and weight of each, and each type's keys."""

    n: int
    tok_sent: np.ndarray
    tok_type: np.ndarray
    tok_weight: np.ndarray
    type_keys: list[tuple[int, ...]]
    weight: np.ndarray = field(default_factory=lambda: np.zeros(0))   # per sentence
    df: np.ndarray = field(default_factory=lambda: np.zeros(0))       # per type


class KeySpace:
    """Integer ids for English keys: the lexicon's, then document-local ones (numbers, names)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.index = lexicon.key_index
        self.extra: dict[str, int] = {}
        self.base = len(lexicon.keys)

    def id(self, key: str) -> int:
        found = self.index.get(key)
        if found is not None:
            return found
        found = self.extra.get(key)
        if found is None:
            found = self.base + len(self.extra)
            self.extra[key] = found
        return found


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _covered(length: int, spans: Sequence[Span]) -> list[bool]:
    mask = [False] * length
    for span in spans:
        for k in range(span.start, min(span.end, length)):
            mask[k] = True
    return mask


class _Builder:
    """Collects tokens (sentence, type) and each type's keys into a :class:`Side`."""

    def __init__(self) -> None:
        self.types: dict[str, int] = {}
        self.type_keys: list[tuple[int, ...]] = []
        self.sent: list[int] = []
        self.type: list[int] = []

    def type_id(self, name: str, keys: tuple[int, ...]) -> int:
        """Register a type with its keys (or -1 for a type without keys)."""
        if not keys:
            self.types[name] = -1
            return -1
        t = len(self.type_keys)
        self.types[name] = t
        self.type_keys.append(keys)
        return t

    def add_key(self, sent: int, key_name: str, keys: KeySpace) -> None:
        """A token whose only key is ``key_name`` (anchors, English words)."""
        t = self.types.get(key_name)
        if t is None:
            t = self.type_id(key_name, (keys.id(key_name),))
        self.sent.append(sent)
        self.type.append(t)

    def build(self, n: int) -> Side:
        tok_sent = np.array(self.sent, dtype=np.int64)
        tok_type = np.array(self.type, dtype=np.int64)
        n_types = len(self.type_keys)
        if len(tok_sent):
            pairs = unique(tok_type * max(n, 1) + tok_sent)
            df = np.bincount(pairs // max(n, 1), minlength=n_types).astype(np.float64)
        else:
            df = np.zeros(n_types)
        idf = np.log((n + 1.0) / (df + 0.5))
        idf = np.maximum(idf, 0.1)
        weight = idf[tok_type] if len(tok_type) else np.zeros(0)
        per_sent = np.bincount(tok_sent, weights=weight, minlength=n) if n else np.zeros(0)
        return Side(n, tok_sent, tok_type, weight, self.type_keys, per_sent, df)


@dataclass(slots=True)
class ChineseUnits:
    """The units of each Chinese sentence: anchor keys, and dictionary words (stop words out)."""

    anchors: list[list[str]]
    words: list[list[str]]


def chinese_units(doc: Document, lexicon: Lexicon, names: PinyinNames, name_keys: set[str],
                  anchors: Sequence[tuple[str, Sequence[str]]]) -> ChineseUnits:
    """Segment every sentence against CC-CEDICT, after taking out numbers, names and terms."""
    names_pattern = names.pattern(name_keys)
    all_anchors: list[list[str]] = []
    all_words: list[list[str]] = []
    for sentence in doc.sentences:
        text = _fold(sentence.text)
        spans = number_keys(text, "zh")
        if names_pattern is not None:
            spans += names_pattern.find(text)
        latin = latin_words(text)
        terms = glossary_spans(text, "zh", anchors)
        keys = [span.key for span in spans + terms] + [span.key[1:] for span in latin]
        # a glossary term adds its key and keeps its words; numbers and names replace theirs
        mask = _covered(len(text), spans + latin) if spans or latin else None
        words = []
        for run in _HAN.finditer(text):
            if mask is None or not any(mask[run.start():run.end()]):
                pieces = [run.group()]
            else:
                pieces = "".join(c if not mask[run.start() + k] else " "
                                 for k, c in enumerate(run.group())).split()
            for piece in pieces:
                words.extend(w for w in lexicon.segment(piece) if w not in ZH_STOP)
        all_anchors.append(keys)
        all_words.append(words)
    return ChineseUnits(all_anchors, all_words)


def chinese_side(units: ChineseUnits, lexicon: Lexicon, keys: KeySpace,
                 learned: dict[str, set[int]] | None = None) -> Side:
    """Tokens of the Chinese side: anchors, and words with dictionary (and learned) keys."""
    builder = _Builder()
    entries = lexicon.entries
    types = builder.types
    learned = learned or {}
    for s, (anchor_keys, words) in enumerate(zip(units.anchors, units.words)):
        for key in anchor_keys:
            builder.add_key(s, key, keys)
        for word in words:
            t = types.get(word)
            if t is None:
                found = entries.get(word, ())
                extra = learned.get(word)
                if extra:
                    found = tuple(sorted(set(found) | extra))
                t = builder.type_id(word, found)
            if t >= 0:
                builder.sent.append(s)
                builder.type.append(t)
    return builder.build(len(units.words))


def tokenize_english(doc: Document, keys: KeySpace, names: PinyinNames, common: set[str],
                     anchors: Sequence[tuple[str, Sequence[str]]]) -> tuple[Side, set[str]]:
    """English content words (stemmed) and anchors of every sentence; also the names found."""
    builder = _Builder()
    found_names: set[str] = set()
    word_types: dict[str, int] = {}
    for s, sentence in enumerate(doc.sentences):
        text = _fold(sentence.text)
        spans = number_keys(text, "en")
        name_spans = names.english_names(text, common)
        found_names.update(span.key for span in name_spans)
        spans += name_spans
        for span in spans + glossary_spans(text, "en", anchors):
            builder.add_key(s, span.key, keys)
        # words of a name or a number count once, as the anchor; a glossary term keeps its words
        mask = _covered(len(text), spans) if spans else None
        for match in _EN_WORD.finditer(text):
            if mask is not None and mask[match.start()]:
                continue
            word = match.group()
            t = word_types.get(word)
            if t is None:
                lower = word.lower()
                if lower in STOP_WORDS or len(lower) < 2:
                    t = -1
                else:
                    key = stem(lower)
                    t = builder.types.get(key)
                    if t is None:
                        t = builder.type_id(key, (keys.id(key),))
                word_types[word] = t
            if t >= 0:
                builder.sent.append(s)
                builder.type.append(t)
    return builder.build(len(doc)), found_names


@dataclass(slots=True)
class Postings:
    """Key id -> sorted ids of the sentences with a token carrying that key (CSR arrays)."""

    keys: np.ndarray
    bounds: np.ndarray
    sents: np.ndarray


def _type_key_pairs(side: Side) -> tuple[np.ndarray, np.ndarray]:
    sizes = np.fromiter((len(k) for k in side.type_keys), dtype=np.int64,
                        count=len(side.type_keys))
    flat = np.fromiter((k for keys in side.type_keys for k in keys), dtype=np.int64,
                       count=int(sizes.sum()))
    return np.repeat(np.arange(len(sizes), dtype=np.int64), sizes), flat


def _postings(side: Side) -> Postings:
    """Which sentences of ``side`` hold each key."""
    pair_type, pair_key = _type_key_pairs(side)
    order = np.argsort(pair_type, kind="stable")
    starts = np.searchsorted(pair_type[order], np.arange(len(side.type_keys) + 1))
    per_tok = np.diff(starts)[side.tok_type] if len(side.tok_type) else np.zeros(0, np.int64)
    tok = np.repeat(np.arange(len(side.tok_type)), per_tok)
    key = pair_key[order][starts[side.tok_type[tok]] + run_offsets(per_tok)]
    stride = side.n + 1
    pairs = unique(key * stride + side.tok_sent[tok])
    keys_u, first = first_index(pairs // stride)
    return Postings(keys_u, np.append(first, len(pairs)), pairs % stride)


def _matches(side: Side, other: Postings, n_other: int) -> Matches:
    """For each type of ``side``: the other side's sentences holding one of its keys."""
    pair_type, pair_key = _type_key_pairs(side)
    where = np.searchsorted(other.keys, pair_key)
    where = np.minimum(where, max(len(other.keys) - 1, 0))
    found = (other.keys[where] == pair_key) if len(other.keys) else np.zeros(len(pair_key), bool)
    pair_type, where = pair_type[found], where[found]
    lo, hi = other.bounds[where], other.bounds[where + 1]
    counts = hi - lo
    rep_type = np.repeat(pair_type, counts)
    sents = other.sents[np.repeat(lo, counts) + run_offsets(counts)]
    stride = n_other + 1
    uniq = unique(rep_type * stride + sents)
    return Matches(uniq % stride, uniq, stride)


# ---------------------------------------------------------------------------------------------
# the lexical scorer

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
    length_power: float = 0.5     # exponent of the length factor
    length_mix: float = 0.05      # share of the score given by length alone
    anchor_matches: int = 16      # first pass: ignore words matching more sentences in the band
    learn: bool = True            # second pass with a lexicon learned from confident 1-1 beads
    learn_from: float = 0.7       # ... beads at least this confident
    learn_max_group: int = 1      # ... with at most this many sentences a side
    learn_threshold: float = 0.3  # ... links with Model 1 probability this high both ways
    learn_min_count: int = 2      # ... seen in at least this many beads
    learn_min_dice: float = 0.5   # ... with a Dice coefficient at least this
    learn_min_llr: float = 6.6    # ... and a log-likelihood ratio at least this (p < 0.01)
    learn_min_beads: int = 20     # ... and only when there are this many beads to learn from
    merge_cost: float = 0.3       # most a bead pays for an edge sentence that adds nothing
    merge_own: float = 0.4        # ... full credit when this share of its weight is covered
    merge_gain: float = 0.07      # ... or it raises the other group's coverage this much
    merge_length: tuple[float, float] = (0.6, 1.0)   # ... or the length ratio gains > 1.0

    def prepare(self, source: Document, target: Document, max_group: int) -> "LexicalPrepared":
        return LexicalPrepared(self, source, target, max_group)


class LexicalPrepared:
    """The lexical scorer bound to one document pair (either language order)."""

    def __init__(self, config: LexicalScorer, source: Document, target: Document,
                 max_group: int) -> None:
        self.config = config
        self.max_group = max_group
        self.length = LengthModel.fit(source, target, config.length_power)
        self.swapped = source.lang != "zh" and target.lang == "zh"
        zh_doc, en_doc = (target, source) if self.swapped else (source, target)
        lexicon = load_lexicon()
        keys = KeySpace(lexicon)
        names = PinyinNames(lexicon)
        self.bilingual = {zh_doc.lang, en_doc.lang} == {"zh", "en"}
        self.en, name_keys = tokenize_english(en_doc, keys, names, lexicon.common_words,
                                              config.anchors)
        self.units = chinese_units(zh_doc, lexicon, names, name_keys, config.anchors)
        self.lexicon, self.keys = lexicon, keys
        self.learned: dict[str, set[int]] = {}
        self.en_postings = _postings(self.en)
        self._index(chinese_side(self.units, lexicon, keys))

    def _index(self, zh: Side) -> None:
        """Take ``zh`` as the Chinese side and match both sides against each other."""
        self.zh = zh
        self.zh_matches = _matches(self.zh, self.en_postings, self.en.n)
        self.en_matches = _matches(self.en, _postings(self.zh), self.zh.n)

    # -- the learned lexicon ------------------------------------------------------------------
    def refine(self, beads: Sequence["Bead"]) -> "LexicalPrepared | None":
        """A copy scoring with links learned from the confident 1-1 ``beads`` (None if none)."""
        from align.learned import learn_links

        zh_words, en_keys = [], []
        en_tok_key = np.array([k[0] for k in self.en.type_keys], dtype=np.int64)
        bounds = np.searchsorted(self.en.tok_sent, np.arange(self.en.n + 1))
        largest = self.config.learn_max_group
        for bead in beads:
            if (not bead.src or not bead.tgt or len(bead.src) > largest
                    or len(bead.tgt) > largest or bead.confidence < self.config.learn_from):
                continue
            zs, es = (bead.tgt, bead.src) if self.swapped else (bead.src, bead.tgt)
            zh_words.append([w for z in zs for w in self.units.words[z]])
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
        if not new:
            return None
        other = copy.copy(self)
        other.learned = new
        other._index(chinese_side(self.units, self.lexicon, self.keys, new))
        return other

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
        with_cost = with_cost and bool(((a > 1) | (b > 1)).any())
        if with_cost:
            src_len, tgt_len = self.length.edge_gains(i, a, j, b)
        if self.swapped:
            i, a, j, b = j, b, i, a
            if with_cost:
                src_len, tgt_len = tgt_len, src_len
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
        weak = np.maximum(self._idle_edge(mz, me, ce, we, a, src_len),
                          self._idle_edge(me, mz, cz, wz, b, tgt_len))
        return similarity, self.config.merge_cost * weak

    def _idle_edge(self, mine: "MemberCover", other: "MemberCover", other_c: Array,
                   other_w: Array, size: Array, length_gain: tuple[Array, Array]) -> Array:
        """How little the weaker edge sentence of each group (``size`` >= 2) adds, in [0, 1]."""
        cfg = self.config
        alpha = cfg.smoothing
        low, high = cfg.merge_length
        worst = np.zeros(len(size))
        for own, weight, without, ratio_gain in (
                (mine.own_first, mine.weight_first, other.without_first, length_gain[0]),
                (mine.own_last, mine.weight_last, other.without_last, length_gain[1])):
            share = np.maximum(own, 0.0) / (weight + alpha)
            gain = np.maximum(other_c - without, 0.0) / (other_w + alpha)
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
        unused = hi < 0
        lo[unused] = 0
        hi[unused] = 0
        start, stop = np.searchsorted(side.tok_sent, [first, first + rows_n])
        cover = group_coverage(matches, side.tok_sent[start:stop] - first,
                               side.tok_type[start:stop], side.tok_weight[start:stop], lo, hi,
                               max_b)
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
        for side, matches, slo, shi, other_n, to_zh_en in (
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


def top_k(src: Array, tgt: Array, score: Array, k: int) -> tuple[Array, Array, Array]:
    """Keep the ``k`` highest-scoring targets of every source sentence."""
    if len(src) == 0:
        return src, tgt, score
    order = np.lexsort((-score, src))
    src, tgt, score = src[order], tgt[order], score[order]
    starts = np.searchsorted(src, src, side="left")
    rank = np.arange(len(src)) - starts
    keep = rank < k
    return src[keep], tgt[keep], score[keep]


# ---------------------------------------------------------------------------------------------
# embedding and hybrid scorers

@dataclass
class EmbeddingScorer:
    """Cosine similarity of sentence-group embeddings, as Bertalign scores beads.

    ``encode(texts) -> (N, dim)`` array of L2-normalised vectors; plug in any encoder, e.g.
    ``EmbeddingScorer(SentenceTransformer("LaBSE").encode, name="labse")``.
    """

    encode: Callable[[list[str]], np.ndarray]
    name: str = "embed"
    pool: str = "mean"            # "mean" of sentence vectors, or "concat": embed joined text
    length_power: float = 0.5
    length_mix: float = 0.0
    margin: float = 0.0           # subtract this times the mean similarity to neighbouring sentences

    def prepare(self, source: Document, target: Document, max_group: int) -> "EmbeddingPrepared":
        return EmbeddingPrepared(self, source, target, max_group)


def group_texts(doc: Document, size: int) -> list[str]:
    """The text of every group of ``size`` consecutive sentences (as the language joins them)."""
    sep = sentence_separator(doc.lang)
    texts = doc.texts
    return [sep.join(texts[k:k + size]) for k in range(len(texts) - size + 1)]


class EmbeddingPrepared:
    """Embeddings of every sentence group up to ``max_group`` sentences, computed once."""

    def __init__(self, config: EmbeddingScorer, source: Document, target: Document,
                 max_group: int) -> None:
        self.config = config
        self.length = LengthModel.fit(source, target, config.length_power)
        self.src = self._embed(config.encode, source, max_group, config.pool)
        self.tgt = self._embed(config.encode, target, max_group, config.pool)

    @staticmethod
    def _embed(encode, doc: Document, max_group: int, pool: str) -> list[np.ndarray]:
        out = []
        single = None
        for size in range(1, max_group + 1):
            if size > len(doc):
                out.append(np.zeros((0, 1), dtype=np.float32))
                continue
            if pool == "mean" and size > 1:
                cum = np.concatenate([np.zeros((1, single.shape[1]), np.float32),
                                      np.cumsum(single, axis=0)])
                vecs = cum[size:] - cum[:-size]
            else:
                vecs = np.asarray(encode(group_texts(doc, size)), dtype=np.float32)
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            vecs = vecs / np.maximum(norms, 1e-9)
            if size == 1:
                single = vecs
            out.append(vecs)
        return out

    def _cosine(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        sims = np.zeros(len(i))
        for size_a in np.unique(a):
            for size_b in np.unique(b[a == size_a]):
                sel = (a == size_a) & (b == size_b)
                u = self.src[size_a - 1][i[sel]]
                v = self.tgt[size_b - 1][j[sel]]
                sims[sel] = np.einsum("ij,ij->i", u, v)
        return sims

    def score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        i, a, j, b = (np.asarray(x, dtype=np.int64) for x in (i, a, j, b))
        sims = self._cosine(i, a, j, b)
        if self.config.margin:
            sims = sims - self.config.margin * self._neighbours(i, a, j, b)
        mix = self.config.length_mix
        return ((1.0 - mix) * np.clip(sims, 0.0, 1.0) + mix) * self.length.factor(i, a, j, b)

    def _neighbours(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        """Mean similarity of each group to the sentences just before and after its partner."""
        n, m = len(self.src[0]), len(self.tgt[0])
        total = np.zeros(len(i))
        count = np.zeros(len(i))
        one = np.ones_like(i)
        for ok, args in (((j - 1) >= 0, (i, a, j - 1, one)), ((j + b) < m, (i, a, j + b, one)),
                         ((i - 1) >= 0, (i - 1, one, j, b)), ((i + a) < n, (i + a, one, j, b))):
            if ok.any():
                total[ok] += self._cosine(*(x[ok] for x in args))
                count[ok] += 1
        return total / np.maximum(count, 1)


@dataclass
class HybridScorer:
    """A weighted mean of two scorers (lexical and embedding by default).

    The lexical merge cost is left out: the embedding sees links that the dictionary misses,
    and with the cost mac-dev fell from 0.895 to 0.886 (BENCHMARKS.md).
    """

    first: Scorer
    second: Scorer
    weight: float = 0.5
    name: str = "hybrid"

    def prepare(self, source: Document, target: Document, max_group: int) -> "HybridPrepared":
        return HybridPrepared(self.first.prepare(source, target, max_group),
                              self.second.prepare(source, target, max_group), self.weight)


class HybridPrepared:
    def __init__(self, first: PreparedScorer, second: PreparedScorer, weight: float) -> None:
        self.first, self.second, self.weight = first, second, weight
        if hasattr(first, "candidates"):
            self.candidates = self._candidates

    def _candidates(self, lo: Array, hi: Array, k: int) -> tuple[Array, Array, Array]:
        """The first scorer's sparse candidates (4k of them), ranked again by the mixed score."""
        i, j, _ = self.first.candidates(lo, hi, 4 * k)
        if len(i) == 0:
            return i, j, np.zeros(0)
        one = np.ones_like(i)
        return top_k(i, j, self.score(i, one, j, one), k)

    def score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        return (self.weight * self.first.score(i, a, j, b)
                + (1.0 - self.weight) * self.second.score(i, a, j, b))

    def refine(self, beads: Sequence[Bead]) -> "HybridPrepared | None":
        """Refine the parts that can learn from a first alignment (the lexical one)."""
        first = getattr(self.first, "refine", None)
        second = getattr(self.second, "refine", None)
        new_first = first(beads) if first is not None else None
        new_second = second(beads) if second is not None else None
        if new_first is None and new_second is None:
            return None
        return HybridPrepared(new_first or self.first, new_second or self.second, self.weight)


def make_scorer(scorer: str | Scorer, anchors: Sequence[tuple[str, Sequence[str]]] = ()) -> Scorer:
    """A scorer from its name (``lexical``, ``embed``, ``hybrid``) or the scorer itself."""
    if not isinstance(scorer, str):
        return scorer
    if scorer == "lexical":
        return LexicalScorer(anchors=anchors)
    if scorer in ("embed", "hybrid"):
        from align.embed import use_scorer
        embed = use_scorer()
        if scorer == "embed":
            return embed
        return HybridScorer(LexicalScorer(anchors=anchors), embed)
    raise ValueError(f"unknown scorer {scorer!r} (choose {', '.join(SCORERS)})")


__all__ = ["Scorer", "PreparedScorer", "LexicalScorer", "EmbeddingScorer", "HybridScorer",
           "LengthModel", "make_scorer", "top_k"]
