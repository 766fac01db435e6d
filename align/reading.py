"""Reading a document file: bytes to text, and the registry of document formats.

Each format (plain text, Markdown, HTML) has a name, its file endings and a reader from text to
paragraphs (:class:`~align.blocks.Block`); :func:`detect_format` chooses one, :func:`extract_blocks`
reads with it and drops page furniture (share and print links, menus, breadcrumbs: see
:mod:`align.boilerplate`) in every format.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from align import INPUT_FORMATS
from align.blocks import Block
from align.boilerplate import is_boilerplate
from align.decoding import decode_bytes
from align.errors import DocumentError
from align.limits import DEFAULT_LIMITS
from align.plaintext import markdown_blocks, text_blocks


@dataclass(frozen=True, slots=True)
class DocumentFormat:
    """One document format: its name, the file endings that imply it, its paragraph reader."""

    name: str
    extensions: tuple[str, ...]
    blocks: Callable[[str], list[Block]]


def _html_blocks(text: str) -> list[Block]:
    """:func:`align.html_extract.html_blocks`, imported when a page is read (it imports
    ``lxml.html``, which plain text does not need)."""
    from align.html_extract import html_blocks

    return html_blocks(text)


#: the document formats by name, in the order of :data:`align.INPUT_FORMATS`
REGISTRY: dict[str, DocumentFormat] = {f.name: f for f in (
    DocumentFormat("txt", (".txt", ".text", ".sents"), text_blocks),
    DocumentFormat("md", (".md", ".markdown", ".mdown"), markdown_blocks),
    DocumentFormat("html", (".html", ".htm", ".xhtml", ".shtml"), _html_blocks),
)}
FORMATS = INPUT_FORMATS
_EXTENSIONS = {ext: f.name for f in REGISTRY.values() for ext in f.extensions}


# ---------------------------------------------------------------------------------------------
# files

def read_source(path: str | os.PathLike[str], max_bytes: int = DEFAULT_LIMITS.max_bytes) -> str:
    """The decoded text of the file at ``path``; :class:`DocumentError` naming it if it cannot be
    read as a text document (missing, a directory, empty, binary, undecodable) or holds more
    than ``max_bytes`` (no more is ever read: a device or a FIFO stops there too)."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise DocumentError("no such file", path=name)
    if p.is_dir():
        raise DocumentError("is a directory, not a file", path=name)
    try:
        with open(p, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise DocumentError("permission denied", path=name) from None
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}", path=name) from None
    if not data:
        raise DocumentError("empty document (0 bytes)", path=name)
    if len(data) > max_bytes:
        raise DocumentError(f"larger than {max_bytes:,} bytes, the most a document may hold "
                            "(--max-document-size raises it)", path=name)
    text, _ = decode_bytes(data, name)
    if not text.strip():
        raise DocumentError("empty document (only white space)", path=name)
    other = other_file_kind(text)
    if other is not None:
        kind, where = other
        raise DocumentError(f"this is {kind}, not a document to align: {where}", path=name)
    return text


_XML_ROOT = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
                       r"<(?:[\w.-]+:)?([\w.-]+)", re.S)
_GLOSSARY_HEADER = re.compile(r"\A\ufeff?\s*concept\s*[,;\t]", re.I)
_PO_START = re.compile(r'\A\ufeff?(?:#[^\n]*\n|\s*\n)*(?:msgctxt|msgid) "', re.M)


def other_file_kind(text: str) -> tuple[str, str] | None:
    """What a file handed over as a document really is, when it is one of the project's other
    inputs (a memory, a glossary, a PO file), and where it belongs; ``None`` for a document."""
    root = _XML_ROOT.match(text[:4000])
    if root is not None:
        tag = root.group(1).lower()
        if tag == "tmx":
            return "a translation memory (TMX)", "check it with --tmx"
        if tag in ("tbx", "martif"):
            return "a TBX glossary", "give it with --glossary"
    first = text.lstrip("\ufeff").split("\n", 1)[0].lower()
    if _GLOSSARY_HEADER.match(first) and "term" in first and "lang" in first:
        return "a glossary (CSV with concept, lang and term columns)", "give it with --glossary"
    if _PO_START.match(text[:4000]):
        return "a PO file", "a memory goes to --tmx or concord convert, a glossary to --glossary"
    return None


def detect_format(path: str | os.PathLike[str] | None, text: str) -> str:
    """"txt", "md" or "html": by the file extension, else by looking at the text."""
    if path is not None:
        fmt = _EXTENSIONS.get(Path(path).suffix.lower())
        if fmt:
            return fmt
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or re.search(
            r"<(?:html|body|head|div|p|article)[\s>]", head):
        return "html"
    return "txt"


def extract_blocks(text: str, fmt: str) -> list[Block]:
    """The paragraphs of ``text`` read as ``fmt`` ("txt", "md" or "html"), furniture dropped."""
    found = REGISTRY.get(fmt)
    if found is None:
        raise ValueError(f"unknown document format {fmt!r} (expected one of {', '.join(FORMATS)})")
    blocks = found.blocks(text)
    return [b for b in blocks if b.text.strip() and not is_boilerplate(b.text)]
