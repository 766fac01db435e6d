"""Listening on loopback only, and running the review application with uvicorn."""
from __future__ import annotations

import ipaddress
import signal
import socket
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.applications import Starlette


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
