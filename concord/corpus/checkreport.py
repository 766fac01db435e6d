"""The corpus check report: every document's units and findings in one report, rendered in the
formats CI systems read (JSON, SARIF 2.1.0, JUnit) by :mod:`concord.reports`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from concord import __version__
from concord.atomic import write_text_atomic
from concord.corpus.checkdata import findings_from_data, units_from_data
from concord.corpus.task import BatchOptions, DocumentResult, output_names


def write_check_reports(outdir: Path, done: list[DocumentResult], options: BatchOptions
                        ) -> dict[str, Any]:
    """Write ``check.json``, ``check.sarif`` and ``check.junit.xml`` for the documents ``done``
    (in document order); returns their names and the counts of findings by severity."""
    from concord.corpus.outputs import CHECK_REPORTS
    from concord.reports import Report, render

    units, findings, suppressed, inputs = [], [], [], []
    for result in done:
        path = outdir / output_names(result.doc_id, options)[-1]
        data = json.loads(path.read_text(encoding="utf-8"))
        units += units_from_data(data)
        found, silenced = findings_from_data(data)
        findings += found
        suppressed += silenced
        inputs += [result.source, result.target]
    report = Report(units, findings, fail_on=options.fail_on, inputs=inputs,
                    suppressed=suppressed, tool_version=__version__)
    for fmt, name in CHECK_REPORTS.items():
        write_text_atomic(outdir / name, render(report, fmt))
    return {"reports": dict(CHECK_REPORTS), "summary": report.summary,
            "failing": len(report.failing)}
