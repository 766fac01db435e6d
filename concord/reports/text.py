"""The text report: findings grouped by unit, the spans they concern highlighted, and a summary."""
from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from concord.reports import (LOW_CONFIDENCE, CheckedUnit, Location, Report, marked, plural,
                             severity_counts)
from terms.findings import Finding, Span

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SNIPPET = 160


def render(report: Report, color: bool = False) -> str:
    """The report as text, with ANSI colors when ``color``."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=100,
                      highlight=False, soft_wrap=True, color_system="standard" if color else None)
    for unit_id, findings in report.by_unit().items():
        unit = report.unit(unit_id)
        heading = Text(f"unit {unit_id}", style="bold")
        location = report.location(findings[0])
        if location is not None:
            heading.append(f"  ({_where(location)})", style="dim")
        related = report.related_location(findings[0])
        if related is not None and related[1].line:
            heading.append(f"  {related[0]}: {_where(related[1])}", style="dim")
        if unit is not None:
            if unit.confidence is not None:
                heading.append(f"  confidence {unit.confidence:.2f}",
                               style="bold yellow" if unit.confidence < LOW_CONFIDENCE else "dim")
        console.print(heading)
        if unit is not None:
            _print_segments(console, unit, findings)
        for f in findings:
            line = Text("  ")
            line.append(f"{f.severity:<7}", style=STYLES.get(f.severity, ""))
            line.append(f" {f.rule}", style="bold")
            line.append(f"  {f.message}")
            console.print(line)
            if f.suggestion:
                console.print(Text(f"           fix: {f.suggestion}", style="green"))
        console.print()
    console.print(_summary(report))
    return buffer.getvalue()


def _where(location: Location) -> str:
    return f"{location.path}:{location.line}" if location.line else location.path


def _print_segments(console: Console, unit: CheckedUnit, findings: list[Finding]) -> None:
    source_spans = [f.source_span for f in findings if marked(f.source_span, unit.source)]
    target_spans = [f.target_span for f in findings if marked(f.target_span, unit.target)]
    for label, text, spans in (("src", unit.source, source_spans),
                               ("tgt", unit.target, target_spans)):
        line = Text()  # the label dim, the segment at full contrast
        line.append(f"  {label}: ", style="dim")
        line.append_text(_highlighted(text, spans))
        console.print(line)


def _highlighted(text: str, spans: list[Span]) -> Text:
    """``text`` (shortened around the first span when long) with ``spans`` underlined."""
    if not text:
        return Text("(empty)", style="dim italic")
    start = 0
    if len(text) > SNIPPET:
        centre = spans[0][0] if spans else 0
        start = max(0, min(centre - SNIPPET // 3, len(text) - SNIPPET))
    end = min(len(text), start + SNIPPET)
    out = Text(("…" if start else "") + text[start:end] + ("…" if end < len(text) else ""))
    shift = 1 if start else 0
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s < e:
            out.stylize("bold reverse", s - start + shift, e - start + shift)
    return out


def _summary(report: Report) -> Text:
    text = Text(severity_counts(report.summary), style="bold")
    text.append(f" in {plural(len(report.units), 'unit')}")
    if report.suppressed:
        text.append(f" ({len(report.suppressed)} suppressed)")
    failing = len(report.failing)
    if report.fail_on != "never":
        verdict = (f"; {failing} at or above {report.fail_on}: FAILED" if failing
                   else f"; nothing at or above {report.fail_on}: passed")
        text.append(verdict, style="bold red" if failing else "bold green")
    return text
