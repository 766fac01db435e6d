"""Glossary coverage of a memory: which concepts its source side uses, and how the target renders
each occurrence (preferred, admitted, deprecated, or not at all).

A terminology manager reads this to see which entries matter, which are never met, and which
are rendered off-glossary most often. The verdict for each unit is the terminology check's own
(:func:`terms.checks.terminology.check_terms`, on the same matches): a concept with a
``term-missing`` finding is missing, with ``term-deprecated`` deprecated; otherwise the target
holds an allowed rendering, preferred or admitted. The renderings themselves (the English of
the concept's terms, preferred, admitted or deprecated, as the target writes them) are counted
too, so that one sees which English is actually used.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from terms.checks import Pair
from terms.checks.terminology import TermContext, check_terms
from terms.glossary import Glossary
from terms.matching import matcher_for

#: the outcomes of one occurrence, in the order they are reported
OUTCOMES = ("preferred", "admitted", "deprecated", "missing")
#: the terminology findings that decide an occurrence's outcome (term-unexpected does not)
_OUTCOME_OF_RULE = {"term-missing": "missing", "term-deprecated": "deprecated"}


@dataclass(slots=True)
class ConceptUse:
    """How often a concept's source term occurs (in units) and how the target rendered it."""

    concept: str
    units: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    #: the first units (ids) where the rendering is deprecated or missing, to look at
    examples: list[str] = field(default_factory=list)
    #: the concept's renderings as the targets write them → the number of units holding each
    renderings: Counter[str] = field(default_factory=Counter)

    @property
    def on_glossary(self) -> float:
        """The share of occurrences rendered with a preferred or admitted term."""
        if not self.units:
            return 0.0
        return (self.outcomes["preferred"] + self.outcomes["admitted"]) / self.units


@dataclass(slots=True)
class Coverage:
    """Coverage of a glossary by a memory: the concepts used (most used first) and those never."""

    units: int
    used: list[ConceptUse]
    unused: list[str]


def glossary_coverage(glossary: Glossary, pairs: Iterable[Pair], *, examples: int = 3
                      ) -> Coverage:
    """How the concepts of ``glossary`` occur in ``pairs`` (source and target of each unit;
    languages as the glossary names them: ``zh``, ``en``).

    A concept counts once per unit, with one outcome: ``missing`` or ``deprecated`` when the
    terminology check says so, else ``preferred`` when the target has a preferred rendering of
    it, else ``admitted``. ``examples`` unit ids are kept per concept for the two bad outcomes;
``renderings`` counts, per concept, the units whose target holds each rendering of it.
    """
    matcher = matcher_for(glossary)
    uses: dict[int, ConceptUse] = {}
    index_of = {c.id: i for i, c in enumerate(glossary.concepts)}
    units = 0
    for pair in pairs:
        units += 1
        # one matching of both sides, shared with the check that judges the renderings
        ctx = TermContext(matcher, pair.source, pair.target, pair.src_lang, pair.tgt_lang)
        found = {c for m in ctx.source_matches for c in ctx.expected_concepts(m)}
        if not found:
            continue
        verdicts: dict[int, str] = {}
        for finding in check_terms(ctx, pair.unit):
            outcome = _OUTCOME_OF_RULE.get(finding.rule)
            if outcome is not None and finding.concept in index_of:
                verdicts.setdefault(index_of[finding.concept], outcome)
        preferred = {e.concept for m in ctx.target_matches for e in m.entries
                     if e.term.status == "preferred"}
        for concept in found:
            use = uses.setdefault(concept, ConceptUse(glossary.concepts[concept].id))
            outcome = verdicts.get(concept) or (
                "preferred" if concept in preferred else "admitted")
            use.units += 1
            use.outcomes[outcome] += 1
            use.renderings.update({m.text for m in ctx.target_matches if concept in m.concepts})
            if outcome in _OUTCOME_OF_RULE.values() and len(use.examples) < examples:
                use.examples.append(pair.unit)
    used = sorted(uses.values(), key=lambda u: (-u.units, u.concept))
    unused = [c.id for i, c in enumerate(glossary.concepts) if i not in uses]
    return Coverage(units, used, unused)
