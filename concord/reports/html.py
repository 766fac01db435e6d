"""A self-contained HTML report: source and target side by side, unit by unit.

Glossary terms are underlined in both languages (a deprecated rendering in red; hovering shows
the concept and its preferred renderings), the spans a finding concerns are marked in its
severity's color, and the findings sit next to their unit, which is bordered in the color of its
worst finding. The aligner's confidence, when known, is a colored number beside each unit. One
file, no external resources; every piece of text is escaped. Checkboxes hide the units without
findings and show only the units of low confidence. A report on more than 2,000 units (a whole
memory) shows only the units with findings, and says so.
"""
from __future__ import annotations

import html

from concord.reports import HIGH_CONFIDENCE, LOW_CONFIDENCE, CheckedUnit, Location, Report, marked, plural
from terms.findings import SEVERITY_RANK, Finding
from terms.glossary import Glossary
from terms.matching import TermMatch, find_terms

#: above this many units, only the units with findings are shown
FULL_LIMIT = 2000

STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em;margin-bottom:.2em}.inputs{color:#555;margin-top:0}
.summary span{margin-right:1em;font-weight:bold}
.controls label{margin-right:1.5em}
.legend{font-size:.85em;color:#555}.legend span{margin-right:1.2em}
table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #ddd;padding:.4em;
vertical-align:top;text-align:left}th{background:#f4f4f4;position:sticky;top:0;z-index:1}
td.unit{color:#666;font-size:.8em;width:7%;overflow-wrap:anywhere}
td.unit .uid{font-weight:bold;color:#333}
td.seg{width:31%;line-height:1.5}td.found{width:27%;font-size:.9em}
tr[data-worst=error] td.unit{border-left:4px solid #c00}
tr[data-worst=warning] td.unit{border-left:4px solid #e90}
tr[data-worst=info] td.unit{border-left:4px solid #39c}
.term{border-bottom:2px solid #3a7bd5}.term-bad{border-bottom:2px dashed #c00}
.mark-error{background:#fdd}.mark-warning{background:#ffefc2}
.mark-info{background:#d8f0ff}.sev-error{color:#b00}.sev-warning{color:#a60}.sev-info{color:#07a}
.conf{display:inline-block;margin-top:.3em;padding:0 .35em;border-radius:3px;color:#fff;
font-weight:bold}.conf-high{background:#2a7a2a}.conf-mid{background:#b77800}
.conf-low{background:#c00}
ul.findings{margin:0;padding-left:1.1em}.fix{color:#2a7a2a}.empty{color:#999;font-style:italic}
tr.clean{opacity:.75}body.only-findings tr.clean{display:none}
body.only-low tbody tr:not([data-low]){display:none}
"""
SCRIPT = ("for(const [id,cls] of [['only','only-findings'],['low','only-low']]){"
          "document.getElementById(id).addEventListener('change',function(e){"
          "document.body.classList.toggle(cls,e.target.checked)})}")

Span = tuple[int, int, str, str]  # start, end, CSS class, hover text


def _marked(text: str, spans: list[Span]) -> str:
    """``text`` escaped, with each ``(start, end, class, title)`` span wrapped (overlaps
    allowed)."""
    if not text:
        return '<span class="empty">(empty)</span>'
    cuts = {0, len(text)}
    for s, e, _, _ in spans:
        cuts.update((max(0, min(s, len(text))), max(0, min(e, len(text)))))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        covering = [(c, t) for s, e, c, t in spans if s <= a and b <= e]
        piece = html.escape(text[a:b])
        if not covering:
            out.append(piece)
            continue
        classes = " ".join(sorted({c for c, _ in covering}))
        titles = " | ".join(dict.fromkeys(t for _, t in covering if t))
        title = f' title="{html.escape(titles)}"' if titles else ""
        out.append(f'<span class="{classes}"{title}>{piece}</span>')
    return "".join(out)


def _term_span(glossary: Glossary, match: TermMatch) -> Span:
    """A glossary match: underlined, red when it is a forbidden rendering, with the concept
    and its preferred renderings on hover."""
    notes, bad = [], False
    for entry in match.entries:
        concept = glossary.concepts[entry.concept]
        term = entry.term
        other = "en" if term.lang == "zh" else "zh"
        preferred = concept.preferred(term.lang if not term.allowed else other)
        if term.allowed:
            use = f" = {preferred.text}" if preferred is not None else ""
            notes.append(f"{concept.id} ({concept.category}, {term.status}){use}")
        else:
            bad = True
            use = f"; use {preferred.text}" if preferred is not None else ""
            notes.append(f"{concept.id}: {term.status} rendering{use}")
    return match.start, match.end, "term-bad" if bad else "term", "; ".join(
        dict.fromkeys(notes))


def _spans(report: Report, unit: CheckedUnit, findings: list[Finding], side: str) -> list[Span]:
    text, lang = (unit.source, unit.src_lang) if side == "source" else (unit.target, unit.tgt_lang)
    spans: list[Span] = []
    if report.glossary is not None and text:
        spans += [_term_span(report.glossary, m) for m in find_terms(report.glossary, text, lang)]
    for f in findings:
        span = f.source_span if side == "source" else f.target_span
        if marked(span, text):
            spans.append((span[0], span[1], f"mark-{f.severity}", f"{f.severity}: {f.rule}"))
    return spans


def _finding_item(f: Finding) -> str:
    item = (f'<li><b class="sev-{f.severity}">{html.escape(f.severity)}</b> '
            f'<code>{html.escape(f.rule)}</code> {html.escape(f.message)}')
    if f.suggestion:
        item += f'<br><span class="fix">fix: {html.escape(f.suggestion)}</span>'
    return item + "</li>"


def _place(location: Location | None, label: str) -> str:
    """``label`` (a language, or "line") and the line, the full path and line on hover."""
    if location is None or not location.line:
        return ""
    return (f'<br><span class="place" title="{html.escape(location.path)}:{location.line}">'
            f"{html.escape(label)} {location.line}</span>")


def _common_prefix(units: list[CheckedUnit]) -> str:
    """The document id all unit ids start with (``"release:"`` of ``"release:12"``), or ""."""
    first = units[0].unit if units else ""
    prefix = first[:first.rfind(":") + 1]
    if prefix and all(u.unit.startswith(prefix) for u in units):
        return prefix
    return ""


def _confidence(value: float | None) -> str:
    if value is None:
        return ""
    level = ("low" if value < LOW_CONFIDENCE else "mid" if value < HIGH_CONFIDENCE else "high")
    return (f'<br><span class="conf conf-{level}" title="alignment confidence">'
            f"{value:.2f}</span>")


def _row(report: Report, unit: CheckedUnit, findings: list[Finding], prefix: str = "") -> str:
    attributes = f'class="{"flagged" if findings else "clean"}"'
    if findings:
        worst = max(findings, key=lambda f: SEVERITY_RANK[f.severity]).severity
        attributes += f' data-worst="{worst}"'
    if unit.confidence is not None and unit.confidence < LOW_CONFIDENCE:
        attributes += " data-low"
    two_files = unit.target_location is not None and unit.target_location != unit.source_location
    places = _place(unit.source_location, unit.src_lang if two_files else "line")
    if two_files:
        places += _place(unit.target_location, unit.tgt_lang)
    shown_id = unit.unit[len(prefix):] if prefix else unit.unit
    items = "".join(_finding_item(f) for f in findings)
    listing = f'<ul class="findings">{items}</ul>' if items else ""
    return (f'<tr {attributes} id="u-{html.escape(unit.unit)}">'
            f'<td class="unit"><span class="uid" title="{html.escape(unit.unit)}">'
            f'{html.escape(shown_id)}</span>{places}{_confidence(unit.confidence)}</td>'
            f'<td class="seg" lang="{html.escape(unit.src_lang)}">'
            f'{_marked(unit.source, _spans(report, unit, findings, "source"))}</td>'
            f'<td class="seg" lang="{html.escape(unit.tgt_lang)}">'
            f'{_marked(unit.target, _spans(report, unit, findings, "target"))}</td>'
            f'<td class="found">{listing}</td></tr>')


def _legend(report: Report) -> str:
    parts = []
    if report.glossary is not None:
        parts += ['<span class="term">glossary term</span>',
                  '<span class="term-bad">forbidden rendering</span>']
    parts += ['<span class="mark-error">error</span>', '<span class="mark-warning">warning</span>',
              '<span class="mark-info">info</span>']
    if any(u.confidence is not None for u in report.units):
        parts += [f'confidence <span class="conf conf-high">≥ {HIGH_CONFIDENCE}</span>'
                  f'<span class="conf conf-mid">≥ {LOW_CONFIDENCE}</span>'
                  f'<span class="conf conf-low">&lt; {LOW_CONFIDENCE}</span>']
    return ('<p class="legend">' + "".join(f"<span>{p}</span>" for p in parts)
            + " — hover over a term for its glossary entry</p>")


def render(report: Report) -> str:
    """The report as one HTML page."""
    grouped = report.by_unit()
    counts = report.summary
    title = "Concord check report"
    shown = report.units
    left_out = ""
    if len(report.units) > FULL_LIMIT:  # a whole large memory is more than a browser can show
        shown = [u for u in report.units if u.unit in grouped]
        left_out = (f'<p class="legend">{plural(len(shown), "unit")} with findings shown of '
                    f"{len(report.units):,}: the {len(report.units) - len(shown):,} clean units "
                    f"are left out of reports on more than {FULL_LIMIT:,} units.</p>")
    prefix = _common_prefix(report.units)
    rows = [_row(report, unit, grouped.get(unit.unit, []), prefix) for unit in shown]
    inputs = ", ".join(html.escape(p) for p in report.inputs)
    if prefix:
        inputs += f" — units {html.escape(prefix)}N"
    if report.glossary is not None and report.glossary.path:
        inputs += f" — glossary {html.escape(report.glossary.path)}"
    low = sum(1 for u in report.units if u.confidence is not None and u.confidence < LOW_CONFIDENCE)
    low_filter = (f'<label><input type="checkbox" id="low"> only units of low confidence '
                  f'({low})</label>' if any(u.confidence is not None for u in report.units)
                  else '<input type="checkbox" id="low" hidden>')
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
        f'<h1>{title}</h1><p class="inputs">{inputs}</p>'
        f'<p class="summary"><span class="sev-error">{plural(counts["error"], "error")}</span>'
        f'<span class="sev-warning">{plural(counts["warning"], "warning")}</span>'
        f'<span class="sev-info">{counts["info"]} info</span>'
        f"{plural(len(report.units), 'unit')}, {len(report.suppressed)} suppressed</p>"
        f"{_legend(report)}{left_out}"
        '<p class="controls"><label><input type="checkbox" id="only"> only units with findings'
        f"</label>{low_filter}</p>"
        "<table><thead><tr><th>unit</th><th>source</th><th>target</th><th>findings</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table><script>{SCRIPT}</script>"
        "</body></html>\n")
