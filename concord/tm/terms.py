"""The index terms a lookup reads: a query's trigrams (Chinese) or words (English), and which of
them to read — the rarest, within a budget of rows.

Common terms (the trigram "的", the word "the") would touch most of the store and say nothing
about which rows are close, so a lookup reads the rows of the query's rarest terms only, as
many as :data:`ROW_BUDGET` rows allow (at least :data:`MIN_TERMS`, however common), and the
back end keeps the rows holding most of them. Terms holding a digit are left out: numbers are
placeables. A term the store has not counted yet counts as rare.
"""
from __future__ import annotations

import re

MAX_TERMS = 16       # terms read for one lookup, at most
MIN_TERMS = 3        # ... and at least, however common
ROW_BUDGET = 10_000  # rows read for one lookup (the rarest terms' rows), beyond MIN_TERMS

_WORD = re.compile(r"[^\W_]+")


def trigrams(text: str) -> dict[str, int]:
    """The distinct trigrams of ``text`` as the FTS5 trigram tokenizer folds them (without
    those holding a digit or only spaces), each with where it first starts."""
    folded = " ".join(text.lower().split())
    found: dict[str, int] = {}
    for i in range(len(folded) - 2):
        gram = folded[i:i + 3]
        if gram not in found and gram.strip() and not any(c.isdigit() for c in gram):
            found[gram] = i
    return found


def words(text: str) -> list[str]:
    """The distinct words of ``text``, lower-cased, in order, as full-text tokenizers split
    (an apostrophe or a hyphen separates), without those holding a digit (placeables)."""
    return list(dict.fromkeys(w for w in _WORD.findall(text.lower())
                              if not any(c.isdigit() for c in w)))


def choose(grams: dict[str, int], counts: dict[str, int]) -> list[str]:
    """The trigrams to read: rarest first, first those not overlapping one already chosen (a
    rare name alone would find only the units with that name), within the budgets."""
    ranked = sorted(grams, key=lambda g: (counts.get(g, 0), grams[g]))
    chosen: list[str] = []
    taken: set[int] = set()
    rows = 0
    for spread in (True, False):
        for gram in ranked:
            if len(chosen) >= MAX_TERMS:
                return chosen
            at = grams[gram]
            if gram in chosen or (spread and taken & {at - 2, at - 1, at, at + 1, at + 2}):
                continue
            if len(chosen) >= MIN_TERMS and rows + counts.get(gram, 0) > ROW_BUDGET:
                continue
            chosen.append(gram)
            taken.add(at)
            rows += counts.get(gram, 0)
    return chosen


def rarest(terms: list[str], counts: dict[str, int]) -> list[str]:
    """The words to read: rarest first (in the query's order among equals), within the
    budgets."""
    chosen: list[str] = []
    rows = 0
    for term in sorted(terms, key=lambda t: counts.get(t, 0)):
        if len(chosen) >= MAX_TERMS:
            break
        if len(chosen) >= MIN_TERMS and rows + counts.get(term, 0) > ROW_BUDGET:
            continue
        chosen.append(term)
        rows += counts.get(term, 0)
    return chosen
