"""Dialogue structure: the quotation state after each sentence, and how beads use it."""
from __future__ import annotations

import numpy as np

from align.aligner import DEFAULT_SETTINGS, Structure
from align.model import Document, Sentence
from align.quotes import EITHER, quote_states

ZH = ["韦小宝道：“你先走。",
      "我随后就来。”",
      "老人点了点头。",
      "他说：“好。”",
      "两人便分开了。"]
EN = ["'Go ahead,' said Trinket.",
      "'I'll follow.'",
      "The old man nodded.",
      "'Very well,' he said.",
      "The two of them parted."]


def doc(lines, lang):
    return Document([Sentence(t, k, k + 1) for k, t in enumerate(lines)], lang, f"test.{lang}")


def test_a_quotation_left_open_carries_to_the_next_sentence():
    assert quote_states(ZH, "zh").tolist() == [1, 0, 0, 0, 0]
    texts = ["He said: “Wait.", "Come here!”", "She came.", "“Why?” he asked."]
    assert quote_states(texts, "en").tolist() == [1, 0, 0, 0]


def test_english_straight_quotes_are_told_from_apostrophes():
    texts = ["'Very well.", "Come over here!' he said.", "It's the boys' turn, isn't it?",
             "'Don't,' she said."]
    assert quote_states(texts, "en").tolist() == [1, 0, 0, 0]


def test_a_quotation_inside_a_quotation_leaves_the_outer_one_open():
    zh = ["他道：“俗话说：‘与人方便。’", "你放心。”", "她笑了：“好。”", "“走吧。”"]
    en = ["'You know the saying, \"Help others.\"", "Don't worry.'", "She smiled.", "'Fine.'",
          "'Let's go.'"]
    assert quote_states(zh, "zh").tolist() == [1, 0, 0, 0]
    assert quote_states(en, "en").tolist() == [1, 0, 0, 0, 0]


def test_a_quotation_split_by_an_english_speech_tag_fits_either_state():
    en = ["'No one is asking you to rob,' said Liu.", "'But we must think.'", "He left.",
          "'Wait,' she said.", "He stopped."]
    assert quote_states(en, "en").tolist() == [EITHER, 0, 0, 0, 0]


def test_text_with_too_few_quotation_marks_says_nothing():
    assert quote_states(["He left.", "She said “no”.", "Rain."], "en") is None


def test_a_bead_ending_inside_a_quotation_on_one_side_only_pays():
    structure = Structure(doc(ZH, "zh"), doc(EN, "en"), DEFAULT_SETTINGS)
    assert structure.use_quotes

    def adjust(i, a, j, b):
        return float(structure.adjust(*(np.array([x]) for x in (i, a, j, b)))[0])

    assert adjust(0, 2, 0, 2) == 0.0                 # both end outside the quotation
    assert adjust(0, 1, 1, 1) == -DEFAULT_SETTINGS.quote_penalty   # Chinese inside, English not
    assert adjust(0, 1, 0, 1) == 0.0                 # English closed for a speech tag only


def test_a_quotation_never_closed_says_nothing_until_the_next_one():
    zh = ["他说：“年轻，有梦想。", "警察赶到了。", "尸检显示他死于刺伤。", "她说：“我们很难过。”", "雨停了。",
          "“走吧。”"]
    states = quote_states(zh, "zh").tolist()
    assert states[:3] == [EITHER, EITHER, EITHER]     # the first quotation lacks its closing mark
    assert states[3:] == [0, 0, 0]
