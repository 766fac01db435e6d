"""The severity model: errors only where a reader would be misinformed; what a translator adds
(a year the source leaves implicit, a name made explicit) is info. Pairs written for these
tests, in both directions, checked with the project glossary."""
from __future__ import annotations

import pytest

from terms.checks import Checker, Pair
from terms.config import Config
from terms.formats import load_glossary


@pytest.fixture(scope="module")
def checker(corpora):
    return Checker(load_glossary(corpora / "glossary" / "mfa-terms.csv"),
                   Config(disabled={"omission", "untranslated"}))


def findings(checker, source, target, src="zh", tgt="en"):
    return [(f.rule, f.severity) for f in checker.check_pair(Pair("u", source, target, src, tgt))]


@pytest.mark.parametrize("source, target, src, tgt", [
    ("自开放以来，这座港口发展迅速。", "Since it opened in 1984, the port has grown fast.", "zh", "en"),
    ("The old bridge still carries trains.", "这座桥建于1957年，至今仍通火车。",
     "en", "zh"),
    ("The library was founded after the war.", "这座图书馆建于战后（1946年）。", "en", "zh"),
    ("汉代的陶器在这里出土。", "Pottery of the Han dynasty (206 BC-220 AD) was found here.", "zh",
     "en"),
])
def test_a_number_only_the_target_has_is_info(checker, source, target, src, tgt):
    assert findings(checker, source, target, src, tgt) \
        and set(findings(checker, source, target, src, tgt)) == {("number-added", "info")}


def test_a_date_only_the_target_has_is_info(checker):
    assert findings(checker, "会谈在友好气氛中举行。",
                    "The talks, on March 3, 2021, were held in a friendly atmosphere.") == \
        [("number-added", "info")]


@pytest.mark.parametrize("source, target, src, tgt", [
    ("港口去年吞吐量为350万吨。", "Last year the port handled 3.6 million tonnes.", "zh", "en"),
    ("The port handled 3.5 million tonnes.", "该港口吞吐量为360万吨。", "en", "zh"),
    ("港口有12个泊位。", "The port has berths.", "zh", "en"),
])
def test_a_changed_or_dropped_figure_stays_an_error(checker, source, target, src, tgt):
    assert ("number-mismatch", "error") in findings(checker, source, target, src, tgt)


@pytest.mark.parametrize("source, target, src, tgt", [
    ("党领导人民取得了伟大成就。",
     "The Communist Party of China (CPC) has led the people to great achievements.", "zh", "en"),
    ("新中国成立以来，面貌焕然一新。",
     "Since the founding of the People's Republic of China, the country has changed.", "zh",
     "en"),
    ("The Party has led the people to great achievements.", "中国共产党带领人民取得了伟大成就。",
     "en", "zh"),
])
def test_a_name_the_translator_makes_explicit_is_info(checker, source, target, src, tgt):
    assert set(findings(checker, source, target, src, tgt)) == {("term-added", "info")}


def test_an_upgraded_designation_is_still_a_warning(checker):
    assert findings(checker, "两国建立了全面战略伙伴关系。",
                    "The two countries set up a permanent comprehensive strategic partnership.") \
        == [("term-unexpected", "warning")]


def test_another_body_than_the_source_names_is_still_a_warning(checker):
    assert ("term-unexpected", "warning") in findings(
        checker, "双方同意在联合国框架内加强协作。",
        "Both sides agreed to work together within the UN Security Council.")


@pytest.mark.parametrize("source, target, severity", [
    # an official title left out or replaced: a reader is misinformed
    ("国务委员兼外长王毅会见了来宾。", "Foreign Minister Wang Yi met the guests.", "error"),
    ("国务院副总理出席会议。", "The official attended the meeting.", "error"),
    # a designation with its key word dropped, or replaced by another one
    ("两国建立永久全面战略伙伴关系。",
     "The two countries set up a comprehensive strategic partnership.", "error"),
    ("两国建立全面战略合作伙伴关系。",
     "The two countries set up a strategic cooperative partnership.", "error"),
    ("The two countries set up a strategic partnership.", "两国建立了伙伴关系。", "error"),
    # a designation paraphrased, or a name rendered otherwise: the official form is not used
    ("两国是命运共同体。", "The two countries share one future.", "warning"),
    ("新冠肺炎疫情仍在蔓延。", "The pandemic is still spreading.", "warning"),
    ("中国共产党领导人民前进。", "The Party leads the people forward.", "warning"),
])
def test_term_missing_is_an_error_only_where_the_reader_is_misinformed(checker, source, target,
                                                                       severity):
    src, tgt = ("en", "zh") if source.isascii() else ("zh", "en")
    found = [s for r, s in findings(checker, source, target, src, tgt) if r == "term-missing"]
    assert found == [severity]


def test_a_configured_severity_applies_to_every_finding_of_the_rule(corpora):
    strict = Checker(load_glossary(corpora / "glossary" / "mfa-terms.csv"),
                     Config(disabled={"omission", "untranslated"},
                            severities={"term-missing": "error"}))
    assert findings(strict, "新冠肺炎疫情仍在蔓延。", "The pandemic is still spreading.") == \
        [("term-missing", "error")]


@pytest.mark.parametrize("source, target", [
    ("（三）加强生物安全管理", ""),
    ("", "Chapter II Cooperation in the New Era"),
    ("一、全面推进合作", ""),
])
def test_a_heading_without_counterpart_is_info(source, target):
    checker = Checker(None, Config())
    assert [(f.rule, f.severity) for f in checker.check_pair(Pair("u", source, target))] == \
        [("heading-omitted", "info")]


@pytest.mark.parametrize("source, target", [
    ("双方一致同意进一步深化在各领域的务实合作。", ""),
    ("", "The two sides agreed to deepen practical cooperation in all fields."),
])
def test_a_sentence_without_counterpart_is_still_an_omission(source, target):
    checker = Checker(None, Config())
    assert [(f.rule, f.severity) for f in checker.check_pair(Pair("u", source, target))] == \
        [("omission", "warning")]


@pytest.mark.parametrize("source, target", [
    ("他想起老十八的话，笑了。", "He remembered what old Eighteen had said, and smiled."),
    ("他想起老十八的话，笑了。", "He remembered Whiskers' words, and smiled."),
    ("北京、江苏、云南等22个省份制定了计划。",
     "Beijing, Jiangsu, Yunnan and 19 other provinces drew up plans."),
    ("项目位于《四十二章经》所说的地方，“四十二”这个数他认得。",
     "The site is the one the Sutra in Forty-Two Sections speaks of; he knew the number."),
    ("中方宣布实施“十大合作计划”。", "China announced the 10 major cooperation plans."),
])
def test_names_lists_and_repetitions_are_no_mismatch(checker, source, target):
    assert not [r for r, s in findings(checker, source, target) if s == "error"]


def test_a_listed_count_that_does_not_add_up_is_a_mismatch(checker):
    assert ("number-mismatch", "error") in findings(
        checker, "北京、江苏、云南等22个省份制定了计划。",
        "Beijing, Jiangsu, Yunnan and 18 other provinces drew up plans.")


def test_renderings_of_a_title_are_compared_within_a_document(corpora):
    checker = Checker(load_glossary(corpora / "glossary" / "mfa-terms.csv"))
    pairs = [Pair("a:1", "The Prime Minister spoke.", "首相讲话。", "en", "zh"),
             Pair("a:2", "The Prime Minister left.", "首相离开。", "en", "zh"),
             Pair("b:1", "The Prime Minister arrived.", "总理抵达。", "en", "zh"),
             Pair("a:3", "The Prime Minister returned.", "总理回来了。", "en", "zh")]
    found = [(f.unit, f.rule) for f in checker.run(pairs) if f.rule == "inconsistent-translation"]
    assert found == [("a:3", "inconsistent-translation")]
