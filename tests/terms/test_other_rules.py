"""omission, untranslated and inconsistent-translation."""
from __future__ import annotations

from terms.checks import Checker, Pair, run_checks
from terms.config import Config

ONLY = {"omission", "untranslated", "inconsistent-translation"}


def config(*keep):
    from terms.rules import RULES
    return Config(disabled=set(RULES) - set(keep))


def rules(pair, *keep):
    return [f.rule for f in Checker(None, config(*keep)).check_pair(pair)]


def test_empty_sides_and_length_outliers():
    assert rules(Pair("u", "双方同意保持密切沟通。", ""), "omission") == ["omission"]
    assert rules(Pair("u", "", "The two sides agreed to stay in touch."), "omission") == ["omission"]
    long_zh = "双方同意在经贸、能源、互联互通、人文等领域深化合作，推动两国关系不断向前发展，造福两国人民。"
    assert rules(Pair("u", long_zh, "They agreed."), "omission") == ["omission"]
    assert rules(Pair("u", long_zh, "The two sides agreed to deepen cooperation in trade, energy, "
                      "connectivity and people-to-people exchanges, to move relations forward "
                      "for the benefit of both peoples."), "omission") == []
    assert rules(Pair("u", "谢谢。", "Thank you."), "omission") == []


def test_untranslated_segments_and_chinese_left_in_english():
    assert rules(Pair("u", "COVID-19 vaccines", "COVID-19 vaccines"), "untranslated") == [
        "untranslated"]
    pair = Pair("u", "双方同意加强合作。", "The two sides agreed to 加强 cooperation.")
    [finding] = Checker(None, config("untranslated")).check_pair(pair)
    assert pair.target[slice(*finding.target_span)] == "加强"
    assert rules(Pair("u", "2022", "2022"), "untranslated") == []
    assert rules(Pair("u", "双方同意加强合作。", "The two sides agreed to strengthen cooperation."),
                 "untranslated") == []


def test_same_source_translated_two_ways():
    pairs = [Pair("d:1", "双方同意保持密切沟通。", "The two sides agreed to stay in close communication."),
             Pair("d:2", "中方愿同各方一道努力。", "China is ready to work with all parties."),
             Pair("d:3", "双方同意保持密切沟通。", "The two sides agreed to stay in close communication."),
             Pair("d:4", "双方同意保持密切沟通。", "Both agreed to keep talking.")]
    findings = run_checks(pairs, None, config("inconsistent-translation"))
    assert [(f.rule, f.unit, f.related) for f in findings] == [
        ("inconsistent-translation", "d:4", ("d:1", "d:3"))]


def test_near_duplicate_sources_with_far_apart_translations():
    base = "中方愿同印尼方加强沟通协调，推动峰会聚焦全球经济复苏和发展问题。"
    pairs = [Pair("d:1", base, "China is willing to strengthen communication and coordination with "
                  "Indonesia so that the summit focuses on global economic recovery and development."),
             Pair("d:2", base.replace("印尼方", "印尼"), "China hopes the meeting will talk about "
                  "money."),
             Pair("d:3", base.replace("复苏", "恢复"), "China is willing to strengthen communication "
                  "and coordination with Indonesia so that the summit focuses on global economic "
                  "recovery and development issues.")]
    findings = run_checks(pairs, None, config("inconsistent-translation"))
    assert [(f.unit, f.related) for f in findings] == [("d:2", ("d:1",))]


def test_title_rendered_two_ways_in_one_memory(mini):
    pairs = [Pair("d:1", "国务委员兼外长王毅出席。", "State Councilor and Foreign Minister Wang Yi attended."),
             Pair("d:2", "国务委员兼外长王毅致辞。", "State Councilor and Foreign Minister Wang Yi spoke."),
             Pair("d:3", "国务委员兼外长王毅会见。", "State Councillor and Foreign Minister Wang Yi met.")]
    findings = run_checks(pairs, mini, config("inconsistent-translation", "term-missing"))
    assert [(f.rule, f.unit, f.concept) for f in findings] == [
        ("inconsistent-translation", "d:3", "councilor-fm")]


def test_a_dropped_sentence_of_two():
    source = "双方同意加强人文交流。两国将互设文化中心，扩大留学生规模，加强媒体、智库、青年和地方交流合作。"
    assert rules(Pair("u", source, "The two sides agreed to strengthen people-to-people exchanges."),
                 "omission") == ["omission"]
    assert rules(Pair("u", source, "The two sides agreed to strengthen people-to-people exchanges, "
                      "set up cultural centres in each other's country, send more students, and "
                      "expand exchanges between their media, think tanks, young people and "
                      "localities."),
                 "omission") == []


def test_chrf_from_profiles_is_sacrebleus_sentence_chrf(corpora):
    """The near-duplicate test scores with cached n-gram profiles; it must give exactly the
    chrF sacrebleu gives, on both languages and on texts with repeated n-grams."""
    from sacrebleu.metrics import CHRF

    from terms.checks.consistency import _Profile, chrf_score, normalise
    lines = []
    for path in sorted((corpora / "releases").glob("*.sents"))[:6]:
        lines += [normalise(line) for line in path.read_text(encoding="utf-8").splitlines()]
    lines += ["", "a", "aaaa aaaa", "中中中中中", "中中中"]
    metric = CHRF()
    compared = 0
    for a, b in zip(lines, lines[1:] + lines[:1]):
        for hyp, ref in ((a, b), (b, a), (a, a)):
            expected = metric.sentence_score(hyp, [ref]).score
            got = chrf_score(_Profile(hyp), _Profile(ref), metric)
            assert abs(got - expected) < 1e-9, (hyp, ref, got, expected)
            compared += 1
    assert compared > 300


def test_a_source_repeated_many_times_names_a_few_related_units():
    """A source translated two ways in hundreds of units: each finding names a handful of the
    units with the usual translation (and says how many there are), not all of them."""
    source = "双方同意保持密切沟通，推动两国关系不断向前发展。"
    usual = "The two sides agreed to stay in close communication and move relations forward."
    other = "Both agreed to keep talking."
    pairs = [Pair(f"d:{n}", source, usual if n % 3 else other) for n in range(1, 601)]
    findings = run_checks(pairs, None, config("inconsistent-translation"))
    assert [f.unit for f in findings] == [f"d:{n}" for n in range(3, 601, 3)]
    assert all(f.related == ("d:1", "d:2", "d:4", "d:5", "d:7") for f in findings)
    assert "400 other units" in findings[0].suggestion


def test_two_source_forms_may_become_two_renderings(corpora):
    """English 'partners' and 'partnership' rightly become 伙伴 and 伙伴关系: not inconsistent;
    one English form rendered two ways in Chinese is."""
    from terms.formats import load_glossary
    glossary = load_glossary(corpora / "glossary" / "mfa-terms.csv")
    pairs = [Pair("d:1", "China and Pakistan are all-weather strategic cooperative partners.",
                  "中巴是全天候战略合作伙伴。", "en", "zh"),
             Pair("d:2", "The two sides will deepen their all-weather strategic cooperative "
                  "partnership.", "双方将深化全天候战略合作伙伴关系。", "en", "zh")]
    assert run_checks(pairs, glossary, config("inconsistent-translation", "term-missing")) == []
    pairs.append(Pair("d:3", "The two countries are all-weather strategic cooperative partners.",
                      "两国是全天候战略合作伙伴关系。", "en", "zh"))
    pairs.append(Pair("d:4", "Both are all-weather strategic cooperative partners.",
                      "两国是全天候战略合作伙伴。", "en", "zh"))
    findings = run_checks(pairs, glossary, config("inconsistent-translation", "term-missing"))
    assert [(f.unit, f.concept) for f in findings] == [("d:3", "awscp")]
