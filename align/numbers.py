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
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from align.normalize import fold_with_map, original_span


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number: its value, its kind ("cardinal", "percent", "ordinal" or "year"), and where
    it is (``span`` into the original text, whose characters there are ``text``)."""

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


# ---------------------------------------------------------------------------------------------
# Chinese numerals

_ZH_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2,
              "兩": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6,
              "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_ZH_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_SCALES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_ZH_DIGIT_CHARS = "".join(_ZH_DIGITS)
_ZH_NUMERAL_CHARS = _ZH_DIGIT_CHARS + "".join(_ZH_UNITS) + "".join(_ZH_SCALES)

#: words in which numeral characters do not stand for numbers (masked before extraction)
_ZH_NOT_NUMBERS = sorted("""
    一些 一起 一样 一直 一切 一致 一定 一般 一旦 一再 一向 一时 一同 一律 一贯 一并 一举 一系列
    一流 一体 一道 一方面 一手 一味 一心 一面 一阵 一边 一下 一番 一点儿 一会儿 唯一 统一 同一
    不一 万一 进一步 十分 万分 千万 百姓 老百姓 万岁 四川 三峡 九州 十字 万物 万事 百货 两岸 一一
    千方百计 四面八方 五湖四海 三心二意 七上八下 乱七八糟 独一无二 万众一心 百花齐放 百家争鸣
    千秋万代 一五一十 十全十美 七嘴八舌 五花八门 千变万化 千家万户 万无一失 一举两得 三番五次
    一心一意 一国两制 九死一生 一路 一带 天下第一 亿万 万千 千千万万 成千上万 说一千道一万
    一成不变 千辛万苦 千丝万缕 千差万别 千山万水 万水千山 千真万确 千锤百炼 百折不挠 百废待兴
    千载难逢 千军万马 千磨万击 千恩万谢 千叮咛万嘱咐 百发百中 万古长青 万象更新 三令五申
    接二连三 一清二楚 一穷二白 四分五裂 五颜六色 放之四海而皆准 一如既往 一以贯之 一脉相承
    一视同仁 一丝不苟 一往无前 一揽子 一线
""".split(), key=len, reverse=True)
_ZH_NOT_NUMBERS_RE = re.compile("|".join(map(re.escape, _ZH_NOT_NUMBERS)))
#: but 一国两制 does carry "two" (one country, two systems): unmask that part again
_ZH_UNMASK = {"一国两制": (2, 3)}
#: set words that are numbers after all when followed by these: 十分钟 (ten minutes), 千万元
_ZH_NUMERIC_AFTER = {"十分": re.compile("钟"), "千万": re.compile("[元美欧英日港人吨户台辆件个名级亩条家所项倍]")}
#: financial numerals (大写数字), also everyday characters (大陆, 陆续, 队伍, 肆意, 收拾, 參加):
#: numbers only next to other financial numerals (叁佰, 壹万贰仟) or before a currency (伍元)
_ZH_FINANCIAL = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
_ZH_CURRENCY_AFTER = frozenset("元圆角")
#: numerals of either kind (大写 or everyday): they join runs of both
_ZH_NEUTRAL = frozenset("零〇○万萬亿億点多余")
#: 成 after a numeral of at most ten is tenths (三成 = 30 %) unless it starts a word (成员, 成立 …)
_ZH_NOT_TENTHS = frozenset("员立为果功就长本绩效交都熟分品型")
#: counters after an approximation such as 十七八个 (17 or 18), 十四五岁 (14 or 15 years old)
_ZH_COUNTERS = frozenset("个岁天年人名次家位件项种倍")
#: the Chinese names of the G7, G20, G77 (七国集团, 二十国集团, 77国集团): names, like G20
_ZH_GROUP_NAME = "国集团"


def parse_chinese_numeral(s: str) -> float | None:
    """The value of a Chinese numeral (一百零五, 二十五, 两百, 三万亿, 一九四九, 3万, 一点五亿)."""
    if not s:
        return None
    if "点" in s:
        whole, _, rest = s.partition("点")
        frac_digits = ""
        while rest and (rest[0] in _ZH_DIGITS or rest[0].isdigit()):
            frac_digits += str(_ZH_DIGITS.get(rest[0], rest[0]))
            rest = rest[1:]
        if not frac_digits or any(ch not in _ZH_SCALES for ch in rest):
            return None
        base = parse_chinese_numeral(whole) if whole else 0.0
        if base is None:
            return None
        value = base + float("0." + frac_digits)
        for ch in rest:
            value *= _ZH_SCALES[ch]
        return value
    if all(ch in _ZH_DIGITS for ch in s) and len(s) > 1:
        if len(s) < 4 and not any(ch in "零〇○" for ch in s):
            return None  # 一二三产业 "primary, secondary, tertiary", 五四运动, 三四天 "3 or 4 days"
        return float("".join(str(_ZH_DIGITS[ch]) for ch in s))  # 二〇二二 read digit by digit
    total = 0.0   # everything at 亿 level and above
    wan = 0.0     # the part at 万 level
    section = 0.0  # below 万
    num: float | None = None
    last_unit = 0
    prev_was_unit = False
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit() or ch == ".":
            j = i
            while j < len(s) and (s[j].isdigit() or s[j] == "."):
                j += 1
            try:
                num = float(s[i:j])
            except ValueError:
                return None
            i = j
            prev_was_unit = False
            continue
        if ch in _ZH_DIGITS:
            num = _ZH_DIGITS[ch]
            prev_was_unit = False
        elif ch in _ZH_UNITS:
            unit = _ZH_UNITS[ch]
            section += (num if num is not None else 1) * unit
            num = None
            last_unit = unit
            prev_was_unit = True
        elif ch in _ZH_SCALES:
            scale = _ZH_SCALES[ch]
            if i and s[i - 1] in _ZH_SCALES and _ZH_SCALES[s[i - 1]] > scale:
                return None  # 亿万 "hundreds of millions": a figure of speech, not a number
            part = section + (num or 0)
            if scale == 10**4:
                wan = (part or 1) * scale
            else:
                total = (total + wan + part or 1) * scale
                wan = 0
            section, num = 0, None
            last_unit = scale
            prev_was_unit = True
        elif ch in "多余":
            pass
        else:
            return None
        i += 1
    if num is not None and len(s) >= 2 and (s[-2] in _ZH_UNITS or s[-2] in _ZH_SCALES) \
            and not prev_was_unit and last_unit >= 100 and s[-1] in _ZH_DIGITS:
        num *= last_unit // 10  # 两百五 = 250, 一万五 = 15000
    return total + wan + section + (num or 0)


# ---------------------------------------------------------------------------------------------
# English number words

_EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_EN_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
              "trillion": 10**12}
_EN_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
_EN_ORDINALS.update({w: 10 * (i + 2) for i, w in enumerate(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split())})
_EN_ORDINALS.update({"hundredth": 100, "thousandth": 1000, "millionth": 10**6})
#: adverbs that are numbers: "twice" = 两次, "two times"
_EN_MULTIPLES = {"twice": 2, "thrice": 3}
_EN_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                 "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_EN_NUMBER_WORD = "|".join(sorted([*_EN_UNITS, *_EN_TENS, *_EN_SCALES, *_EN_ORDINALS, *_EN_MULTIPLES],
                                  key=len, reverse=True))


def parse_english_number(words: str) -> tuple[float, bool] | None:
    """Value of an English number phrase ("twenty-five", "one hundred and five", "third",
    "twenty-first", "two hundred thousand"); returns (value, is_ordinal)."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if not tokens:
        return None
    total = 0
    current = 0
    ordinal = False
    if len(tokens) == 1 and tokens[0] in _EN_MULTIPLES:
        return float(_EN_MULTIPLES[tokens[0]]), False
    for k, tok in enumerate(tokens):
        if tok in _EN_UNITS:
            current += _EN_UNITS[tok]
        elif tok in _EN_TENS:
            current += _EN_TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in _EN_SCALES:
            total += (current or 1) * _EN_SCALES[tok]
            current = 0
        elif tok in _EN_ORDINALS and k == len(tokens) - 1:
            ordinal = True
            value = _EN_ORDINALS[tok]
            if value >= 100:
                current = (current or 1) * value
            else:
                current += value
        else:
            return None
    return float(total + current), ordinal


# ---------------------------------------------------------------------------------------------
# patterns (on folded text: full-width digits and % are ASCII there)

_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
                "bn": 10**9, "mn": 10**6, "k": 10**3}
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_EN_NUMBER = re.compile(
    rf"(?:(?<=RMB)|(?<=CNY)|(?<=USD)|(?<=EUR)|(?<![\w.]))(?<![A-Za-z]-)(?P<num>{_ARABIC})(?![\d])"
    r"(?:(?P<ord>st|nd|rd|th)\b"
    r"|\s*(?P<pct>%|per\s?cent\b|pct\b|percentage points?\b)"
    r"|\s*-?\s*(?P<scale>thousand|million|billion|trillion|bn|mn)\b"
    r"|(?P<suffix>m|k)\b"
    r"|(?P<unit>(?=(?:mph|km/h|kmh|km|kg|cm|mm|ft|mi|lbs?|pm|am|kw|mw|gw|kwh|ha|sq)\b)))?"
    r"(?(unit)|(?![A-Za-z]))", re.IGNORECASE)
_EN_WORDS = re.compile(
    rf"\b(?P<words>(?:(?:{_EN_NUMBER_WORD})(?:[\s-]+(?:and[\s-]+)?(?=(?:{_EN_NUMBER_WORD})\b))?)+)\b"
    r"(?:\s*(?P<pct>percent\b|per cent\b|%))?", re.IGNORECASE)
#: the lower-case number words, and Latin words: a text with none of them has no number words
_EN_NUMBER_WORDS = frozenset(_EN_NUMBER_WORD.split("|"))
_LATIN_WORD = re.compile(r"[a-z]+")
#: "decades" after a number: two decades is 20 (years); not "decades-long"
_DECADES = re.compile(r"[\s-]+decades\b(?!-)", re.IGNORECASE)
_EN_FRACTION = re.compile(
    r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    r"(?P<d>half|halves|thirds?|quarters?|fifths?|tenths?)\b", re.IGNORECASE)
#: the Group of Twenty, the Group of 77: names, like G20 (but "a group of seven experts" counts)
_EN_GROUP_NAME = re.compile(r"\bGroup of\s+$")
_YEAR_DIGITS = re.compile(r"1[6-9]\d\d|20\d\d")
#: after a number that is a year: the 1990s, 2021-22
_YEAR_AFTER = re.compile(r"\s*(?:'s\b|-\d)")
_EN_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|from|until|till|to|before|after|during|of|early|late|mid|year|"
    r"years|fiscal|between|and|through|around|circa|spring|summer|autumn|fall|winter)\s+|'|-)$",
    re.IGNORECASE)

#: a numeral character after Arabic digits, but not the 千 of 3千米 (3 km), 3千克 (3 kg),
#: 3千瓦 (3 kW) … (after Chinese numerals 三千米 is 3,000 metres, so there it stays)
_ZH_AFTER_DIGITS = (rf"(?:[{_ZH_DIGIT_CHARS}十拾佰仟万萬亿億]|[千百](?![米克瓦卡焦兆赫帕]))")
_ZH_NUMBER = re.compile(
    rf"(?P<pct>百分之 ?)?(?P<ordp>第 ?)?(?P<num>(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?: ?[多余])?(?: ?(?=[万亿千百]){_ZH_AFTER_DIGITS}(?![\d{_ZH_DIGIT_CHARS}]))?(?:{_ZH_AFTER_DIGITS}|\d)*"
    rf"|(?<!\d)(?<!\d )[{_ZH_NUMERAL_CHARS}](?:[{_ZH_NUMERAL_CHARS}]|点(?=[{_ZH_DIGIT_CHARS}\d])"
    rf"|[多余](?=[万萬亿億]))*)"
    r"(?P<pcts>\s*(?:%|个百分点))?")
_ZH_FRACTION = re.compile(rf"(?P<d>[{_ZH_NUMERAL_CHARS}\d]+)分之(?P<n>[{_ZH_NUMERAL_CHARS}\d点.]+)")


# ---------------------------------------------------------------------------------------------
# dates

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
_ISO_DATE = re.compile(r"(?<![\d.])(?P<year>1\d{3}|2\d{3})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})"
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


def _folded_dates(folded: str) -> list[tuple[int, int, int | None, int | None, int | None]]:
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
    for index, pattern in enumerate(_EN_DATES):
        for m in pattern.finditer(folded):
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


# ---------------------------------------------------------------------------------------------
# numbers

def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def _to_float(s: str) -> float:
    return float(s.replace(",", ""))


def _en_numbers(folded: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, float, str]]:
    """English numbers as (start, end, value, kind) in ``folded``: fractions ("two thirds"),
    numerals (3, 30%, 3rd, 1.5 billion, 2022) and number words ("twenty-five"), each kept
    only where no earlier one (or a date in ``taken``) already is."""
    found: list[tuple[int, int, float, str]] = []
    candidates = [*_en_fractions(folded), *_en_numerals(folded)]
    if not _EN_NUMBER_WORDS.isdisjoint(_LATIN_WORD.findall(folded.lower())):
        candidates += _en_number_words(folded)  # the long pattern, only when a word may match
    for mention in candidates:
        start, end = mention[:2]
        if _overlaps(taken, start, end) or _EN_GROUP_NAME.search(folded, max(0, start - 10), start):
            continue  # the Group of Twenty: a name, like G20
        if mention[3] == "cardinal" and _DECADES.match(folded, end):
            mention = (start, end, mention[2] * 10, "cardinal")  # two decades: 20 (years)
        found.append(mention)
        taken.append((start, end))
    return found


def _en_fractions(folded: str) -> Iterator[tuple[int, int, float, str]]:
    for m in _EN_FRACTION.finditer(folded):
        n = m["n"].lower()
        num = 1 if n in ("a", "an", "one") else _EN_UNITS[n]
        yield m.start(), m.end(), num / _EN_FRACTIONS[m["d"].lower()], "cardinal"


def _en_numerals(folded: str) -> Iterator[tuple[int, int, float, str]]:
    for m in _EN_NUMBER.finditer(folded):
        start, end = m.span()
        value = _to_float(m["num"])
        kind = "cardinal"
        if m["ord"]:
            kind = "ordinal"
        elif m["pct"]:
            kind = "percent"
        elif m["scale"]:
            value *= _SCALE_WORDS[m["scale"].lower()]
        elif m["suffix"]:
            if folded[max(0, start - 1):start] in ("$", "£", "€", "¥"):
                value *= 10**6 if m["suffix"].lower() == "m" else 10**3  # £75m, $120k
            # otherwise 75m is 75 metres
        elif _YEAR_DIGITS.fullmatch(m["num"]) and (_EN_YEAR_CONTEXT.search(folded, 0, start)
                                                   or _YEAR_AFTER.match(folded, end)):
            kind = "year"
        yield start, end, value, kind


def _en_number_words(folded: str) -> Iterator[tuple[int, int, float, str]]:
    for m in _EN_WORDS.finditer(folded):
        start, end = m.span()
        words = m["words"]
        parsed = parse_english_number(words)
        if parsed is None:
            continue
        value, ordinal = parsed
        lower = words.lower()
        if lower in _EN_SCALES:
            article = re.search(r"\b(?:a|an)\s+$", folded[max(0, start - 4):start])
            if not article:
                continue  # "thousand" without a count
            start -= len(article.group())  # "a million" = 1,000,000
        elif lower == "one":
            continue  # "one of them": mostly a pronoun or an article
        if lower == "second" and re.search(r"\b(?:per|every|split)\s+$", folded[max(0, start - 8):start]):
            continue  # "per second": a unit of time
        if lower == "first" and folded[end:end + 1] == "," and (
                start == 0 or folded[:start].rstrip()[-1:] in ".!?;:\"" or not folded[:start].strip()):
            continue  # "First, …" is a discourse marker like 首先
        yield start, end, value, "percent" if m["pct"] else "ordinal" if ordinal else "cardinal"


def _is_numeral(ch: str) -> bool:
    return ch in _ZH_NUMERAL_CHARS or ch.isdigit()


def _mask_set_words(folded: str) -> str:
    """``folded`` with the set words that hold numeral characters (一些, 统一, 千万 …) blanked
    out, except where they are part of a number after all (三千万, 二十分钟, 三万一千, 千万元)."""
    masked = list(folded)
    for m in _ZH_NOT_NUMBERS_RE.finditer(folded):
        start, end = m.span()
        word = m.group()
        if start and word[0] in _ZH_NUMERAL_CHARS and _is_numeral(folded[start - 1]):
            continue
        after = _ZH_NUMERIC_AFTER.get(word)
        if after is not None and after.match(folded, end):
            continue
        keep = _ZH_UNMASK.get(word, (0, 0))
        for i in range(start, end):
            if not keep[0] <= i - start < keep[1]:
                masked[i] = "\x00"
    return "".join(masked)


def _zh_numbers(folded: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, float, str]]:
    found: list[tuple[int, int, float, str]] = []
    text = _mask_set_words(folded)
    for m in _ZH_FRACTION.finditer(text):
        d, n = parse_chinese_numeral(m["d"]), parse_chinese_numeral(m["n"])
        if d == 100 and n is not None:
            continue  # 百分之…: a percentage, handled below
        if d and n is not None and not _overlaps(taken, *m.span()):
            found.append((m.start(), m.end(), n / d, "cardinal"))
            taken.append(m.span())
    for m in _ZH_NUMBER.finditer(text):
        start, end = m.span()
        num = m["num"]
        if _overlaps(taken, start, end) or _is_name(folded, num, start, end):
            continue
        pieces = _split_numeral(num)
        if _is_approximate_pair(pieces, folded, end):
            continue
        num_start = m.start("num")
        for k, (offset, core) in enumerate(pieces):
            first, last = k == 0, k == len(pieces) - 1
            a = start if first else num_start + offset
            b = end if last else num_start + offset + len(core)
            found_one = _zh_mention(folded, core, a, b, num_start + offset,
                                    pct=first and bool(m["pct"]) or last and bool(m["pcts"]),
                                    ordinal=first and bool(m["ordp"]))
            if found_one:
                found.append(found_one)
                taken.append(found_one[:2])
    return found


def _is_name(folded: str, num: str, start: int, end: int) -> bool:
    """Digits glued to Latin letters (G20, COVID-19, MH370) and the numbers of 二十国集团 (the
    G20) are parts of names, not numbers."""
    if folded.startswith(_ZH_GROUP_NAME, end):
        return True
    if not num[0].isdigit():
        return False
    before = folded[start - 1] if start else ""
    if before.isascii() and before.isalpha() or before == "-" and start > 1 and folded[start - 2].isalpha():
        return True
    return end < len(folded) and folded[end].isascii() and folded[end].isalpha()


def _split_numeral(num: str) -> list[tuple[int, str]]:
    """A run of Chinese numerals that reads as several numbers: cut where a digit follows a
    digit after a unit (十四五, the 14th Five-Year Plan, is 十四 and 五) and where financial
    numerals meet everyday ones (着陆二十: 陆 and 二十). Runs of bare digits (一九四九, 三五) and
    Arabic numerals stay whole."""
    if any(ch.isdigit() for ch in num):
        return [(0, num)]
    pieces: list[tuple[int, str]] = []
    begin = 0
    financial: bool | None = None  # the kind of the numerals of the current piece so far
    for i, ch in enumerate(num):
        kind = None if ch in _ZH_NEUTRAL else ch in _ZH_FINANCIAL
        cut = kind is not None and financial is not None and kind != financial
        if not cut and i and ch in _ZH_DIGITS and num[i - 1] in _ZH_DIGITS and num[i - 1] not in "零〇" \
                and any(c in _ZH_UNITS or c in _ZH_SCALES for c in num[begin:i]):
            cut = True
        if cut:
            pieces.append((begin, num[begin:i]))
            begin, financial = i, None
        if kind is not None:
            financial = kind
    pieces.append((begin, num[begin:]))
    return pieces


def _is_approximate_pair(pieces: list[tuple[int, str]], folded: str, end: int) -> bool:
    """十七八个, 十四五岁: "17 or 18", "14 or 15" before a counter (but 十四五规划 is a plan)."""
    if len(pieces) != 2 or folded[end:end + 1] not in _ZH_COUNTERS:
        return False
    (_, first), (_, second) = pieces
    return (len(second) == 1 and second in _ZH_DIGITS and first[-1] in _ZH_DIGITS
            and _ZH_DIGITS[second] == _ZH_DIGITS[first[-1]] + 1)


def _zh_mention(folded: str, core: str, start: int, end: int, core_start: int, *, pct: bool,
                ordinal: bool) -> tuple[int, int, float, str] | None:
    """One Chinese number, or ``None`` when ``core`` is not one (see the module docstring)."""
    compact = core.replace(" ", "")  # "300 万" as news sites space it
    value = parse_chinese_numeral(compact) if not re.fullmatch(_ARABIC, compact) else _to_float(compact)
    if value is None:
        return None
    core_end = core_start + len(core)
    after = folded[core_end:core_end + 1]
    if not pct and not ordinal and after == "成" and value <= 10 and end == core_end \
            and folded[core_end + 1:core_end + 2] not in _ZH_NOT_TENTHS:
        return start, end + 1, value * 10, "percent"  # 三成 = 30 %
    if not pct and not ordinal and not _is_numeric_word(folded, core, core_start, core_end):
        return None
    kind = "cardinal"
    if pct:
        kind = "percent"
    elif ordinal:
        kind = "ordinal"
    elif after == "年" and 1000 <= value <= 2999 and value == int(value) and len(core) == 4:
        kind = "year"
    return start, end, value, kind


def _is_numeric_word(folded: str, core: str, core_start: int, core_end: int) -> bool:
    """Whether numeral characters without 第, 百分之 or % around them are a number here."""
    if any(ch.isdigit() for ch in core):
        return True
    after = folded[core_end:core_end + 1]
    if len(core) == 1 and core in _ZH_FINANCIAL:
        return after in _ZH_CURRENCY_AFTER  # 伍元, but 大陆, 软着陆, 队伍, 收拾
    if core == "一":
        return False  # "一名男子" = "a man"
    if core in ("万", "萬", "亿", "億"):
        return after in ("余", "多")  # 万余人, but 雅万高铁, 万隆
    if len(core) == 2 and all(ch in _ZH_DIGITS for ch in core) and "〇" not in core \
            and "零" not in core and core[0] != core[1] and after != "年":
        return False  # 三五天 "three or five days": an approximation, not a number
    if all(ch in _ZH_UNITS or ch in _ZH_SCALES for ch in core) and (
            folded[core_start - 1:core_start] in ("几", "数", "上", "成", "近") or after == "几"):
        return False  # 数十年 "decades", 几百 "several hundred", 上千 "over a thousand"
    return True


def extract_mentions(text: str, lang: str) -> tuple[list[NumberMention], list[DateMention]]:
    """The numbers and the dates of ``text`` in one pass (what :func:`extract_numbers` and
    :func:`extract_dates` give, for callers that want both)."""
    folded, origin = fold_with_map(text)
    found_dates = _folded_dates(folded)
    taken: list[tuple[int, int]] = [(s, e) for s, e, *_ in found_dates]
    found = _zh_numbers(folded, taken) if lang == "zh" else _en_numbers(folded, taken)
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
    out = []
    for start, end, y, m, d in _folded_dates(folded):
        a, b = original_span(origin, text, start, end)
        out.append(DateMention(y, m, d, (a, b), text[a:b]))
    return out
