"""``concord glossary``: lint, convert (round trips through every format), stats, coverage."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from concord.cli import main
from terms.formats import load_glossary

GLOSSARY = Path(__file__).resolve().parent.parent / "terms" / "fixtures" / "mini.csv"
HEADER = "concept,category,lang,term,status,scope,case_sensitive,note\n"


def test_lint_clean_and_conflicting(tmp_path, capsys):
    assert main(["glossary", "lint", str(GLOSSARY)]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "a,title,zh,副总理,,,,\na,title,en,Vice Premier,,,,\n"
                   "b,title,zh,副总理,,,,\nb,title,en,Deputy Premier,,,,\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["glossary", "lint", str(bad), "--json"]) == 1
    [issue] = json.loads(capsys.readouterr().out)
    assert (issue["code"], issue["concept"], issue["line"]) == ("two-preferred", "b", 5)


def test_lint_of_the_project_glossary_is_clean(corpora):
    assert main(["glossary", "lint", str(corpora / "glossary" / "mfa-terms.csv")]) == 0


@pytest.mark.parametrize("chain", [["tbx", "csv"], ["tbx2", "po", "tsv"], ["po", "tbx", "tbx2"]])
def test_convert_round_trips(tmp_path, chain):
    original = load_glossary(GLOSSARY)
    current = GLOSSARY
    for n, fmt in enumerate(chain + ["csv"]):
        out = tmp_path / f"step{n}.{'tbx' if fmt.startswith('tbx') else fmt}"
        assert main(["glossary", "convert", str(current), str(out), "--to", fmt]) == 0
        assert load_glossary(out).concepts == original.concepts
        current = out
    # byte for byte what the CSV writer makes of the original ("forbidden" is written deprecated)
    expected = GLOSSARY.read_text(encoding="utf-8").replace(",forbidden,", ",deprecated,")
    assert current.read_text(encoding="utf-8") == expected


def test_convert_needs_a_known_format_and_leaves_nothing_on_error(tmp_path, capsys):
    assert main(["glossary", "convert", str(GLOSSARY), str(tmp_path / "g.xlsx")]) == 2
    assert "--to" in capsys.readouterr().err
    bad = tmp_path / "dup.csv"
    bad.write_text(HEADER + "a,title,zh,外长,,,,\nb,title,zh,总理,,,,\na,title,en,x,,,,\n",
                   encoding="utf-8")
    out = tmp_path / "out.tbx"
    assert main(["glossary", "convert", str(bad), str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:4: duplicated concept id 'a'" in err
    assert not out.exists()


def test_stats_and_coverage(tmp_path, capsys):
    assert main(["glossary", "stats", str(GLOSSARY), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["concepts"] == 8 and stats["categories"]["title"] == 4
    assert stats["terms"]["en deprecated"] == 2 and stats["scoped_concepts"] == 1
    from concord.bitext import write_units
    from tmx.model import Unit
    tmx = tmp_path / "m.tmx"
    write_units([Unit.bilingual("1", "zh-CN", "两国建立永久全面战略伙伴关系。", "en-US", "x"),
                 Unit.bilingual("2", "zh-CN", "副总理出席。", "en-US", "y")], tmx)
    assert main(["glossary", "coverage", str(GLOSSARY), "--tmx", str(tmx), "--json"]) == 0
    coverage = json.loads(capsys.readouterr().out)
    assert {k: v["units"] for k, v in coverage["used"].items()} == {"partner-permanent": 1,
                                                                    "vice-premier": 1}
    assert coverage["used"]["vice-premier"]["missing"] == 1  # "y" renders nothing
    assert coverage["used"]["vice-premier"]["examples"] == ["2"]
    assert "partner-comprehensive" in coverage["unused"] and len(coverage["unused"]) == 6


def test_coverage_counts_every_memory_and_shows_the_english_used(tmp_path, capsys):
    from concord.bitext import write_units
    from tmx.model import Unit
    first, second = tmp_path / "a.tmx", tmp_path / "b.tmx"
    write_units([Unit.bilingual("a:1", "zh-CN", "副总理出席。", "en-US", "The Vice Premier came."),
                 Unit.bilingual("a:2", "zh-CN", "副总理讲话。", "en-US", "The Deputy Premier spoke.")],
                first)
    write_units([Unit.bilingual("b:1", "zh-CN", "副总理会见。", "en-US", "Vice Premier met them."),
                 Unit.bilingual("b:2", "zh-CN", "副总理离开。", "en-US", "He left.")], second)
    args = ["glossary", "coverage", str(GLOSSARY), "--tmx", str(first), "--tmx", str(second)]
    assert main([*args, "--json"]) == 0
    use = json.loads(capsys.readouterr().out)["used"]["vice-premier"]
    assert use["units"] == 4 and (use["preferred"], use["deprecated"], use["missing"]) == (2, 1, 1)
    assert use["renderings"] == {"Vice Premier": 2, "Deputy Premier": 1}
    assert use["examples"] == ["a:2", "b:2"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "4 units" in out and "rendered as: 'Vice Premier' 2, 'Deputy Premier' 1" in out


def test_convert_says_what_a_tbx_file_holds_that_is_not_carried_over(tmp_path, capsys):
    tbx = tmp_path / "history.tbx"
    tbx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
        "<tbxHeader><fileDesc><sourceDesc><p>terms</p></sourceDesc></fileDesc></tbxHeader>\n"
        '<text><body><conceptEntry id="fm">\n'
        "<transacGrp><transac type=\"transactionType\">origination</transac>"
        "<date>2022-01-10</date></transacGrp>\n"
        '<xref type="xGraphic" target="https://example.org/fm.png">fm.png</xref>\n'
        '<langSec xml:lang="zh"><termSec><term>外长</term></termSec></langSec>\n'
        '<langSec xml:lang="en"><termSec><term>Foreign Minister</term>\n'
        "<transacGrp><transac type=\"transactionType\">modification</transac>"
        "<date>2022-02-01</date></transacGrp></termSec></langSec>\n"
        "</conceptEntry></body></text></tbx>\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["glossary", "convert", str(tbx), str(tmp_path / "terms.csv")]) == 0
    err = capsys.readouterr().err
    assert "not carried over: 2 transaction records (transacGrp), 1 cross-references (xref)" \
        in " ".join(err.split())


@pytest.mark.parametrize("fmt, warned", [("tbx", False), ("tbx2", False), ("csv", True),
                                         ("po", True)])
def test_back_matter_is_carried_into_tbx_and_said_to_be_left_out_elsewhere(tmp_path, capsys,
                                                                           fmt, warned):
    source = GLOSSARY.parent / "notes-back.tbx"
    out = tmp_path / f"g.{'tbx' if fmt.startswith('tbx') else fmt}"
    assert main(["glossary", "convert", str(source), str(out), "--to", fmt]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert (f"{source}: not carried over: 1 back-matter sections (refObjectSec)" in err) == warned
    assert (b"desk@example.org" in out.read_bytes()) != warned


def test_lint_fail_on_lets_a_glossary_pipeline_choose(tmp_path, capsys):
    """A concept without Chinese is a warning: it fails by default, passes with --fail-on
    error; an empty term is an error and fails either way."""
    warn = tmp_path / "warn.csv"
    warn.write_text(HEADER + "a,title,zh,外长,,,,\na,title,en,Foreign Minister,,,,\n"
                    "b,title,en,Ambassador,,,,\n", encoding="utf-8")
    assert main(["glossary", "lint", str(warn)]) == 1
    assert main(["glossary", "lint", str(warn), "--fail-on", "error"]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "a,title,zh,外长,,,,\na,title,en,,,,,\n", encoding="utf-8")
    assert main(["glossary", "lint", str(bad), "--fail-on", "error"]) == 1
    assert main(["glossary", "lint", str(bad), "--fail-on", "never"]) == 0


def test_convert_with_a_bom_for_excel_reads_back_the_same(tmp_path, capsys):
    out = tmp_path / "for-excel.csv"
    assert main(["glossary", "convert", str(GLOSSARY), str(out), "--bom", "-q"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfconcept,category,lang,term")
    assert load_glossary(out).concepts == load_glossary(GLOSSARY).concepts
    assert main(["glossary", "convert", str(GLOSSARY), str(tmp_path / "x.tbx"), "--bom"]) == 2


def test_convert_never_writes_over_its_input(tmp_path, capsys):
    glossary = tmp_path / "terms.csv"
    glossary.write_bytes(GLOSSARY.read_bytes())
    assert main(["glossary", "convert", str(glossary), str(glossary), "--to", "tbx"]) == 2
    assert "would overwrite" in capsys.readouterr().err
    assert glossary.read_bytes() == GLOSSARY.read_bytes()
