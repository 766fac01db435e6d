"""What the number and date extractors share: Arabic numerals and spans."""
from __future__ import annotations

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

#: a mention found in folded text: (start, end, value, kind)
Found = tuple[int, int, float, str]


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``start:end`` overlaps one of ``spans``."""
    return any(start < e and s < end for s, e in spans)


def to_float(s: str) -> float:
    """The value of an Arabic numeral with thousands separators."""
    return float(s.replace(",", ""))


def lacks_all(text: str, lower: str, hints: tuple[str, ...]) -> bool:
    """True when ``text`` is ASCII and ``lower``, its lower case, holds none of ``hints``: then
    a case-insensitive pattern that needs one of them cannot match, and need not be run. (Beyond
    ASCII, case-insensitive matching equates letters that ``lower()`` leaves apart: ſ and s.)"""
    return text.isascii() and not any(hint in lower for hint in hints)
