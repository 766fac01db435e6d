"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

Property values (``file``, ``line``, ``title``) escape ``%``, ``\\r``, ``\\n``, ``:`` and ``,``;
the message escapes ``%``, ``\\r`` and ``\\n`` — as the Actions toolkit does. GitHub shows ten
annotations of each kind per step: past that, a last notice gives the counts. An annotation is
put on the file the fix is made in (the English document of a pair, for every rule so far); its
message names the other document's line.
"""
from __future__ import annotations

from concord.reports import Report, relative_uri

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property's value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


#: annotations of one kind (error, warning, notice) GitHub shows per step; the rest are dropped
SHOWN_PER_KIND = 10


def render(report: Report) -> str:
    """One workflow command per finding; when a kind has more findings than GitHub shows, a
    last ``::notice`` says how many there are and where to see them all."""
    lines = []
    for f in report.findings:
        props = []
        location = report.location(f)
        if location is not None:
            props.append(f"file={escape_property(relative_uri(location.path))}")
            if location.line:
                props.append(f"line={location.line}")
        props.append(f"title={escape_property(f'{f.rule} in unit {f.unit}')}")
        message = f.message + (f" (fix: {f.suggestion})" if f.suggestion else "")
        related = report.related_location(f)
        if related is not None:
            side, other = related
            message += f"; {side}: {relative_uri(other.path)}"
            message += f" line {other.line}" if other.line else ""
        lines.append(f"::{LEVELS[f.severity]} {','.join(props)}::{escape_data(message)}")
    counts = report.summary
    if any(n > SHOWN_PER_KIND for n in counts.values()):
        total = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
                          for s in ("error", "warning", "info") if counts[s])
        message = (f"{total}: GitHub shows the first {SHOWN_PER_KIND} annotations of each "
                   "kind; the job log lists them all, and --format sarif gives code scanning "
                   "every one")
        lines.append(f"::notice title={escape_property('concord check')}::"
                     f"{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
