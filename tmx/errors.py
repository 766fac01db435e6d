"""Errors raised for unreadable or invalid translation memory files."""
from __future__ import annotations

from align.errors import InputError


class TMXError(InputError):
    """A memory file that cannot be read; ``str()`` gives ``path:line:column: message``."""
