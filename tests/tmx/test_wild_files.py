"""Every kind of TMX file found in the wild, each as a fixture we wrote: read without loss."""
from __future__ import annotations

import pytest

from tmx.errors import TMXError
from tmx.langtags import normalize_tag
from tmx.model import Inline
from tmx.reader import TMXReader, iter_units, read_header

FIRST_ZH = "外交部发言人今天下午举行例行记者会。"
FIRST_EN = "The foreign ministry spokesperson held a regular press conference this afternoon."


@pytest.mark.parametrize("name", ["utf16.tmx", "utf16be.tmx", "bom-utf8.tmx",
                                  "utf8-labelled-utf16.tmx", "version-1.4b.tmx",
                                  "missing-srclang.tmx"])
def test_encodings_and_header_quirks_read_the_same_three_units(fixtures, name):
    units = list(iter_units(fixtures / name))
    assert [u.tuid for u in units] == ["t1", "t2", "t3"]
    assert units[0].text("zh") == FIRST_ZH
    assert units[0].text("en") == FIRST_EN
    assert units[2].text("en") == "The talks were held in a friendly atmosphere."


def test_header_props_notes_and_version_are_read(fixtures):
    header = read_header(fixtures / "bom-utf8.tmx")
    assert header.version == "1.4"
    assert header.srclang == "zh-CN"
    assert header.props == [("x-domain", "press releases")]
    assert header.notes == ["Written by hand for the Concord test suite."]
    assert read_header(fixtures / "version-1.4b.tmx").version == "1.4b"
    assert read_header(fixtures / "missing-srclang.tmx").srclang is None


def test_lang_instead_of_xml_lang_and_an_external_dtd_that_is_never_fetched(fixtures):
    units = list(iter_units(fixtures / "lang-attribute.tmx"))
    assert [v.lang for v in units[0].variants] == ["ZH-CN", "EN-US"]
    assert units[0].text("zh-CN") == FIRST_ZH
    assert units[1].text("en") == "The two sides agreed to strengthen cooperation in agriculture."


def test_chinese_codes_of_every_kind_are_found_by_one_tag(fixtures):
    units = list(iter_units(fixtures / "zh-codes.tmx"))
    assert len(units) == 6
    simplified = units[:5]
    assert all(u.text("zh-CN") for u in simplified)
    assert {normalize_tag(u.variants[0].lang) for u in simplified} == {"zh-CN"}
    assert {normalize_tag(u.variants[1].lang) for u in simplified} == {"en-US"}
    # the Traditional unit is not mistaken for zh-CN, yet "zh" finds it
    assert normalize_tag(units[5].variants[0].lang) == "zh-TW"
    assert units[5].text("zh") == "雙方將繼續保持溝通。"
    assert units[5].text("en") == "The two sides will stay in touch."


def test_foreign_markup_is_kept_as_native_code_and_reported(fixtures):
    reader = TMXReader(fixtures / "foreign-markup.tmx")
    units = list(reader)
    assert units[0].text("zh") == "请点击确定继续。"
    assert units[0].text("en") == "Click OK to continue."
    bpt, text, ept = units[0].segment("en").parts[1:4]
    assert (bpt.tag, bpt.code, text, ept.tag, ept.code) == ("bpt", "<b>", "OK", "ept", "</b>")
    assert bpt.get("i") == ept.get("i")
    assert units[1].segment("en").parts[1] == Inline("ph", (("type", "br"),), ("<br/>",))
    assert units[2].segment("en").parts[1].code == '<span class="ref">'
    assert units[2].text("en") == "See Annex I."
    assert len(reader.warnings) == 6
    assert all("not TMX markup" in w.message and w.line for w in reader.warnings)


def test_duplicate_bpt_ids_are_read_without_loss(fixtures):
    units = list(iter_units(fixtures / "duplicate-bpt.tmx"))
    codes = list(units[0].segment("en").inlines())
    assert [(c.tag, c.get("i"), c.code) for c in codes] == [
        ("bpt", "1", "<b>"), ("ept", "1", "</b>"), ("bpt", "1", "<i>"), ("ept", "1", "</i>")]
    assert units[0].text("en") == "Important notice: please note"


def test_empty_sided_units_are_kept_never_dropped(fixtures):
    units = list(iter_units(fixtures / "empty-sides.tmx"))
    assert [u.tuid for u in units] == ["e1", "e2", "e3", "e4"]
    assert units[0].text("en") == "" and units[0].variant("en") is not None
    assert units[1].text("zh").strip() == ""
    assert len(units[2].variants) == 1 and units[2].variant("en") is None
    assert [u.is_empty_sided for u in units] == [True, True, True, False]


def test_a_unit_with_three_variants(fixtures):
    unit = next(iter_units(fixtures / "multilingual.tmx"))
    assert [v.lang for v in unit.variants] == ["zh-CN", "zh-TW", "en-US"]
    assert unit.text("zh-TW") == "展覽將持續到十月底。"
    assert unit.text("zh-CN") == "展览将持续到十月底。"
    assert unit.prop("x-concord-doc") == "fixture-release"


def test_inline_codes_of_every_kind_are_structure(fixtures):
    units = {u.tuid: u for u in iter_units(fixtures / "inline-codes.tmx")}
    bpt = units["i1"].segment("en").parts[1]
    assert (bpt.tag, bpt.attrs, bpt.code) == ("bpt", (("i", "1"), ("x", "1"), ("type", "bold")),
                                              "<b>")
    assert units["i1"].text("en") == "Click the Save button."
    assert units["i2"].text("zh") == "第一段第二段"
    it = units["i3"].segment("en").parts[0]
    assert (it.tag, it.get("pos")) == ("it", "begin")
    assert units["i4"].text("en") == "See the strategic partnership section"
    ph = units["i5"].segment("en").parts[1]
    assert ph.content[1] == Inline("sub", (), ("The port at night",))
    assert units["i5"].text("en") == "Picture caption"     # sub text belongs to the code
    assert units["i6"].segment("en").parts[1] == Inline("ut", (), ("{\\b}",))
    assert units["i7"].text("en") == "  spaces around  "   # whitespace in seg is content


def test_comments_are_not_content_and_cdata_is_text(fixtures):
    units = list(iter_units(fixtures / "comments-cdata.tmx"))
    assert units[0].text("zh") == "今天天气晴朗。"
    assert units[0].text("en") == "It is sunny today."
    assert units[1].text("en") == "Price < 100 yuan"


def test_units_know_their_line(fixtures):
    lines = [u.line for u in iter_units(fixtures / "bom-utf8.tmx")]
    assert lines == sorted(lines) and lines[0] == 8


@pytest.mark.parametrize("name, message", [
    ("truncated.tmx", "truncated"),
    ("not-tmx.xml", "not a TMX file: the root element is <glossary>"),
    ("undefined-entity.tmx", "undefined entity &nbsp;"),
])
def test_unreadable_files_raise_with_path_and_line(fixtures, name, message):
    with pytest.raises(TMXError) as caught:
        list(iter_units(fixtures / name))
    error = caught.value
    assert message in str(error)
    assert error.path == str(fixtures / name)
    assert error.line is not None and error.line >= 1
    assert str(error).startswith(f"{fixtures / name}:{error.line}")


def test_a_truncated_file_is_an_error_not_fewer_units(fixtures):
    seen = []
    with pytest.raises(TMXError):
        for unit in iter_units(fixtures / "truncated.tmx"):
            seen.append(unit)
    assert len(seen) <= 1   # the first unit may be read before the break; never a silent end


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x00\x01binary\xff", "not well-formed"),
    (b'<tmx version="1.4"><header/><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>',
     "no language"),
    (b'<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"/></tu></body></tmx>', "no <seg>"),
    (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
     "looks like a PO file"),
    (b'{"zh": "\xe5\x9b\x9b", "en": "four"}\n', "looks like a JSONL file"),
    (b"\xe5\x9b\x9b\tfour\n", "looks like a TSV file"),
])
def test_other_bad_input(tmp_path, content, message):
    path = tmp_path / "bad.tmx"
    path.write_bytes(content)
    with pytest.raises(TMXError, match=message):
        list(iter_units(path))


@pytest.mark.parametrize("content", [
    b"\x00\x01binary\xff",
    b'<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>x</sge></tuv></tu></body>'
    b"</tmx>",
])
def test_an_error_on_the_last_line_is_not_called_truncation(tmp_path, content):
    # one line, no final newline: the error is on the last line, but the file is complete
    path = tmp_path / "one-line.tmx"
    path.write_bytes(content)
    with pytest.raises(TMXError) as caught:
        list(iter_units(path))
    assert "not well-formed" in str(caught.value) and "truncated" not in str(caught.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(TMXError, match="no such file"):
        list(iter_units(tmp_path / "nothing.tmx"))
    with pytest.raises(TMXError, match="directory"):
        list(iter_units(tmp_path))


def test_a_second_seg_in_a_tuv_is_dropped_with_a_warning_not_silently(tmp_path):
    # the DTD allows one seg per tuv; a tool that wrote two lost nothing of ours to say so
    path = tmp_path / "two-segs.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header '
                    'srclang="en" creationtool="t" creationtoolversion="1" segtype="sentence" '
                    'o-tmf="t" adminlang="en" datatype="plaintext"/>\n<body>\n<tu>\n'
                    '<tuv xml:lang="en"><seg>First part.</seg>\n<seg>Second part.</seg></tuv>\n'
                    '<tuv xml:lang="zh"><seg>第一部分。</seg></tuv>\n</tu>\n</body>\n</tmx>\n',
                    encoding="utf-8")
    reader = TMXReader(path)
    [unit] = reader
    assert unit.text("en") == "First part."
    [warning] = reader.warnings
    assert warning.line == 7
    assert "second <seg>" in warning.message and "Second part." in warning.message
