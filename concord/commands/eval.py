"""``concord eval``: run the aligner over gold alignments and report precision, recall and F1."""
from __future__ import annotations

import argparse
import json

from concord.commands import (add_max_bead_option, add_pieces_option, add_scorer_option,
                              chosen_scorer)

ORDER = 60


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "eval", parents=[common], help="score the aligner against gold alignments",
        description="Align every document of one or more gold directories and print strict and "
                    "lax precision, recall and F1, micro-averaged over documents as Vecalign and "
                    "Bertalign compute them, with counts by bead type and the precision and "
                    "recall of sentences left unaligned (1-0 and 0-1 beads). A directory holds "
                    "either "
                    "NAME.zh + NAME.en + NAME.align (or NAME.zh.sents + NAME.en.sents + NAME.align, "
                    "as in corpora/releases; beads with Chinese ids first; the Chinese "
                    "file is the source) or NAME.en + NAME.zhA, NAME.zhB ... (WMT layout: the "
                    "English file is the source, each translation is its own document, and the "
                    "gold is line k with line k). Sentence files hold one sentence per line.")
    parser.add_argument("--gold", metavar="DIR", action="append", required=True,
                        help="a gold directory (repeat for several)")
    add_scorer_option(parser, help="how beads are scored (default: lexical; embed and hybrid need "
                                   "pip install 'concord[embed]')")
    add_max_bead_option(parser, help="largest number of sentences on one side of a bead")
    add_pieces_option(parser)
    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help="report as a readable table (default) or JSON")
    parser.add_argument("--documents", action="store_true",
                        help="also show the strict F1 of every document")
    parser.add_argument("--confidence", action="store_true",
                        help="also show the precision of beads by confidence bucket")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ui) -> int:
    from align.evaluate import discover_gold, evaluate_directory

    scorer = chosen_scorer(args)
    reports = []
    for directory in args.gold:
        docs = discover_gold(directory)
        ui.info(f"{directory}: {len(docs)} documents")
        with ui.progress(f"aligning {directory}", len(docs)) as advance:
            result = evaluate_directory(directory, scorer=scorer, max_bead=args.max_bead,
                                        progress=advance, documents=docs)
        report = {"gold": directory, "scorer": args.scorer, "max_bead": args.max_bead,
                  "seconds": round(result.seconds, 2), **result.score.as_dict()}
        report["confident"] = result.confident()
        groups = result.by_translation()
        if groups:
            report["by_translation"] = {k: {"f1_strict": round(v.f1_strict, 4),
                                            "f1_lax": round(v.f1_lax, 4),
                                            "documents": v.documents} for k, v in groups.items()}
        if args.documents:
            report["per_document"] = {d.name: round(d.score.f1_strict, 4)
                                      for d in result.documents}
        if args.confidence:
            report["confidence_buckets"] = result.confidence_buckets()
        reports.append(report)
    if args.format == "json":
        ui.out.print(json.dumps(reports if len(reports) > 1 else reports[0], indent=2,
                                ensure_ascii=False), markup=False)
    else:
        for report in reports:
            ui.out.print(_text(report), markup=False)
    return 0


def _text(report: dict) -> str:
    lines = [f"{report['gold']}  ({report['documents']} documents, scorer {report['scorer']}, "
             f"{report['seconds']} s)",
             "              strict    lax",
             f"  precision   {report['precision_strict']:.4f}   {report['precision_lax']:.4f}",
             f"  recall      {report['recall_strict']:.4f}   {report['recall_lax']:.4f}",
             f"  F1          {report['f1_strict']:.4f}   {report['f1_lax']:.4f}",
             "  bead type   gold   test   correct"]
    for kind, row in report["bead_types"].items():
        lines.append(f"  {kind:<9} {row['gold']:>6} {row['test']:>6} {row['correct']:>9}")
    alone = report["unaligned"]
    shares = ", ".join(f"{name} {'-' if alone[name] is None else format(alone[name], '.4f')}"
                       for name in ("precision", "recall"))
    lines.append(f"  unaligned sentences: gold {alone['gold']}, test {alone['test']}, correct "
                 f"{alone['correct']} ({shares})")
    sure = report["confident"]
    share = "-" if sure["precision"] is None else f"{sure['precision']:.4f}"
    lines.append(f"  confidence >= {sure['threshold']:.2f}: {sure['beads']} beads, {share} of them "
                 "exactly in the gold")
    for name, row in report.get("by_translation", {}).items():
        lines.append(f"  translation {name}: F1 strict {row['f1_strict']:.4f}, lax "
                     f"{row['f1_lax']:.4f} ({row['documents']} documents)")
    for name, f1 in report.get("per_document", {}).items():
        lines.append(f"  {name:<40} F1 {f1:.4f}")
    for row in report.get("confidence_buckets", []):
        prec = "-" if row["precision"] is None else f"{row['precision']:.3f}"
        lines.append(f"  confidence [{row['low']:.2f}, {row['high']:.2f})  beads {row['beads']:>5}"
                     f"  precision {prec}")
    return "\n".join(lines)
