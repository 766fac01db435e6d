"""The JUnit XML report, in the shape Jenkins and GitLab read.

``<testsuites>`` holds one ``<testsuite name="concord check">``; each checked unit is a
``<testcase classname="concord.<name of the unit's file>" name="unit <id>">`` (with ``file`` and ``line`` when
known: where its findings are fixed, the target document of a pair, as the other reports say). A unit with findings at or above ``--fail-on`` gets one ``<failure>`` whose ``message``
names the rules and whose text lists every finding; findings below the threshold go to the
testcase's ``<system-out>``. One failure per testcase, since the JUnit schema Jenkins follows
allows no more.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from concord.reports import Report, fix_places, plural, relative_uri
from terms.findings import Finding, at_least


def _describe(f: Finding) -> str:
    text = f"[{f.severity}] {f.rule}: {f.message}"
    return text + (f"\n    fix: {f.suggestion}" if f.suggestion else "")


def _clean(text: str) -> str:
    """Text with the characters XML 1.0 cannot hold removed."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20 and
                   not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")


def render(report: Report) -> str:
    """The report as JUnit XML text."""
    grouped = report.by_unit()
    failures = 0
    suites = etree.Element("testsuites", name="concord")
    suite = etree.SubElement(suites, "testsuite", name="concord check")
    default = Path(report.inputs[0]).name if report.inputs else "memory"
    for unit in report.units:
        source = unit.source_location or unit.target_location
        # each unit is classed under the file it comes from (several memories may be checked)
        stem = Path(source.path).name if source is not None else default
        findings = grouped.get(unit.unit, [])
        failing = [f for f in findings if at_least(f.severity, report.fail_on)]
        others = [f for f in findings if not at_least(f.severity, report.fail_on)]
        location = fix_places(unit, (failing or others)[0].rule if findings else "")[0]
        classname = "concord." + re.sub(r"[^\w-]+", "_", stem)
        case = etree.SubElement(suite, "testcase", classname=_clean(classname),
                                name=_clean(f"unit {unit.unit}"), time="0")
        if location is not None:
            case.set("file", _clean(relative_uri(location.path)))
            if location.line:
                case.set("line", str(location.line))
        if failing:
            failures += 1
            rules = sorted({f.rule for f in failing})
            failure = etree.SubElement(case, "failure", type=",".join(rules),
                                       message=_clean(f"{plural(len(failing), 'finding')}: "
                                                      + "; ".join(f.message for f in failing)))
            failure.text = _clean("\n".join(_describe(f) for f in failing)
                                  + f"\n\nsource: {unit.source}\ntarget: {unit.target}")
        if others:
            out = etree.SubElement(case, "system-out")
            out.text = _clean("\n".join(_describe(f) for f in others))
    tests = str(len(report.units))
    for element in (suites, suite):
        element.set("tests", tests)
        element.set("failures", str(failures))
        element.set("errors", "0")
        element.set("skipped", "0")
        element.set("time", "0")
    return etree.tostring(suites, encoding="unicode", pretty_print=True).join(
        ['<?xml version="1.0" encoding="UTF-8"?>\n', ""])
