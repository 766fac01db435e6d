"""Telling Chinese from English."""
from __future__ import annotations

import pytest

from align.language import detect_language, han_share


@pytest.mark.parametrize("text,lang", [
    ("国务委员兼外长王毅同哈萨克斯坦外长通电话。", "zh"),
    ("皮尔斯县警长达伦·莫斯 (Darren Moss) 说，雪崩发生在上午 10 点 50 分左右。", "zh"),
    ("APEC会议在北京举行。", "zh"),
    ("State Councilor and Foreign Minister Wang Yi spoke on the phone.", "en"),
    ("The term 永久全面战略伙伴关系 means permanent comprehensive strategic partnership.", "en"),
    ("外交部", "zh"),
    ("2022-01-11 14:10", "en"),   # no letters at all: English by convention
    ("", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_han_share_counts_han_against_other_letters():
    assert han_share("中文abc") == pytest.approx(2 / 5)
    assert han_share("123 !?") == 0.0


def test_traditional_script_is_told_from_simplified():
    from align.language import is_traditional

    assert is_traditional("雙方就兩國關係交換了意見，外長說會議很成功。")
    assert not is_traditional("双方就两国关系交换了意见，外长说会议很成功。")
    # characters both scripts share (王, 人, 中) say nothing
    assert not is_traditional("王毅")


def test_is_han_and_the_han_pattern_are_one_definition():
    from align.language import HAN, is_han
    for cp in range(0x3000, 0x32000):
        ch = chr(cp)
        assert is_han(ch) == bool(HAN.fullmatch(ch)), hex(cp)
