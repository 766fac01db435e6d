"""``concord batch INPUT... -o OUTDIR``: align every document pair of a corpus."""
from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from concord.commands import add_input_format_option, add_scorer_option
from concord.errors import UsageError
from tmx.langtags import is_valid_tag

if TYPE_CHECKING:
    from concord.console import UI
    from concord.corpus.pairs import DocumentPair

ORDER = 12
FORMATS = ("tmx", "beads", "po", "tsv", "jsonl")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "batch", parents=[common], help="align every document pair of folders into OUTDIR",
        description="Pair the documents of the INPUT folders (or files) — by name: NAME.zh.txt "
                    "with NAME.en.txt, NAME.zh with NAME.en; by a --pairs list; or by content "
                    "— and align every pair into OUTDIR/DOCID.<format>, with the merged memory "
                    "OUTDIR/corpus.tmx and OUTDIR/summary.json. A rerun skips the documents "
                    "whose inputs and options did not change; an interrupted run resumes. Exit "
                    "status: 0 all aligned, 1 some documents failed (or --check findings reach "
                    "--fail-on), 2 nothing could be read.")
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="folders (searched recursively) or files holding both languages")
    parser.add_argument("-o", "--output", metavar="OUTDIR", required=True,
                        help="the folder to write into (created when missing)")
    pairing = parser.add_argument_group("pairing")
    pairing.add_argument("--pairs", metavar="FILE.tsv",
                         help="align the pairs this list gives (SRC<TAB>TGT[<TAB>CONFIDENCE] a "
                              "line, as concord pair writes it) instead of pairing by name")
    pairing.add_argument("--pair-by", choices=["name", "content"], default="name",
                         help="pair documents by file name (default) or by content, as concord "
                              "pair does")
    pairing.add_argument("--min-confidence", type=float, default=None, metavar="X",
                         help="with --pair-by content: leave out pairs below this confidence "
                              "(default: the pairing's own threshold)")
    aligning = parser.add_argument_group("aligning (as concord align)")
    aligning.add_argument("--format", choices=FORMATS, default="tmx",
                          help="format of each document's output (default: tmx)")
    aligning.add_argument("--src-lang", choices=["zh", "en"], default=None,
                          help="language of every SRC (default: Chinese by name, else detected)")
    aligning.add_argument("--tgt-lang", choices=["zh", "en"], default=None,
                          help="language of every TGT")
    aligning.add_argument("--presplit", action="store_true",
                          help="the inputs hold one sentence per line: keep them exactly")
    add_input_format_option(aligning)
    add_scorer_option(aligning, help="how beads are scored: lexical (default), embed or hybrid")
    aligning.add_argument("--max-bead", type=int, default=4, metavar="N",
                          help="largest number of sentences on one side of a bead (default: 4)")
    aligning.add_argument("--glossary", metavar="FILE",
                          help="a glossary whose terms anchor the alignment (default: the "
                               "--check glossary)")
    aligning.add_argument("--zh-tag", metavar="TAG", help="tag of the Chinese side (zh-CN)")
    aligning.add_argument("--en-tag", metavar="TAG", help="tag of the English side (en-US)")
    checking = parser.add_argument_group("checking (as concord check)")
    checking.add_argument("--check", metavar="GLOSSARY",
                          help="check every document against this glossary: DOCID.check.html "
                               "and .json per document, and a corpus report (check.json, "
                               "check.sarif, check.junit.xml, index.html)")
    checking.add_argument("--fail-on", choices=["error", "warning", "info", "never"],
                          default=None, help="findings of this severity or worse make the exit "
                                             "status 1 (default: the configuration's, else error)")
    checking.add_argument("--config", metavar="FILE",
                          help="configuration file (default: the nearest concord.toml)")
    running = parser.add_argument_group("running")
    running.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                         help="worker processes (default: the machine's cores)")
    running.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                         help="run on this Dask distributed scheduler instead (needs pip install "
                              "'concord[dask]' here and on the workers, which must reach the "
                              "input and output paths)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ui: UI) -> int:
    from concord.corpus.run import run_batch

    options = _options(args)
    pairs, unpaired = _pairs(args, ui)
    for path in unpaired:
        ui.warn(f"{path}: no counterpart found; not aligned")
    if not pairs:
        raise UsageError("no document pairs found (names such as NAME.zh.txt and NAME.en.txt, "
                         "or give --pairs or --pair-by content)",
                         path=" ".join(args.inputs) or args.pairs)
    results = []
    # no progress thread: the workers are forked from this process (concord.corpus.pool)
    with ui.progress("aligning documents", len(pairs), ticking=False) as advance:
        for result in run_batch(pairs, options, args.output, jobs=args.jobs,
                                scheduler=args.scheduler, unpaired=unpaired):
            results.append(result)
            if result.status == "failed":
                ui.error(f"{result.doc_id}: {result.error}")
            advance(1)
    failed = [r for r in results if r.status == "failed"]
    counts = {s: sum(1 for r in results if r.status == s) for s in ("aligned", "unchanged")}
    ui.note(f"{len(results)} documents: {counts['aligned']} aligned, {counts['unchanged']} "
            f"unchanged, {len(failed)} failed; written to {args.output} (summary.json"
            + (", corpus.tmx" if len(failed) < len(results) else "") + ")")
    if len(failed) == len(results):
        return 2
    return 1 if failed or any(r.failing for r in results) else 0


def _options(args: argparse.Namespace):
    from concord.corpus.task import BatchOptions

    if args.max_bead < 1:
        raise UsageError("--max-bead must be at least 1")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    for option in ("zh_tag", "en_tag"):
        value = getattr(args, option)
        if value is not None and not is_valid_tag(value):
            raise UsageError(f"--{option.replace('_', '-')} {value!r} is not a language tag")
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        raise UsageError("-o/--output must be a folder; this is a file", path=args.output)
    files = {}
    for option in ("glossary", "check", "config"):
        value = getattr(args, option)
        if value is not None and not os.path.isfile(value):
            raise UsageError(f"--{option}: no such file", path=value)
        files[option] = os.path.abspath(value) if value else None
    fail_on = args.fail_on
    if args.check:  # the configuration the checks run with (workers read it by path)
        from terms.config import find_config, load_config
        if files["config"] is None:
            found = find_config()
            files["config"] = str(found.resolve()) if found else None
        fail_on = fail_on or load_config(files["config"]).fail_on
    return BatchOptions(fmt=args.format, presplit=args.presplit, scorer=args.scorer,
                        max_bead=args.max_bead, input_format=args.input_format,
                        src_lang=args.src_lang, tgt_lang=args.tgt_lang, zh_tag=args.zh_tag,
                        en_tag=args.en_tag, fail_on=fail_on or "error", **files)


def _pairs(args: argparse.Namespace, ui: UI) -> tuple[list[DocumentPair], list[str]]:
    from concord.corpus.pairs import pairs_by_name, read_pair_list

    if args.pairs:
        if args.inputs:
            raise UsageError("give either INPUT folders or --pairs FILE, not both")
        return read_pair_list(args.pairs), []
    if not args.inputs:
        raise UsageError("give the folders to align (INPUT...), or --pairs FILE")
    if args.pair_by == "content":
        from concord.corpus.pairing import pair_folders
        from concord.corpus.run import default_jobs
        result = pair_folders(args.inputs, min_confidence=args.min_confidence,
                              glossary=args.glossary or args.check,
                              jobs=1 if args.scheduler else args.jobs or default_jobs())
        ui.info(f"{len(result.pairs)} pairs found by content")
        for path, reason in result.errors:
            ui.error(reason if reason.startswith(path) else f"{path}: {reason}")
        return result.pairs, result.unpaired + [path for path, _ in result.errors]
    return pairs_by_name(args.inputs)
