"""Chinese numbers: numerals (一百零五, 3万, 一点五亿, 百分之三十, 三成, 第三), set words and
names that hold numeral characters but are no numbers."""
from __future__ import annotations

import re

from align.numbers.common import ARABIC as _ARABIC
from align.numbers.common import Found
from align.numbers.common import overlaps as _overlaps
from align.numbers.common import to_float as _to_float

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
    行百里者半九十 十万八千里 七零八落 一点一点 一点点 一点儿 五成新 六成新 七成新 八成新 九成新
    一对一 三三两两 九牛一毛 一五一十 半斤八两
""".split(), key=len, reverse=True)
_ZH_NOT_NUMBERS_RE = re.compile("|".join(map(re.escape, _ZH_NOT_NUMBERS)))
#: but 一国两制 does carry "two" (one country, two systems): unmask that part again
_ZH_UNMASK = {"一国两制": (2, 3)}
#: set words that are numbers after all when followed by these: 十分钟 (ten minutes), 千万元
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_ZH_NUMERIC_AFTER = {"十分": re.compile("钟|之"), "千万": re.compile("[元美欧英日港人吨户台辆件个名级亩条家所项倍]")}
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
#: units of measure written in Latin letters right after the digits: 22cm2, 7cm, 60kg (not K:
#: 3K is three thousand as often as three kelvin, and 3K背景辐射 a name)
_UNIT_AFTER = re.compile(r"(?:[kcm]?m[23²³]?|kg|mg|g|t|°C|ha|km/h|kmh|kW|MW|GW|kWh|ml|L)"
                         r"(?![A-Za-z])")
#: after the numeral of a congress or a plenary session, an ordinal without 第: 十八大 (the
#: 18th Congress), 十八届三中全会 (the Third Plenary Session of the 18th Central Committee)
_ZH_SESSION = re.compile(r"届|中全会|大(?=[^\d一二三四五六七八九十百千万亿]|$)")
#: the measure word 两 (a tael) after a figure: 二十两 is 20 taels (two is 二 in a figure)
_ZH_TAEL = frozenset("两兩")


def parse_chinese_numeral(s: str) -> float | None:
    """The value of a Chinese numeral (一百零五, 二十五, 两百, 三万亿, 一九四九, 3万, 1,000万,
    一点五亿)."""
    if not s:
        return None
    if "," in s:
        s = _THOUSANDS.sub("", s)  # 1,000万
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



#: a numeral character after Arabic digits, but not the 千 of 3千米 (3 km), 3千克 (3 kg),
#: 3千瓦 (3 kW) … (after Chinese numerals 三千米 is 3,000 metres, so there it stays)
_ZH_AFTER_DIGITS = (rf"(?:[{_ZH_DIGIT_CHARS}十拾佰仟万萬亿億]|[千百](?![米克瓦卡焦兆赫帕]))")
_ZH_NUMBER = re.compile(  # (?=[…]): what a number can start with, a cheap test at each place
    rf"(?=[百第\d{_ZH_NUMERAL_CHARS}])"
    rf"(?P<pct>百分之 ?)?(?P<ordp>第 ?)?(?P<num>(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?: ?[多余])?(?: ?(?=[万亿千百]){_ZH_AFTER_DIGITS}(?![\d{_ZH_DIGIT_CHARS}]))?(?:{_ZH_AFTER_DIGITS}|\d)*"
    rf"|(?<!\d)(?<!\d )[{_ZH_NUMERAL_CHARS}](?:[{_ZH_NUMERAL_CHARS}]|点(?=[{_ZH_DIGIT_CHARS}\d])"
    rf"|[多余](?=[万萬亿億]))*)"
    r"(?P<pcts>\s*(?:%|个百分点))?")
_ZH_FRACTION = re.compile(rf"(?P<d>[{_ZH_NUMERAL_CHARS}\d]+)分之(?P<n>[{_ZH_NUMERAL_CHARS}\d点.]+)")


def _is_numeral(ch: str) -> bool:
    return ch in _ZH_NUMERAL_CHARS or ch.isdigit()


def _mask_set_words(folded: str) -> str:
    """``folded`` with the set words that hold numeral characters (一些, 统一, 千万 …) blanked
    out, except where they are part of a number after all (三千万, 二十分钟, 三万一千, 千万元)."""
    words = list(_ZH_NOT_NUMBERS_RE.finditer(folded))
    if not words:
        return folded
    masked = list(folded)
    for m in words:
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


def zh_numbers(folded: str, taken: list[tuple[int, int]]) -> list[Found]:
    found: list[tuple[int, int, float, str]] = []
    text = _mask_set_words(folded)
    for m in _ZH_FRACTION.finditer(text) if "分之" in text else ():
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
        if num in _ZH_TAEL and folded[start - 1:start] in ("几", "多", "余", "半"):
            continue  # 二十几两, 半两: taels
        if len(num) > 1 and num[-1] in _ZH_TAEL and not m["pcts"] and end == m.end("num"):
            num, end = num[:-1], end - 1  # 二十两 (银子): twenty taels
            if num[-1] in _ZH_DIGITS and len(num) > 1 and num[-2] in _ZH_DIGITS:
                continue  # 八九两: eight or nine taels
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
    if _UNIT_AFTER.match(folded, end):
        return False  # 22cm2, 7cm, 3K: a measure, not a name
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
    elif ordinal or _ZH_SESSION.match(folded, core_end) and core not in _ZH_TAEL \
            and (len(core) > 1 or after != "大"):
        kind = "ordinal"  # 十八大, 十八届, 三中全会 (but 三大 is "three major")
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
    if len(core) == 3 and core[0] in _ZH_DIGITS and core[1] in _ZH_DIGITS \
            and _ZH_DIGITS[core[1]] == _ZH_DIGITS[core[0]] + 1 and core[2] in _ZH_UNITS:
        return False  # 一二十 "ten or twenty", 三四百 "three or four hundred"
    if all(ch in _ZH_UNITS or ch in _ZH_SCALES for ch in core) and (
            folded[core_start - 1:core_start] in ("几", "数", "上", "成", "近") or after == "几"):
        return False  # 数十年 "decades", 几百 "several hundred", 上千 "over a thousand"
    return True


