"""``concord check``: memories and document pairs, formats, exit statuses, suppressions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from concord.bitext import read_units, write_units
from concord.cli import main
from tmx.model import Unit

GLOSSARY = Path(__file__).resolve().parent.parent / "terms" / "fixtures" / "mini.csv"

PAIRS = [
    ("2022年2月5日，国务委员兼外长王毅会见哈萨克斯坦副总理。",
     "On February 5, 2022, State Councilor and Foreign Minister Wang Yi met Kazakhstan's "
     "Deputy Prime Minister."),
    ("两国宣布建立永久全面战略伙伴关系。",
     "The two countries announced a comprehensive strategic partnership."),
    ("双方签署了12项合作文件。", "The two sides signed 12 cooperation documents."),
]


def memory(tmp_path: Path, pairs=PAIRS, props=None) -> Path:
    path = tmp_path / "release.tmx"
    units = [Unit.bilingual(f"rel:{n}", "zh-CN", s, "en-US", t, props=(props or {}).get(n, ()))
             for n, (s, t) in enumerate(pairs, 1)]
    write_units(units, path)
    return path


def run(args, capsys):
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_failing_memory_exits_1_and_names_the_unit(tmp_path, capsys):
    tmx = memory(tmp_path)
    status, out, _ = run(["check", "--tmx", str(tmx), "--glossary", str(GLOSSARY),
                          "--format", "json"], capsys)
    assert status == 1
    data = json.loads(out)
    assert data["summary"] == {"error": 1, "warning": 0, "info": 0}
    [finding] = data["findings"]
    assert (finding["rule"], finding["unit"], finding["concept"]) == (
        "term-missing", "rel:2", "partner-permanent")
    assert finding["location"]["file"] == str(tmx)
    assert finding["location"]["line"] > 1


def test_clean_memory_exits_0(tmp_path, capsys):
    tmx = memory(tmp_path, [PAIRS[0], PAIRS[2]])
    status, out, _ = run(["check", "--tmx", str(tmx), "--glossary", str(GLOSSARY)], capsys)
    assert status == 0
    assert "0 errors, 0 warnings, 0 info in 2 units" in out


@pytest.mark.parametrize("fail_on, expected", [("error", 1), ("never", 0)])
def test_fail_on(tmp_path, capsys, fail_on, expected):
    tmx = memory(tmp_path)
    status, _, _ = run(["check", "--tmx", str(tmx), "-g", str(GLOSSARY), "--fail-on", fail_on,
                        "-q"], capsys)
    assert status == expected


def test_warnings_fail_only_when_asked(tmp_path, capsys):
    tmx = memory(tmp_path, [("两国建立全面战略伙伴关系。",
                             "The two countries set up a permanent comprehensive strategic "
                             "partnership.")])
    assert run(["check", "--tmx", str(tmx), "-g", str(GLOSSARY)], capsys)[0] == 0
    assert run(["check", "--tmx", str(tmx), "-g", str(GLOSSARY), "--fail-on", "warning"],
               capsys)[0] == 1


def test_report_file_and_saved_memory_with_notes(tmp_path, capsys):
    tmx = memory(tmp_path)
    report, saved = tmp_path / "out" / "report.sarif", tmp_path / "checked.tmx"
    status, out, err = run(["check", "--tmx", str(tmx), "-g", str(GLOSSARY), "-f", "sarif",
                            "-o", str(report), "--save-tmx", str(saved)], capsys)
    assert status == 1 and out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["version"] == "2.1.0"
    units = list(read_units(saved))
    notes = {u.tuid: u.notes for u in units}
    assert notes["rel:1"] == [] and notes["rel:3"] == []
    assert len(notes["rel:2"]) == 1 and "term-missing" in notes["rel:2"][0]


def test_inline_and_configured_suppressions(tmp_path, capsys, monkeypatch):
    reason = "x-concord-suppress", "term-missing: the designation is quoted from an old text"
    tmx = memory(tmp_path, props={2: [reason]})
    status, out, _ = run(["check", "--tmx", str(tmx), "-g", str(GLOSSARY), "-f", "json"], capsys)
    data = json.loads(out)
    assert status == 0 and data["findings"] == []
    assert data["suppressed"][0]["reason"] == "the designation is quoted from an old text"
    plain = memory(tmp_path)
    (tmp_path / "concord.toml").write_text(
        '[[suppress]]\nunit = "rel:2"\nrule = "term-missing"\nreason = "quoted"\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["check", "--tmx", str(plain), "-g", str(GLOSSARY)], capsys)[0] == 0


def bad_status(d: Path) -> list[str]:
    (d / "g.csv").write_text("concept,category,lang,term,status,scope,case_sensitive,note\n"
                             "c1,title,zh,外长,sometimes,,,\n", encoding="utf-8")
    return ["-g", str(d / "g.csv")]


def absent_glossary(d: Path) -> list[str]:
    return ["-g", str(d / "absent.csv")]


def bad_config(d: Path) -> list[str]:
    (d / "concord.toml").write_text("disable = [\n", encoding="utf-8")
    return ["--config", str(d / "concord.toml")]


@pytest.mark.parametrize("make, words", [
    (bad_status, "g.csv:2: unknown status 'sometimes'"),
    (absent_glossary, "absent.csv: no such file"),
    (bad_config, "TOML syntax error"),
])
def test_unusable_input_exits_2_without_output(tmp_path, capsys, make, words):
    tmx = memory(tmp_path)
    extra = make(tmp_path)
    report = tmp_path / "report.json"
    status, out, err = run(["check", "--tmx", str(tmx), "-f", "json", "-o", str(report), *extra],
                           capsys)
    assert status == 2
    assert words in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert not report.exists()


def test_broken_memory_and_wrong_arguments_exit_2(tmp_path, capsys):
    broken = tmp_path / "broken.tmx"
    broken.write_text('<?xml version="1.0"?><tmx version="1.4"><body><tu><tuv xml:lang="zh">',
                      encoding="utf-8")
    status, _, err = run(["check", "--tmx", str(broken)], capsys)
    assert status == 2 and "broken.tmx" in err
    status, _, err = run(["check", "only-one.txt"], capsys)
    assert status == 2 and "SRC TGT" in err


def test_document_pair_is_aligned_then_checked(corpora, tmp_path, capsys):
    base = corpora / "releases" / "2022-02-05-wang-yi-tileuberdi-meeting"
    zh, en = tmp_path / "r.zh.txt", tmp_path / "r.en.txt"
    zh.write_text(base.with_suffix(".zh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    en.write_text(base.with_suffix(".en.txt").read_text(encoding="utf-8")
                  .replace("permanent comprehensive strategic partnership",
                           "comprehensive strategic partnership"), encoding="utf-8")
    status, out, _ = run(["check", str(zh), str(en), "-g", str(GLOSSARY), "-f", "json"], capsys)
    data = json.loads(out)
    missing = [f for f in data["findings"] if f["rule"] == "term-missing"
               and f["concept"] == "partner-permanent"]
    assert status == 1 and missing
    assert missing[0]["unit"].startswith("r:")
    assert missing[0]["location"]["file"] == str(en)
    assert missing[0]["related_location"]["file"] == str(zh)


def test_memories_as_positional_files_like_the_pre_commit_hook(tmp_path, capsys):
    first = memory(tmp_path)
    second = tmp_path / "other.tmx"
    second.write_bytes(first.read_bytes())
    hook = (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert "entry: concord check\n" in hook and "files: \\.tmx$" in hook
    status, out, _ = run(["check", "--glossary", str(GLOSSARY), "-f", "json", str(first),
                          str(second)], capsys)
    data = json.loads(out)
    assert status == 1 and data["units"] == 6
    assert [f["unit"] for f in data["findings"]] == ["rel:2", "other.tmx:rel:2"]
    assert [f["location"]["file"] for f in data["findings"]] == [str(first), str(second)]


def test_a_text_report_written_to_a_file_still_prints_the_summary(tmp_path, capsys):
    tmx = memory(tmp_path)
    report = tmp_path / "report.txt"
    status, out, err = run(["check", "--tmx", str(tmx), "-g", str(GLOSSARY), "-o", str(report)],
                           capsys)
    assert status == 1 and out == ""
    assert "1 error, 0 warnings, 0 info in 3 units" in " ".join(err.split())
    assert "term-missing" in report.read_text(encoding="utf-8")


def test_a_memory_of_two_chinese_variants_is_refused_with_a_way_out(tmp_path, capsys):
    path = tmp_path / "variants.tmx"
    write_units([Unit.bilingual("v:1", "zh-CN", "双方签署了12项合作文件。", "zh-TW",
                                "雙方簽署了12項合作文件。")], path)
    status, out, err = run(["check", "--tmx", str(path)], capsys)
    assert status == 2 and out == "" and "Traceback" not in err
    assert "zh-CN and zh-TW, all zh" in err and "--src-lang" in err


def test_a_language_the_memory_does_not_have_is_an_error_not_a_pass(tmp_path, capsys):
    """--src-lang fr on a Chinese-English memory used to find every unit 'untranslated' by
    omission warnings and pass; it names the languages the memory has instead."""
    tmx = memory(tmp_path)
    status, out, err = run(["check", "--tmx", str(tmx), "--src-lang", "fr"], capsys)
    assert status == 2 and out == ""
    assert "no unit has fr (the memory has en, zh)" in " ".join(err.split())
    status, _, _ = run(["check", "--tmx", str(tmx), "-g", str(GLOSSARY), "--src-lang", "zh-CN",
                        "--tgt-lang", "en", "-q"], capsys)
    assert status == 1


def test_document_languages_as_tags_and_an_unknown_scorer(corpora, tmp_path, capsys):
    release = corpora / "releases" / "2022-01-18-wang-yi-qureshi-call"
    args = ["check", f"{release}.zh.txt", f"{release}.en.txt", "-f", "json", "-q"]
    status, out, err = run(args + ["--src-lang", "zh-CN", "--tgt-lang", "en-US"], capsys)
    assert status == 0 and json.loads(out)["units"] > 10
    with pytest.raises(SystemExit) as caught:
        main(args + ["--scorer", "fancy"])
    assert caught.value.code == 2
    assert "invalid choice: 'fancy'" in capsys.readouterr().err


def test_verbose_says_which_configuration_applies(tmp_path, capsys, monkeypatch):
    """A rule silenced by a concord.toml two folders up is no mystery with -v."""
    (tmp_path / "concord.toml").write_text('disable = ["omission"]\nfail-on = "warning"\n',
                                           encoding="utf-8")
    work = tmp_path / "2022" / "01"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    tmx = memory(work)
    status, out, err = run(["check", "--tmx", str(tmx), "-v"], capsys)
    assert f"configuration {tmp_path / 'concord.toml'}: 1 rule(s) disabled" in " ".join(err.split())


def test_memories_that_do_not_name_their_languages_take_them_from_the_options(tmp_path, capsys):
    """The reader asks for --src-lang/--tgt-lang; check passes them on (it did not), and a PO
    unit is located by its line."""
    po = tmp_path / "other-tool.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "双方签署了12项协议。"\nmsgstr "The two sides signed 21 agreements."\n',
                  encoding="utf-8")
    tsv = tmp_path / "bare.tsv"
    tsv.write_text("双方签署了12项协议。\tThe two sides signed 21 agreements.\n", encoding="utf-8")
    for path, line in ((po, 5), (tsv, 1)):
        status, out, err = run(["check", "--tmx", str(path), "-f", "json"], capsys)
        assert status == 2 and "--src-lang/--tgt-lang" in err
        status, out, err = run(["check", "--tmx", str(path), "-f", "json", "--src-lang", "zh",
                                "--tgt-lang", "en"], capsys)
        assert status == 1
        [finding] = json.loads(out)["findings"]
        assert finding["rule"] == "number-mismatch"
        assert finding["location"] == {"file": str(path), "line": line}


def test_a_multilingual_memory_is_checked_in_its_chinese_and_english(tmp_path, capsys):
    """A unit with French first used to be checked French → Chinese (a false date finding, the
    glossary unused); with more than two languages the Chinese and the English are compared."""
    from tmx.model import Variant, plain_segment

    path = tmp_path / "three.tmx"
    unit = Unit("m:1", [Variant("fr-FR", plain_segment("Le ministre est arrivé.")),
                        Variant("zh-Hans", plain_segment("外长于2022年1月10日抵达。")),
                        Variant("en-US", plain_segment("The Foreign Minister arrived on "
                                                       "January 11, 2022."))])
    write_units([unit], path, srclang="*all*")
    status, out, _ = run(["check", "--tmx", str(path), "-g", str(GLOSSARY), "-f", "json"], capsys)
    assert status == 1
    [finding] = json.loads(out)["findings"]
    assert finding["rule"] == "date-mismatch" and "January 11, 2022" in finding["message"]
    # the languages given still win
    status, out, _ = run(["check", "--tmx", str(path), "--src-lang", "fr", "--tgt-lang", "en",
                          "-f", "json"], capsys)
    [finding] = json.loads(out)["findings"]
    assert finding["rule"] == "number-added" and "January 11, 2022" in finding["message"]


def test_a_report_never_overwrites_an_input(tmp_path, capsys, monkeypatch):
    tmx = memory(tmp_path)
    glossary = tmp_path / "glossary.csv"
    glossary.write_bytes(GLOSSARY.read_bytes())
    before = {p: p.read_bytes() for p in (tmx, glossary)}
    monkeypatch.chdir(tmp_path)
    for args in (["-o", "release.tmx"], ["-o", str(glossary)], ["--save-tmx", str(glossary)],
                 ["-o", "x.json", "--save-tmx", "x.json"]):
        status, out, err = run(["check", "--tmx", str(tmx), "-g", str(glossary), "-f", "json",
                                *args], capsys)
        assert status == 2, args
        assert "would overwrite" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.csv", "release.tmx"]
    # the checked memory may replace the memory it was read from
    assert run(["check", "--tmx", str(tmx), "-g", str(glossary), "--save-tmx", str(tmx),
                "--fail-on", "never"], capsys)[0] == 0
    assert [u.tuid for u in read_units(tmx) if u.notes] == ["rel:2"]


def test_a_document_pair_report_never_overwrites_a_document(corpora, tmp_path, capsys):
    name = "2022-01-18-wang-yi-qureshi-call"
    for suffix in ("zh.txt", "en.txt"):
        (tmp_path / f"r.{suffix}").write_bytes((corpora / "releases" / f"{name}.{suffix}")
                                               .read_bytes())
    zh, en = tmp_path / "r.zh.txt", tmp_path / "r.en.txt"
    before = zh.read_bytes()
    status, _, err = run(["check", str(zh), str(en), "-o", str(zh)], capsys)
    assert status == 2 and "would overwrite" in err
    assert zh.read_bytes() == before


def test_units_sharing_a_tuid_keep_their_own_findings(tmp_path, capsys):
    """Memories in the wild repeat tuids: each unit is still reported as itself."""
    pairs = [("增长了百分之三十。", "It grew by 3%."), ("增长了百分之四十。", "It grew by 4%."),
             ("增长了百分之五十。", "It grew by 5%.")]
    path = tmp_path / "dup.tmx"
    write_units([Unit.bilingual("7", "zh-CN", s, "en-US", t) for s, t in pairs], path)
    status, out, _ = run(["check", "--tmx", str(path), "-f", "json"], capsys)
    assert status == 1
    findings = json.loads(out)["findings"]
    assert len({f["unit"] for f in findings}) == 3
    assert [f["term"] for f in findings] == ["百分之三十", "百分之四十", "百分之五十"]
    assert len({f["location"]["line"] for f in findings}) == 3


def test_an_empty_glossary_is_said_not_passed_silently(tmp_path, capsys):
    """A glossary export that came out empty would otherwise let every term through."""
    empty = tmp_path / "terms.csv"
    empty.write_text("concept,category,lang,term,status,scope,case_sensitive,note\n",
                     encoding="utf-8")
    status, _, err = run(["check", "--tmx", str(memory(tmp_path, [PAIRS[1]])), "-g", str(empty)],
                         capsys)
    assert status == 0
    assert f"warning: {empty}: the glossary has no concepts" in err


def test_a_document_pair_is_read_in_the_input_format_given_and_named_as_align_names_it(
        tmp_path, capsys):
    # pages saved as .txt under names that say only the language: --input-format html reads
    # the article, not the markup; the units take the pair's folder as their document, as align
    reading = Path(__file__).resolve().parent.parent / "align" / "fixtures" / "reading"
    folder = tmp_path / "2024-01-10"
    folder.mkdir()
    zh, en = folder / "zh.txt", folder / "en.txt"
    zh.write_bytes((reading / "mfa_zh.html").read_bytes())
    en.write_bytes((reading / "mfa_en.html").read_bytes())
    saved = tmp_path / "checked.tmx"
    status, _, _ = run(["check", str(zh), str(en), "-g", str(GLOSSARY), "--input-format", "html",
                        "--save-tmx", str(saved), "--fail-on", "never", "-q"], capsys)
    units = list(read_units(saved))
    assert status == 0 and units
    assert {dict(u.props)["x-concord-doc"] for u in units} == {"2024-01-10"}
    assert all(u.tuid.startswith("2024-01-10:") for u in units)
    assert any("Iceland" in u.text("en-US") for u in units)
    assert not any("<" in u.text("zh-CN") + u.text("en-US") for u in units)
