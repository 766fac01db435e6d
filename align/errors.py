"""Errors the engine raises for unusable input: each names the file and, when known, the line."""
from __future__ import annotations


class InputError(Exception):
    """Input that cannot be used; ``str()`` gives ``path:line:column: message``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = [str(p) for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(where) + ": " + self.message if where else self.message


class DocumentError(InputError):
    """A document that cannot be read: missing, binary, empty or undecodable."""
