"""Sentence splitting of English and Chinese paragraphs: the hard cases, one by one."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.segment import is_enumerator, sentence_spans, split_sentences

# Each case: a paragraph written with " | " where the sentences must be cut. A case without
# " | " must stay one sentence.
ENGLISH = [
    # titles and other abbreviations that never end a sentence
    "Mr. Smith met Dr. Jones in the morning. | They talked for an hour.",
    "Mrs. Lee and Ms. Park arrived with Prof. Chen. | The talks began at once.",
    "The service was held at St. Paul's Cathedral on Sunday.",
    "Gen. Miller, Sgt. Darren Moss and Capt. Reyes were present.",
    "The resort closed the Mt. Rainier Gondola because of the wind.",
    "Rep. Adams voted against the bill. | Sen. Brown voted for it.",
    # U.S., U.K., U.N., E.U. inside a sentence and at its end
    "The U.S. Special Envoy for Iran arrived in Vienna on Monday.",
    "Officials from the U.K. Foreign Office and the U.N. Security Council met.",
    "The delegation flew to the U.S. | The talks lasted two days.",
    "He spoke about the U.N. | It was his first speech there.",
    "Trade with the E.U. grew quickly. | It doubled in five years.",
    # … and before a capitalised word that opens a clause ("Talks resumed"), but not before one
    # that continues a name ("U.S. Government", "U.S. President Joe Biden")
    "The delegation flew to the U.S. | Talks resumed on Monday.",
    "He landed in the U.K. | Prices had risen sharply there.",
    "The talks ended at 5 p.m. | Reporters waited outside.",
    "Officials of the U.S. Government announced the plan on Monday.",
    "The U.S. Government said it would respond.",
    "U.S. President Joe Biden spoke on Monday.",
    "The U.N. Security Council voted on the resolution.",
    "The U.S. Embassy issued a statement.",
    "The meeting starts at 10 a.m. Monday and ends at noon.",
    # abbreviations before numbers
    "See Article No. 5 of the treaty for details.",
    "They met on Jan. 10 and again on Feb. 3 in Geneva.",
    "The figure on p. 12 and the table on pp. 30-31 agree.",
    "Resolution No. 2231 was adopted unanimously. | It set out the terms.",
    # a.m. and p.m. in the middle and at the end of a sentence
    "The avalanche was reported about 10:50 a.m. in the Silver Basin area.",
    "The meeting starts at 10 a.m. Tuesday in the main hall.",
    "The talks ended at 5 p.m. | A joint statement followed.",
    # e.g., i.e., etc., vs.
    "Some sectors, e.g. energy and fisheries, grew fastest.",
    "The second option, i.e. the joint fund, was chosen.",
    "They discussed trade, energy, culture, etc. | The meeting ended at noon.",
    "They discussed trade, energy, culture, etc., and agreed to meet again.",
    "The case of Brown vs. Board of Education was cited.",
    # company abbreviations
    "Apple Inc. CEO Tim Cook spoke at the forum.",
    "He works for Acme Co. | The firm makes bicycles.",
    "The contract went to Zhongtai Construction Co. Ltd. in March.",
    # initials
    "J. R. R. Tolkien wrote the book in Oxford.",
    "The letter was signed by Xi J. | The next day it was published.",
    "The prize went to A. B. Smith of Leeds.",
    # decimals, versions, thousands
    "Growth reached 3.5 percent in the third quarter.",
    "The budget is 1.5 billion dollars. | It was approved on Monday.",
    "Version v2.0.1 fixes the bug. | Version 2.1 adds the feature.",
    "Exports rose to 30,000.5 tonnes, up 2.4%. | Imports fell.",
    "The score was 3.14159 after rounding.",
    # numbers at the end of a sentence
    "The population passed 1.4 billion in 2022. | 2023 saw a small decline.",
    "The meeting took place in 2021. | The next one is planned for 2023.",
    # quotations ending inside quotes
    'He said, "Go." | Then he left the room.',
    'She asked, "Is it ready?" | Nobody answered.',
    '"We will win!" | The crowd cheered.',
    '"Can you print out the waveform?" Wang asked.',
    '"Why did you come?" she began to ask.',
    '“The door is always open.” | Then the minister smiled.',
    'As a saying goes, "Rainbow comes after a storm". | We believe in the future.',
    'He called the plan "a good start." | Others disagreed.',
    "'All right!' he cried.",
    # ellipses
    "He paused... | Then he left the room.",
    "Wait... what happened to the rest?",
    "The list goes on … and on.",
    "I... I've got a terrible headache.",
    # parentheses
    "He arrived (finally!) and sat down.",
    "The plan was approved. | (The vote was close.) | The work begins in May.",
    "The two countries (China and Iceland) signed the deal. | It takes effect soon.",
    # other terminators
    "Is this the right way? | Yes, it is!",
    "What a day! | It is finally over.",
    "Really?! | I did not know that.",
    # lower case after a full stop does not start a sentence
    "The ratio is approx. one in ten for the region.",
    "They said no. | Then they left.",
    # enumerations at paragraph start are not sentences of their own
    "1. The first point concerns trade. | 2. The second concerns energy.",
    "(a) The parties shall meet each year.",
    "IV. The parties shall settle disputes by consultation.",
    # dashes and bullets after a full stop
    "They agreed on the plan. | – The plan covers five years.",
    # a footnote reference right after the full stop stays with its sentence
    "The plan was signed in 2023.[2] | It has worked well.",
    "Trade grew by 5 percent.\u00b3 | Investment grew too.",
    "The treaty entered into force.[12] | \"It is a milestone,\" he said.",
    # salutations on a paragraph of their own
    "Colleagues, | In September, the summit will be held in Samarkand.",
    "Dear Friends, | It is a great pleasure to be here.",
    "Colleagues, in September we will meet again.",
]

CHINESE = [
    "我们的民族是伟大的民族。 | 在五千多年的文明发展历程中，中华民族作出了贡献。",
    "这是一个问题吗？ | 是的！ | 我们必须回答。",
    # closing quotes and brackets stay with their sentence
    "他说：“我们要加强合作。” | 双方同意。",
    "王毅表示：“中方愿同各方一道努力！” | 对方表示赞同。",
    "「你好。」 | 他笑了。 | 『再见！』",
    "会议取得成功（详见附件。） | 下次会议明年举行。",
    "向世界传递了许多“中国声音 ” 。 | 我代表大会秘书处表示感谢。",
    # the attribution after a quoted question or exclamation belongs to it
    "“我们要怎么处理这件事？”他继续说。 | 然后他离开了。",
    "“时间不多了！”外长对记者说。 | 会谈将继续。",
    "“能把曲线打印出来吗？”另一位研究人员问道。",
    # the semicolon does not end a sentence (as in the gold data of official texts)
    "既坚持四项基本原则，又坚持改革开放；既解放生产力，又促进共同富裕。",
    "没有远大理想，不是合格的党员；离开现实工作空谈理想，也不是合格的党员。 | 这是我们的共识。",
    # ellipses: inside a sentence, or before a closing quotation mark
    "抗议应该是预料之中的……抗议活动将针对进口产品。",
    "他说：“我们再想想……” | 会议就此结束。",
    "“难道那些传说……” | “大部分是真的。”",
    "我们要坚持...坚持下去。",
    # full-width and half-width punctuation mixed
    "这是第一句. | 这是第二句! | 第三句? | 第四句。",
    "这是第一句. | 这是第二句。",
    "他说:\"好。\" | 然后走了。",
    # numbers, versions and Latin text inside Chinese sentences
    "贸易额增长1.5亿元，约占3.5%。 | 软件版本为v2.0.1。",
    "皮尔斯县警长达伦·莫斯 (Darren Moss) 说，雪崩发生在上午 10 点 50 分左右。",
    "他在美国U.S.A.学习。 | 后来回国。",
    # a footnote reference right after the full stop stays with its sentence
    "双方同意合作。\u00b9 | 我们再次会面。[2] | 贸易增长。\u00b9\u00b2 | 投资也增长了。",
    "雅虎Yahoo!公司发布了财报。",
    # enumerations at paragraph start
    "（一）坚持改革开放。 | （二）扩大对外合作。",
    "一、总体情况。 | 二、具体措施。",
    "1.加强政治互信。 | 2.深化务实合作。",
    "第一，坚持互利共赢。 | 第二，坚持开放包容。",
    # headings and date lines without final punctuation stay whole
    "中国同中亚国家外长第三次会晤联合声明",
    "（2012年11月15日）",
    "2022年1月10日",
]


def _expected(case: str) -> list[str]:
    return [part.strip() for part in case.split(" | ")]


@pytest.mark.parametrize("case", ENGLISH)
def test_english_sentences(case):
    paragraph = case.replace(" | ", " ")
    assert split_sentences(paragraph, "en") == _expected(case)


@pytest.mark.parametrize("case", CHINESE)
def test_chinese_sentences(case):
    paragraph = case.replace(" | ", "")
    assert split_sentences(paragraph, "zh") == _expected(case)


@pytest.mark.parametrize("paragraph,lang", [
    ("Mr. Smith met Dr. Jones.  They talked.\u3000Then they left.", "en"),
    ("　　我们的民族是伟大的民族。  在历史进程中作出了贡献！“好。”他说。", "zh"),
])
def test_sentences_are_exact_substrings(paragraph, lang):
    spans = sentence_spans(paragraph, lang)
    assert spans, "a paragraph with text has at least one sentence"
    for (a, b), sentence in zip(spans, split_sentences(paragraph, lang)):
        assert paragraph[a:b] == sentence
        assert sentence == sentence.strip()
    # the text between sentences is only white space
    ends = [0] + [x for span in spans for x in span] + [len(paragraph)]
    gaps = [paragraph[ends[i]:ends[i + 1]] for i in range(0, len(ends), 2)]
    assert all(not gap.strip() for gap in gaps)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("paragraph", ["", "   ", "\u3000\n"])
def test_empty_paragraph_has_no_sentences(paragraph, lang):
    assert split_sentences(paragraph, lang) == []


def test_text_without_final_punctuation_is_one_sentence():
    assert split_sentences("Wang Yi Holds Talks with the Foreign Minister", "en") == [
        "Wang Yi Holds Talks with the Foreign Minister"]
    assert split_sentences("王毅同外长举行会谈", "zh") == ["王毅同外长举行会谈"]


@pytest.mark.parametrize("text,expected", [
    ("1.", True), ("(a)", True), ("IV.", True), ("（一）", True), ("一、", True), ("第三，", True),
    ("2)", True), ("1. The end.", False), ("Mr.", False), ("一些", False),
])
def test_enumerators(text, expected):
    assert is_enumerator(text) is expected


_PIECES = list("abcXYZ .!?…。！？；，“”‘’\"'()（）「」0123456789一二三 \n\u3000-—:") + [
    "Mr.", "U.S.", "Jan.", "p.m.", "e.g.", "……", "...", "（一）", "1.", "Wang", "The"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join), st.sampled_from(["en", "zh"]))
def test_any_text_splits_into_stripped_substrings_in_order(text, lang):
    spans = sentence_spans(text, lang)
    previous = 0
    for a, b in spans:
        assert previous <= a < b <= len(text)
        assert not text[previous:a].strip()  # nothing but white space is left out
        assert text[a:b] == text[a:b].strip()
        previous = b
    assert not text[previous:].strip()
