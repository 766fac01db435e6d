"""Matching form of text: width folding, spaces, quotes, dashes; and the map back to the original."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.normalize import fold, fold_with_map, original_span


@pytest.mark.parametrize("text,folded", [
    ("ＡＰＥＣ２０２２", "APEC2022"),                 # full-width letters and digits
    ("王毅　表示", "王毅 表示"),                      # ideographic space U+3000
    ("a\u00a0\u00a0b\u2002c\t\nd", "a b c d"),        # odd spaces, runs collapsed
    ("“permanent” ‘comprehensive’", '"permanent" \'comprehensive\''),
    ("China’s", "China's"),
    ("2020–2022 — and −3", "2020-2022 - and -3"),   # en dash, em dash, minus
    ("（一）：！？，", "(一):!?,"),                   # full-width punctuation
    ("。、「」", "。、「」"),                          # Chinese marks without ASCII forms stay
    ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
    ("ﬁnal", "final"),                               # ligature
    ("e\u0301t\u00e9", "\u00e9t\u00e9"),              # combining accent composed
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_map_points_at_the_original_characters():
    text = "Ｗang　Yi “said”"
    folded, origin = fold_with_map(text)
    assert folded == 'Wang Yi "said"'
    assert len(origin) == len(folded)
    assert [text[i] for i in origin[:5]] == ["Ｗ", "a", "n", "g", "\u3000"]
    start = folded.index('"said"')
    a, b = original_span(origin, text, start, start + 6)
    assert text[a:b] == "“said”"


def test_span_of_a_character_that_became_several():
    text = "x½y"
    folded, origin = fold_with_map(text)
    assert folded == "x1⁄2y"
    a, b = original_span(origin, text, 1, 4)
    assert text[a:b] == "½"


def test_span_does_not_swallow_collapsed_spaces():
    text = "王毅\u3000\u3000表示"
    folded, origin = fold_with_map(text)
    assert folded == "王毅 表示"
    assert original_span(origin, text, 0, 2) == (0, 2)
    assert original_span(origin, text, 3, 5) == (4, 6)


@given(st.text(max_size=60))
def test_map_is_monotonic_and_in_range(text):
    folded, origin = fold_with_map(text)
    assert len(origin) == len(folded)
    assert all(0 <= i < len(text) for i in origin)
    assert origin == sorted(origin)


@given(st.text(max_size=60))
def test_folding_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
