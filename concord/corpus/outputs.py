"""What a batch writes once every document is done: the merged ``corpus.tmx`` (streamed from the
documents' memories, never held in memory), the corpus check report (``check.json``,
``check.sarif``, ``check.junit.xml`` and ``index.html`` linking each document's report) and
``summary.json``."""
from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

from concord import __version__
from concord.atomic import atomic_output, write_text_atomic
from concord.corpus.pairs import DocumentPair
from concord.corpus.state import SUMMARY, write_summary
from concord.corpus.task import (BatchOptions, DocumentResult, creation_date,
                                 options_digest, output_names, safe_name)

CORPUS = "corpus.tmx"
#: the corpus check report: one file per format, and the HTML index
CHECK_REPORTS = {"json": "check.json", "sarif": "check.sarif", "junit": "check.junit.xml"}
INDEX = "index.html"


def finish(outdir: Path, results: list[DocumentResult], options: BatchOptions, *,
           unpaired: list[str]) -> dict[str, Any]:
    """Write the corpus memory, the corpus check report and the summary; returns the summary."""
    done = sorted((r for r in results if r.status != "failed"), key=lambda r: r.doc_id)
    digest = corpus_digest(done, options)
    extra: dict[str, Any] = {"unpaired": unpaired, "corpus": None, "corpus_digest": digest}
    if done:
        if _previous_corpus_digest(outdir) != digest or not (outdir / CORPUS).is_file():
            write_corpus(outdir / CORPUS, [memory_path(outdir, r.doc_id, options) for r in done],
                         _corpus_date(done))
        extra["corpus"] = CORPUS
    if options.check:
        from concord.corpus.checkreport import write_check_reports
        extra["check"] = write_check_reports(outdir, done, options)
        extra["check"]["index"] = INDEX
        write_index(outdir / INDEX, sorted(results, key=lambda r: r.doc_id), options)
    return write_summary(outdir, results, options, extra)


def corpus_digest(done: list[DocumentResult], options: BatchOptions) -> str:
    """A hash of what ``corpus.tmx`` is made from: it is rewritten only when this changes."""
    lines = [options_digest(options)] + [f"{r.doc_id}\t{r.digest}" for r in done]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _previous_corpus_digest(outdir: Path) -> str | None:
    try:
        return json.loads((outdir / SUMMARY).read_text(encoding="utf-8")).get("corpus_digest")
    except (OSError, ValueError, AttributeError):
        return None


def memory_path(outdir: Path, doc_id: str, options: BatchOptions) -> Path:
    """The TMX memory of a document: its output, or the copy kept for the corpus when the
    output is in another format."""
    return outdir / output_names(doc_id, options)[0 if options.fmt == "tmx" else 1]


def _corpus_date(done: list[DocumentResult]) -> str:
    return max(creation_date(DocumentPair(r.doc_id, r.source, r.target)) for r in done)


def write_corpus(path: Path, memories: list[Path], date: str) -> None:
    """Concatenate the units of ``memories`` into one TMX file. Its source language is the
    memories' (``*all*`` when they differ). Under the memories' own source language their units
    are copied as bytes (what the writer would write again); under ``*all*``, where a one-sided
    bead is written otherwise, they are read and written unit by unit."""
    from tmx.reader import TMXReader, read_header
    from tmx.writer import TMXWriter

    srclangs = {read_header(m).srclang for m in memories}
    srclang = srclangs.pop() if len(srclangs) == 1 else "*all*"
    with atomic_output(path, "wb") as stream, \
            TMXWriter(stream, srclang=srclang or "*all*", creationdate=date,
                      creationtoolversion=__version__, normalize_langs=False) as writer:
        for memory in memories:
            if srclang == "*all*" or writer.copy_units(memory) is None:
                for unit in TMXReader(memory):
                    writer.write(unit)


def write_index(path: Path, results: list[DocumentResult], options: BatchOptions) -> None:
    """The HTML index of the corpus check: one row per document, linking its report."""
    rows = []
    for r in results:
        name = html.escape(r.doc_id)
        if r.status == "failed":
            rows.append(f'<tr class="failed"><td>{name}</td><td colspan="4">failed: '
                        f"{html.escape(r.error or '')}</td></tr>")
            continue
        counts = r.findings or {}
        link = html.escape(f"{safe_name(r.doc_id)}.check.html", quote=True)
        rows.append(f'<tr><td><a href="{link}">{name}</a></td>'
                    f"<td>{sum(r.beads.values())}</td>"
                    + "".join(f'<td class="sev-{s}">{counts.get(s, 0)}</td>'
                              for s in ("error", "warning", "info")) + "</tr>")
    failing = sum(1 for r in results if r.failing)
    failed = sum(1 for r in results if r.status == "failed")
    text = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Concord corpus check</title><style>body{font-family:system-ui,sans-serif;"
        "margin:1.5em}table{border-collapse:collapse}td,th{border-top:1px solid #ddd;"
        "padding:.3em .8em;text-align:left}.sev-error{color:#b00}.sev-warning{color:#a60}"
        ".failed{color:#b00}</style></head><body><h1>Concord corpus check</h1>"
        f"<p>{len(results)} documents, {failing} with findings at or above "
        f"{html.escape(options.fail_on)}, {failed} failed. Corpus reports: "
        + ", ".join(f'<a href="{n}">{n}</a>' for n in CHECK_REPORTS.values())
        + f".</p><table><thead><tr><th>document</th><th>units</th><th>errors</th>"
        f"<th>warnings</th><th>info</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p>concord {html.escape(__version__)}</p></body></html>\n")
    write_text_atomic(path, text)

