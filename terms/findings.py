"""A finding: one problem in one unit, with where it is in both segments and how to fix it."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

SEVERITIES = ("error", "warning", "info")
#: for comparisons: a higher rank is more severe
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a rule in one unit.

    ``source_span``/``target_span`` are ``(start, end)`` character offsets into the unit's source
    and target text (``None`` when the problem has no place on that side); ``term`` is the
    glossary term or the text the finding is about; ``concept`` the glossary concept id.
    ``related`` lists other units involved (for the cross-unit rules).
    """

    rule: str
    severity: str
    unit: str
    message: str
    suggestion: str = ""
    source_span: Span | None = None
    target_span: Span | None = None
    term: str | None = None
    concept: str | None = None
    related: tuple[str, ...] = field(default=())

    def with_severity(self, severity: str) -> "Finding":
        """The same finding with another severity."""
        return replace(self, severity=severity)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (spans as two-element lists, empty fields left out)."""
        out: dict[str, Any] = {"rule": self.rule, "severity": self.severity, "unit": self.unit,
                               "message": self.message, "suggestion": self.suggestion}
        if self.source_span is not None:
            out["source_span"] = list(self.source_span)
        if self.target_span is not None:
            out["target_span"] = list(self.target_span)
        if self.term is not None:
            out["term"] = self.term
        if self.concept is not None:
            out["concept"] = self.concept
        if self.related:
            out["related"] = list(self.related)
        return out


def at_least(severity: str, threshold: str) -> bool:
    """True when ``severity`` is ``threshold`` or more severe (``threshold="never"``: False)."""
    if threshold == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    """``{"error": n, "warning": n, "info": n}``."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts
