"""Sub-commands of ``concord``: one module per command or command group.

A module defines ``register(subparsers, common)`` which adds its parser(s) with
``parents=[common]`` and sets ``handler=`` to a function ``(args, ui) -> int``;
an optional ``ORDER`` integer places it in ``concord --help``.
"""
from __future__ import annotations

import argparse
import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from align import INPUT_FORMATS, MAX_BEAD, SCORERS
from align.limits import DEFAULT_LIMITS, Limits
from concord.errors import UsageError

if TYPE_CHECKING:
    from align.scoring import Scorer


def add_scorer_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup,
                      help: str) -> None:
    """``--scorer`` (the aligner's scorer by name, default lexical), shared by the commands
    that align."""
    parser.add_argument("--scorer", choices=SCORERS, default="lexical", help=help)


def add_pieces_option(parser: argparse.ArgumentParser) -> None:
    """``--pieces``/``--no-pieces`` (the lexical scorer's piece links), shared by align and eval."""
    parser.add_argument("--pieces", action=argparse.BooleanOptionalAction, default=None,
                        help="the lexical scorer also learns links from pieces of a unigram "
                             "model (sentencepiece) trained on each document's Chinese: names "
                             "and terms CC-CEDICT lacks (default: off)")


def chosen_scorer(args: argparse.Namespace, anchors: Sequence[tuple[str, Sequence[str]]] = ()
                  ) -> str | Scorer:
    """The scorer ``--scorer`` and ``--pieces`` ask for: its name, or the scorer itself when
    ``--pieces``/``--no-pieces`` is given (``anchors``: the glossary's)."""
    if args.pieces is None:
        return args.scorer
    from align.scoring import make_scorer

    return make_scorer(args.scorer, anchors, pieces=args.pieces)


def add_max_bead_option(parser: argparse.ArgumentParser, help: str) -> None:
    """``--max-bead N`` (1 to :data:`align.MAX_BEAD`, default 4), shared by align and eval."""
    parser.add_argument("--max-bead", type=_max_bead, default=4, metavar="N",
                        help=f"{help} (default: 4, at most {MAX_BEAD}; from 4 on, shapes of up "
                             f"to {MAX_BEAD} are tried around a bead where the best path reaches "
                             "N)")


def _max_bead(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= number <= MAX_BEAD:
        raise argparse.ArgumentTypeError(
            f"{value} is out of range: 1 to {MAX_BEAD} sentences on a side (the work grows with "
            "its square)")
    return number


def add_input_format_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """``--input-format`` (how to read a pair of documents), shared by the commands that align."""
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default=None,
                        help="read the two documents as this format (default: from each one's "
                             "extension, else sniffed); e.g. html for pages saved as .txt")


def add_limit_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """The bounds on one document (``--max-document-size``, ``--max-sentences``,
    ``--max-sentence-length``), shared by the commands that read documents."""
    parser.add_argument("--max-document-size", type=_size, default=DEFAULT_LIMITS.max_bytes,
                        metavar="SIZE",
                        help="refuse a document file larger than this, in bytes or with k, M or "
                             f"G (default: {DEFAULT_LIMITS.max_bytes // 2**20}M)")
    parser.add_argument("--max-sentences", type=_positive, default=DEFAULT_LIMITS.max_sentences,
                        metavar="N", help="refuse a document of more sentences (default: "
                                          f"{DEFAULT_LIMITS.max_sentences:,})")
    parser.add_argument("--max-sentence-length", type=_positive,
                        default=DEFAULT_LIMITS.max_sentence_chars, metavar="N",
                        help="refuse a document with a longer sentence, in characters (default: "
                             f"{DEFAULT_LIMITS.max_sentence_chars:,})")


def document_limits(args: argparse.Namespace) -> Limits:
    """The :class:`~align.limits.Limits` the options of :func:`add_limit_options` give."""
    return Limits(max_bytes=args.max_document_size, max_sentences=args.max_sentences,
                  max_sentence_chars=args.max_sentence_length)


_SIZE = re.compile(r"(\d+)\s*([kmg]?)i?b?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}


def _size(value: str) -> int:
    match = _SIZE.fullmatch(value.strip())
    if match is None or int(match.group(1)) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size (such as 500k, 8M or 1G)")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def add_tsv_quoting_option(parser: argparse.ArgumentParser) -> None:
    """``--tsv-quoting`` (how TSV inputs quote their values), shared by the memory commands."""
    parser.add_argument("--tsv-quoting", choices=["escapes", "csv"], default="escapes",
                        help="how TSV inputs quote their values: escapes (\\t, \\n, \\\\ "
                             "inside values, as Concord writes TSV) or csv (\"He said "
                             "\"\"yes\"\"\", quoted fields holding tabs or line breaks, as "
                             "Excel and pandas write it) (default: escapes)")


def add_po_output_options(parser: argparse.ArgumentParser) -> None:
    """``--confirmed-threshold`` and ``--no-fuzzy``, shared by the commands that write PO."""
    group = parser.add_argument_group(
        "PO output", "msgfmt leaves fuzzy entries out of the compiled catalogue and po2tmx out "
                     "of the memory; by default every unit not confirmed by a reviewer is fuzzy")
    group.add_argument("--confirmed-threshold", type=float, metavar="C",
                       help="units whose alignment confidence is C or more are not fuzzy "
                            "(unless a reviewer rejected them)")
    group.add_argument("--no-fuzzy", action="store_true",
                       help="no entry is fuzzy (the review status stays in the comments)")


def po_output_options(args: argparse.Namespace) -> dict[str, object]:
    """The PO writer's keywords for ``--confirmed-threshold``/``--no-fuzzy`` (checked)."""
    threshold = args.confirmed_threshold
    if threshold is not None and not 0 <= threshold <= 1:
        raise UsageError("--confirmed-threshold must be between 0 and 1")
    return {"confirmed_threshold": threshold, "no_fuzzy": args.no_fuzzy}


def given_languages(args: argparse.Namespace) -> dict[str, str]:
    """The ``--src-lang``/``--tgt-lang`` given, as keywords for reading memories (PO, TSV and
    Moses files that do not name their languages)."""
    return {k: v for k in ("src_lang", "tgt_lang") if (v := getattr(args, k, None))}


def refuse_overwrite(output: str | None, inputs: Iterable[str | None], option: str) -> None:
    """Raise :class:`UsageError` when ``output`` is one of the existing ``inputs``: a report or
    a conversion written over the file it was made from would destroy it."""
    if not output or output == "-" or not os.path.exists(output):
        return
    for path in inputs:
        if path and os.path.exists(path) and os.path.samefile(output, path):
            raise UsageError(f"{option} names an input file, which it would overwrite; give "
                             "another file name", path=output)
