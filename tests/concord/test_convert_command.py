"""``concord convert``: every format pair, tag normalisation, repair, and bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from concord.bitext import read_units, write_units
from concord.cli import main
from tmx.model import Inline, Segment, Unit, Variant
from tmx.reader import iter_units, read_header
from tmx.validate import validate_file

FIXTURES = Path(__file__).resolve().parent.parent / "tmx" / "fixtures"


def run(args, capsys):
    """Exit status, standard output, and standard error with its line wrapping undone."""
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    return status, out.out, " ".join(out.err.split())


@pytest.fixture
def memory(tmp_path) -> Path:
    units = [Unit.bilingual(f"m:{n}", "zh-CN", zh, "en-US", en,
                            props=[("x-concord-status", "unreviewed")])
             for n, (zh, en) in enumerate([("春天来了。", "Spring has come."),
                                           ("花开了。", "The flowers are out."),
                                           ("", "Only in English.")], 1)]
    path = tmp_path / "m.tmx"
    write_units(units, path)
    return path


@pytest.mark.parametrize("ext", ["po", "jsonl", "tsv"])
def test_tmx_to_other_and_back(tmp_path, capsys, memory, ext):
    status, _, err = run(["convert", memory, tmp_path / f"m.{ext}"], capsys)
    assert status == 0 and f"3 units written to {tmp_path / f'm.{ext}'} ({ext})" in err
    assert "1 units have an empty side (kept)" in err
    status, _, _ = run(["convert", tmp_path / f"m.{ext}", tmp_path / "back.tmx"], capsys)
    assert status == 0
    back = list(iter_units(tmp_path / "back.tmx"))
    assert [(u.text("zh"), u.text("en")) for u in back] == [
        (u.text("zh"), u.text("en")) for u in iter_units(memory)]
    assert validate_file(tmp_path / "back.tmx").valid


def test_moses_out_and_in(tmp_path, capsys, memory):
    status, _, err = run(["convert", memory, tmp_path / "corpus", "--to", "moses"], capsys)
    assert status == 0 and "corpus.zh and" in err
    assert (tmp_path / "corpus.en").read_text(encoding="utf-8").count("\n") == 3
    status, _, _ = run(["convert", tmp_path / "corpus", tmp_path / "back.tsv"], capsys)
    assert status == 0
    rows = (tmp_path / "back.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t")[1:3] == ["zh-CN", "en-US"] and len(rows) == 4


@pytest.mark.parametrize("ext", ["tsv", "po"])
def test_a_bare_header_srclang_does_not_hide_the_target(tmp_path, capsys, ext):
    # srclang="zh" in the header, the units' zh/en normalised to zh-CN/en-US: the target is the
    # English, not "the first language that is not spelled zh"
    path = tmp_path / "bare-tags.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                    'srclang="zh" creationtool="t" creationtoolversion="1" segtype="sentence" '
                    'o-tmf="t" adminlang="en" datatype="plaintext"/><body><tu>'
                    '<tuv xml:lang="zh"><seg>春天来了。</seg></tuv>'
                    '<tuv xml:lang="en"><seg>Spring has come.</seg></tuv></tu></body></tmx>\n',
                    encoding="utf-8")
    status, _, _ = run(["convert", path, tmp_path / f"out.{ext}"], capsys)
    assert status == 0
    [unit] = read_units(tmp_path / f"out.{ext}")
    assert (unit.text("zh"), unit.text("en")) == ("春天来了。", "Spring has come.")


def test_bare_tsv_and_languages_for_headerless_input(tmp_path, capsys, memory):
    run(["convert", memory, tmp_path / "bare.tsv", "--bare"], capsys)
    assert (tmp_path / "bare.tsv").read_text(encoding="utf-8").splitlines()[0] == \
        "春天来了。\tSpring has come."
    status, _, err = run(["convert", tmp_path / "bare.tsv", tmp_path / "x.tmx"], capsys)
    assert status == 2 and "--src-lang/--tgt-lang" in err
    assert not (tmp_path / "x.tmx").exists()
    status, _, _ = run(["convert", tmp_path / "bare.tsv", tmp_path / "x.tmx", "--src-lang", "zh",
                        "--tgt-lang", "en"], capsys)
    assert status == 0 and read_header(tmp_path / "x.tmx").srclang == "zh-CN"


def test_language_tags_are_normalised_unless_kept(tmp_path, capsys):
    status, _, _ = run(["convert", FIXTURES / "zh-codes.tmx", tmp_path / "n.tmx"], capsys)
    assert status == 0
    langs = {tuple(u.langs) for u in iter_units(tmp_path / "n.tmx")}
    assert langs == {("zh-CN", "en-US"), ("zh-TW", "en-GB")}
    assert validate_file(tmp_path / "n.tmx").valid
    run(["convert", FIXTURES / "zh-codes.tmx", tmp_path / "h.tmx", "--zh-tag", "zh-Hans",
         "--en-tag", "en"], capsys)
    assert next(iter_units(tmp_path / "h.tmx")).langs == ["zh-Hans", "en"]
    # a Traditional tag asked for is written as given, not normalised again to zh-TW
    run(["convert", FIXTURES / "bom-utf8.tmx", tmp_path / "t.tmx", "--zh-tag", "zh-Hant"], capsys)
    units = list(iter_units(tmp_path / "t.tmx"))
    assert {tuple(u.langs) for u in units} == {("zh-Hant", "en-US")}
    assert not any("srclang" in u.attrs for u in units)
    assert read_header(tmp_path / "t.tmx").srclang == "zh-Hant"
    assert validate_file(tmp_path / "t.tmx").valid
    run(["convert", FIXTURES / "zh-codes.tmx", tmp_path / "k.jsonl", "--keep-tags"], capsys)
    assert next(read_units(tmp_path / "k.jsonl")).langs == ["zh-Hans", "en"]


@pytest.mark.parametrize("name", ["lang-attribute.tmx", "version-1.4b.tmx", "missing-srclang.tmx",
                                  "foreign-markup.tmx", "duplicate-bpt.tmx", "utf16.tmx",
                                  "utf8-labelled-utf16.tmx", "zh-codes.tmx", "multilingual.tmx"])
def test_wild_files_become_valid_tmx_with_repair(tmp_path, capsys, shared, name):
    out = tmp_path / "fixed.tmx"
    status, _, _ = run(["convert", FIXTURES / name, out, "--repair"], capsys)
    assert status == 0
    report = validate_file(out, dtd=shared / "reference" / "tmx14.dtd")
    assert report.valid, report.problems
    assert len(list(iter_units(out))) == len(list(iter_units(FIXTURES / name)))


def test_repair_reports_its_changes(tmp_path, capsys):
    status, _, err = run(["convert", "-v", FIXTURES / "duplicate-bpt.tmx", tmp_path / "f.tmx",
                          "--repair"], capsys)
    assert status == 0
    assert "4 inline codes repaired" in err and 'renumbered i="2"' in err


def test_empty_sided_units_survive_every_format(tmp_path, capsys):
    for ext in ("po", "jsonl", "tsv"):
        run(["convert", FIXTURES / "empty-sides.tmx", tmp_path / f"e.{ext}"], capsys)
        units = list(read_units(tmp_path / f"e.{ext}"))
        assert len(units) == 4, ext


@pytest.mark.parametrize("name", ["truncated.tmx", "billion-laughs.tmx", "xxe.tmx",
                                  "not-tmx.xml", "undefined-entity.tmx"])
@pytest.mark.parametrize("ext", ["tmx", "po", "jsonl"])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, name, ext):
    status, out, err = run(["convert", FIXTURES / name, tmp_path / f"out.{ext}"], capsys)
    assert status == 2
    assert err.startswith(f"concord: error: {FIXTURES / name}:")
    assert "Traceback" not in out + err
    assert list(tmp_path.iterdir()) == []


def test_usage_errors(tmp_path, capsys, memory):
    status, _, err = run(["convert", memory, tmp_path / "out.xyz"], capsys)
    assert status == 2 and "cannot tell the format" in err
    status, _, err = run(["convert", memory, tmp_path / "o.tmx", "--src-lang", "not a tag"],
                         capsys)
    assert status == 2 and "not a language tag" in err
    status, _, err = run(["convert", tmp_path / "missing.tmx", tmp_path / "o.tmx"], capsys)
    assert status == 2 and "no such file" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.tmx"]


@pytest.mark.parametrize("command", [["convert", "IN", "OUT"], ["tmx", "merge", "IN", "-o", "OUT"],
                                     ["tmx", "filter", "IN", "-o", "OUT"]])
def test_a_srclang_all_memory_stays_valid(tmp_path, capsys, command):
    # srclang="*all*" (Okapi) lets a unit lack the first unit's first language: a copy that
    # put a real language in its place would be invalid TMX
    out = tmp_path / "out.tmx"
    args = [FIXTURES / "srclang-all.tmx" if a == "IN" else out if a == "OUT" else a
            for a in command]
    status, _, _ = run(args, capsys)
    assert status == 0
    assert read_header(out).srclang == "*all*"
    report = validate_file(out)
    assert report.valid, [p.message for p in report.problems]


def test_src_lang_given_for_a_srclang_all_memory_wins(tmp_path, capsys):
    out = tmp_path / "out.po"
    status, _, _ = run(["convert", FIXTURES / "srclang-all.tmx", out, "--src-lang", "en"], capsys)
    assert status == 0
    assert '"X-Concord-Source-Tag: en-US\\n"' in out.read_text(encoding="utf-8")


def rich_memory(path: Path) -> Path:
    """Two units: one with inline codes, a note and a foreign property, one with a third
    language and a line break."""
    code = Inline("ph", (("x", "1"),), ("<br/>",))
    units = [Unit("r:1", [Variant("zh-CN", Segment(("港口", code, "开放。"))),
                          Variant("en-US", Segment(("The harbour", code, " opens.")))],
                  props=[("client", "harbour office"), ("x-concord-status", "confirmed")],
                  notes=["checked"]),
             Unit("r:2", [Variant("zh-CN", Segment.plain("第一行\n第二行")),
                          Variant("en-US", Segment.plain("Line one\nline two")),
                          Variant("fr", Segment.plain("Ligne un"))])]
    write_units(units, path)
    return path


def test_a_lossy_conversion_says_what_it_left_out(tmp_path, capsys):
    memory = rich_memory(tmp_path / "rich.tmx")
    status, _, err = run(["convert", memory, tmp_path / "rich.tsv"], capsys)
    assert status == 0
    assert "TSV cannot carry" in err
    assert "inline codes (1 units)" in err and "other languages (1 units)" in err
    assert "properties (1 units)" in err and "notes" not in err   # TSV has a notes column
    status, _, err = run(["convert", memory, tmp_path / "rich", "--to", "moses"], capsys)
    assert status == 0
    assert "Moses cannot carry" in err and "notes (1 units)" in err
    assert "line breaks (1 units)" in err
    status, _, err = run(["convert", memory, tmp_path / "rich.jsonl"], capsys)
    assert status == 0 and "cannot carry" not in err


@pytest.mark.parametrize("ext", ["tsv", "po"])
def test_an_empty_memory_to_a_format_naming_languages(tmp_path, capsys, ext):
    # a TMX file with srclang="*all*" and no unit: nothing tells the languages (a PO header
    # would); the message says what to do
    empty = tmp_path / "empty.tmx"
    empty.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="*all*" '
                     'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
                     'adminlang="en" datatype="plaintext"/><body/></tmx>\n', encoding="utf-8")
    out = tmp_path / f"out.{ext}"
    status, _, err = run(["convert", empty, out], capsys)
    assert status == 2 and str(out) in err and "--src-lang" in err and not out.exists()
    status, _, _ = run(["convert", empty, out, "--src-lang", "zh", "--tgt-lang", "en"], capsys)
    assert status == 0 and list(read_units(out)) == []


@pytest.mark.parametrize("ext", ["tmx", "po", "tsv", "jsonl"])
def test_a_unit_without_tuv_is_left_out_with_its_line(tmp_path, capsys, ext):
    # the DTD requires tuv+: a copied <tu/> made the output invalid TMX (or a JSONL record
    # that cannot be read back)
    path = FIXTURES / "no-tuv.tmx"
    out = tmp_path / f"out.{ext}"
    status, _, err = run(["convert", path, out], capsys)
    assert status == 0
    assert f"{path}:6: <tu> has no <tuv>" in err
    assert "1 units without <tuv> (no text in any language) left out" in err
    assert f"1 units written to {out}" in err
    [unit] = read_units(out)
    assert unit.text("zh") == "春天来了。"
    if ext == "tmx":
        assert validate_file(out).valid


PO_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
             '"Language: zh_CN\\n"\n"X-Source-Language: en\\n"\n')


def test_obsolete_po_entries_are_counted_not_read(tmp_path, capsys):
    path = tmp_path / "old.po"
    path.write_text(PO_HEADER + '\nmsgid "Spring."\nmsgstr "春天。"\n\n'
                    '#~ msgid "Winter."\n#~ msgstr "冬天。"\n\n'
                    '#~ msgid "Autumn."\n#~ msgstr "秋天。"\n', encoding="utf-8")
    status, _, err = run(["convert", path, tmp_path / "out.tsv"], capsys)
    assert status == 0 and "1 units written" in err
    assert f"{path}:10: 2 obsolete entries (#~) left out" in err
    assert [u.text("en") for u in read_units(tmp_path / "out.tsv")] == ["Spring."]



@pytest.mark.parametrize("entries", ["", '\nmsgctxt "empty"\nmsgid ""\nmsgstr ""\n'])
def test_a_po_without_units_takes_its_languages_from_its_header(tmp_path, capsys, entries):
    # Language: and X-Source-Language: say what --src-lang/--tgt-lang would
    path = tmp_path / "empty.po"
    path.write_text(PO_HEADER + entries, encoding="utf-8")
    status, _, err = run(["convert", path, tmp_path / "out.tsv"], capsys)
    assert status == 0, err
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8").split("\t")[:3] == \
        ["tuid", "en-US", "zh-CN"]
    status, _, err = run(["convert", path, tmp_path / "out.tsv", "--src-lang", "zh-TW",
                          "--tgt-lang", "en-GB"], capsys)
    assert status == 0
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8").split("\t")[:3] == \
        ["tuid", "zh-TW", "en-GB"]


@pytest.mark.parametrize("command", [["convert", "{0}", "{1}"],
                                     ["tmx", "merge", "{0}", "-o", "{1}"],
                                     ["tmx", "filter", "{0}", "-o", "{1}"]])
def test_tsv_quoted_as_csv_is_read_with_tsv_quoting_csv(tmp_path, capsys, command):
    path = tmp_path / "pandas.tsv"
    path.write_text('zh-CN\ten-US\n他说“是”。\t"He said ""yes""."\n'
                    '"第一行\n第二行"\t"a\ttab"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = [a.format(path, out) for a in command]
    status, _, err = run(args, capsys)
    assert status == 2 and f"{path}:3: expected 2 tab-separated columns" in err
    status, _, err = run([*args, "--tsv-quoting", "csv"], capsys)
    assert status == 0, err
    assert [(u.text("zh"), u.text("en")) for u in read_units(out)] == [
        ("他说“是”。", 'He said "yes".'), ("第一行\n第二行", "a\ttab")]
