"""Safe, streaming access to an XML memory file: encoding sniffing, root check, secure parsing.

Every XML file the package reads goes through here. The parser never resolves entities, never
loads a DTD and never touches the network, and huge text nodes are refused: no XXE, no
billion-laughs expansion. A document type that declares entities is refused outright with a clear
error, found by reading the prolog before libxml2 parses it (:mod:`align.xmlprolog`). Parse errors become :class:`~tmx.errors.TMXError` with path, line and column.
"""
from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from align.xmlprolog import declared_entities
from tmx.errors import TMXError

#: options of every parser in the package: nothing outside the file is ever read
SAFE_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                "huge_tree": False, "dtd_validation": False}

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_WHERE_SUFFIX = re.compile(r",? line \d+, column \d+$")
#: attributes one element may carry: TMX elements have a dozen at most, and lxml reads an
#: element's attributes in time quadratic in their number
MAX_ATTRIBUTES = 256


def safe_parser() -> etree.XMLParser:
    """An XML parser with :data:`SAFE_OPTIONS` (for small in-memory fragments)."""
    return etree.XMLParser(**SAFE_OPTIONS)


def encoding_override(path: str | os.PathLike[str]) -> str | None:
    """The encoding to force on the parser when the declaration contradicts the bytes.

    Tools write UTF-8 (with or without a byte-order mark) under ``encoding="UTF-16"``; libxml2
    trusts a BOM but otherwise fails on such a file. ``None`` lets the parser decide (BOM,
    declaration, or UTF-8).
    """
    with open(path, "rb") as handle:
        head = handle.read(200)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return "utf-8" if name == "utf-8" else None
    declared = _DECLARED.match(head)
    if declared and declared.group(1).lower().replace(b"_", b"-").startswith(
            (b"utf-16", b"utf-32", b"ucs-2", b"ucs-4", b"unicode")):
        return "utf-8"  # ASCII-compatible bytes cannot be UTF-16/32 without a BOM
    return None


def syntax_error(path: str | os.PathLike[str], exc: etree.XMLSyntaxError) -> TMXError:
    """A :class:`TMXError` naming the file, line and column of a parse error."""
    message, line, column = exc.msg or "", exc.lineno, exc.position[1] if exc.position else None
    if not line or line <= 0:
        entries = [e for e in exc.error_log if e.line > 0]
        if entries:
            last = entries[-1]
            message, line, column = last.message, last.line, last.column
        else:
            line = column = None
    message = _WHERE_SUFFIX.sub("", message.strip())
    if any(word in message.lower() for word in ("depth", "huge", "limit")):
        # libxml2's own bounds (nesting deeper than 256, a text node over 10 MB): not truncated
        if "depth" in message.lower():
            message = "elements nested too deep (" + message.split(",")[0] + ")"
        return TMXError(f"refused: {message}, a bound against hostile files", path=str(path),
                        line=line, column=column)
    if line is not None and _well_formed_until_the_end(path):
        message += " (the file ends here: it is truncated)"
    return TMXError(f"not well-formed XML: {message}", path=str(path), line=line, column=column)


class _NoTree:
    """A parser target that builds nothing."""

    def close(self) -> None:
        return None


def _well_formed_until_the_end(path: str | os.PathLike[str]) -> bool:
    """True when the file is well-formed as far as it goes: the parser ran out of data (a
    truncated file), as opposed to meeting an error in it (even on its last line)."""
    parser = etree.XMLParser(target=_NoTree(), encoding=encoding_override(path),
                             **SAFE_OPTIONS)
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                parser.feed(block)
    except etree.XMLSyntaxError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Root:
    """What the start of a file says: the root element's name and attributes, and its line."""

    tag: str
    attrs: dict[str, str]
    line: int


def read_root(path: str | os.PathLike[str], encoding: str | None) -> Root:
    """The root element of ``path``, parsing no further than its start tag.

    Raises :class:`TMXError` for malformed XML before the root, and for a document type that
    declares entities (the XXE and entity-expansion attacks).
    """
    refuse_entities(path, declared_entities(path))
    context = etree.iterparse(str(path), events=("start",), encoding=encoding, **SAFE_OPTIONS)
    try:
        for _event, element in context:
            refuse_entity_declarations(path, element)
            return Root(element.tag if isinstance(element.tag, str) else "",
                        dict(element.attrib), element.sourceline or 1)
    except etree.XMLSyntaxError as exc:
        error = syntax_error(path, exc)
        other = _other_format(path)
        if other is not None:
            error = TMXError(f"not a TMX file: this looks like {other} ('concord convert' turns "
                             "it into TMX)", path=str(path), line=1)
        raise error from None
    raise TMXError("not an XML file (no root element)", path=str(path), line=1)


_FORMAT_NAMES = {"po": "a PO file", "jsonl": "a JSONL file", "tsv": "a TSV file"}


def _other_format(path: str | os.PathLike[str]) -> str | None:
    """What a file that is not XML at all looks like, when it is another memory format."""
    from tmx.formats import sniff

    return _FORMAT_NAMES.get(sniff(Path(path)) or "")


def refuse_entity_declarations(path: str | os.PathLike[str], element: etree._Element) -> None:
    """Raise :class:`TMXError` when the document's DTD declares entities (never expanded here):
    those the prolog scan did not reach (see :mod:`align.xmlprolog`)."""
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is not None:
        refuse_entities(path, [entity.name for entity in dtd.entities()])


def refuse_entities(path: str | os.PathLike[str], names: list[str]) -> None:
    """Raise :class:`TMXError` when ``names``, the entities the file declares, is not empty."""
    if names:
        raise TMXError("the document type declares entities (" + ", ".join(names[:5]) +
                       "); entity declarations are refused so that nothing is expanded or fetched "
                       "(protection against XXE and entity-expansion attacks)", path=str(path),
                       line=1)


def iter_events(path: str | os.PathLike[str], *, tag: Sequence[str] | None = None,
                encoding: str | None = None) -> Iterator[tuple[str, etree._Element]]:
    """Stream ``("end", element)`` pairs from ``path`` with the secure parser, each element
    complete; parse errors become :class:`TMXError` with line and column. The caller clears
    elements it is done with."""
    context = etree.iterparse(str(path), events=("end",), tag=tag, encoding=encoding,
                              **SAFE_OPTIONS)
    try:
        yield from context
    except etree.XMLSyntaxError as exc:
        raise syntax_error(path, exc) from None


def check_attributes(path: str | os.PathLike[str], element: etree._Element) -> None:
    """:class:`TMXError` naming the line when ``element`` carries more than
    :data:`MAX_ATTRIBUTES` attributes (cheap to count; reading them would take minutes)."""
    count = len(element.attrib)
    if count > MAX_ATTRIBUTES:
        raise TMXError(f"<{element.tag}> has {count} attributes (at most {MAX_ATTRIBUTES} are "
                       "read): refused as a hostile file", path=str(path), line=element.sourceline)


def release(element: etree._Element) -> None:
    """Free an element that has been read, and the siblings before it, so memory stays flat."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def check_readable(path: str | os.PathLike[str]) -> Path:
    """``path`` as a :class:`Path`; :class:`TMXError` when it is missing, a directory or empty."""
    p = Path(path)
    if not p.exists():
        raise TMXError("no such file", path=str(p))
    if p.is_dir():
        raise TMXError("is a directory, not a file", path=str(p))
    if p.stat().st_size == 0:
        raise TMXError("the file is empty", path=str(p))
    return p


def open_tmx(path: str | os.PathLike[str]) -> tuple[Path, str | None, Root]:
    """Check that ``path`` is a readable TMX file before streaming it: the path, the encoding to
    force on the parser (see :func:`encoding_override`) and the ``<tmx>`` root element.

    Raises :class:`TMXError` for a missing or empty file, malformed XML before the root, entity
    declarations, and a root that is not ``<tmx>`` (saying what the file is when known).
    """
    p = check_readable(path)
    encoding = encoding_override(p)
    root = read_root(p, encoding)
    if root.tag != "tmx":
        raise not_tmx(path, root)
    return p, encoding, root


#: root elements of files people give as a memory by mistake, and what they are
_OTHER_ROOTS = {"tbx": "a TBX glossary", "martif": "a TBX glossary", "html": "an HTML page",
                "xliff": "an XLIFF file", "svg": "an SVG image"}


def not_tmx(path: str | os.PathLike[str], root: Root) -> TMXError:
    """The error for an XML file whose root is not ``<tmx>``, saying what it is when known."""
    shown = root.tag.rsplit("}", 1)[-1] or "?"
    kind = _OTHER_ROOTS.get(shown.lower())
    message = f"not a TMX file: the root element is <{shown}>, not <tmx>"
    if kind == "a TBX glossary":
        message += " (this is a TBX glossary: give it with --glossary, or to 'concord glossary')"
    elif kind:
        message += f" (this is {kind})"
    return TMXError(message, path=str(path), line=root.line)
