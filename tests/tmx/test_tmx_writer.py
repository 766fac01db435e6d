"""The TMX writer: a complete TMX 1.4 header, xml:lang everywhere, inline codes written back."""
from __future__ import annotations

import io
import re

from lxml import etree

from tmx.model import Segment, Unit, Variant
from tmx.reader import iter_units
from tmx.writer import TMXWriter, tmx_date

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write(units, **options) -> bytes:
    stream = io.BytesIO()
    with TMXWriter(stream, srclang=options.pop("srclang", "zh-CN"), **options) as writer:
        for unit in units:
            writer.write(unit)
    return stream.getvalue()


def test_header_has_every_required_attribute_and_version_1_4(sample_units):
    root = etree.fromstring(write(sample_units))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for name in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                 "srclang", "datatype"):
        assert header.get(name), name
    assert header.get("segtype") == "sentence"
    assert header.get("srclang") == "zh-CN"
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))


def test_every_tuv_has_xml_lang_normalised(sample_units):
    units = [Unit.bilingual("a", "zh_CN", "中文", "EN", "English")]
    root = etree.fromstring(write(units, srclang="zh-Hans"))
    assert root.find("header").get("srclang") == "zh-CN"
    assert [tuv.get(XML_LANG) for tuv in root.iter("tuv")] == ["zh-CN", "en-US"]
    assert all(tuv.get("lang") is None for tuv in root.iter("tuv"))


def test_tag_normalisation_can_be_configured_or_switched_off():
    units = [Unit.bilingual("a", "zh", "中文", "en", "English")]
    root = etree.fromstring(write(units, srclang="zh", zh="zh-Hans", en="en"))
    assert [tuv.get(XML_LANG) for tuv in root.iter("tuv")] == ["zh-Hans", "en"]
    root = etree.fromstring(write([Unit.bilingual("a", "ZH", "中文", "En", "E")], srclang="ZH",
                                  normalize_langs=False))
    assert [tuv.get(XML_LANG) for tuv in root.iter("tuv")] == ["ZH", "En"]


def test_units_props_notes_and_codes_come_back_identical(sample_units, tmp_path):
    path = tmp_path / "out.tmx"
    path.write_bytes(write(sample_units))
    back = list(iter_units(path))
    assert back == sample_units


def test_notes_come_before_props_and_tuids_are_kept(sample_units):
    root = etree.fromstring(write(sample_units))
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == [u.tuid for u in sample_units]
    children = [c.tag for c in tus[1]]
    assert children.index("note") < children.index("prop") < children.index("tuv")


def test_pretty_printing_never_touches_whitespace_inside_segments(tmp_path):
    unit = Unit.bilingual("w", "zh-CN", Segment(("  前后空格  ",)), "en-US",
                          Segment((_ph(), _ph())))
    path = tmp_path / "w.tmx"
    path.write_bytes(write([unit]))
    [back] = iter_units(path)
    assert back.text("zh") == "  前后空格  "
    assert back.segment("en") == unit.segment("en")


def _ph():
    from tmx.model import Inline
    return Inline("ph", (), ("<br/>",))


def test_characters_xml_cannot_carry_are_removed_and_counted(tmp_path):
    stream = io.BytesIO()
    with TMXWriter(stream, srclang="en") as writer:
        writer.write(Unit.bilingual("c", "en", "page\x0cbreak\x01", "zh", "分页"))
    assert writer.removed_characters == 2
    path = tmp_path / "c.tmx"
    path.write_bytes(stream.getvalue())
    assert next(iter_units(path)).text("en") == "pagebreak"


def test_creation_date_is_utc_basic_format_and_reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")
    assert tmx_date() == "20240101T000000Z"
    root = etree.fromstring(write([]))
    assert root.find("header").get("creationdate") == "20240101T000000Z"


def test_header_props_and_notes_are_written(tmp_path):
    data = write([], header_props=[("x-domain", "diplomacy")], header_notes=["made for tests"])
    header = etree.fromstring(data).find("header")
    assert [(p.get("type"), p.text) for p in header.findall("prop")] == [("x-domain", "diplomacy")]
    assert [n.text for n in header.findall("note")] == ["made for tests"]


UDE = ('<ude name="MacRoman" base="Macintosh">'
       '<map unicode="#xF8FF" code="#xF0" ent="Apple_logo" subst="[Apple]"/></ude>')


def test_header_udes_are_read_and_written_back(tmp_path):
    from tmx.reader import read_header

    path = tmp_path / "ude.tmx"
    path.write_bytes(write([], header_udes=[UDE]))
    ude = etree.parse(str(path)).find("header/ude")
    assert (ude.get("name"), ude.get("base")) == ("MacRoman", "Macintosh")
    assert ude.find("map").attrib == {"unicode": "#xF8FF", "code": "#xF0", "ent": "Apple_logo",
                                      "subst": "[Apple]"}
    udes = read_header(path).udes
    assert len(udes) == 1
    again = etree.fromstring(udes[0])
    assert again.tag == "ude" and again.find("map").get("ent") == "Apple_logo"


def test_header_udes_must_be_ude_elements():
    import pytest

    with pytest.raises(ValueError, match="not <map>"):
        TMXWriter(io.BytesIO(), srclang="zh-CN", header_udes=['<map unicode="#x41"/>'])
    with pytest.raises(ValueError, match="not well-formed"):
        TMXWriter(io.BytesIO(), srclang="zh-CN", header_udes=["<ude name='x'>"])


def test_a_unit_without_variants_is_never_written_as_an_empty_tu():
    # <tu/> is invalid TMX (the DTD requires tuv+): the writer leaves it out and counts it
    stream = io.BytesIO()
    with TMXWriter(stream, srclang="en-US") as writer:
        writer.write(Unit("lonely", [], props=[("x-origin", "wild")]))
        writer.write(Unit.bilingual("2", "en-US", "Spring.", "zh-CN", "春天。"))
    root = etree.fromstring(stream.getvalue())
    assert [tu.get("tuid") for tu in root.iter("tu")] == ["2"]
    assert (writer.units_written, writer.without_variants) == (1, 1)


def test_a_one_sided_bead_is_written_without_its_empty_side_and_read_back_whole(tmp_path):
    # a CAT tool takes an empty <seg> for a deliberate empty translation (OmegaT then deletes
    # the sentence): the empty side is left out, named by a property our reader reads back
    units = [Unit.bilingual("d:1", "zh-CN", "只有中文。", "en-US", "",
                            props=[("x-concord-bead", "1-0")]),
             Unit.bilingual("d:2", "zh-CN", "", "en-US", "Only English.",
                            props=[("x-concord-bead", "0-1")]),
             Unit.bilingual("d:3", "zh-CN", "都有。", "en-US", "Both.")]
    data = write(units)
    tus = etree.fromstring(data).findall("body/tu")
    assert [[tuv.get(XML_LANG) for tuv in tu.iter("tuv")] for tu in tus] == [
        ["zh-CN"], ["en-US"], ["zh-CN", "en-US"]]
    assert [[p.text for p in tu.iter("prop") if p.get("type") == "x-concord-empty"]
            for tu in tus] == [["en-US"], ["zh-CN"], []]
    assert not any(seg.text is None for seg in etree.fromstring(data).iter("seg"))
    # the unit whose source is left out names its own source language: the file stays valid
    assert [tu.get("srclang") for tu in tus] == [None, "en-US", None]
    path = tmp_path / "one-sided.tmx"
    path.write_bytes(data)
    assert list(iter_units(path)) == units
    assert [u.is_empty_sided for u in iter_units(path)] == [True, True, False]


def test_an_empty_side_is_kept_where_leaving_it_out_would_lose_something():
    units = [Unit.bilingual("both", "zh-CN", "", "en-US", ""),          # never a tu without tuv
             Unit("noted", [Variant("zh-CN", Segment.plain("中文。")),
                            Variant("en-US", notes=["to translate"])]),
             Unit("three", [Variant("zh-CN", Segment.plain("中文。")), Variant("en-US"),
                            Variant("zh-TW", Segment.plain("中文。"))])]
    tus = etree.fromstring(write(units)).findall("body/tu")
    assert [len(tu.findall("tuv")) for tu in tus] == [2, 2, 3]
    assert not any(p.get("type") == "x-concord-empty" for tu in tus for p in tu.iter("prop"))


def test_a_single_variant_unit_of_another_tool_stays_single(tmp_path):
    path = tmp_path / "theirs.tmx"
    path.write_bytes(write([Unit("a", [Variant("zh-CN", Segment.plain("中文。"))])]))
    units = list(iter_units(path))
    assert [u.langs for u in units] == [["zh-CN"]]
    assert b"x-concord-empty" not in write(units)


def _write_file(path, units, **options) -> None:
    path.write_bytes(write(units, **options))


def _merged(memories, *, copy: bool, srclang: str = "zh-CN") -> tuple[bytes, list]:
    """One memory made of ``memories``: their units copied as bytes, or read and written."""
    stream = io.BytesIO()
    copied = []
    with TMXWriter(stream, srclang=srclang, creationdate="20260101T000000Z",
                   normalize_langs=False) as writer:
        writer.write(Unit.bilingual("first", "zh-CN", "前。", "en-US", "Before."))
        for memory in memories:
            copied.append(writer.copy_units(memory) if copy else None)
            if copied[-1] is None:
                for unit in iter_units(memory):
                    writer.write(unit)
        writer.write(Unit.bilingual("last", "zh-CN", "后。", "en-US", "After."))
    return stream.getvalue(), copied


def test_copied_units_are_the_bytes_writing_them_again_gives(sample_units, tmp_path):
    one_sided = Unit.bilingual("x:1", "zh-CN", "只有中文。", "en-US", "")
    variety = Unit.bilingual("x:2", "zh-TW", "港口。", "en-US", "The port.")
    _write_file(tmp_path / "a.tmx", sample_units)
    _write_file(tmp_path / "b.tmx", [one_sided, variety], srclang="zh-CN")
    _write_file(tmp_path / "empty.tmx", [])
    memories = [tmp_path / "a.tmx", tmp_path / "empty.tmx", tmp_path / "b.tmx"]
    copied, sizes = _merged(memories, copy=True)
    rewritten, _ = _merged(memories, copy=False)
    assert copied == rewritten
    assert sizes[1] == 0 and sizes[0] > 0 and sizes[2] > 0
    (tmp_path / "merged.tmx").write_bytes(copied)
    assert [u.tuid for u in iter_units(tmp_path / "merged.tmx")] == \
        ["first"] + [u.tuid for u in sample_units] + ["x:1", "x:2", "last"]


def test_files_not_written_this_way_are_not_copied(sample_units, tmp_path):
    _write_file(tmp_path / "compact.tmx", sample_units, pretty=False)
    text = write(sample_units)
    (tmp_path / "doctype.tmx").write_bytes(text.replace(
        b"<tmx ", b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx ', 1))
    (tmp_path / "cut.tmx").write_bytes(text[:-40])
    (tmp_path / "latin1.tmx").write_bytes(text.replace(b"UTF-8", b"ISO-8859-1", 1))
    for name in ("compact", "doctype", "cut", "latin1"):
        stream = io.BytesIO()
        with TMXWriter(stream, srclang="zh-CN") as writer:
            assert writer.copy_units(tmp_path / f"{name}.tmx") is None, name
        assert b"<tu" not in stream.getvalue(), name
