"""The JSON report: ``{"summary": {...}, "findings": [...], ...}``.

``summary`` counts findings by severity (``error``, ``warning``, ``info``); each finding has at
least ``rule``, ``severity``, ``unit``, ``message`` and ``suggestion``, plus ``source_span`` /
``target_span`` (``[start, end]`` character offsets), ``term``, ``concept`` and ``location``
(``{"file", "line"}``: where the fix is made, the target document of a pair) when known, with
``related_location`` (``{"file", "line", "side"}``: the other document of a pair). ``suppressed`` lists silenced findings with their reason.
"""
from __future__ import annotations

import json
from typing import Any

from concord.reports import Report


def to_data(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data."""
    findings = []
    for f in report.findings:
        data = f.to_dict()
        location = report.location(f)
        if location is not None:
            data["location"] = {"file": location.path, "line": location.line}
        related = report.related_location(f)
        if related is not None:
            side, other = related
            data["related_location"] = {"file": other.path, "line": other.line, "side": side}
        findings.append(data)
    return {
        "summary": report.summary,
        "units": len(report.units),
        "fail_on": report.fail_on,
        "failed": bool(report.failing),
        "inputs": report.inputs,
        "findings": findings,
        "suppressed": [dict(f.to_dict(), reason=s.reason) for f, s in report.suppressed],
        "tool": {"name": "concord", "version": report.tool_version},
    }


def render(report: Report) -> str:
    """The report as indented JSON text (UTF-8, Chinese kept readable)."""
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"
