"""Inline codes in the review's text editor: shown as numbered tokens that can move but not be lost.

A sentence read from a memory may hold TMX inline codes (``bpt``/``ept`` pairs, ``ph``, ``it``,
``ut``, and ``hi`` around text). The page and the edit box show them as tokens, numbered in order
of appearance in the sentence, as CAT tools show tags:

- ``⟦1⟧`` … ``⟦/1⟧`` — a paired code (``bpt`` … ``ept``) or the start and end of a ``hi``;
- ``⟦2/⟧`` — a standalone code (``ph``, ``it``, ``ut``, or half a pair whose partner is not in the
  sentence).

The rule for an edit (:func:`segment_from_tokens`): every token of the original sentence must be
in the new text exactly once; tokens may move, pairs must keep their order (``⟦1⟧`` before
``⟦/1⟧``) and ``hi`` pairs must nest; nothing else between ``⟦`` and ``⟧`` is accepted. An edit
that breaks the rule is refused with a message saying which token is wrong, and the native code
each token stands for (``<b>``, ``{1}`` …) goes back into the memory unchanged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from concord.review.model import EditError
from tmx.model import CODE_TAGS, Inline, Part, Segment

OPEN, CLOSE = "⟦", "⟧"
TOKEN = re.compile(r"⟦(/?)(\d+)(/?)⟧")
BRACKETS = re.compile("[⟦⟧]")

#: token kinds: opening and closing half of a pair, a standalone code
PAIR_OPEN, PAIR_CLOSE, SINGLE = "open", "close", "single"


@dataclass(frozen=True, slots=True)
class Code:
    """One token of a sentence: its number, kind, the element it stands for and its place.

    ``offset`` is the position in the sentence's plain text (codes carry no text); ``element`` is
    the inline element (for a ``hi``: the element with its content, on both of its tokens).
    """

    number: int
    kind: str
    element: Inline
    offset: int

    @property
    def label(self) -> str:
        return {PAIR_OPEN: f"{self.number}", PAIR_CLOSE: f"/{self.number}",
                SINGLE: f"{self.number}/"}[self.kind]

    @property
    def token(self) -> str:
        return OPEN + self.label + CLOSE

    @property
    def native(self) -> str:
        """What the token stands for, for a tooltip: the native code, or ``hi`` and its type."""
        if self.element.tag in CODE_TAGS:
            return self.element.code or f"<{self.element.tag}>"
        kind = self.element.get("type")
        return f"{self.element.tag} {kind}" if kind else self.element.tag


def _pairs(parts: tuple[Part, ...]) -> set[int]:
    """Positions of ``bpt`` and ``ept`` elements in ``parts`` that have their partner there."""
    begins: dict[str | None, list[int]] = {}
    paired: set[int] = set()
    for position, part in enumerate(parts):
        if isinstance(part, Inline) and part.tag == "bpt":
            begins.setdefault(part.get("i"), []).append(position)
        elif isinstance(part, Inline) and part.tag == "ept":
            waiting = begins.get(part.get("i"))
            if waiting:
                paired.update((waiting.pop(), position))
    return paired


def codes(segment: Segment) -> list[Code]:
    """The tokens of ``segment``, in order (empty for a segment without inline elements)."""
    out: list[Code] = []
    if not segment.has_codes:
        return out
    counter = [0]
    _walk(segment.parts, out, counter, [0])
    return out


def _walk(parts: tuple[Part, ...], out: list[Code], counter: list[int], offset: list[int]
          ) -> None:
    paired = _pairs(parts)
    open_numbers: dict[str | None, list[int]] = {}
    for position, part in enumerate(parts):
        if isinstance(part, str):
            offset[0] += len(part)
            continue
        if part.tag in CODE_TAGS:
            if position in paired and part.tag == "bpt":
                counter[0] += 1
                open_numbers.setdefault(part.get("i"), []).append(counter[0])
                out.append(Code(counter[0], PAIR_OPEN, part, offset[0]))
            elif position in paired:  # the ept of a pair
                number = open_numbers[part.get("i")].pop(0)
                out.append(Code(number, PAIR_CLOSE, part, offset[0]))
            else:
                counter[0] += 1
                out.append(Code(counter[0], SINGLE, part, offset[0]))
            continue
        # hi (or a stray sub): text with a start and an end token
        counter[0] += 1
        number = counter[0]
        out.append(Code(number, PAIR_OPEN, part, offset[0]))
        _walk(part.content, out, counter, offset)
        out.append(Code(number, PAIR_CLOSE, part, offset[0]))


def to_tokens(segment: Segment) -> str:
    """The sentence as the edit box shows it: text with its codes as tokens."""
    found = codes(segment)
    if not found:
        return segment.text
    text = segment.text
    out, at = [], 0
    for code in found:
        out.append(text[at:code.offset])
        out.append(code.token)
        at = code.offset
    out.append(text[at:])
    return "".join(out)


def plain(tokens: str) -> str:
    """The plain text of an edit box's content (its tokens left out)."""
    return TOKEN.sub("", tokens) if OPEN in tokens else tokens


def segment_from_tokens(tokens: str, original: Segment) -> Segment:
    """The segment an edit box's content stands for, with ``original``'s codes put back.

    Raises :class:`EditError` when a token is missing, repeated, unknown or out of order.
    """
    expected = codes(original)
    if not expected:
        return Segment.plain(tokens)
    by_label = {code.label: code for code in expected}
    used: set[str] = set()
    root: list[Part] = []
    stack: list[tuple[Code, list[Part]]] = []   # open hi elements and the parts before them
    current = root
    pairs_open: dict[int, list[Part]] = {}  # bpt number -> the container it was put in
    at = 0
    for match in TOKEN.finditer(tokens):
        _text(tokens[at:match.start()], current)
        at = match.end()
        label = match.group(0)[1:-1]
        code = by_label.get(label)
        if code is None or (match.group(1) and match.group(3)):
            raise EditError(f"{match.group(0)} is not one of this sentence's inline codes "
                            f"({_listing(expected)}): put back the original ones")
        if label in used:
            raise EditError(f"the inline code {code.token} appears twice: each code of the "
                            "memory stays exactly once (move it, do not copy it)")
        used.add(label)
        element = code.element
        if element.tag in CODE_TAGS:
            if code.kind == PAIR_OPEN:
                pairs_open[code.number] = current
            elif code.kind == PAIR_CLOSE:
                opened = pairs_open.get(code.number)
                if opened is None:
                    raise EditError(f"the inline code {code.token} must come after "
                                    f"{OPEN}{code.number}{CLOSE}: a pair keeps its order")
                if opened is not current:
                    raise EditError(f"the inline codes {OPEN}{code.number}{CLOSE} and {code.token} "
                                    "must stay on the same level (both inside or both outside "
                                    "the same highlighted text)")
            current.append(element)
        elif code.kind == PAIR_OPEN:
            stack.append((code, current))
            current = []
        else:
            if not stack or stack[-1][0].number != code.number:
                raise EditError(f"the inline code {code.token} must close "
                                f"{OPEN}{code.number}{CLOSE}, and highlighted stretches must "
                                "nest: move it back")
            _, parent = stack.pop()
            parent.append(Inline(element.tag, element.attrs, tuple(current)))
            current = parent
    _text(tokens[at:], current)
    missing = [code.token for code in expected if code.label not in used]
    if missing:
        which = ", ".join(missing)
        raise EditError(f"the inline code{'s' if len(missing) > 1 else ''} {which} "
                        f"{'are' if len(missing) > 1 else 'is'} missing: every code of the memory "
                        "(formatting, placeholders) must stay in the sentence; move codes with "
                        "the text, or restore the original")
    if stack:  # pragma: no cover - a missing closing token is reported above
        raise EditError(f"the inline code {stack[-1][0].token} is not closed")
    return Segment(tuple(root))


def _text(piece: str, into: list[Part]) -> None:
    if not piece:
        return
    stray = BRACKETS.search(piece)
    if stray is not None:
        raise EditError(f"'{stray.group(0)}' marks inline codes ({OPEN}1{CLOSE}, {OPEN}/1{CLOSE}, "
                        f"{OPEN}2/{CLOSE}): it cannot stand alone in the text")
    into.append(piece)


def _listing(found: list[Code]) -> str:
    return " ".join(code.token for code in found)


#: what ends a line (as ``str.splitlines`` has it): Word pastes its manual line break as U+000B
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


#: line breaks no memory can hold (XML 1.0 refuses them); a segment with lines gets a newline
UNSTORABLE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e]")


def normalize_spaces(tokens: str, lines: bool = False) -> str:
    """Whitespace as the edit box gives it, tidied as a plain sentence's is (see EditText).

    A sentence has no line break: one typed or pasted becomes a space. With ``lines`` (the
    sentence's original holds line breaks, as a memory segment may) the line breaks are kept
    where they are, those no memory can hold made newlines, and only the ends are trimmed.
    """
    if lines:
        return UNSTORABLE_BREAKS.sub("\n", tokens).strip()
    return " ".join(tokens.split()) if LINE_BREAKS.search(tokens) else tokens.strip()
