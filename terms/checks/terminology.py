"""The glossary rules: term-missing, term-deprecated, term-unexpected.

Presence is judged with every occurrence (nested ones included), findings are reported on
leftmost-longest matches. So a source 永久全面战略伙伴关系 rendered "comprehensive strategic
partnership" gives one term-missing (the longer concept), not also a term-unexpected for the
shorter one; and a source 全面战略伙伴关系 rendered "permanent comprehensive strategic partnership"
gives one term-unexpected, not also a term-missing.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from terms.findings import Finding
from terms.glossary import Concept, Glossary
from terms.matching import TermMatch, TermMatcher, is_character_lang

if TYPE_CHECKING:
    from terms.checks import Checker, Pair

_DISALLOWED = ("deprecated", "superseded")


def check_terminology(pair: "Pair", checker: "Checker") -> Iterator[Finding]:
    """The glossary rules on one pair (nothing without a glossary, or with an empty side)."""
    if checker.matcher is None or not pair.source.strip() or not pair.target.strip():
        return
    ctx = TermContext(checker.matcher, pair.source, pair.target, pair.src_lang, pair.tgt_lang)
    if not (ctx.source_matches or ctx.target_matches):
        return
    yield from check_terms(ctx, pair.unit)
    if checker.collecting:
        _record_uses(ctx, pair.unit, checker.term_uses)


def _record_uses(ctx: "TermContext", unit: str,
                 uses: dict[int, dict[str, list[tuple[str, str, tuple[int, int]]]]]) -> None:
    """Remember which allowed rendering each concept of the source got in this unit."""
    for m in ctx.target_matches:
        for e in m.entries:
            if e.term.allowed and e.concept in ctx.source_concepts:
                places = uses.setdefault(e.concept, {}).setdefault(e.term.text, [])
                places.append((unit, m.text, m.span))


class TermContext:
    """The matches of one pair, computed once for the three rules."""

    def __init__(self, matcher: TermMatcher, source: str, target: str, src_lang: str,
                 tgt_lang: str) -> None:
        self.glossary: Glossary = matcher.glossary
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.source_matches = matcher.find(source, src_lang)
        self.target_matches = matcher.find(target, tgt_lang)
        self.source_all = matcher.find(source, src_lang, overlapping=True)
        self.target_all = matcher.find(target, tgt_lang, overlapping=True)
        chinese = source if is_character_lang(src_lang) else target
        self._chinese = chinese
        self._applies: dict[int, bool] = {}
        self.source_concepts = {e.concept for m in self.source_all for e in m.entries}
        self.target_allowed = {e.concept for m in self.target_all for e in m.entries
                               if e.term.allowed}

    def concept(self, index: int) -> Concept:
        return self.glossary.concepts[index]

    def applies(self, index: int) -> bool:
        """True when the concept's scope (if any) matches the Chinese segment."""
        known = self._applies.get(index)
        if known is None:
            known = self._applies[index] = self.concept(index).applies_to(self._chinese)
        return known

    def expected_concepts(self, match: TermMatch) -> list[int]:
        """The concepts a source match stands for here: scoped ones win when their scope holds."""
        applicable = [c for c in sorted(match.concepts) if self.applies(c)]
        scoped = [c for c in applicable if self.concept(c).scopes]
        chosen = scoped or applicable
        return [c for c in chosen if self.concept(c).allowed(self.tgt_lang)]


def check_terms(ctx: TermContext, unit: str) -> Iterator[Finding]:
    """All three glossary rules on one pair (severities are set by the caller)."""
    deprecated_concepts: set[int] = set()
    yield from _deprecated(ctx, unit, deprecated_concepts)
    yield from _missing(ctx, unit, deprecated_concepts)
    yield from _unexpected(ctx, unit)


def _source_span_of(ctx: TermContext, concepts: set[int]) -> tuple[tuple[int, int] | None, str | None]:
    for m in ctx.source_matches:
        if m.concepts & concepts:
            return m.span, m.text
    for m in ctx.source_all:
        if m.concepts & concepts:
            return m.span, m.text
    return None, None


def _deprecated(ctx: TermContext, unit: str, seen: set[int]) -> Iterator[Finding]:
    for m in ctx.target_matches:
        allowed_here = [e for e in m.entries if e.term.allowed and e.concept in ctx.source_concepts
                        and ctx.applies(e.concept)]
        if allowed_here:
            continue
        bad = [e for e in m.entries if e.term.status in _DISALLOWED]
        if not bad:
            continue
        # prefer the concept the source speaks of
        bad.sort(key=lambda e: e.concept not in ctx.source_concepts)
        entry = bad[0]
        concept = ctx.concept(entry.concept)
        seen.update(e.concept for e in bad)
        preferred = concept.preferred(ctx.tgt_lang)
        replacement = preferred.text if preferred else ""
        source_span, source_text = _source_span_of(ctx, {entry.concept})
        status = entry.term.status
        message = f"{status} rendering {m.text!r}"
        if source_text:
            message += f" of {source_text!r}"
        message += f"; use {replacement!r}" if replacement else ""
        yield Finding("term-deprecated", "error", unit, message,
                      suggestion=f"replace {m.text!r} with {replacement!r}" if replacement else
                      f"remove the {status} rendering {m.text!r}",
                      source_span=source_span, target_span=m.span,
                      term=source_text or entry.term.text, concept=concept.id)


def _missing(ctx: TermContext, unit: str, deprecated: set[int]) -> Iterator[Finding]:
    reported: set[int] = set()
    for m in ctx.source_matches:
        expected = ctx.expected_concepts(m)
        if not expected:
            continue
        if any(c in ctx.target_allowed for c in expected):
            continue
        if any(c in deprecated for c in expected):
            continue  # reported as term-deprecated, with the replacement
        if reported.intersection(expected):
            continue  # one finding per concept and unit
        reported.update(expected)
        concept = ctx.concept(expected[0])
        preferred = concept.preferred(ctx.tgt_lang)
        assert preferred is not None  # expected_concepts keeps concepts with an allowed term
        others = [t.text for c in expected for t in ctx.concept(c).allowed(ctx.tgt_lang)
                  if t.text != preferred.text]
        message = f"{m.text!r} is not rendered as {preferred.text!r}"
        if others:
            message += " (or " + ", ".join(repr(o) for o in others) + ")"
        yield Finding("term-missing", "error", unit, message,
                      suggestion=f"render {m.text!r} as {preferred.text!r}",
                      source_span=m.span, target_span=None, term=m.text, concept=concept.id)


def _unexpected(ctx: TermContext, unit: str) -> Iterator[Finding]:
    for m in ctx.target_matches:
        allowed = [e for e in m.entries if e.term.allowed]
        if not allowed or len(allowed) < len(m.entries):
            continue  # a form that is also deprecated somewhere is the other rule's business
        concepts = {e.concept for e in allowed}
        with_source_terms = [c for c in concepts if ctx.concept(c).terms_in(ctx.src_lang)]
        if not with_source_terms or any(c in ctx.source_concepts for c in with_source_terms):
            continue
        concept = ctx.concept(with_source_terms[0])
        source_terms = [t.text for t in concept.terms_in(ctx.src_lang) if t.allowed] or \
            [t.text for t in concept.terms_in(ctx.src_lang)]
        yield Finding("term-unexpected", "warning", unit,
                      f"{m.text!r} renders {source_terms[0]!r}, which the source does not have",
                      suggestion=f"check that {m.text!r} is what the source says",
                      source_span=None, target_span=m.span, term=m.text, concept=concept.id)
