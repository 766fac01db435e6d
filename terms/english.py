"""English words for term matching: tokens with spans, and a light key that ignores inflection.

Words are runs of letters and digits (an apostrophe inside a word is kept: ``China's``); hyphens,
dashes, quotes and spaces all separate words, so "China-Kazakhstan", "China–Kazakhstan" and
"China Kazakhstan" give the same words. A word's key is lower-cased (unless the term is
case-sensitive, which the matcher checks separately) and loses a possessive ('s, s') and plural
endings (-men as -man too), and "-ship": partner, partners, partnership and partnerships share the
key ``partner``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

#: word → key, filled by :func:`key` (read it directly in hot loops, falling back to key())
KEYS: dict[str, str] = {}
_KEY_CACHE_LIMIT = 500_000


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of (folded) ``text`` as regular-expression matches (``.group()``, ``.span()``)."""
    return WORD.finditer(text)


def words_of(text: str) -> list[str]:
    """The words of (folded) ``text`` as strings (see :func:`word_starts` for their places)."""
    return WORD.findall(text)


def word_starts(text: str, found: list[str]) -> list[int]:
    """Where each word of ``words_of(text)`` starts in ``text``."""
    starts = []
    pos = 0
    for w in found:
        pos = text.index(w, pos)
        starts.append(pos)
        pos += len(w)
    return starts


def strip_inflection(word: str) -> str:
    """A lower-case word without its possessive, plural or -ship ending (no dictionary)."""
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    n = len(word)
    if n > 6 and word.endswith("ships"):
        word, n = word[:-5], n - 5
    elif n > 6 and word.endswith("ship"):
        word, n = word[:-4], n - 4
    if n > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if n > 4 and word.endswith("men"):   # spokesmen, chairmen, congresswomen
        return word[:-3] + "man"
    if n > 4 and word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    if n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def key(word: str) -> str:
    """The matching key of a word: lower case and :func:`strip_inflection` (cached)."""
    k = KEYS.get(word)
    if k is None:
        if len(KEYS) > _KEY_CACHE_LIMIT:
            KEYS.clear()
        k = KEYS[word] = strip_inflection(word.lower())
    return k


def same_case(surface: str, term_word: str) -> bool:
    """True when a text word agrees in case with a case-sensitive term word (inflection aside)."""
    n = len(key(term_word))
    common = min(n, len(surface), len(term_word))
    if term_word.lower().endswith("ies") or surface.lower().endswith("ies"):
        common = max(common - 1, 0)
    return surface[:common] == term_word[:common]


_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the",
                          "to", "with"})


def in_form_of(replacement: str, found: str, term: str, *, case_sensitive: bool = False) -> str:
    """``replacement`` written the way ``found`` (the text matched for glossary ``term``) was.

    A possessive the text adds to the term is carried over ("Chinese Communist Party's" →
    "Communist Party of China's"); so is the case the text gives the term when it differs from
    the glossary's own: a capital at the start of a sentence or in a title ("Spokesman" →
    "Spokesperson"), a heading in capitals, title case. A case-sensitive replacement keeps its
    case; capitals that the term itself has ("CCP") are not copied.
    """
    out = replacement
    letters = [c for c in found if c.isalpha()]
    if not case_sensitive and letters:
        term_letters = [c for c in term if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters) and \
                not all(c.isupper() for c in term_letters):
            out = out.upper()
        elif found[:1].isupper() and not term[:1].isupper():
            found_words, term_words = words_of(found), words_of(term)
            if len(found_words) > 1 and all(w[0].isupper() for w in found_words) and \
                    any(w[0].islower() for w in term_words):
                out = " ".join(w if i and w.lower() in _SMALL_WORDS else w[:1].upper() + w[1:]
                               for i, w in enumerate(out.split(" ")))
            else:
                out = out[:1].upper() + out[1:]
    for mark in ("'", "\u2019"):
        if found.endswith(mark + "s") and not term.endswith(("'s", "\u2019s")) and \
                not out.endswith(("'s", "\u2019s")):
            return out + mark + ("S" if found.endswith("S") and out.isupper() else "s")
        if found.endswith("s" + mark) and not term.endswith(("'", "\u2019")):
            return out + (mark if out.lower().endswith("s") else mark + "s")
    return out
