"""The tokens of both documents for the lexical scorer: Chinese dictionary words and English
stems, numbers, names and glossary terms as keys, and which sentences of the other side hold
each key."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from align.anchors import PinyinNames, Span, glossary_spans, latin_words, number_keys
from align.coverage import Matches, first_index, run_offsets, unique
from align.language import HAN_RUN
from align.lexicon import STOP_WORDS, Lexicon, english_key
from align.model import Document

ZH_STOP = frozenset("""的 了 着 过 是 在 有 和 与 及 或 也 都 就 又 还 而 之 其 所 被 把 对 将 为 以 于 从 向
给 让 这 那 此 该 个 们 吗 呢 吧 啊 呀 么 等 则 但 并 且 即 便 再 才 已 已经 着 地 得 很 更 最 不 没 没有
要 会 能 可 可以 来 去 上 下 中 里 说 道 这个 那个 这样 那样 一个 一 我 你 他 她 它 我们 你们 他们 她们
自己 什么 怎么 这些 那些 因为 所以 如果 但是 而且 虽然 然后 以及 或者 还是 就是 只是 不是""".split())

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
        """The side's tokens, each type once per sentence (see :func:`once_per_sentence`)."""
        tok_sent, tok_type = once_per_sentence(np.array(self.sent, dtype=np.int64),
                                               np.array(self.type, dtype=np.int64))
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


def once_per_sentence(tok_sent: np.ndarray, tok_type: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The tokens with each type kept once per sentence (the first time, in order).

    A word said again in one sentence is no second piece of evidence: its translation is
    usually said once, or taken up by a pronoun ("这条道路 ... 这条道路" is "this path ... it"),
    so counting every occurrence lets one matched word cover much of a sentence (一切 four
    times in one sentence, each covered by one English "every").
    """
    if len(tok_sent) < 2:
        return tok_sent, tok_type
    stride = int(tok_type.max()) + 1
    _, first = np.unique(tok_sent * stride + tok_type, return_index=True)
    keep = np.sort(first)
    return tok_sent[keep], tok_type[keep]


#: sentence punctuation both languages keep (after NFKC folding): a question stays a question,
#: an exclamation an exclamation (quotes, ellipses and dashes were tried: no gain, BENCHMARKS.md)
PUNCTUATION = {"?": "?question", "!": "?exclamation"}


def punctuation_keys(text: str) -> list[str]:
    """One key per kind of sentence punctuation the (folded) text holds."""
    return [key for mark, key in PUNCTUATION.items() if mark in text]


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
    texts = [_fold(sentence.text) for sentence in doc.sentences]
    found_names = names_pattern.find_all(texts) if names_pattern is not None else None
    segmented: dict[str, list[str]] = {}    # a run of characters is often met again
    for s, text in enumerate(texts):
        spans = number_keys(text, "zh")
        if found_names is not None:
            spans += found_names[s]
        latin = latin_words(text)
        terms = glossary_spans(text, "zh", anchors)
        keys = [span.key for span in spans + terms] + [span.key[1:] for span in latin]
        keys += punctuation_keys(text)
        # a glossary term adds its key and keeps its words; numbers and names replace theirs
        mask = _covered(len(text), spans + latin) if spans or latin else None
        words: list[str] = []
        for run in HAN_RUN.finditer(text):
            if mask is None or not any(mask[run.start():run.end()]):
                pieces = [run.group()]
            else:
                pieces = "".join(c if not mask[run.start() + k] else " "
                                 for k, c in enumerate(run.group())).split()
            for piece in pieces:
                kept = segmented.get(piece)
                if kept is None:
                    kept = segmented[piece] = [w for w in lexicon.segment(piece)
                                               if w not in ZH_STOP]
                words.extend(kept)
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
        for key in punctuation_keys(text):
            builder.add_key(s, key, keys)
        # words of a name or a number count once, as the anchor; a glossary term keeps its words
        mask = _covered(len(text), spans) if spans else None
        words = (_EN_WORD.findall(text) if mask is None
                 else [m.group() for m in _EN_WORD.finditer(text) if not mask[m.start()]])
        for word in words:
            t = word_types.get(word)
            if t is None:
                lower = word.lower()
                if lower in STOP_WORDS or len(lower) < 2:
                    t = -1
                else:
                    key = english_key(lower)
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


def key_postings(side: Side) -> Postings:
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


def type_matches(side: Side, other: Postings, n_other: int) -> Matches:
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
