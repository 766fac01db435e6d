"""Numbers and dates in English and Chinese text, with their values and spans in the original text.

The aligner uses them as anchors and the checks compare them across a translation, so both
languages map to the same values: 三 / three / 3 → 3; 3万 / 30,000 / 30 thousand → 30000; 1.5亿 /
150 million → 150000000; 百分之三十 / 30% / 30 percent → 30 (kind "percent"); 第三 / third / 3rd →
3 (kind "ordinal"); 2022年 / in 2022 → 2022 (kind "year"); three days ago / 三天前 → 3.

Conventions (they keep the two sides comparable):

* a lone "one" / "一" (mostly an article or a pronoun: "一名男子" = "a man") is not reported, nor
  are numerals inside set words (一些, 统一, 千万 "by all means", 两岸 "cross-Strait", 十分 "very",
  idioms such as 千方百计) unless a number goes on through them (三千万, 二十分钟), approximations
  (三五天 "three or five days", 十七八个 "17 or 18", 数十, 上千), a lone 万 or 亿 (雅万高铁, 万隆),
  or financial numerals (陆, 伍, 肆, 拾 …) outside a number (大陆, 软着陆, 队伍, 收拾);
* 成 after a numeral is tenths: 三成 = 30 % (kind "percent");
* numbers that are part of a date (month, day and the date's year) are not numbers: the dates
  are reported by :func:`extract_dates` instead, so 2022年1月10日 and January 10, 2022 each give one
  date and no numbers, and 1月10日至11日 and January 10 to 11 each give two dates;
* numbers in names are not numbers: digits glued to Latin letters (G20, COVID-19, MH370,
  v2.0.1) and the groups 二十国集团 / the Group of Twenty.

The package: :mod:`~align.numbers.chinese` and :mod:`~align.numbers.english` find numbers,
:mod:`~align.numbers.forms` times, decades and spans of years, :mod:`~align.numbers.dates`
dates, each in the folded text; this module gives them spans in the
original text.
"""
from __future__ import annotations

from dataclasses import dataclass

from align.normalize import fold_with_map, original_span
from align.numbers.chinese import parse_chinese_numeral, zh_numbers
from align.numbers.dates import folded_dates
from align.numbers.english import en_numbers, parse_english_number
from align.numbers.forms import en_forms, zh_forms
from align.numbers.prefilter import may_have_date, may_have_mention

__all__ = [
    "DateMention",
    "NumberMention",
    "extract_dates",
    "extract_mentions",
    "extract_numbers",
    "parse_chinese_numeral",
    "parse_english_number",
]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number: its value, its kind ("cardinal", "percent", "ordinal", "year", "time" or
    "decade", see :mod:`align.numbers.forms`), and where it is (``span`` into the original text, whose characters there are ``text``)."""

    value: float
    kind: str
    span: tuple[int, int]
    text: str


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar date, possibly partial (January 10 has no year; January 2022 no day)."""

    year: int | None
    month: int | None
    day: int | None
    span: tuple[int, int]
    text: str



def extract_mentions(text: str, lang: str) -> tuple[list[NumberMention], list[DateMention]]:
    """The numbers and the dates of ``text`` in one pass (what :func:`extract_numbers` and
    :func:`extract_dates` give, for callers that want both)."""
    folded, origin = fold_with_map(text)
    if not may_have_mention(folded, lang):
        return [], []
    found_dates = folded_dates(folded)
    taken: list[tuple[int, int]] = [(s, e) for s, e, *_ in found_dates]
    if lang == "zh":
        found = zh_forms(folded, taken)
        found += zh_numbers(folded, taken)
    else:
        found = en_forms(folded, taken)
        found += en_numbers(folded, taken)
    numbers = []
    for start, end, value, kind in sorted(found):
        a, b = original_span(origin, text, start, end)
        # 136.7亿 and 13.67 billion must be equal: drop binary floating-point noise
        numbers.append(NumberMention(float(f"{value:.12g}"), kind, (a, b), text[a:b]))
    dates = []
    for start, end, y, m, d in found_dates:
        a, b = original_span(origin, text, start, end)
        dates.append(DateMention(y, m, d, (a, b), text[a:b]))
    return numbers, dates


def extract_numbers(text: str, lang: str) -> list[NumberMention]:
    """Numbers in ``text`` (see the module docstring for what counts), in text order.

    Arabic numerals are read in both languages; Chinese numerals when ``lang`` is "zh", English
    number words when it is "en". Spans index the original ``text``.
    """
    return extract_mentions(text, lang)[0]


def extract_dates(text: str, lang: str) -> list[DateMention]:
    """Calendar dates in ``text``: 2022年1月10日, 1月10日, 2022年1月, 9月, January 10, 2022,
    10 January 2022, Jan. 10, January 2022, "in September", "the September meeting",
    2022-01-10, and both ends of ranges and the days of lists (1月10日至11日, 3月1至5日, 1至2月,
    2023年1-11月, January 10 to 12, 10-12 January, January-February 2023). A year alone is a number (kind "year"). In English a month alone is a date after
    a word such as "in", "since" or "last", or as a full name that is no other word or name
    (not May, March, "April Ryan")."""
    folded, origin = fold_with_map(text)
    if not may_have_date(folded):
        return []
    out = []
    for start, end, y, m, d in folded_dates(folded):
        a, b = original_span(origin, text, start, end)
        out.append(DateMention(y, m, d, (a, b), text[a:b]))
    return out

