"""``concord segment FILE``: show how a document is read and split into sentences."""
from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from align import INPUT_FORMATS
from concord.commands import add_limit_options, document_limits, refuse_overwrite

if TYPE_CHECKING:
    from align.model import Document

ORDER = 20


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "segment", parents=[common], help="split a document into sentences and print them",
        description="Read a document (plain text, Markdown or HTML; UTF-8, UTF-16, GB18030/GBK "
                    "or Big5), take its article text (dropping menus, share and print links), "
                    "and print its sentences: the segmentation that align, check and review use.")
    parser.add_argument("file", metavar="FILE", help="the document to segment")
    parser.add_argument("--lang", choices=["zh", "en"], default=None,
                        help="language of FILE (default: detected from its text)")
    parser.add_argument("--presplit", action="store_true",
                        help="FILE already holds one sentence per line: keep every non-empty "
                             "line exactly as one sentence (blank lines separate paragraphs)")
    parser.add_argument("--format", choices=["text", "jsonl"], default="text",
                        help="text: one sentence per line, a blank line between paragraphs "
                             "(default); jsonl: one JSON object per sentence with its text, "
                             "paragraph (0-based), line (1-based input line) and kind (title, "
                             "dateline, heading, body)")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default=None,
                        help="read FILE as this format (default: from its extension, else "
                             "sniffed)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write here (atomically) instead of standard output")
    add_limit_options(parser)
    parser.set_defaults(handler=run)


def render(document: Document, fmt: str) -> str:
    """The sentences of ``document`` as ``fmt`` ("text" or "jsonl")."""
    out: list[str] = []
    if fmt == "jsonl":
        for index, s in enumerate(document.sentences):
            out.append(json.dumps({"index": index, "paragraph": s.paragraph, "line": s.line,
                                   "kind": s.kind, "text": s.text}, ensure_ascii=False) + "\n")
        return "".join(out)
    previous = None
    for s in document.sentences:
        if previous is not None and s.paragraph != previous:
            out.append("\n")
        out.append(s.text + "\n")
        previous = s.paragraph
    return "".join(out)


def run(args: argparse.Namespace, ui) -> int:
    from align.document import read_document
    from concord.atomic import atomic_output, shown

    refuse_overwrite(args.output, [args.file], "-o/--output")
    ui.info(f"reading {args.file}")
    document = read_document(args.file, lang=args.lang, presplit=args.presplit,
                             fmt=args.input_format, limits=document_limits(args))
    paragraphs = len({s.paragraph for s in document.sentences})
    ui.info(f"{len(document)} sentences in {paragraphs} paragraphs, language {document.lang}")
    text = render(document, args.format)
    if args.output:
        with atomic_output(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
        ui.note(f"{len(document)} sentences written to {shown(args.output)}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0
