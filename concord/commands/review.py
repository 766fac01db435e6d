"""``concord review``: review an alignment in the browser, every edit saved at once."""
from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from concord.atomic import shown
from concord.commands import (add_input_format_option, add_limit_options, add_po_output_options,
                              add_scorer_option, document_limits, po_output_options,
                              refuse_overwrite)
from concord.errors import UsageError

if TYPE_CHECKING:
    from terms.glossary import Glossary

ORDER = 30


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "review", parents=[common], help="review and fix an alignment in the browser",
        description="Align SRC with TGT (or open a memory file, or a saved review file) and "
                    "start a local review app in the browser: the two documents side by side, "
                    "bead by bead, with confidence, glossary terms and check findings; merge, "
                    "split, move, edit and confirm, with undo. Every edit is saved at once in a "
                    "review file next to the inputs (NAME.review.jsonl), which survives a crash: "
                    "run the same command again to go on. The server listens on 127.0.0.1 only "
                    "and answers only requests that carry the token in the address it prints. "
                    "A memory file is reviewed with nothing lost: beads you do not regroup or "
                    "edit are exported as the units they were (inline codes, properties, notes, "
                    "tuid), and inline codes show as numbered tokens you can move but not "
                    "delete. Beads an edit makes get a fresh local confidence (marked *).")
    parser.add_argument("inputs", metavar="FILE", nargs="+",
                        help="SRC TGT (a document and its translation), or one memory file "
                             "(TMX, PO, TSV, JSONL; export keeps its units whole), or a saved "
                             "review file (.review.jsonl)")
    parser.add_argument("--glossary", metavar="FILE",
                        help="a glossary (TBX, CSV, PO): its terms anchor the alignment, are "
                             "highlighted on the page and are checked in every bead")
    parser.add_argument("--config", metavar="FILE",
                        help="check configuration (concord.toml or pyproject.toml [tool.concord]; "
                             "default: the nearest one from the current directory up)")
    parser.add_argument("--src-lang", choices=["zh", "en"], default=None,
                        help="language of SRC (default: detected)")
    parser.add_argument("--tgt-lang", choices=["zh", "en"], default=None,
                        help="language of TGT (default: detected)")
    parser.add_argument("--presplit", action="store_true",
                        help="SRC and TGT hold one sentence per line: keep them exactly")
    add_input_format_option(parser)
    add_limit_options(parser)
    add_scorer_option(parser,
                      help="how the aligner scores beads (see concord align; default lexical)")
    parser.add_argument("--review-file", metavar="FILE",
                        help="where the review is saved (default: NAME.review.jsonl next to the "
                             "inputs); an existing one is opened and the review goes on")
    parser.add_argument("--tm", metavar="DB",
                        help="a translation-memory store (concord tm): a side panel shows its "
                             "best matches for the bead in focus and the units holding a word "
                             "you select")
    parser.add_argument("--port", type=int, default=0, metavar="N",
                        help="port to listen on (default: 0, any free port)")
    parser.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                        help="loopback address to listen on: 127.0.0.1 (default), ::1 or "
                             "localhost; any other address is refused")
    parser.add_argument("--no-browser", action="store_true",
                        help="do not open a browser; just print the address to open")
    parser.add_argument("--export", metavar="FILE",
                        help="do not start the server: write the review to FILE (TMX, PO or TSV "
                             "by extension) and exit")
    parser.add_argument("--confirmed-only", action="store_true",
                        help="with --export: only the confirmed beads")
    add_po_output_options(parser)  # for --export FILE.po and the app's PO export
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ui) -> int:
    from concord.review.server import NotLoopbackError, loopback_address

    try:
        loopback_address(args.host)
    except NotLoopbackError as exc:
        raise UsageError(str(exc)) from None
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port number (0 to 65535)")
    if len(args.inputs) > 2:
        raise UsageError("give SRC TGT, or one memory or review file")
    from concord.review.export import FORMATS
    if args.export and _export_format(args.export) not in FORMATS:
        raise UsageError("--export writes .tmx, .po or .tsv files", path=args.export)
    if args.confirmed_only and not args.export:
        raise UsageError("--confirmed-only applies only with --export FILE (the app exports "
                         "from its own menu)")
    po_output_options(args)  # checked before anything is read
    refuse_overwrite(args.export, [*args.inputs, args.glossary, args.config], "--export")
    inputs = [str(p) for p in args.inputs]
    for path in inputs:
        if not Path(path).exists():
            raise UsageError("no such file", path=path)
        if Path(path).is_dir():
            raise UsageError("is a directory, not a file", path=path)
    given = None
    if args.glossary:
        from terms.formats import load_glossary
        given = load_glossary(args.glossary)
    panel = _tm_panel(args)  # a store that cannot be used fails before the review is opened
    review = open_review(args, inputs, given, ui)
    try:
        glossary = _glossary(args, given, review.session.meta, ui)
        from concord.review.annotate import Annotator
        config = _config(args)
        session = review.session
        annotator = Annotator(glossary, config, src_lang=session.source.lang,
                              tgt_lang=session.target.lang)
        if args.export:
            return _export(review, annotator, args, ui)
        return _serve(review, annotator, args, ui, panel)
    finally:
        review.close()


def open_review(args: argparse.Namespace, inputs: list[str], glossary: Glossary | None, ui):
    """The review file the arguments name: opened when it exists, else made from ``inputs``
    (a pair is aligned with ``glossary``'s terms as anchors)."""
    from concord.review.journal import ReviewFile, is_review_file
    from concord.review.sources import (check_inputs_match, default_review_path,
                                        session_from_memory, session_from_pair)

    if len(inputs) == 1 and is_review_file(inputs[0]):
        if args.review_file:
            raise UsageError("--review-file is for new reviews: this is a review file already",
                             path=inputs[0])
        return ReviewFile.open(inputs[0], warn=ui.warn)
    review_path = Path(args.review_file) if args.review_file else default_review_path(inputs)
    if review_path.exists():
        review = ReviewFile.open(review_path, warn=ui.warn)
        try:
            check_inputs_match(review.session.meta, inputs, review_path)
        except BaseException:
            review.close(snapshot=False)
            raise
        ui.note(f"going on with the review saved in {review_path}")
        return review
    meta: dict[str, Any] = {"glossary": str(Path(args.glossary).resolve()) if args.glossary else None,
                            "doc_id": _doc_id(inputs), "title": _title(inputs)}
    if len(inputs) == 2:
        anchors = glossary.anchor_pairs() if glossary is not None else ()
        if glossary is not None:
            ui.info(f"{len(anchors)} glossary terms anchor the alignment")

        def align(source: str, target: str):
            from concord.pipeline import align_files
            return align_files(source, target, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                               presplit=args.presplit, scorer=args.scorer, anchors=anchors, ui=ui,
                               fmt=args.input_format, limits=document_limits(args))

        session = session_from_pair(inputs[0], inputs[1], align=align, meta=meta)
    else:
        session = session_from_memory(inputs[0], meta=meta)
    review = ReviewFile.create(review_path, session)
    ui.note(f"review saved in {review_path} (every edit is written there at once)")
    return review


def _doc_id(inputs: list[str]) -> str:
    from concord.pipeline import document_id
    return document_id(inputs[0], inputs[1] if len(inputs) == 2 else None)


def _title(inputs: list[str]) -> str:
    return " ↔ ".join(Path(p).name for p in inputs)


def _glossary(args: argparse.Namespace, given: Glossary | None, meta: dict[str, Any],
              ui) -> Glossary | None:
    """The glossary ``given`` with --glossary (recorded in ``meta``), else the one the review
    recorded, if it is still there."""
    if given is not None:
        meta["glossary"] = str(Path(args.glossary).resolve())
        return given
    stored = meta.get("glossary")
    if not stored:
        return None
    if not Path(stored).is_file():
        ui.warn(f"the glossary this review used, {stored}, is gone: terms are not highlighted "
                "(give --glossary)")
        return None
    from terms.formats import load_glossary
    return load_glossary(stored)


def _config(args: argparse.Namespace):
    from terms.config import load_config
    return load_config(args.config) if args.config else load_config()


def _export(review, annotator, args: argparse.Namespace, ui) -> int:
    from concord.review.app import ReviewApp
    from concord.review.export import export_review
    app = ReviewApp(review, annotator, doc_id=_meta_doc_id(review))
    scope = "confirmed" if args.confirmed_only else "all"
    summary = export_review(review.session, args.export, doc_id=app.doc_id,
                            fmt=_export_format(args.export),
                            scope=scope, findings=app.bead_findings,
                            po_options=po_output_options(args))
    ui.note(f"{summary.units} units ({scope}) written to {shown(args.export)}")
    return 0


def _export_format(path: str) -> str:
    """The format --export writes: from the extension; TMX for ``-`` (standard output)."""
    return "tmx" if path == "-" else Path(path).suffix.lstrip(".").lower()


def _meta_doc_id(review) -> str:
    from concord.review.sources import REVIEW_SUFFIX
    meta = review.session.meta
    return str(meta.get("doc_id") or review.path.name.removesuffix(REVIEW_SUFFIX))


def _tm_panel(args: argparse.Namespace):
    """The translation-memory side panel over ``--tm`` (``None`` without it, or to export)."""
    if not args.tm or args.export:
        return None
    from concord.review.tmpanel import TMPanel
    from concord.tm import open_store
    return TMPanel(open_store(args.tm))


def _serve(review, annotator, args: argparse.Namespace, ui, panel=None) -> int:
    from concord.review.app import ReviewApp, create_app
    from concord.review.guard import new_token
    from concord.review.server import bind, serve, url_for
    session = review.session
    app = ReviewApp(review, annotator, doc_id=_meta_doc_id(review),
                    title=str(session.meta.get("title") or ""))  # default: the doc_id
    app.po_options = po_output_options(args)
    glossary = annotator.glossary

    def rescorer():
        from concord.review.rescore import LocalConfidence
        anchors = glossary.anchor_pairs() if glossary is not None else ()
        return LocalConfidence(session.source, session.target, anchors=anchors,
                               beads=session.beads)

    app.tm_panel = panel
    app.start_rescoring(rescorer)  # the aligner's scorer, for the beads edits make
    with ui.progress("checking beads", None):
        app.state()  # computes every bead's findings and terms once, before the page asks
    token = new_token()
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host} port {args.port}: {exc.strerror}") from None
    url = url_for(sock, token)
    print(f"Reviewing {app.title}: {len(session.beads)} beads, {session.confirmed_count} "
          f"confirmed. Open:\n{url}", flush=True)
    ui.note(f"every edit is saved at once in {review.path}; press Ctrl-C to stop")
    if not args.no_browser:
        import webbrowser   # not at the top: every command's start would import it
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        serve(create_app(app, token), sock, log_level="warning")
    finally:
        if app.tm_panel is not None:
            app.tm_panel.close()  # the one connection the panel used
    sys.stdout.flush()
    ui.note(f"review saved in {review.path}")
    return 0
