"""``concord tmx validate|merge|stats|filter``: exit statuses, output, and bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from concord.bitext import read_units, write_units
from concord.cli import main
from tmx.model import Segment, Unit, Variant
from tmx.validate import validate_file

FIXTURES = Path(__file__).resolve().parent.parent / "tmx" / "fixtures"


def run(args, capsys):
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    return status, out.out, out.err


def memory(path: Path, rows, **header) -> Path:
    units = [Unit.bilingual(tuid, "zh-CN", zh, "en-US", en, props=props)
             for tuid, zh, en, props in rows]
    write_units(units, path, **header)
    return path


ROWS = [("r:1", "新港区今天开港。", "The new harbour district opened today.",
         [("x-concord-doc", "harbour"), ("x-concord-confidence", "0.950"),
          ("x-concord-status", "confirmed")]),
        ("r:2", "市长出席仪式。", "The mayor attended the ceremony.",
         [("x-concord-doc", "harbour"), ("x-concord-confidence", "0.300"),
          ("x-concord-status", "unreviewed")]),
        ("r:3", "天气晴朗。", "The weather was fine.",
         [("x-concord-doc", "weather"), ("x-concord-confidence", "0.700"),
          ("x-concord-status", "unreviewed")])]


def test_validate_a_valid_file_exits_0(tmp_path, capsys, shared):
    path = memory(tmp_path / "ok.tmx", ROWS)
    status, out, _ = run(["tmx", "validate", path, "--dtd",
                          shared / "reference" / "tmx14.dtd"], capsys)
    assert status == 0
    assert "valid: 3 units, 0 errors, 0 warnings" in out


def test_validate_an_invalid_file_exits_1_with_lines(capsys):
    status, out, _ = run(["tmx", "validate", FIXTURES / "duplicate-bpt.tmx"], capsys)
    assert status == 1
    assert f"{FIXTURES / 'duplicate-bpt.tmx'}:10: error: duplicate <bpt i=\"1\">" in out
    assert "invalid: 2 units" in out


def test_validate_warnings_count_only_when_strict(capsys):
    status, _, _ = run(["tmx", "validate", FIXTURES / "empty-sides.tmx"], capsys)
    assert status == 0
    status, out, _ = run(["tmx", "validate", "--strict", FIXTURES / "empty-sides.tmx"], capsys)
    assert status == 1 and "one-sided" in out


def test_validate_json(capsys):
    status, out, _ = run(["tmx", "validate", "--format", "json", FIXTURES / "version-1.4b.tmx"],
                         capsys)
    data = json.loads(out)
    assert status == 1 and data["valid"] is False and data["units"] == 3
    assert data["problems"][0]["rule"] == "version" and data["problems"][0]["line"] == 2


def test_validate_limits_the_listing(capsys):
    status, out, _ = run(["tmx", "validate", "--max-problems", "1",
                          FIXTURES / "foreign-markup.tmx"], capsys)
    assert status == 1
    assert "… and 5 more" in out


@pytest.mark.parametrize("name, message", [
    ("truncated.tmx", "truncated"), ("billion-laughs.tmx", "declares entities"),
    ("xxe.tmx", "declares entities"), ("not-tmx.xml", "not a TMX file"),
])
def test_unreadable_files_exit_2_for_every_command(tmp_path, capsys, name, message):
    for args in (["tmx", "validate", FIXTURES / name],
                 ["tmx", "stats", FIXTURES / name],
                 ["tmx", "filter", FIXTURES / name, "-o", tmp_path / "out.tmx"],
                 ["tmx", "merge", FIXTURES / "bom-utf8.tmx", FIXTURES / name, "-o",
                  tmp_path / "merged.tmx"]):
        status, out, err = run(args, capsys)
        assert status == 2, args
        assert err.startswith("concord: error: ") and message in err
        assert "Traceback" not in err + out
    assert list(tmp_path.iterdir()) == []           # no output, no temporary file


def test_no_traceback_from_a_real_process(tmp_path):
    done = subprocess.run([sys.executable, "-m", "concord", "tmx", "filter",
                           str(FIXTURES / "truncated.tmx"), "-o", str(tmp_path / "out.tmx")],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"{FIXTURES / 'truncated.tmx'}:" in done.stderr
    assert not (tmp_path / "out.tmx").exists()


def test_stats_text_and_json(tmp_path, capsys):
    path = memory(tmp_path / "m.tmx", ROWS)
    status, out, _ = run(["tmx", "stats", path], capsys)
    assert status == 0
    assert "units: 3" in out and "statuses: unreviewed 2, confirmed 1" in out
    # Chinese is measured in characters, English in words
    assert "zh-CN: 3 variants, 20 characters (17 Han)" in out
    assert "en-US: 3 variants, 91 characters, 15 words" in out
    status, out, _ = run(["tmx", "stats", path, "--format", "json"], capsys)
    data = json.loads(out)
    assert data["units"] == 3 and data["documents"] == {"harbour": 2, "weather": 1}
    assert data["words"] == {"en-US": 15} and data["han_characters"] == {"zh-CN": 17}
    assert data["header"]["srclang"] == "zh-CN" and data["header"]["version"] == "1.4"


def test_stats_of_a_wild_file_reports_what_was_repaired(capsys):
    status, out, err = run(["tmx", "stats", FIXTURES / "foreign-markup.tmx"], capsys)
    assert status == 0
    assert "units with inline codes: 3" in out
    assert "foreign-markup.tmx:9: <b> is not TMX markup" in " ".join(err.split())


def test_filter_by_confidence_status_and_doc(tmp_path, capsys):
    path = memory(tmp_path / "m.tmx", ROWS)
    out_path = tmp_path / "kept.tmx"
    status, _, err = run(["tmx", "filter", path, "-o", out_path, "--min-confidence", "0.5",
                          "--status", "confirmed,unreviewed", "--doc", "harbour"], capsys)
    assert status == 0 and "1 of 3 units kept" in err
    assert [u.tuid for u in read_units(out_path)] == ["r:1"]


def test_filter_keeps_the_doubtful_beads_with_a_maximum(tmp_path, capsys):
    path = memory(tmp_path / "m.tmx", ROWS)
    out_path = tmp_path / "doubtful.tmx"
    status, _, err = run(["tmx", "filter", path, "-o", out_path, "--max-confidence", "0.7"],
                         capsys)
    assert status == 0 and "2 of 3 units kept" in err
    assert [u.tuid for u in read_units(out_path)] == ["r:2", "r:3"]
    status, _, _ = run(["tmx", "filter", path, "-o", out_path, "--min-confidence", "0.5",
                        "--max-confidence", "0.8"], capsys)
    assert status == 0 and [u.tuid for u in read_units(out_path)] == ["r:3"]


def test_filter_one_language_to_any_format(tmp_path, capsys):
    path = memory(tmp_path / "m.tmx", ROWS)
    status, _, _ = run(["tmx", "filter", path, "-o", tmp_path / "en.jsonl", "--lang", "en"],
                       capsys)
    assert status == 0
    units = list(read_units(tmp_path / "en.jsonl"))
    assert all(u.langs == ["en-US"] for u in units)


@pytest.mark.parametrize("option", ["--min-confidence", "--max-confidence"])
def test_filter_rejects_a_confidence_out_of_range(tmp_path, capsys, option):
    status, _, err = run(["tmx", "filter", FIXTURES / "bom-utf8.tmx", "-o", tmp_path / "o.tmx",
                          option, "7"], capsys)
    assert status == 2 and option in err and not (tmp_path / "o.tmx").exists()


def test_merge_deduplicates_and_keeps_the_newest(tmp_path, capsys):
    a = memory(tmp_path / "a.tmx", ROWS[:2])
    b_units = [Unit.bilingual("b:1", "zh-CN", ROWS[0][1], "en-US", ROWS[0][2],
                              props=[("x-concord-status", "edited")]),
               Unit.bilingual("b:2", "zh-CN", ROWS[2][1], "en-US", ROWS[2][2])]
    b_units[0].attrs["changedate"] = "20990101T000000Z"
    write_units(b_units, tmp_path / "b.tmx")
    out_path = tmp_path / "merged.tmx"
    status, _, err = run(["tmx", "merge", a, tmp_path / "b.tmx", "-o", out_path], capsys)
    assert status == 0 and "4 units read from 2 files, 1 duplicates left out" in err
    merged = list(read_units(out_path))
    assert [u.tuid for u in merged] == ["r:2", "b:1", "b:2"]
    assert merged[1].prop("x-concord-status") == "edited"


@pytest.mark.parametrize("reviewed_first", [True, False])
def test_merge_of_a_reviewed_memory_with_its_original_keeps_the_reviewed_unit(
        tmp_path, capsys, reviewed_first):
    original = memory(tmp_path / "original.tmx", ROWS)
    edited = ("r:2", ROWS[1][1], "The mayor attended the opening ceremony.",
              [("x-concord-doc", "harbour"), ("x-concord-confidence", "0.300"),
               ("x-concord-status", "edited")])
    reviewed = memory(tmp_path / "reviewed.tmx", [ROWS[0], edited, ROWS[2]])
    inputs = [reviewed, original] if reviewed_first else [original, reviewed]
    out_path = tmp_path / "merged.tmx"
    status, _, err = run(["tmx", "merge", *inputs, "-o", out_path], capsys)
    assert status == 0
    assert "2 duplicates left out, 1 older versions of a tuid replaced" in err
    merged = {u.tuid: u for u in read_units(out_path)}
    assert sorted(merged) == ["r:1", "r:2", "r:3"]
    assert merged["r:2"].prop("x-concord-status") == "edited"
    assert merged["r:2"].variants[1].text == "The mayor attended the opening ceremony."


def test_merge_can_write_over_one_of_its_inputs(tmp_path, capsys):
    a = memory(tmp_path / "a.tmx", ROWS)
    status, _, _ = run(["tmx", "merge", a, a, "-o", a], capsys)
    assert status == 0
    assert len(list(read_units(a))) == 3


def subcommand_parsers(*path):
    """The argparse parsers of ``concord <path> ACTION`` for every ACTION."""
    import argparse

    from concord.cli import build_parser
    parser = build_parser()
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(subs[0].choices) if subs else {path[-1]: parser}


@pytest.mark.parametrize("path", [("tmx",), ("convert",)])
def test_help_explains_every_option(path):
    for name, parser in subcommand_parsers(*path).items():
        assert parser.description, name
        for action in parser._actions:
            assert action.help and len(action.help) > 10, (name, action.dest)


def test_validate_points_at_the_repair_and_the_repair_works(tmp_path, capsys):
    """An invalid file from another tool: validate says which errors a repaired copy loses and
    the command that writes it; that command's output validates."""
    wild = tmp_path / "wild.tmx"
    wild.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4b"><header creationtool="x" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext" '
        'creationdate="2022-01-10"/>\n<body>\n<tu tuid="1"><tuv lang="zh-CN"><seg>双方<b>签署'
        '</b>了协议。</seg></tuv><tuv xml:lang="en"><seg>They <bpt i="1">&lt;b&gt;</bpt>signed'
        '<bpt i="1">&lt;i&gt;</bpt> it.</seg></tuv></tu>\n</body></tmx>\n', encoding="utf-8")
    status, out, err = run(["tmx", "validate", wild], capsys)
    assert status == 1
    hint = " ".join(err.split())
    assert ("7 of the errors (bpt, date, header, markup, version, xml-lang) go away in a copy "
            f"written by: concord convert {wild} FIXED.tmx --repair") in hint
    fixed = tmp_path / "fixed.tmx"
    assert run(["convert", wild, fixed, "--repair", "-q"], capsys)[0] == 0
    status, out, err = run(["tmx", "validate", fixed], capsys)
    assert status == 0 and "valid: 1 units, 0 errors" in out and "go away" not in err


def test_memory_commands_take_the_languages_a_bare_tsv_does_not_name(tmp_path, capsys):
    """The reader's error asks for --src-lang/--tgt-lang: every command reading memories
    accepts them."""
    bare = tmp_path / "bare.tsv"
    bare.write_text("外长出席。\tThe Foreign Minister attended.\n", encoding="utf-8")
    langs = ["--src-lang", "zh", "--tgt-lang", "en"]
    status, _, err = run(["tmx", "stats", bare], capsys)
    assert status == 2 and "--src-lang/--tgt-lang" in err
    assert run(["tmx", "stats", bare, "--format", "json", *langs], capsys)[0] == 0
    assert run(["tmx", "filter", bare, "-o", tmp_path / "f.tmx", *langs, "-q"], capsys)[0] == 0
    assert run(["tmx", "merge", bare, bare, "-o", tmp_path / "m.tmx", *langs, "-q"],
               capsys)[0] == 0
    [unit] = read_units(tmp_path / "m.tmx")
    assert unit.text("zh-CN") == "外长出席。"
    glossary = Path(__file__).resolve().parent.parent / "terms" / "fixtures" / "mini.csv"
    status, out, _ = run(["glossary", "coverage", glossary, "--tmx", bare, "--json", *langs],
                         capsys)
    assert status == 0
    assert {k: v["units"] for k, v in json.loads(out)["used"].items()} == {"foreign-minister": 1}


HEADED = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Trados" creationtoolversion="9" segtype="sentence" o-tmf="TW4Win"
          adminlang="en-US" srclang="zh-CN" datatype="plaintext" o-encoding="GB2312"
          creationdate="20200101T000000Z">
    <prop type="x-client">Harbour Authority</prop>
    <note>Opening ceremony memory</note>
    <ude name="MacRoman" base="Macintosh"><map unicode="#xF8FF" code="#xF0" ent="Apple_logo"/></ude>
  </header>
  <body>
    <tu tuid="1"><prop type="x-concord-confidence">0.9</prop>
      <tuv xml:lang="zh-CN"><seg>新港区今天开港。</seg></tuv>
      <tuv xml:lang="en-US"><seg>The new harbour district opened today.</seg></tuv></tu>
  </body>
</tmx>
"""


@pytest.mark.parametrize("command", [
    ["tmx", "filter", "{in}", "-o", "{out}", "--min-confidence", "0.5"],
    ["tmx", "merge", "{in}", "{in}", "-o", "{out}"],
    ["convert", "{in}", "{out}"],
    ["check", "--tmx", "{in}", "--save-tmx", "{out}", "-q"],
])
def test_a_rewritten_memory_keeps_the_header_of_its_input(tmp_path, capsys, command):
    from tmx.reader import read_header

    source = tmp_path / "in.tmx"
    source.write_text(HEADED, encoding="utf-8")
    out = tmp_path / "out.tmx"
    status, _, _ = run([a.format(**{"in": source, "out": out}) for a in command], capsys)
    assert status == 0
    header = read_header(out)
    assert header.props == [("x-client", "Harbour Authority")]
    assert header.notes == ["Opening ceremony memory"]
    assert (header.get("o-tmf"), header.get("o-encoding")) == ("TW4Win", "GB2312")
    assert [etree.fromstring(u).find("map").get("ent") for u in header.udes] == ["Apple_logo"]
    # the file is a new one: written by this tool, now
    assert header.get("creationtool") == "Concord"
    assert header.get("creationdate") != "20200101T000000Z"


def test_filtering_out_a_units_own_source_language_keeps_the_file_valid(tmp_path, capsys):
    # a tu's own srclang (Okapi writes one per unit) must not name a variant filtered out
    unit = Unit("t1", [Variant("zh-CN", Segment.plain("港口开放。")),
                       Variant("en-US", Segment.plain("The harbour opens.")),
                       Variant("fr", Segment.plain("Le port ouvre."))],
                attrs={"srclang": "zh-CN"})
    source = tmp_path / "in.tmx"
    write_units([unit], source, srclang="*all*")
    out = tmp_path / "out.tmx"
    status, _, _ = run(["tmx", "filter", source, "-o", out, "--lang", "en", "--lang", "fr"],
                       capsys)
    assert status == 0
    [kept] = read_units(out)
    assert kept.langs == ["en-US", "fr"] and "srclang" not in kept.attrs
    report = validate_file(out)
    assert report.valid, [p.message for p in report.problems]


@pytest.mark.parametrize("command", [["tmx", "merge", "{0}", "-o", "{1}"],
                                     ["tmx", "filter", "{0}", "-o", "{1}"]])
def test_merge_and_filter_leave_out_a_unit_without_tuv(tmp_path, capsys, command):
    path = FIXTURES / "no-tuv.tmx"
    out = tmp_path / "out.tmx"
    status, _, err = run([a.format(path, out) for a in command], capsys)
    err = " ".join(err.split())
    assert status == 0 and f"{path}:6: <tu> has no <tuv>" in err
    assert "1 units without <tuv> (no text in any language) left out" in err
    assert validate_file(out).valid and [u.tuid for u in read_units(out)] == ["1"]


def test_check_save_tmx_says_it_left_out_a_unit_without_tuv(tmp_path, capsys):
    path = FIXTURES / "no-tuv.tmx"
    out = tmp_path / "checked.tmx"
    status, _, err = run(["check", "--tmx", path, "--save-tmx", out, "--fail-on", "never"],
                         capsys)
    assert status == 0
    assert "1 units without <tuv> (no text in any language) left out" in " ".join(err.split())
    assert validate_file(out).valid and [u.tuid for u in read_units(out)] == ["1"]


@pytest.mark.parametrize("ext", ["tsv", "po"])
def test_filtering_one_language_to_a_two_language_format_says_what_to_do(tmp_path, capsys, ext):
    # the error suggested --src-lang/--tgt-lang, which name the input's languages: no help
    source = memory(tmp_path / "all.tmx", ROWS)
    out = tmp_path / f"zh.{ext}"
    status, _, err = run(["tmx", "filter", source, "--lang", "zh", "-o", out], capsys)
    err = " ".join(err.split())
    assert status == 2 and not out.exists()
    assert f"{out}: {ext.upper()} holds two languages" in err
    assert "--lang zh --lang en" in err and "JSONL or TMX" in err
    status, _, _ = run(["tmx", "filter", source, "--lang", "zh", "--lang", "en", "-o", out],
                       capsys)
    assert status == 0 and len(list(read_units(out))) == len(ROWS)


# Writing over an input is allowed for the memory commands: the output replaces the input only
# once every input has been read (atomic_output renames its temporary file at the very end), so
# an in-place repair or filter is safe, and bad input half way leaves the input as it was.

def test_convert_repairs_a_memory_in_place(tmp_path, capsys):
    path = tmp_path / "codes.tmx"
    path.write_bytes((FIXTURES / "duplicate-bpt.tmx").read_bytes())
    units = len(list(read_units(path)))
    assert not validate_file(path).valid
    status, _, _ = run(["convert", path, path, "--repair"], capsys)
    assert status == 0 and validate_file(path).valid and len(list(read_units(path))) == units


def test_filter_can_write_over_its_input(tmp_path, capsys):
    path = memory(tmp_path / "m.tmx", ROWS)
    status, _, _ = run(["tmx", "filter", path, "--status", "confirmed", "-o", path], capsys)
    assert status == 0 and [u.tuid for u in read_units(path)] == ["r:1"]


@pytest.mark.parametrize("command", [["convert", "{0}", "{0}"],
                                     ["tmx", "filter", "{0}", "-o", "{0}"],
                                     ["tmx", "merge", "{0}", "{1}", "-o", "{0}"]])
def test_bad_input_half_way_leaves_the_input_it_would_replace(tmp_path, capsys, command):
    # the truncated file fails after its first unit has been read and written
    path = tmp_path / "in.tmx"
    path.write_bytes((FIXTURES / "truncated.tmx").read_bytes())
    if command[1] == "merge":
        path = memory(tmp_path / "in.tmx", ROWS)
    before = path.read_bytes()
    status, _, err = run([a.format(path, FIXTURES / "truncated.tmx") for a in command], capsys)
    assert status == 2 and "truncated" in err
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["in.tmx"]


@pytest.mark.parametrize("command", [["merge", "{0}", "-o", "{1}"], ["filter", "{0}", "-o", "{1}"]])
def test_merge_and_filter_write_the_languages_the_error_asks_for(tmp_path, capsys, command):
    # a first unit in one language cannot tell the two of a TSV: the error says to give
    # --src-lang/--tgt-lang, which were then used for the input only, and failed again
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"zh": "你好。"}\n{"zh": "再见。", "en": "Goodbye."}\n', encoding="utf-8")
    out = tmp_path / "out.tsv"
    args = ["tmx", *(a.format(path, out) for a in command)]
    status, _, err = run(args, capsys)
    assert status == 2 and "--src-lang" in err
    status, _, err = run([*args, "--src-lang", "zh", "--tgt-lang", "en"], capsys)
    assert status == 0, err
    assert out.read_text(encoding="utf-8").splitlines()[0].split("\t")[:3] == \
        ["tuid", "zh-CN", "en-US"]
