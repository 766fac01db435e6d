"""Dialogue structure: whether each sentence ends inside a quotation.

A translation keeps the turns of a dialogue: where one side's bead ends with a quotation still
open ("... he said: “Wait." followed by "Come here!”"), the other side's bead mostly ends inside
the same quotation too. In mac-dev's gold, 1,060 of the 1,065 bead boundaries of the chapters
with quotations on both sides end both sides in the same state, against 73 of the 101 wrong
boundaries the aligner found before it used this (BENCHMARKS.md, branch q15mac).

Chinese quotation marks are unambiguous (“ ” 「 」 『 』 ‘ ’). In English, a quote mark opens
where it follows a space (or starts the text) and precedes a word, and closes where it follows a
word or punctuation and precedes a space, punctuation or the end; an apostrophe inside a word
(don't) is neither. English closes a quotation for a speech tag and opens it again in the next
sentence ('No one's asking you to rob,' said Grannie Liu. 'But ...) where Chinese keeps it open
(刘老老道：“谁叫你去打劫呢? ……”): such a sentence agrees with either state.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

#: Chinese quotation marks by kind: (opening, closing)
_ZH_KINDS = (("“", "”"), ("「", "」"), ("『", "』"), ("‘", "’"))
#: English quotation marks open after a space (or at the start) before a word, and close after a
#: word or punctuation before a space, punctuation or the end; single and double ones apart
_EN_OPEN = {"single": re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=[\w.…(\[—–-])"),
            "double": re.compile(r"(?:^|(?<=[\s(\[—–-]))[\"“](?=[\w.…(\[—–'‘-])")}
_EN_CLOSE = {"single": re.compile(r"(?<=[\w.,!?…—–\-])['’](?=$|[\s,.;:!?)\]—–\"”-])"),
             "double": re.compile(r"(?<=[\w.,!?…—–'’\-])[\"”](?=$|[\s,.;:!?)\]—–-])")}
#: narration after the last closing mark of an English sentence ('Wait,' said Liu.)
_TAG_AFTER = re.compile(r"[A-Za-z]")

#: fewest sentences with a quotation mark a side needs before its states count as evidence
MIN_QUOTED = 3
#: the state of a sentence that fits either: its quotation closed before a speech tag and the
#: next sentence opens one again ('No one's asking you,' said Liu. 'But ...), where Chinese
#: mostly keeps one quotation open (刘老老道：“谁叫你……? ……”)
EITHER = 2


def quote_states(texts: Sequence[str], lang: str) -> np.ndarray | None:
    """For each sentence, 1 when a quotation is open after it, 0 when none is, ``EITHER`` when
    an English speech tag splits a quotation the next sentence goes on with; None when the text
    has too few quotation marks to say anything (fewer than ``MIN_QUOTED`` sentences hold one).

    Each kind of mark (double and single; Chinese “”, 「」, 『』, ‘’) is followed apart, so a
    quotation inside a quotation leaves the outer one open; a kind's state after a sentence is
    the direction of its last mark there, or the state before when it has none. A kind opened
    again before it closed, or still open at the end, lacks a mark: the sentences from where it
    opened fit either state.
    """
    chinese = lang.split("-", 1)[0].lower() in ("zh", "ja")
    marks = [_zh_marks(text) if chinese else _en_marks(text) for text in texts]
    if sum(1 for found in marks if found) < MIN_QUOTED:
        return None
    open_kinds: dict[str, int] = {}
    since: dict[str, int] = {}           # the sentence each open kind was opened in
    unsure = np.zeros(len(texts) + 1, dtype=np.int64)
    states = np.zeros(len(texts), dtype=np.int8)
    for k, found in enumerate(marks):
        for kind, (_, is_open, opens, first_opens) in list(found.items()):
            if not (is_open or opens or open_kinds.get(kind)):
                del found[kind]          # a closing mark with nothing open: an apostrophe
                continue
            if open_kinds.get(kind) and first_opens:
                unsure[since[kind]] += 1     # opened again, never closed: a mark is missing
                unsure[k] -= 1
            if is_open and not (open_kinds.get(kind) and not first_opens):
                since[kind] = k
            open_kinds[kind] = is_open
        states[k] = 1 if any(open_kinds.values()) else 0
    for kind, is_open in open_kinds.items():
        if is_open:                          # still open at the end
            unsure[since[kind]] += 1
            unsure[len(texts)] -= 1
    states[np.cumsum(unsure)[:-1] > 0] = EITHER
    if not chinese:
        for k in range(len(texts) - 1):
            if states[k] == 0 and _split_by_tag(texts[k], marks[k], texts[k + 1]):
                states[k] = EITHER
    return states


def _zh_marks(text: str) -> dict[str, tuple[int, int, bool, bool]]:
    """For each kind of Chinese mark in ``text``: the position of its last one, 1 if that one
    opens, whether one of the kind opens in the text, and whether its first mark opens."""
    out = {}
    for opening, closing in _ZH_KINDS:
        first_open, first_close = text.find(opening), text.find(closing)
        last = max(text.rfind(opening), text.rfind(closing))
        if last >= 0:
            first_opens = first_open >= 0 and (first_close < 0 or first_open < first_close)
            out[opening] = (last, 1 if text[last] == opening else 0, first_open >= 0, first_opens)
    return out


def _en_marks(text: str) -> dict[str, tuple[int, int, bool, bool]]:
    """For each kind of English mark in ``text``: as :func:`_zh_marks`."""
    out = {}
    for kind in ("single", "double"):
        opening = [m.start() for m in _EN_OPEN[kind].finditer(text)]
        closing = [m.start() for m in _EN_CLOSE[kind].finditer(text)]
        if opening or closing:
            last_open, last_close = max(opening, default=-1), max(closing, default=-1)
            first_opens = bool(opening) and (not closing or opening[0] < closing[0])
            out[kind] = (max(last_open, last_close), 1 if last_open > last_close else 0,
                         bool(opening), first_opens)
    return out


def _split_by_tag(text: str, found: dict[str, tuple[int, int, bool, bool]], following: str) -> bool:
    """Whether ``text`` closes its quotation before narration and ``following`` opens one."""
    closes = [pos for pos, is_open, *_ in found.values() if not is_open]
    if not closes or len(closes) != len(found):
        return False
    if not _TAG_AFTER.search(text[max(closes) + 1:]):
        return False
    head = following.lstrip()[:1]
    return head in ("'", "‘", '"', "“")
