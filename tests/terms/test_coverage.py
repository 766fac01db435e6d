"""terms.coverage: how a memory renders each glossary concept, on pairs written for this test."""
from __future__ import annotations

from pathlib import Path

from terms.checks import Pair
from terms.coverage import glossary_coverage
from terms.formats import load_glossary

GLOSSARY = load_glossary(Path(__file__).resolve().parent / "fixtures" / "mini.csv")

PAIRS = [
    Pair("1", "国务委员兼外长王毅出席会议。", "State Councilor and Foreign Minister Wang Yi attended."),
    Pair("2", "国务委员兼外长王毅会见来宾。", "State Councillor and Foreign Minister Wang Yi met guests."),
    Pair("3", "国务委员兼外长王毅发表讲话。", "Foreign Minister Wang Yi spoke."),
    Pair("4", "共建一带一路。", "Jointly build One Belt One Road."),
    Pair("5", "共建一带一路。", "Jointly build the Belt and Road."),
    Pair("6", "哈萨克斯坦副总理出席。", "Kazakh Deputy Prime Minister attended."),
    Pair("7", "天气晴朗。", "The weather was fine."),
]


def test_each_occurrence_gets_the_outcome_the_check_gives_it():
    coverage = glossary_coverage(GLOSSARY, PAIRS)
    uses = {u.concept: u for u in coverage.used}
    assert coverage.units == 7
    councilor = uses["councilor-fm"]
    assert councilor.units == 3
    assert councilor.outcomes == {"preferred": 1, "admitted": 1, "deprecated": 0, "missing": 1}
    assert councilor.examples == ["3"] and round(councilor.on_glossary, 2) == 0.67
    # the English actually used, as written, with the number of units
    assert councilor.renderings == {"State Councilor and Foreign Minister": 1,
                                    "State Councillor and Foreign Minister": 1}
    road = uses["belt-road"]
    assert road.renderings == {"One Belt One Road": 1, "Belt and Road": 1}
    assert road.outcomes == {"preferred": 1, "admitted": 0, "deprecated": 1, "missing": 0}
    assert road.examples == ["4"]
    # 副总理 of Kazakhstan is the scoped concept only; the general one is not counted
    assert uses["vice-premier-kz"].outcomes["preferred"] == 1 and "vice-premier" not in uses
    # 外长 inside 国务委员兼外长 is not a use of foreign-minister (leftmost-longest)
    assert "foreign-minister" not in uses
    assert set(coverage.unused) == {"partner-permanent", "partner-comprehensive", "vice-premier",
                                    "foreign-minister", "apec"}
    assert [u.concept for u in coverage.used] == ["councilor-fm", "belt-road", "vice-premier-kz"]


def test_a_unit_left_untranslated_counts_as_missing():
    coverage = glossary_coverage(GLOSSARY, [Pair("9", "共建一带一路。", "")])
    [use] = coverage.used
    assert use.outcomes["missing"] == 1 and use.examples == ["9"]
