"""A document's check results as plain JSON data, and back: each worker saves its document's
units and findings, and the corpus report is rebuilt from them (also for the documents a rerun
skips)."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from concord.reports import CheckedUnit, Location, Report
from terms.config import Suppression
from terms.findings import Finding


def report_data(report: Report) -> dict[str, Any]:
    """The units, findings and suppressed findings of a document's report."""
    return {"units": [_unit_data(u) for u in report.units],
            "findings": [f.to_dict() for f in report.findings],
            "suppressed": [[f.to_dict(), asdict(s)] for f, s in report.suppressed]}


def _unit_data(unit: CheckedUnit) -> dict[str, Any]:
    data = asdict(unit)
    for key in ("source_location", "target_location"):
        location = getattr(unit, key)
        data[key] = [location.path, location.line] if location is not None else None
    return data


def units_from_data(data: dict[str, Any]) -> list[CheckedUnit]:
    """The checked units saved by :func:`report_data`."""
    units = []
    for item in data["units"]:
        item = dict(item)
        for key in ("source_location", "target_location"):
            item[key] = Location(*item[key]) if item.get(key) else None
        units.append(CheckedUnit(**item))
    return units


def finding_from_data(data: dict[str, Any]) -> Finding:
    """A :class:`Finding` from :meth:`Finding.to_dict`."""
    data = dict(data)
    for key in ("source_span", "target_span"):
        if key in data:
            data[key] = tuple(data[key])
    data["related"] = tuple(data.get("related", ()))
    return Finding(**data)


def findings_from_data(data: dict[str, Any]
                       ) -> tuple[list[Finding], list[tuple[Finding, Suppression]]]:
    """The findings and the suppressed findings saved by :func:`report_data`."""
    findings = [finding_from_data(f) for f in data["findings"]]
    suppressed = [(finding_from_data(f), Suppression(**s)) for f, s in data["suppressed"]]
    return findings, suppressed
