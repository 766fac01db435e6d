"""Finding glossary terms: leftmost-longest, scripts, inflection, variants, spans in the original."""
from __future__ import annotations

from terms.matching import find_terms, matcher_for


def ids(glossary, matches):
    return [sorted(glossary.concepts[c].id for c in m.concepts) for m in matches]


def test_longest_chinese_term_wins_and_nested_is_not_counted(mini):
    text = "两国宣布建立永久全面战略伙伴关系。"
    matches = find_terms(mini, text, "zh")
    assert ids(mini, matches) == [["partner-permanent"]]
    assert text[matches[0].start:matches[0].end] == "永久全面战略伙伴关系"
    nested = matcher_for(mini).find(text, "zh", overlapping=True)
    assert ids(mini, nested) == [["partner-permanent"], ["partner-comprehensive"]]


def test_traditional_characters_match_simplified_terms(mini):
    text = "國務委員兼外長會見了亞太經合組織代表。"
    matches = find_terms(mini, text, "zh")
    assert [m.text for m in matches] == ["國務委員兼外長", "亞太經合組織"]
    assert ids(mini, matches) == [["councilor-fm"], ["apec"]]


def test_english_inflection_possessive_and_dash_variants(mini):
    text = ("The countries are permanent comprehensive strategic partners; "
            "the Vice-Premier’s visit and the Deputy Premier's office.")
    matches = find_terms(mini, text, "en")
    assert [m.text for m in matches] == ["permanent comprehensive strategic partners",
                                         "Vice-Premier’s", "Deputy Premier's"]
    en_dash = find_terms(mini, "an Asia–Pacific Economic Cooperation meeting", "en")
    assert [m.text for m in en_dash] == ["Asia–Pacific Economic Cooperation"]


def test_case_sensitive_terms_need_their_case(mini):
    assert [m.text for m in find_terms(mini, "APEC leaders met", "en")] == ["APEC"]
    assert find_terms(mini, "apec leaders met", "en") == []
    assert [m.text for m in find_terms(mini, "the vice premier said", "en")] == ["vice premier"]


def test_words_must_be_whole(mini):
    assert find_terms(mini, "Vice Premiership", "en") != []  # -ship is inflection
    assert find_terms(mini, "Vice Premiere screenings", "en") == []
    assert find_terms(mini, "the Belt and Roadmap", "en") == []


def test_spans_point_into_text_with_full_width_and_invisible_characters(mini):
    text = "（ＡＰＥＣ）\u200b State Councilor\u00a0and  Foreign\u2060 Minister Wang"
    matches = find_terms(mini, text, "en")
    spans = [text[m.start:m.end] for m in matches]
    assert spans == ["ＡＰＥＣ", "State Councilor\u00a0and  Foreign\u2060 Minister"]
