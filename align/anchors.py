"""Anchor evidence shared by both languages: numbers, Latin words in Chinese, names, glossary terms.

Each anchor is a *key* string that can occur on both sides of a sentence pair: ``"#2022"`` for a
number (``"#m1"`` for January), ``"@apec"`` for a Latin word in Chinese text (matched with the
English word's key ``"apec"``), ``"~wei xiao bao"`` for a romanised Chinese name, ``"G3"`` for the
fourth glossary pair. The lexical scorer treats a key found on both sides as a translation.
Paragraphs and sentence kinds, the structural anchors, are used by :class:`align.aligner.Structure`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from align.lexicon import STOP_WORDS, Lexicon, english_key
from align.numbers import extract_mentions

#: a Latin word inside Chinese text (APEC, G20, COVID-19, Darren)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?\b|\b[A-Z]{2,}[a-z]*\b")


#: a full pinyin syllable (no bare "m", "r", "e" that would let any word parse as a name)
_PINYIN = re.compile(r"^(?:[bcdfghjklmnpqrstwxyz]h?[aeiouv][a-z]*|a[inore]g?|e[inr]g?|ou|ang|eng)$")


@dataclass(frozen=True, slots=True)
class Span:
    """An anchor key found at ``start:end`` of a sentence."""

    key: str
    start: int
    end: int


def number_keys(text: str, lang: str) -> list[Span]:
    """Numbers, percentages and date parts as ``#value`` keys (``#m1`` for January)."""
    out: list[Span] = []
    numbers, dates = extract_mentions(text, lang)
    for mention in numbers:
        value = mention.value
        if lang == "zh" and value == 1 and not any(c.isdigit() for c in mention.text):
            continue  # a 1 in characters (第一, 百分之一, 壹) is no anchor; a lone 一 is no number
        if value == int(value):
            key = f"#{int(value)}"
        else:
            key = f"#{value:g}"
        out.append(Span(key, mention.span[0], mention.span[1]))
    for date in dates:
        start, end = date.span
        if date.year is not None:
            out.append(Span(f"#{date.year}", start, end))
        if date.month is not None:
            out.append(Span(f"#m{date.month}", start, end))
        if date.day is not None:
            out.append(Span(f"#{date.day}", start, end))
    return out


def latin_words(text: str) -> list[Span]:
    """Latin-script words in Chinese text, keyed as the English matcher keys them (``@key``)."""
    out = []
    for match in LATIN_WORD.finditer(text):
        word = match.group().lower()
        if word in STOP_WORDS:
            continue
        if word.isalpha():
            out.append(Span("@" + english_key(word), match.start(), match.end()))
        else:
            out.append(Span("@" + word, match.start(), match.end()))
    return out


def glossary_spans(text: str, lang: str, anchors: Sequence[tuple[str, Sequence[str]]]) -> list[Span]:
    """Occurrences of glossary terms: the Chinese term or any of its English renderings."""
    out = []
    for index, (zh_term, renderings) in enumerate(anchors):
        terms = [zh_term] if lang == "zh" else list(renderings)
        for term in terms:
            if not term:
                continue
            if lang == "zh":
                start = text.find(term)
                while start >= 0:
                    out.append(Span(f"G{index}", start, start + len(term)))
                    start = text.find(term, start + len(term))
            else:
                pattern = r"(?<![A-Za-z])" + re.escape(term) + r"(?![A-Za-z])"
                for match in re.finditer(pattern, text, flags=re.IGNORECASE):
                    out.append(Span(f"G{index}", match.start(), match.end()))
    return out


_SYLLABLE_INDEX: tuple[dict[str, tuple[str, ...]], dict[str, set[str]], int] | None = None


def _syllable_index(readings: dict[str, tuple[str, ...]]) -> tuple[dict[str, set[str]], int]:
    """The characters read as each full pinyin syllable, and the longest syllable: made once
    for the lexicon's readings (14,000 characters; a worker's documents share it, read-only)."""
    global _SYLLABLE_INDEX
    if _SYLLABLE_INDEX is not None and _SYLLABLE_INDEX[0] is readings:
        return _SYLLABLE_INDEX[1:]
    syllables: dict[str, set[str]] = {}
    for char, sounds in readings.items():
        for syl in sounds:
            if _PINYIN.match(syl):
                syllables.setdefault(syl, set()).add(char)
    longest = max((len(s) for s in syllables), default=6)
    _SYLLABLE_INDEX = (readings, syllables, longest)
    return syllables, longest


class PinyinNames:
    """Romanised Chinese names in English text, found again in the Chinese text by reading.

    "Chen Qingyang" becomes the key ``~chen qing yang``; the Chinese side finds 陈清扬 because
    CC-CEDICT reads its characters chen, qing, yang. Only runs of capitalised words that split
    entirely into pinyin syllables, have at least two syllables and are not common English words
    are taken.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.chars_by_syllable, self.max_syl = _syllable_index(lexicon.readings)
        self._splits: dict[str, list[str] | None] = {}

    def split(self, word: str) -> list[str] | None:
        """Split a lower-case word into pinyin syllables (fewest syllables), or None."""
        n = len(word)
        best: list[list[str] | None] = [None] * (n + 1)
        best[n] = []
        for p in range(n - 1, -1, -1):
            for size in range(min(self.max_syl, n - p), 0, -1):
                piece = word[p:p + size]
                rest = best[p + size]
                if rest is not None and piece in self.chars_by_syllable:
                    current = best[p]
                    if current is None or len(rest) + 1 < len(current):
                        best[p] = [piece] + rest
        return best[0]

    def english_names(self, text: str, common: set[str]) -> list[Span]:
        """Runs of capitalised pinyin words in English text, as ``~syllables`` keys."""
        out: list[Span] = []
        run: list[tuple[list[str], int, int]] = []

        def flush() -> None:
            syllables = [s for parts, _, _ in run for s in parts]
            if len(syllables) >= 2:
                out.append(Span("~" + " ".join(syllables), run[0][1], run[-1][2]))
            run.clear()

        last_end = -1
        for match in _CAPITALISED.finditer(text):
            word = match.group().replace("-", "").lower()
            parts = None
            if word not in STOP_WORDS and word not in common:
                if word not in self._splits:    # a word's syllables, worked out once
                    self._splits[word] = self.split(word)
                parts = self._splits[word]
            if parts is None or (run and text[last_end:match.start()].strip() not in ("", "-")):
                flush()
            if parts is not None:
                run.append((parts, match.start(), match.end()))
                last_end = match.end()
        flush()
        return out

    def pattern(self, keys: Iterable[str]) -> NamePattern | None:
        """One regular expression finding any of the names ``keys`` in Chinese text (None when
        no name can be written with the lexicon's characters)."""
        branches = []
        names = []
        char_sets = []
        for key in sorted(keys, key=lambda k: (-len(k.split()), k)):
            classes = []
            sets = []
            for syl in key[1:].split():
                chars = self.chars_by_syllable.get(syl)
                if not chars:
                    break
                classes.append("[" + "".join(sorted(chars)) + "]")
                sets.append(frozenset(chars))
            else:
                branches.append(f"({''.join(classes)})")
                names.append(key)
                char_sets.append(tuple(sets))
        if not branches:
            return None
        return NamePattern("|".join(branches), names, tuple(char_sets))


@dataclass(frozen=True, slots=True)
class NamePattern:
    """Romanised names (``~chen qing yang``) as one regular expression over Chinese text, one
    group per name."""

    #: the regular expression's text (compiled on first use: :meth:`find_all` of a whole
    #: document does without it, and compiling the names of a book takes 0.04 s)
    source: str
    names: list[str]
    #: the characters each syllable of each name may be written with (the regex's classes)
    char_sets: tuple[tuple[frozenset[str], ...], ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled expression (:mod:`re` keeps it for the next call)."""
        return re.compile(self.source)

    def find(self, text: str) -> list[Span]:
        """The names written in ``text``."""
        return [Span(self.names[(m.lastindex or 0) - 1], m.start(), m.end())
                for m in self.regex.finditer(text)]

    def find_all(self, texts: Sequence[str]) -> list[list[Span]]:
        """``find`` of every text, the same spans, for a whole document at once: each name is
        looked for in all texts by numpy over their code points (the regex tries every name at
        every character), then overlapping matches are resolved as the regex does (leftmost
        first, the earlier name at one position)."""
        if not self.char_sets:
            return [self.find(text) for text in texts]
        joined = "\0".join(texts)              # NUL is in no class: no match crosses a text
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        size = len(codes)
        table_size = 1 + max(ord(c) for sets in self.char_sets for chars in sets for c in chars)
        codes = np.where(codes < table_size, codes, 0)
        member: dict[frozenset[str], np.ndarray] = {}
        hits: list[tuple[np.ndarray, int]] = []
        for branch, sets in enumerate(self.char_sets):
            ok = np.ones(max(size - len(sets) + 1, 0), dtype=bool)
            for offset, chars in enumerate(sets):
                inside = member.get(chars)
                if inside is None:
                    table = np.zeros(table_size, dtype=bool)
                    table[[ord(c) for c in chars]] = True
                    table[0] = False
                    inside = member[chars] = table[codes]
                ok &= inside[offset:offset + len(ok)]
            hits.append((np.flatnonzero(ok), branch))
        starts = np.concatenate([np.zeros(1, np.int64)] +
                                [np.cumsum([len(t) + 1 for t in texts], dtype=np.int64)])
        out: list[list[Span]] = [[] for _ in texts]
        pos = np.concatenate([h[0] for h in hits])
        branch_of = np.concatenate([np.full(len(h[0]), h[1]) for h in hits])
        order = np.lexsort((branch_of, pos))
        free_from = -1
        for p, branch in zip(pos[order].tolist(), branch_of[order].tolist()):
            if p < free_from:
                continue                         # inside a match, or a later name at p
            end = p + len(self.char_sets[branch])
            text_no = int(np.searchsorted(starts, p, side="right")) - 1
            base = int(starts[text_no])
            out[text_no].append(Span(self.names[branch], p - base, end - base))
            free_from = end
        return out
