"""The matching form of a text: width-folded, with uniform spaces, quotes and dashes.

Folding is for comparing text, never for output: :func:`fold_with_map` tells, for every folded
character, which character of the original it came from, so that a match found in the folded form
can be reported as a span of the original text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: quotation marks and apostrophes folded to ASCII
_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
}
#: hyphens, dashes and the minus sign folded to "-"
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
#: bidirectional formatting controls: marks (LRM, RLM, ALM), embeddings and overrides (U+202A to
#: U+202E) and isolates (U+2066 to U+2069); an override such as U+202E shows text reversed
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: characters that carry nothing for matching and are dropped
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad" + BIDI_CONTROLS)
_REMOVE_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))


def remove_invisible(text: str) -> str:
    """``text`` without zero-width spaces and joiners (U+200B–U+200D), word joiners (U+2060),
    byte-order marks (U+FEFF), soft hyphens (U+00AD) and bidirectional controls
    (:data:`BIDI_CONTROLS`); line breaks are kept."""
    return text.translate(_REMOVE_INVISIBLE)


def _is_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Zs"


def _clusters(text: str) -> list[tuple[int, str]]:
    """Split ``text`` into (start index, base character plus its combining marks)."""
    out: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if out and unicodedata.combining(ch):
            start, prev = out[-1]
            out[-1] = (start, prev + ch)
        else:
            out.append((i, ch))
    return out


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching and map every folded character back to the original.

    Returns ``(folded, origin)`` where ``origin[k]`` is the index in ``text`` of the character
    that produced ``folded[k]``. NFKC folds full-width letters, digits and punctuation to their
    ASCII forms (the ideographic full stop 。 stays); every run of spaces of any kind (ideographic
    space U+3000, no-break space, tabs, line breaks) becomes one ASCII space; curly quotes and
    apostrophes become ``"`` and ``'``; dashes and the minus sign become ``-``; zero-width
    characters and soft hyphens are dropped.
    """
    fast = _fold_one_to_one(text)
    if fast is not None:
        return fast
    return _fold_slow(text)


def _fold_slow(text: str) -> tuple[str, list[int]]:
    """:func:`fold_with_map`, character by character (any input)."""
    chars: list[str] = []
    origin: list[int] = []
    for start, cluster in _clusters(text):
        for ch in unicodedata.normalize("NFKC", cluster):
            if ch in _INVISIBLE:
                continue
            if _is_space(ch):
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            else:
                ch = _QUOTES.get(ch) or _DASHES.get(ch) or ch
            chars.append(ch)
            origin.append(start)
    return "".join(chars), origin


@lru_cache(maxsize=1)
def one_to_one_table() -> tuple[dict[int, str], re.Pattern[str]]:
    """(translate table of the characters that fold to exactly one character, pattern of the
    characters that need the full fold: several or no characters out, combining marks, Hangul
    jamo, characters outside the BMP)."""
    table: dict[int, str] = {}
    hard: list[str] = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if (unicodedata.is_normalized("NFKC", ch) and ch not in _INVISIBLE
                and ch not in _QUOTES and ch not in _DASHES and not _is_space(ch)):
            folded = ch             # what _fold_slow gives, without its cost (most characters)
        else:
            folded = _fold_slow(ch)[0]
        if len(folded) != 1 or unicodedata.combining(ch) or 0x1100 <= cp <= 0x11FF \
                or 0x3130 <= cp <= 0x318F or 0xA960 <= cp <= 0xA97F or 0xD7B0 <= cp <= 0xD7FF:
            hard.append(ch)
        elif folded != ch:
            table[cp] = folded
    for ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f":
        table[ord(ch)] = " "
    return table, re.compile("[" + "".join(re.escape(c) for c in hard) + "\U00010000-\U0010FFFF]")


def _fold_one_to_one(text: str) -> tuple[str, list[int]] | None:
    """The fold of a text whose characters each fold to one character and that has no run of
    spaces (the common case, and fast); ``None`` otherwise."""
    table, hard = one_to_one_table()
    if hard.search(text):
        return None
    folded = text.translate(table)
    if "  " in folded:
        return None
    return folded, list(range(len(text)))


def fold(text: str) -> str:
    """The matching form of ``text`` (see :func:`fold_with_map`)."""
    return fold_with_map(text)[0]


def original_span(origin: list[int], text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the original ``text`` covered by folded characters ``start:end``.

    ``origin`` is the map returned by :func:`fold_with_map` for ``text``. An empty folded span maps
    to an empty original span at the corresponding position.
    """
    if start >= len(origin):
        return len(text), len(text)
    if end <= start:
        return origin[start], origin[start]
    last = origin[end - 1]
    # the last folded character may come from a cluster of several original characters
    stop = origin[end] if end < len(origin) else len(text)
    stop = max(stop, last + 1)
    # do not swallow spaces collapsed away, or invisible characters dropped, after the span
    while stop > last + 1 and (_is_space(text[stop - 1]) or text[stop - 1] in _INVISIBLE):
        stop -= 1
    return origin[start], stop
