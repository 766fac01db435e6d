"""Find glossary terms in segments, with spans in the original text.

One Aho-Corasick automaton per language, built once per glossary:

- Chinese: over characters of the folded text (width-folded, Traditional → Simplified, Latin
  lower-cased), so 國務委員 finds 国务委员.
- English (and any other space-delimited language): over words. Each distinct word key
  (:mod:`terms.english`: lower case, no plural, possessive or "-ship") becomes one character of a
  private alphabet, a term becomes a string of those characters and a segment the string of its
  words' characters, so matches always fall on word boundaries and ignore hyphen/dash/space,
  quote and inflection variants. Case-sensitive terms are checked against the words' case after
  the match.

:meth:`TermMatcher.find` returns leftmost-longest matches (永久全面战略伙伴关系 is one match, never
also 全面战略伙伴关系); ``overlapping=True`` returns every occurrence, nested ones included.
"""
from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from terms.english import KEYS, key, same_case, word_starts, words, words_of
from terms.glossary import Glossary, Term
from terms.textfold import Folded, fold_term, fold_text

CHARACTER_LANGS = frozenset({"zh", "ja", "ko"})
_UNKNOWN_WORD = "\x00"
_FIRST_WORD_CHAR = 0xE000  # word ids are spelled from here on, skipping surrogates


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
    """What the automaton stores for one matching form."""

    __slots__ = ("length", "entries", "concepts", "allowed", "case_sensitive")

    def __init__(self, length: int, entries: tuple[Entry, ...]) -> None:
        self.length = length
        self.entries = entries
        self.concepts = frozenset(e.concept for e in entries)
        self.allowed = frozenset(e.concept for e in entries if e.term.allowed)
        self.case_sensitive = any(e.term.case_sensitive for e in entries)


def is_character_lang(lang: str) -> bool:
    """True for languages written without spaces between words (matched by characters)."""
    return lang.split("-", 1)[0].lower() in CHARACTER_LANGS


class TermMatcher:
    """All terms of a glossary, ready to be found in segments of any of its languages."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._vocab: dict[str, str] = {}
        self._automata: dict[str, ahocorasick.Automaton] = {}
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
            for form, entries in payload.items():
                automaton.add_word(form, _Payload(len(form), tuple(entries)))
            automaton.make_automaton()
            self._automata[lang] = automaton

    @property
    def languages(self) -> list[str]:
        """The languages the glossary has terms in."""
        return list(self._automata)

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
                code = _FIRST_WORD_CHAR + len(self._vocab)
                if code >= 0xD800:
                    code += 0x800
                if code >= 0xF900:  # past the private use area: use supplementary planes
                    code += 0x10000 - 0xF900
                ch = self._vocab[k] = chr(code)
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
        return self._find_words(automaton, fold_text(text), overlapping)

    def find_both(self, text: str, lang: str) -> tuple[list[TermMatch], list[TermMatch]]:
        """(leftmost-longest matches, every match) with one pass over ``text``."""
        every = self.find(text, lang, overlapping=True)
        return longest_of(every), every

    def _find_characters(self, automaton: ahocorasick.Automaton, folded: Folded,
                         overlapping: bool) -> list[TermMatch]:
        hits = automaton.iter(folded.text) if overlapping else automaton.iter_long(folded.text)
        out = []
        for end, p in hits:
            start, stop = folded.span(end - p.length + 1, end + 1)
            out.append(TermMatch(start, stop, folded.original[start:stop], p.entries, p.concepts,
                                 p.allowed))
        if overlapping:
            out.sort(key=lambda m: (m.start, -m.end))
        return out

    def _find_words(self, automaton: ahocorasick.Automaton, folded: Folded,
                    overlapping: bool) -> list[TermMatch]:
        text = folded.text
        found = words_of(text)
        if not found:
            return []
        vocab, keys = self._vocab, KEYS
        spelled = "".join([vocab.get(keys.get(w) or key(w), _UNKNOWN_WORD) for w in found])
        hits = list(automaton.iter(spelled) if overlapping else automaton.iter_long(spelled))
        if not hits:
            return []
        starts = word_starts(text, found)
        out = []
        for end, p in hits:
            first = end - p.length + 1
            concepts, allowed = p.concepts, p.allowed
            entries = p.entries
            if p.case_sensitive:
                entries = self._case_filter(entries, found[first:end + 1])
                if not entries:
                    continue
                concepts = frozenset(e.concept for e in entries)
                allowed = frozenset(e.concept for e in entries if e.term.allowed)
            start, stop = folded.span(starts[first], starts[end] + len(found[end]))
            out.append(TermMatch(start, stop, folded.original[start:stop], entries, concepts,
                                 allowed))
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
