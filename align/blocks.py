"""A paragraph of a document as its reader gives it (:class:`Block`), and lines as editors count them."""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field


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
