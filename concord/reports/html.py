"""A self-contained HTML report: source and target side by side, unit by unit.

Glossary terms are underlined in both languages, the spans a finding concerns are marked in its
severity's color, and the findings sit next to their unit. One file, no external resources;
every piece of text is escaped. A checkbox hides the units without findings.
"""
from __future__ import annotations

import html
from pathlib import Path

from concord.reports import CheckedUnit, Report
from terms.findings import Finding
from terms.matching import find_terms

STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}.summary span{margin-right:1em;font-weight:bold}
table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #ddd;padding:.4em;
vertical-align:top;text-align:left}th{background:#f4f4f4}
td.unit{color:#666;font-size:.8em;width:12%;word-break:break-all}
td.seg{width:30%;line-height:1.5}td.found{width:28%;font-size:.9em}
.term{border-bottom:2px solid #3a7bd5}.mark-error{background:#fdd}.mark-warning{background:#ffefc2}
.mark-info{background:#d8f0ff}.sev-error{color:#b00}.sev-warning{color:#a60}.sev-info{color:#07a}
ul.findings{margin:0;padding-left:1.1em}.fix{color:#2a7a2a}.empty{color:#999;font-style:italic}
tr.clean{opacity:.75}body.only-findings tr.clean{display:none}
"""
SCRIPT = ("document.getElementById('only').addEventListener('change',function(e){"
          "document.body.classList.toggle('only-findings',e.target.checked)});")


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` escaped, with each ``(start, end, class)`` span wrapped (overlaps allowed)."""
    if not text:
        return '<span class="empty">(empty)</span>'
    cuts = {0, len(text)}
    for s, e, _ in spans:
        cuts.update((max(0, min(s, len(text))), max(0, min(e, len(text)))))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        classes = sorted({c for s, e, c in spans if s <= a and b <= e})
        piece = html.escape(text[a:b])
        out.append(f'<span class="{" ".join(classes)}">{piece}</span>' if classes else piece)
    return "".join(out)


def _spans(report: Report, unit: CheckedUnit, findings: list[Finding], side: str
           ) -> list[tuple[int, int, str]]:
    text, lang = (unit.source, unit.src_lang) if side == "source" else (unit.target, unit.tgt_lang)
    spans: list[tuple[int, int, str]] = []
    if report.glossary is not None and text:
        spans += [(m.start, m.end, "term") for m in find_terms(report.glossary, text, lang)]
    for f in findings:
        span = f.source_span if side == "source" else f.target_span
        if span and span[1] > span[0] and span != (0, len(text)):
            spans.append((span[0], span[1], f"mark-{f.severity}"))
    return spans


def _finding_item(f: Finding) -> str:
    item = (f'<li><b class="sev-{f.severity}">{html.escape(f.severity)}</b> '
            f'<code>{html.escape(f.rule)}</code> {html.escape(f.message)}')
    if f.suggestion:
        item += f'<br><span class="fix">fix: {html.escape(f.suggestion)}</span>'
    return item + "</li>"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def render(report: Report) -> str:
    """The report as one HTML page."""
    grouped = report.by_unit()
    counts = report.summary
    title = "Concord check report"
    rows = []
    for unit in report.units:
        findings = grouped.get(unit.unit, [])
        where = unit.source_location
        place = (f'<br><span title="{html.escape(where.path)}">{html.escape(Path(where.path).name)}'
                 f":{where.line}</span>" if where and where.line else "")
        items = "".join(_finding_item(f) for f in findings)
        listing = f'<ul class="findings">{items}</ul>' if items else ""
        rows.append(
            f'<tr class="{"flagged" if findings else "clean"}" id="u-{html.escape(unit.unit)}">'
            f'<td class="unit">{html.escape(unit.unit)}{place}</td>'
            f'<td class="seg" lang="{html.escape(unit.src_lang)}">'
            f'{_marked(unit.source, _spans(report, unit, findings, "source"))}</td>'
            f'<td class="seg" lang="{html.escape(unit.tgt_lang)}">'
            f'{_marked(unit.target, _spans(report, unit, findings, "target"))}</td>'
            f'<td class="found">{listing}</td></tr>')
    inputs = ", ".join(html.escape(p) for p in report.inputs)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
        f"<h1>{title}</h1><p>{inputs}</p>"
        f'<p class="summary"><span class="sev-error">{_count(counts["error"], "error")}</span>'
        f'<span class="sev-warning">{_count(counts["warning"], "warning")}</span>'
        f'<span class="sev-info">{counts["info"]} info</span>'
        f"{_count(len(report.units), 'unit')}, {len(report.suppressed)} suppressed</p>"
        '<p><label><input type="checkbox" id="only"> only units with findings</label></p>'
        "<table><thead><tr><th>unit</th><th>source</th><th>target</th><th>findings</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table><script>{SCRIPT}</script>"
        "</body></html>\n")
