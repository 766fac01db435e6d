"""TSV, JSON Lines and Moses files."""
from __future__ import annotations

import csv
import io
import json

import pytest

from tmx.errors import TMXError
from tmx.moses import MosesWriter, one_line, read_moses
from tmx.tabular import JSONLWriter, TSVWriter, escape_tsv, read_jsonl, read_tsv, unescape_tsv


def write(writer_class, units, **options):
    stream = io.StringIO()
    with writer_class(stream, **options) as writer:
        writer.write_all(units)
    return stream.getvalue()


def test_tsv_layout(sample_units):
    text = write(TSVWriter, sample_units, src_lang="zh-CN", tgt_lang="en-US")
    lines = text.splitlines()
    assert lines[0].split("\t")[:3] == ["tuid", "zh-CN", "en-US"]
    assert lines[0].split("\t")[-1] == "notes"
    row = lines[2].split("\t")
    assert row[:3] == ["harbour-2024:2", "请点击保存。", "Please click Save."]   # codes removed
    assert len(lines) == 1 + len(sample_units)


def test_tsv_bare_is_two_columns_without_header(sample_units):
    text = write(TSVWriter, sample_units, src_lang="zh", tgt_lang="en", bare=True)
    assert text.splitlines()[0] == "新港区今天正式开港。\tThe new harbour district opened today."


@pytest.mark.parametrize("value", ["tab\there", "line\nbreak", "back\\slash", "\\t literal",
                                   "cr\r", ""])
def test_tsv_escapes_round_trip(value):
    assert "\t" not in escape_tsv(value) and "\n" not in escape_tsv(value)
    assert unescape_tsv(escape_tsv(value)) == value


def test_tsv_round_trip_keeps_text_props_and_notes(tmp_path, sample_units):
    path = tmp_path / "m.tsv"
    path.write_text(write(TSVWriter, sample_units, src_lang="zh-CN", tgt_lang="en-US"),
                    encoding="utf-8")
    back = list(read_tsv(path))
    assert [u.tuid for u in back] == [u.tuid for u in sample_units]
    for original, read in zip(sample_units, back):
        assert read.text("zh-CN") == original.text("zh-CN")
        assert read.text("en-US") == original.text("en-US")
        assert read.prop("x-concord-status") == original.prop("x-concord-status")
        assert read.notes == original.notes


def test_headerless_tsv_needs_languages(tmp_path):
    path = tmp_path / "plain.tsv"
    path.write_text("你好\tHello\n再见\tGoodbye\n", encoding="utf-8")
    with pytest.raises(TMXError, match="no header"):
        list(read_tsv(path))
    units = list(read_tsv(path, src_lang="zh", tgt_lang="en"))
    assert [(u.text("zh"), u.text("en")) for u in units] == [("你好", "Hello"), ("再见", "Goodbye")]


def test_tsv_with_a_wrong_row_names_the_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("tuid\tzh-CN\ten-US\n1\t一\tone\n2\t二\n", encoding="utf-8")
    with pytest.raises(TMXError) as caught:
        list(read_tsv(path))
    assert caught.value.line == 3


def test_jsonl_is_lossless(tmp_path, sample_units):
    path = tmp_path / "m.jsonl"
    path.write_text(write(JSONLWriter, sample_units), encoding="utf-8")
    back = list(read_jsonl(path))
    for unit in back:
        unit.line = None
    assert back == sample_units
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[1])
    assert record["variants"][1]["text"] == "Please click Save."
    assert record["variants"][1]["seg"][1] == {"tag": "bpt", "attrs": {"i": "1", "type": "bold"},
                                               "content": ["<b>"]}


def test_jsonl_accepts_common_simple_layouts(tmp_path):
    path = tmp_path / "simple.jsonl"
    path.write_text('{"translation": {"zh": "你好", "en": "Hello"}}\n'
                    '{"id": 7, "zh-CN": "再见", "en": "Goodbye"}\n', encoding="utf-8")
    first, second = read_jsonl(path)
    assert (first.text("zh"), first.text("en")) == ("你好", "Hello")
    assert second.tuid == "7" and second.text("zh-CN") == "再见"


def test_a_string_id_is_the_tuid_not_an_indonesian_segment(tmp_path):
    path = tmp_path / "ids.jsonl"
    path.write_text('{"id": "rel-3", "zh": "再见", "en": "Goodbye"}\n', encoding="utf-8")
    [unit] = read_jsonl(path)
    assert unit.tuid == "rel-3" and unit.langs == ["zh-CN", "en-US"]


@pytest.mark.parametrize("line, message", [('{"variants": [', "not JSON"),
                                           ('{"variants": [{"text": "x"}]}', "needs a lang"),
                                           ('[1, 2]', "not a unit"),
                                           ('{"zh": "二", "en": 2}', '"en" is not a string'),
                                           ('{"source": "二", "target": "two"}', "no text"),
                                           ('{"variants": []}', "no text")])
def test_jsonl_errors_name_the_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"translation": {"zh": "一", "en": "one"}}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(TMXError, match=message) as caught:
        list(read_jsonl(path))
    assert caught.value.line == 2


def test_moses_files_line_up(tmp_path, sample_units):
    src, tgt = io.StringIO(), io.StringIO()
    with MosesWriter(src, tgt, src_lang="zh-CN", tgt_lang="en-US") as writer:
        writer.write_all(sample_units)
    assert src.getvalue().count("\n") == tgt.getvalue().count("\n") == len(sample_units)
    assert src.getvalue().splitlines()[2] == ""      # the empty side is kept as an empty line
    (tmp_path / "c.zh").write_text(src.getvalue(), encoding="utf-8")
    (tmp_path / "c.en").write_text(tgt.getvalue(), encoding="utf-8")
    units = list(read_moses(tmp_path / "c"))         # languages found from the two files
    assert [u.text("zh") for u in units] == [u.text("zh-CN") for u in sample_units]
    assert [u.text("en") for u in units] == [u.text("en-US") for u in sample_units]


def test_moses_files_of_different_length_are_an_error(tmp_path):
    (tmp_path / "c.zh").write_text("一\n二\n三\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("one\ntwo\n", encoding="utf-8")
    with pytest.raises(TMXError, match=r"differ in length.*3 lines.*2"):
        list(read_moses(tmp_path / "c", src_lang="zh", tgt_lang="en"))


def test_moses_writes_each_segment_on_one_line():
    assert one_line("a\nb\r\nc\u2028d") == "a b c d"


def test_only_a_line_feed_ends_a_moses_line(tmp_path):
    # web text carries stray carriage returns: wc -l, Moses and fairseq count lines by LF only
    (tmp_path / "c.zh").write_bytes("一\r\n二\r三\n".encode())
    (tmp_path / "c.en").write_bytes(b"one\r\ntwo three")
    units = list(read_moses(tmp_path / "c", src_lang="zh", tgt_lang="en"))
    assert [(u.text("zh"), u.text("en")) for u in units] == [("一", "one"),
                                                              ("二\r三", "two three")]


def test_only_a_line_feed_ends_a_tsv_row(tmp_path):
    path = tmp_path / "cr.tsv"
    path.write_bytes("zh\ten\r\n你好\tHel\rlo\r\n再见\tBye\n".encode())
    assert [(u.text("zh"), u.text("en")) for u in read_tsv(path)] == [("你好", "Hel\rlo"),
                                                                       ("再见", "Bye")]


@pytest.mark.parametrize("header", ["source\ttarget", "src\ttgt", "Source\tTarget"])
def test_a_source_target_header_row_is_not_a_unit(tmp_path, header):
    # the header pandas and MT scripts write: it names no language, so the languages are given
    path = tmp_path / "st.tsv"
    path.write_text(header + "\n你好\tHello\n", encoding="utf-8")
    with pytest.raises(TMXError, match="no header naming its languages"):
        list(read_tsv(path))
    units = list(read_tsv(path, src_lang="zh", tgt_lang="en"))
    assert [(u.text("zh"), u.text("en")) for u in units] == [("你好", "Hello")]


def test_tsv_with_csv_quoting_as_pandas_and_excel_write_it(tmp_path):
    # doubled quotes, and quoted fields holding a tab or a line break, as csv.writer (pandas'
    # to_csv(sep="\t"), Excel's "Unicode text") writes them
    path = tmp_path / "pandas.tsv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, dialect="excel-tab")
        writer.writerows([["zh-CN", "en-US"], ["他说“是”。", 'He said "yes".'],
                          ["第一行\n第二行", "a\ttab"], ["C:\\temp", "plain"]])
    units = list(read_tsv(path, quoting="csv"))
    assert [(u.text("zh"), u.text("en")) for u in units] == [
        ("他说“是”。", 'He said "yes".'), ("第一行\n第二行", "a\ttab"), ("C:\\temp", "plain")]
    assert [u.line for u in units] == [2, 3, 5]
    # the default reading (backslash escapes) is unchanged: the quotes are text
    with pytest.raises(TMXError, match="columns"):
        list(read_tsv(path))


def test_tsv_with_csv_quoting_reports_a_broken_quote_with_its_line(tmp_path):
    path = tmp_path / "broken.tsv"
    path.write_text('zh-CN\ten-US\n"好\tfine\n', encoding="utf-8")
    with pytest.raises(TMXError) as caught:
        list(read_tsv(path, quoting="csv"))
    assert caught.value.line == 2 and "quote" in str(caught.value)
