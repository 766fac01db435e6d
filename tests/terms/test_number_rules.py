"""number-mismatch and date-mismatch on pairs written for these tests."""
from __future__ import annotations

import pytest

from terms.checks import Checker, Pair
from terms.config import Config


@pytest.fixture(scope="module")
def checker():
    return Checker(None, Config(disabled={"omission", "untranslated"}))


def rules(checker, source, target):
    return [f.rule for f in checker.check_pair(Pair("u", source, target))]


@pytest.mark.parametrize("source, target", [
    ("三天前，双方签署了12项协议。", "Three days ago, the two sides signed 12 agreements."),
    ("贸易额增长百分之三十，达1.5亿美元。", "Trade grew by 30 percent to 150 million US dollars."),
    ("这是两国外长第三次会晤。", "This is the third meeting of the two foreign ministers."),
    ("印尼担任二十国集团轮值主席国。", "Indonesia holds the G20 presidency."),
    ("一、各方高度评价合作成果。", "1. The parties spoke highly of the results of cooperation."),
    ("百年变局交织。", "Changes unseen in a century are intertwined."),
    ("2022年1月10日，双方通电话。", "On January 10, 2022, the two sides spoke by phone."),
    ("1月10日，双方通电话。", "On 10 January 2022, the two sides spoke by phone."),
    ("今年1月初局势动荡。", "There was unrest in early January."),
    ("9月，会议将在撒马尔罕举行。", "In September, the meeting will be held in Samarkand."),
    ("会议将于2023年举行。", "The meeting will be held in 2023."),
    ("中方支持办好二十国集团领导人第十七次峰会。", "China supports a successful 17th G20 Summit."),
    ("双方愿在二十国集团框架内合作。", "The two sides will cooperate within the Group of Twenty."),
    ("推动局势实现软着陆，加快雅万高铁建设。",
     "They will work for a soft landing and speed up the Jakarta-Bandung railway."),
    ("代表团将于1月10日至11日访华。", "The delegation will visit China from January 10 to 11."),
])
def test_faithful_numbers_and_dates_are_clean(checker, source, target):
    assert rules(checker, source, target) == []


@pytest.mark.parametrize("source, target, expected", [
    ("三天前，双方签署了12项协议。", "Four days ago, the two sides signed 12 agreements.",
     ["number-mismatch"]),
    ("双方签署了12项协议。", "The two sides signed 21 agreements.", ["number-mismatch"]),
    ("贸易额增长百分之三十。", "Trade grew by 13 percent.", ["number-mismatch"]),
    ("投资达1.5亿美元。", "Investment reached 1.5 million US dollars.", ["number-mismatch"]),
    ("双方签署了12项协议。", "The two sides signed agreements.", ["number-mismatch"]),
    ("这是第三次会晤。", "This is the fourth meeting.", ["number-mismatch"]),
    ("2022年1月10日，双方通电话。", "On January 11, 2022, the two sides spoke by phone.",
     ["date-mismatch"]),
    ("2022年1月10日，双方通电话。", "On January 10, 2021, the two sides spoke by phone.",
     ["date-mismatch"]),
    ("9月，会议将举行。", "In October, the meeting will be held.", ["date-mismatch"]),
    ("1月10日双方会谈。", "The two sides held talks.", ["date-mismatch"]),
    ("雅万高铁全长142公里。", "The Jakarta-Bandung railway is 124 km long.", ["number-mismatch"]),
    ("出口近四成流向邻国。", "Nearly four percent of exports go to neighbours.", ["number-mismatch"]),
])
def test_changed_or_dropped_numbers_and_dates_are_found(checker, source, target, expected):
    assert rules(checker, source, target) == expected


@pytest.mark.parametrize("source, target, expected", [
    ("Tariffs were low in the twenties.", "关税在三十年代很低。", ["number-mismatch"]),
    ("Tariffs were low in the twenties.", "关税在二十年代很低。", []),
    ("The fund marked its centenary.", "该基金迎来一百周年。", []),
    ("Emissions fell to zero.", "排放降至零。", []),
])
def test_english_sources_with_decades_and_rare_number_words(checker, source, target, expected):
    assert [f.rule for f in checker.check_pair(Pair("u", source, target, "en", "zh"))] == expected


def test_spans_point_at_both_numbers(checker):
    source, target = "双方签署了12项协议。", "The two sides signed 21 agreements."
    [finding] = checker.check_pair(Pair("u", source, target))
    assert source[slice(*finding.source_span)] == "12"
    assert target[slice(*finding.target_span)] == "21"
    assert "12" in finding.suggestion


def test_date_ranges_and_tenths(checker):
    assert rules(checker, "代表团将于3月2日至4日访华。", "The delegation will visit China from March 2 to 4.") == []
    # each end of a range is a date: both ends moved, or only the last one
    assert rules(checker, "代表团将于3月2日至4日访华。",
                 "The delegation will visit China from March 3 to 5.") == ["date-mismatch"] * 2
    [finding] = checker.check_pair(Pair("u", "代表团将于3月2日至4日访华。",
                                        "The delegation will visit China from March 2 to 5."))
    assert (finding.rule, finding.term) == ("date-mismatch", "4日")
    assert rules(checker, "出口近四成流向邻国。", "Nearly 40 percent of exports go to neighbours.") == []
    assert rules(checker, "出口近四成流向邻国。", "Nearly 14 percent of exports go to neighbours.") == [
        "number-mismatch"]


@pytest.mark.parametrize("source, target, suggestion", [
    ("2022年1月19日，王毅同库雷希通电话。", "On January 18, 2022, Wang Yi spoke with Qureshi.",
     "replace 'January 18, 2022' with 'January 19, 2022'"),
    ("2022年1月19日，王毅同库雷希通电话。", "On 18 January 2022, Wang Yi spoke with Qureshi.",
     "replace '18 January 2022' with '19 January 2022'"),
    ("1月19日，王毅同库雷希通电话。", "On January 18, 2022, Wang Yi spoke with Qureshi.",
     "replace 'January 18, 2022' with 'January 19, 2022'"),
    ("On January 19, 2022, Wang Yi spoke with Qureshi.", "2022年1月18日，王毅同库雷希通电话。",
     "replace '2022年1月18日' with '2022年1月19日'"),
    ("2022年1月19日，王毅同库雷希通电话。", "Wang Yi spoke with Qureshi.",
     "add the date 'January 19, 2022' to the target"),
])
def test_date_fixes_are_written_as_the_target_writes_dates(checker, source, target, suggestion):
    """A translator pastes the fix: it is a date in the target's language and style."""
    langs = ("en", "zh") if source.startswith("On ") else ("zh", "en")
    [finding] = [f for f in checker.check_pair(Pair("u", source, target, *langs))
                 if f.rule == "date-mismatch"]
    assert finding.suggestion == suggestion


@pytest.mark.parametrize("source, target, suggestions", [
    ("今年是中哈建交30周年。", "This year marks the 31st anniversary.", ["replace '31st' with '30th'"]),
    ("去年贸易额达到136.7亿美元，同比增长43.4%。",
     "Trade reached 13.76 billion US dollars last year, up 44.4 percent.",
     ["replace '13.76 billion' with '13.67 billion'", "replace '44.4 percent' with '43.4 percent'"]),
    ("共有1,200名代表出席。", "There were 1,300 delegates.", ["replace '1,300' with '1,200'"]),
    ("第三次会议在北京举行。", "The 4th meeting was held in Beijing.", ["replace '4th' with '3rd'"]),
    ("中国经济总量突破110万亿元。", "China's GDP exceeded 100 trillion yuan.",
     ["replace '100 trillion' with '110 trillion'"]),
    ("三天前，双方举行会谈。", "Four days ago, the two sides held talks.",
     ["replace 'Four' with 'Three'"]),
    ("双方签署了十二项协议。", "The two sides signed eleven agreements.",
     ["replace 'eleven' with 'twelve'"]),
])
def test_number_fixes_are_written_as_the_target_writes_numbers(checker, source, target,
                                                                suggestions):
    found = [f.suggestion for f in checker.check_pair(Pair("u", source, target))
             if f.rule == "number-mismatch"]
    assert found == suggestions


@pytest.mark.parametrize("source, target", [
    ("铁路累计运送旅客541.5万人次。", "The railway has carried 5.4 million passengers."),
    ("其中对邻国的援助占比44.65%。", "Of this, 45 percent went to neighbouring countries."),
    ("援助总额为2702亿元人民币。", "Aid totalled RMB270 billion."),
    ("优良天数比例为58.6%。", "Good days made up almost 60 percent."),        # said to be
    ("全年新增就业1206万人。", "Some 12 million jobs were created in the year."),  # approximate
])
def test_a_rounded_figure_is_said_but_is_no_mismatch(checker, source, target):
    [finding] = checker.check_pair(Pair("u", source, target))
    assert (finding.rule, finding.severity) == ("number-rounded", "info")
    assert finding.message.endswith("rounded in the target")


@pytest.mark.parametrize("source, target", [
    ("贸易额约为130万美元。", "Trade came to 1,302,000 US dollars."),  # more precise than its source
    ("About 200 people came.", "约201人到场。"),
    ("近10%的企业参与。", "Nearly 11 percent of firms took part."),     # as round, not rounder
])
def test_a_target_more_precise_than_its_source_is_a_mismatch(checker, source, target):
    src, tgt = ("en", "zh") if source.isascii() else ("zh", "en")
    assert [f.rule for f in checker.check_pair(Pair("u", source, target, src, tgt))] == \
        ["number-mismatch"]


@pytest.mark.parametrize("source, target", [
    ("优良天数比例为58.6%。", "Good days made up 60 percent."),           # 2.4 % apart
    ("贸易额达1.55亿美元。", "Trade reached 1.7 billion US dollars."),      # another scale
    ("贸易额增长2.6%。", "Trade grew by 3 percent."),                     # 15 % apart
    ("双方签署了12项协议。", "The two sides signed 12.4 agreements."),     # 3 % apart
])
def test_a_figure_changed_beyond_rounding_is_a_mismatch(checker, source, target):
    assert rules(checker, source, target) == ["number-mismatch"]


def test_a_lone_hundred_of_a_centenary_is_not_paired_with_a_year(checker):
    [finding] = checker.check_pair(Pair("u", "正向着第二个百年奋斗目标进军。",
                                        "It is advancing towards its centenary goal for 2049."))
    assert (finding.rule, finding.severity) == ("number-added", "info")
    assert finding.target_span is not None and finding.source_span is None


@pytest.mark.parametrize("source, target", [
    ("经过20多年的发展，论坛已成为重要平台。",
     "Over the past two decades, the forum has become an important platform."),
    ("2020年，浓度比2015年下降28.3%，优良天数比2015年上升5.8个百分点。",
     "In 2020, the concentration fell by 28.3 percent from 2015. In 2020, good days rose by "
     "5.8 percentage points from 2015."),
    ("加快一二三产业转型。", "Speed up the transition of primary, secondary and tertiary industries."),
    ("两国元首同意深化合作。", "The two heads of state agreed to deepen cooperation in the first place."),
])
def test_decades_repetitions_and_numeral_words_are_clean(checker, source, target):
    assert rules(checker, source, target) == []


@pytest.mark.parametrize("source, target", [
    ("1至2月，出口增长7.1%。", "In January and February, exports grew by 7.1 percent."),
    ("今年1—2月份，出口增长7.1%。", "In January-February this year, exports grew by 7.1 percent."),
    ("2023年1-11月，进口下降。", "From January to November 2023, imports fell."),
    ("en: From January to October, output rose.", "1到10月，产量上升。"),
])
def test_a_month_range_is_two_months_not_a_number(checker, source, target):
    if source.startswith("en: "):  # English source, Chinese target
        pair = Pair("u", source[4:], target, "en", "zh")
        assert checker.check_pair(pair) == []
    else:
        assert rules(checker, source, target) == []


def test_a_month_range_with_a_wrong_month_is_still_found(checker):
    [finding] = checker.check_pair(Pair("u", "1至3月，出口增长7.1%。",
                                        "In January and February, exports grew by 7.1 percent."))
    assert finding.rule == "date-mismatch" and finding.term == "3月"


@pytest.mark.parametrize("source, target", [
    ("代表团将于3月1至5日访华。", "The delegation will visit China from March 1 to 5."),
    ("代表团将于3月1日至5日访华。", "The delegation will visit China on March 1-5."),
    ("会议于3月1日—4月2日举行。", "The meeting was held from March 1 to April 2."),
    ("2023年1-11月，进口下降。", "In January-November 2023, imports fell."),
])
def test_a_day_range_is_two_dates_not_numbers(checker, source, target):
    assert rules(checker, source, target) == []


def test_a_day_range_with_a_wrong_day_is_a_date_mismatch(checker):
    [finding] = checker.check_pair(Pair("u", "代表团将于3月1至6日访华。",
                                        "The delegation will visit China from March 1 to 5."))
    assert finding.rule == "date-mismatch" and finding.term == "6日"
