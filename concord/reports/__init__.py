"""Check reports: what ``concord check`` found, rendered for people and for CI systems.

A :class:`Report` holds the checked units (text, languages, where they are in the input files),
the findings and the settings of the run; one module per format renders it:
:mod:`~concord.reports.text` (colored, grouped, for a terminal),
:mod:`~concord.reports.json_report`, :mod:`~concord.reports.junit`,
:mod:`~concord.reports.sarif` (SARIF 2.1.0), :mod:`~concord.reports.github` (workflow commands)
and :mod:`~concord.reports.html` (side by side).
"""
from __future__ import annotations

import importlib
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from terms.findings import Finding, Span, at_least, count_by_severity
from terms.rules import RULES

if TYPE_CHECKING:
    from terms.config import Suppression
    from terms.glossary import Glossary

FORMATS = ("text", "json", "junit", "sarif", "github", "html")
#: an aligner confidence below this is low: the reports, `concord align` and the review page
#: (through its state) mark it alike
LOW_CONFIDENCE = 0.5
#: from this confidence up a bead is high (green in the HTML report and the review page)
HIGH_CONFIDENCE = 0.8


@dataclass(slots=True)
class Location:
    """A place in an input file (1-based line; ``None`` when unknown)."""

    path: str
    line: int | None = None


@dataclass(slots=True)
class CheckedUnit:
    """One checked unit: id, both texts, languages and where each side is in the input."""

    unit: str
    source: str
    target: str
    src_lang: str = "zh"
    tgt_lang: str = "en"
    source_location: Location | None = None
    target_location: Location | None = None
    #: the aligner's confidence in the unit (0 to 1), when known
    confidence: float | None = None


@dataclass(slots=True)
class Report:
    """Everything a report format needs."""

    units: list[CheckedUnit]
    findings: list[Finding]
    fail_on: str = "error"
    glossary: Glossary | None = None
    inputs: list[str] = field(default_factory=list)
    suppressed: list[tuple[Finding, Suppression]] = field(default_factory=list)
    tool_version: str = ""
    _index: dict[str, CheckedUnit] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        order = {u.unit: i for i, u in enumerate(self.units)}
        self._index = {u.unit: u for u in self.units}
        self.findings = sorted(self.findings, key=lambda f: (order.get(f.unit, len(order)),
                                                             _RULE_ORDER.get(f.rule, 99)))

    @property
    def summary(self) -> dict[str, int]:
        """Counts of findings by severity."""
        return count_by_severity(self.findings)

    @property
    def failing(self) -> list[Finding]:
        """The findings at or above ``fail_on``."""
        return [f for f in self.findings if at_least(f.severity, self.fail_on)]

    def unit(self, unit_id: str) -> CheckedUnit | None:
        """The checked unit with id ``unit_id`` (looked up in an index built once)."""
        return self._index.get(unit_id)

    def by_unit(self) -> dict[str, list[Finding]]:
        """Findings grouped by unit, units in input order."""
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            grouped[f.unit].append(f)
        return grouped

    def location(self, finding: Finding) -> Location | None:
        """Where a finding is fixed: the side its rule's fix applies to (the target for every
        rule so far), or the other side when that one has no line (a sentence left out)."""
        return fix_places(self.unit(finding.unit), finding.rule)[0]

    def related_location(self, finding: Finding) -> tuple[str, Location] | None:
        """The unit's other side (``"source"`` or ``"target"`` and its place) when it is
        somewhere else than :meth:`location` (the other document of a pair), else ``None``."""
        return fix_places(self.unit(finding.unit), finding.rule)[1]


def fix_places(unit: CheckedUnit | None, rule: str = ""
               ) -> tuple[Location | None, tuple[str, Location] | None]:
    """Where a finding of ``rule`` in ``unit`` is fixed (see :meth:`Report.location`; without
    a rule, the target side) and the unit's other side when it is somewhere else."""
    if unit is None:
        return None, None
    places = [("target", unit.target_location), ("source", unit.source_location)]
    if rule in RULES and RULES[rule].fix_side == "source":
        places.reverse()
    (_, first), (side, other) = places
    if first is None or not first.line and other is not None and other.line:
        (_, first), (side, other) = (side, other), places[0]
    if other is None or first is None or other == first:
        return first, None
    return first, (side, other)


_RULE_ORDER = {r: i for i, r in enumerate((
    "omission", "heading-omitted", "untranslated", "term-missing", "term-deprecated", "term-unexpected",
    "term-added", "number-mismatch", "number-rounded", "number-added", "date-mismatch",
    "inconsistent-translation"))}


def relative_uri(path: str) -> str:
    """``path`` relative to the current directory when inside it, with forward slashes."""
    p = Path(path)
    try:
        rel = os.path.relpath(p.resolve(), Path.cwd().resolve())
    except ValueError:
        rel = str(p)
    if rel.startswith(".."):
        rel = str(p)
    return rel.replace(os.sep, "/")


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, with an s unless ``n`` is 1: ``1 error``, ``2 errors``."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


def severity_counts(counts: dict[str, int]) -> str:
    """The counts of :attr:`Report.summary` in words: ``2 errors, 1 warning, 0 info``."""
    return (f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
            f"{counts['info']} info")


def marked(span: Span | None, text: str) -> TypeGuard[Span]:
    """True for a finding's span worth highlighting in ``text``: neither empty nor all of it."""
    return span is not None and span[1] > span[0] and span != (0, len(text))


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`) as text."""
    return "".join(render_chunks(report, fmt, color=color))


def render_chunks(report: Report, fmt: str, *, color: bool = False) -> Iterator[str]:
    """The report in ``fmt`` as pieces of text to write one after the other: a finding at a
    time for JSON and SARIF (a large report is never held whole), the whole text otherwise."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (expected one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{'json_report' if fmt == 'json' else fmt}")
    if fmt == "text":
        yield module.render(report, color=color)
    elif hasattr(module, "chunks"):
        yield from module.chunks(report)
    else:
        yield module.render(report)
