"""``concord tmx``: validate, merge, count and filter translation memories."""
from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from concord.atomic import shown
from concord.commands import (add_po_output_options, add_tsv_quoting_option, given_languages,
                              po_output_options)
from concord.errors import UsageError
from tmx.formats import FORMATS
from tmx.props import STATUSES

if TYPE_CHECKING:  # the engines are imported when a command runs, not at start-up
    from concord.bitext import Memory, WriteSummary
    from concord.console import UI
    from tmx.model import Unit
    from tmx.stats import MemoryStats
    from tmx.validate import Report

ORDER = 50

_READ_HELP = ("format of the input files when their extension does not tell "
              f"({', '.join(FORMATS)}; default: from the extension, else from the content)")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``concord tmx`` and its actions validate, merge, stats and filter."""
    parser = subparsers.add_parser(
        "tmx", parents=[common], help="validate, merge, count and filter translation memories",
        description="Work on translation memories. TMX files are read as a stream (any size, "
                    "flat memory) from TMX 1.1 to 1.4 as tools write them: UTF-8 with or "
                    "without BOM, UTF-16, lang or xml:lang, any case or alias of language "
                    "codes. Entities are never expanded and no DTD is fetched. Bad input is "
                    "reported as FILE:LINE:COLUMN with exit status 2 and no output written.")
    sub = parser.add_subparsers(title="tmx commands", metavar="ACTION")
    parser.set_defaults(handler=lambda args, ui: (parser.print_help(sys.stderr), 2)[1])

    validate = sub.add_parser(
        "validate", parents=[common], help="check a TMX file against TMX 1.4 (and a DTD)",
        description="Check a TMX file: the rules the DTD cannot express (xml:lang on every "
                    "tuv, well-formed BCP 47 tags, version=\"1.4\", the header's required "
                    "attributes, known segtype, TMX dates YYYYMMDDThhmmssZ, a srclang that "
                    "the variants carry, unique i per bpt and paired bpt/ept in each segment, "
                    "no foreign markup inside seg, empty segments, one-sided units, duplicate "
                    "tuids) and, with --dtd, the DTD itself. Problems are listed with their "
                    "line. Exit status: 0 valid (warnings allowed), 1 invalid, 2 unreadable "
                    "(not XML, not TMX, truncated, entity declarations).")
    validate.add_argument("file", metavar="FILE", help="the TMX file to check")
    validate.add_argument("--dtd", metavar="DTD",
                          help="also validate against this DTD file (e.g. tmx14.dtd); it is "
                               "read from this path, never from the network")
    validate.add_argument("--strict", action="store_true",
                          help="count warnings (empty segments, one-sided units, duplicate "
                               "tuids …) as problems too: exit status 1 when there is any")
    validate.add_argument("--format", choices=["text", "json"], default="text",
                          help="text: one line per problem (FILE:LINE: severity: message "
                               "[rule]) and a summary; json: an object with valid, units, "
                               "errors, warnings and problems (default: text)")
    validate.add_argument("--max-problems", type=int, default=200, metavar="N",
                          help="list at most N problems in text output (default: 200; 0 for "
                               "all); the summary always counts them all")
    validate.set_defaults(handler=run_validate)

    merge_parser = sub.add_parser(
        "merge", parents=[common], help="merge memories, each unit once in its newest version",
        description="Merge memories into one. Units holding the same segments in the same "
                    "languages (inline codes included, language tags compared once "
                    "normalised) are kept once, and so are units sharing a tuid and the same "
                    "segment in one language (an edited unit of a reviewed memory and its "
                    "original). The version kept: a reviewed one (x-concord-status confirmed, "
                    "edited or rejected) over an unreviewed one, then the newest by "
                    "changedate/creationdate, then the one from the later file. Inputs are "
                    "read twice, as streams; the output is written atomically, once every "
                    "input has been read (it may be one of the inputs).")
    merge_parser.add_argument("inputs", nargs="+", metavar="FILE",
                              help="the memories to merge (TMX, PO, TSV, JSONL)")
    merge_parser.add_argument("-o", "--output", required=True, metavar="OUT",
                              help="the merged memory (format from its extension)")
    merge_parser.add_argument("--from", dest="from_fmt", choices=FORMATS, help=_READ_HELP)
    _add_lang_options(merge_parser)
    merge_parser.add_argument("--to", dest="to_fmt", choices=FORMATS,
                              help="output format (default: from OUT's extension)")
    merge_parser.set_defaults(handler=run_merge)

    stats = sub.add_parser(
        "stats", parents=[common], help="count units, languages, statuses, confidence …",
        description="Count the units of a memory: variants, characters and words per "
                    "language (a Chinese character counts as a word), multilingual, "
                    "one-sided and empty-sided units, units with inline codes or notes, "
                    "documents, review statuses, bead types, the confidence distribution, "
                    "property types and duplicate tuids. One streaming pass.")
    stats.add_argument("file", metavar="FILE", help="the memory (TMX, PO, TSV, JSONL)")
    stats.add_argument("--format", choices=["text", "json"], default="text",
                       help="text for people, json for scripts (default: text)")
    stats.add_argument("--from", dest="from_fmt", choices=FORMATS, help=_READ_HELP)
    _add_lang_options(stats, writes=False)
    stats.set_defaults(handler=run_stats)

    filt = sub.add_parser(
        "filter", parents=[common], help="keep the units that pass a confidence, status, "
                                         "language or document filter",
        description="Write the units of FILE that pass every filter given to OUT (atomically; "
                    "OUT may be FILE, replaced only once it has been read to the end). "
                    "Units from other tools, without Concord properties, pass --min-confidence "
                    "and --max-confidence but match no --status or --doc.")
    filt.add_argument("file", metavar="FILE", help="the memory to filter")
    filt.add_argument("-o", "--output", required=True, metavar="OUT",
                      help="where to write the units kept (format from its extension)")
    filt.add_argument("--min-confidence", type=float, metavar="X",
                      help="drop units whose x-concord-confidence is below X (0 to 1)")
    filt.add_argument("--max-confidence", type=float, metavar="X",
                      help="drop units whose x-concord-confidence is above X (0 to 1): "
                           "--max-confidence 0.5 keeps the doubtful beads")
    filt.add_argument("--status", action="append", default=[], metavar="S",
                      help="keep units whose x-concord-status is S (repeat, or separate with "
                           f"commas; statuses Concord writes: {', '.join(STATUSES)})")
    filt.add_argument("--lang", action="append", default=[], metavar="L",
                      help="keep only the variants in language L (repeat for several; 'zh' "
                           "matches zh-CN and zh-TW, 'zh-TW' only zh-TW); units left with no "
                           "variant are dropped")
    filt.add_argument("--doc", action="append", default=[], metavar="D",
                      help="keep units whose x-concord-doc is D (repeat, or separate with "
                           "commas)")
    filt.add_argument("--from", dest="from_fmt", choices=FORMATS, help=_READ_HELP)
    _add_lang_options(filt)
    filt.add_argument("--to", dest="to_fmt", choices=FORMATS,
                      help="output format (default: from OUT's extension)")
    filt.set_defaults(handler=run_filter)


# -- validate -------------------------------------------------------------------------------------

def run_validate(args: argparse.Namespace, ui: UI) -> int:
    """``concord tmx validate``: 0 valid, 1 invalid."""
    if args.max_problems < 0:
        raise UsageError("--max-problems must be 0 or more")
    from tmx.validate import validate_file

    report = validate_file(args.file, dtd=args.dtd)
    invalid = report.errors > 0 or (args.strict and report.warnings > 0)
    if args.format == "json":
        print(json.dumps(_report_json(report, not invalid), ensure_ascii=False, indent=2))
        return 1 if invalid else 0
    shown = report.problems if args.max_problems == 0 else report.problems[:args.max_problems]
    for problem in shown:
        where = f"{args.file}:{problem.line}" if problem.line else args.file
        ui.out.print(f"{where}: {problem.severity}: {problem.message} [{problem.rule}]",
                     markup=False, style="red" if problem.severity == "error" else "yellow")
    if len(shown) < len(report.problems):
        ui.out.print(f"… and {len(report.problems) - len(shown)} more (--max-problems 0 lists "
                     "them all)", markup=False)
    verdict = "invalid" if invalid else "valid"
    dtd = f", checked against {args.dtd}" if args.dtd else ""
    ui.out.print(f"{args.file}: {verdict}: {report.units} units, {report.errors} errors, "
                 f"{report.warnings} warnings{dtd}", markup=False,
                 style="bold red" if invalid else "bold green")
    repairable = [p.rule for p in report.problems if p.severity == "error"
                  and p.rule in REPAIRABLE]
    if repairable:
        ui.note(f"{len(repairable)} of the errors ({', '.join(sorted(set(repairable)))}) go away "
                f"in a copy written by: concord convert {shlex.quote(args.file)} FIXED.tmx "
                "--repair")
    return 1 if invalid else 0


#: validation rules whose errors a copy written by ``concord convert --repair`` does not have
#: (the writer puts version, header attributes, segtype, dates and xml:lang right; --repair
#: renumbers or pairs inline codes and keeps foreign markup as native code)
REPAIRABLE = frozenset({"version", "header", "segtype", "date", "xml-lang", "markup", "bpt",
                        "ept", "it"})


def _report_json(report: Report, valid: bool) -> dict:
    return {"path": report.path, "valid": valid, "units": report.units,
            "errors": report.errors, "warnings": report.warnings, "dtd": report.dtd,
            "problems": [{"line": p.line, "severity": p.severity, "rule": p.rule,
                          "message": p.message} for p in report.problems]}


# -- merge, filter --------------------------------------------------------------------------------

def _memory(path: str, fmt: str | None, args: argparse.Namespace) -> Memory:
    """The memory at ``path``, read with --src-lang/--tgt-lang (for PO, TSV and Moses files that
    do not name their languages) and --tsv-quoting."""
    from concord.bitext import read_memory

    return read_memory(path, fmt, tsv_quoting=args.tsv_quoting, **given_languages(args))


def _add_lang_options(parser: argparse.ArgumentParser, writes: bool = True) -> None:
    """--src-lang, --tgt-lang (for the inputs and, when the command ``writes``, the output)
    and --tsv-quoting."""
    also = ", and of a PO, TSV or Moses output" if writes else ""
    parser.add_argument("--src-lang", metavar="TAG",
                        help=f"source language of PO, TSV and Moses inputs that do not name "
                             f"it{also}" + (" (default: the input's srclang, else its first "
                                            "unit's first language)" if writes else ""))
    parser.add_argument("--tgt-lang", metavar="TAG",
                        help=f"target language of PO, TSV and Moses inputs that do not name "
                             f"it{also}" + (" (default: the first unit's other language)"
                                            if writes else ""))
    add_tsv_quoting_option(parser)
    if writes:
        add_po_output_options(parser)


def _out_langs(args: argparse.Namespace, srclang: str | None) -> dict[str, object]:
    """The languages to write: ``srclang`` (--src-lang, else the input's) and --tgt-lang when
    given (else the writer picks the target); for a PO output, its fuzzy options too."""
    from tmx.formats import format_for_writing

    langs: dict[str, object] = {"srclang": srclang}
    if args.tgt_lang:
        langs["tgt_lang"] = args.tgt_lang
    if format_for_writing(args.output, args.to_fmt) == "po":
        langs.update(po_output_options(args))
    return langs


def _report_written(summary: WriteSummary, ui: UI) -> None:
    where = ", ".join(shown(p) for p in summary.paths)
    ui.note(f"{summary.units} units written to {where}")
    if summary.empty_sided:
        ui.warn(f"{summary.empty_sided} units have an empty side (kept)")
    if summary.removed_characters:
        ui.warn(f"{summary.removed_characters} characters XML cannot carry (control "
                "characters) were left out")
    for message in (summary.without_variants_message(), summary.left_out_message()):
        if message:
            ui.warn(message)


def _warn_tolerated(memories: Iterable[Memory], ui: UI) -> None:
    for memory in memories:
        for warning in memory.warnings[:20]:
            ui.warn(warning)
        if len(memory.warnings) > 20:
            ui.warn(f"{memory.path}: … and {len(memory.warnings) - 20} more repairs")


def _kept_header(memory: Memory, args: argparse.Namespace) -> dict[str, object]:
    """The header of ``memory`` carried over, when the output is TMX."""
    from concord.bitext import header_options
    from tmx.formats import format_for_writing

    if format_for_writing(args.output, args.to_fmt) != "tmx":
        return {}
    return header_options(memory.header)


def run_merge(args: argparse.Namespace, ui: UI) -> int:
    """``concord tmx merge``: the inputs, each distinct unit once, written to --output."""
    from concord.bitext import peek_srclang, write_units
    from tmx.merge import MergeStats, merge

    opened: list[Memory] = []

    def source(path: str) -> Callable[[], Iterator[Unit]]:
        def units() -> Iterator[Unit]:
            memory = _memory(path, args.from_fmt, args)
            opened.append(memory)
            return memory.units
        return units

    stats = MergeStats()
    first = _memory(args.inputs[0], args.from_fmt, args)
    srclang = peek_srclang(first)[0]
    summary = write_units(merge([source(p) for p in args.inputs], stats), args.output,
                          args.to_fmt, **_out_langs(args, args.src_lang or srclang),
                          **_kept_header(first, args))
    _warn_tolerated(opened[:len(args.inputs)], ui)
    for path, count in zip(args.inputs, stats.read):
        ui.info(f"{path}: {count} units")
    ui.note(f"{sum(stats.read)} units read from {len(args.inputs)} files, "
            f"{stats.duplicates} duplicates left out"
            + (f", {stats.superseded} older versions of a tuid replaced by a newer one"
               if stats.superseded else ""))
    _report_written(summary, ui)
    return 0


def run_filter(args: argparse.Namespace, ui: UI) -> int:
    """``concord tmx filter``: the units that pass every filter, written to --output."""
    from concord.bitext import peek_srclang, write_units
    from tmx.filters import UnitFilter, filter_units, matches_lang
    from tmx.langtags import ALL

    for option, value in (("--min-confidence", args.min_confidence),
                          ("--max-confidence", args.max_confidence)):
        if value is not None and not 0 <= value <= 1:
            raise UsageError(f"{option} must be between 0 and 1")
    unit_filter = UnitFilter(
        min_confidence=args.min_confidence, max_confidence=args.max_confidence, statuses=frozenset(_split(args.status)),
        langs=tuple(_split(args.lang)), docs=frozenset(_split(args.doc)))
    _refuse_one_language(unit_filter.langs, args)
    memory = _memory(args.file, args.from_fmt, args)
    counter = {"read": 0}

    def counted(units: Iterable[Unit]) -> Iterator[Unit]:
        for unit in units:
            counter["read"] += 1
            yield unit

    srclang, units = peek_srclang(memory)
    srclang = args.src_lang or srclang
    if srclang not in (None, ALL) and unit_filter.langs and not any(
            matches_lang(srclang, lang) for lang in unit_filter.langs):
        srclang = None  # the source language is filtered out: the writer picks another
    summary = write_units(filter_units(counted(units), unit_filter), args.output,
                          args.to_fmt, **_out_langs(args, srclang), **_kept_header(memory, args))
    _warn_tolerated([memory], ui)
    ui.note(f"{summary.units} of {counter['read']} units kept")
    if len(unit_filter.langs) == 1:
        summary.empty_sided = 0  # one language asked for: one side is what was wanted
    _report_written(summary, ui)
    return 0


def _refuse_one_language(langs: tuple[str, ...], args: argparse.Namespace) -> None:
    """:class:`UsageError` when one --lang is kept for an output that holds two languages
    (PO, TSV, Moses): a second language to give, or a format that holds one."""
    from tmx.formats import format_for_writing

    fmt = format_for_writing(args.output, args.to_fmt)
    if len(langs) != 1 or fmt not in ("po", "tsv", "moses"):
        return
    other = "en" if langs[0].lower().startswith("zh") else "zh"
    name = "Moses" if fmt == "moses" else fmt.upper()
    raise UsageError(f"{name} holds two languages (source and target) and --lang {langs[0]} "
                     f"keeps one: give the other too (--lang {langs[0]} --lang {other}), or "
                     "write JSONL or TMX, which hold units in one language", path=args.output)


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


# -- stats ----------------------------------------------------------------------------------------

def run_stats(args: argparse.Namespace, ui: UI) -> int:
    """``concord tmx stats``: the figures of one memory, as text or JSON."""
    from tmx.stats import gather

    memory = _memory(args.file, args.from_fmt, args)
    stats = gather(memory.units)
    _warn_tolerated([memory], ui)
    if args.format == "json":
        data = {"path": args.file, "format": memory.fmt, **stats.to_json()}
        if memory.header is not None:
            data["header"] = {"version": memory.header.version, **memory.header.attrs}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for line in _stats_lines(args.file, memory, stats):
        ui.out.print(line, markup=False)
    return 0


def _stats_lines(path: str, memory: Memory, stats: MemoryStats) -> Iterator[str]:
    from tmx.stats import counts_characters

    yield f"{path} ({memory.fmt})"
    if memory.header is not None and memory.header.attrs:
        header = memory.header
        yield (f"  header: TMX {header.version or '?'}, srclang {header.srclang or '(none)'}, "
               f"by {header.get('creationtool', '?')} {header.get('creationtoolversion', '')}"
               .rstrip())
    yield f"  units: {stats.units}"
    for lang, count in sorted(stats.variants.items()):
        measure = (f" ({stats.han[lang]} Han)" if counts_characters(lang)
                   else f", {stats.words[lang]} words")
        yield f"  {lang}: {count} variants, {stats.characters[lang]} characters{measure}"
    for label, value in (("multilingual units (3+ variants)", stats.multilingual),
                         ("one-sided units", stats.one_sided),
                         ("empty-sided units", stats.empty_sided),
                         ("units with inline codes", stats.with_codes),
                         ("units with notes", stats.with_notes),
                         ("units without tuid", stats.no_tuid),
                         ("duplicate tuids", stats.duplicate_tuids)):
        if value:
            yield f"  {label}: {value}"
    for label, counter in (("documents", stats.documents), ("statuses", stats.statuses),
                           ("beads", stats.beads)):
        if counter:
            shown = ", ".join(f"{k} {v}" for k, v in counter.most_common(12))
            more = f" … ({len(counter)} in all)" if len(counter) > 12 else ""
            yield f"  {label}: {shown}{more}"
    if stats.confidence_count:
        yield (f"  confidence: mean {stats.confidence_mean:.3f}, min {stats.confidence_min:.3f}"
               f", max {stats.confidence_max:.3f} ({stats.confidence_count} units)")
        width = max(stats.confidence_histogram) or 1
        for i, count in enumerate(stats.confidence_histogram):
            bar = "#" * round(30 * count / width)
            yield f"    {i / 10:.1f}-{(i + 1) / 10:.1f} {count:>8} {bar}"
