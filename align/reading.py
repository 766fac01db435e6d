"""Reading a document file: bytes to text, then text to paragraphs (plain text, Markdown, HTML).

A paragraph is a :class:`Block`: its text as written (line breaks inside a wrapped paragraph become
a space, or nothing between Chinese characters), the input line it starts on, and a hint from the
markup when the markup says what it is (a title or a heading). Page furniture (share and print
links, menus, breadcrumbs) is dropped in every format (see :mod:`align.boilerplate`).
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from align import INPUT_FORMATS
from align.boilerplate import is_boilerplate
from align.decoding import decode_bytes
from align.errors import DocumentError
from align.kinds import is_dateline
from align.limits import DEFAULT_LIMITS
from align.language import is_han

FORMATS = INPUT_FORMATS
_EXTENSIONS = {".txt": "txt", ".text": "txt", ".sents": "txt", ".md": "md", ".markdown": "md", ".mdown": "md", ".html": "html", ".htm": "html",
               ".xhtml": "html", ".shtml": "html"}


@dataclass(frozen=True)
class Block:
    """One paragraph of a document.

    ``line`` is the 1-based input line the paragraph starts on (``None`` when unknown);
    ``starts`` lists ``(offset in text, input line)`` for every input line the paragraph spans;
    ``kind`` is "title" or "heading" when the markup says so, else ``None``.
    """

    text: str
    line: int | None = None
    kind: str | None = None
    starts: tuple[tuple[int, int], ...] = field(default=())

    def line_at(self, offset: int) -> int | None:
        """The input line of character ``offset`` of the paragraph's text."""
        if not self.starts:
            return self.line
        # (offset, inf) sorts after every start at or before ``offset``: no list built per call
        k = bisect.bisect_right(self.starts, (offset, math.inf)) - 1
        return self.starts[max(k, 0)][1]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as an editor counts them (only CR, LF and CRLF break a line; unlike
    ``str.splitlines``, U+2028 or a form feed inside a line does not)."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# ---------------------------------------------------------------------------------------------
# files

def read_source(path: str | Path, max_bytes: int = DEFAULT_LIMITS.max_bytes) -> str:
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


def detect_format(path: str | Path | None, text: str) -> str:
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
    if fmt == "html":
        from align.html_extract import html_blocks
        blocks = html_blocks(text)
    elif fmt == "md":
        blocks = markdown_blocks(text)
    elif fmt == "txt":
        blocks = text_blocks(text)
    else:
        raise ValueError(f"unknown document format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return [b for b in blocks if b.text.strip() and not is_boilerplate(b.text)]


# ---------------------------------------------------------------------------------------------
# joining wrapped lines

_FINAL_END = re.compile(r"[.!?。！？…:：;；][\"'”’)\]）」』》]*$")
_SOFT_END = re.compile(r"[,，、\-–(（]$")
_ENUM_START = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）.．、]|[-*•·]\s)")


def join_lines(first: str, second: str) -> str:
    """Two lines of one paragraph joined: nothing between Chinese characters or after a hyphen
    that ends a word ("China-" + "Kazakhstan"; the hyphen is kept), else one space."""
    a, b = first.rstrip(), second.lstrip()
    if not a or not b:
        return a + b
    if len(a) >= 2 and a[-1] == "-" and a[-2].isalnum() and b[0].isalnum():
        return a + b
    if (is_han(a[-1]) or a[-1] in "，、；：“（《") and (is_han(b[0]) or b[0] in "，。、；：”）》"):
        return a + b
    return a + " " + b


def _is_wrapped(line: str, nxt: str, longest: int, lines: int) -> bool:
    """Whether ``nxt`` continues the paragraph of ``line`` (a wrapped line) rather than
    starting a paragraph of its own, as a title, a date line, a heading or a salutation
    ("Dear Colleagues,") does. ``longest`` is the longest line of the ``lines`` lines in the
    blank-line separated group."""
    a, b = line.strip(), nxt.strip()
    if not a or not b or _FINAL_END.search(a) or _ENUM_START.match(b) or is_dateline(b):
        return False
    if b[0].islower() or re.search(r"\w-$", a):
        return True
    short = len(a) <= (20 if is_han(a[-1]) or a[-1] in "，、" else 40)
    if _SOFT_END.search(a) and not short:
        return True
    # a long line that stops at the margin without a full stop: the text goes on
    wide = lines >= 3 and longest >= (20 if is_han(a[-1]) else 40) and len(a) >= 0.8 * longest
    return wide and (is_han(a[-1]) or a[-1].isalnum()) and not b[0].isdigit()


def text_blocks(text: str) -> list[Block]:
    """Paragraphs of plain text: blank lines separate paragraphs, and so does every line break
    that does not look like wrapping (see :func:`_is_wrapped`)."""
    lines = split_lines(text)
    blocks: list[Block] = []
    group: list[tuple[int, str]] = []

    def flush() -> None:
        if not group:
            return
        longest = max(len(s.strip()) for _, s in group)
        current = ""
        starts: list[tuple[int, int]] = []
        first_line = 0
        for k, (number, line) in enumerate(group):
            if not current:
                current, first_line, starts = line.strip(), number, [(0, number)]
            else:
                joined = join_lines(current, line)
                starts.append((len(joined) - len(line.strip()), number))
                current = joined
            if k + 1 == len(group) or not _is_wrapped(line, group[k + 1][1], longest, len(group)):
                blocks.append(Block(current, first_line, None, tuple(starts)))
                current = ""
        group.clear()

    for number, line in enumerate(lines, start=1):
        if line.strip():
            group.append((number, line))
        else:
            flush()
    flush()
    return blocks


# ---------------------------------------------------------------------------------------------
# Markdown

_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*$", re.S | re.M)


def _blank_front_matter(text: str) -> str:
    """``text`` with the YAML (``---``) or TOML (``+++``) metadata block that opens the pages of
    static site generators blanked out, line breaks kept so that line numbers stay right."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text
    return re.sub(r"[^\r\n]+", "", match.group()) + text[match.end():]


def markdown_blocks(text: str) -> list[Block]:
    """Paragraphs of a Markdown document (CommonMark via markdown-it-py): headings, paragraphs,
    list items, quotes and table rows become paragraphs with their markup removed; code blocks,
    images, raw HTML, link targets and front matter are dropped. A first-level heading is a
    title."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(_blank_front_matter(text))
    blocks: list[Block] = []
    heading: str | None = None
    cells: list[str] | None = None
    row_line: int | None = None
    marker = ""  # the number of an ordered list item, kept as text ("1. ")
    for tok in tokens:
        if tok.type == "list_item_open" and tok.info:
            marker = f"{tok.info}{tok.markup} "
        elif tok.type == "heading_open":
            heading = tok.tag
        elif tok.type == "heading_close":
            heading = None
        elif tok.type == "tr_open":
            cells, row_line = [], tok.map[0] + 1 if tok.map else None
        elif tok.type == "tr_close":
            if cells:
                blocks.append(Block(" ".join(cells), row_line))
            cells = None
        elif tok.type == "inline":
            line = tok.map[0] + 1 if tok.map else None
            pieces = _inline_text(tok.children or [], line)
            if cells is not None:
                cells += [p for p, _ in pieces]
                continue
            kind = None if heading is None else "title" if heading == "h1" else "heading"
            if marker and pieces:
                first, starts = pieces[0]
                pieces[0] = (marker + first, [(0, starts[0][1])] + [(o + len(marker), n)
                                                                   for o, n in starts[1:]]
                             if starts else [])
                marker = ""
            for piece, starts in pieces:
                blocks.append(Block(piece, starts[0][1] if starts else line, kind,
                                    tuple(starts)))
    return blocks


def _inline_text(children: list, line: int | None) -> list[tuple[str, list[tuple[int, int]]]]:
    """Plain text of a Markdown inline run, split at hard line breaks, with line starts."""
    paragraphs: list[list[tuple[str, int | None]]] = []
    lines: list[tuple[str, int | None]] = [("", line)]
    for child in children:
        if child.type in ("text", "code_inline"):
            lines[-1] = (lines[-1][0] + child.content, lines[-1][1])
        elif child.type in ("softbreak", "hardbreak"):
            line = line + 1 if line is not None else None
            if child.type == "hardbreak":
                paragraphs.append(lines)
                lines = []
            lines.append(("", line))
        # images, raw HTML and the link/emphasis markers themselves carry no text
    paragraphs.append(lines)
    out: list[tuple[str, list[tuple[int, int]]]] = []
    for group in paragraphs:
        text = ""
        starts: list[tuple[int, int]] = []
        for piece, number in group:
            piece = piece.strip()
            if not piece:
                continue
            text = join_lines(text, piece) if text else piece
            if number is not None:
                starts.append((len(text) - len(piece), number))
        if text:
            out.append((text, starts))
    return out
