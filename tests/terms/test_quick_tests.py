"""The shortcuts taken for speed agree with the slow way: the word trie with pyahocorasick's
automaton, the quick tests before number patterns with the patterns themselves, the untranslated
rule's shortcut with folding. Sentences written for these tests."""
from __future__ import annotations

import ahocorasick
import pytest

from align.numbers import english as number_english
from align.numbers import extract_mentions
from align.numbers import forms as number_forms
from terms.checks import Checker, Pair
from terms.checks.consistency import _PUNCT, normalise
from terms.checks.numbers import _MAY_HAVE_MENTION, _MAY_HAVE_STRONG, _may_have_strong
from terms.checks.untranslated import _same_text
from terms.textfold import fold_text
from terms.wordtrie import WordTrie

FORMS = ["ab", "abc", "b", "bc", "bcd", "c", "cab", "d", "xyz"]
TEXTS = ["abcd", "cabcab", "xxabcxyz", "", "bbb", "dcba", "abcabcd"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_word_trie_finds_what_the_automaton_finds_in_its_order(text):
    automaton = ahocorasick.Automaton()
    trie: WordTrie[str] = WordTrie()
    for form in FORMS:
        automaton.add_word(form, form)
        trie.add(form, form)
    automaton.make_automaton()
    assert trie.iter(text) == list(automaton.iter(text))


SENTENCES = [
    "The talks were held in a friendly atmosphere.",
    "Fifty delegates attended; growth was 5 per cent.",
    "Some seventeen experts met in the twentieth session.",
    "Exports rose by a third in the 1980's and the twenties.",
    "One in ten households, two thirds of them rural.",
    "The meeting opened at 9.30am and closed at 17:45.",
    "A quarter of the budget went to the SEVENTIES programme.",
    "Prices fell by half in March 2023, and again on April 5.",
    "Cooperation between the parties deepened this year.",
    "The ſixty-ſeventh ſeſſion, ﬁfty-ﬁve members, an İnternational fıfth.",
    "Growth reached 6.5% in the ’90s.",
    "They met one-to-one, then one by one; twenty-one of them, Twenty Five in all.",
    "Money for everyone: the eleventh plan, not the second.",
    "Tariffs fell to zero in the twenties, before the centenary.",
    "Born in the thirties, wed in the forties, retired in the fifties, at the centennial.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_quick_test_for_strong_numbers_agrees_with_its_pattern(text):
    for lang in ("en", "zh"):
        assert _may_have_strong(text, lang) == bool(_MAY_HAVE_STRONG[lang].search(text))


@pytest.mark.parametrize("text", SENTENCES)
def test_the_checks_quick_test_never_hides_a_mention(text):
    for lang in ("en", "zh"):
        numbers, dates = extract_mentions(text, lang)
        if numbers or dates:
            assert _MAY_HAVE_MENTION[lang].search(text), (lang, numbers, dates)


@pytest.mark.parametrize("text", SENTENCES)
def test_numbers_found_with_and_without_the_quick_tests_are_the_same(text, monkeypatch):
    found = extract_mentions(text, "en")
    for module in (number_forms, number_english):  # every pattern runs
        monkeypatch.setattr(module, "lacks_all", lambda *_: False)
    monkeypatch.setattr(number_forms, "_EN_TIME_HINT", number_forms._ANY_DIGIT)
    assert extract_mentions(text, "en") == found


@pytest.mark.parametrize("source,target", [
    ("中国和东盟", "China and ASEAN"),
    ("ＡＢＣ Report", "ABC Report"),
    ("ASEAN", "ASEAN"),
    ("中国", "中国"),
    ("⼀带⼀路", "一带一路"),  # Kangxi radicals fold to Han characters
])
def test_the_untranslated_shortcut_agrees_with_folding(source, target):
    folded = fold_text(source).text.casefold() == fold_text(target).text.casefold()
    assert _same_text(source, target) == folded


def test_an_untranslated_target_is_still_reported():
    findings = Checker().check_pair(Pair("u", "ＡＢＣ Report", "ABC Report"))
    assert [f.rule for f in findings] == ["untranslated"]


@pytest.mark.parametrize("text", SENTENCES)
def test_number_words_are_looked_for_from_the_first_one_on(text):
    lower = text.lower()
    words = number_english._EN_NUMBER_WORDS.intersection(number_english._LATIN_WORD.findall(lower))
    if words and text.isascii():
        first = min(map(lower.find, words))
        assert list(number_english._en_number_words(text, first)) == \
            list(number_english._en_number_words(text))


@pytest.mark.parametrize("text", [*SENTENCES, "  a__b\t\x1fC--d ", "", "_", "x\x00y", "R&D, 2.5%"])
def test_the_ascii_normal_form_is_the_folded_one(text):
    assert normalise(text) == _PUNCT.sub(" ", fold_text(text).text.casefold()).strip()
