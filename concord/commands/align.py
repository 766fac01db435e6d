"""``concord align SRC TGT``: align a document with its translation."""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from concord.commands import (add_input_format_option, add_limit_options, add_max_bead_option,
                              add_pieces_option, add_po_output_options, add_scorer_option,
                              chosen_scorer, document_limits, po_output_options,
                              refuse_overwrite)
from concord.errors import UsageError
from tmx.formats import EXTENSIONS
from tmx.langtags import DEFAULT_EN, DEFAULT_ZH, is_valid_tag

if TYPE_CHECKING:
    from align.model import Alignment

ORDER = 10
FORMATS = ("tmx", "beads", "tsv", "jsonl", "po", "moses")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "align", parents=[common], help="align a Chinese document with its English version",
        description="Read two documents (plain text, Markdown or HTML), split them into "
                    "sentences and align the sentences into beads (1-1, 1-2, 2-1 ...), each with "
                    "a confidence. Either may be the source. Writes TMX by default.")
    parser.add_argument("source", metavar="SRC", help="the source document")
    parser.add_argument("target", metavar="TGT", help="its translation")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write here (atomically) instead of standard output; for moses, "
                             "a prefix (FILE.zh and FILE.en)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: from the extension of -o, else tmx). "
                             "beads: one bead per line as in gold files, [4]:[4, 5], 0-based "
                             "source ids then target ids, [] for an unaligned side")
    parser.add_argument("--src-lang", choices=["zh", "en"], default=None,
                        help="language of SRC (default: detected)")
    parser.add_argument("--tgt-lang", choices=["zh", "en"], default=None,
                        help="language of TGT (default: detected)")
    parser.add_argument("--presplit", action="store_true",
                        help="the inputs hold one sentence per line: keep them exactly, do not "
                             "segment")
    add_input_format_option(parser)
    add_limit_options(parser)
    add_scorer_option(parser, help="how beads are scored: lexical (dictionary, default), embed "
                                   "(multilingual sentence embeddings) or hybrid (both); embed and "
                                   "hybrid need pip install 'concord[embed]'")
    add_pieces_option(parser)
    add_max_bead_option(parser, help="largest number of sentences on one side of a bead that the "
                                     "search tries everywhere, with at most N+1 in all")
    add_po_output_options(parser)
    parser.add_argument("-g", "--glossary", metavar="FILE",
                        help="a glossary (TBX, CSV, PO) whose terms anchor the alignment")
    parser.add_argument("--zh-tag", default=None, metavar="TAG",
                        help=f"the language tag written for the Chinese side (default: "
                             f"{DEFAULT_ZH}; give zh-TW, zh-HK or zh-Hant for Traditional "
                             "Chinese, which is warned about when left at the default)")
    parser.add_argument("--en-tag", default=None, metavar="TAG",
                        help=f"the language tag written for the English side (default: "
                             f"{DEFAULT_EN}; 'en' keeps it bare)")
    parser.add_argument("--doc-id", metavar="ID",
                        help="document id stored in the memory and in its tuids (default: the "
                             "source file name without extension and language suffix; when that "
                             "only names the language, as zh.html, or the two names differ, the "
                             "stem they share, else the folder's name)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ui) -> int:
    from align.heap import paused_collector

    # one pair, then the process ends: no cyclic garbage collection while reading, aligning
    # and writing (units and their elements are freed by reference counting; align.heap)
    with paused_collector():
        return _run(args, ui)


def _run(args: argparse.Namespace, ui) -> int:
    from concord.atomic import shown
    from concord.pipeline import align_files, write_alignment

    for path in (args.source, args.target):
        if os.path.isdir(path):
            folders = " ".join(dict.fromkeys((args.source, args.target)))
            raise UsageError("is a directory, not a file: to align every document pair of a "
                             f"folder, run: concord batch {folders} -o OUTDIR", path=path)
    for option in ("zh_tag", "en_tag"):
        value = getattr(args, option)
        if value is not None and not is_valid_tag(value):
            raise UsageError(f"--{option.replace('_', '-')} {value!r} is not a language tag")
    fmt = args.format
    if fmt is None:
        fmt = _format_from_extension(args.output) if args.output else "tmx"
    po = po_output_options(args) if fmt == "po" else {}
    if fmt == "moses" and not args.output:
        raise UsageError("--format moses writes two files: give a prefix with -o")
    inputs = [args.source, args.target, args.glossary]
    for output in [f"{args.output}.zh", f"{args.output}.en"] if fmt == "moses" else [args.output]:
        refuse_overwrite(output, inputs, "-o/--output")
    anchors = _glossary_anchors(args.glossary, ui) if args.glossary else ()
    alignment = align_files(args.source, args.target, src_lang=args.src_lang,
                            tgt_lang=args.tgt_lang, presplit=args.presplit,
                            scorer=chosen_scorer(args, anchors),
                            anchors=anchors, ui=ui, max_bead=args.max_bead,
                            fmt=args.input_format, limits=document_limits(args))
    if args.zh_tag is None and fmt != "beads":
        _warn_traditional(alignment, ui)
    if args.output:
        write_alignment(alignment, args.output, fmt, doc_id=_doc_id(args), zh_tag=args.zh_tag,
                        en_tag=args.en_tag, writer_options=po)
    else:
        _write_to_stdout(alignment, fmt, args, po)
    if args.output:
        from concord.reports import LOW_CONFIDENCE
        low = sum(1 for b in alignment.beads if b.confidence < LOW_CONFIDENCE)
        ui.note(f"{len(alignment.beads)} beads ({low} with confidence below {LOW_CONFIDENCE}) written to "
                f"{shown(args.output)}")
    return 0


#: endings of the gold bead format, the one output of ``align`` that is no memory
_BEADS_EXTENSIONS = (".beads", ".align")


def _format_from_extension(path: str) -> str:
    """The output format an ending names: beads, a memory format of the registry, else TMX."""
    suffix = Path(path).suffix.lower()
    return "beads" if suffix in _BEADS_EXTENSIONS else EXTENSIONS.get(suffix, "tmx")


def _glossary_anchors(path: str, ui) -> list[tuple[str, list[str]]]:
    from terms.formats import load_glossary

    glossary = load_glossary(path)
    pairs = glossary.anchor_pairs()
    ui.info(f"{len(pairs)} glossary terms anchor the alignment")
    return pairs


def _warn_traditional(alignment: Alignment, ui) -> None:
    """Warn when the Chinese side is mostly in Traditional script: its tag would say zh-CN."""
    from align.language import is_traditional

    for document in (alignment.source, alignment.target):
        if document.lang == "zh" and is_traditional(
                "".join(s.text for s in document.sentences[:500])):
            ui.warn(f"{document.name}: the Chinese is mostly in Traditional script but is tagged "
                    f"{DEFAULT_ZH} in the memory; give --zh-tag zh-TW (or zh-HK, zh-Hant)")


def _doc_id(args: argparse.Namespace) -> str:
    from concord.pipeline import document_id

    return args.doc_id or document_id(args.source, args.target)


def _write_to_stdout(alignment: Alignment, fmt: str, args: argparse.Namespace,
                     writer_options: dict[str, object]) -> None:
    """Write the alignment through a temporary file (the writers write files, atomically)."""
    from concord.pipeline import write_alignment

    with tempfile.TemporaryDirectory(prefix="concord-") as tmp:
        path = os.path.join(tmp, f"out.{fmt}")
        write_alignment(alignment, path, fmt, doc_id=_doc_id(args), zh_tag=args.zh_tag,
                        en_tag=args.en_tag, writer_options=writer_options)
        with open(path, "rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
        sys.stdout.flush()
