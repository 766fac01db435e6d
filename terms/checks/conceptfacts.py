"""What the glossary rules ask of a concept, worked out once per glossary instead of per pair.

The rules look at a handful of concepts per pair, many times over a memory: whether a concept
has a scope, whether it has terms (allowed ones) in a language, its first term there. Those
answers are kept here, with the matcher they belong to: a glossary edited afterwards gets a new
matcher (:meth:`terms.glossary.Glossary.changed`) and so new facts.
"""
from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from terms.glossary import Concept
from terms.matching import TermMatcher

_BY_MATCHER: WeakKeyDictionary[TermMatcher, ConceptFacts] = WeakKeyDictionary()


class ConceptFacts:
    """Per-concept answers for one glossary (concepts by their index)."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.concepts = concepts
        #: the compiled scope patterns of each concept (empty for most)
        self.scopes: list[tuple[re.Pattern[str], ...]] = [
            tuple(re.compile(s) for s in c.scopes) for c in concepts]
        self._with_terms: dict[str, frozenset[int]] = {}
        self._with_allowed: dict[str, frozenset[int]] = {}
        self._named_by: dict[tuple[int, str], str] = {}

    def with_terms(self, lang: str) -> frozenset[int]:
        """The concepts that have a term in ``lang``."""
        found = self._with_terms.get(lang)
        if found is None:
            found = self._with_terms[lang] = frozenset(
                i for i, c in enumerate(self.concepts) if any(t.lang == lang for t in c.terms))
        return found

    def with_allowed(self, lang: str) -> frozenset[int]:
        """The concepts that have a preferred or admitted term in ``lang``."""
        found = self._with_allowed.get(lang)
        if found is None:
            found = self._with_allowed[lang] = frozenset(
                i for i, c in enumerate(self.concepts)
                if any(t.lang == lang and t.allowed for t in c.terms))
        return found

    def named_by(self, index: int, lang: str) -> str:
        """The term that names the concept at ``index`` in ``lang`` in a message: its first
        allowed term there, else its first term there (it must have one)."""
        found = self._named_by.get((index, lang))
        if found is None:
            terms = self.concepts[index].terms_in(lang)
            found = self._named_by[index, lang] = next(
                (t.text for t in terms if t.allowed), terms[0].text)
        return found

    def applies_to(self, index: int, chinese_segment: str) -> bool:
        """:meth:`Concept.applies_to` of the concept at ``index``."""
        scopes = self.scopes[index]
        return not scopes or any(p.search(chinese_segment) for p in scopes)


def concept_facts(matcher: TermMatcher) -> ConceptFacts:
    """The facts of the glossary of ``matcher``, made on first use and kept as long as it."""
    facts = _BY_MATCHER.get(matcher)
    if facts is None:
        facts = _BY_MATCHER[matcher] = ConceptFacts(matcher.glossary.concepts)
    return facts
