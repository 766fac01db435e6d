"""Report formats: JSON keys, JUnit shape, SARIF 2.1.0 shape, GitHub escaping, HTML escaping."""
from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from concord.reports import CheckedUnit, Location, Report, render
from concord.reports.github import escape_data, escape_property
from terms.checks import Checker, Pair
from terms.formats import load_glossary
from terms.rules import RULES

GLOSSARY = Path(__file__).resolve().parent.parent / "terms" / "fixtures" / "mini.csv"


@pytest.fixture(scope="module")
def report() -> Report:
    glossary = load_glossary(GLOSSARY)
    units = [
        CheckedUnit("rel:1", "两国宣布建立永久全面战略伙伴关系。",
                    "The two countries announced a comprehensive strategic partnership.",
                    source_location=Location("releases/r.zh.txt", 3),
                    target_location=Location("releases/r.en.txt", 3)),
        CheckedUnit("rel:2", "双方签署了12项协议。", "The two sides signed 21 <agreements> & more.",
                    source_location=Location("releases/r.zh.txt", 5),
                    target_location=Location("releases/r.en.txt", 5)),
        CheckedUnit("rel:3", "副总理出席。", "The Vice Premier attended.",
                    source_location=Location("releases/r.zh.txt", 7)),
        CheckedUnit("rel:4", "两国建立全面战略伙伴关系。",
                    "They set up a permanent comprehensive strategic partnership.",
                    source_location=Location("releases/r.zh.txt", 9),
                    target_location=Location("releases/r.en.txt", 9)),
    ]
    checker = Checker(glossary)
    findings = checker.run(Pair(u.unit, u.source, u.target) for u in units)
    return Report(units, findings, fail_on="error", glossary=glossary,
                  inputs=["releases/r.zh.txt", "releases/r.en.txt"], tool_version="0.1.0")


def test_findings_behind_the_reports(report):
    assert [(f.unit, f.rule) for f in report.findings] == [
        ("rel:1", "term-missing"), ("rel:2", "number-mismatch"), ("rel:4", "term-unexpected")]


def test_json_report(report):
    data = json.loads(render(report, "json"))
    assert data["summary"] == {"error": 2, "warning": 1, "info": 0}
    for finding in data["findings"]:
        assert {"rule", "severity", "unit", "message", "suggestion"} <= finding.keys()
        assert finding["severity"] in ("error", "warning", "info")
    first = data["findings"][0]
    assert first["term"] == "永久全面战略伙伴关系" and first["source_span"] == [6, 16]
    # the fix is made in the English: located there, the Chinese side related
    assert first["location"] == {"file": "releases/r.en.txt", "line": 3}
    assert first["related_location"] == {"file": "releases/r.zh.txt", "line": 3, "side": "source"}
    assert data["failed"] is True and data["units"] == 4


def test_junit_report_shape(report):
    root = etree.fromstring(render(report, "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["unit rel:1", "unit rel:2", "unit rel:3", "unit rel:4"]
    assert all(c.get("classname") for c in cases)
    assert suite.get("tests") == "4" and suite.get("failures") == "2" and suite.get("errors") == "0"
    failing = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == ["unit rel:1", "unit rel:2"]
    assert all(len(c.findall("failure")) == 1 for c in failing)
    assert failing[0].find("failure").get("type") == "term-missing"
    assert "永久全面战略伙伴关系" in failing[0].find("failure").get("message")
    assert "term-unexpected" in cases[3].find("system-out").text  # a warning, below fail-on
    assert cases[0].get("file") == "releases/r.en.txt" and cases[0].get("line") == "3"
    # a unit without a target line (rel:3) is found by its source line
    assert cases[2].get("file") == "releases/r.zh.txt" and cases[2].get("line") == "7"
    assert {c.get("classname") for c in cases} == {"concord.r_zh_txt"}


def test_sarif_report_shape(report):
    log = json.loads(render(report, "sarif"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "concord"
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert len(run["results"]) == 3
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note", "none")
        assert result["message"]["text"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert not physical["artifactLocation"]["uri"].startswith("/")
        assert physical["region"]["startLine"] >= 1
        assert location["logicalLocations"][0]["name"].startswith("rel:")
    unexpected = run["results"][2]
    assert unexpected["level"] == "warning"
    # a target-only finding points at the target document
    assert unexpected["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "releases/r.en.txt"


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_report(report):
    lines = render(report, "github").splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::error file=releases/r.en.txt,line=3,"
                               "title=term-missing in unit rel%3A1::")
    assert lines[0].endswith("; source: releases/r.zh.txt line 3")
    assert lines[1].startswith("::error file=releases/r.en.txt,line=5,")
    assert lines[2].startswith("::warning file=releases/r.en.txt,line=9,")
    assert all("\n" not in line and "\r" not in line for line in lines)


def test_html_report_is_escaped_and_highlights_terms(report):
    page = render(report, "html")
    doc = lxml.html.fromstring(page)
    rows = doc.xpath("//tbody/tr")
    assert [r.get("id") for r in rows] == ["u-rel:1", "u-rel:2", "u-rel:3", "u-rel:4"]
    assert [r.get("class") for r in rows] == ["flagged", "flagged", "clean", "flagged"]
    target = rows[1].xpath("./td[3]")[0].text_content()
    assert target == "The two sides signed 21 <agreements> & more."
    assert "<agreements>" not in page
    terms = [s.text_content() for s in rows[0].xpath(".//span[contains(@class,'term')]")]
    assert "永久全面战略伙伴关系" in terms
    marked = rows[1].xpath(".//span[contains(@class,'mark-error')]")
    assert [m.text_content() for m in marked] == ["12", "21"]
    assert not doc.xpath("//link[@href] | //script[@src] | //img[@src]")


def test_text_report(report):
    text = render(report, "text")
    assert "unit rel:1  (releases/r.en.txt:3)  source: releases/r.zh.txt:3" in text
    assert "term-missing" in text and "fix: render '永久全面战略伙伴关系'" in text
    assert text.rstrip().endswith("2 at or above error: FAILED")
    assert "\x1b[" not in text
    assert "\x1b[" in render(report, "text", color=True)


def test_html_report_shows_confidence_term_entries_and_both_places():
    """What a translator reads off the page: how sure the aligner was, which glossary entry a
    highlighted term belongs to (a forbidden rendering marked apart), where each side is."""
    glossary = load_glossary(GLOSSARY)
    units = [
        CheckedUnit("r:1", "副总理出席。", "The Deputy Premier attended.",
                    source_location=Location("r.zh.txt", 2),
                    target_location=Location("r.en.txt", 3), confidence=0.31),
        CheckedUnit("r:2", "推动共建一带一路。", "to advance the Belt and Road.",
                    source_location=Location("r.zh.txt", 4),
                    target_location=Location("r.en.txt", 5), confidence=0.92),
    ]
    findings = Checker(glossary).run(Pair(u.unit, u.source, u.target) for u in units)
    doc = lxml.html.fromstring(render(Report(units, findings, glossary=glossary), "html"))
    first, second = doc.xpath("//tbody/tr")
    assert first.get("data-worst") == "error" and first.get("data-low") is not None
    assert second.get("data-worst") is None and second.get("data-low") is None
    assert [c.text_content() for c in doc.xpath("//tbody//span[contains(@class,'conf')]")] == [
        "0.31", "0.92"]
    # the unit by its number (the shared document id said once, above), each side by its line,
    # the full path and line on hover
    unit_cell = first.xpath("./td[1]")[0]
    assert unit_cell.text_content() == "1zh 2en 30.31"
    assert unit_cell.xpath("./span[@class='uid']/@title") == ["r:1"]
    assert unit_cell.xpath("./span[@class='place']/@title") == ["r.zh.txt:2", "r.en.txt:3"]
    assert "units r:N" in doc.xpath("//p[@class='inputs']")[0].text_content()
    [bad] = first.xpath("./td[3]//span[contains(@class,'term-bad')]")
    assert bad.text_content() == "Deputy Premier" and "use Vice Premier" in bad.get("title")
    [term] = second.xpath("./td[2]//span[contains(@class,'term')]")
    assert term.text_content() == "一带一路" and "Belt and Road" in term.get("title")
    assert doc.xpath("//input[@id='low']") and doc.xpath("//input[@id='only']")


def test_text_report_names_the_target_file_and_the_confidence():
    glossary = load_glossary(GLOSSARY)
    unit = CheckedUnit("r:1", "副总理出席。", "The Deputy Premier attended.",
                       source_location=Location("r.zh.txt", 2),
                       target_location=Location("r.en.txt", 3), confidence=0.31)
    findings = Checker(glossary).run([Pair(unit.unit, unit.source, unit.target)])
    text = render(Report([unit], findings, glossary=glossary), "text")
    assert text.splitlines()[0] == "unit r:1  (r.en.txt:3)  source: r.zh.txt:2  confidence 0.31"


def test_sarif_locations_are_uris_against_srcroot(tmp_path, monkeypatch):
    """Relative URIs name their base (%SRCROOT%, declared as the current directory) and are
    percent-encoded; a file outside the current directory is an absolute file: URI."""
    from concord.reports.sarif import artifact_location
    from terms.config import Suppression
    work = tmp_path / "repo"
    (work / "发布 稿").mkdir(parents=True)
    monkeypatch.chdir(work)
    assert artifact_location("发布 稿/a#1.tmx") == {
        "uri": "%E5%8F%91%E5%B8%83%20%E7%A8%BF/a%231.tmx", "uriBaseId": "%SRCROOT%"}
    outside = tmp_path / "other" / "b.tmx"
    assert artifact_location(str(outside)) == {"uri": outside.resolve().as_uri()}
    unit = CheckedUnit("m:1", "双方签署了12项协议。", "The two sides signed 21 agreements.",
                       source_location=Location("发布 稿/a#1.tmx", 7),
                       target_location=Location("发布 稿/a#1.tmx", 7))
    [finding] = Checker().run([Pair(unit.unit, unit.source, unit.target)])
    silenced = Suppression("m:1", "number-mismatch", "counted differently on purpose")
    log = json.loads(render(Report([unit], [], inputs=["发布 稿/a#1.tmx"],
                                   suppressed=[(finding, silenced)]), "sarif"))
    [run] = log["runs"]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
    [result] = run["results"]
    assert result["suppressions"] == [{"kind": "external", "status": "accepted",
                                       "justification": "counted differently on purpose"}]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == \
        "%SRCROOT%"
    assert result["message"]["text"].count(". Fix: ") == 1
    assert "informationUri" not in run["tool"]["driver"]


def test_junit_classes_each_unit_under_its_own_memory():
    units = [CheckedUnit(f"{name}:1", "双方签署了12项协议。", "The two sides signed 12 agreements.",
                         source_location=Location(f"tm/{name}.tmx", 5))
             for name in ("first", "second")]
    root = etree.fromstring(render(Report(units, [], inputs=["tm/first.tmx", "tm/second.tmx"]),
                                   "junit").encode("utf-8"))
    assert [c.get("classname") for c in root.iter("testcase")] == [
        "concord.first_tmx", "concord.second_tmx"]


def test_sarif_results_of_a_document_pair_point_at_the_other_document_too(report):
    [run] = json.loads(render(report, "sarif"))["runs"]
    for result in run["results"]:   # term-missing, number-mismatch, term-unexpected
        # all fixed in the English document: located there, the Chinese line related
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "releases/r.en.txt"
        [related] = result["relatedLocations"]
        assert related["physicalLocation"] == {
            "artifactLocation": {"uri": "releases/r.zh.txt", "uriBaseId": "%SRCROOT%"},
            "region": physical["region"]}
    assert run["results"][0]["relatedLocations"][0]["message"]["text"] == \
        "the source of unit rel:1"


def test_html_report_of_a_large_memory_shows_the_units_with_findings():
    from concord.reports.html import FULL_LIMIT
    units = [CheckedUnit(f"m:{n}", "双方签署了12项协议。", "The two sides signed 12 agreements.")
             for n in range(1, FULL_LIMIT + 2)]
    units[40] = CheckedUnit("m:41", "双方签署了12项协议。", "The two sides signed 21 agreements.")
    findings = Checker().run(Pair(u.unit, u.source, u.target) for u in units)
    doc = lxml.html.fromstring(render(Report(units, findings), "html"))
    assert [r.get("id") for r in doc.xpath("//tbody/tr")] == ["u-m:41"]
    assert f"1 unit with findings shown of {FULL_LIMIT + 1:,}" in doc.text_content()
    small = lxml.html.fromstring(render(Report(units[:50], findings), "html"))
    assert len(small.xpath("//tbody/tr")) == 50


def test_colored_text_keeps_segments_at_full_contrast(report):
    """Only the src:/tgt: labels are dim; the segments a translator reads are not."""
    colored = render(report, "text", color=True)
    lines = [line for line in colored.splitlines() if "src: " in line or "tgt: " in line]
    assert lines and all(line.count("\x1b[2m") == 1 for line in lines)
    assert all("2;7m" not in line for line in lines)   # highlighted spans: bold reverse only


def test_github_report_says_when_annotations_will_be_cut():
    from concord.reports.github import SHOWN_PER_KIND
    units = [CheckedUnit(f"m:{n}", "双方签署了12项协议。", "The two sides signed 21 agreements.",
                         source_location=Location("m.tmx", n)) for n in range(1, SHOWN_PER_KIND + 3)]
    findings = Checker().run(Pair(u.unit, u.source, u.target) for u in units)
    lines = render(Report(units, findings), "github").splitlines()
    assert len(lines) == SHOWN_PER_KIND + 3
    assert lines[-1] == (f"::notice title=concord check::{SHOWN_PER_KIND + 2} errors: GitHub "
                         f"shows the first {SHOWN_PER_KIND} annotations of each kind; the job log "
                         "lists them all, and --format sarif gives code scanning every one")


def test_a_sentence_left_out_of_the_target_is_located_by_its_source_line():
    unit = CheckedUnit("r:4", "双方签署了12项协议。", "",
                       source_location=Location("r.zh.txt", 4),
                       target_location=Location("r.en.txt", None))
    findings = Checker().run([Pair(unit.unit, unit.source, unit.target)])
    assert [f.rule for f in findings] == ["omission"]
    [finding] = json.loads(render(Report([unit], findings), "json"))["findings"]
    assert finding["location"] == {"file": "r.zh.txt", "line": 4}
    assert finding["related_location"] == {"file": "r.en.txt", "line": None, "side": "target"}
    [line] = render(Report([unit], findings), "github").splitlines()
    assert line.startswith("::warning file=r.zh.txt,line=4,") and line.endswith("; target: r.en.txt")
