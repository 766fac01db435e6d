"""The severity model: errors only where a reader would be misinformed; what a translator adds
(a year the source leaves implicit, a name made explicit) is info. Pairs written for these
tests, in both directions, checked with the project glossary."""
from __future__ import annotations

import pytest

from terms.checks import Checker, Pair
from terms.config import Config
from terms.glossary import load_glossary


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
