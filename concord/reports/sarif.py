"""The SARIF 2.1.0 report, for code scanning (GitHub, GitLab, Azure DevOps).

One run; the driver lists every rule (id, name, short and full description, help, default
level). Each result has ``ruleId``/``ruleIndex``, ``level`` (error, warning, note),
``message``, a physical location (the input file, relative to the current directory, and the
line of the unit when known) and a logical location naming the unit; ``partialFingerprints``
keep a finding recognisable from one run to the next.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from concord.reports import Report, relative_uri
from terms.rules import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFO_URI = "https://example.invalid/concord"


def _rules() -> list[dict[str, Any]]:
    return [{
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.help},
        "help": {"text": rule.help, "markdown": f"**{rule.id}**: {rule.help}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["translation", "terminology" if rule.id.startswith("term-")
                                else "publishing"]},
    } for rule in RULES.values()]


def to_data(report: Report) -> dict[str, Any]:
    """The report as a SARIF log (JSON-ready data)."""
    index = {rule_id: i for i, rule_id in enumerate(RULES)}
    results = []
    for f in report.findings:
        location: dict[str, Any] = {"logicalLocations": [
            {"name": f.unit, "fullyQualifiedName": f"unit/{f.unit}", "kind": "element"}]}
        where = report.location(f)
        if where is not None:
            physical: dict[str, Any] = {"artifactLocation": {"uri": relative_uri(where.path)}}
            if where.line:
                physical["region"] = {"startLine": where.line}
            location["physicalLocation"] = physical
        text = f.message + (f" Fix: {f.suggestion}." if f.suggestion else "")
        fingerprint = hashlib.sha256(
            "\x1f".join((f.rule, f.unit, f.term or "", f.concept or "")).encode()).hexdigest()
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": text},
            "locations": [location],
            "partialFingerprints": {"concordFinding/v1": fingerprint[:32]},
            "properties": {"unit": f.unit, "severity": f.severity,
                           **{k: v for k, v in f.to_dict().items()
                              if k in ("suggestion", "term", "concept", "source_span",
                                       "target_span", "related")}},
        }
        results.append(result)
    artifacts = [{"location": {"uri": relative_uri(p)}} for p in report.inputs]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "concord", "version": report.tool_version or "0",
                            "informationUri": INFO_URI, "rules": _rules()}},
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if artifacts:
        run["artifacts"] = artifacts
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    """The SARIF log as indented JSON text."""
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"
