"""One document of a batch: read, align, write, check — run in a worker process or on a Dask
worker, so everything here is picklable and depends on nothing but its arguments.

A worker keeps the lexicon (loaded once by the aligner), the glossary and the checker between
documents: :func:`warm_up` loads them when the worker starts.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.errors import InputError
from concord import __version__
from concord.corpus.pairs import BATCH_STATE, DocumentPair
from tmx import MEMORY_FORMATS
from tmx.formats import default_extension

if TYPE_CHECKING:
    from align.model import Alignment
    from terms.checks import Checker

#: output extension of each format ``batch`` writes
#: the ending of each output format: the memory registry's, and the gold bead format's
EXTENSIONS = {**{fmt: ext for fmt in MEMORY_FORMATS if (ext := default_extension(fmt))},
              "beads": ".beads"}
#: hidden folder of the output directory: the journal, the check data, memories for corpus.tmx
STATE_DIR = BATCH_STATE
_LANG_NAMES = {"zh": "Chinese", "en": "English"}


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How every document of a batch is aligned, written and checked (as ``concord align`` and
    ``concord check`` take them). Paths are absolute, so that a worker anywhere finds them."""

    fmt: str = "tmx"
    presplit: bool = False
    scorer: str = "lexical"
    max_bead: int = 4
    input_format: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    zh_tag: str | None = None
    en_tag: str | None = None
    glossary: str | None = None
    check: str | None = None
    config: str | None = None
    fail_on: str = "error"

    def describe(self) -> dict[str, Any]:
        """What changes outputs, as JSON-ready data (paths of glossaries stand for their
        content, hashed separately)."""
        data = asdict(self)
        for key in ("glossary", "check", "config"):
            data[key] = data[key] is not None
        return data


@dataclass(frozen=True, slots=True)
class DocumentTask:
    """One document to process: the pair, the options, the output folder and the content hash
    of everything its outputs depend on."""

    pair: DocumentPair
    options: BatchOptions
    outdir: str
    digest: str
    #: the working directory the pair's relative paths are relative to
    cwd: str


@dataclass(slots=True)
class DocumentResult:
    """What became of one document (a line of ``summary.json``)."""

    doc_id: str
    source: str
    target: str
    status: str  # "aligned", "unchanged" (skipped: done before) or "failed"
    digest: str = ""
    error: str | None = None
    outputs: list[str] = field(default_factory=list)
    sentences: dict[str, int] = field(default_factory=dict)
    beads: dict[str, int] = field(default_factory=dict)
    mean_confidence: float | None = None
    warnings: list[str] = field(default_factory=list)
    findings: dict[str, int] | None = None
    failing: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


def safe_name(doc_id: str) -> str:
    """``doc_id`` as a file name: no path separators, no leading dot, not empty."""
    name = re.sub(r"[\\/\x00-\x1f]", "_", doc_id).lstrip(".")
    return name[:200] or "document"


def file_digest(path: str | os.PathLike[str] | None) -> str:
    """SHA-256 of a file's bytes ("" for no file)."""
    if path is None:
        return ""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def options_digest(options: BatchOptions) -> str:
    """What every document's hash shares: Concord's version, the options and the content of
    the glossaries and configuration they name."""
    parts = [__version__, json.dumps(options.describe(), sort_keys=True),
             file_digest(options.glossary), file_digest(options.check),
             file_digest(options.config)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def document_digest(pair: DocumentPair, shared: str) -> str:
    """The content hash of one document's inputs and options: a rerun skips the document while
    it is unchanged. Unreadable files hash as their error, so that they are retried."""
    parts = [shared, pair.doc_id, pair.src_lang or "", pair.tgt_lang or ""]
    for path in (pair.source, pair.target):
        try:
            parts.append(file_digest(path))
        except OSError as exc:
            parts.append(f"unreadable {exc.errno}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def output_names(doc_id: str, options: BatchOptions) -> list[str]:
    """The files a document writes, relative to the output folder."""
    name = safe_name(doc_id)
    names = [name + EXTENSIONS[options.fmt]]
    if options.fmt != "tmx":
        names.append(f"{STATE_DIR}/memories/{name}.tmx")
    if options.check:
        names += [f"{name}.check.html", f"{name}.check.json", f"{STATE_DIR}/checks/{name}.json"]
    return names


#: what aligning and writing a document imports
_WORKER_MODULES = ("align.aligner", "align.document", "align.evaluate",
                   "align.learned", "concord.bitext", "concord.pipeline", "tmx.writer")


def warm_up(options: BatchOptions) -> None:
    """Load what every document needs once per worker: the aligner, readers and writers, the
    tables they build on first use, the lexicon, the glossary, the checker (nothing the second
    time)."""
    from align.normalize import one_to_one_table

    from tmx.unitwriter import tool_version

    for name in _WORKER_MODULES:
        importlib.import_module(name)
    one_to_one_table()
    if options.fmt == "po":
        tool_version()  # what a PO file records, read from the package's metadata (30 ms)
    if options.scorer == "lexical":
        from align.anchors import PinyinNames
        from align.lexicon import load_lexicon
        PinyinNames(load_lexicon())  # its index of the lexicon's readings, made once
    _anchors(options.glossary or options.check)
    if options.check:
        _checker(options.check, options.config)


@lru_cache(maxsize=4)
def _glossary(path: str):
    from terms.formats import load_glossary
    return load_glossary(path)


@lru_cache(maxsize=4)
def _anchors(path: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if path is None:
        return ()
    return tuple((zh, tuple(en)) for zh, en in _glossary(path).anchor_pairs())


@lru_cache(maxsize=4)
def _config(path: str | None):
    from terms.config import Config, load_config
    return load_config(path) if path else Config()


def _checker(glossary: str, config: str | None) -> Checker:
    from terms.checks import Checker
    return Checker(_glossary(glossary), _config(config))


def creation_date(pair: DocumentPair) -> str:
    """The date a document's memory carries: ``SOURCE_DATE_EPOCH`` when set, else the newer
    modification time of its two files — the same on every run and every worker."""
    from tmx.writer import tmx_date
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return tmx_date(datetime.fromtimestamp(int(epoch), tz=UTC))
    newest = max(os.stat(p).st_mtime for p in (pair.source, pair.target))
    return tmx_date(datetime.fromtimestamp(int(newest), tz=UTC))


def process_document(task: DocumentTask) -> DocumentResult:
    """Align one document pair and write its outputs; never raises for bad input: a failure is
    a result with its error, so that the rest of the batch goes on."""
    started = time.perf_counter()
    pair = task.pair
    result = DocumentResult(pair.doc_id, pair.source, pair.target, "aligned", task.digest)
    resolved = DocumentPair(pair.doc_id, _absolute(pair.source, task.cwd),
                            _absolute(pair.target, task.cwd), pair.confidence, pair.src_lang,
                            pair.tgt_lang)
    try:
        alignment = _align(resolved, task.options)
        _write(alignment, resolved, pair, task, result)
    except (InputError, OSError, UnicodeError) as exc:
        result.status, result.error = "failed", _describe(exc)
    except Exception as exc:  # a bug must not stop the batch; its trace is kept
        result.status = "failed"
        result.error = f"internal error: {type(exc).__name__}: {exc}"
        result.warnings.append(traceback.format_exc(limit=5))
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _absolute(path: str, cwd: str) -> str:
    return path if os.path.isabs(path) else os.path.join(cwd, path)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, InputError):
        from concord.cli import describe_os_error
        return describe_os_error(exc)
    return str(exc)


def _align(pair: DocumentPair, options: BatchOptions) -> Alignment:
    from align.aligner import align
    from align.document import read_document

    source = read_document(pair.source, lang=options.src_lang, presplit=options.presplit,
                           fmt=options.input_format)
    target = read_document(pair.target, lang=options.tgt_lang, presplit=options.presplit,
                           fmt=options.input_format)
    for document, path, expected in ((source, pair.source, pair.src_lang),
                                     (target, pair.target, pair.tgt_lang)):
        if expected and document.lang != expected and not (options.src_lang or options.tgt_lang):
            raise InputError(f"the text is in {_LANG_NAMES[document.lang]}, not in "
                             f"{_LANG_NAMES[expected]} as its name says", path=path)
    if source.lang == target.lang and not (options.src_lang or options.tgt_lang):
        raise InputError(f"both documents are in {_LANG_NAMES[source.lang]}: nothing to align "
                         f"with {pair.target}", path=pair.source)
    return align(source, target, scorer=options.scorer, anchors=_anchors(options.glossary or
                                                                          options.check),
                 max_bead=options.max_bead)


def _write(alignment: Alignment, resolved: DocumentPair, given: DocumentPair, task: DocumentTask,
           result: DocumentResult) -> None:
    from concord.pipeline import write_alignment

    options, outdir = task.options, Path(task.outdir)
    names = output_names(given.doc_id, options)
    date = creation_date(resolved)
    write_alignment(alignment, outdir / names[0], options.fmt, doc_id=given.doc_id,
                    creationdate=date, zh_tag=options.zh_tag, en_tag=options.en_tag)
    if options.fmt != "tmx":  # the merged corpus.tmx is made from TMX
        write_alignment(alignment, outdir / names[1], "tmx", doc_id=given.doc_id,
                        creationdate=date, zh_tag=options.zh_tag, en_tag=options.en_tag)
    if options.check:
        result.findings, result.failing = _check(alignment, given, options, outdir, names[-3:])
    beads = alignment.beads
    result.outputs = [n for n in names if not n.startswith(STATE_DIR)]
    result.sentences = {"source": len(alignment.source), "target": len(alignment.target)}
    result.beads = dict(sorted(Counter(b.kind for b in beads).items()))
    result.mean_confidence = (round(sum(b.confidence for b in beads) / len(beads), 4)
                              if beads else None)
    result.warnings = list(alignment.warnings)


def _check(alignment: Alignment, pair: DocumentPair, options: BatchOptions, outdir: Path,
           names: list[str]) -> tuple[dict[str, int], bool]:
    """Check the document's units; write its HTML and JSON reports and the data the corpus
    report is made from. Returns the counts of findings by severity and whether any fails."""
    from concord.atomic import write_text_atomic
    from concord.corpus.checkdata import report_data
    from concord.pipeline import checked_units
    from concord.reports import Report, render
    from terms.checks import Pair

    assert options.check is not None
    checker = _checker(options.check, options.config)
    checker.suppressed = []
    units = checked_units(alignment, pair.doc_id, pair.source, pair.target)
    findings = checker.run([Pair(u.unit, u.source, u.target, u.src_lang, u.tgt_lang)
                            for u in units])
    report = Report(units, findings, fail_on=options.fail_on, glossary=checker.glossary,
                    inputs=[pair.source, pair.target], suppressed=list(checker.suppressed),
                    tool_version=__version__)
    write_text_atomic(outdir / names[0], render(report, "html"))
    write_text_atomic(outdir / names[1], render(report, "json"))
    write_text_atomic(outdir / names[2], json.dumps(report_data(report), ensure_ascii=False))
    return report.summary, bool(report.failing)
