"""The matching form of a segment, with a way back to spans of the original text.

This is :func:`align.normalize.fold_with_map` (width folding, quotes, dashes, spaces), made fast
for the common case: a character that folds to exactly one character is translated through a
table built from ``fold`` itself, so the folded text has the original's length and spans need no
map (each space character stays one space there: runs are not collapsed). Texts with characters
that fold to several or none (ligatures, combining marks, zero-width characters) take the full
``fold_with_map``. Chinese text is also put into Simplified characters (:mod:`terms.variants`)
and ASCII letters are lower-cased, both one-to-one.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from align.normalize import fold_with_map, one_to_one_table, original_span
from terms.variants import trad_to_simp_table


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text and how to get back to the original."""

    original: str
    text: str
    origin: list[int] | None  # None: same length, position k is original position k

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded characters ``start:end``."""
        if self.origin is None:
            return start, end
        return original_span(self.origin, self.original, start, end)


@lru_cache(maxsize=1)
def _chinese_table() -> dict[int, str]:
    """The one-to-one fold, then Traditional → Simplified, then A-Z → a-z, as one table."""
    table, _ = one_to_one_table()
    t2s = trad_to_simp_table()
    combined = {}
    for cp in {*table, *t2s, *range(ord("A"), ord("Z") + 1)}:
        ch = table.get(cp, chr(cp))
        ch = t2s.get(ord(ch), ch)
        combined[cp] = ch.lower() if "A" <= ch <= "Z" else ch
    return combined


def fold_text(text: str, chinese: bool = False) -> Folded:
    """The matching form of ``text``; ``chinese`` also maps Traditional to Simplified and A-Z to a-z."""
    table, complex_pattern = one_to_one_table()
    if chinese:
        if text.isascii() or not complex_pattern.search(text):
            return Folded(text, text.translate(_chinese_table()), None)
        folded, origin = fold_with_map(text)
        return Folded(text, folded.translate(_chinese_table()), origin)
    if text.isascii():  # only ASCII control characters fold (to a space)
        return Folded(text, text if text.isprintable() else text.translate(table), None)
    if not complex_pattern.search(text):
        return Folded(text, text.translate(table), None)
    folded, origin = fold_with_map(text)
    return Folded(text, folded, origin)


def fold_term(text: str, chinese: bool = False) -> str:
    """The matching form of a glossary term (same folding as :func:`fold_text`)."""
    return fold_text(text.strip(), chinese).text
