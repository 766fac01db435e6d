"""``concord pair A [B]``: find which Chinese document translates which English one."""
from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from concord.errors import UsageError

if TYPE_CHECKING:
    from concord.console import UI

ORDER = 11


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "pair", parents=[common], help="pair Chinese documents with their English versions",
        description="Read the documents of the folders (or files) given — one folder holding "
                    "both languages, or one per language — and pair each Chinese document with "
                    "the English document that translates it, by what they share (numbers and "
                    "dates, Latin words and names, glossary terms, dictionary words, length), "
                    "whatever their names. Writes SRC<TAB>TGT<TAB>CONFIDENCE a line (paths as "
                    "given), which concord batch --pairs reads; documents left without a "
                    "counterpart are listed on standard error. Exit status: 0 done, 1 some "
                    "documents could not be read, 2 none could.")
    parser.add_argument("inputs", nargs="+", metavar="FOLDER",
                        help="folders (searched recursively) or files")
    parser.add_argument("--format", choices=["tsv", "json"], default="tsv",
                        help="tsv (default) or json: pairs, unpaired documents and errors")
    parser.add_argument("--min-confidence", type=float, default=None, metavar="X",
                        help="leave out pairs below this confidence, 0 to 1 (default: 0.65: a pair must score clearly above either document's best alternative)")
    parser.add_argument("--glossary", metavar="FILE",
                        help="a glossary whose terms count as shared evidence")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="processes reading the documents (default: the machine's cores)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ui: UI) -> int:
    from concord.corpus.pairing import MIN_CONFIDENCE, is_document, pair_folders
    from concord.corpus.pairs import document_files, format_pair_list

    from concord.corpus.run import default_jobs

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.min_confidence is not None and not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError("--min-confidence must be between 0 and 1")
    total = sum(1 for path in document_files(args.inputs) if is_document(path))
    # no progress thread: the workers are forked from this process (concord.corpus.pool)
    with ui.progress("reading documents", total, ticking=False) as advance:
        pairing = pair_folders(args.inputs, min_confidence=args.min_confidence,
                               glossary=args.glossary, jobs=args.jobs or default_jobs(),
                               progress=advance)
    for path, reason in pairing.errors:
        ui.error(f"{path}: {reason}" if not reason.startswith(path) else reason)
    if args.format == "json":
        json.dump({"pairs": [{"source": p.source, "target": p.target, "doc_id": p.doc_id,
                              "confidence": p.confidence} for p in pairing.pairs],
                   "unpaired": pairing.unpaired,
                   "errors": [{"file": f, "error": e} for f, e in pairing.errors],
                   "min_confidence": MIN_CONFIDENCE if args.min_confidence is None
                   else args.min_confidence}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.writelines(format_pair_list(pairing.pairs))
    sys.stdout.flush()
    for path in pairing.unpaired:
        ui.warn(f"{path}: no counterpart")
    ui.note(f"{len(pairing.pairs)} pairs, {len(pairing.unpaired)} documents unpaired")
    if not pairing.pairs and not pairing.unpaired:
        raise UsageError("no readable document", path=" ".join(args.inputs))
    return 1 if pairing.errors else 0
