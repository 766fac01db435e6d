"""The glossary rules: term-missing, term-deprecated, term-unexpected, term-added.

Terms are matched leftmost-longest on both sides and paired occurrence by occurrence (see
:func:`_consume`). So a source 永久全面战略伙伴关系 rendered "comprehensive strategic partnership"
gives one term-missing (the longer concept), not also a term-unexpected for the shorter one; a
source 全面战略伙伴关系 rendered "permanent comprehensive strategic partnership" gives one
term-unexpected, not also a term-missing; and a title used twice in English for two different
Chinese titles ("Premier Li Keqiang … Cambodian Premier Hun Sen" for 国务院总理 … 首相) gives a
term-missing for the one and a term-unexpected for the other.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from terms.checks.conceptfacts import concept_facts
from terms.english import in_form_of
from terms.findings import Finding
from terms.glossary import Concept, Glossary
from terms.matching import TermMatch, TermMatcher, is_character_lang

if TYPE_CHECKING:
    from terms.checks import Checker, MemoryPass, Pair, TermUses

_DISALLOWED = ("deprecated", "superseded")
#: categories whose rendering, added where the source has none, changes what the text says (an
#: upgraded designation, a fuller title): term-unexpected; others are term-added (info)
_CHANGES_MEANING = frozenset({"title", "designation"})


def check_terminology(pair: "Pair", checker: "Checker", memory: "MemoryPass | None" = None
                      ) -> Iterator[Finding]:
    """The glossary rules on one pair (nothing without a glossary, or with an empty side); in a
    pass over a memory, the concepts rendered so far and their renderings go to ``memory``."""
    if checker.matcher is None or not pair.source.strip() or not pair.target.strip():
        return
    ctx = TermContext(checker.matcher, pair.source, pair.target, pair.src_lang, pair.tgt_lang)
    if not (ctx.source_matches or ctx.target_matches):
        return
    known = None
    if memory is not None:  # going through a memory: names the document gave
        known = memory.mentioned.setdefault(pair.unit.rpartition(":")[0], set())
    yield from check_terms(ctx, pair.unit, known)
    if memory is not None and memory.collect_uses:
        _record_uses(ctx, pair.unit, memory.term_uses)


def _record_uses(ctx: "TermContext", unit: str,
                 uses: "TermUses") -> None:
    """Remember which allowed rendering each concept of the source got in this unit, under the
    concept, the form the source wrote it in (English "partners" and "partnership" may
    rightly become different Chinese terms; one source form rendered two ways may not) and the
    document (two releases may speak of two people with one title: 首相 and 总理 for two
    prime ministers)."""
    source_concepts = ctx.source_concepts
    renderings = [(m, e) for m in ctx.target_matches for e in m.entries
                  if e.concept in source_concepts and e.term.allowed]
    if not renderings:
        return
    document = unit.rpartition(":")[0]
    forms: dict[int, set[str]] = {}
    for m in ctx.source_all:
        for c in m.concepts:
            forms.setdefault(c, set()).add(m.text.casefold())
    for m, e in renderings:
        key = (e.concept, "|".join(sorted(forms.get(e.concept, ()))), document)
        places = uses.setdefault(key, {}).setdefault(e.term.text, [])
        places.append((unit, m.text, m.span))


class TermContext:
    """The matches of one pair, computed once for the three rules."""

    def __init__(self, matcher: TermMatcher, source: str, target: str, src_lang: str,
                 tgt_lang: str) -> None:
        self.glossary: Glossary = matcher.glossary
        self.facts = concept_facts(matcher)
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.source_matches, self.source_all, self._source_other = \
            matcher.find_cased(source, src_lang)
        self.target_matches, self.target_all, self.target_other_case = \
            matcher.find_cased(target, tgt_lang)
        chinese = source if is_character_lang(src_lang) else target
        self._chinese = chinese
        self._applies: dict[int, bool] = {}
        self.source_concepts = {e.concept for m in self.source_all for e in m.entries}
        self._target = target

    @cached_property
    def source_named(self) -> set[int]:
        """Every concept the source names, a case-sensitive term in any case included
        ("Iran's president" names 总统)."""
        return {c for m in (*self.source_all, *self._source_other) for c in m.concepts}

    @property
    def target_folded(self) -> str:
        """The target in lower case (for names kept in the source's script)."""
        return self._target.casefold()

    @property
    def target(self) -> str:
        """The target segment."""
        return self._target

    def concept(self, index: int) -> Concept:
        """The glossary concept at ``index``."""
        return self.glossary.concepts[index]

    def applies(self, index: int) -> bool:
        """True when the concept's scope (if any) matches the Chinese segment."""
        if not self.facts.scopes[index]:
            return True
        known = self._applies.get(index)
        if known is None:
            known = self._applies[index] = self.facts.applies_to(index, self._chinese)
        return known

    def expected_concepts(self, match: TermMatch) -> list[int]:
        """The concepts a source match stands for here: scoped ones win when their scope holds.
        A source term the glossary deprecates for a concept asks for nothing of it: the check
        cannot tell what it means there ("Foreign Secretary" of a British minister)."""
        scopes = self.facts.scopes
        if len(match.allowed) == 1:  # the usual case, without the lists
            (only,) = match.allowed
            return [only] if self.applies(only) and \
                only in self.facts.with_allowed(self.tgt_lang) else []
        applicable = [c for c in sorted(match.allowed) if self.applies(c)]
        scoped = [c for c in applicable if scopes[c]]
        chosen = scoped or applicable
        allowed = self.facts.with_allowed(self.tgt_lang)
        return [c for c in chosen if c in allowed]


def check_terms(ctx: TermContext, unit: str, known: set[int] | None = None
                ) -> Iterator[Finding]:
    """The glossary rules on one pair (severities are set by the caller). ``known``: the
    concepts the target of the same document already rendered in full, in earlier units; a
    name among them (not a title or designation) may then be referred to in short ("the
    Party", "the initiative", "Xi"). The concepts this target renders are added to it."""
    deprecated_concepts: set[int] = set()
    yield from _deprecated(ctx, unit, deprecated_concepts)
    unsatisfied, unconsumed = _consume(ctx)
    # a term the source repeats (中亚 … 中亚) where the target says it once ("Central Asian …
    # these countries") is not missing: only a concept rendered nowhere on its own is
    rendered = set().union(*(t.allowed for t in ctx.target_matches))
    unsatisfied = [(m, c) for m, c in unsatisfied if not rendered.intersection(c)]
    if known:
        unsatisfied = [(m, c) for m, c in unsatisfied if not known.intersection(c)
                       or ctx.concept(c[0]).category in _CHANGES_MEANING]
    if known is not None:
        known.update(rendered)
    missing_categories: set[str] = set()
    yield from _missing(ctx, unit, unsatisfied, deprecated_concepts, missing_categories)
    yield from _unexpected(ctx, unit, unconsumed, missing_categories)


def _consume(ctx: TermContext) -> tuple[list[tuple[TermMatch, list[int]]], list[TermMatch]]:
    """Pair source terms with target renderings, occurrence by occurrence.

    Each source term (leftmost-longest) needs one rendering of one of its concepts in the
    target. Leftmost-longest target renderings are used first; a rendering nested inside a
    longer target term is only available when that longer term renders nothing of the source
    (so "Foreign Minister" inside a rendered "State Councilor and Foreign Minister" does not
    also count for another 外长, but "comprehensive strategic partnership" inside an
    unexpected "permanent comprehensive strategic partnership" does count for 全面战略伙伴关系).
    Returns the unsatisfied source terms (with their concepts) and the target renderings
    that rendered nothing.
    """
    demands = [(m, ctx.expected_concepts(m)) for m in ctx.source_matches]
    demands = [(m, c) for m, c in demands if c]
    supply = [m for m in ctx.target_matches if m.allowed]
    satisfied = [False] * len(demands)
    consumed = [False] * len(supply)
    for j, t in enumerate(supply):
        concepts = t.allowed
        for i, (_, expected) in enumerate(demands):
            if not satisfied[i] and concepts.intersection(expected):
                satisfied[i] = consumed[j] = True
                break
    if not all(satisfied):
        free = [(t.start, t.end) for j, t in enumerate(supply) if not consumed[j]]
        longest = {(t.start, t.end) for t in ctx.target_matches}
        nested = [n for n in ctx.target_all if (n.start, n.end) not in longest
                  and any(s <= n.start and n.end <= e for s, e in free)]
        taken: set[int] = set()
        for i, (_, expected) in enumerate(demands):
            if satisfied[i]:
                continue
            for k, n in enumerate(nested):
                if k not in taken and n.allowed.intersection(expected):
                    satisfied[i] = True
                    taken.add(k)
                    break
    if not all(satisfied):  # a case-sensitive rendering in another case renders it too
        for i, (_, expected) in enumerate(demands):
            if not satisfied[i]:
                satisfied[i] = any(t.allowed.intersection(expected) for t in ctx.target_other_case)
    if not all(satisfied) and is_character_lang(ctx.tgt_lang):  # a name kept as written
        for i, (m, _) in enumerate(demands):          # ("António Guterres" in Chinese)
            if not satisfied[i] and m.text.isascii() and m.text.casefold() in ctx.target_folded:
                satisfied[i] = True
    return ([d for d, ok in zip(demands, satisfied) if not ok],
            [t for t, used in zip(supply, consumed) if not used])


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
        bad = [e for e in m.entries if e.term.status in _DISALLOWED]
        if not bad or any(e.term.allowed and e.concept in ctx.source_concepts
                          and ctx.applies(e.concept) for e in m.entries):
            continue
        # prefer the concept the source speaks of
        bad.sort(key=lambda e: e.concept not in ctx.source_concepts)
        entry = bad[0]
        concept = ctx.concept(entry.concept)
        seen.update(e.concept for e in bad)
        preferred = concept.preferred(ctx.tgt_lang)
        replacement = in_form_of(preferred.text, m.text, entry.term.text,
                                 case_sensitive=preferred.case_sensitive) if preferred else ""
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


def _missing(ctx: TermContext, unit: str, unsatisfied: list[tuple[TermMatch, list[int]]],
             deprecated: set[int], categories: set[str]) -> Iterator[Finding]:
    """term-missing findings; ``categories`` receives the categories of the missing concepts."""
    reported: set[int] = set()
    for m, expected in unsatisfied:
        if any(c in deprecated for c in expected):
            continue  # reported as term-deprecated, with the replacement
        if reported.intersection(expected):
            continue  # one finding per concept and unit
        reported.update(expected)
        concept = ctx.concept(expected[0])
        categories.add(concept.category)
        preferred = concept.preferred(ctx.tgt_lang)
        assert preferred is not None  # expected_concepts keeps concepts with an allowed term
        others = [t.text for c in expected for t in ctx.concept(c).allowed(ctx.tgt_lang)
                  if t.text != preferred.text]
        message = f"{m.text!r} is not rendered as {preferred.text!r}"
        if others:
            message += " (or " + ", ".join(repr(o) for o in others) + ")"
        yield Finding("term-missing", _missing_severity(ctx, concept), unit, message,
                      suggestion=f"render {m.text!r} as {preferred.text!r}",
                      source_span=m.span, target_span=None, term=m.text, concept=concept.id)


def _missing_severity(ctx: TermContext, concept: Concept) -> str:
    """``error`` where a reader of the target is misinformed: an official title left out or
    replaced, a designation replaced by another one (its key word dropped: "comprehensive
    strategic partnership" for 永久全面战略伙伴关系); ``warning`` for a designation paraphrased
    or left out, and for names and phrases (organisations, places, persons, others) rendered
    otherwise than the glossary says ("the Party", "the initiative")."""
    if concept.category == "title":
        return "error"
    if concept.category == "designation" and (any(
            ctx.concept(c).category == "designation" for t in ctx.target_all for c in t.allowed)
            or any(_shortened_in(t.text, ctx.target, ctx.tgt_lang)
                   for t in concept.allowed(ctx.tgt_lang))):
        return "error"
    return "warning"


_WORD = re.compile(r"[^\W\d_]+")


def _shortened_in(rendering: str, target: str, lang: str) -> bool:
    """True when ``target`` holds ``rendering`` with one word dropped ("strategic and
    cooperative partnership" for "comprehensive strategic and cooperative partnership"; in
    Chinese, its end from the fourth last character on: 全面战略伙伴关系 for 永久全面战略伙伴关系)."""
    if is_character_lang(lang):
        return any(rendering[k:] in target for k in range(1, len(rendering) - 3))
    words = [w.casefold() for w in _WORD.findall(rendering)]
    if len(words) < 2:
        return False
    text = " " + " ".join(w.casefold() for w in _WORD.findall(target)) + " "
    return any(" " + " ".join(words[:k] + words[k + 1:]) + " " in text
               for k in range(len(words)))


def _unexpected(ctx: TermContext, unit: str, unconsumed: list[TermMatch],
                missing: set[str]) -> Iterator[Finding]:
    """Target renderings that render nothing of the source: of a concept the source does not
    have at all, or — when a source term of the same category went missing (``missing`` holds
    those categories) — one used more often than the source has its concept ("Premier" twice
    for 国务院总理 and 首相). English that repeats a name or adds an acronym ("the
    China-Pakistan Economic Corridor (CPEC)", "Mukhtar Tileuberdi … Mr. Tileuberdi") is not
    reported, whatever else went missing."""
    if not unconsumed:
        return
    source_count: dict[int, int] = {}
    for m in ctx.source_all:
        for c in m.concepts:
            source_count[c] = source_count.get(c, 0) + 1
    target_count: dict[int, int] = {}
    for m in ctx.target_matches:
        for c in m.allowed:
            target_count[c] = target_count.get(c, 0) + 1
    named = ctx.source_named  # "Iran's president"
    with_source_terms = ctx.facts.with_terms(ctx.src_lang)
    for m in unconsumed:
        if len(m.allowed) < len(m.concepts) or any(not e.term.allowed for e in m.entries):
            continue  # a form that is also deprecated somewhere is the other rule's business
        if not named.isdisjoint(m.allowed) and not any(source_count.get(c) for c in m.allowed):
            continue  # the source names it, in a case a case-sensitive term does not match
        concepts = [c for c in sorted(m.allowed) if c in with_source_terms]
        if not concepts or any(source_count.get(c, 0) and (
                ctx.concept(c).category not in missing or target_count[c] <= source_count[c])
                for c in concepts):
            continue
        concept = ctx.concept(concepts[0])
        source_term = ctx.facts.named_by(concepts[0], ctx.src_lang)
        times = source_count.get(concepts[0], 0)
        if not times and concept.category not in _CHANGES_MEANING \
                and not _replaces_source_term(ctx, m):
            yield Finding("term-added", "info", unit,
                          f"{m.text!r} renders {source_term!r}, which the source leaves "
                          f"implicit", suggestion=f"check that {m.text!r} is meant",
                          source_span=None, target_span=m.span, term=m.text, concept=concept.id)
            continue
        message = (f"{m.text!r} renders {source_term!r}, which the source does not have"
                   if not times else
                   f"{m.text!r} is used {target_count[concepts[0]]} times, but the source has "
                   f"{_source_span_of(ctx, {concepts[0]})[1] or source_term!r} only "
                   f"{'once' if times == 1 else f'{times} times'}")
        yield Finding("term-unexpected", "warning", unit, message,
                      suggestion=f"check that {m.text!r} is what the source says",
                      source_span=None, target_span=m.span, term=m.text, concept=concept.id)


def _replaces_source_term(ctx: TermContext, match: TermMatch) -> bool:
    """True when ``match`` holds, nested, a rendering of a concept the source has: "UN Security
    Council" for 联合国 names another body than the source, it does not merely add a name."""
    return any(match.start <= n.start and n.end <= match.end and n.span != match.span
               and n.allowed & ctx.source_concepts for n in ctx.target_all)
