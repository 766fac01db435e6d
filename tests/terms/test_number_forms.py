"""Numbers as translators and typesetters write them, in both directions: each form is clean
when the translation is faithful, and a changed figure in it is still an error. Sentences
written for these tests."""
from __future__ import annotations

import pytest

from align.numbers import extract_numbers
from terms.checks import Checker, Pair
from terms.config import Config


@pytest.fixture(scope="module")
def checker():
    return Checker(None, Config(disabled={"omission", "untranslated"}))


def errors(checker, source, target):
    src, tgt = ("en", "zh") if source.isascii() else ("zh", "en")
    return [f.rule for f in checker.check_pair(Pair("u", source, target, src, tgt))
            if f.severity == "error"]


FAITHFUL = [
    # full-width digits and separators
    ("项目投资达1，000万元。", "The project drew investment of 10 million yuan."),
    ("会议于7：30开始。", "The meeting began at 7:30."),
    ("The meeting began at 7:30 am.", "会议于上午7：30开始。"),
    # times of day
    ("The fire broke out just before 5.30pm on Friday.", "火灾于周五下午5点半前发生。"),
    ("火灾于周五下午5点30分前发生。", "The fire broke out just before 5.30pm on Friday."),
    ("航班晚上8时起飞。", "The flight left at 8 p.m."),
    # ranges with dashes
    ("工期为5—10个月。", "The work takes 5-10 months."),
    ("This dynasty lasted from 25 to 220.", "这个朝代从25年延续到220年。"),
    # fractions
    ("耕地的四分之一已经休耕。", "A quarter of the farmland lies fallow."),
    ("耕地的四分之一已经休耕。", "One fourth of the farmland lies fallow."),
    ("Only 1 in 10 households owns a car.", "只有十分之一的家庭拥有汽车。"),
    # decades and centuries
    ("这种工艺兴起于70年代。", "The craft arose in the 1970s."),
    ("上世纪80年代，这里还是农田。", "In the 1980s this was still farmland."),
    ("In the nineties the town grew fast.", "九十年代，这座小镇发展很快。"),
    ("这座桥建于19世纪80年代。", "The bridge was built in the 1880s."),
    ("这是一座18世纪的建筑。", "It is an eighteenth-century building."),
    ("近10年来，森林面积持续增长。", "Over the past decade, forest cover has kept growing."),
    ("The league marked its centenary this year.", "联赛今年迎来成立100周年。"),
    # approximations and roundings
    ("全省修复古迹近万处。", "The province restored close to 10,000 historic sites."),
    ("达标比例为58.6%。", "Almost 60 percent met the standard."),
    ("Around 200 guests attended.", "约200名来宾出席。"),
    ("事情有一二十件。", "There were between ten and twenty matters."),
    # units glued to numbers
    ("样品面积为22cm2。", "The sample measures 22 square centimetres."),
    ("The sample measures 22cm2.", "样品面积为22平方厘米。"),
    # ordinals of congresses and sessions, left implicit
    ("全会贯彻了党的十八届三中全会精神。", "The meeting followed the guidelines of the plenary session."),
    ("根据十九大精神，代表们展开讨论。", "In line with the Congress, the delegates held discussions."),
    # lists and measure words in literature
    ("他借了二十两银子。", "He borrowed twenty taels of silver."),
    ("The fluctuation was between one and five percent.", "波动在百分之一至百分之五之间。"),
    ("她缠了一双三寸金莲。", "She had two three-inch golden lotuses."),
    # matching enumeration labels
    ("（二）完善保护体系", "2. Improving the Protection System"),
    # a figure repeated in the target is no mistyped copy of another
    ("成员国建立了“1+3”机制。", "Three member states set up a “1 + 3” mechanism."),
    # page furniture: a time stamp on both sides
    ("2022-01-11 14:10", "2022-01-11 14:10"),
]


@pytest.mark.parametrize("source, target", FAITHFUL)
def test_faithful_forms_are_no_error(checker, source, target):
    assert errors(checker, source, target) == []


@pytest.mark.parametrize("source, target", [
    ("项目投资达1，000万元。", "The project drew investment of 11 million yuan."),
    ("会议于7：30开始。", "The meeting began at 7:40."),
    ("The fire broke out just before 5.30pm on Friday.", "火灾于周五下午6点半前发生。"),
    ("工期为5—10个月。", "The work takes 5-12 months."),
    ("耕地的四分之一已经休耕。", "A third of the farmland lies fallow."),
    ("Only 1 in 10 households owns a car.", "只有五分之一的家庭拥有汽车。"),
    ("这种工艺兴起于70年代。", "The craft arose in the 1960s."),
    ("In the nineties the town grew fast.", "八十年代，这座小镇发展很快。"),
    ("达标比例为58.6%。", "Almost 50 percent met the standard."),
    ("Around 200 guests attended.", "约300名来宾出席。"),
    ("样品面积为22cm2。", "The sample measures 23 square centimetres."),
    ("他借了二十两银子。", "He borrowed thirty taels of silver."),
    ("全会贯彻了党的十八届三中全会精神。", "The meeting followed the 17th Central Committee's plenary."),
    ("（二）完善保护体系", "3. Improving the Protection System"),
    ("2022-01-11 14:10", "2022-01-11 15:10"),
    ("港口有1,200个泊位，其中200个是新的。", "The port has 1,200 berths, 300 of them new."),
])
def test_a_changed_figure_in_these_forms_is_an_error(checker, source, target):
    assert "number-mismatch" in errors(checker, source, target) or \
        "date-mismatch" in errors(checker, source, target)


def test_a_figure_repeated_in_the_target_with_one_digit_changed_is_an_error(checker):
    source = "All contacts must isolate for 10 days."
    assert errors(checker, source, "所有密接者都须隔离10天，共10天。") == []
    assert errors(checker, source, "所有密接者都须隔离11天，共10天。") == ["number-mismatch"]


@pytest.mark.parametrize("text, lang, expected", [
    ("7：30", "zh", [(7.5, "time")]),
    ("下午5点半", "zh", [(17.5, "time")]),
    ("5点建议", "zh", [(5, "cardinal")]),                # a five-point proposal, no time
    ("12 a.m. and 12 p.m.", "en", [(0, "time"), (12, "time")]),
    ("the '80s and the 1880s", "en", [(80, "decade"), (1880, "decade")]),
    ("二十世纪八十年代", "zh", [(1980, "decade")]),
    ("a decade-old dispute", "en", []),
    ("two three-inch lotuses", "en", [(2, "cardinal"), (3, "cardinal")]),
    ("one and five percent", "en", [(1, "percent"), (5, "percent")]),
    ("一二十件", "zh", []),
    ("八九两银子", "zh", []),
    ("十八届三中全会", "zh", [(18, "ordinal"), (3, "ordinal")]),
    ("三大任务", "zh", [(3, "cardinal")]),
])
def test_what_the_extractor_reads(text, lang, expected):
    assert [(m.value, m.kind) for m in extract_numbers(text, lang)] == expected


@pytest.mark.parametrize("source, target", [
    ("发布时间：2022-01-11 14:10", "January 11, 2022"),
    ("2022-01-11 14:10", ""),
    ("Posted 2022-01-11 14:10", "2022年1月11日"),
])
def test_a_page_time_stamp_is_no_warning(source, target):
    src, tgt = ("en", "zh") if source.isascii() else ("zh", "en")
    found = Checker(None, Config()).check_pair(Pair("u", source, target, src, tgt))
    assert [f.rule for f in found if f.severity in ("error", "warning")] == []
