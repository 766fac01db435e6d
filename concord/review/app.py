"""The review application: the JSON API and the page over a :class:`ReviewFile`.

- ``GET /`` (the page), ``GET /api/state`` (everything the page shows), ``POST /api/op`` (an
  operation), ``POST /api/undo``, ``POST /api/redo`` (each answers with a patch of the beads it
  changed, after the edit is on disk), ``GET /api/export?format=tmx|po|tsv&scope=all|confirmed``
  (a download); with a translation-memory store (``--tm``), ``GET /api/tm/matches?key=N``
  (the store's best matches for bead N) and ``GET /api/tm/concordance?term=T``.
- Every request goes through :class:`concord.review.guard.TokenGuard` (loopback ``Host``, session
  token); :mod:`concord.review.server` listens on loopback and runs uvicorn.
- Every failure is answered with a JSON ``{"error": reason}`` the page shows: 400 for a body that
  is not a JSON object (or nests deeper than Python parses), 413 past :data:`MAX_BODY`, 507 when
  the review file cannot be written (a full disk: the edit is not applied), 500 for a bug.
"""
from __future__ import annotations

import asyncio
import errno
import html
import json
import logging
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from concord.reports import HIGH_CONFIDENCE, LOW_CONFIDENCE
from concord.review.annotate import Annotator
from concord.review.codes import codes
from concord.review.export import FORMATS, SCOPES, export_review
from concord.review.guard import TokenGuard, cookie_name
from concord.review.journal import ReviewFile
from concord.review.model import SIDES, Change, EditError, ReviewBead, Side
from concord.review.operations import operation_from_json
from concord.review.session import Rescorer, ReviewSession
from concord.review.tmpanel import TMPanel

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
#: operations that make new beads, which wait for the rescorer (the others never do)
REGROUPING = frozenset({"merge", "split", "move", "insert-empty"})
#: the largest request body read: an edit of a sentence is a few kilobytes
MAX_BODY = 1024 * 1024


class ReviewApp:
    """The review behind the HTTP API: a :class:`ReviewFile`, its annotations, the page payloads."""

    def __init__(self, review: ReviewFile, annotator: Annotator, *, doc_id: str,
                 title: str = "") -> None:
        self.review = review
        review.defer_snapshots = True   # taken after the answer (see compact), not in an edit
        self.annotator = annotator
        self.doc_id = doc_id
        self.title = title or doc_id
        self.lock = threading.Lock()
        self.scoring = threading.Event()
        self.scoring.set()
        self.scoring_timeout = 120.0
        #: the PO writer's fuzzy options for the PO export (--confirmed-threshold, --no-fuzzy)
        self.po_options: dict[str, Any] = {}
        #: the translation-memory side panel, when the review was started with a store
        self.tm_panel: TMPanel | None = None

    def start_rescoring(self, build: Callable[[], Rescorer], timeout: float = 120.0) -> None:
        """Build the session's rescorer (:mod:`concord.review.rescore`) in the background; an
        edit that makes beads and comes before it is ready waits for it (up to ``timeout``
        seconds; about a second for 2,000 beads, once)."""
        self.scoring.clear()
        self.scoring_timeout = timeout

        def run() -> None:
            try:
                self.session.rescorer = build()
            except Exception as exc:
                logger.warning("regrouped beads get no fresh confidence: %s", exc)
            finally:
                self.scoring.set()

        threading.Thread(target=run, name="concord-rescorer", daemon=True).start()

    @property
    def session(self) -> ReviewSession:
        return self.review.session

    # -- payloads ------------------------------------------------------------------------------
    def sentence_json(self, side: Side, index: int) -> dict[str, Any]:
        """One sentence as the page shows it: text, paragraph, kind, original, codes, terms."""
        session = self.session
        doc = session.document(side)
        sentence = doc.sentences[index]
        text = session.text(side, index)
        out: dict[str, Any] = {"text": text, "p": sentence.paragraph, "kind": sentence.kind}
        if index in session.edits[side]:
            out["orig"] = sentence.text
        if index in session.segments[side]:
            # inline codes: where they sit in the plain text, and the edit box's token text
            out["codes"] = [[c.offset, c.label, c.native]
                            for c in codes(session.segment(side, index))]
            out["tok"] = session.tokens(side, index)
            if "orig" in out:
                out["orig_tok"] = session.original_tokens(side, index)
        terms = self.annotator.terms(text, doc.lang)
        if terms:
            out["terms"] = terms
        return out

    def lone_codes(self, bead: ReviewBead) -> dict[str, list[list[str]]]:
        """Inline codes on a side of the bead's units that holds no text (kept on export):
        ``{side: [[label, native code], ...]}``."""
        memory = self.session.memory
        if memory is None:
            return {}
        out: dict[str, list[list[str]]] = {}
        for u in memory.units_of(bead):
            for side in SIDES:
                lone = memory.code_only(u, side)
                if lone is not None:
                    out.setdefault(side, []).extend([c.label, c.native] for c in codes(lone))
        return out

    def bead_findings(self, bead: ReviewBead) -> list[dict[str, Any]]:
        """The check findings of ``bead`` as it reads now (cached by content)."""
        session = self.session
        return self.annotator.findings([session.text("src", i) for i in bead.src],
                                       [session.text("tgt", i) for i in bead.tgt])

    def bead_json(self, bead: ReviewBead) -> dict[str, Any]:
        """One bead as the page shows it: sentences, confidence, status, lone codes, findings."""
        out: dict[str, Any] = {"key": bead.key, "src": list(bead.src), "tgt": list(bead.tgt),
                               "conf": bead.confidence, "status": bead.status}
        if bead.local:
            out["local"] = True
        lone = self.lone_codes(bead)
        if lone:
            out["lone"] = lone
        findings = self.bead_findings(bead)
        if findings:
            out["findings"] = findings
        return out

    def counts(self) -> dict[str, Any]:
        """Version, progress and what undo and redo would do."""
        session = self.session
        return {"version": self.review.seq, "confirmed": session.confirmed_count,
                "total": len(session.beads), "can_undo": bool(session.undo_stack),
                "can_redo": bool(session.redo_stack),
                "undo_label": session.undo_stack[-1].label if session.undo_stack else "",
                "redo_label": session.redo_stack[-1].label if session.redo_stack else ""}

    def state(self) -> dict[str, Any]:
        """Everything the page shows (``GET /api/state``)."""
        session = self.session
        meta = session.meta
        return {
            **self.counts(),
            "title": self.title,
            "doc_id": self.doc_id,
            "source": {"name": session.source.name, "lang": session.source.lang},
            "target": {"name": session.target.name, "lang": session.target.lang},
            "warnings": list(meta.get("warnings", [])) + list(self.review.warnings),
            "glossary": meta.get("glossary") or "",
            "tm": self.tm_panel.name if self.tm_panel is not None else "",
            "concepts": self.annotator.concepts,
            "confidence": {"low": LOW_CONFIDENCE, "high": HIGH_CONFIDENCE},
            "sentences": {side: [self.sentence_json(side, i)
                                 for i in range(len(session.document(side).sentences))]
                          for side in SIDES},
            "beads": [self.bead_json(b) for b in session.beads],
        }

    def patch(self, change: Change | None, forwards: bool) -> dict[str, Any]:
        """What the page needs to redraw after ``change``: the beads that replaced a range."""
        out = self.counts()
        if change is None:
            return {**out, "label": "", "start": 0, "remove": 0, "beads": [], "sentences": {}}
        session = self.session
        inserted = change.after if forwards else change.before
        removed = change.before if forwards else change.after
        start, remove, beads = change.start, len(removed), list(inserted)
        sentences: dict[str, dict[str, Any]] = {}
        if change.texts:
            touched = sorted({session.bead_of(t.side, t.index) for t in change.texts})
            start, remove = touched[0], touched[-1] - touched[0] + 1
            beads = session.beads[start:start + remove]
            for t in change.texts:
                sentences.setdefault(t.side, {})[str(t.index)] = self.sentence_json(t.side, t.index)
        label = change.label if forwards else f"undid: {change.label}"
        return {**out, "label": label, "start": start, "remove": remove,
                "beads": [self.bead_json(b) for b in beads], "sentences": sentences}

    # -- edits ---------------------------------------------------------------------------------
    def apply(self, body: dict[str, Any], action: str) -> tuple[int, dict[str, Any], float]:
        """Run one edit request; returns an HTTP status, a JSON body and the milliseconds it
        took to apply the edit and make it durable (journal line written and fsynced)."""
        op = body.get("op")
        if (action == "op" and not self.scoring.is_set() and isinstance(op, dict)
                and op.get("type") in REGROUPING):
            self.scoring.wait(self.scoring_timeout)
        with self.lock:
            version = body.get("version")
            if version is not None and version != self.review.seq:
                return 409, {"error": "the review changed in another window; reloading",
                             "version": self.review.seq}, 0.0
            start = time.perf_counter()
            try:
                if action == "op":
                    done = self.review.execute(operation_from_json(op))
                    change: Change | None = None if done.empty else done
                elif action == "undo":
                    change = self.review.undo()
                else:
                    change = self.review.redo()
            except EditError as exc:
                return 422, {"error": str(exc), **self.counts()}, 0.0
            saved = (time.perf_counter() - start) * 1000
            return 200, self.patch(change, forwards=action != "undo"), saved

    def compact(self) -> None:
        """Write the periodic snapshot of the review file, when one is due."""
        with self.lock:
            self.review.compact()

    def export(self, fmt: str, scope: str) -> tuple[bytes, str]:
        """The review written as ``fmt`` (tmx, po, tsv); returns its bytes and a file name."""
        with self.lock, tempfile.TemporaryDirectory(prefix="concord-export-") as folder:
            name = f"{self.doc_id}.{'confirmed' if scope == 'confirmed' else 'reviewed'}.{fmt}"
            path = Path(folder) / name
            export_review(self.session, path, doc_id=self.doc_id, fmt=fmt, scope=scope,
                          findings=self.bead_findings, po_options=self.po_options)
            return path.read_bytes(), name


def create_app(review_app: ReviewApp, token: str) -> Starlette:
    """The Starlette application serving the page and the API for ``review_app``."""
    template = (STATIC / "index.html").read_text(encoding="utf-8")

    async def index(request: Request) -> Response:
        page = template.replace("{{token}}", token).replace(
            "{{title}}", html.escape(review_app.title))
        response = HTMLResponse(page)
        response.set_cookie(cookie_name(request.scope.get("server", (None, None))[1]), token,
                            httponly=True, samesite="strict", path="/")
        return response

    async def state(request: Request) -> Response:
        with review_app.lock:
            payload = review_app.state()
        return _json(payload)

    def editing(action: str) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            body = await _json_body(request)
            if isinstance(body, Response):
                return body
            started = time.perf_counter()
            try:
                status, payload, saved = review_app.apply(body, action)
            except OSError as exc:  # the journal rolled the edit back: say why it is not saved
                return _json({"error": _not_saved(exc, review_app.review.path),
                              **review_app.counts()}, _status_for(exc))
            response = _json(payload, status)
            if review_app.review.snapshot_due:   # compaction after the answer, not before
                response.background = BackgroundTask(review_app.compact)
            total = (time.perf_counter() - started) * 1000
            response.headers["server-timing"] = f"save;dur={saved:.2f}, total;dur={total:.2f}"
            return response
        return endpoint

    async def export(request: Request) -> Response:
        fmt = request.query_params.get("format", "tmx")
        scope = request.query_params.get("scope", "all")
        if fmt not in FORMATS or scope not in SCOPES:
            return _json({"error": f"format must be one of {', '.join(FORMATS)} and scope one "
                                   f"of {', '.join(SCOPES)}"}, 400)
        try:
            data, name = await asyncio.to_thread(review_app.export, fmt, scope)
        except OSError as exc:
            return _json({"error": f"the export could not be written: {exc.strerror or exc}"},
                         _status_for(exc))
        media = {"tmx": "application/x-tmx+xml", "po": "text/x-gettext-translation",
                 "tsv": "text/tab-separated-values"}[fmt]
        return Response(data, media_type=media,
                        headers={"content-disposition": f'attachment; filename="{name}"'})

    async def tm_matches(request: Request) -> Response:
        panel = review_app.tm_panel
        if panel is None:
            return _json({"error": "no translation-memory store (concord review ... --tm DB)"},
                         404)
        try:
            key = int(request.query_params.get("key", ""))
        except ValueError:
            return _json({"error": "key must be a bead key (a number)"}, 400)

        try:
            with review_app.lock:  # the bead's text as it reads now
                lang, text = panel.query(review_app.session, key)
        except KeyError:
            return _json({"error": f"no bead {key}"}, 404)
        return _json(await asyncio.to_thread(panel.matches, lang, text))

    async def tm_concordance(request: Request) -> Response:
        panel = review_app.tm_panel
        if panel is None:
            return _json({"error": "no translation-memory store (concord review ... --tm DB)"},
                         404)
        term = request.query_params.get("term", "")
        return _json(await asyncio.to_thread(panel.concordance, term))

    routes = [
        Route("/", index),
        Route("/api/tm/matches", tm_matches),
        Route("/api/tm/concordance", tm_concordance),
        Route("/api/state", state),
        Route("/api/op", editing("op"), methods=["POST"]),
        Route("/api/undo", editing("undo"), methods=["POST"]),
        Route("/api/redo", editing("redo"), methods=["POST"]),
        Route("/api/export", export),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={Exception: _internal_error})
    app.add_middleware(TokenGuard, token=token)
    return app


async def _json_body(request: Request) -> dict[str, Any] | Response:
    """The request's JSON object, read up to :data:`MAX_BODY`; or the 4xx answer saying why
    not (too large, not JSON, nested deeper than the parser goes, not an object)."""
    too_large = _json({"error": f"the request is larger than {MAX_BODY // 1024} KiB, the most "
                                "an edit may send"}, 413)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        return too_large
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            return too_large
    try:
        body = json.loads(bytes(data) or b"{}")
    except RecursionError:
        return _json({"error": "the request body nests too deeply to be read"}, 400)
    except ValueError:
        return _json({"error": "the request body is not JSON"}, 400)
    if not isinstance(body, dict):
        return _json({"error": "the request body must be a JSON object"}, 400)
    return body


def _status_for(exc: OSError) -> int:
    """507 Insufficient Storage for a full disk or quota, else 500."""
    return 507 if exc.errno in (errno.ENOSPC, errno.EDQUOT) else 500


def _not_saved(exc: OSError, path: Path) -> str:
    reason = "no space left on device" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
    return f"not saved: the review file {path} cannot be written ({reason}); the edit is undone"


async def _internal_error(request: Request, exc: Exception) -> Response:
    """A bug: a one-line reason for the page (the traceback goes to the server's log)."""
    logger.error("review server error on %s", request.url.path, exc_info=exc)
    return _json({"error": f"internal error ({type(exc).__name__}); the terminal running "
                           "concord review has the details"}, 500)


def _json(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json")

