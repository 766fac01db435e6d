"""The entity declarations of an XML file, found in its prolog before any XML parser sees them.

A document type that declares entities is refused by every XML reader of the project (TMX, TBX):
nothing is expanded or fetched (billion laughs, XXE). libxml2 stops some of these files itself,
with its own message ("Maximum entity amplification factor exceeded" since 2.14) and only once it
has read the declarations; reading the prolog first keeps the refusal, and its message, ours.

The scan reads no further than the start of the root element, and at most :data:`PROLOG_LIMIT`
characters; past that, the parser's own protections (entities never resolved) still hold.
"""
from __future__ import annotations

import codecs
import os
import re

#: characters of prolog read at most (XML declaration, comments, the document type)
PROLOG_LIMIT = 1 << 20

_UTF16_32 = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
             (b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"))
_OPENINGS = ("<!DOCTYPE", "<!--", "<?")
_NAME = re.compile(r"\s*%?\s*([^\s\"'>%]+)")


def declared_entities(path: str | os.PathLike[str], limit: int = PROLOG_LIMIT) -> list[str]:
    """The names of the entities (general and parameter) the internal subset of the document
    type of the XML file at ``path`` declares, in order; ``[]`` when it declares none (or
    none in its first ``limit`` characters)."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
        encoding = next((name for bom, name in _UTF16_32 if head.startswith(bom)), "utf-8")
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        text = decoder.decode(head)[:limit]
        while True:
            names, complete = scan_prolog(text)
            block = handle.read(1 << 16) if not complete and len(text) < limit else b""
            if not block:
                return names
            text = (text + decoder.decode(block))[:limit]


def scan_prolog(text: str) -> tuple[list[str], bool]:
    """The entities the prolog at the start of ``text`` declares, and whether the prolog is
    complete in ``text`` (the root element or the end of the internal subset was reached)."""
    i = 1 if text.startswith("\ufeff") else 0
    end = len(text)
    while i < end:
        if end - i < len("<!DOCTYPE") and any(m.startswith(text[i:]) for m in _OPENINGS):
            break                  # cut in the middle of a declaration's opening
        if text[i].isspace():
            i += 1
        elif text.startswith("<?", i):
            i = _after(text, i, "?>")
        elif text.startswith("<!--", i):
            i = _after(text, i + 4, "-->")
        elif text.startswith("<!DOCTYPE", i):
            return _doctype_entities(text, i + len("<!DOCTYPE"))
        elif text.startswith("<", i):
            return [], True        # the root element: no document type
        else:
            return [], True        # not markup: not XML, the parser will say so
    return [], False


def _doctype_entities(text: str, i: int) -> tuple[list[str], bool]:
    """The entities of the document type declaration whose name starts at ``i``."""
    end = len(text)
    while i < end and text[i] not in "[>":
        i = _after_literal(text, i) if text[i] in "\"'" else i + 1
    if i >= end:
        return [], False
    if text[i] == ">":
        return [], True            # no internal subset
    names: list[str] = []
    i += 1
    while i < end:
        if text[i] == "]":
            return names, True
        if text.startswith("<!--", i):
            i = _after(text, i + 4, "-->")
        elif text.startswith("<?", i):
            i = _after(text, i, "?>")
        elif text.startswith("<!", i):
            if text.startswith("<!ENTITY", i):
                name = _NAME.match(text, i + len("<!ENTITY"))
                names.append(name.group(1) if name else "?")
            i = _after_markup(text, i)
        else:
            i += 1                 # white space, parameter-entity references
    return names, False


def _after(text: str, start: int, end: str) -> int:
    """The index after the first ``end`` from ``start``; ``len(text)`` when there is none."""
    found = text.find(end, start)
    return len(text) if found < 0 else found + len(end)


def _after_literal(text: str, start: int) -> int:
    """The index after the quoted literal that opens at ``start``."""
    return _after(text, start + 1, text[start])


def _after_markup(text: str, start: int) -> int:
    """The index after the markup declaration at ``start`` (``>`` in quoted literals skipped)."""
    i = start
    while i < len(text):
        if text[i] in "\"'":
            i = _after_literal(text, i)
        elif text[i] == ">":
            return i + 1
        else:
            i += 1
    return len(text)
