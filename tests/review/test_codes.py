"""Inline codes as tokens in the edit box: shown, moved, and never lost."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concord.review.codes import codes, plain, segment_from_tokens, to_tokens
from concord.review.model import EditError
from tmx.inline import segment_from_markup, segment_to_markup
from tmx.model import Inline, Segment

MARKUP = ('Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept> now<ph x="1">{0}</ph>. '
          '<hi type="em">very <ph>&lt;br/&gt;</ph>big</hi>!')


@pytest.fixture
def segment() -> Segment:
    return segment_from_markup(MARKUP)


def test_tokens_number_codes_in_order_and_keep_the_plain_text(segment):
    assert to_tokens(segment) == "Press ⟦1⟧OK⟦/1⟧ now⟦2/⟧. ⟦3⟧very ⟦4/⟧big⟦/3⟧!"
    assert plain(to_tokens(segment)) == segment.text == "Press OK now. very big!"
    assert [(c.label, c.native, c.offset) for c in codes(segment)] == [
        ("1", "<b>", 6), ("/1", "</b>", 8), ("2/", "{0}", 12), ("3", "hi em", 14),
        ("4/", "<br/>", 19), ("/3", "hi em", 22)]


def test_moving_codes_gives_the_original_codes_back_in_their_new_places(segment):
    moved = segment_from_tokens("⟦1⟧Press OK⟦/1⟧ now⟦2/⟧. ⟦3⟧very ⟦4/⟧big⟦/3⟧!", segment)
    assert segment_to_markup(moved) == (
        '<bpt i="1">&lt;b&gt;</bpt>Press OK<ept i="1">&lt;/b&gt;</ept> now<ph x="1">{0}</ph>. '
        '<hi type="em">very <ph>&lt;br/&gt;</ph>big</hi>!')
    assert segment_from_tokens(to_tokens(segment), segment) == segment


@pytest.mark.parametrize("text,message", [
    ("Press OK now. very big!", "inline codes ⟦1⟧, ⟦/1⟧, ⟦2/⟧, ⟦3⟧, ⟦4/⟧, ⟦/3⟧ are missing"),
    ("Press ⟦1⟧OK⟦/1⟧ now. ⟦3⟧very ⟦4/⟧big⟦/3⟧!", "inline code ⟦2/⟧ is missing"),
    ("⟦/1⟧Press ⟦1⟧OK now⟦2/⟧. ⟦3⟧very ⟦4/⟧big⟦/3⟧!", "must come after ⟦1⟧"),
    ("Press ⟦1⟧⟦1⟧OK⟦/1⟧ now⟦2/⟧. ⟦3⟧very ⟦4/⟧big⟦/3⟧!", "appears twice"),
    ("Press ⟦9⟧OK", "⟦9⟧ is not one of this sentence's inline codes"),
    ("Press ⟦1⟧OK⟦/1⟧ now⟦2⟧. ⟦3⟧very ⟦4/⟧big⟦/3⟧!", "⟦2⟧ is not one of"),
    ("Press ⟦1⟧OK⟦/1⟧ now⟦2/⟧ ⟦ . ⟦3⟧very ⟦4/⟧big⟦/3⟧!", "'⟦' marks inline codes"),
    ("Press ⟦3⟧⟦1⟧OK⟦/3⟧⟦/1⟧ now⟦2/⟧. very ⟦4/⟧big!", "must close ⟦1⟧|same level"),
    ("Press ⟦1⟧OK ⟦3⟧very⟦/1⟧ now⟦2/⟧. ⟦4/⟧big⟦/3⟧!", "same level"),
])
def test_an_edit_that_loses_repeats_or_breaks_a_code_is_refused(segment, text, message):
    with pytest.raises(EditError, match=message):
        segment_from_tokens(text, segment)


def test_a_segment_without_codes_is_plain_text():
    assert to_tokens(Segment.plain("No codes ⟦here⟧.")) == "No codes ⟦here⟧."
    assert segment_from_tokens("Anything ⟦1⟧", Segment.plain("x")) == Segment.plain("Anything ⟦1⟧")


def test_an_unpaired_half_is_a_standalone_token():
    lonely = Segment(("A ", Inline("bpt", (("i", "4"),), ("<i>",)), "b"))
    assert to_tokens(lonely) == "A ⟦1/⟧b"


words = st.text(alphabet="ab 。", min_size=0, max_size=4)
leaves = st.sampled_from([Inline("ph", (("x", "1"),), ("<br/>",)), Inline("ut", (), ("{u}",)),
                          Inline("it", (("pos", "begin"),), ("<i>",))])


@st.composite
def segments(draw) -> Segment:
    parts: list = []
    pair = 0
    for _ in range(draw(st.integers(1, 6))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            parts.append(draw(words))
        elif choice == 1:
            parts.append(draw(leaves))
        elif choice == 2:
            pair += 1
            parts += [Inline("bpt", (("i", str(pair)),), ("<b>",)), draw(words),
                      Inline("ept", (("i", str(pair)),), ("</b>",))]
        else:
            parts.append(Inline("hi", (("type", "em"),), (draw(words), draw(leaves))))
    return Segment(tuple(parts))


@settings(max_examples=200, deadline=None)
@given(segments())
def test_tokens_round_trip_any_segment(segment):
    assert segment_from_tokens(to_tokens(segment), segment) == segment
    assert plain(to_tokens(segment)) == segment.text
