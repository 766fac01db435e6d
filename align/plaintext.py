"""Paragraphs of plain text (wrapped lines joined) and of Markdown (markup removed)."""
from __future__ import annotations

import re

from align.blocks import Block, split_lines
from align.kinds import is_dateline
from align.language import is_han

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
