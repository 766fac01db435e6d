"""Numbers and dates in Chinese and English: values, kinds and spans in the original text."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from align.numbers import (extract_dates, extract_numbers, parse_chinese_numeral,
                           parse_english_number)


def numbers(text: str, lang: str) -> list[tuple[float, str, str]]:
    """(value, kind, text) of every number, checking each span against the text on the way."""
    out = []
    for n in extract_numbers(text, lang):
        assert text[n.span[0]:n.span[1]] == n.text
        out.append((n.value, n.kind, n.text))
    return out


def dates(text: str, lang: str) -> list[tuple[int | None, int | None, int | None, str]]:
    out = []
    for d in extract_dates(text, lang):
        assert text[d.span[0]:d.span[1]] == d.text
        out.append((d.year, d.month, d.day, d.text))
    return out


# --- Chinese numerals ------------------------------------------------------------------------

@pytest.mark.parametrize("numeral,value", [
    ("三", 3), ("十", 10), ("十五", 15), ("二十", 20), ("二十五", 25), ("两百", 200),
    ("一百零五", 105), ("一百一十", 110), ("三千零二十", 3020), ("一万", 10000),
    ("十五万", 150000), ("三万亿", 3 * 10**12), ("一亿五千万", 150_000_000),
    ("两百五", 250), ("一万五", 15000), ("一九四九", 1949), ("二〇二二", 2022),
    ("一点五", 1.5), ("一点五亿", 150_000_000), ("3万", 30000), ("1.5亿", 150_000_000),
    ("30多万", 300000), ("壹佰", 100), ("零", 0),
])
def test_chinese_numeral_values(numeral, value):
    assert parse_chinese_numeral(numeral) == pytest.approx(value)


@pytest.mark.parametrize("text,expected", [
    ("三天前，外长会见了代表。", [(3, "cardinal", "三")]),
    ("会见了二十五名代表和两百名学生。", [(25, "cardinal", "二十五"), (200, "cardinal", "两百")]),
    ("共有一百零五个项目。", [(105, "cardinal", "一百零五")]),
    ("共3万人参加，投资1.5亿元。", [(30000, "cardinal", "3万"), (1.5e8, "cardinal", "1.5亿")]),
    ("占百分之三十，即30%。", [(30, "percent", "百分之三十"), (30, "percent", "30%")]),
    ("增长５０％。", [(50, "percent", "５０％")]),
    ("增长0.5个百分点。", [(0.5, "percent", "0.5个百分点")]),
    ("第三次会议举行。", [(3, "ordinal", "第三")]),
    ("第十八届中央委员会", [(18, "ordinal", "第十八")]),
    ("第3轮谈判", [(3, "ordinal", "第3")]),
    ("会议于2022年举行。", [(2022, "year", "2022")]),
    ("二〇二二年是关键的一年。", [(2022, "year", "二〇二二")]),
    ("持续了3年。", [(3, "cardinal", "3")]),
    ("三分之一的人口", [(pytest.approx(1 / 3), "cardinal", "三分之一")]),
    ("超过14亿人口", [(1.4e9, "cardinal", "14亿")]),
    ("约30,000人", [(30000, "cardinal", "30,000")]),
    ("上午 10 点 50 分", [(10.8333333333, "time", "上午 10 点 50 分")]),
    ("两国关系", [(2, "cardinal", "两")]),
    ("十四五规划", [(14, "cardinal", "十四"), (5, "cardinal", "五")]),   # 14th Five-Year Plan
    ("二十多个国家", [(20, "cardinal", "二十")]),
    ("登记了近 300 万选民，获得 66.3 万个签名。",                          # spaced as news sites do
     [(3e6, "cardinal", "300 万"), (663000, "cardinal", "66.3 万")]),
    ("在测试赛的第 4 天", [(4, "ordinal", "第 4")]),
    ("3千米和3千克", [(3, "cardinal", "3"), (3, "cardinal", "3")]),            # km and kg
    ("三千米", [(3000, "cardinal", "三千")]),                                  # 3,000 metres
    ("3万5千人", [(35000, "cardinal", "3万5千")]),
    ("一国两制", [(2, "cardinal", "两")]),
    # set words (千万 "by all means", 十分 "very", 万一 "in case") inside a number are digits
    ("三千万美元", [(3e7, "cardinal", "三千万")]),
    ("三万一千人", [(31000, "cardinal", "三万一千")]),
    ("一亿五千万剂疫苗", [(1.5e8, "cardinal", "一亿五千万")]),
    ("二十分钟后", [(20, "cardinal", "二十")]),
    ("差十分钟", [(10, "cardinal", "十")]),
    ("一百多亿年前", [(1e10, "cardinal", "一百多亿")]),
    ("三十余万人", [(300000, "cardinal", "三十余万")]),
    ("万余人参加", [(10000, "cardinal", "万")]),
    # financial numerals (大写) among themselves or before a currency
    ("人民币壹万贰仟叁佰元整", [(12300, "cardinal", "壹万贰仟叁佰")]),
    ("叁拾伍元", [(35, "cardinal", "叁拾伍")]),
    ("伍元", [(5, "cardinal", "伍")]),
    ("飞机着陆二十分钟后", [(20, "cardinal", "二十")]),
    # 成 after a numeral is tenths, unless it begins a word (成员, 成为 …)
    ("出口近四成流向邻国", [(40, "percent", "四成")]),
    ("三成和3成", [(30, "percent", "三成"), (30, "percent", "3成")]),
    ("仅占一成", [(10, "percent", "一成")]),
    ("两成员国", [(2, "cardinal", "两")]),
])
def test_chinese_numbers(text, expected):
    assert numbers(text, "zh") == expected


@pytest.mark.parametrize("text", [
    "一名男子死亡。",          # 一 as an article: "a man"
    "一些国家表示支持。",      # 一些 "some"
    "统一思想，千万不要松懈。",  # 统一 "unify", 千万 "by all means"
    "两岸关系和平发展。",      # 两岸 "cross-Strait"
    "这个问题十分重要。",      # 十分 "very"
    "他们千方百计解决问题。",   # an idiom
    "三五天后再说。",          # an approximation, "three or five days"
    "G20峰会和COVID-19疫情",   # names with digits
    "数十年来，几百人、上千名代表和十几个国家参加。",  # approximations: decades, hundreds …
    "亿万人民的奋斗，成千上万的人。",                   # "hundreds of millions", "thousands"
    "推动局势实现软着陆。",     # 陆 "land", not the financial numeral 6
    "代表陆续抵达大陆。",       # 陆续 "one after another", 大陆 "mainland"
    "队伍不断壮大，肆意妄为，收拾残局。",  # 伍, 肆, 拾 in everyday words
    "各方參加會議。",           # 參 "take part" in traditional characters
    "加快雅万高铁建设，访问万隆。",  # 万 in names (Jakarta-Bandung, Bandung)
    "二十国集团和77国集团",      # the G20 and the G77: names, as G20 is
    "十七八个人，十四五岁年纪。",  # "17 or 18", "14 or 15": approximations
    "一成不变，历经千辛万苦。",    # idioms
    "加快一二三产业转型，纪念五四运动。",  # "primary, secondary and tertiary", May Fourth
])
def test_chinese_words_that_are_not_numbers(text):
    assert numbers(text, "zh") == []


# --- English ---------------------------------------------------------------------------------

@pytest.mark.parametrize("words,value,ordinal", [
    ("three", 3, False), ("twenty-five", 25, False), ("ninety-nine", 99, False),
    ("one hundred and five", 105, False), ("two hundred", 200, False),
    ("three thousand", 3000, False), ("two hundred thousand", 200000, False),
    ("first", 1, True), ("third", 3, True), ("twenty-first", 21, True), ("hundredth", 100, True),
])
def test_english_number_words(words, value, ordinal):
    assert parse_english_number(words) == (value, ordinal)


@pytest.mark.parametrize("text,expected", [
    ("Three days ago, the minister spoke.", [(3, "cardinal", "Three")]),
    ("He met twenty-five delegates and two hundred students.",
     [(25, "cardinal", "twenty-five"), (200, "cardinal", "two hundred")]),
    ("It grew by one hundred and five.", [(105, "cardinal", "one hundred and five")]),
    ("About 30,000 people came.", [(30000, "cardinal", "30,000")]),
    ("It costs 1.5 billion dollars.", [(1.5e9, "cardinal", "1.5 billion")]),
    ("It weighs 3 million tons.", [(3e6, "cardinal", "3 million")]),
    ("Sales hit $5bn.", [(5e9, "cardinal", "5bn")]),
    ("a million people", [(1e6, "cardinal", "a million")]),
    ("Trade rose 30%, or thirty percent, or 30 per cent.",
     [(30, "percent", "30%"), (30, "percent", "thirty percent"), (30, "percent", "30 per cent")]),
    ("up 2 percentage points", [(2, "percent", "2 percentage points")]),
    ("the third meeting and the 3rd one", [(3, "ordinal", "third"), (3, "ordinal", "3rd")]),
    ("the 21st century and the twenty-first century",
     [(21, "ordinal", "21st"), (21, "ordinal", "twenty-first")]),
    ("It was held in 2022.", [(2022, "year", "2022")]),
    ("Since 1949 the city grew.", [(1949, "year", "1949")]),
    ("2000 people came.", [(2000, "cardinal", "2000")]),
    ("a third of them and two thirds of the rest",
     [(pytest.approx(1 / 3), "cardinal", "a third"), (pytest.approx(2 / 3), "cardinal", "two thirds")]),
    ("ninety-nine bottles", [(99, "cardinal", "ninety-nine")]),
    ("the 52nd anniversary", [(52, "ordinal", "52nd")]),
    ("They met twice.", [(2, "cardinal", "twice")]),
    ("£75m in aid and $3.5m more", [(75e6, "cardinal", "75m"), (3.5e6, "cardinal", "3.5m")]),
    ("gusts of 80-85mph from 9pm", [(80, "cardinal", "80"), (85, "cardinal", "85"),
                                    (21, "time", "9pm")]),
    ("In the 1990s, trade grew.", [(1990, "decade", "1990s")]),
    ("a 10km run", [(10, "cardinal", "10")]),
    ("the 14th Five-Year Plan", [(14, "ordinal", "14th"), (5, "cardinal", "Five")]),
    ("a group of seven experts", [(7, "cardinal", "seven")]),
])
def test_english_numbers(text, expected):
    assert numbers(text, "en") == expected


@pytest.mark.parametrize("text", [
    "One of them agreed.",            # a pronoun
    "First, we must agree.",          # a discourse marker like 首先
    "The G20 and COVID-19 and MH370.",  # names with digits
    "Version v2.0.1 was released.",   # a version, not a number
    "It changes every second.",       # a unit of time
    "The Group of Twenty and the Group of 77.",  # names, as G20 is
])
def test_english_words_that_are_not_numbers(text):
    assert numbers(text, "en") == []


# --- the same value on both sides ------------------------------------------------------------

@pytest.mark.parametrize("zh,en", [
    ("三天前", "three days ago"),
    ("二十五名代表", "twenty-five delegates"),
    ("3万人", "30,000 people"),
    ("1.5亿元", "150 million yuan"),
    ("百分之三十", "30 percent"),
    ("第三次", "the third time"),
    ("2022年", "in 2022"),
    ("一百零五个", "one hundred and five"),
    ("136.7亿元", "13.67 billion yuan"),
    ("0.3万", "3,000"),
    ("1.1亿", "110 million"),
    ("近三成", "nearly 30 percent"),
    ("一千多万", "10 million"),
])
def test_translations_give_equal_values(zh, en):
    zh_values = [(n.value, n.kind) for n in extract_numbers(zh, "zh")]
    en_values = [(n.value, n.kind) for n in extract_numbers(en, "en")]
    assert zh_values == en_values and zh_values


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2022年1月10日，王毅通电话。", [(2022, 1, 10, "2022年1月10日")]),
    ("（2012年11月15日）", [(2012, 11, 15, "2012年11月15日")]),
    ("1月10日，双方会谈。", [(None, 1, 10, "1月10日")]),
    ("2022年1月，双方会谈。", [(2022, 1, None, "2022年1月")]),
    ("一九四九年十月一日", [(1949, 10, 1, "一九四九年十月一日")]),
    ("二〇二二年一月十日", [(2022, 1, 10, "二〇二二年一月十日")]),
    ("３月５日", [(None, 3, 5, "３月５日")]),
    ("发布时间：2022-01-11 14:10", [(2022, 1, 11, "2022-01-11")]),
    ("持续三个月。", []),
    ("2022年是关键一年。", []),
    ("1月10日至11日", [(None, 1, 10, "1月10日"), (None, 1, 11, "11日")]),
    ("2022年3月2日至4日访华", [(2022, 3, 2, "2022年3月2日"), (2022, 3, 4, "4日")]),
    ("1月10日、11日和12日", [(None, 1, 10, "1月10日"), (None, 1, 11, "11日"), (None, 1, 12, "12日")]),
    ("1月10日至2月3日", [(None, 1, 10, "1月10日"), (None, 2, 3, "2月3日")]),
    ("1月10日和11人", [(None, 1, 10, "1月10日")]),
    # ranges whose first end leaves out what the second end says
    ("3月1至5日", [(None, 3, 1, "3月1"), (None, 3, 5, "5日")]),
    ("2022年3月1至5日", [(2022, 3, 1, "2022年3月1"), (2022, 3, 5, "5日")]),
    ("1至2月", [(None, 1, None, "1"), (None, 2, None, "2月")]),
    ("2023年1-11月", [(2023, 1, None, "2023年1"), (2023, 11, None, "11月")]),
    ("今年1—2月份", [(None, 1, None, "1"), (None, 2, None, "2月")]),
    ("3月1日—4月2日", [(None, 3, 1, "3月1日"), (None, 4, 2, "4月2日")]),
    ("持续5至6个月。", []),
])
def test_chinese_dates(text, expected):
    assert dates(text, "zh") == expected


@pytest.mark.parametrize("text,expected", [
    ("On January 10, 2022, Wang Yi spoke.", [(2022, 1, 10, "January 10, 2022")]),
    ("On 10 January 2022 they met.", [(2022, 1, 10, "10 January 2022")]),
    ("They met on Jan. 10 in Beijing.", [(None, 1, 10, "Jan. 10")]),
    ("They met on January 10th.", [(None, 1, 10, "January 10th")]),
    ("In January 2022 they met.", [(2022, 1, None, "January 2022")]),
    ("the 10th of January, 2022", [(2022, 1, 10, "10th of January, 2022")]),
    ("November 15, 2012", [(2012, 11, 15, "November 15, 2012")]),
    ("Sept. 3 and Dec. 25", [(None, 9, 3, "Sept. 3"), (None, 12, 25, "Dec. 25")]),
    ("He may come in May 2021.", [(2021, 5, None, "May 2021")]),
    ("In September, she tweeted.", [(None, 9, None, "September")]),
    ("between March and June", [(None, 3, None, "March"), (None, 6, None, "June")]),
    ("the March on Rome", []),
    ("since Jan. 5", [(None, 1, 5, "Jan. 5")]),
    ("We march on.", []),
    ("On January 32 nothing happened.", []),
    ("The September meeting was useful.", [(None, 9, None, "September")]),
    ("October saw growth.", [(None, 10, None, "October")]),
    ("Theresa May, April Ryan, the October Revolution, the Long March.", []),
    ("From January 10 to 12, 2022, they met.",
     [(None, 1, 10, "January 10"), (2022, 1, 12, "12, 2022")]),
    ("on Jan. 10-12", [(None, 1, 10, "Jan. 10"), (None, 1, 12, "12")]),
    ("10-12 January 2022", [(2022, 1, 10, "10"), (2022, 1, 12, "12 January 2022")]),
    ("on 10 and 11 May", [(None, 5, 10, "10"), (None, 5, 11, "11 May")]),
    ("on January 12 to 10 countries", [(None, 1, 12, "January 12")]),  # ranges run forward
    ("on January 10 to 12 percent", [(None, 1, 10, "January 10")]),
    ("January-February 2023", [(2023, 1, None, "January"), (2023, 2, None, "February 2023")]),
    ("from January to November 2023",
     [(2023, 1, None, "January"), (2023, 11, None, "November 2023")]),
    ("from March to April 2, 2023", [(None, 3, None, "March"), (2023, 4, 2, "April 2, 2023")]),
])
def test_english_dates(text, expected):
    assert dates(text, "en") == expected


@pytest.mark.parametrize("zh,en", [
    ("2022年1月10日", "January 10, 2022"),
    ("2022年1月10日", "10 January 2022"),
    ("1月10日", "Jan. 10"),
    ("1月10日", "January 10"),
    ("9 月，她发表了讲话。", "In September, she spoke."),
])
def test_dates_match_across_languages(zh, en):
    (a,), (b,) = extract_dates(zh, "zh"), extract_dates(en, "en")
    assert (a.year, a.month, a.day) == (b.year, b.month, b.day)


@pytest.mark.parametrize("zh,en", [
    ("1月10日至12日", "January 10 to 12"),
    ("3月2日至4日", "2-4 March"),
    ("2022年1月10日至11日", "January 10 and 11, 2022"),
    ("3月1至5日", "March 1 to 5"),
    ("3月1日至5日", "March 1-5"),
    ("1至2月", "January-February"),
    ("2023年1-11月", "January-November 2023"),
    ("3月1日—4月2日", "from March 1 to April 2"),
])
def test_date_ranges_match_across_languages(zh, en):
    days = [(d.month, d.day) for d in extract_dates(zh, "zh")]
    assert days == [(d.month, d.day) for d in extract_dates(en, "en")] and len(days) == 2
    assert extract_numbers(zh, "zh") == [] and extract_numbers(en, "en") == []


@pytest.mark.parametrize("zh,en", [
    ("二十国集团", "the G20"),
    ("二十国集团", "the Group of Twenty"),
    ("七十七国集团", "the Group of 77"),
])
def test_names_with_numbers_are_names_on_both_sides(zh, en):
    assert extract_numbers(zh, "zh") == [] and extract_numbers(en, "en") == []


def test_numbers_inside_dates_are_not_numbers():
    assert numbers("2022年1月10日，双方签署3项协议。", "zh") == [(3, "cardinal", "3")]
    assert numbers("On January 10, 2022, they signed 3 agreements.", "en") == [
        (3, "cardinal", "3")]


def test_spans_point_into_the_original_text_after_folding():
    text = "双方签署了\u3000１５项协议，增长“百分之三十”。"
    found = extract_numbers(text, "zh")
    assert [(n.value, n.text) for n in found] == [(15, "１５"), (30, "百分之三十")]
    assert all(text[n.span[0]:n.span[1]] == n.text for n in found)


_PIECES = list("abc .,%0123456789一二三十百千万亿两零〇第年月日号点分之 -") + [
    "百分之", "第三", "2022年", "1月10日", "January", " 10, 2022", "three", "twenty-five",
    "hundred", "a third", "Jan. ", "１５", "percent", "3rd", "G20"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.sampled_from(["en", "zh"]))
@example("0点0分", "zh")  # a time of day, as the number forms read it
@example("70年代", "zh")  # a decade
def test_any_text_gives_mentions_with_exact_spans(text, lang):
    found = extract_numbers(text, lang)
    for n in found:
        assert text[n.span[0]:n.span[1]] == n.text and n.text
        assert n.kind in ("cardinal", "percent", "ordinal", "year", "time", "decade")
    assert [n.span for n in found] == sorted(n.span for n in found)
    for d in extract_dates(text, lang):
        assert text[d.span[0]:d.span[1]] == d.text
        assert d.month is None or 1 <= d.month <= 12
        # numbers never overlap a date
        assert all(n.span[1] <= d.span[0] or d.span[1] <= n.span[0] for n in found)
