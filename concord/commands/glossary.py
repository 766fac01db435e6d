"""``concord glossary``: lint, convert, stats and coverage of glossary files."""
from __future__ import annotations

import argparse
import codecs
import io
import json
import sys
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from concord.commands import given_languages, refuse_overwrite
from concord.errors import UsageError
from terms import GLOSSARY_FORMATS

if TYPE_CHECKING:
    from concord.console import UI
    from terms.checks import Pair
    from tmx.model import Unit

ORDER = 40


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "glossary", parents=[common], help="lint, convert and measure glossaries",
        description="Work on glossary files (TBX v3, TBX v2, CSV, TSV, PO). A glossary with a "
                    "syntax error, an unknown status or a duplicated concept id is reported "
                    "with file and line (exit status 2).")
    sub = parser.add_subparsers(title="glossary commands", metavar="ACTION")
    parser.set_defaults(handler=lambda args, ui: (parser.print_help(sys.stderr), 2)[1])

    lint = sub.add_parser(
        "lint", parents=[common], help="find conflicts in a glossary",
        description="Report conflicts: one Chinese term with two preferred renderings in the "
                    "same scope, a rendering deprecated in one concept and allowed in another, "
                    "empty terms, concepts without a rendering or a replacement, duplicate "
                    "terms, and (with --tmx) terms shadowed by longer ones in a memory. Exit "
                    "status 1 when an issue reaches --fail-on (default: warning).")
    lint.add_argument("glossary", metavar="GLOSSARY", help="the glossary file")
    lint.add_argument("--tmx", metavar="FILE", action="append", default=[],
                      help="a memory whose Chinese segments show which terms are shadowed "
                           "(repeat for several)")
    _memory_languages(lint)
    lint.add_argument("--json", action="store_true", help="print the issues as JSON")
    lint.add_argument("--fail-on", choices=["error", "warning", "info", "never"],
                      default="warning",
                      help="exit with status 1 when an issue of this severity or worse is found "
                           "(default: warning)")
    lint.set_defaults(handler=run_lint)

    convert = sub.add_parser(
        "convert", parents=[common], help="convert a glossary to another format, losslessly",
        description="Convert between TBX v3 (tbx), TBX v2 (tbx2), CSV, TSV and PO. Statuses, "
                    "categories, scopes, case sensitivity, notes and other fields are kept "
                    "(Concord-specific fields ride in TBX notes and PO comments). The output is "
                    "written atomically.")
    convert.add_argument("input", metavar="IN", help="the glossary to read")
    convert.add_argument("output", metavar="OUT", help="the file to write")
    convert.add_argument("--to", choices=GLOSSARY_FORMATS,
                         help="output format (default: from OUT's extension; .tbx is TBX v3)")
    convert.add_argument("--bom", action="store_true",
                         help="CSV/TSV: start with a UTF-8 byte-order mark, so that Excel opens "
                              "the file as UTF-8 (without it, Excel on Windows shows Chinese "
                              "as mojibake)")
    convert.set_defaults(handler=run_convert)

    stats = sub.add_parser(
        "stats", parents=[common], help="count concepts and terms",
        description="Count concepts by category and terms by language and status.")
    stats.add_argument("glossary", metavar="GLOSSARY", help="the glossary file")
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")
    stats.set_defaults(handler=run_stats)

    coverage = sub.add_parser(
        "coverage", parents=[common],
        help="which concepts a memory uses, how they are rendered, and which never occur",
        description="Count, for each concept, the units of the memories whose Chinese has one "
                    "of its terms, and how the English renders it there: with the preferred "
                    "term, an admitted one, a deprecated one, or none (missing), as the "
                    "terminology check judges it; the first units of the last two are listed, "
                    "and the renderings found, as written, with the number of units of each. "
                    "Then the concepts that never occur.")
    coverage.add_argument("glossary", metavar="GLOSSARY", help="the glossary file")
    coverage.add_argument("--tmx", metavar="FILE", required=True, action="append",
                          help="the memory (TMX, or PO/TSV/JSONL); repeat for several, which "
                               "are counted together")
    _memory_languages(coverage)
    coverage.add_argument("--json", action="store_true", help="print the result as JSON")
    coverage.set_defaults(handler=run_coverage)


def _memory_languages(parser: argparse.ArgumentParser) -> None:
    """--src-lang and --tgt-lang, for a --tmx file that does not name its languages."""
    for option, side in (("--src-lang", "source"), ("--tgt-lang", "target")):
        parser.add_argument(option, metavar="TAG", help=f"{side} language of a PO, TSV or Moses "
                                                        "--tmx that does not name it")


def _memory_units(args: argparse.Namespace) -> Iterator[tuple[str, Unit]]:
    """(file, unit) for the units of every --tmx memory, in the languages given for a file that
    does not name them."""
    from concord.bitext import read_units
    for path in args.tmx:
        for unit in read_units(path, **given_languages(args)):
            yield path, unit


def _chinese_segments(args: argparse.Namespace) -> list[str]:
    """The Chinese segments of the --tmx memory, in unit order."""
    segments = []
    for _path, unit in _memory_units(args):
        variant = unit.variant("zh")
        if variant is not None:
            segments.append(variant.text)
    return segments


def _pairs(args: argparse.Namespace) -> Iterator[Pair]:
    """The Chinese-English pairs of the --tmx memory, Chinese first, in unit order."""
    from terms.checks import Pair

    numbers: dict[str, int] = {}
    for path, unit in _memory_units(args):
        numbers[path] = n = numbers.get(path, 0) + 1
        chinese, english = unit.variant("zh"), unit.variant("en")
        if chinese is not None and english is not None:
            where = f"{path}#{n}" if len(args.tmx) > 1 else f"#{n}"
            yield Pair(unit.tuid or where, chinese.text, english.text, "zh", "en")


def run_lint(args: argparse.Namespace, ui: UI) -> int:
    from terms.formats import load_glossary
    from terms.findings import at_least
    from terms.lint import lint_glossary

    glossary = load_glossary(args.glossary)
    corpus = _chinese_segments(args) if args.tmx else []
    issues = lint_glossary(glossary, corpus)
    if args.json:
        print(json.dumps([{"code": i.code, "severity": i.severity, "concept": i.concept,
                           "line": i.line, "message": i.message, "hint": i.hint}
                          for i in issues], ensure_ascii=False, indent=2))
    else:
        for i in issues:
            where = f"{args.glossary}:{i.line}" if i.line else args.glossary
            print(f"{where}: {i.severity}: {i.message} [{i.code}]")
            if i.hint:
                print(f"    fix: {i.hint}")
        failing = [i for i in issues if i.severity in ("error", "warning")]
        ui.note(f"{len(glossary)} concepts, {len(failing)} problem"
                f"{'s' if len(failing) != 1 else ''}"
                + (f", {len(issues) - len(failing)} note(s)" if len(issues) > len(failing) else ""))
    return 1 if any(at_least(i.severity, args.fail_on) for i in issues) else 0


def run_convert(args: argparse.Namespace, ui: UI) -> int:
    from concord.atomic import shown, write_bytes_atomic
    from terms.formats import format_for_path, load_glossary, save_glossary

    refuse_overwrite(args.output, [args.input], "OUT")
    glossary = load_glossary(args.input)
    fmt = args.to or format_for_path(args.output)
    if fmt is None:
        raise UsageError("cannot tell the output format from the file name; give --to",
                         path=args.output)
    if args.bom and fmt not in ("csv", "tsv"):
        raise UsageError(f"--bom is for CSV and TSV output, not {fmt}")
    buffer = io.BytesIO()
    if args.bom:
        buffer.write(codecs.BOM_UTF8)
    save_glossary(glossary, buffer, fmt)
    write_bytes_atomic(args.output, buffer.getvalue())
    ui.note(f"{len(glossary)} concepts written to {shown(args.output)} ({fmt})")
    not_kept = glossary.not_kept_in(fmt)
    if not_kept:
        ui.warn(f"{args.input}: not carried over: " + ", ".join(
            f"{count} {what}" for what, count in not_kept.items()))
    return 0


def run_stats(args: argparse.Namespace, ui: UI) -> int:
    from terms.formats import load_glossary
    glossary = load_glossary(args.glossary)
    categories = Counter(c.category for c in glossary.concepts)
    terms = Counter(f"{t.lang} {t.status}" for c in glossary.concepts for t in c.terms)
    data = {"concepts": len(glossary), "categories": dict(categories.most_common()),
            "terms": dict(sorted(terms.items())),
            "scoped_concepts": sum(1 for c in glossary.concepts if c.scopes)}
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{data['concepts']} concepts ({data['scoped_concepts']} scoped)")
    for name, count in categories.most_common():
        print(f"  {name:<14}{count:>7}")
    print("terms:")
    for name, count in sorted(terms.items()):
        print(f"  {name:<22}{count:>7}")
    return 0


def run_coverage(args: argparse.Namespace, ui: UI) -> int:
    from terms.formats import load_glossary
    from terms.coverage import OUTCOMES, glossary_coverage

    glossary = load_glossary(args.glossary)
    coverage = glossary_coverage(glossary, _pairs(args))
    if args.json:
        print(json.dumps({"units": coverage.units, "concepts": len(glossary),
                          "used": {u.concept: {"units": u.units, **u.outcomes,
                                               "examples": u.examples,
                                               "renderings": dict(u.renderings.most_common())}
                                   for u in coverage.used},
                          "unused": coverage.unused}, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(coverage.used)} of {len(glossary)} concepts occur in {coverage.units} units")
    if coverage.used:
        width = max(len(u.concept) for u in coverage.used)
        print(f"  {'concept':<{width}}  {'units':>5}  " + "  ".join(f"{o:>10}" for o in OUTCOMES)
              + "  examples")
        for use in coverage.used:
            print(f"  {use.concept:<{width}}  {use.units:>5}  "
                  + "  ".join(f"{use.outcomes[o]:>10}" for o in OUTCOMES)
                  + ("  " + ", ".join(use.examples) if use.examples else ""))
            if use.renderings:
                print(f"  {'':<{width}}  rendered as: " + ", ".join(
                    f"{text!r} {count}" for text, count in use.renderings.most_common()))
    if coverage.unused:
        print(f"never used ({len(coverage.unused)}):")
        for concept_id in coverage.unused:
            print(f"  {concept_id}")
    return 0
