"""``concord tm``: the translation-memory store — import, lookup, concordance, export, stats."""
from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from concord.commands import tmx as memories
from concord.errors import UsageError
from tmx.formats import EXTENSIONS, FORMATS

if TYPE_CHECKING:
    from concord.console import UI
    from concord.tm.store import Match, Occurrence, Store

ORDER = 55

_DB_HELP = ("the store: a file path (SQLite, created by import) or a postgresql:// URL "
            "(needs pip install 'concord[postgres]')")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``concord tm`` and its actions import, lookup, concordance, export and stats."""
    parser = subparsers.add_parser(
        "tm", parents=[common], help="a translation-memory store: fuzzy lookup and concordance",
        description="Keep translation memories in a store (an SQLite file, or PostgreSQL for a "
                    "team) and ask it what was translated before: fuzzy matches for a segment, "
                    "every unit holding a term, exports and counts.")
    sub = parser.add_subparsers(title="tm commands", metavar="ACTION")
    parser.set_defaults(handler=lambda args, ui: (parser.print_help(sys.stderr), 2)[1])

    imp = sub.add_parser(
        "import", parents=[common], help="add memories (TMX, PO, TSV, JSONL, folders of them)",
        description="Add the units of memory files to the store (created when missing). A "
                    "folder adds every memory file in it (as concord batch writes them). The "
                    "same unit imported again adds nothing; another translation of a stored "
                    "source is kept as a new version. All files go in one transaction: bad "
                    "input leaves the store as it was.")
    imp.add_argument("files", nargs="+", metavar="FILE", help="memories or folders of memories")
    imp.add_argument("--db", required=True, metavar="DB", help=_DB_HELP)
    imp.add_argument("--from", dest="from_fmt", choices=FORMATS,
                     help="format of the files when their extension does not tell")
    memories._add_lang_options(imp, writes=False)
    imp.set_defaults(handler=run_import)

    look = sub.add_parser(
        "lookup", parents=[common], help="fuzzy matches for a segment, best first",
        description="Fuzzy matches for TEXT, best first: token edit distance (Chinese "
                    "characters, English words) with numbers and dates as placeables (a "
                    "sentence that differs only in a number scores 0.99 per number and the "
                    "difference is shown). With - one query is read a line from standard input "
                    "and each answered with one JSON line {\"query\", \"matches\"}.")
    look.add_argument("text", metavar="TEXT", help="the segment to look up, or - for stdin")
    look.add_argument("--db", required=True, metavar="DB", help=_DB_HELP)
    look.add_argument("--lang", choices=["zh", "en"], required=True,
                      help="the language of TEXT")
    look.add_argument("--limit", type=int, default=5, metavar="N",
                      help="at most N matches (default: 5)")
    look.add_argument("--min-score", type=float, default=0.5, metavar="S",
                      help="leave out matches scoring below S, 0 to 1 (default: 0.5)")
    look.add_argument("--format", choices=["text", "json", "jsonl"], default="text",
                      help="text for people, json (one object) or jsonl (one line a query); "
                           "- always answers in jsonl (default: text)")
    look.set_defaults(handler=run_lookup)

    conc = sub.add_parser(
        "concordance", parents=[common], help="every unit holding a word or phrase",
        description="Every unit holding TERM (Chinese: as written; English: whole words, any "
                    "case), newest first, with the hit highlighted (text) or spanned (json).")
    conc.add_argument("term", metavar="TERM", help="a word or phrase, in Chinese or English")
    conc.add_argument("--db", required=True, metavar="DB", help=_DB_HELP)
    conc.add_argument("--lang", choices=["zh", "en"],
                      help="the language of TERM (default: Chinese when it has Chinese "
                           "characters, else English)")
    conc.add_argument("--limit", type=int, default=100, metavar="N",
                      help="at most N units (default: 100; 0 for all)")
    conc.add_argument("--format", choices=["text", "json"], default="text")
    conc.set_defaults(handler=run_concordance)

    exp = sub.add_parser(
        "export", parents=[common], help="write the store (or part of it) as a memory",
        description="Write the stored units, as they were imported (inline codes, properties "
                    "and notes kept), to TMX, PO, TSV or JSONL (atomically).")
    exp.add_argument("--db", required=True, metavar="DB", help=_DB_HELP)
    exp.add_argument("-o", "--output", required=True, metavar="FILE",
                     help="the memory to write (format from its extension)")
    exp.add_argument("--to", dest="to_fmt", choices=[f for f in FORMATS if f != "moses"])
    exp.add_argument("--doc", action="append", default=[], metavar="D",
                     help="units of document D (x-concord-doc; repeat or separate by commas)")
    exp.add_argument("--status", action="append", default=[], metavar="S",
                     help="units whose review status is S (repeat or separate by commas)")
    exp.add_argument("--min-confidence", type=float, metavar="X",
                     help="leave out units whose confidence is below X (units without one "
                          "pass)")
    exp.add_argument("--since", metavar="DATE",
                     help="units dated on or after DATE (YYYY-MM-DD or a TMX date)")
    exp.add_argument("--until", metavar="DATE", help="units dated before DATE")
    exp.set_defaults(handler=run_export)

    stats = sub.add_parser("stats", parents=[common], help="count what the store holds")
    stats.add_argument("--db", required=True, metavar="DB", help=_DB_HELP)
    stats.add_argument("--format", choices=["text", "json"], default="text")
    stats.set_defaults(handler=run_stats)


def _open(args: argparse.Namespace, create: bool = False) -> Store:
    from concord.tm import open_store
    return open_store(args.db, create=create)


# -- import ---------------------------------------------------------------------------------------

def memory_files(paths: list[str]) -> Iterator[str]:
    """Each path given; a folder stands for the memory files in it and its sub-folders,
    sorted (hidden ones left out)."""
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        found = []
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(folder, f) for f in files if not f.startswith(".")
                      and os.path.splitext(f)[1].lower() in EXTENSIONS]
        if not found:
            raise UsageError("the folder holds no memory file (TMX, PO, TSV, JSONL)", path=path)
        yield from sorted(found)


def run_import(args: argparse.Namespace, ui: UI) -> int:
    """``concord tm import``: every file in one transaction."""
    from concord.bitext import read_memory
    from concord.commands import given_languages
    from concord.tm.store import ImportSummary

    files = list(memory_files(args.files))
    for path in files:  # before anything is written: a missing file fails at once
        if not os.path.isfile(path):
            raise UsageError("no such file", path=path)
    summary = ImportSummary()
    with _open(args, create=True) as store, store.transaction(), \
            ui.progress("importing", None) as advance:
        for path in files:
            memory = read_memory(path, args.from_fmt, tsv_quoting=args.tsv_quoting,
                                 **given_languages(args))
            before = summary.read
            store.import_units(memory.units, os.path.abspath(path), summary, advance)
            memories._warn_tolerated([memory], ui)
            ui.info(f"{path}: {summary.read - before} units read")
        store.finish_import()
    ui.note(f"{summary.added} units added to {args.db} ({summary.read} read from "
            f"{len(files)} files, {summary.duplicates} already there, {summary.versions} new "
            "translations of a stored source)")
    if summary.skipped:
        ui.warn(f"{summary.skipped} units without both a Chinese and an English variant left "
                "out")
    return 0


# -- lookup ---------------------------------------------------------------------------------------

def run_lookup(args: argparse.Namespace, ui: UI) -> int:
    """``concord tm lookup``: matches for one segment, or one JSON line per stdin line."""
    if args.limit < 1:
        raise UsageError("--limit must be 1 or more")
    if not 0 <= args.min_score <= 1:
        raise UsageError("--min-score must be between 0 and 1")
    with _open(args) as store:
        if args.text == "-":
            for line in sys.stdin:
                query = line.rstrip("\r\n")
                try:
                    answer: dict[str, Any] = {"matches": [m.to_json() for m in store.lookup(
                        query, args.lang, args.limit, args.min_score)]}
                except ValueError as exc:  # one line too long: said, and the next ones answered
                    answer = {"matches": [], "error": str(exc)}
                print(json.dumps({"query": query, **answer}, ensure_ascii=False), flush=True)
            return 0
        try:
            matches = store.lookup(args.text, args.lang, args.limit, args.min_score)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return _answer(args.format, {"query": args.text, "matches": [m.to_json() for m in matches]},
                   matches, _print_match, ui, f"no match scoring {args.min_score} or more")


def _answer(fmt: str, data: dict, found: list, show: Callable[[Any, UI], None], ui: UI,
            nothing: str) -> int:
    """Print ``data`` as JSON (``json`` indented, ``jsonl`` on one line), or each item of
    ``found`` with ``show`` (text), saying ``nothing`` when there is none."""
    if fmt != "text":
        print(json.dumps(data, ensure_ascii=False, indent=2 if fmt == "json" else None))
        return 0
    if not found:
        ui.note(nothing)
    for item in found:
        show(item, ui)
    return 0


def _print_match(match: Match, ui: UI) -> None:
    from rich.text import Text
    head = Text(f"{match.score:.2f}  ", style="bold green" if match.score >= 0.9 else "bold")
    head.append(match.source)
    ui.out.print(head)
    ui.out.print(Text("      → " + match.target))
    where = f"      {match.tuid or '(no tuid)'} · {os.path.basename(match.origin)}"
    if match.version > 1:
        where += f" · version {match.version}"
    ui.out.print(Text(where, style="dim"))
    for query_value, match_value in match.differences:
        ui.out.print(Text(f"      differs: {query_value or '(none)'} here, "
                          f"{match_value or '(none)'} in the match", style="yellow"))


# -- concordance ----------------------------------------------------------------------------------

def run_concordance(args: argparse.Namespace, ui: UI) -> int:
    """``concord tm concordance``: every unit holding the term."""
    if args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    with _open(args) as store:
        found = list(store.concordance(args.term, args.lang, args.limit))
    return _answer(args.format, {"term": args.term, "matches": [o.to_json() for o in found]},
                   found, _print_occurrence, ui, f"no unit holds {args.term!r}")


def _print_occurrence(occurrence: Occurrence, ui: UI) -> None:
    from rich.text import Text
    hit, other = (occurrence.zh, occurrence.en) if occurrence.lang == "zh" else \
        (occurrence.en, occurrence.zh)
    text = Text(hit)
    for start, end in occurrence.spans:
        text.stylize("bold reverse", start, end)
    ui.out.print(text)
    ui.out.print(Text("  → " + other))
    date = occurrence.date or occurrence.imported
    ui.out.print(Text(f"  {occurrence.tuid or '(no tuid)'} · "
                      f"{os.path.basename(occurrence.origin)} · {date[:8]}", style="dim"))


# -- export, stats --------------------------------------------------------------------------------

def _tmx_date(value: str | None, option: str) -> str | None:
    """A date option as TMX writes dates (YYYYMMDD…), which sort as strings."""
    if not value:
        return None
    digits = value.replace("-", "")
    if len(digits) < 8 or not digits[:8].isdigit():
        raise UsageError(f"{option} takes a date as YYYY-MM-DD, not {value!r}")
    return digits


def run_export(args: argparse.Namespace, ui: UI) -> int:
    """``concord tm export``: the units passing the filters, written atomically."""
    from concord.bitext import write_units
    from concord.tm.store import Filters

    if args.min_confidence is not None and not 0 <= args.min_confidence <= 1:
        raise UsageError("--min-confidence must be between 0 and 1")
    filters = Filters(docs=memories._split(args.doc), statuses=memories._split(args.status),
                      min_confidence=args.min_confidence,
                      since=_tmx_date(args.since, "--since"),
                      until=_tmx_date(args.until, "--until"))
    with _open(args) as store:
        units = store.units(filters)
        first = next(units, None)
        # nothing passes: an empty memory still says its languages (PO, TSV need them)
        langs = {} if first else {"src_lang": "zh-CN", "tgt_lang": "en-US"}
        summary = write_units(itertools.chain([first] if first else [], units), args.output,
                              args.to_fmt, **langs)
    memories._report_written(summary, ui)
    return 0


def run_stats(args: argparse.Namespace, ui: UI) -> int:
    """``concord tm stats``: what the store holds."""
    with _open(args) as store:
        stats = store.stats()
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    for key, value in stats.items():
        shown = ", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict) \
            else value
        ui.out.print(f"{key.replace('_', ' ')}: {shown}", markup=False)
    return 0
