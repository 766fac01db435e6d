"""Checks on aligned pairs: glossary terms, numbers, dates, omissions, untranslated text,
consistency across a memory.

``check_pair(pair, glossary, config)`` runs the per-unit rules on one pair (the review app
recomputes a bead with it); ``run_checks(pairs, glossary, config)`` runs them on a whole memory
and adds the cross-unit rule (inconsistent-translation). Both apply the configured severities,
disabled rules and suppressions. For many calls with one glossary, build a :class:`Checker` once.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from terms.config import Config, Suppression
from terms.findings import Finding
from terms.glossary import Glossary
from terms.matching import TermMatcher, matcher_for

__all__ = ["Pair", "MemoryPass", "Checker", "check_pair", "run_checks"]


@dataclass(frozen=True, slots=True)
class Pair:
    """One aligned unit: its id, source and target text (plain text) and their languages."""

    unit: str
    source: str
    target: str
    src_lang: str = "zh"
    tgt_lang: str = "en"


#: (concept index, the source's form of it, document) → rendering used → places
#: ``(unit, text, target span)``
TermUses = dict[tuple[int, str, str], dict[str, list[tuple[str, str, tuple[int, int]]]]]


@dataclass(slots=True)
class MemoryPass:
    """What the per-unit rules learn while :meth:`Checker.run` goes through one memory: the
    terminology rule fills it, later units and the consistency rule read it."""

    #: record :attr:`term_uses` (only when inconsistent-translation is enabled)
    collect_uses: bool = False
    #: the renderings of each concept within a document, for the consistency rule
    term_uses: TermUses = field(default_factory=dict)
    #: document (the unit id before its last ":") → concepts its targets have rendered so far,
    #: so that a short second mention is no term-missing
    mentioned: dict[str, set[int]] = field(default_factory=dict)


PairRule = Callable[[Pair, "Checker", "MemoryPass | None"], Iterator[Finding]]


class Checker:
    """Runs the enabled rules with one glossary and configuration."""

    def __init__(self, glossary: Glossary | None = None, config: Config | None = None) -> None:
        self.glossary = glossary
        self.config = config or Config()
        self.matcher: TermMatcher | None = matcher_for(glossary) if glossary is not None else None
        #: findings silenced by a suppression, with the suppression, from the last calls
        self.suppressed: list[tuple[Finding, Suppression]] = []
        self._pair_rules = _pair_rules(self.config)

    def enabled(self, rule: str) -> bool:
        """True unless the configuration disables ``rule``."""
        return self.config.enabled(rule)

    def check_pair(self, pair: Pair, memory: MemoryPass | None = None) -> list[Finding]:
        """Findings of the per-unit rules on ``pair``, configured and unsuppressed; ``memory``
        carries what the units before it in one memory taught (see :meth:`run`)."""
        out: list[Finding] = []
        config = self.config
        as_found = not (config.disabled or config.severities or config.suppressions)
        for rule in self._pair_rules:
            found = rule(pair, self, memory)
            out.extend(found if as_found else self._configured(found))
        return out

    def run(self, pairs: Iterable[Pair], progress: Callable[[int], None] | None = None
            ) -> list[Finding]:
        """Findings of every rule on a whole memory, unit by unit, then the cross-unit ones."""
        pairs = list(pairs)
        out: list[Finding] = []
        memory = MemoryPass(collect_uses=self.enabled("inconsistent-translation"))
        for pair in pairs:
            out.extend(self.check_pair(pair, memory))
            if progress is not None:
                progress(1)
        if self.enabled("inconsistent-translation"):
            from terms.checks.consistency import check_consistency
            out.extend(self._configured(check_consistency(pairs, self, memory.term_uses)))
        return out

    def configured(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """``findings`` of a rule run elsewhere (against a store, say) with the configured
        severities, disabled rules and suppressions applied, as :meth:`run` applies them."""
        return self._configured(findings)

    def _configured(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        config = self.config
        for f in findings:
            if not config.enabled(f.rule):
                continue
            severity = config.severities.get(f.rule)  # else the rule's own, per finding
            if severity and severity != f.severity:
                f = f.with_severity(severity)
            suppression = config.suppression_for(f) if config.suppressions else None
            if suppression is not None:
                self.suppressed.append((f, suppression))
                continue
            yield f


def _pair_rules(config: Config) -> list[PairRule]:
    from terms.checks.numbers import check_dates, check_numbers
    from terms.checks.omission import check_omission
    from terms.checks.terminology import check_terminology
    from terms.checks.untranslated import check_untranslated
    rules: list[tuple[tuple[str, ...], PairRule]] = [
        (("omission", "heading-omitted"), check_omission),
        (("untranslated",), check_untranslated),
        (("term-missing", "term-deprecated", "term-unexpected", "term-added"),
         check_terminology),
        (("number-mismatch", "number-rounded", "number-added"), check_numbers),
        (("date-mismatch", "number-added"), check_dates),
    ]
    return [fn for ids, fn in rules if any(config.enabled(i) for i in ids)]


def check_pair(pair: Pair, glossary: Glossary | None = None, config: Config | None = None
               ) -> list[Finding]:
    """Findings of the per-unit rules on one pair (see :class:`Checker` for repeated use)."""
    return Checker(glossary, config).check_pair(pair)


def run_checks(pairs: Iterable[Pair], glossary: Glossary | None = None,
               config: Config | None = None) -> list[Finding]:
    """Findings of every rule on a whole memory, cross-unit rules included."""
    return Checker(glossary, config).run(pairs)

