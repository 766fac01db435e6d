"""Dialogue structure: whether each sentence ends inside a quotation.

A translation keeps the turns of a dialogue: where one side's bead ends with a quotation still
open ("... he said: “Wait." followed by "Come here!”"), the other side's bead mostly ends inside
the same quotation too. In mac-dev's gold, 97.5 % of the bead boundaries end both sides in the
same state (inside or outside a quotation), against about 75 % of the wrong boundaries the
aligner found (BENCHMARKS.md, branch q15mac). The state after a sentence is the direction of
its last quotation mark (open or close), or the state after the sentence before it when it has
none.

Chinese quotation marks are unambiguous (“ ” 「 」 『 』 ‘ ’). In English, a straight quote
opens where it follows a space (or starts the text) and precedes a word, and closes where it
follows a word or punctuation and precedes a space, punctuation or the end; an apostrophe inside
a word (don't) is neither.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

_ZH_MARKS = re.compile("[“”「」『』]")
_ZH_OPEN = frozenset("“「『")
#: the marks a quotation in English text opens or closes with
_EN_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))['\"‘“](?=[\w.…(\[—–-])")
_EN_CLOSE = re.compile(r"(?<=[\w.,!?…—–\-])['\"’”](?=$|[\s,.;:!?)\]—–-])")

#: fewest sentences with a quotation mark a side needs before its states count as evidence
MIN_QUOTED = 3


def quote_states(texts: Sequence[str], lang: str) -> np.ndarray | None:
    """For each sentence, 1 when a quotation is open after it, else 0; None when the text has
    too few quotation marks to say anything (fewer than ``MIN_QUOTED`` sentences hold one)."""
    states = np.zeros(len(texts), dtype=np.int8)
    state = 0
    quoted = 0
    chinese = lang.split("-", 1)[0].lower() in ("zh", "ja")
    for k, text in enumerate(texts):
        last = _last_mark(text, chinese)
        if last is not None:
            quoted += 1
            state = last
        states[k] = state
    return states if quoted >= MIN_QUOTED else None


def _last_mark(text: str, chinese: bool) -> int | None:
    """1 when the last quotation mark of ``text`` opens a quotation, 0 when it closes one, None
    when there is none."""
    if chinese:
        marks = _ZH_MARKS.findall(text)
        return (1 if marks[-1] in _ZH_OPEN else 0) if marks else None
    opening = [m.start() for m in _EN_OPEN.finditer(text)]
    closing = [m.start() for m in _EN_CLOSE.finditer(text)]
    if not opening and not closing:
        return None
    return 1 if max(opening, default=-1) > max(closing, default=-1) else 0
