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


def _strong(mention: Any) -> bool:
    """A number whose absence on the other side is an error in itself."""
    return bool(_DIGIT.search(mention.text)) or abs(mention.value) > _WEAK_LIMIT \
        or mention.kind == "percent"


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _show(value: float) -> str:
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


def check_numbers(pair: "Pair", checker: "Checker") -> Iterator[Finding]:
    """Numbers present on one side and not on the other."""
    from align.numbers import extract_dates, extract_numbers
    source, target = pair.source, pair.target
    if not source.strip() or not target.strip():
        return
    src_lang, tgt_lang = _lang(pair.src_lang), _lang(pair.tgt_lang)
    src_dates = [d.span for d in extract_dates(source, src_lang) if not _year_only(d)]
    tgt_dates = [d.span for d in extract_dates(target, tgt_lang) if not _year_only(d)]
    src = [m for m in extract_numbers(source, src_lang) if not _inside(m.span, src_dates)]
    tgt = [m for m in extract_numbers(target, tgt_lang) if not _inside(m.span, tgt_dates)]
    if not src and not tgt:
        return
    left_src, left_tgt = _leftovers(src, tgt)
    if not left_src and not left_tgt:
        return
    changed = bool(left_src) and bool(left_tgt)
    if not changed:
        left_src = [m for m in left_src if _strong(m)]
        left_tgt = [m for m in left_tgt if _strong(m)]
    # a changed number: pair the leftovers in text order
    while left_src and left_tgt:
        s, t = left_src.pop(0), left_tgt.pop(0)
        yield Finding("number-mismatch", "error", pair.unit,
                      f"{s.text!r} ({_show(s.value)}) in the source but {t.text!r} "
                      f"({_show(t.value)}) in the target",
                      suggestion=f"render {s.text!r} as {_show(s.value)}",
                      source_span=s.span, target_span=t.span, term=s.text)
    for s in left_src:
        yield Finding("number-mismatch", "error", pair.unit,
                      f"{s.text!r} ({_show(s.value)}) in the source is not in the target",
                      suggestion=f"add {_show(s.value)} to the target", source_span=s.span,
                      term=s.text)
    for t in left_tgt:
        yield Finding("number-mismatch", "error", pair.unit,
                      f"{t.text!r} ({_show(t.value)}) in the target is not in the source",
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


def check_dates(pair: "Pair", checker: "Checker") -> Iterator[Finding]:
    """Dates of one side missing from, or given differently on, the other side."""
    from align.numbers import extract_dates
    source, target = pair.source, pair.target
    if not source.strip() or not target.strip():
        return
    src = [d for d in extract_dates(source, _lang(pair.src_lang)) if not _year_only(d)]
    tgt = [d for d in extract_dates(target, _lang(pair.tgt_lang)) if not _year_only(d)]
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
        yield Finding("date-mismatch", "error", pair.unit,
                      f"date {s.text!r} ({_show_date(s)}) in the source but {t.text!r} "
                      f"({_show_date(t)}) in the target",
                      suggestion=f"render {s.text!r} as {_show_date(s)}",
                      source_span=s.span, target_span=t.span, term=s.text)
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
