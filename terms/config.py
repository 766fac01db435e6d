"""Which rules run, at which severity, and which findings are suppressed (with a reason).

Read from ``concord.toml`` (top level, or a ``[concord]`` table) or from ``[tool.concord]`` in
``pyproject.toml``, in the current directory or the nearest parent that has one::

    [tool.concord]
    disable = ["untranslated"]               # rules not run
    fail-on = "warning"                      # default for concord check --fail-on

    [tool.concord.severity]                  # change a rule's severity
    term-unexpected = "error"
    omission = "info"

    [tool.concord.omission]                  # rule options
    max-ratio = 3.0

    [[tool.concord.suppress]]                # one unit (and optionally one rule / term)
    unit = "release-2022-01-10:7"
    rule = "number-mismatch"
    reason = "the source counts from 0"

A suppression can also live in the memory itself: a TMX unit property
``<prop type="x-concord-suppress">RULE: reason</prop>`` (``*`` for every rule).
"""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align.errors import InputError
from terms.findings import SEVERITIES, Finding
from terms.rules import RULES

SUPPRESS_PROP = "x-concord-suppress"


class ConfigError(InputError):
    """A configuration file that cannot be used."""


@dataclass(frozen=True, slots=True)
class Suppression:
    """Silences ``rule`` (or every rule when ``*``) in ``unit``, for a stated ``reason``."""

    unit: str
    rule: str = "*"
    reason: str = ""
    term: str | None = None

    def covers(self, finding: Finding) -> bool:
        """True when this suppression silences ``finding``."""
        return (self.unit == finding.unit and self.rule in ("*", finding.rule)
                and (self.term is None or self.term in (finding.term, finding.concept)))


@dataclass(slots=True)
class Config:
    """Rule settings for one run."""

    severities: dict[str, str] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    suppressions: list[Suppression] = field(default_factory=list)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_on: str | None = None
    path: str | None = None
    #: suppressions by unit, rebuilt when the list has grown (inline ones are added while a
    #: memory is read): a lookup per finding, not a scan of every suppression
    _by_unit: dict[str, list[Suppression]] = field(default_factory=dict, repr=False,
                                                   compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)

    def enabled(self, rule: str) -> bool:
        """True unless ``rule`` is disabled."""
        return rule not in self.disabled

    def severity(self, rule: str) -> str:
        """The configured severity of ``rule``, else its default."""
        return self.severities.get(rule) or RULES[rule].severity

    def option(self, rule: str, name: str, default: Any) -> Any:
        """The option ``name`` of ``rule`` (``[tool.concord.RULE]``), else ``default``."""
        return self.options.get(rule, {}).get(name, default)

    def suppression_for(self, finding: Finding) -> Suppression | None:
        """The first suppression that silences ``finding``, or None."""
        if self._indexed != len(self.suppressions):
            self._by_unit = {}
            for s in self.suppressions:
                self._by_unit.setdefault(s.unit, []).append(s)
            self._indexed = len(self.suppressions)
        for s in self._by_unit.get(finding.unit, ()):
            if s.covers(finding):
                return s
        return None


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest ``concord.toml``, or ``pyproject.toml`` with a ``[tool.concord]`` table."""
    here = Path(start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "concord.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and "concord" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def load_config(path: str | Path | None = None, start: str | Path | None = None) -> Config:
    """The configuration in ``path``, or found from ``start`` (default: cwd) upwards, or defaults."""
    if path is None:
        path = find_config(start)
        if path is None:
            return Config()
    p = Path(path)
    if not p.is_file():
        raise ConfigError("no such configuration file", path=str(p))
    data = _read_toml(p)
    if p.name == "pyproject.toml":
        table = data.get("tool", {}).get("concord", {})
    else:
        table = data.get("concord", data)
    return config_from_table(table, str(p))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else None
        raise ConfigError(f"TOML syntax error: {exc}", path=str(path), line=line) from None


def config_from_table(table: dict[str, Any], path: str | None = None) -> Config:
    """Build a :class:`Config` from the parsed ``[tool.concord]`` table, checking every value."""
    def fail(message: str, key: Any = None) -> ConfigError:
        return ConfigError(message, path=path, line=_line_of(path, key))

    def rule_id(name: Any) -> str:
        if name not in RULES:
            close = difflib.get_close_matches(str(name), list(RULES), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise fail(f"unknown rule {name!r} ({hint}rules: {', '.join(RULES)})", name)
        return str(name)

    config = Config(path=path)
    known = {"disable", "enable", "severity", "suppress", "fail-on", "fail_on", *RULES}
    for key in table:
        if key not in known:
            if key == "tool" and path is not None and not path.endswith("pyproject.toml"):
                raise fail("[tool.concord] belongs in pyproject.toml; in concord.toml write the "
                           "settings at the top level (or under [concord])", "tool")
            close = difflib.get_close_matches(str(key), sorted(known - {"fail_on"}), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise fail(f"unknown setting {key!r} in the concord configuration{hint} (settings: "
                       "disable, enable, severity, fail-on, suppress, or a rule's name for its "
                       "options)", key)
    def rule_list(key: str) -> set[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
            raise fail(f'{key} must be a list of rule names, such as {key} = ["omission"], '
                       f"not {value!r}", key)
        return {rule_id(r) for r in value}

    def rule_options(rule: str) -> dict[str, Any]:
        value, allowed = table[rule], RULES[rule].options
        known = ", ".join(allowed) or "none"
        if not isinstance(value, dict):
            raise fail(f"[{rule}] must be a table of options (options: {known}), "
                       f"not {value!r}", rule)
        for name, number in value.items():
            if name not in allowed:
                raise fail(f"unknown option {name!r} of {rule} (options: {known})", name)
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise fail(f"{name} of {rule} must be a number, not {number!r}", name)
        return dict(value)

    if "enable" in table:
        config.disabled = set(RULES) - rule_list("enable")
    config.disabled |= rule_list("disable")
    severities = table.get("severity", {})
    if not isinstance(severities, dict):
        raise fail('severity must be a table ([severity] with lines such as omission = "info"), '
                   f"not {severities!r}", "severity")
    for name, severity in severities.items():
        if severity not in SEVERITIES:
            raise fail(f"severity of {name!r} must be one of {', '.join(SEVERITIES)}, "
                       f"not {severity!r}", name)
        config.severities[rule_id(name)] = severity
    fail_on = table.get("fail-on", table.get("fail_on"))
    if fail_on is not None:
        if fail_on not in (*SEVERITIES, "never"):
            raise fail(f"fail-on must be error, warning, info or never, not {fail_on!r}",
                       "fail-on" if "fail-on" in table else "fail_on")
        config.fail_on = fail_on
    for rule in RULES:
        if rule in table:
            config.options[rule] = rule_options(rule)
    for entry in table.get("suppress", []):
        if not isinstance(entry, dict) or "unit" not in entry:
            raise fail("each [[suppress]] entry needs a unit", "suppress")
        if not str(entry.get("reason", "")).strip():
            raise fail(f"the suppression of unit {entry['unit']!r} needs a reason",
                       entry["unit"])
        rule = entry.get("rule", "*")
        config.suppressions.append(Suppression(
            unit=str(entry["unit"]), rule=rule if rule == "*" else rule_id(rule),
            reason=str(entry["reason"]), term=entry.get("term")))
    return config


def _line_of(path: str | None, key: Any) -> int | None:
    """The first line of the file at ``path`` where ``key`` appears as a TOML key, table name
    or string value (for messages; ``None`` when it cannot be found)."""
    if path is None or key is None:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(r'(^|[\s\[."\'])' + re.escape(str(key)) + r'($|[\s\]."\'=])')
    return next((n for n, line in enumerate(lines, 1)
                 if pattern.search(line.split("#", 1)[0])), None)


def parse_inline_suppression(unit: str, value: str) -> Suppression | None:
    """The suppression a unit property ``RULE: reason`` (or ``*: reason``) states, if valid."""
    rule, sep, reason = value.partition(":")
    rule = rule.strip()
    if not sep or not reason.strip() or (rule != "*" and rule not in RULES):
        return None
    return Suppression(unit=unit, rule=rule, reason=reason.strip())
