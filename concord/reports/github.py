"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

Property values (``file``, ``line``, ``title``) escape ``%``, ``\\r``, ``\\n``, ``:`` and ``,``;
the message escapes ``%``, ``\\r`` and ``\\n`` — as the Actions toolkit does.
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


def render(report: Report) -> str:
    """One workflow command per finding, then nothing else (summary goes to standard error)."""
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
        lines.append(f"::{LEVELS[f.severity]} {','.join(props)}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
