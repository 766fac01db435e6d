"""A plain ``tu`` as text, byte for byte what lxml serialises for the element
:meth:`tmx.writer.TMXWriter.element` builds (pretty printed), without building it.

"Plain": properties but no notes, every ``tuv`` with a language and one run of text (no inline
codes, no attributes, properties or notes of its own), attribute names that need no namespace.
Escaping is libxml2's: ``&``, ``<`` and ``>`` everywhere, carriage returns as ``&#13;``, and in
attribute values also ``"``, tabs and line feeds (``&quot;``, ``&#9;``, ``&#10;``).
"""
from __future__ import annotations

import re

#: what needs escaping (most text has none of it)
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>\r"\t\n]')
#: attribute names written as they are (no namespace, nothing to escape)
PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")


def escape_text(text: str) -> str:
    """``text`` as element content."""
    if _TEXT_SPECIAL.search(text) is None:
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def escape_attr(value: str) -> str:
    """``value`` as an attribute value (between double quotes)."""
    if _ATTR_SPECIAL.search(value) is None:
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;").replace('"', "&quot;").replace("\t", "&#9;")
            .replace("\n", "&#10;"))


def tu_text(attrs: dict[str, str], props: list[tuple[str, str]],
            variants: list[tuple[str, str]]) -> str:
    """The ``tu`` with ``attrs`` (names checked by the caller against :data:`PLAIN_NAME`),
    ``props`` (type, text) and ``variants`` (language, text of the segment; at least one), all
    values already cleaned of characters XML cannot carry, pretty printed as the writer indents
    it (the line break after it not included)."""
    parts = ["<tu"]
    for name, value in attrs.items():
        parts.append(f' {name}="{escape_attr(value)}"')
    parts.append(">")
    for kind, value in props:
        parts.append(f'\n  <prop type="{escape_attr(kind)}">{escape_text(value)}</prop>')
    for lang, text in variants:
        parts.append(f'\n  <tuv xml:lang="{escape_attr(lang)}">\n    <seg>{escape_text(text)}'
                     '</seg>\n  </tuv>')
    parts.append("\n</tu>")
    return "".join(parts)
