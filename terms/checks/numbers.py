"""The number-mismatch and date-mismatch rules, on the mentions :mod:`align.numbers` extracts.

Numbers are compared by value as a multiset (3 = 三 = three = third, 1.5亿 = 150 million,
百分之三十 = 30%), leaving out those inside a date (the date rule compares dates). A number
written in words with a small value (一, 两, one, two …) often has no counterpart in a free
translation (一些 "some", 一带一路 "the Belt and Road"), so such a number left over on one side
is only reported when the other side also has a number left over: then one was changed into
the other. Dates are compared field by field: a field that one side leaves out (the year of
"January 10") is not a mismatch; a field given differently is. A bare year (2022年, "in 2022")
is compared as a number.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from terms.findings import Finding

if TYPE_CHECKING:
    from terms.checks import Checker, Pair

_DIGIT = re.compile(r"\d")
_WEAK_LIMIT = 10


def _lang(lang: str) -> str:
    return "zh" if lang.split("-", 1)[0].lower() in ("zh", "ja") else "en"


def _inside(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]")
#: an enumeration label at the start of a segment: 1. / (1) / 一、 / （一）
_LABEL = re.compile(r"^\s*[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:[)）]|[.．、])")
#: digits glued to letters: names such as G20, COVID-19, Su-35 (not numbers to align.numbers)
_NAMED = re.compile(r"[A-Za-z]+-?(\d+)|(\d+)-?[A-Za-z]+")


def _strong(mention: Any) -> bool:
    """A number whose absence on the other side is an error in itself.

    Digits, percentages, and numbers written with several numeral characters or words (二十,
    twenty-five) are; a single numeral word or character (一, 两, 百 in 百年 "a century",
    "one", "first") is not, since free translations drop or add those.
    """
    if _DIGIT.search(mention.text) or mention.kind == "percent":
        return True
    numerals = len(_ZH_NUMERAL.findall(mention.text))
    if numerals:
        return numerals >= 2
    return abs(mention.value) > _WEAK_LIMIT


def _named_numbers(text: str) -> list[float]:
    """Values of digits glued to letters (G20 → 20), which count as the number's rendering."""
    return [float(a or b) for a, b in _NAMED.findall(text)]


def _label_span(text: str) -> tuple[int, int] | None:
    m = _LABEL.match(text)
    return m.span() if m else None


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _show(value: float, kind: str = "cardinal") -> str:
    if kind == "year":
        return f"{value:.0f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _leftovers(src: list[Any], tgt: list[Any]) -> tuple[list[Any], list[Any]]:
    """The mentions of each side with no equal value on the other side (as multisets)."""
    unmatched_tgt = list(tgt)
    unmatched_src = []
    for m in src:
        for i, t in enumerate(unmatched_tgt):
            if _same_value(m.value, t.value):
                del unmatched_tgt[i]
                break
        else:
            unmatched_src.append(m)
    return unmatched_src, unmatched_tgt


def _as_mentions(values: list[float]) -> list[Any]:
    return [_Value(v) for v in values]


class _Value:
    __slots__ = ("value",)

    def __init__(self, value: float) -> None:
        self.value = value


def _pair_up(src: list[Any], tgt: list[Any], src_len: int, tgt_len: int
             ) -> list[tuple[Any, Any]]:
    """Leftover numbers of the two sides paired as substitutions, most alike first: both strong
    (or both weak), of one kind, at the nearest relative position."""
    candidates = []
    for s in src:
        for t in tgt:
            distance = abs(s.span[0] / max(src_len, 1) - t.span[0] / max(tgt_len, 1))
            candidates.append((_strong(s) != _strong(t), s.kind != t.kind, distance, id(s),
                               id(t), s, t))
    candidates.sort(key=lambda c: c[:3])
    used: set[int] = set()
    pairs = []
    for *_, s, t in candidates:
        if id(s) in used or id(t) in used:
            continue
        used.update((id(s), id(t)))
        pairs.append((s, t))
    return sorted(pairs, key=lambda p: p[0].span)


#: cheap tests that a text may hold a number (or a date); extraction is skipped when not
_MAY_HAVE_NUMBER = {
    "zh": re.compile(r"[\d０-９零〇○一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億]"),
    "en": re.compile(r"[\d０-９]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                     r"hundred|thousand|million|billion|trillion|first|second|third|\w+th|"
                     r"half|halves|quarters?|once|twice|dozens?)", re.IGNORECASE),
}
#: cheap tests that a text may hold a number that is reported even when alone (see _strong)
_MAY_HAVE_STRONG = {
    "zh": re.compile(r"[\d０-９%％]|百分之|[零〇○一二两三四五六七八九十百千万亿]{2}"),
    "en": re.compile(r"[\d０-９%]|\b(?:eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|"
                     r"seventy|eighty|ninety|hundred|thousand|million|billion|trillion|percent|"
                     r"per cent|twelfth|\w+tieth)", re.IGNORECASE),
}
_MAY_HAVE_DATE = {
    "zh": re.compile(r"月|[\d０-９]{4}\s*[-/.．]"),
    "en": re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|[\d０-９]{4}\s*[-/.]"),
}


#: what joins the two ends of a date range: 1月10日至11日, January 10 to 11
_RANGE_JOIN = re.compile(r"\s*(?:至|到|-|–|—|~|～|to|and|through|until|till)\s*$", re.IGNORECASE)
#: 成 after a Chinese numeral is tenths (三成 = 30%) unless it starts a word (成员, 成立 …)
_TENTHS_NOT = "员立为果功就长本绩效交"


@dataclass(frozen=True, slots=True)
class _Tenths:
    """三成: a number of tenths, which align.numbers reads as the bare numeral."""

    value: float
    kind: str
    span: tuple[int, int]
    text: str


def _numbers(text: str, lang: str) -> list[Any]:
    """align.numbers.extract_numbers, skipped for a text that cannot hold a number, without
    enumeration labels and without the second day of a date range (1月10日至11日)."""
    from align.numbers import extract_numbers
    if not _MAY_HAVE_NUMBER[lang].search(text):
        return []
    label = _label_span(text)
    found = [m for m in extract_numbers(text, lang)
             if label is None or not _inside(m.span, [label])]
    if not found:
        return found
    date_ends = [d.span[1] for d in _dates(text, lang)]
    if date_ends:
        found = [m for m in found
                 if not any(end <= m.span[0] and _RANGE_JOIN.match(text[end:m.span[0]])
                            for end in date_ends)]
    if lang == "zh":
        found = [_tenths(m, text) for m in found]
    return found


def _tenths(m: Any, text: str) -> Any:
    end = m.span[1]
    if m.kind == "cardinal" and end < len(text) and text[end] == "成" and \
            (end + 1 >= len(text) or text[end + 1] not in _TENTHS_NOT) and m.value <= 10:
        return _Tenths(m.value * 10, "percent", (m.span[0], end + 1), text[m.span[0]:end + 1])
    return m


def check_numbers(pair: "Pair", checker: "Checker") -> Iterator[Finding]:
    """Numbers present on one side and not on the other.

    Numbers inside dates are not numbers to :func:`align.numbers.extract_numbers` (the date rule
    compares those), bare years are; enumeration labels (1. / 一、) are left out.
    """
    source, target = pair.source, pair.target
    if not source.strip() or not target.strip():
        return
    src = _numbers(source, _lang(pair.src_lang))
    if not src and not _MAY_HAVE_STRONG[_lang(pair.tgt_lang)].search(target):
        return  # nothing to match, and only weak numbers (never reported alone) could be left
    tgt = _numbers(target, _lang(pair.tgt_lang))
    if not src and not tgt:
        return
    left_src, left_tgt = _leftovers(src, tgt)
    if not left_src and not left_tgt:
        return
    # 二十国集团 is rendered G20: a number matched by digits inside a name on the other side
    if left_src:
        left_src, _ = _leftovers(left_src, _as_mentions(_named_numbers(target)))
    if left_tgt:
        left_tgt, _ = _leftovers(left_tgt, _as_mentions(_named_numbers(source)))
    # a changed number: pair each leftover of the source with the most similar leftover of the
    # target (same kind, nearest relative position); unpaired small word numbers are dropped
    for s, t in _pair_up(left_src, left_tgt, len(source), len(target)):
        left_src.remove(s)
        left_tgt.remove(t)
        yield Finding("number-mismatch", "error", pair.unit,
                      f"{s.text!r} ({_show(s.value, s.kind)}) in the source but {t.text!r} "
                      f"({_show(t.value, t.kind)}) in the target",
                      suggestion=f"render {s.text!r} as {_show(s.value, s.kind)}",
                      source_span=s.span, target_span=t.span, term=s.text)
    left_src = [m for m in left_src if _strong(m)]
    left_tgt = [m for m in left_tgt if _strong(m)]
    for s in left_src:
        yield Finding("number-mismatch", "error", pair.unit,
                      f"{s.text!r} ({_show(s.value, s.kind)}) in the source is not in the target",
                      suggestion=f"add {_show(s.value, s.kind)} to the target", source_span=s.span,
                      term=s.text)
    for t in left_tgt:
        yield Finding("number-mismatch", "error", pair.unit,
                      f"{t.text!r} ({_show(t.value, t.kind)}) in the target is not in the source",
                      suggestion=f"check {t.text!r} against the source", target_span=t.span,
                      term=t.text)


def _year_only(d: Any) -> bool:
    """A bare year (2022年) is a number to this module, not a date."""
    return d.month is None and d.day is None


def _compatible(a: Any, b: Any) -> bool:
    fields = [(a.year, b.year), (a.month, b.month), (a.day, b.day)]
    shared = [(x, y) for x, y in fields if x is not None and y is not None]
    return bool(shared) and all(x == y for x, y in shared)


def _show_date(d: Any) -> str:
    parts = [str(d.year) if d.year else "", f"{d.month:02d}" if d.month else "",
             f"{d.day:02d}" if d.day else ""]
    return "-".join(p for p in parts if p) or d.text


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_MONTH_NAME = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")


@dataclass(frozen=True, slots=True)
class _Month:
    """A bare English month name ("in September"), which align.numbers does not report."""

    year: None
    month: int
    day: None
    span: tuple[int, int]
    text: str


def _dates(text: str, lang: str) -> list[Any]:
    """Dates with at least a month: align.numbers's, plus bare English month names."""
    return list(_cached_dates(text, lang))


@lru_cache(maxsize=16)
def _cached_dates(text: str, lang: str) -> tuple[Any, ...]:
    """The dates of a text, kept for the next rule that asks (the number rule asks first)."""
    return tuple(_find_dates(text, lang))


def _find_dates(text: str, lang: str) -> list[Any]:
    from align.numbers import extract_dates
    if not _MAY_HAVE_DATE[lang].search(text):
        return []
    found = [d for d in extract_dates(text, lang) if not _year_only(d)]
    if lang == "en":
        spans = [d.span for d in found]
        for m in _MONTH_NAME.finditer(text):
            if _inside(m.span(), spans) or (m.group() == "May" and not text[:m.start()].strip()):
                continue
            found.append(_Month(None, _MONTHS.index(m.group()) + 1, None, m.span(), m.group()))
        found.sort(key=lambda d: d.span)
    return found


def check_dates(pair: "Pair", checker: "Checker") -> Iterator[Finding]:
    """Dates of one side missing from, or given differently on, the other side.

    A date without a day ("9月", "in September") missing on the other side is only reported when
    the other side has a date left over too (then one was changed into the other): "early this
    year" may render 今年1月初.
    """
    source, target = pair.source, pair.target
    if not source.strip() or not target.strip():
        return
    src = _dates(source, _lang(pair.src_lang))
    tgt = _dates(target, _lang(pair.tgt_lang))
    if not src and not tgt:
        return
    left_tgt = list(tgt)
    left_src = []
    for d in src:
        for i, t in enumerate(left_tgt):
            if _compatible(d, t):
                del left_tgt[i]
                break
        else:
            left_src.append(d)
    while left_src and left_tgt:
        s, t = left_src.pop(0), left_tgt.pop(0)
        if s.month is None and t.month is None and s.day is None and t.day is None:
            continue
        yield Finding("date-mismatch", "error", pair.unit,
                      f"date {s.text!r} ({_show_date(s)}) in the source but {t.text!r} "
                      f"({_show_date(t)}) in the target",
                      suggestion=f"render {s.text!r} as {_show_date(s)}",
                      source_span=s.span, target_span=t.span, term=s.text)
    left_src = [d for d in left_src if d.day is not None]
    left_tgt = [d for d in left_tgt if d.day is not None]
    for s in left_src:
        yield Finding("date-mismatch", "error", pair.unit,
                      f"date {s.text!r} ({_show_date(s)}) in the source is not in the target",
                      suggestion=f"add the date {_show_date(s)} to the target",
                      source_span=s.span, term=s.text)
    for t in left_tgt:
        yield Finding("date-mismatch", "error", pair.unit,
                      f"date {t.text!r} ({_show_date(t)}) in the target is not in the source",
                      suggestion=f"check the date {t.text!r} against the source",
                      target_span=t.span, term=t.text)
