"""The validator: the rules the DTD cannot express, each with its line, and the DTD itself."""
from __future__ import annotations

import io

import pytest
from lxml import etree

from tmx.errors import TMXError
from tmx.model import Unit
from tmx.validate import validate_file
from tmx.writer import TMXWriter

DTD_NAME = "reference/tmx14.dtd"


def rules(report, severity=None):
    return sorted({p.rule for p in report.problems if severity in (None, p.severity)})


def test_our_output_is_valid_against_the_rules_and_the_dtd(sample_units, tmp_path, shared):
    path = tmp_path / "ours.tmx"
    with open(path, "wb") as stream, TMXWriter(stream, srclang="zh-CN") as writer:
        writer.write_all(sample_units)
    report = validate_file(path, dtd=shared / DTD_NAME)
    assert report.valid, report.problems
    assert report.units == len(sample_units)
    # the unit with an empty Chinese side is written without it, and reported as a warning
    assert sorted((p.rule, p.severity) for p in report.problems) == [("one-sided", "warning")]


def test_lang_without_xml_lang_is_an_error_though_the_dtd_lets_it_pass(fixtures, shared):
    report = validate_file(fixtures / "lang-attribute.tmx", dtd=shared / DTD_NAME)
    lang_problems = [p for p in report.problems if p.rule == "xml-lang"]
    assert len(lang_problems) == 4
    assert all("deprecated lang" in p.message and p.line for p in lang_problems)
    assert "version" in rules(report)            # version="1.1"
    assert not report.valid


@pytest.mark.parametrize("name, rule, fragment", [
    ("version-1.4b.tmx", "version", 'version="1.4b" is not valid'),
    ("missing-srclang.tmx", "header", "no srclang"),
    ("foreign-markup.tmx", "markup", "<b> is not TMX markup"),
    ("duplicate-bpt.tmx", "bpt", 'duplicate <bpt i="1">'),
    ("duplicate-bpt.tmx", "bpt", 'has no matching <ept i="3">'),
    ("zh-codes.tmx", "lang-tag", 'xml:lang="zh_CN" is not BCP 47 (write "zh-CN")'),
    ("undefined-entity.tmx", "entity", "&nbsp;"),
])
def test_wild_files_are_invalid_for_the_right_reason(fixtures, name, rule, fragment):
    report = validate_file(fixtures / name)
    assert not report.valid
    matching = [p for p in report.problems if p.rule == rule and fragment in p.message]
    assert matching, report.problems
    assert all(p.line and p.line > 1 for p in matching)


def test_empty_sides_are_warnings_not_errors(fixtures):
    report = validate_file(fixtures / "empty-sides.tmx")
    assert report.valid
    assert rules(report) == ["empty-seg", "empty-side", "one-sided"]
    assert report.units == 4


def test_clean_fixtures_are_valid(fixtures, shared):
    for name in ("bom-utf8.tmx", "utf16.tmx", "multilingual.tmx", "inline-codes.tmx"):
        report = validate_file(fixtures / name, dtd=shared / DTD_NAME)
        assert report.valid, (name, report.problems)


def test_dtd_errors_are_reported_with_their_line(tmp_path, shared):
    path = tmp_path / "d.tmx"
    path.write_text('<?xml version="1.0"?>\n<tmx version="1.4">\n<header creationtool="t" '
                    'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" '
                    'srclang="en" datatype="plaintext"/>\n<body>\n<tu>\n<tuv xml:lang="en">'
                    '<seg>a</seg><note>late</note></tuv>\n<tuv xml:lang="fr"><seg>b</seg></tuv>'
                    '\n</tu>\n</body>\n</tmx>\n', encoding="utf-8")
    report = validate_file(path, dtd=shared / DTD_NAME)
    dtd = [p for p in report.problems if p.rule == "dtd"]
    assert dtd and all(p.line == 6 for p in dtd)   # the line of the offending <tuv>
    assert any("<seg> must be the last child" in p.message for p in report.problems)


def write_raw(tmp_path, body: str, header: str | None = None, version: str = "1.4"):
    header = header if header is not None else (
        '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" '
        'adminlang="en" srclang="en" datatype="plaintext"/>')
    path = tmp_path / "raw.tmx"
    path.write_text(f'<tmx version="{version}">{header}<body>{body}</body></tmx>',
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("body, rule", [
    ('<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv>'
     '<prop type="x">late</prop></tu>', "structure"),
    ('<tu segtype="line"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg>'
     '</tuv></tu>', "segtype"),
    ('<tu creationdate="2024-01-05"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr">'
     '<seg>b</seg></tuv></tu>', "date"),
    ('<tu changedate="20241305T000000Z"><tuv xml:lang="en"><seg>a</seg></tuv>'
     '<tuv xml:lang="fr"><seg>b</seg></tuv></tu>', "date"),
    ('<tu><tuv xml:lang="de"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>',
     "srclang"),
    ('<tu><tuv xml:lang="en"><seg><ept i="1">x</ept>a</seg></tuv><tuv xml:lang="fr"><seg>b'
     '</seg></tuv></tu>', "ept"),
    ('<tu><tuv xml:lang="en"><seg><it>x</it>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg>'
     '</tuv></tu>', "it"),
    ('<tu><tuv xml:lang="en"><seg><sub>x</sub>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg>'
     '</tuv></tu>', "markup"),
    ('<tu><tuv><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>', "xml-lang"),
    ('<tu/>', "structure"),
    ('<note>stray</note>', "structure"),
])
def test_structure_rules(tmp_path, body, rule):
    report = validate_file(write_raw(tmp_path, body))
    assert rule in rules(report, "error"), report.problems


def test_warnings_for_duplicates(tmp_path):
    pair = '<tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv>'
    body = f'<tu tuid="1">{pair}</tu><tu tuid="1">{pair}</tu>' \
           '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="EN"><seg>b</seg></tuv></tu>'
    report = validate_file(write_raw(tmp_path, body))
    assert report.valid
    assert rules(report, "warning") == ["duplicate-lang", "tuid"]
    # srclang "en" written as "EN" in a unit that has no exact "en": a warning
    body = '<tu><tuv xml:lang="EN"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>'
    assert rules(validate_file(write_raw(tmp_path, body)), "warning") == []
    body = '<tu><tuv xml:lang="en-US"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>'
    assert rules(validate_file(write_raw(tmp_path, body)), "warning") == ["srclang"]


def test_header_rules(tmp_path):
    header = '<header segtype="lines" srclang="en" creationdate="yesterday"/>'
    report = validate_file(write_raw(tmp_path, "", header=header))
    assert {"header", "segtype", "date", "no-units"} <= set(rules(report))


def test_srclang_all_matches_any_variant(tmp_path):
    header = ('<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" '
              'adminlang="en" srclang="*all*" datatype="plaintext"/>')
    body = '<tu><tuv xml:lang="de"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>'
    assert validate_file(write_raw(tmp_path, body, header)).problems == []


def test_unreadable_files_raise(fixtures):
    for name in ("truncated.tmx", "not-tmx.xml", "billion-laughs.tmx"):
        with pytest.raises(TMXError):
            validate_file(fixtures / name)


def test_an_unusable_dtd_is_an_error_with_its_path(tmp_path, fixtures):
    dtd = tmp_path / "bad.dtd"
    dtd.write_text("<!ELEMENT tmx (header", encoding="utf-8")
    with pytest.raises(TMXError, match="not a usable DTD") as caught:
        validate_file(fixtures / "bom-utf8.tmx", dtd=dtd)
    assert caught.value.path == str(dtd)


def test_validation_streams_a_large_memory(tmp_path):
    stream = io.BytesIO()
    with TMXWriter(stream, srclang="en") as writer:
        for n in range(3000):
            writer.write(Unit.bilingual(str(n), "en", f"Sentence {n}.", "zh", f"第{n}句。"))
    path = tmp_path / "big.tmx"
    path.write_bytes(stream.getvalue())
    report = validate_file(path)
    assert report.units == 3000 and report.problems == []
    assert etree.parse(str(path)).getroot().get("version") == "1.4"
