"""The memory model: segments keep inline codes as structure; plain text leaves codes out."""
from __future__ import annotations

import pytest

from tmx.inline import segment_from_markup, segment_to_markup
from tmx.model import Inline, Segment, Unit, Variant


def test_segment_parts_are_normalised_so_equal_content_compares_equal():
    assert Segment(("a", "", "b")) == Segment(("ab",))
    assert Segment.plain("") == Segment()
    assert Segment(("a", Inline("ph", (), ("<br/>",)), "b")).parts[0] == "a"


def test_plain_text_leaves_native_codes_out_and_keeps_highlighted_text():
    seg = Segment(("Click ", Inline("bpt", (("i", "1"),), ("<b>",)), "Save",
                   Inline("ept", (("i", "1"),), ("</b>",)), " or ",
                   Inline("hi", (("type", "term"),), ("Cancel",)), Inline("ph", (), ("<br/>",))))
    assert seg.text == "Click Save or Cancel"
    assert seg.has_codes
    assert [i.tag for i in seg.inlines()] == ["bpt", "ept", "hi", "ph"]
    assert seg.parts[1].code == "<b>"


def test_inline_refuses_unknown_tags():
    with pytest.raises(ValueError):
        Inline("b", (), ("x",))


def test_unit_bilingual_and_text_by_language():
    unit = Unit.bilingual("u1", "zh-CN", "你好。", "en-US", "Hello.", props=[("x-a", "1")],
                          notes=["n"])
    assert unit.text("zh-CN") == "你好。"
    assert unit.text("zh") == "你好。"          # same language, any variety
    assert unit.text("zh_CN") == "你好。"       # alias
    assert unit.text("en") == "Hello."
    assert unit.text("fr") == ""               # no such variant: empty, like an empty side
    assert unit.variant("fr") is None
    assert unit.prop("x-a") == "1" and unit.notes == ["n"]


def test_variant_prefers_the_exact_variety():
    unit = Unit("u", [Variant("zh-CN", Segment.plain("简体")), Variant("zh-TW", Segment.plain("繁體"))])
    assert unit.text("zh-TW") == "繁體"
    assert unit.text("zh-Hant") == "繁體"
    source = unit.variant("zh-CN")
    assert unit.variant("zh", exclude=source).lang == "zh-TW"


def test_set_prop_replaces_in_place():
    unit = Unit(props=[("a", "1"), ("b", "2"), ("a", "3")])
    unit.set_prop("a", "9")
    assert unit.props == [("a", "9"), ("b", "2")]
    unit.set_prop("c", "4")
    assert unit.props[-1] == ("c", "4")


def test_empty_sided_and_date():
    assert Unit.bilingual(None, "zh", "  ", "en", "Only English.").is_empty_sided
    assert Unit("u", [Variant("zh", Segment.plain("只有中文"))]).is_empty_sided
    assert not Unit.bilingual(None, "zh", "中文", "en", "English").is_empty_sided
    unit = Unit("u", [Variant("en", attrs={"changedate": "20240301T000000Z"})],
                attrs={"creationdate": "20230101T000000Z"})
    assert unit.date == "20240301T000000Z"


def test_markup_round_trip_keeps_codes_and_escapes_text():
    seg = Segment(("a < b & c ", Inline("bpt", (("i", "1"), ("type", "x\"y")), ("<b>",)), "d",
                   Inline("ept", (("i", "1"),), ("</b>",)),
                   Inline("ph", (), ("<img alt='", Inline("sub", (), ("图",)), "'/>"))))
    markup = segment_to_markup(seg)
    assert "&lt; b &amp; c" in markup and '<bpt i="1" type="x&quot;y">&lt;b&gt;</bpt>' in markup
    assert segment_from_markup(markup) == seg
    assert segment_from_markup("plain text") == Segment.plain("plain text")
    assert segment_from_markup("fish &amp; chips") == Segment.plain("fish & chips")


@pytest.mark.parametrize("markup", ["<bpt i='1'>unclosed", "fish & chips", "&nbsp;"])
def test_broken_markup_is_a_value_error(markup):
    with pytest.raises(ValueError):
        segment_from_markup(markup)
