"""The JSON report: ``{"summary": {...}, "findings": [...], ...}``.

``summary`` counts findings by severity (``error``, ``warning``, ``info``); each finding has at
least ``rule``, ``severity``, ``unit``, ``message`` and ``suggestion``, plus ``source_span`` /
``target_span`` (``[start, end]`` character offsets), ``term``, ``concept`` and ``location``
(``{"file", "line"}``: where the fix is made, the target document of a pair) when known, with
``related_location`` (``{"file", "line", "side"}``: the other document of a pair). ``suppressed`` lists silenced findings with their reason.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from concord.reports import Report
from terms.findings import Finding


def finding_data(report: Report, f: Finding) -> dict[str, Any]:
    """One finding of ``report`` as JSON-ready data, with its locations."""
    data = f.to_dict()
    location = report.location(f)
    if location is not None:
        data["location"] = {"file": location.path, "line": location.line}
    related = report.related_location(f)
    if related is not None:
        side, other = related
        data["related_location"] = {"file": other.path, "line": other.line, "side": side}
    return data


def to_data(report: Report, findings: bool = True) -> dict[str, Any]:
    """The report as JSON-ready data (``findings=False``: an empty list in their place)."""
    return {
        "summary": report.summary,
        "units": len(report.units),
        "fail_on": report.fail_on,
        "failed": bool(report.failing),
        "inputs": report.inputs,
        "findings": [finding_data(report, f) for f in report.findings] if findings else [],
        "suppressed": [dict(f.to_dict(), reason=s.reason) for f, s in report.suppressed],
        "tool": {"name": "concord", "version": report.tool_version},
    }


def chunks(report: Report) -> Iterator[str]:
    """The report as indented JSON text (UTF-8, Chinese kept readable), a finding at a time:
    an indented ``json.dumps`` of them all at once holds millions of small pieces (380 MB for
    a 62 MB report of 78,000 findings)."""
    text = json.dumps(to_data(report, findings=False), ensure_ascii=False, indent=2) + "\n"
    if not report.findings:
        yield text
        return
    before, after = text.split('"findings": []', 1)
    yield before + '"findings": ['
    for n, f in enumerate(report.findings):
        item = json.dumps(finding_data(report, f), ensure_ascii=False, indent=2)
        yield ("\n    " if n == 0 else ",\n    ") + item.replace("\n", "\n    ")
    yield "\n  ]" + after


def render(report: Report) -> str:
    """The report as indented JSON text."""
    return "".join(chunks(report))
