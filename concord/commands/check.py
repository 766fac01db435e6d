"""``concord check``: terminology and publishing checks on a release pair or a memory."""
from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from concord.atomic import shown
from concord.commands import (add_input_format_option, add_limit_options, add_scorer_option,
                              document_limits, given_languages, refuse_overwrite)
from concord.errors import UsageError
from concord.reports import FORMATS
from terms.rules import RULES

if TYPE_CHECKING:  # the rest is imported when the command runs: `concord --help` stays quick
    from concord.console import UI
    from concord.reports import CheckedUnit, Report
    from terms.checks import Checker, Pair
    from terms.config import Config
    from terms.findings import Finding
    from terms.glossary import Glossary
    from tmx.model import Unit

ORDER = 30
NOTE_PREFIX = "concord check: "
MEMORY_SUFFIXES = (".tmx",)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "check", parents=[common], help="check key terms, numbers and dates of a translation",
        description="Check a release pair (SRC TGT, aligned first) or a translation memory "
                    "(--tmx) against a glossary: terms missing, deprecated or unexpected; "
                    "numbers and dates that differ; omissions; untranslated text; inconsistent "
                    "translations across the memory. Exit status: 0 when no finding reaches "
                    "--fail-on, 1 when one does, 2 for unusable input.",
        epilog="Rules: " + ", ".join(RULES) + ". Severities, disabled rules and suppressions "
               "come from concord.toml or [tool.concord] in pyproject.toml (see --config).")
    parser.add_argument("documents", nargs="*", metavar="SRC TGT",
                        help="a source and a target document (text, Markdown or HTML) to align "
                             "and check; or memories (*.tmx) to check as with --tmx")
    parser.add_argument("--tmx", metavar="FILE", action="append", default=[],
                        help="check an existing memory instead (TMX, or PO/TSV/JSONL by "
                             "extension); may be repeated, the memories are checked together")
    parser.add_argument("--tm", metavar="DB",
                        help="a translation-memory store (concord tm): inconsistent-translation "
                             "also compares each unit with the units stored before (the same "
                             "source translated otherwise); alone, checks the store itself, "
                             "without loading it")
    parser.add_argument("-g", "--glossary", metavar="FILE",
                        help="glossary to check terms against (TBX, CSV, TSV or PO); without "
                             "one only the number, date, omission, untranslated and consistency "
                             "rules run")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text",
                        help="report format: text (colored on a terminal), json, junit, sarif "
                             "(2.1.0), github (workflow annotations), html (side by side, with "
                             "each unit's confidence; over 2,000 units only the units with "
                             "findings); default: text")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE (atomically) instead of standard output")
    parser.add_argument("--fail-on", choices=["error", "warning", "info", "never"],
                        help="exit with status 1 when a finding of this severity or worse "
                             "remains (default: the configuration's fail-on, else error)")
    parser.add_argument("--config", metavar="FILE",
                        help="configuration file (default: the nearest concord.toml, or "
                             "pyproject.toml with [tool.concord], from the current directory "
                             "upwards)")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE",
                        choices=list(RULES), help="do not run RULE (may be repeated)")
    parser.add_argument("--save-tmx", metavar="FILE",
                        help="also write the checked memory as TMX, each finding as a note of "
                             "its unit")
    group = parser.add_argument_group("aligning a document pair")
    group.add_argument("--src-lang", metavar="LANG",
                       help="source language (zh or en, or a tag of either such as zh-CN; "
                            "default: detected, or for --tmx the first language of the units)")
    group.add_argument("--tgt-lang", metavar="LANG", help="target language (as --src-lang)")
    group.add_argument("--presplit", action="store_true",
                       help="the documents have one sentence per line; do not segment them")
    add_input_format_option(group)
    add_limit_options(group)
    add_scorer_option(group, help="alignment scorer: lexical (default), embed or hybrid")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ui: UI) -> int:
    from concord import __version__
    from concord.reports import Report, plural
    from terms.checks import Checker, Pair
    from terms.config import load_config
    from terms.formats import load_glossary

    memories = [d for d in args.documents if d.lower().endswith(MEMORY_SUFFIXES)]
    if memories and len(memories) == len(args.documents):
        args.tmx, args.documents = args.tmx + memories, []
    if args.tmx and args.documents:
        raise UsageError("give either SRC TGT or --tmx FILE, not both")
    if args.tm and not args.tmx and not args.documents:
        return _run_store(args, ui)
    if not args.tmx and len(args.documents) != 2:
        raise UsageError("give a source and a target document (SRC TGT), or --tmx FILE")
    _refuse_overwriting_inputs(args)
    config = load_config(args.config)
    if config.path is not None:
        ui.info(f"configuration {config.path}: {len(config.disabled)} rule(s) disabled, "
                f"{len(config.severities)} severity change(s), {len(config.suppressions)} "
                f"suppression(s)" + (f", fail-on {config.fail_on}" if config.fail_on else ""))
    config.disabled |= set(args.disable)
    fail_on = args.fail_on or config.fail_on or "error"
    glossary = load_glossary(args.glossary) if args.glossary else None
    if glossary is not None:
        ui.info(f"glossary {args.glossary}: {len(glossary)} concepts")
        if not len(glossary):
            ui.warn(f"{args.glossary}: the glossary has no concepts: no term is checked")
    if args.tmx:
        units, checked, inputs = _from_memory(args, config, ui)
    else:
        units, checked, inputs = _from_documents(args, glossary, ui)
    checker = Checker(glossary, config)
    pairs = [Pair(c.unit, c.source, c.target, c.src_lang, c.tgt_lang) for c in checked]
    with ui.progress("checking", len(pairs)) as advance:
        findings = checker.run(pairs, progress=advance)
    if args.tm and checker.enabled("inconsistent-translation"):
        findings += _against_store(pairs, args.tm, checker)
    report = Report(checked, findings, fail_on=fail_on, glossary=glossary, inputs=inputs,
                    suppressed=checker.suppressed, tool_version=__version__)
    if args.save_tmx:
        _save_tmx(units, report, args, ui)
    return _emit(report, args, ui, plural(len(checked), "unit"))


def _emit(report: Report, args: argparse.Namespace, ui: UI, checked: str) -> int:
    """Write the report (``-o`` or standard output) and return the exit status."""
    from concord.atomic import atomic_output
    from concord.reports import render_chunks, severity_counts

    color = args.format == "text" and not args.output and (
        args.color == "always" or args.color == "auto" and sys.stdout.isatty())
    if args.output:  # written a finding at a time: a large report is never held whole
        with atomic_output(args.output, "w", encoding="utf-8") as handle:
            handle.writelines(render_chunks(report, args.format, color=color))
        ui.note(f"report written to {shown(args.output)}")
    else:
        sys.stdout.writelines(render_chunks(report, args.format, color=color))
        sys.stdout.flush()
    if (args.format != "text" or args.output) and not args.quiet:
        ui.note(f"{severity_counts(report.summary)} in {checked}")
    return 1 if report.failing else 0


def _against_store(pairs: list[Pair], location: str, checker: Checker) -> list[Finding]:
    """inconsistent-translation findings of ``pairs`` against the store at ``location``."""
    from concord.tm import open_store
    from concord.tm.consistency import against_store
    with open_store(location) as store:
        return list(checker.configured(against_store(pairs, store)))


def _run_store(args: argparse.Namespace, ui: UI) -> int:
    """``concord check --tm DB`` alone: the store's own inconsistent translations."""
    from concord import __version__
    from concord.reports import Report, plural
    from concord.tm import open_store
    from concord.tm.consistency import store_findings
    from terms.checks import Checker
    from terms.config import load_config

    refuse_overwrite(args.output, [args.tm, args.config], "-o/--output")
    if args.save_tmx:
        raise UsageError("--save-tmx writes a checked memory file: give --tmx FILE (concord tm "
                         "export writes the store as one)")
    config = load_config(args.config)
    config.disabled |= set(args.disable)
    checker = Checker(None, config)
    checked: list[CheckedUnit] = []
    findings: list[Finding] = []
    if checker.enabled("inconsistent-translation"):
        with open_store(args.tm) as store:
            checked, findings = store_findings(store)
            total = store.stats()["units"]
    else:
        total = 0
    report = Report(checked, list(checker.configured(findings)),
                    fail_on=args.fail_on or config.fail_on or "error", inputs=[args.tm],
                    suppressed=checker.suppressed, tool_version=__version__)
    return _emit(report, args, ui, f"a store of {plural(total, 'unit')}")


def _refuse_overwriting_inputs(args: argparse.Namespace) -> None:
    """The report may replace no input; the checked memory (--save-tmx) only a TMX memory it
    was read from, and never the report."""
    inputs = [*args.documents, *args.tmx, args.glossary, args.config, args.tm]
    refuse_overwrite(args.output, inputs, "-o/--output")
    if args.save_tmx == "-" and args.output in (None, "-"):
        raise UsageError("--save-tmx - and the report would both go to standard output; give "
                         "the report a file with -o")
    if args.output and args.save_tmx and \
            os.path.realpath(args.output) == os.path.realpath(args.save_tmx):
        raise UsageError("-o/--output and --save-tmx name the same file, which each would "
                         "overwrite; give two file names", path=args.output)
    memories = [p for p in args.tmx if p.lower().endswith(MEMORY_SUFFIXES)]
    refuse_overwrite(args.save_tmx, [p for p in inputs if p not in memories], "--save-tmx")


def _from_memory(args: argparse.Namespace, config: Config, ui: UI
                 ) -> tuple[list[Unit], list[CheckedUnit], list[str]]:
    units: list[Unit] = []
    checked: list[CheckedUnit] = []
    seen: set[str] = set()
    for path in args.tmx:
        file_units, file_checked = _read_memory(path, args, config, ui, seen)
        units += file_units
        checked += file_checked
    return units, checked, list(args.tmx)


def _read_memory(path: str, args: argparse.Namespace, config: Config, ui: UI, seen: set[str]
                 ) -> tuple[list[Unit], list[CheckedUnit]]:
    from concord.bitext import read_units
    from concord.reports import CheckedUnit, Location
    from terms.config import SUPPRESS_PROP, parse_inline_suppression
    from tmx.langtags import primary_language
    # the units themselves are kept only to be written back (--save-tmx): a checked unit is
    # a fraction of their size
    keep = bool(args.save_tmx)
    # the languages given are also what a PO, TSV or Moses file without a header is read in
    stream = read_units(path, **given_languages(args))
    src_tag, tgt_tag, head = _memory_languages(stream, args.src_lang, args.tgt_lang, path)
    src_lang, tgt_lang = primary_language(src_tag), primary_language(tgt_tag)
    units: list[Unit] = []
    checked = []
    wanted = {src_lang, tgt_lang}
    seen_langs: set[str] = set()
    for n, unit in enumerate(itertools.chain(head, stream), 1):
        if keep:
            units.append(unit)
        if wanted - seen_langs:
            seen_langs.update(primary_language(tag) for tag in unit.langs)
        unit_id = _unique_id(unit.tuid or f"#{n}", Path(path).name, n, seen)
        seen.add(unit_id)
        location = Location(path, unit.line)
        checked.append(CheckedUnit(unit_id, unit.text(src_tag), unit.text(tgt_tag),
                                   src_lang, tgt_lang, location, location, _confidence(unit)))
        for kind, value in unit.props:
            if kind == SUPPRESS_PROP:
                suppression = parse_inline_suppression(unit_id, value)
                if suppression is None:
                    ui.warn(f"{path}:{unit.line}: ignored {SUPPRESS_PROP} {value!r} "
                            "(expected 'RULE: reason')")
                else:
                    config.suppressions.append(suppression)
    if not checked:
        raise UsageError("the memory has no translation units", path=path)
    if wanted - seen_langs:
        raise UsageError(f"no unit has {' or '.join(sorted(wanted - seen_langs))} (the memory "
                         f"has {', '.join(sorted(seen_langs))}): check --src-lang/--tgt-lang",
                         path=path)
    ui.info(f"{path}: {len(checked)} units, {src_tag} → {tgt_tag}")
    return units, checked


def _unique_id(unit_id: str, file_name: str, n: int, seen: set[str]) -> str:
    """``unit_id``, or when a unit already has it (several memories with the same ids, or a
    memory that repeats a tuid) the file's name before it, then the unit's number after it."""
    if unit_id not in seen:
        return unit_id
    candidate = f"{file_name}:{unit_id}"
    if candidate not in seen:
        return candidate
    candidate, k = f"{file_name}:{unit_id}#{n}", 1
    while candidate in seen:
        k += 1
        candidate = f"{file_name}:{unit_id}#{n}.{k}"
    return candidate


def _memory_languages(stream: Iterator[Unit], src_tag: str | None, tgt_tag: str | None,
                      path: str) -> tuple[str, str, list[Unit]]:
    """The source and target tags (those given, else the first unit with two languages shows
    them: its first two, or its Chinese and English when it has more languages) and the units
    read from ``stream`` to find them."""
    from concord.bitext import working_languages
    from tmx.langtags import primary_language
    head: list[Unit] = []
    if src_tag and tgt_tag:
        return src_tag, tgt_tag, head
    langs = None
    for unit in stream:
        head.append(unit)
        if len(unit.variants) >= 2:
            langs = unit.langs
            break
    if langs is None:
        raise UsageError("no unit has two languages" if head else
                         "the memory has no translation units", path=path)
    if not src_tag and not tgt_tag:
        langs = working_languages(langs)  # a multilingual memory: its Chinese and English
    src_tag = src_tag or langs[0]
    src_lang = primary_language(src_tag)
    other = next((t for t in langs if primary_language(t) != src_lang), None)
    target = tgt_tag or other
    if target is None:
        raise UsageError(f"the units pair {' and '.join(langs)}, all {src_lang}: nothing to "
                         "check a translation against; give --src-lang and --tgt-lang",
                         path=path)
    return src_tag, target, head


def _confidence(unit: Unit) -> float | None:
    """The unit's ``x-concord-confidence`` when it is a number in [0, 1]."""
    from tmx.props import confidence
    value = confidence(unit)
    return value if value is not None and 0.0 <= value <= 1.0 else None


def _from_documents(args: argparse.Namespace, glossary: Glossary | None, ui: UI
                    ) -> tuple[list[Unit], list[CheckedUnit], list[str]]:
    from concord.bitext import units_from_alignment
    from concord.pipeline import align_files, checked_units, document_id
    src_path, tgt_path = args.documents
    anchors = glossary.anchor_pairs() if glossary is not None else ()
    alignment = align_files(src_path, tgt_path, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                            presplit=args.presplit, scorer=args.scorer, anchors=anchors, ui=ui,
                            fmt=args.input_format, limits=document_limits(args))
    for warning in alignment.warnings:
        ui.warn(warning)
    doc_id = document_id(src_path, tgt_path)
    units = list(units_from_alignment(alignment, doc_id=doc_id))
    checked = checked_units(alignment, doc_id, src_path, tgt_path)
    return units, checked, [src_path, tgt_path]


def finding_note(finding: Finding) -> str:
    """The TMX note that records a finding."""
    note = f"{NOTE_PREFIX}{finding.severity} {finding.rule}: {finding.message}"
    return note + (f" | fix: {finding.suggestion}" if finding.suggestion else "")


def _save_tmx(units: list[Unit], report: Report, args: argparse.Namespace, ui: UI) -> None:
    """Write the checked units, each with its findings as notes, to ``--save-tmx``; the header
    of the first memory (when it is a TMX file) is kept."""
    from concord.bitext import header_options, write_units
    from tmx.formats import format_for_reading
    from tmx.reader import read_header

    path = args.save_tmx
    first = args.tmx[0] if args.tmx else None
    kept = header_options(read_header(first)) if first and format_for_reading(first) == "tmx" \
        else {}
    grouped = report.by_unit()
    for unit, checked in zip(units, report.units):
        unit_id = checked.unit
        unit.notes = [note for note in unit.notes if not note.startswith(NOTE_PREFIX)]
        unit.notes.extend(finding_note(f) for f in grouped.get(unit_id, []))
    summary = write_units(units, path, fmt="tmx", **kept)
    ui.note(f"checked memory written to {shown(path)}")
    left_out = summary.without_variants_message()
    if left_out:
        ui.warn(left_out)
