"""The number-mismatch and date-mismatch rules, on the mentions :mod:`align.numbers` extracts.

Numbers are compared by value as a multiset (3 = 三 = three = third, 1.5亿 = 150 million,
百分之三十 = 30% = 三成), leaving out those inside a date (the date rule compares dates) and
those inside names (G20, 二十国集团). A number written in words with a small value (一, 两, one,
two …) often has no counterpart in a free translation (一些 "some", 一带一路 "the Belt and
Road"), so such a number left over on one side is only reported when the other side also has a
number left over: then one was changed into the other. Dates are compared field by field: a
field that one side leaves out (the year of "January 10") is not a mismatch; a field given
differently is. A bare year (2022年, "in 2022") is compared as a number.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from align.numbers import (
    DateMention,
    NumberMention,
    extract_dates,
    extract_mentions,
    parse_chinese_numeral,
)
from terms.findings import Finding

if TYPE_CHECKING:
    from terms.checks import Checker, MemoryPass, Pair

M = TypeVar("M", NumberMention, DateMention)
_DIGIT = re.compile(r"\d")
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]")
_WEAK_LIMIT = 10
_LONE_SCALE = re.compile(r"\s*[百千万亿]\s*")
#: an enumeration label at the start of a segment: 1. / (1) / 一、 / （一）
_LABEL = re.compile(r"^\s*[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:[)）]|[.．、])")
_LABEL_NUMBER = re.compile(r"\d{1,2}|[一二三四五六七八九十]{1,3}")

#: cheap tests that a text may hold a number or a date; extraction is skipped when not
_MAY_HAVE_MENTION = {
    "zh": re.compile(r"[\d０-９零〇○一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億]"),
    # \w(?:teen|th) finds what \b\w+teen and \b\w+th find; (?=[…]): the words' first letters;
    # the decades whose name holds no number word (twenties, not sixties); centen(ary|nial)
    "en": re.compile(r"[\d０-９]|\w(?:teen|th)|centen|\b(?=[abdefhjmnoqstz])(?:zero|one|two|three|"
                     r"four|five|six|seven|eight|nine|ten|eleven|twenties|thirties|forties|fifties|"
                     r"twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                     r"hundred|thousand|million|billion|trillion|first|second|third|"
                     r"half|halves|quarters?|once|twice|thrice|dozens?|"
                     r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.IGNORECASE),
}
#: cheap tests that a text may hold a number that is reported even when alone (see _strong)
_MAY_HAVE_STRONG = {
    "zh": re.compile(r"[\d０-９%％]|百分之|[零〇○一二两三四五六七八九十百千万亿]{2}|"
                     r"[一二两三四五六七八九十]成"),
    "en": re.compile(r"[\d０-９%]|\w(?:teen|tieth)|\b(?=[bcefhmnpst])(?:eleven|twelve|twenty|"
                     r"thirty|forty|fifty|sixty|"
                     r"seventy|eighty|ninety|hundred|thousand|million|billion|trillion|percent|"
                     r"per cent|twelfth)", re.IGNORECASE),
}

#: what the English pattern above matches holds a digit or "%", or one of these (in lower case):
#: an ASCII text with none of them is decided without the pattern, which tries three
#: alternatives at every place of the text
_STRONG_EN_HINTS = ("teen", "tieth", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
                    "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
                    "billion", "trillion", "percent", "per cent", "twelfth")
_DIGIT_OR_PERCENT = re.compile(r"[0-9%]")


def _may_have_strong(text: str, lang: str) -> bool:
    """``_MAY_HAVE_STRONG[lang]`` matches ``text`` (see :data:`_STRONG_EN_HINTS`)."""
    if lang == "en" and text.isascii() and not _DIGIT_OR_PERCENT.search(text):
        lower = text.lower()
        if not any(hint in lower for hint in _STRONG_EN_HINTS):
            return False
    return bool(_MAY_HAVE_STRONG[lang].search(text))


@lru_cache(maxsize=256)  # asked several times for every pair
def _lang(lang: str) -> str:
    """The extractor's language for a language tag: zh (characters) or en (words)."""
    return "zh" if lang.split("-", 1)[0].lower() in ("zh", "ja") else "en"


#: (text, language) → its numbers (None when only its dates were asked for) and dates, kept for
#: the rule that asks next: the number and date rules read the same texts one after the other
_READ: dict[tuple[str, str], tuple[tuple[NumberMention, ...] | None, tuple[DateMention, ...]]] = {}
_READ_KEPT = 8


def _keep(text: str, lang: str,
          found: tuple[tuple[NumberMention, ...] | None, tuple[DateMention, ...]]) -> None:
    if len(_READ) >= _READ_KEPT:
        _READ.clear()
    _READ[text, lang] = found


def _mentions(text: str, lang: str) -> tuple[tuple[NumberMention, ...], tuple[DateMention, ...]]:
    """The numbers (without an enumeration label such as 1. or 一、) and dates of a text."""
    known = _READ.get((text, lang))
    if known is not None:
        numbers, dates = known
        if numbers is not None:
            return numbers, dates
    if not _MAY_HAVE_MENTION[lang].search(text):
        found: tuple[tuple[NumberMention, ...], tuple[DateMention, ...]] = (), ()
    else:
        all_numbers, all_dates = extract_mentions(text, lang)
        label = _LABEL.match(text)
        if label is not None:
            all_numbers = [m for m in all_numbers if m.span[1] > label.end()]
        found = tuple(all_numbers), tuple(all_dates)
    _keep(text, lang, found)
    return found


def _dates(text: str, lang: str) -> tuple[DateMention, ...]:
    """The dates of a text: those :func:`_mentions` read, or, when no rule asked for its
    numbers (the number rule does not read a target when the source has no number and the
    target none that counts alone), the dates alone, which is quicker."""
    known = _READ.get((text, lang))
    if known is None:
        dates = tuple(extract_dates(text, lang)) if _MAY_HAVE_MENTION[lang].search(text) else ()
        known = (None, dates)
        _keep(text, lang, known)
    return known[1]


def _label(text: str) -> tuple[float, tuple[int, int]] | None:
    """The number of the enumeration label a segment starts with (（二）, 2., 一、), and its
    span; labels are left out of the number comparison, but two that differ are a mismatch."""
    m = _LABEL.match(text)
    if m is None:
        return None
    digits = _LABEL_NUMBER.search(m.group())
    if digits is None:
        return None
    value = float(digits.group()) if digits.group().isdigit() else \
        parse_chinese_numeral(digits.group())
    return (value, m.span()) if value is not None else None


#: measure words and units after a Chinese numeral: a figure in characters without one is a
#: name (茅十八) or a figure of speech more often than a quantity
_ZH_MEASURE = re.compile(
    r"\s*(?:[个位名只条张件次年月日天号岁人家项种倍元块角分秒米吨斤两寸尺丈里亩本部座所辆架艘台份"
    r"股批届期场道点周层楼路段节门类对双套把支根片棵朵头匹口顿声遍回趟步首幅封笔间栋户国省市县村任"
    r"代辈级等成折万亿千百多余来左美欧英港澳镑卢大]|小时|公里|公斤|平方|立方|世纪|以上|以下|分钟)")


def _strong(mention: NumberMention, text: str = "") -> bool:
    """A number whose absence on the other side is an error in itself.

    Digits, percentages, times, decades, and numbers written with several numeral characters
    or words (二十, twenty-five) are; a single numeral word or character (一, 两, 百 in 百年 "a
    century", "one") and ordinals in words (十八大 "the Congress", "the third meeting") are
    not, since free translations drop or add those. Nor, given its ``text``, is a figure in
    Chinese characters without a measure word after it (茅十八, a name; 一万心眼子).
    """
    if mention.kind == "time":
        return False  # the hour of a page's time stamp, 下午两点 as "in the afternoon"
    if _DIGIT.search(mention.text) or mention.kind in ("percent", "decade") \
            or not float(mention.value).is_integer():  # fractions: 四分之一, a third
        return True
    if mention.kind == "ordinal":
        return False  # 十八大 "the Congress", 第三次 "the latest": often left implicit
    numerals = len(_ZH_NUMERAL.findall(mention.text))
    if numerals:
        return numerals >= 2 and (not text or bool(_ZH_MEASURE.match(text, mention.span[1])))
    return abs(mention.value) > _WEAK_LIMIT


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _same_number(a: NumberMention, b: NumberMention) -> bool:
    """Counterparts by value; a decade without its century (80年代, the eighties) is the
    decade of any century with the same last two digits (the 1980s)."""
    if a.kind == "decade" and b.kind == "decade" and min(a.value, b.value) < 100:
        return a.value % 100 == b.value % 100
    if (a.kind == "percent") != (b.kind == "percent"):  # 十分之一 = 10 percent
        share, pct = (b, a) if a.kind == "percent" else (a, b)
        if 0 < share.value < 1 and _same_value(share.value * 100, pct.value):
            return True
    return _same_value(a.value, b.value)


_SHOWN_DIGITS = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")
#: a rounded figure may differ from the exact one by this share of it at most
_ROUNDING_LIMIT = 0.02


#: an approximation said in words before (or 多/余/左右 after) a figure: "almost 60 percent"
#: for 58.6%, 近万 for 9,800
_APPROXIMATELY = re.compile(
    r"(?:\b(?:almost|nearly|about|around|approximately|roughly|some|close\s+to|more\s+than|"
    r"over|under|less\s+than|up\s+to|just\s+(?:over|under))\s+(?:[$€£¥]|RMB\s?|US\$)?"
    r"|(?:约为|约有|大约|将近|接近|超过|近|约|逾|达)\s*)$", re.IGNORECASE)
_APPROXIMATELY_AFTER = re.compile(r"\s*(?:多|余|左右|上下|以上)")
#: how far an approximate figure may be from the exact one
_APPROXIMATION_LIMIT = 0.1


def _rounds_to(exact: NumberMention, shown: NumberMention, text: str = "") -> bool:
    """True when ``shown`` is ``exact`` rounded to the digits ``shown`` writes: 541.5万 shown as
    "5.4 million", 44.65% as "45 percent" (within half a unit of its last digit, and within 2 %),
    or, said to be approximate in ``text`` (the segment of ``shown``: "almost 60 percent" for
    58.6%), a round figure within 10 %. Only for numbers written with digits, of one kind, not
    years, times or ordinals."""
    if exact.kind != shown.kind or shown.kind in ("year", "ordinal", "time", "decade"):
        return False
    digits = _SHOWN_DIGITS.search(shown.text)
    if digits is None or not _DIGIT.search(exact.text):
        return False
    mantissa = float(digits[1].replace(",", "") + ("." + digits[2] if digits[2] else ""))
    if mantissa == 0:
        return False
    difference = abs(shown.value - exact.value)
    if text and _approximate(text, shown):  # a rounder figure, near enough
        return _significant(shown) < _significant(exact) and \
            difference <= _APPROXIMATION_LIMIT * abs(exact.value)
    if difference > _ROUNDING_LIMIT * abs(exact.value):
        return False
    unit = shown.value / mantissa * 10 ** -len(digits[2] or "")  # the value of its last digit
    return difference <= unit / 2 + 1e-9 * abs(exact.value)


def _significant(mention: NumberMention) -> int:
    """How many significant digits a figure writes (1,200 → 2, 58.6 → 3, 60 → 1)."""
    return len(re.sub(r"\D", "", mention.text).lstrip("0").rstrip("0")) or 1


def _approximate(text: str, mention: NumberMention) -> bool:
    """True when ``text`` says that ``mention`` is approximate (about, nearly, 约, 近, 多)."""
    return bool(_APPROXIMATELY.search(text[max(0, mention.span[0] - 24):mention.span[0]])
                or _APPROXIMATELY_AFTER.match(text, mention.span[1]))


def _repeats(a: NumberMention, b: NumberMention) -> bool:
    """``a`` repeats ``b``: the same figure of the same kind (a year may be written as a plain
    figure) — 两国 "two" is no repetition of 第二 "second"."""
    kinds = {a.kind, b.kind}
    return (len(kinds) == 1 or kinds == {"cardinal", "year"}) and _same_number(a, b)


def _unmeasured(mention: NumberMention, text: str) -> bool:
    """A cardinal in Chinese characters with no measure word after it: a name (茅十八) or a
    figure of speech (一万心眼子), not a quantity."""
    return (mention.kind == "cardinal" and not _DIGIT.search(mention.text)
            and bool(_ZH_NUMERAL.search(mention.text)) and mention.text[-1:] not in "万亿千百"
            and "分之" not in mention.text
            and not _ZH_MEASURE.match(text, mention.span[1]))


#: "Beijing, Jiangsu, Yunnan and 19 other …": the items listed before "and N other"
_LISTED_BEFORE = re.compile(r"((?:[^,;:.]+,\s*)+[^,;:.]+?)\s+and\s+$")
_OTHERS_AFTER = re.compile(r"\s+other\b", re.IGNORECASE)


def _listed_others(src: list[NumberMention], tgt: list[NumberMention], target: str
                   ) -> list[NumberMention]:
    """``src`` without the figures that a target "X, Y, Z and N other …" counts: 等22个省 as
    three provinces named and 19 others."""
    out = []
    for s in src:
        counted = False
        for t in tgt:
            if not _OTHERS_AFTER.match(target, t.span[1]):
                continue
            listed = _LISTED_BEFORE.search(target[max(0, t.span[0] - 200):t.span[0]])
            if listed and _same_value(t.value + listed.group(1).count(",") + 1, s.value):
                tgt.remove(t)
                counted = True
                break
        if not counted:
            out.append(s)
    return out


def _year_like(mention: NumberMention) -> bool:
    """A year, or four digits that may be one (the 2030 Agenda)."""
    return mention.kind == "year" or bool(re.fullmatch(r"1[5-9]\d\d|2[01]\d\d", mention.text))


def _one_digit_apart(a: NumberMention, b: NumberMention) -> bool:
    """True when the digits of ``a`` and ``b`` differ in one place only (2,700 and 2,800): a
    figure mistyped, not one the translator added."""
    x, y = re.sub(r"\D", "", a.text), re.sub(r"\D", "", b.text)
    return len(x) == len(y) > 1 and sum(p != q for p, q in zip(x, y)) == 1


def _show(value: float, kind: str = "cardinal") -> str:
    if kind == "year":
        return f"{value:.0f}"
    if abs(value) < 10_000:  # 2015, not 2,015
        return f"{value:.0f}" if float(value).is_integer() else f"{value}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


_SCALES = (("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3),
           ("万亿", 1e12), ("亿", 1e8), ("万", 1e4))
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ZH_DIGITS = "零一二三四五六七八九"


def _in_words(whole: int, lang: str) -> str | None:
    """A whole number below 100 in words (English) or numerals (Chinese); None otherwise."""
    if not 0 <= whole < 100:
        return None
    if lang != "en":
        tens, ones = divmod(whole, 10)
        if whole < 10:
            return _ZH_DIGITS[whole]
        return (_ZH_DIGITS[tens] if tens > 1 else "") + "十" + (_ZH_DIGITS[ones] if ones else "")
    if whole < 20:
        return _ONES[whole]
    tens, ones = divmod(whole, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def _render_number(value: float, like: NumberMention, lang: str) -> str:
    """``value`` written the way the target wrote its wrong number ``like``: digits with or
    without thousands separators, an ordinal suffix (31st → 30th, 第4 → 第3), a percent sign
    or word, a scale word (1.6 billion → 1.5 billion); number words become digits."""
    text = like.text
    if not _DIGIT.search(text):  # a number in words: in words again, capitalised alike
        words = _in_words(int(value), lang) if float(value).is_integer() and \
            like.kind == "cardinal" else None
        if words is None:
            return _show(value, like.kind)
        return words[0].upper() + words[1:] if text[:1].isupper() else words
    scale = next(((word, size) for word, size in _SCALES if word in text), None)
    shown = value / scale[1] if scale else value
    number = (f"{shown:,.0f}" if "," in text else f"{shown:.0f}") if float(shown).is_integer() \
        else f"{shown:,}".rstrip("0") if "," in text else f"{shown:g}"
    if scale:
        return f"{number} {scale[0]}" if lang == "en" else f"{number}{scale[0]}"
    if like.kind == "percent":
        if "%" in text or "％" in text:
            return f"{number}%"
        return f"{number} percent" if lang == "en" else f"百分之{number}"
    if like.kind == "ordinal":
        if lang != "en":
            return f"第{number}"
        whole = int(value)
        suffix = "th" if 10 <= whole % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
            whole % 10, "th")
        return f"{number}{suffix}"
    return number


def _leftovers(src: Sequence[M], tgt: Sequence[M], same: Callable[[M, M], bool]
               ) -> tuple[list[M], list[M]]:
    """The mentions of each side with no counterpart on the other side (as multisets), where
    ``same(a, b)`` says whether two mentions are counterparts."""
    unmatched_tgt = list(tgt)
    unmatched_src = []
    for m in src:
        for i, t in enumerate(unmatched_tgt):
            if same(m, t):
                del unmatched_tgt[i]
                break
        else:
            unmatched_src.append(m)
    return unmatched_src, unmatched_tgt


def _pair_up(src: list[NumberMention], tgt: list[NumberMention], source: str, target: str
             ) -> list[tuple[NumberMention, NumberMention]]:
    """Leftover numbers of the two sides paired as substitutions, most alike first: both strong
    (or both weak), of one kind, at the nearest relative position. A weak number is never paired
    with a number of another kind, nor a lone 百/千/万 (a century, a millennium) with anything."""
    src_strong = [_strong(s, source) for s in src]
    tgt_strong = [_strong(t, target) for t in tgt]
    src_len, tgt_len = len(source), len(target)
    candidates = []
    for i, s in enumerate(src):
        for j, t in enumerate(tgt):
            distance = abs(s.span[0] / max(src_len, 1) - t.span[0] / max(tgt_len, 1))
            candidates.append((src_strong[i] != tgt_strong[j], s.kind != t.kind, distance, i, j))
    candidates.sort(key=lambda c: c[:3])
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    pairs = []
    for _strength_differs, kind_differs, _distance, i, j in candidates:
        if i in used_src or j in used_tgt:
            continue
        if kind_differs and not (src_strong[i] and tgt_strong[j]):
            continue  # 百 of 百年 ("a century") is no misspelt year 2049, 两 no misspelt "first"
        if _LONE_SCALE.fullmatch(src[i].text) or _LONE_SCALE.fullmatch(tgt[j].text):
            continue  # 百 of 百年, 千 of 千年: a word, not a figure another one replaced
        used_src.add(i)
        used_tgt.add(j)
        pairs.append((src[i], tgt[j]))
    return sorted(pairs, key=lambda p: p[0].span)


def check_numbers(pair: Pair, checker: Checker,
                  _memory: "MemoryPass | None" = None) -> Iterator[Finding]:
    """Numbers present on one side and not on the other.

    Numbers inside dates are not numbers to :func:`align.numbers.extract_numbers` (the date rule
    compares those), bare years are; enumeration labels (1. / 一、) are left out.
    """
    source, target = pair.source, pair.target
    if not source.strip() or not target.strip():
        return
    src_label, tgt_label = _label(source), _label(target)
    if src_label and tgt_label and src_label[0] != tgt_label[0]:  # （二） … "3."
        (s_value, s_span), (t_value, t_span) = src_label, tgt_label
        yield Finding("number-mismatch", "error", pair.unit,
                      f"item {source[slice(*s_span)]!r} ({s_value:.0f}) in the source but "
                      f"{target[slice(*t_span)]!r} ({t_value:.0f}) in the target",
                      suggestion=f"number the item {s_value:.0f}", source_span=s_span,
                      target_span=t_span, term=source[slice(*s_span)])
    src = _mentions(source, _lang(pair.src_lang))[0]
    if not src and not _may_have_strong(target, _lang(pair.tgt_lang)):
        return  # nothing to match, and only weak numbers (never reported alone) could be left
    tgt = _mentions(target, _lang(pair.tgt_lang))[0]
    # counterparts of one kind first (两国 "two", 第二 "second"), then of any kind (三成 = 30%)
    left_src, left_tgt = _leftovers(src, tgt, lambda a, b: a.kind == b.kind and
                                    _same_number(a, b))
    left_src, left_tgt = _leftovers(left_src, left_tgt, _same_number)
    for s in list(left_src):  # a figure the target rounds is no mismatch, but is said; a
        for t in left_tgt:    # target more precise than its source is a mismatch
            if _rounds_to(s, t, target):
                yield _rounding_finding(pair, s, t)
                left_src.remove(s)
                left_tgt.remove(t)
                break
    # a figure the other side has, only fewer times, is a repetition ("In 2020, …" opening
    # each point of a list), not a missing or invented number; a figure in characters without
    # a measure word (茅十八, a name) is no quantity
    left_src = [s for s in left_src if not any(_repeats(s, t) for t in tgt)
                and not _unmeasured(s, source)]
    repeated = [t for t in left_tgt if any(_repeats(t, s) for s in src)]
    left_tgt = [t for t in left_tgt if t not in repeated and not _unmeasured(t, target)]
    left_src = _listed_others(left_src, left_tgt, target)
    # a changed number: pair each leftover of the source with the most similar leftover of the
    # target (same kind, nearest relative position); unpaired small word numbers are dropped
    paired = _pair_up(left_src, left_tgt, source, target)
    for s, t in paired:
        yield _changed(pair, s, t)
    used = {id(m) for p in paired for m in p}
    for t in left_tgt:  # a copy of a source figure with one digit changed: a typo
        twin = next((s for s in src if id(t) not in used and not _year_like(t)
                     and _one_digit_apart(s, t)), None)
        if twin is not None:
            used.add(id(t))
            yield _changed(pair, twin, t)
    for s in left_src:
        if id(s) not in used and _strong(s, source):
            yield Finding("number-mismatch", "error", pair.unit,
                          f"{s.text!r} ({_show(s.value, s.kind)}) in the source is not in the target",
                          suggestion=f"add {_show(s.value, s.kind)} to the target",
                          source_span=s.span, term=s.text)
    for t in left_tgt:
        if id(t) not in used and _strong(t, target):
            yield Finding("number-added", "info", pair.unit,
                          f"{t.text!r} ({_show(t.value, t.kind)}) in the target is not in the "
                          f"source: added by the translator?",
                          suggestion=f"check {t.text!r} against the source", target_span=t.span,
                          term=t.text)


def _changed(pair: Pair, s: NumberMention, t: NumberMention) -> Finding:
    """Source figure ``s`` given as ``t`` in the target."""
    return Finding("number-mismatch", "error", pair.unit,
                   f"{s.text!r} ({_show(s.value, s.kind)}) in the source but {t.text!r} "
                   f"({_show(t.value, t.kind)}) in the target",
                   suggestion=f"replace {t.text!r} with "
                              f"{_render_number(s.value, t, _lang(pair.tgt_lang))!r}",
                   source_span=s.span, target_span=t.span, term=s.text)


def _rounding_finding(pair: Pair, s: NumberMention, t: NumberMention) -> Finding:
    return Finding("number-rounded", "info", pair.unit,
                   f"{s.text!r} ({_show(s.value, s.kind)}) in the source is {t.text!r} "
                   f"({_show(t.value, t.kind)}) in the target: rounded in the target",
                   suggestion=f"keep {t.text!r} if rounding is intended, or write "
                              f"{s.text!r} exactly",
                   source_span=s.span, target_span=t.span, term=s.text)


def _compatible(a: DateMention, b: DateMention) -> bool:
    fields = [(a.year, b.year), (a.month, b.month), (a.day, b.day)]
    shared = [(x, y) for x, y in fields if x is not None and y is not None]
    return bool(shared) and all(x == y for x, y in shared)


def _show_date(d: DateMention) -> str:
    parts = [str(d.year) if d.year else "", f"{d.month:02d}" if d.month else "",
             f"{d.day:02d}" if d.day else ""]
    return "-".join(p for p in parts if p) or d.text


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def _render_date(d: DateMention, lang: str, like: DateMention | None = None) -> str:
    """``d`` written as the target language writes dates: 2022年1月19日, or January 19, 2022
    (19 January 2022 when ``like``, the target's own wrong date, puts the day first; its year
    is kept when the source gives none)."""
    year = d.year or (like.year if like is not None and d.month else None)
    if lang == "zh":
        return "".join(f"{v}{unit}" for v, unit in ((year, "年"), (d.month, "月"), (d.day, "日"))
                       if v) or d.text
    if not d.month:
        return str(year or d.day or "") or d.text
    month = _MONTH_NAMES[d.month - 1]
    if not d.day:
        return f"{month} {year}" if year else month
    if like is not None and like.text.strip()[:1].isdigit():
        return f"{d.day} {month}" + (f" {year}" if year else "")
    return f"{month} {d.day}" + (f", {year}" if year else "")


def check_dates(pair: Pair, checker: Checker,
                _memory: "MemoryPass | None" = None) -> Iterator[Finding]:
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
    left_src, left_tgt = _leftovers(src, tgt, _compatible)
    tgt_lang = _lang(pair.tgt_lang)
    for s, t in zip(left_src, left_tgt):
        yield Finding("date-mismatch", "error", pair.unit,
                      f"date {s.text!r} ({_show_date(s)}) in the source but {t.text!r} "
                      f"({_show_date(t)}) in the target",
                      suggestion=f"replace {t.text!r} with {_render_date(s, tgt_lang, t)!r}",
                      source_span=s.span, target_span=t.span, term=s.text)
    paired = min(len(left_src), len(left_tgt))
    for s in left_src[paired:]:
        if s.day is not None:
            yield Finding("date-mismatch", "error", pair.unit,
                          f"date {s.text!r} ({_show_date(s)}) in the source is not in the target",
                          suggestion=f"add the date {_render_date(s, tgt_lang)!r} to the target",
                          source_span=s.span, term=s.text)
    for t in left_tgt[paired:]:
        if t.day is not None:
            yield Finding("number-added", "info", pair.unit,
                          f"date {t.text!r} ({_show_date(t)}) in the target is not in the source: "
                          f"added by the translator?",
                          suggestion=f"check the date {t.text!r} against the source",
                          target_span=t.span, term=t.text)
