"""The SARIF 2.1.0 report, for code scanning (GitHub, GitLab, Azure DevOps).

One run; the driver lists every rule (id, name, short and full description, help, default
level). Each result has ``ruleId``/``ruleIndex``, ``level`` (error, warning, note),
``message``, a physical location (the input file and the line of the unit when known: for a
document pair the side the fix is made in, the target document for every rule so far) and a
logical location naming the unit; the other document's line is a related location; ``partialFingerprints`` keep a finding recognisable from one
run to the next. A file under the current directory is a relative, percent-encoded URI against
``%SRCROOT%`` (declared in ``originalUriBaseIds`` as the current directory); any other file is an
absolute ``file:`` URI. Suppressed findings are results too, with a ``suppressions`` entry giving
the reason, as SARIF records silenced results.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from concord.reports import Location, Report
from terms.findings import Finding
from terms.rules import RULES

if TYPE_CHECKING:
    from terms.config import Suppression

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


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


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF ``artifactLocation``: relative to ``%SRCROOT%`` (the current directory) when the
    file is under it, else an absolute ``file:`` URI; percent-encoded either way."""
    absolute = Path(path).resolve()
    try:
        relative = absolute.relative_to(Path.cwd().resolve())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _physical(where: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(where.path)}
    if where.line:
        physical["region"] = {"startLine": where.line}
    return physical


def _result(report: Report, f: Finding, index: dict[str, int],
            suppression: Suppression | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {"logicalLocations": [
        {"name": f.unit, "fullyQualifiedName": f"unit/{f.unit}", "kind": "element"}]}
    where: Location | None = report.location(f)
    if where is not None:
        location["physicalLocation"] = _physical(where)
    related = []
    other = report.related_location(f)
    if other is not None and where is not None:
        related.append({"id": 1, "physicalLocation": _physical(other[1]),
                        "message": {"text": f"the {other[0]} of unit {f.unit}"}})
    message = f.message.rstrip(".") + "."
    text = message + (f" Fix: {f.suggestion}." if f.suggestion else "")
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
    if related:
        result["relatedLocations"] = related
    if suppression is not None:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": suppression.reason}]
    return result


def _results(report: Report) -> Iterator[dict[str, Any]]:
    index = {rule_id: i for i, rule_id in enumerate(RULES)}
    for f in report.findings:
        yield _result(report, f, index)
    for f, s in report.suppressed:
        yield _result(report, f, index, s)


def to_data(report: Report, results: bool = True) -> dict[str, Any]:
    """The report as a SARIF log (JSON-ready data; ``results=False``: an empty list in their
    place)."""
    artifacts = [{"location": artifact_location(p)} for p in report.inputs]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "concord", "version": report.tool_version or "0",
                            "rules": _rules()}},
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().resolve().as_uri().rstrip("/") + "/"}},
        "results": list(_results(report)) if results else [],
        "columnKind": "unicodeCodePoints",
    }
    if artifacts:
        run["artifacts"] = artifacts
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def chunks(report: Report) -> Iterator[str]:
    """The SARIF log as indented JSON text, a result at a time (as the JSON report writes its
    findings: one ``json.dumps`` of them all holds millions of small pieces)."""
    text = json.dumps(to_data(report, results=False), ensure_ascii=False, indent=2) + "\n"
    before, after = text.split('"results": []', 1)
    yield before + '"results": ['
    n = -1
    for n, result in enumerate(_results(report)):
        item = json.dumps(result, ensure_ascii=False, indent=2)
        yield ("\n        " if n == 0 else ",\n        ") + item.replace("\n", "\n        ")
    yield ("\n      ]" if n >= 0 else "]") + after


def render(report: Report) -> str:
    """The SARIF log as indented JSON text."""
    return "".join(chunks(report))
