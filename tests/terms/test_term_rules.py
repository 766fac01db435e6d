"""term-missing, term-deprecated and term-unexpected on pairs written for these tests."""
from __future__ import annotations

import pytest

from terms.checks import Checker, Pair, check_pair
from terms.config import Config
from terms.formats import load_glossary

TERM_RULES = {"term-missing", "term-deprecated", "term-unexpected"}
#: the other per-unit rules, disabled so that only the term rules speak
OTHER_RULES = ("number-mismatch", "date-mismatch", "omission", "untranslated")


@pytest.fixture(scope="module")
def checker(mini):
    config = Config(disabled=set(OTHER_RULES))
    return Checker(mini, config)


def found(checker, source, target):
    return [(f.rule, f.concept) for f in checker.check_pair(Pair("u1", source, target))]


def test_dropped_permanent_is_one_missing_term(checker, mini):
    source = "两国元首宣布建立永久全面战略伙伴关系。"
    target = "The two heads of state announced a comprehensive strategic partnership."
    findings = checker.check_pair(Pair("u1", source, target))
    assert [(f.rule, f.concept) for f in findings] == [("term-missing", "partner-permanent")]
    f = findings[0]
    assert source[f.source_span[0]:f.source_span[1]] == "永久全面战略伙伴关系"
    assert f.target_span is None
    assert "permanent comprehensive strategic partnership" in f.suggestion
    assert f.severity == "error"


def test_upgraded_designation_is_one_unexpected_term(checker):
    source = "两国建立全面战略伙伴关系。"
    target = "The two countries established a permanent comprehensive strategic partnership."
    assert found(checker, source, target) == [("term-unexpected", "partner-permanent")]


def test_correct_renderings_are_clean(checker):
    pairs = [
        ("两国元首宣布建立永久全面战略伙伴关系。",
         "The two heads of state announced a permanent comprehensive strategic partnership."),
        ("国务委员兼外长会见了副总理。",
         "State Councillor and Foreign Minister met the Vice Premier."),
        ("外交部长出席亚太经合组织会议。", "The Foreign Minister attended the APEC meeting."),
        ("共建“一带一路”。", "jointly build the Belt and Road."),
    ]
    for source, target in pairs:
        assert found(checker, source, target) == []


def test_shortened_title_is_missing_not_unexpected(checker):
    source = "国务委员兼外长王毅出席。"
    target = "Foreign Minister Wang Yi attended."
    assert found(checker, source, target) == [("term-missing", "councilor-fm")]


def test_deprecated_and_forbidden_renderings_suggest_the_preferred(checker):
    source = "副总理出席了会议。"
    findings = checker.check_pair(Pair("u1", source, "The Deputy Premier attended the meeting."))
    assert [(f.rule, f.concept) for f in findings] == [("term-deprecated", "vice-premier")]
    f = findings[0]
    assert "Vice Premier" in f.suggestion
    target = "The Deputy Premier attended the meeting."
    assert target[f.target_span[0]:f.target_span[1]] == "Deputy Premier"
    assert found(checker, "推进“一带一路”建设。", "advance the One Belt One Road initiative") == [
        ("term-deprecated", "belt-road")]


def test_scope_picks_the_kazakh_rendering(checker):
    kz = "哈萨克斯坦副总理出席。"
    assert found(checker, kz, "Kazakhstan's Deputy Prime Minister attended.") == []
    assert found(checker, kz, "Kazakhstan's Vice Premier attended.") == [
        ("term-missing", "vice-premier-kz")]
    assert found(checker, "副总理出席。", "The Vice Premier attended.") == []
    assert found(checker, "副总理出席。", "The Deputy Prime Minister attended.") == [
        ("term-missing", "vice-premier")]


def test_traditional_source_is_checked_like_simplified(checker):
    assert found(checker, "兩國建立永久全面戰略夥伴關係。",
                 "The two countries established a comprehensive strategic partnership.") == [
        ("term-missing", "partner-permanent")]


def test_english_to_chinese_direction(mini):
    config = Config(disabled=set(OTHER_RULES))
    pair = Pair("u1", "The Vice Premier met APEC delegates.", "副总理会见了代表。", "en", "zh")
    findings = check_pair(pair, mini, config)
    assert [(f.rule, f.concept) for f in findings] == [("term-missing", "apec")]


def test_no_glossary_no_term_findings():
    config = Config(disabled={"number-mismatch", "date-mismatch"})
    assert check_pair(Pair("u1", "副总理出席。", "The Deputy Premier attended."),
                      None, config) == []


def test_one_rendering_used_for_two_different_titles(checker):
    # 外长 of the guest paraphrased while the host's full title is right: the nested
    # "Foreign Minister" inside the rendered full title does not count for the guest
    source = "国务委员兼外长王毅会见了来访的外长。"
    target = "State Councilor and Foreign Minister Wang Yi met the visiting top diplomat."
    assert found(checker, source, target) == [("term-missing", "foreign-minister")]
    # the guest's title given twice, once for the host's full title
    source = "国务委员兼外长王毅会见了来访的外长。"
    target = "Foreign Minister Wang Yi met the visiting Foreign Minister."
    assert found(checker, source, target) == [("term-missing", "councilor-fm")]


def test_repeated_terms_and_acronyms_are_not_findings(checker):
    assert found(checker, "亚太经合组织成员同意加强亚太经合组织合作。",
                 "APEC members agreed to strengthen their cooperation.") == []
    assert found(checker, "外长出席了会议。",
                 "The Foreign Minister attended; the Foreign Minister spoke.") == []
    assert found(checker, "两国领导人出席亚太经合组织会议。",
                 "The leaders attended the Asia-Pacific Economic Cooperation (APEC) meeting.") == []


@pytest.fixture(scope="module")
def project(corpora):
    config = Config(disabled=set(OTHER_RULES))
    return Checker(load_glossary(corpora / "glossary" / "mfa-terms.csv"), config)


def test_a_name_repeated_in_english_is_not_unexpected_when_a_title_goes_missing(project):
    """'Mukhtar Tileuberdi … Mr. Tileuberdi' for one 特列乌别尔季 is normal English; the dropped
    'State Councilor and' is the one finding."""
    source = "2月5日，国务委员兼外长王毅会见哈萨克斯坦副总理兼外长特列乌别尔季。特列乌别尔季来华出席开幕式。"
    target = ("On February 5, Foreign Minister Wang Yi met with Kazakh Deputy Prime Minister and "
              "Foreign Minister Mukhtar Tileuberdi. Mr. Tileuberdi is in China for the opening "
              "ceremony. Tileuberdi thanked China.")
    assert found(project, source, target) == [("term-missing", "state-councilor-fm")]


def test_a_title_used_for_two_source_titles_says_how_often(project):
    source = "总理李克强会见柬埔寨首相洪森。"
    target = "Premier Li Keqiang met with Cambodian Premier Hun Sen."
    findings = project.check_pair(Pair("u1", source, target))
    assert [(f.rule, f.concept) for f in findings] == [
        ("term-missing", "prime-minister-foreign"), ("term-unexpected", "premier")]
    assert findings[1].message == "'Premier' is used 2 times, but the source has '总理' only once"


def test_deprecated_fix_keeps_the_possessive_and_the_capital(tmp_path):
    (tmp_path / "g.csv").write_text(
        "concept,category,lang,term,status,scope,case_sensitive,note\n"
        "cpc,organisation,zh,中国共产党,preferred,,,\n"
        "cpc,organisation,en,Communist Party of China,preferred,,,\n"
        "cpc,organisation,en,Chinese Communist Party,deprecated,,,\n"
        "cpc,organisation,en,CCP,deprecated,,yes,\n"
        "spokesperson,title,zh,发言人,preferred,,,\n"
        "spokesperson,title,en,spokesperson,preferred,,,\n"
        "spokesperson,title,en,spokesman,deprecated,,,\n", encoding="utf-8")
    checker = Checker(load_glossary(tmp_path / "g.csv"), Config(disabled={"omission"}))

    def fix(source, target):
        [f] = checker.check_pair(Pair("u1", source, target))
        assert f.rule == "term-deprecated"
        return f.suggestion, f.message

    suggestion, message = fix("中国共产党的领导。", "The Chinese Communist Party's leadership.")
    assert suggestion == "replace \"Chinese Communist Party's\" with \"Communist Party of China's\""
    assert message.endswith("use \"Communist Party of China's\"")
    assert fix("中国共产党的领导。", "The Chinese Communist Party’s leadership.")[0].endswith(
        "with 'Communist Party of China’s'")
    assert fix("发言人说。", "Spokesman Wang said.")[0] == "replace 'Spokesman' with 'Spokesperson'"
    assert fix("发言人说。", "the spokesman said.")[0] == "replace 'spokesman' with 'spokesperson'"
    assert fix("发言人说。", "THE SPOKESMAN SAID.")[0] == "replace 'SPOKESMAN' with 'SPOKESPERSON'"
    assert fix("发言人的话。", "The spokesman's words.")[0] == (
        "replace \"spokesman's\" with \"spokesperson's\"")
    # an acronym's capitals are its own, not a pattern to copy onto the replacement
    assert fix("中国共产党的领导。", "The CCP leadership.")[0] == (
        "replace 'CCP' with 'Communist Party of China'")
    # an irregular plural is the deprecated term too
    assert fix("两位发言人说。", "The two spokesmen said.")[0].startswith("replace 'spokesmen' with")
