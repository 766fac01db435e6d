"""Fuzzy-match scores as translators know them: token edit distance with placeables.

A segment is cut into tokens — Chinese characters one by one, Latin words and numbers whole,
each punctuation mark alone — and two segments score ``1 - distance / max(len)`` (rapidfuzz's
normalised Levenshtein similarity over the token lists). Numbers and dates
(:mod:`align.numbers`) are placeables: each becomes one stand-in token before scoring, so a
sentence that differs only in a number still scores highly, and every placeable that differs
costs :data:`PLACEABLE_PENALTY` and is listed in the match. 1.0 is kept for the same text.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from align.numbers import extract_mentions

PLACEABLE_PENALTY = 0.01   # per number or date that differs between query and match
CASE_PENALTY = 0.01        # same tokens, other case or spacing
PLACEABLE = "\x00#"        # the token a number or date stands as

_CJK = "\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W\d_{_CJK}]+(?:['’][^\W\d_{_CJK}]+)*|\d+(?:[.,:]\d+)*|\S",
                    re.UNICODE)
_DIGITS = re.compile(r"\d+(?:[.,:]\d+)*")


def tokens(text: str) -> list[str]:
    """The tokens of ``text``, case folded: a CJK character alone, a Latin word or a number
    whole, each other non-space character alone."""
    return _TOKEN.findall(text.casefold())


def quick_tokens(text: str) -> list[str]:
    """:func:`tokens` with digit runs as placeables: the cheap form used to rank many
    candidates (Chinese numerals and dates in words wait for :func:`score`)."""
    return tokens(_DIGITS.sub("\x00", text).replace("\x00", " 0 "))


def quick_score(query: list[str], candidate: list[str]) -> float:
    """Token similarity of two :func:`quick_tokens` lists."""
    return Levenshtein.normalized_similarity(query, candidate)


@dataclass(frozen=True, slots=True)
class Placeables:
    """A text's tokens with numbers and dates as stand-ins, and those numbers and dates."""

    tokens: list[str]
    values: list[str]


def placeables(text: str, lang: str) -> Placeables:
    """``text`` as tokens, each number and date of :func:`align.numbers.extract_mentions` one
    :data:`PLACEABLE` token; the mentions' own text, in order."""
    numbers, dates = extract_mentions(text, lang)
    spans = sorted([(m.span, m.text) for m in numbers] + [(d.span, d.text) for d in dates])
    out: list[str] = []
    values: list[str] = []
    at = 0
    for (start, end), value in spans:
        if start < at:
            continue
        out += quick_tokens(text[at:start])
        out.append(PLACEABLE)
        values.append(value)
        at = end
    out += quick_tokens(text[at:])
    return Placeables(out, values)


def size(text: str, lang: str) -> int:
    """How many tokens :func:`score` compares ``text`` as (its :func:`placeables` tokens): the
    length the store keeps beside each segment."""
    return len(placeables(text, lang).tokens)


def length_bounds(length: int, min_score: float) -> tuple[int, int]:
    """The sizes a segment may have and still score ``min_score`` against one of ``length``
    tokens: a score is at most ``min(a, b) / max(a, b)`` of the two sizes (every token one
    has beyond the other is an edit)."""
    if min_score <= 0:
        return 0, 1 << 62
    return math.ceil(length * min_score - 1e-9), math.floor(length / min_score + 1e-9)


@dataclass(frozen=True, slots=True)
class Score:
    """A match's score (0–1) and the numbers or dates it has where the query has others."""

    value: float
    differences: list[tuple[str, str]]


def score(query: str, candidate: str, lang: str,
          query_placeables: Placeables | None = None) -> Score:
    """How well ``candidate`` matches ``query`` (both in ``lang``): 1.0 for the same text."""
    if query == candidate:
        return Score(1.0, [])
    q = query_placeables or placeables(query, lang)
    c = placeables(candidate, lang)
    similarity = Levenshtein.normalized_similarity(q.tokens, c.tokens)
    differences = [(a, b) for a, b in zip(q.values, c.values) if a != b]
    differences += [(a, "") for a in q.values[len(c.values):]]
    differences += [("", b) for b in c.values[len(q.values):]]
    penalty = PLACEABLE_PENALTY * len(differences)
    if similarity == 1.0 and not differences:
        penalty = CASE_PENALTY  # same words, other case, width or spacing
    return Score(round(max(0.0, similarity - penalty), 4), differences)
