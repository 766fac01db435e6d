"""Glossary terms and check findings for the page, mapped onto the sentences a bead is made of.

Term matches come from :mod:`terms.matching` (per sentence, in the sentence's own text); findings
from one :class:`terms.checks.Checker` (the per-unit rules) on a bead's joined source and target
text, their spans mapped back onto the bead's sentences. Both are cached by content, so an edit recomputes exactly the beads
and sentences whose text or grouping it changed, and undo finds the earlier results again.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from align.model import sentence_separator
from terms.checks import Checker, Pair
from terms.config import Config
from terms.glossary import Concept, Glossary
from terms.matching import TermMatcher, matcher_for

#: (sentence position within the bead side, start, end) in that sentence's text
SentenceSpan = tuple[int, int, int]


def spread_span(span: tuple[int, int] | None, texts: Sequence[str], sep: str) -> list[SentenceSpan]:
    """Map a span of ``sep.join(texts)`` onto the sentences it covers (empty when ``span`` is None)."""
    if span is None:
        return []
    start, end = span
    out: list[SentenceSpan] = []
    offset = 0
    for position, text in enumerate(texts):
        lo, hi = max(start, offset), min(end, offset + len(text))
        if lo < hi or (start == end and offset <= start <= offset + len(text)):
            out.append((position, lo - offset, hi - offset))
        offset += len(text) + len(sep)
    return out


class Annotator:
    """Finds glossary terms and runs the pair checks for the review page, with caches."""

    def __init__(self, glossary: Glossary | None = None, config: Config | None = None, *,
                 src_lang: str = "zh", tgt_lang: str = "en") -> None:
        self.glossary = glossary
        self.config = config
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self._matcher: TermMatcher | None = None
        self._concepts: list[dict[str, Any]] = []
        self._term_cache: dict[tuple[str, str], list[list[int]]] = {}
        self._finding_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], list[dict[str, Any]]] = {}
        self._checker = Checker(glossary, config)  # one for the session, not one per bead
        if glossary is not None:
            self._matcher = matcher_for(glossary)
            self._concepts = [self._describe(concept) for concept in glossary.concepts]

    def _describe(self, concept: Concept) -> dict[str, Any]:
        def preferred(lang: str) -> str:
            term = concept.preferred(lang)
            return term.text if term is not None else ""
        return {"id": str(concept.id), "category": concept.category,
                "zh": preferred("zh"), "en": preferred("en")}

    @property
    def concepts(self) -> list[dict[str, Any]]:
        """The glossary's concepts as the page shows them (id, category, preferred terms)."""
        return self._concepts

    def terms(self, text: str, lang: str) -> list[list[int]]:
        """Glossary terms in ``text``: ``[start, end, concept index]`` each."""
        if self._matcher is None:
            return []
        key = (lang, text)
        cached = self._term_cache.get(key)
        if cached is None:
            cached = [[m.start, m.end, min(m.concepts)] for m in self._matcher.find(text, lang)]
            self._term_cache[key] = cached
        return cached

    def findings(self, source: Sequence[str], target: Sequence[str]) -> list[dict[str, Any]]:
        """The findings of one bead whose sentences are ``source`` and ``target``.

        Each: ``rule``, ``severity``, ``message``, ``suggestion``, ``term``, and ``src``/``tgt``
        lists of ``[sentence position in the bead side, start, end]``.
        """
        key = (tuple(source), tuple(target))
        cached = self._finding_cache.get(key)
        if cached is not None:
            return cached
        src_sep, tgt_sep = sentence_separator(self.src_lang), sentence_separator(self.tgt_lang)
        pair = Pair("", src_sep.join(source), tgt_sep.join(target), self.src_lang, self.tgt_lang)
        result = [{
            "rule": finding.rule, "severity": finding.severity,
            "message": finding.message, "suggestion": finding.suggestion or "",
            "term": finding.term or "",
            "src": [list(s) for s in spread_span(finding.source_span, source, src_sep)],
            "tgt": [list(s) for s in spread_span(finding.target_span, target, tgt_sep)],
        } for finding in self._checker.check_pair(pair)]
        self._checker.suppressed.clear()  # the page shows none; do not pile them up
        self._finding_cache[key] = result
        return result
