"""``concord convert``: a memory from one format to another (TMX, PO, TSV, JSONL, Moses)."""
from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from concord.atomic import shown
from concord.commands import (add_po_output_options, add_tsv_quoting_option, given_languages,
                              po_output_options)
from concord.errors import UsageError
from tmx.formats import FORMATS, format_for_reading, format_for_writing
from tmx.langtags import DEFAULT_EN, DEFAULT_ZH, is_valid_tag, normalize_or_keep

if TYPE_CHECKING:  # the engines are imported when the command runs, not at start-up
    from concord.console import UI
    from tmx.model import Unit

ORDER = 55


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``concord convert``."""
    parser = subparsers.add_parser(
        "convert", parents=[common], help="convert a memory between TMX, PO, TSV, JSONL and Moses",
        description="Convert a translation memory. TMX (1.1–1.4 read, 1.4 written), PO (one "
                    "entry per unit: msgctxt names document and paragraph, 'fuzzy' marks "
                    "units not confirmed (unreviewed or edited) or of low confidence, findings are translator comments, "
                    "everything else rides in '#. tmx-' comments), TSV (tuid, the two texts, "
                    "Concord properties, notes), JSONL (one unit per line, lossless) and Moses "
                    "(two files PREFIX.zh and PREFIX.en, one segment per line; IN or OUT is "
                    "then the PREFIX). TMX → PO → TMX and TMX → JSONL → TMX keep every segment, "
                    "inline code and property. Language tags are normalised to BCP 47 (zh, "
                    "zh_CN, ZH-CN, zh-Hans → zh-CN; en → en-US) unless --keep-tags. The output "
                    "is written atomically: on bad input (exit status 2) nothing is written. "
                    "OUT may be IN (say, to --repair a memory in place): IN is replaced only "
                    "once it has been read to the end.")
    parser.add_argument("input", metavar="IN", help="the memory to read (for Moses: the prefix)")
    parser.add_argument("output", metavar="OUT",
                        help="the file to write (for Moses: the prefix of the two files)")
    parser.add_argument("--from", dest="from_fmt", choices=FORMATS,
                        help="input format (default: from IN's extension, else its content; a "
                             "prefix with two PREFIX.<lang> files is read as Moses)")
    parser.add_argument("--to", dest="to_fmt", choices=FORMATS,
                        help="output format (default: from OUT's extension: .tmx, .po, .tsv, "
                             ".jsonl; Moses needs --to moses)")
    parser.add_argument("--src-lang", metavar="TAG",
                        help="source language: which variant becomes the PO msgid, the first "
                             "TSV column or the first Moses file, and the TMX srclang; also the "
                             "language of inputs that do not say (headerless TSV, Moses, PO "
                             "without a header). Default: the TMX header's srclang, else the "
                             "first unit's first language")
    parser.add_argument("--tgt-lang", metavar="TAG",
                        help="target language (default: the first unit's other language)")
    add_tsv_quoting_option(parser)
    parser.add_argument("--zh-tag", default=DEFAULT_ZH, metavar="TAG",
                        help=f"the tag written for Simplified Chinese given as zh, zh_CN, ZH-CN, "
                             f"zh-Hans, chi, zho … (default: {DEFAULT_ZH})")
    parser.add_argument("--en-tag", default=DEFAULT_EN, metavar="TAG",
                        help=f"the tag written for English given without a region (en, EN, "
                             f"eng) (default: {DEFAULT_EN}; 'en' keeps it bare)")
    parser.add_argument("--keep-tags", action="store_true",
                        help="write language tags exactly as read (no normalisation)")
    parser.add_argument("--repair", action="store_true",
                        help="repair inline codes so that the result is valid TMX 1.4: a bpt "
                             "whose i repeats in its segment is renumbered (with its ept), "
                             "unpaired bpt/ept become <it pos=begin|end>. (Markup that is not "
                             "TMX is always kept as native code; tags are always normalised "
                             "unless --keep-tags.)")
    parser.add_argument("--fuzzy-below", type=float, default=0.5, metavar="X",
                        help="PO output: mark units whose confidence is below X fuzzy, as well "
                             "as units not confirmed by a reviewer (default: 0.5)")
    add_po_output_options(parser)
    parser.add_argument("--bare", action="store_true",
                        help="TSV output: only the two text columns, no header (the layout MT "
                             "training scripts read)")
    parser.set_defaults(handler=run_convert)


def run_convert(args: argparse.Namespace, ui: UI) -> int:
    """``concord convert``: read IN, write OUT in another format."""
    from concord.bitext import header_options, peek_srclang, read_memory, write_units
    from tmx.filters import retag

    for option in ("src_lang", "tgt_lang", "zh_tag", "en_tag"):
        value = getattr(args, option)
        if value is not None and not is_valid_tag(value):
            raise UsageError(f"--{option.replace('_', '-')} {value!r} is not a language tag")
    if not 0 <= args.fuzzy_below <= 1:
        raise UsageError("--fuzzy-below must be between 0 and 1")
    po_output_options(args)  # checked before anything is read
    in_fmt = format_for_reading(args.input, args.from_fmt)
    out_fmt = format_for_writing(args.output, args.to_fmt)
    # the languages of PO, TSV and Moses inputs that do not say (TMX and JSONL name theirs)
    memory = read_memory(args.input, in_fmt, tsv_quoting=args.tsv_quoting,
                         **given_languages(args))
    units = memory.units if args.keep_tags else retag(memory.units, zh=args.zh_tag,
                                                       en=args.en_tag)
    repairs: list[str] = []
    if args.repair:
        units = _repaired(units, repairs)
    # the first unit is read before the output is opened: it tells the languages
    src, units = peek_srclang(memory, units)
    tgt = args.tgt_lang
    if src is None and memory.langs:  # no unit tells: the languages the file declares
        src, declared_tgt = _declared_langs(memory.langs, args)
        tgt = tgt or declared_tgt
    # srclang: a TMX header's "*all*" is kept; other formats then take the first unit's order
    options: dict[str, object] = {"srclang": args.src_lang or src}
    if tgt:
        options["tgt_lang"] = tgt
    if out_fmt == "tmx":
        options.update(zh=args.zh_tag, en=args.en_tag, normalize_langs=not args.keep_tags)
        options.update(header_options(memory.header))
    elif out_fmt == "po":
        options.update(fuzzy_below=args.fuzzy_below, **po_output_options(args))
    elif out_fmt == "tsv":
        options["bare"] = args.bare
    summary = write_units(units, args.output, out_fmt, **options)
    for warning in memory.warnings[:20]:
        ui.warn(warning)
    if len(memory.warnings) > 20:
        ui.warn(f"… and {len(memory.warnings) - 20} more repairs")
    for change in repairs:
        ui.info(f"repaired {change}")
    if repairs:
        ui.note(f"{len(repairs)} inline codes repaired (-v lists them)")
    where = " and ".join(shown(p) for p in summary.paths)
    ui.note(f"{summary.units} units written to {where} ({summary.fmt})")
    if summary.empty_sided:
        ui.warn(f"{summary.empty_sided} units have an empty side (kept)")
    if summary.removed_characters:
        ui.warn(f"{summary.removed_characters} characters XML cannot carry were left out")
    for message in (summary.without_variants_message(), summary.left_out_message()):
        if message:
            ui.warn(message)
    return 0


def _declared_langs(langs: tuple[str, str], args: argparse.Namespace) -> tuple[str, str]:
    """The languages a file declares (a PO header's), tagged as its units would be."""
    if args.keep_tags:
        return langs
    src, tgt = (normalize_or_keep(tag, zh=args.zh_tag, en=args.en_tag) for tag in langs)
    return src, tgt


def _repaired(units: Iterable[Unit], repairs: list[str]) -> Iterator[Unit]:
    from tmx.repair import repair_unit

    for unit in units:
        repairs += [f"unit {unit.tuid or unit.line}: {change}" for change in repair_unit(unit)]
        yield unit
