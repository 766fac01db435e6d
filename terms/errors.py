"""Errors raised for glossary files that cannot be used."""
from __future__ import annotations

from align.errors import InputError


class GlossaryError(InputError):
    """A glossary with a syntax error, an unknown value or a conflict that stops loading."""
