"""The cheap tests in front of the number and date extractors change nothing they find."""
from __future__ import annotations

import unicodedata

import pytest

import align.kinds as kinds
import align.numbers as numbers
from align.kinds import is_dateline
from align.numbers import extract_dates, extract_mentions
from align.numbers.prefilter import may_have_date, may_have_mention

#: our own sentences, one or more for each kind of mention the extractors find (and some
#: without any), in both languages
OWN = [
    "No number here at all.", "Someone has done it, and none is gone.", "Cities and families",
    "He came at two o'clock in the afternoon.", "It rose in the eighties and the 1990s.",
    "Over the past decade and a century.", "The centenary was marked.", "Two thirds voted.",
    "One in every five people.", "One out of three.", "A half of them.", "twenty-five apples",
    "the first time", "a million people", "twice as many", "Only 3 left.", "It is 5 p.m. now.",
    "On January 10, 2022 they met.", "In September they met.", "the September meeting",
    "2022-01-10 14:10", "The Group of Twenty met.", "ninety-nine", "thrice", "the hundredth day",
    "在北京举行", "没有数字的句子。", "三千万人", "百分之三十", "第三次会议", "2022年1月10日",
    "下午5点半", "八十年代", "三分之二", "一些人", "十七八个", "G20峰会", "January会议",
    "１２月", "⑫", "２０２２年", "㋀", "Ｊａｎｕａｒｙ 5", "ſeven", "K", "two\tthirds", "one  in five",
    "Beijing, January 10, 2022", "（2012年11月15日）", "2022年1月10日 来源：外交部",
]


def _texts(shared=None) -> list[str]:
    texts = list(OWN)
    if shared is not None:
        for path in sorted((shared / "corpora" / "gold").rglob("*")):
            if path.is_file() and path.suffix in (".en", ".zh", ".zhA", ".zhB", ".sents"):
                texts += path.read_text(encoding="utf-8").splitlines()
    return texts + [unicodedata.normalize("NFKC", t) for t in texts]


def _plain(monkeypatch) -> None:
    """Switch the cheap tests off: every text goes through the extractors."""
    monkeypatch.setattr(numbers, "may_have_mention", lambda folded, lang: True)
    monkeypatch.setattr(numbers, "may_have_date", lambda folded: True)
    monkeypatch.setattr(kinds, "may_have_date", lambda folded: True)


def _extract_all(texts: list[str]) -> list:
    return [(extract_mentions(t, lang), extract_dates(t, lang), is_dateline(t))
            for t in texts for lang in ("en", "zh")]


def test_prefilter_finds_what_the_extractors_find_on_our_sentences(monkeypatch):
    texts = _texts()
    fast = _extract_all(texts)
    _plain(monkeypatch)
    assert _extract_all(texts) == fast
    assert any(m[0][0] or m[0][1] for m in fast)


def test_prefilter_finds_what_the_extractors_find_on_the_gold_sets(shared, monkeypatch):
    texts = _texts(shared)
    fast = _extract_all(texts)
    _plain(monkeypatch)
    assert _extract_all(texts) == fast


@pytest.mark.parametrize("text, lang, expected", [
    ("The sun rose.", "en", False), ("Someone came", "en", False), ("It is 3", "en", True),
    ("one of them", "en", True), ("none in sight", "en", True), ("the eighties", "en", True),
    ("café", "en", True), ("他来了。", "zh", False), ("他来了一次。", "zh", True),
    ("Jan会议", "zh", True),
])
def test_prefilter_skips_text_without_numbers(text, lang, expected):
    assert may_have_mention(text, lang) is expected


def test_date_prefilter():
    assert not may_have_date("He went home.")
    assert may_have_date("in May") and may_have_date("5月") and may_have_date("2022-01-10")
