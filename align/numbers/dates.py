"""Dates in Chinese and English: full and partial dates, ISO dates, ranges and lists."""
from __future__ import annotations

import re
from collections.abc import Callable

from align.numbers.chinese import (
    _ZH_DIGIT_CHARS,
    _ZH_NUMERAL_CHARS,
    parse_chinese_numeral,
)

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_MONTH_RE = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
             r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
             r"Oct\.?|Nov\.?|Dec\.?)")
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>1\d{3}|2\d{3})"
_EN_DATES = [
    # January 10, 2022 / Jan. 10 / January 10th 2022
    re.compile(rf"\b{_MONTH_RE}\s+{_DAY_RE}(?![\d,]*\d)(?:,?\s+{_YEAR_RE})?(?![\w])"),
    # 10 January 2022 / 10th of January, 2022
    re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+{_YEAR_RE})?(?![\w])"),
    # January 2022
    re.compile(rf"\b{_MONTH_RE}\s+(?:of\s+)?{_YEAR_RE}\b"),
]
#: a month alone, after a word that makes it one: "in September", "last May" (= 9月, 5月);
#: only the month name is the date's span
_EN_MONTH_ALONE = re.compile(
    r"\b(?i:in|since|until|till|by|from|last|next|this|early|late|mid|of|during|before|after|"
    r"through|throughout|between|and|to|or)[ -]"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?![\w-])")
#: or a month's full name on its own ("the September meeting"), unless it is also a word or
#: a name (May, March) or begins a name ("April Ryan", "the October Revolution")
_EN_MONTH_NAME = re.compile(
    r"\b(?P<month>January|February|April|June|July|August|September|October|November|December)"
    r"(?![\w-])(?!\s+(?:[A-Z][a-z]|\d))")
#: a range of months, the year (if any) said once after the second: January-February 2023,
#: January to November; not when a day follows ("March to April 2" is a month and a date)
_EN_MONTH_RANGE = re.compile(
    rf"\b{_MONTH_RE.replace('(?P<month>', '(?P<first>')}\s*(?:-|to|through|until|till|and)\s*"
    rf"{_MONTH_RE}(?:,?\s+(?:of\s+)?{_YEAR_RE}\b|(?![\w])(?!\s*[0-3]?\d(?:st|nd|rd|th)?\b))")
#: the second day of a range or list after a date with a day: 1月10日至11日, 1月10日、11日;
#: January 10 to 12, 2022, Jan. 10-12
_ZH_NEXT_DAY = re.compile(
    rf"\s*(?:至|到|-|~|、|和|及|与)\s*(?P<day>[\d{_ZH_NUMERAL_CHARS}]{{1,3}})\s*[日号]")
_EN_NEXT_DAY = re.compile(
    r"\s*(?:-|to|and|through|until|till|&)\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![.,]?\d)"
    r"(?:,?\s+(?P<year>1\d{3}|2\d{3}))?(?![\w%])"
    r"(?!\s*(?:per\s?cent|percentage|thousand|million|billion|trillion)\b)")
#: the first day of a range before a date that starts with its day: 10-12 January, 10 and 11 May
_EN_FIRST_DAY = re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|to|and|&)\s*$")
#: every English month pattern above starts with one of these: a cheap test before them
_MAY_HAVE_EN_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_ANY_DIGIT = re.compile(r"\d")
_ZH_NUM = rf"[\d{_ZH_NUMERAL_CHARS}]"
_ZH_DATE = re.compile(
    rf"(?:(?P<year>\d{{4}}|[{_ZH_DIGIT_CHARS}]{{4}})\s*年\s*)?(?P<month>{_ZH_NUM}{{1,3}})\s*月"
    rf"(?:\s*(?P<day>{_ZH_NUM}{{1,3}})\s*[日号])?")
#: what joins the two ends of a range (dashes are folded to "-", full-width ~ to "~")
_ZH_RANGE_JOIN = r"\s*(?:至|到|-|~)\s*"
#: a month range whose first month has no 月 of its own: 1至2月, 2023年1-11月, 1—11月份 (both
#: months get the year); not a month with a day after it (that one is a date of its own)
_ZH_MONTH_RANGE = re.compile(
    rf"(?:(?P<year>\d{{4}}|[{_ZH_DIGIT_CHARS}]{{4}})\s*年\s*)?(?<![\d.{_ZH_NUMERAL_CHARS}])"
    rf"(?P<first>{_ZH_NUM}{{1,2}}){_ZH_RANGE_JOIN}(?P<month>{_ZH_NUM}{{1,2}})\s*月"
    rf"(?!\s*{_ZH_NUM}{{1,3}}\s*[日号])")
#: after a month without a day, a day range whose first day has no 日 of its own: 3月1至5日
_ZH_DAY_RANGE = re.compile(
    rf"\s*(?P<first>{_ZH_NUM}{{1,3}}){_ZH_RANGE_JOIN}(?P<day>{_ZH_NUM}{{1,3}})\s*[日号]")
_ISO_DATE = re.compile(r"(?=[12])(?<![\d.])(?P<year>1\d{3}|2\d{3})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})"
                       r"(?![\d])")


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    return ((month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)
            and (year is None or 1000 <= year <= 2999))


def _zh_int(s: str | None) -> int | None:
    if not s:
        return None
    s = s.strip()
    if s.isdigit():
        return int(s)
    value = parse_chinese_numeral(s)
    return int(value) if value is not None and value == int(value) else None


def folded_dates(folded: str) -> list[tuple[int, int, int | None, int | None, int | None]]:
    found: list[tuple[int, int, int | None, int | None, int | None]] = []

    def add(start: int, end: int, y: int | None, m: int | None, d: int | None) -> bool:
        if not _valid(y, m, d) or any(start < e and s < end for s, e, *_ in found):
            return False
        found.append((start, end, y, m, d))
        return True

    for m in _ISO_DATE.finditer(folded):
        add(m.start(), m.end(), int(m["year"]), int(m["month"]), int(m["day"]))
    for m in _ZH_MONTH_RANGE.finditer(folded) if "月" in folded else ():
        year = _zh_int(m["year"]) if m["year"] else None
        first, month = _zh_int(m["first"]), _zh_int(m["month"])
        if first is not None and month is not None and first < month and _valid(year, month, None):
            add(m.start(), m.end("first"), year, first, None)
            add(m.start("month"), m.end(), year, month, None)
    for m in _ZH_DATE.finditer(folded) if "月" in folded else ():
        month = _zh_int(m["month"])
        if month is None:
            continue
        year = _zh_int(m["year"]) if m["year"] else None
        day = _zh_int(m["day"])
        days = _ZH_DAY_RANGE.match(folded, m.end()) if day is None else None
        if days is not None:  # 3月1至5日: the 1st and the 5th of March
            first, last = _zh_int(days["first"]), _zh_int(days["day"])
            if first is not None and last is not None and first < last and _valid(year, month, last) \
                    and add(m.start(), days.end("first"), year, month, first):
                add(days.start("day"), days.end(), year, month, last)
                continue
        if add(m.start(), m.end(), year, month, day) and day is not None:
            end = m.end()
            while (nxt := _ZH_NEXT_DAY.match(folded, end)) and add(
                    nxt.start("day"), nxt.end(), year, month, _zh_int(nxt["day"])):
                end = nxt.end()  # 1月10日至11日: the 11th of January too
    if _MAY_HAVE_EN_MONTH.search(folded):
        _add_en_dates(folded, add)
    found.sort()
    return found


def _add_en_dates(folded: str, add: Callable[[int, int, int | None, int | None, int | None], bool]
                  ) -> None:
    """The English dates of ``folded`` (month names are capitalised: "may" is a verb)."""
    for m in _EN_MONTH_RANGE.finditer(folded):  # January-February 2023: both of 2023
        year = int(m["year"]) if m["year"] else None
        if add(*m.span("first"), year, _MONTHS[m["first"].rstrip(".").lower()], None):
            add(m.start("month"), m.end(), year, _MONTHS[m["month"].rstrip(".").lower()], None)
    for index, pattern in enumerate(_EN_DATES if _ANY_DIGIT.search(folded) else ()):
        for m in pattern.finditer(folded):  # each has a day or a year
            month = _MONTHS[m["month"].rstrip(".").lower()]
            day = int(m["day"]) if m.groupdict().get("day") else None
            year = int(m["year"]) if m["year"] else None
            if add(m.start(), m.end(), year, month, day) and day is not None:
                _add_en_range_day(folded, m, index, year, month, day, add)
    for pattern in (_EN_MONTH_ALONE, _EN_MONTH_NAME):  # after the fuller dates, which win overlaps
        for m in pattern.finditer(folded):
            add(*m.span("month"), None, _MONTHS[m["month"].rstrip(".").lower()], None)


def _add_en_range_day(folded: str, m: re.Match[str], index: int, year: int | None, month: int,
                      day: int, add: Callable[[int, int, int | None, int | None, int | None], bool]
                      ) -> None:
    """The other day of an English range around date ``m`` (found by ``_EN_DATES[index]``):
    "January 10 to 12, 2022" after it, "10-12 January" before it. Ranges run forward."""
    if index == 0 and year is None:
        nxt = _EN_NEXT_DAY.match(folded, m.end())
        if nxt and int(nxt["day"]) > day:
            add(nxt.start("day"), nxt.end(), int(nxt["year"]) if nxt["year"] else None, month,
                int(nxt["day"]))
    elif index == 1:
        before = _EN_FIRST_DAY.search(folded, max(0, m.start() - 12), m.start())
        if before and int(before["day"]) < day:
            add(*before.span("day"), year, month, int(before["day"]))


