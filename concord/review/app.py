"""The review server: a Starlette application on loopback, guarded by a session token.

- Every request must carry the token printed at start: ``?token=`` (first page load), the
  ``concord_token_<port>`` cookie the page then sets (HttpOnly, SameSite=Strict), or the
  ``X-Concord-Token`` header. Edits (POST) need the header: a cookie alone is not enough, so another
  site cannot make the browser post edits. Anything else gets 403, as does a request whose ``Host``
  is not a loopback name (no DNS rebinding).
- The JSON API: ``GET /api/state`` (everything the page shows), ``POST /api/op`` (an operation),
  ``POST /api/undo``, ``POST /api/redo`` (each answers with a patch of the beads it changed, after
  the edit is on disk), ``GET /api/export?format=tmx|po|tsv&scope=all|confirmed`` (a download).
- :func:`serve` binds to a loopback address only and runs uvicorn.
"""
from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import secrets
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from concord.review.annotate import Annotator
from concord.review.codes import codes
from concord.review.export import FORMATS, SCOPES, export_review
from concord.review.journal import ReviewFile
from concord.review.model import Change, EditError, ReviewBead
from concord.review.operations import operation_from_json
from concord.review.session import Rescorer, ReviewSession

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
TOKEN_HEADER = "x-concord-token"
#: operations that make new beads, which wait for the rescorer (the others never do)
REGROUPING = frozenset({"merge", "split", "move", "insert-empty"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


class NotLoopbackError(ValueError):
    """A host to listen on that is not a loopback address."""


def loopback_address(host: str) -> str:
    """The loopback address to bind for ``host`` ("localhost" → "127.0.0.1"); raises
    :class:`NotLoopbackError` for anything that is not loopback."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise NotLoopbackError(f"--host {host!r} is not a loopback address: the review server "
                               "only listens on 127.0.0.1, ::1 or localhost") from None
    if not address.is_loopback:
        raise NotLoopbackError(f"--host {host} is not a loopback address: the review server only "
                               "listens on 127.0.0.1, ::1 or localhost, so that nobody else on "
                               "the network can reach it")
    return str(address)


def new_token() -> str:
    """A fresh random session token."""
    return secrets.token_urlsafe(24)


def cookie_name(port: int | None) -> str:
    return f"concord_token_{port or 0}"


def _host_name(host_header: str) -> str:
    if host_header.startswith("["):
        return host_header[1:host_header.find("]")] if "]" in host_header else host_header
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class TokenGuard:
    """ASGI middleware: a loopback ``Host`` and the session token, or 403."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        problem = self._problem(scope, headers)
        if problem is not None:
            response = PlainTextResponse(f"403 Forbidden: {problem}", status_code=403,
                                         headers={"cache-control": "no-store"})
            await response(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                names = {k.lower() for k, _ in message["headers"]}
                message["headers"] += [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _problem(self, scope: Scope, headers: dict[str, str]) -> str | None:
        if _host_name(headers.get("host", "")) not in LOOPBACK_NAMES:
            return "this review server only answers requests addressed to 127.0.0.1 or localhost"
        given = headers.get(TOKEN_HEADER)
        if given is not None:
            return None if secrets.compare_digest(given, self.token) else "wrong session token"
        if scope["method"] not in ("GET", "HEAD"):
            return "edits need the session token in the X-Concord-Token header"
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if "token" in query:
            ok = secrets.compare_digest(query["token"][0], self.token)
            return None if ok else "wrong session token: open the address the server printed"
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is just no token  # noqa: BLE001
            cookies = SimpleCookie()
        port = scope.get("server", (None, None))[1]
        morsel = cookies.get(cookie_name(port))
        if morsel is not None and secrets.compare_digest(morsel.value, self.token):
            return None
        return ("this Concord review server needs the session token it printed when it started: "
                "open the address it printed (with ?token=...)")


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

    def start_rescoring(self, build: Callable[[], Rescorer], timeout: float = 120.0) -> None:
        """Build the session's rescorer (:mod:`concord.review.rescore`) in the background; an
        edit that makes beads and comes before it is ready waits for it (up to ``timeout``
        seconds; about a second for 2,000 beads, once)."""
        self.scoring.clear()
        self.scoring_timeout = timeout

        def run() -> None:
            try:
                self.session.rescorer = build()
            except Exception as exc:  # noqa: BLE001 - the review goes on without fresh scores
                logger.warning("regrouped beads get no fresh confidence: %s", exc)
            finally:
                self.scoring.set()

        threading.Thread(target=run, name="concord-rescorer", daemon=True).start()

    @property
    def session(self) -> ReviewSession:
        return self.review.session

    # -- payloads ------------------------------------------------------------------------------
    def sentence_json(self, side: str, index: int) -> dict[str, Any]:
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
            unit = memory.units[u]
            for position, (side, tag) in enumerate((("src", memory.src_tag),
                                                    ("tgt", memory.tgt_tag))):
                variant = unit.variant(tag)
                if (variant is not None and variant.segment.has_codes
                        and not memory.sentences_of(u)[position]):
                    out.setdefault(side, []).extend(
                        [c.label, c.native] for c in codes(variant.segment))
        return out

    def bead_findings(self, bead: ReviewBead) -> list[dict[str, Any]]:
        session = self.session
        return self.annotator.findings([session.text("src", i) for i in bead.src],
                                       [session.text("tgt", i) for i in bead.tgt])

    def bead_json(self, bead: ReviewBead) -> dict[str, Any]:
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
        session = self.session
        return {"version": self.review.seq, "confirmed": session.confirmed_count,
                "total": len(session.beads), "can_undo": bool(session.undo_stack),
                "can_redo": bool(session.redo_stack),
                "undo_label": session.undo_stack[-1].label if session.undo_stack else "",
                "redo_label": session.redo_stack[-1].label if session.redo_stack else ""}

    def state(self) -> dict[str, Any]:
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
            "concepts": self.annotator.concepts,
            "sentences": {side: [self.sentence_json(side, i)
                                 for i in range(len(session.document(side).sentences))]
                          for side in ("src", "tgt")},
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
            self.scoring.wait(getattr(self, "scoring_timeout", 120.0))
        with self.lock:
            version = body.get("version")
            if version is not None and version != self.review.seq:
                return 409, {"error": "the review changed in another window; reloading",
                             "version": self.review.seq}, 0.0
            start = time.perf_counter()
            try:
                if action == "op":
                    change: Change | None = self.review.execute(operation_from_json(body.get("op")))
                    if change is not None and change.empty:
                        change = None
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
                          findings=self.bead_findings)
            return path.read_bytes(), name


def create_app(review_app: ReviewApp, token: str) -> Starlette:
    """The Starlette application serving the page and the API for ``review_app``."""
    template = (STATIC / "index.html").read_text(encoding="utf-8")

    async def index(request: Request) -> Response:
        page = template.replace("{{token}}", token).replace(
            "{{title}}", _html_escape(review_app.title))
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
            try:
                body = json.loads(await request.body() or b"{}")
            except ValueError:
                return _json({"error": "the request body is not JSON"}, 400)
            if not isinstance(body, dict):
                return _json({"error": "the request body must be a JSON object"}, 400)
            started = time.perf_counter()
            status, payload, saved = review_app.apply(body, action)
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
        data, name = await asyncio.to_thread(review_app.export, fmt, scope)
        media = {"tmx": "application/x-tmx+xml", "po": "text/x-gettext-translation",
                 "tsv": "text/tab-separated-values"}[fmt]
        return Response(data, media_type=media,
                        headers={"content-disposition": f'attachment; filename="{name}"'})

    routes = [
        Route("/", index),
        Route("/api/state", state),
        Route("/api/op", editing("op"), methods=["POST"]),
        Route("/api/undo", editing("undo"), methods=["POST"]),
        Route("/api/redo", editing("redo"), methods=["POST"]),
        Route("/api/export", export),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(TokenGuard, token=token)
    return app


def _json(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json")


def _html_escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on loopback ``host`` (``port`` 0 picks a free one)."""
    address = loopback_address(host)
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    # proto must say TCP: asyncio sets TCP_NODELAY only on sockets that do, and without it every
    # answer waits ~40 ms for a delayed ACK (Nagle), as the response goes out in two writes
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((address, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_for(sock: socket.socket, token: str) -> str:
    """The address to open, token included."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


class _Stopped(Exception):
    """SIGTERM arrived: stop serving like Ctrl-C does."""


def _stop(signum: int, frame: object) -> None:
    raise _Stopped


def serve(app: Starlette, sock: socket.socket, *, log_level: str = "warning") -> None:
    """Run ``app`` with uvicorn on the bound socket until Ctrl-C or SIGTERM, then return.

    uvicorn shuts down gracefully and then raises the signal again; in the main thread it is
    turned into a normal return here, so that the caller can close the review file cleanly.
    """
    import uvicorn
    config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if main else None
    try:
        server.run(sockets=[sock])
    except (KeyboardInterrupt, _Stopped):
        pass
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
