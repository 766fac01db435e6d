"""Where a term applies: Chinese terms on dictionary word boundaries, a term's own exclusions
(longer forms it does not apply in), case rules, short second mentions and deprecated source
terms. Glossaries and sentences written for these tests."""
from __future__ import annotations

import io

import pytest

from terms.checks import Checker, Pair
from terms.config import Config
from terms.errors import GlossaryError
from terms.formats import load_glossary, save_glossary
from terms.lint import lint_glossary
from terms.matching import TermMatcher

GLOSSARY = """\
concept,category,lang,term,status,scope,case_sensitive,note,exclude
envoy,title,zh,大使,preferred,,,,
envoy,title,en,Ambassador,preferred,,,,
premier,title,zh,总理,preferred,,,,
premier,title,en,Premier,preferred,,yes,,Premier League
head-gov,title,zh,总理,admitted,,,,国务院总理|李克强总理
head-gov,title,zh,首相,preferred,,,,
head-gov,title,en,Prime Minister,preferred,,,,
head-state,title,zh,总统,preferred,,,,
head-state,title,en,President,preferred,,yes,,
party,organisation,zh,中共,preferred,,,,中共体
party,organisation,en,CPC,preferred,,yes,,
harbour,place,zh,南湾,preferred,,,,
harbour,place,en,South Bay,preferred,,,,
fm,title,zh,外长,preferred,,,,
fm,title,en,Foreign Minister,preferred,,,,
fm,title,en,Foreign Secretary,deprecated,,,,
"""


@pytest.fixture()
def glossary(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load_glossary(path)


@pytest.fixture()
def checker(glossary):
    return Checker(glossary, Config(disabled={"omission", "untranslated", "number-mismatch",
                                              "date-mismatch"}))


def rules(checker, source, target, src="zh", tgt="en"):
    return [(f.rule, f.concept) for f in checker.check_pair(Pair("d:1", source, target, src, tgt))]


def texts(matcher, text, lang):
    return [m.text for m in matcher.find(text, lang, overlapping=True)]


# --- the exclude field in every glossary format ---------------------------------------------

def test_exclusions_are_read_from_csv(glossary):
    premier = glossary.concept("premier").terms_in("en")[0]
    assert premier.exclusions == ("Premier League",)
    assert glossary.concept("head-gov").terms_in("zh")[0].exclusions == ("国务院总理", "李克强总理")
    assert glossary.concept("envoy").terms[0].exclusions == ()


@pytest.mark.parametrize("fmt, suffix", [("csv", ".csv"), ("tbx", ".tbx"), ("tbx2", ".tbx"),
                                         ("po", ".po"), ("tsv", ".tsv")])
def test_exclusions_survive_conversion(glossary, tmp_path, fmt, suffix):
    buffer = io.BytesIO()
    save_glossary(glossary, buffer, fmt)
    path = tmp_path / f"out{suffix}"
    path.write_bytes(buffer.getvalue())
    again = load_glossary(path, fmt)
    assert [t.exclude for c in again for t in c.terms] == \
        [t.exclude for c in glossary for t in c.terms]


def test_a_csv_without_exclusions_is_written_without_the_column(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("concept,category,lang,term,status,scope,case_sensitive,note\n"
                    "x,other,zh,新时代,preferred,,,\nx,other,en,new era,preferred,,,\n",
                    encoding="utf-8")
    buffer = io.BytesIO()
    save_glossary(load_glossary(path), buffer, "csv")
    assert buffer.getvalue().decode().splitlines()[0] == \
        "concept,category,lang,term,status,scope,case_sensitive,note"


def test_an_exclusion_must_hold_the_term(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("concept,category,lang,term,status,scope,case_sensitive,note,exclude\n"
                    "x,other,zh,南湾,preferred,,,,北湾公园\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.line == 2 and "北湾公园" in str(caught.value)


# --- matching -------------------------------------------------------------------------------

def test_a_term_does_not_match_inside_its_exclusions(glossary):
    matcher = TermMatcher(glossary, dictionary=())
    assert texts(matcher, "He watched the Premier League with the Premier.", "en") == ["Premier"]
    assert texts(matcher, "中共体国家与中共代表会面。", "zh") == ["中共"]
    [match] = matcher.find("国务院总理出席。", "zh")
    assert match.text == "总理" and {glossary.concepts[c].id for c in match.concepts} == \
        {"premier"}
    [other] = matcher.find("澳方总理出席。", "zh")
    assert {glossary.concepts[c].id for c in other.concepts} == {"premier", "head-gov"}


def test_chinese_terms_match_on_dictionary_word_boundaries(glossary):
    matcher = TermMatcher(glossary, dictionary=["大使馆", "南湾子", "大使"])
    assert texts(matcher, "他去了大使馆见大使。", "zh") == ["大使"]
    assert [m.span for m in matcher.find("他去了大使馆见大使。", "zh")] == [(7, 9)]
    assert texts(matcher, "南湾子村在南湾边上。", "zh") == ["南湾"]
    assert texts(TermMatcher(glossary, dictionary=()), "他去了大使馆。", "zh") == ["大使"]


def test_a_longer_glossary_term_is_no_boundary_for_its_nested_terms(tmp_path):
    path = tmp_path / "nested.csv"
    path.write_text("concept,category,lang,term,status,scope,case_sensitive,note\n"
                    "a,title,zh,外交大使,preferred,,,\na,title,en,Envoy,preferred,,,\n"
                    "b,title,zh,大使,preferred,,,\nb,title,en,Ambassador,preferred,,,\n",
                    encoding="utf-8")
    matcher = TermMatcher(load_glossary(path), dictionary=["外交大使"])
    assert texts(matcher, "外交大使抵达。", "zh") == ["外交大使", "大使"]


def test_the_default_dictionary_is_cc_cedict(glossary):
    matcher = TermMatcher(glossary)
    assert texts(matcher, "他在使馆区的大使馆工作。", "zh") == []
    assert texts(matcher, "大使抵达机场。", "zh") == ["大使"]


# --- the checks -----------------------------------------------------------------------------

@pytest.mark.parametrize("source, target", [
    ("他在大使馆工作。", "He works at the embassy."),
    ("中共体成员国举行峰会。", "The ECCAS member states held a summit."),
])
def test_a_term_inside_a_longer_word_asks_for_nothing(checker, source, target):
    assert rules(checker, source, target) == []


def test_a_case_sensitive_rendering_in_another_case_renders_its_term(checker):
    assert rules(checker, "总统在会上讲话。", "The president spoke at the meeting.") == []
    assert rules(checker, "Iran's president spoke at the meeting.", "伊朗总统在会上讲话。",
                 "en", "zh") == []
    # unprompted, the case still tells a title from a word
    assert rules(checker, "论坛主席致辞。", "The president of the forum spoke.") == []
    assert rules(checker, "论坛主席致辞。", "President Lee of the forum spoke.") == \
        [("term-unexpected", "head-state")]


def test_an_excluded_longer_form_is_no_rendering(checker):
    assert rules(checker, "总理观看了比赛。", "The Premier League match was watched.") == \
        [("term-missing", "premier")]
    assert rules(checker, "The Premier League match was watched.", "英超比赛吸引了观众。",
                 "en", "zh") == []


def test_a_bare_title_shared_by_two_concepts_accepts_either_rendering(checker):
    assert rules(checker, "新西兰总理抵达。", "The New Zealand Prime Minister arrived.") == []
    assert rules(checker, "The Prime Minister of New Zealand arrived.", "新西兰总理抵达。",
                 "en", "zh") == []
    assert rules(checker, "国务院总理抵达。", "The Prime Minister arrived.") == \
        [("term-missing", "premier"), ("term-unexpected", "head-gov")]


def test_a_deprecated_source_term_asks_for_nothing(checker):
    assert rules(checker, "The Foreign Secretary flew to Delhi.", "外交大臣飞往德里。",
                 "en", "zh") == []
    assert rules(checker, "外长飞往德里。", "The Foreign Secretary flew to Delhi.") == \
        [("term-deprecated", "fm")]


def test_a_name_given_in_full_may_be_short_later_in_the_document(checker):
    pairs = [Pair("doc:1", "中共代表团抵达。", "The CPC delegation arrived.", "zh", "en"),
             Pair("doc:2", "中共代表团离开。", "The Party delegation left.", "zh", "en"),
             Pair("other:1", "中共代表团离开。", "The Party delegation left.", "zh", "en")]
    found = [(f.unit, f.rule) for f in checker.run(pairs)]
    assert found == [("other:1", "term-missing")]


def test_a_title_given_in_full_is_still_needed_later(checker):
    pairs = [Pair("doc:1", "外长抵达。", "The Foreign Minister arrived.", "zh", "en"),
             Pair("doc:2", "外长离开。", "The minister left.", "zh", "en")]
    assert [(f.unit, f.rule) for f in checker.run(pairs)] == [("doc:2", "term-missing")]


def test_lint_takes_exclusions_as_keeping_two_concepts_apart(glossary, tmp_path):
    assert not [i for i in lint_glossary(glossary) if i.code == "two-preferred"]
    path = tmp_path / "clash.csv"
    path.write_text(GLOSSARY.replace("国务院总理|李克强总理", ""), encoding="utf-8")
    assert [i.code for i in lint_glossary(load_glossary(path)) if i.code == "two-preferred"]
