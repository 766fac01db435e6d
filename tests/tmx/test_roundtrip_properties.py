"""Property tests: any unit our model can hold comes back identical through TMX, PO and JSONL."""
from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concord.bitext import read_units, write_units
from tmx.inline import segment_from_markup, segment_to_markup
from tmx.model import Inline, Segment, Unit, Variant

# every character XML 1.0 can carry (no C0 controls but tab/newline/CR, no surrogates)
xml_text = st.text(st.characters(blacklist_categories=("Cs",),
                                 blacklist_characters="".join(
                                     chr(c) for c in range(32) if c not in (9, 10, 13))
                                 + "\ufffe\uffff"), max_size=12)
ids = st.sampled_from(["1", "2", "3", "17"])
attr_value = st.text(string.ascii_letters + string.digits + " \"'<&>", max_size=6)


def code(tag: str, **extra):
    attrs = st.tuples(*[st.tuples(st.just(k), v) for k, v in extra.items()])
    return st.builds(lambda a, t: Inline(tag, a, (t,) if t else ()), attrs, xml_text)


inline = st.one_of(
    code("bpt", i=ids, type=attr_value), code("ept", i=ids), code("ph", x=ids),
    code("it", pos=st.sampled_from(["begin", "end"])), code("ut"),
    st.builds(lambda t: Inline("hi", (("type", "term"),), (t,)), xml_text),
    st.builds(lambda a, b: Inline("ph", (), (a, Inline("sub", (), (b,)))), xml_text, xml_text))
segments = st.lists(st.one_of(xml_text, inline), max_size=5).map(lambda p: Segment(tuple(p)))
props = st.lists(st.tuples(st.sampled_from(["x-concord-status", "x-a", "x-b"]), xml_text),
                 max_size=3)
notes = st.lists(xml_text, max_size=2)


@st.composite
def units(draw) -> Unit:
    variants = [Variant("zh-CN", draw(segments), draw(props), draw(notes)),
                Variant("en-US", draw(segments), draw(props), draw(notes))]
    if draw(st.booleans()):
        variants.insert(1, Variant("zh-TW", draw(segments)))
    attrs = draw(st.sampled_from([{}, {"creationdate": "20240101T000000Z"},
                                  {"usagecount": "2", "changeid": "reviewer"}]))
    tuid = draw(st.one_of(st.none(), st.text(string.ascii_letters + ":-_ 0123456789",
                                              min_size=1, max_size=8)))
    return Unit(tuid, variants, draw(props), draw(notes), attrs)


@given(segments)
def test_markup_round_trip(segment):
    assert segment_from_markup(segment_to_markup(segment)) == segment


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(units(), min_size=1, max_size=4))
def test_every_format_that_claims_to_be_lossless_is(tmp_path, memory):
    for fmt in ("tmx", "po", "jsonl"):
        path = tmp_path / f"m.{fmt}"
        write_units(memory, path, src_lang="zh-CN", tgt_lang="en-US")
        back = list(read_units(path))
        for unit in back:
            unit.line = None
        # a note with a line break is one note in PO too; whitespace in notes is kept
        assert back == memory, fmt
