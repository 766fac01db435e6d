"""A cheap test that a folded text may hold a number or a date: most sentences hold none, and
for them the extractors need not run.

The test is exact in one direction: when it says no, every extractor of the package finds
nothing (each of their patterns needs one of the characters or words tested here, as the guards
in front of them already require). It is only used on ASCII English text, where lower-casing
and the patterns' case-insensitive matching agree; Chinese text needs a digit or a numeral
character.
"""
from __future__ import annotations

import re

from align.numbers.chinese import _ZH_NUMERAL_CHARS
from align.numbers.dates import _MAY_HAVE_EN_MONTH
from align.numbers.english import (
    _DENOMINATOR_HINTS,
    _EN_NUMBER_WORDS,
    _NUMERATOR_HINTS,
)

#: Chinese: a numeral (digits, times, decades, dates and fractions all need one)
_ZH_NUMERAL = re.compile(rf"[\d{_ZH_NUMERAL_CHARS}]")
_DIGIT = re.compile(r"[0-9]")
#: English, in the lower case: o'clock, decades ("ies", "ties"), spans of years, fractions'
#: denominators
_EN_LOWER_HINTS = ("clock", "ies", "decade", "centen", "century", *_DENOMINATOR_HINTS)
#: ASCII characters other than a-z made spaces: the words left are those en_numbers' _LATIN_WORD
#: finds
_NOT_LATIN = str.maketrans({c: " " for c in range(128) if not 97 <= c <= 122})
#: what every date needs: a 1 or 2 (ISO dates start with the year), 月, or an English month
_DATE_HINT = re.compile(r"[12月]")


def may_have_mention(folded: str, lang: str) -> bool:
    """False only when :func:`align.numbers.extract_mentions` finds neither a number nor a date
    in ``folded`` (a text as :func:`align.normalize.fold_with_map` gives it) in ``lang``."""
    if lang == "zh":   # or an English month name: a date written in English
        return _ZH_NUMERAL.search(folded) is not None or _has_month(folded)
    if not folded.isascii() or _DIGIT.search(folded) or _has_month(folded):
        return True
    lower = folded.lower()
    if any(hint in lower for hint in _EN_LOWER_HINTS):
        return True
    # the number words among the text's words: en_numbers' own test
    if not _EN_NUMBER_WORDS.isdisjoint(lower.translate(_NOT_LATIN).split()):
        return True
    # "1 in 10", "one out of five": the numerator in words
    return ((" in " in folded or " out of " in folded)
            and any(hint in lower for hint in _NUMERATOR_HINTS))


def _has_month(folded: str) -> bool:
    return _MAY_HAVE_EN_MONTH.search(folded) is not None


def may_have_date(folded: str) -> bool:
    """False only when :func:`align.numbers.extract_dates` finds no date in ``folded`` (a text
    as :func:`align.normalize.fold_with_map` gives it), in either language."""
    return _DATE_HINT.search(folded) is not None or _has_month(folded)
