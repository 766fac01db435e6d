"""The review server's gate: a loopback ``Host`` and the session token, or 403.

Every request must carry the token printed at start: ``?token=`` (first page load), the
``concord_token_<port>`` cookie the page then sets (HttpOnly, SameSite=Strict), or the
``X-Concord-Token`` header. Edits (POST) need the header: a cookie alone is not enough, so another
site cannot make the browser post edits. Anything else gets 403, as does a request whose ``Host``
is not a loopback name (no DNS rebinding). Every answer carries :data:`SECURITY_HEADERS`.
"""
from __future__ import annotations

import secrets
from http.cookies import SimpleCookie
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import parse_qs

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

TOKEN_HEADER = "x-concord-token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


def new_token() -> str:
    """A fresh random session token."""
    return secrets.token_urlsafe(24)


def cookie_name(port: int | None) -> str:
    """The name of the cookie holding the token of the server on ``port``."""
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

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                names = {k.lower() for k, _ in message["headers"]}
                message["headers"] += [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _is_token(self, given: str) -> bool:
        """Whether ``given`` is the session token, in constant time (compared as bytes: a
        non-ASCII string would make :func:`secrets.compare_digest` raise)."""
        return secrets.compare_digest(given.encode("utf-8", "surrogatepass"),
                                      self.token.encode("utf-8"))

    def _problem(self, scope: Scope, headers: dict[str, str]) -> str | None:
        if _host_name(headers.get("host", "")) not in LOOPBACK_NAMES:
            return "this review server only answers requests addressed to 127.0.0.1 or localhost"
        given = headers.get(TOKEN_HEADER)
        if given is not None:
            return None if self._is_token(given) else "wrong session token"
        if scope["method"] not in ("GET", "HEAD"):
            return "edits need the session token in the X-Concord-Token header"
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if "token" in query:
            ok = self._is_token(query["token"][0])
            return None if ok else "wrong session token: open the address the server printed"
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is just no token
            cookies = SimpleCookie()
        port = scope.get("server", (None, None))[1]
        morsel = cookies.get(cookie_name(port))
        if morsel is not None and self._is_token(morsel.value):
            return None
        return ("this Concord review server needs the session token it printed when it started: "
                "open the address it printed (with ?token=...)")
