"""Sentence segmentation of one paragraph of English or Chinese.

Sentences are returned exactly as they appear in the paragraph (only surrounding whitespace is
stripped), so that joining them gives back the paragraph's text. The rules follow how the gold
segmentations of official texts cut: a Chinese sentence ends at 。！？ (full- or half-width) with
any closing quotes and brackets after it, never at ；or …… alone (in the gold data every one of
pol-dev's 15 ；is inside a line, and 17 of mac-dev's 29); an English sentence ends at
. ! ? or an ellipsis followed by a word that can start a sentence, with abbreviations, initials,
numbers and quotations taken into account (see :mod:`align.abbreviations`).
"""
from __future__ import annotations

import re

from align.abbreviations import (BEFORE_NUMBER, CLAUSE_VERBS, ENDS_BEFORE_CAPITAL, MAY_END,
                                 NAME_AFTER_ACRONYM, NEVER_FINAL, SENTENCE_STARTERS,
                                 SPEECH_VERBS)
from align.language import is_han

Span = tuple[int, int]

# ---------------------------------------------------------------------------------------------
# shared pieces

#: an enumeration mark standing alone: "1.", "(a)", "IV.", "（一）", "一、", "第一，" …
_ENUMERATOR = re.compile(
    r"""^\s*(?:
        [(（\[［]\s*(?:\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6}|[一二三四五六七八九十百〇零]{1,4})\s*[)）\]］]
      | (?:\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6})\s*[.．)）、]
      | [一二三四五六七八九十百〇零]{1,4}\s*[、.．]
      | 第[一二三四五六七八九十百〇零\d]{1,4}[，,、]
    )\s*$""", re.VERBOSE)



#: a footnote reference right after a full stop ("in 2023.[2]", "grew.³", "增长。¹"): it stays
#: with the sentence it follows
_FOOTNOTE = r"(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)"
_FOOTNOTE_MARK = re.compile(_FOOTNOTE)


def is_enumerator(text: str) -> bool:
    """True when ``text`` is nothing but an enumeration mark such as "1.", "（一）" or "一、"."""
    return bool(_ENUMERATOR.match(text))


def _is_punctuation_only(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def _spans_from_cuts(text: str, cuts: list[int]) -> list[Span]:
    """Stripped spans between cut positions, enumerators joined to what follows, stray
    punctuation joined to what precedes."""
    spans: list[Span] = []
    start = 0
    for cut in [*cuts, len(text)]:
        a, b = start, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        start = cut
    merged: list[Span] = []
    pending: int | None = None  # start of an enumerator waiting for its sentence
    for a, b in spans:
        if pending is not None:
            a, pending = pending, None
        piece = text[a:b]
        if merged and _is_punctuation_only(piece):
            merged[-1] = (merged[-1][0], b)
        elif is_enumerator(piece):
            pending = a
        else:
            merged.append((a, b))
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], spans[-1][1])
        else:
            merged.append((pending, spans[-1][1]))
    return merged


def sentence_spans(paragraph: str, lang: str) -> list[Span]:
    """Character spans of the sentences of ``paragraph`` (``lang`` is "zh" or "en")."""
    if lang == "zh":
        cuts = _zh_cuts(paragraph)
    else:
        cuts = _en_cuts(paragraph)
    return _spans_from_cuts(paragraph, cuts)


def split_sentences(paragraph: str, lang: str) -> list[str]:
    """The sentences of ``paragraph``, each exactly as written (surrounding spaces stripped)."""
    return [paragraph[a:b] for a, b in sentence_spans(paragraph, lang)]


def _quote_is_closing(text: str, start: int, pos: int, quote: str) -> bool:
    """For an ambiguous straight quote at ``pos``: True when it closes one opened since ``start``."""
    return text.count(quote, start, pos) % 2 == 1


# ---------------------------------------------------------------------------------------------
# Chinese

_ZH_FINAL = "。！？!?｡"
_ZH_DOT = ".．"  # a final stop only right after a Han character or closing mark
_ZH_CLOSERS = "”’」』）)》〉】〕］]"
_ZH_STRAIGHT = "\"'"
_ZH_CANDIDATE = re.compile("[。！？!?｡.．…]")
_ZH_SPEECH = re.compile(
    r"[^。！？!?“”\"‘’「」『』，,；;：:]{0,16}?"
    r"(?:说道?|问道?|答道?|写道|喊道|叫道|笑道|称|表示|指出|强调|补充道?|回答|追问|感叹道?|继续(?:说|道)?|接着说)"
    r"[。！？!?]")


def _zh_is_final(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can end a Chinese sentence."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch in _ZH_FINAL:
        # "Yahoo!Inc", "what?x", "雅虎Yahoo!公司": a half-width mark inside or closing a Latin name
        if ch in "!?" and nxt.isascii() and nxt.isalnum():
            return False
        return not (ch == "!" and prev.isascii() and prev.isalpha())
    if ch in _ZH_DOT and nxt not in _ZH_DOT and prev not in _ZH_DOT:
        return (is_han(prev) or prev in _ZH_CLOSERS) and not (nxt.isascii() and nxt.isalnum())
    if (ch == "…" or ch in _ZH_DOT) and prev != "…" and prev not in _ZH_DOT:
        # an ellipsis (…… or ...) ends a sentence only when a closing quotation mark follows: “……”
        j = i
        while j < len(text) and (text[j] == "…" or text[j] in _ZH_DOT or text[j].isspace()):
            j += 1
        return j < len(text) and text[j] in "”’」』"
    return False


def _zh_cuts(text: str) -> list[int]:
    cuts: list[int] = []
    start = 0
    i, n = 0, len(text)
    while i < n:
        m = _ZH_CANDIDATE.search(text, i)
        if not m:
            break
        i = m.start()
        if not _zh_is_final(text, i):
            i += 1
            continue
        # extend over further final marks, closing quotes and brackets (spaces between allowed)
        j = i + 1
        closed_quote = False
        while j < n:
            ch = text[j]
            if ch in _ZH_FINAL or ch in _ZH_DOT or ch == "…":
                j += 1
            elif ch in _ZH_CLOSERS:
                closed_quote |= ch in "”’」』"
                j += 1
            elif ch in _ZH_STRAIGHT and _quote_is_closing(text, start, j, ch):
                closed_quote = True
                j += 1
            elif ch.isspace() and j + 1 < n and (text[j + 1] in _ZH_CLOSERS
                                                  or text[j + 1] in _ZH_FINAL):
                j += 1
            else:
                break
        if mark := _FOOTNOTE_MARK.match(text, j):
            j = mark.end()
        k = j
        while k < n and text[k].isspace():
            k += 1
        if k >= n:
            break
        nxt = text[k]
        if nxt in "，,、：:；;":
            i = j
            continue
        if closed_quote and _ZH_SPEECH.match(text, k):
            i = j  # “……？”他问道。 — the attribution belongs to the quotation
            continue
        cuts.append(j)
        start = j
        i = j
    return cuts


# ---------------------------------------------------------------------------------------------
# English

_EN_FINAL = ".!?…。！？"
_EN_CLOSERS = "\"'”’)]}»›」』）"
_EN_OPENERS = "\"'“‘([{«‹「『（"
_EN_BULLETS = "–—-•·*"
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")  # "U.S", "a.m", "e.g" (final dot removed)
_INITIAL = re.compile(r"^[A-Z]$")
_ATTRIBUTION = re.compile(r"(?:[A-Z][\w'’.-]*\s+){0,3}(\w+)(?:\s+[\w'’-]+){0,1}\s*[.,;!?]")


def _word_before(text: str, end: int) -> str:
    """The whitespace-delimited token ending at ``end``, without leading opening marks."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(_EN_OPENERS)


def _word_after(text: str, start: int) -> str:
    """The word starting at ``start``, after any opening marks, dashes or bullets before it."""
    n = len(text)
    while start < n and (text[start] in _EN_OPENERS or text[start] in _EN_BULLETS
                         or text[start].isspace() and start > 0 and text[start - 1] in _EN_BULLETS):
        start += 1
    end = start
    while end < n and not text[end].isspace():
        end += 1
    return text[start:end]


def _bare(word: str) -> str:
    """A word without trailing punctuation, lower-cased, for list look-ups."""
    return word.rstrip(".,;:!?\"'”’)]}").lower()


def _is_attribution(text: str, start: int) -> bool:
    """'Wang asked.' / 'the senator tweeted in July.' after a quotation."""
    m = _ATTRIBUTION.match(text, start)
    if not m:
        return False
    first = _word_after(text, start)
    if first[:1].isupper() and _bare(first) in SENTENCE_STARTERS:
        return False  # "Nobody answered." / "They said so." open sentences of their own
    words = [_bare(w) for w in text[start:m.end()].split()]
    return any(w in SPEECH_VERBS for w in words)


def _clause_follows(text: str, k: int) -> bool:
    """'Talks resumed …', 'Prices had …': a capitalised word that continues no name, then a verb
    (so 'the U.S. Talks resumed' is cut after 'U.S.' and 'the U.S. Government said' is not)."""
    words = text[k:k + 80].split(maxsplit=2)
    if len(words) < 2 or not words[0].isalpha() or not words[0][0].isupper():
        return False
    verb = words[1].rstrip(",;:")
    if words[0].lower() in NAME_AFTER_ACRONYM or not verb.isalpha():
        return False
    return verb.islower() and (verb in CLAUSE_VERBS or len(verb) > 4 and verb.endswith("ed"))


def _en_boundary(text: str, s: int, e: int, k: int) -> bool:
    """Whether the terminator run ``text[s:e]``, followed by whitespace and a token at ``k``,
    ends a sentence."""
    run = text[s:e]
    nxt_word = _word_after(text, k)
    if not nxt_word:  # only opening marks: look at what they open
        return True
    first = nxt_word[0]
    if first.islower():
        return False
    if not (first.isalnum() or is_han(first)):
        return False  # "… — ", "… -- " and the like continue the sentence
    finals = [ch for ch in run if ch in _EN_FINAL]
    lead = run[:len(run) - len(run.lstrip(_EN_FINAL))]  # finals before any closing mark
    has_closer = any(ch in _EN_CLOSERS for ch in run)
    nxt_bare = _bare(nxt_word)
    starter = nxt_bare in SENTENCE_STARTERS and first.isupper()

    if has_closer and lead and run[len(lead)] in "\"'”’»›" and _is_attribution(text, k):
        return False  # "Can you print it?" Wang asked.
    if any(ch in "!?！？。" for ch in finals):
        return True
    if "…" in run or lead.count(".") >= 2:
        return starter and nxt_bare != "i"  # ellipsis: only before a clear sentence opening
    if has_closer:
        return True  # He said, "Go." Then … / (A whole sentence.) Next …
    # a single period straight after a word
    word = _word_before(text, s)
    bare = word.lower()
    if not bare:
        return True
    if bare in NEVER_FINAL:
        return False
    if first.isdigit() and (bare in BEFORE_NUMBER or bare in NEVER_FINAL):
        return False  # No. 5, Jan. 10, p. 12
    if bare in ENDS_BEFORE_CAPITAL:
        return True
    if _INITIAL.match(word):
        return starter  # J. R. R. Tolkien / … signed by Xi J. The next day …
    if bare in MAY_END and _ACRONYM.match(word) and _clause_follows(text, k):
        return True  # the delegation flew to the U.S. Talks resumed …
    if bare in MAY_END or bare in BEFORE_NUMBER and word[0].isupper() or _ACRONYM.match(word):
        return starter or first.isdigit() and bare not in BEFORE_NUMBER
    return True


#: final marks with the closing marks after them, and a footnote reference that stays with the
#: sentence
_EN_RUN = re.compile(r"[.!?…。！？]+(?:[\"'”’)\]}»›」』）]+[.!?…]*)*" + _FOOTNOTE + "?")


#: a salutation opening a paragraph: "Colleagues," "Dear Friends," "Ladies and Gentlemen,"
_SALUTATION = re.compile(r"\s*((?:[A-Z][\w'’.-]*|and|&)(?:\s+(?:[A-Z][\w'’.-]*|and|&)){0,4}),\s+")


def _salutation_cut(text: str) -> int | None:
    """The end of a salutation that opens the paragraph and is followed by a sentence that starts
    with a capital ("Colleagues, In September …"): a boundary, as on a line of its own."""
    m = _SALUTATION.match(text)
    if not m:
        return None
    nxt = _word_after(text, m.end())
    if nxt[:1].isupper() and _bare(nxt) in SENTENCE_STARTERS:
        return m.end(1) + 1
    return None


def _en_cuts(text: str) -> list[int]:
    cuts: list[int] = []
    salutation = _salutation_cut(text)
    if salutation is not None:
        cuts.append(salutation)
    for m in _EN_RUN.finditer(text):
        s, e = m.span()
        if e < len(text) and not text[e].isspace():
            if text[e - 1] in "。！？":
                cuts.append(e)  # Chinese marks need no following space
            continue
        k = e
        while k < len(text) and text[k].isspace():
            k += 1
        if k >= len(text):
            continue
        if _en_boundary(text, s, e, k):
            cuts.append(e)
    return cuts
