"""Glossary conflicts a terminology manager must resolve before the glossary is used in checks.

- ``two-preferred``: one Chinese term with different preferred renderings in the same scope
  (in one concept, or in two concepts that both apply; a term that lists longer forms it does
  not apply in, ``exclude``, is kept apart like a scoped one);
- ``deprecated-preferred-elsewhere``: a rendering forbidden in one concept and allowed in another
  whose Chinese term can occur in the same place;
- ``empty-term``: a term with no text; ``no-rendering``: a concept with Chinese terms but no
  allowed English rendering (nothing to check against), or the reverse;
- ``no-replacement``: deprecated renderings but no preferred one to suggest;
- ``duplicate-term``: the same term twice in one concept; ``conflicting-status``: the same term
  both allowed (preferred/admitted) and deprecated/superseded in one concept (the checks
  would accept it, so the deprecation does nothing);
- ``empty-status``: a TBX term whose status element is empty (read as the default status:
  preferred for the first term of its language, admitted for the others);
- ``shadowed``: with a memory to look at, a Chinese term that occurs only inside a longer glossary
  term, so it never applies on its own there (the longer term always wins).

Duplicated concept ids, unknown statuses and invalid scope patterns stop loading altogether
(:class:`~terms.errors.GlossaryError`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from terms.glossary import Concept, Glossary, Term
from terms.matching import matcher_for
from terms.textfold import fold_term


@dataclass(frozen=True, slots=True)
class LintIssue:
    """One problem of a glossary: a code, a severity, the concept, its line and a message."""

    code: str
    severity: str  # "error" | "warning" | "info"
    concept: str
    line: int | None
    message: str
    #: what to do about it
    hint: str = ""


def _at(line: int | None) -> str:
    return f" (line {line})" if line else ""


def _form(text: str, lang: str) -> str:
    return fold_term(text, chinese=lang == "zh").casefold()


def _scope_key(concept: Concept) -> tuple[str, ...]:
    return tuple(sorted(concept.scopes))


def lint_glossary(glossary: Glossary, corpus: Iterable[str] = ()) -> list[LintIssue]:
    """All conflicts of ``glossary``; ``corpus`` (Chinese segments) enables the shadowing test."""
    issues: list[LintIssue] = []
    issues += _per_concept(glossary)
    issues += _two_preferred(glossary)
    issues += _deprecated_elsewhere(glossary)
    segments = list(corpus)
    if segments:
        issues += _shadowed(glossary, segments)
    return sorted(issues, key=lambda i: (i.line or 0, i.code))


def _per_concept(glossary: Glossary) -> list[LintIssue]:
    issues = []
    for c in glossary.concepts:
        seen: dict[tuple[str, str], Term] = {}
        for t in c.terms:
            if t.empty_status:
                issues.append(LintIssue("empty-status", "warning", c.id, t.line or c.line,
                                        f"{t.text!r} in concept {c.id!r} has an empty status; "
                                        f"read as {t.status}",
                                        "give its status (preferred, admitted, deprecated or "
                                        "superseded), or remove the empty element"))
            if not t.text.strip():
                issues.append(LintIssue("empty-term", "error", c.id, t.line or c.line,
                                        f"concept {c.id!r} has an empty {t.lang} term",
                                        "fill in the term, or delete the row"))
                continue
            key = (t.lang, _form(t.text, t.lang))
            first = seen.get(key)
            if first is not None and first.allowed != t.allowed and not (
                    (first.case_sensitive or t.case_sensitive) and first.text != t.text):
                issues.append(LintIssue("conflicting-status", "error", c.id, t.line or c.line,
                                        f"{t.text!r} is both {first.status}{_at(first.line)} and "
                                        f"{t.status}{_at(t.line)} in concept {c.id!r}",
                                        "keep one row, with the status you mean: the checks "
                                        "accept an allowed term, so the other status does "
                                        "nothing"))
            elif first is not None:
                issues.append(LintIssue("duplicate-term", "warning", c.id, t.line or c.line,
                                        f"{t.text!r} appears twice in concept {c.id!r}"
                                        + (f" (first at line {first.line})" if first.line else ""),
                                        "delete one of the two (keep the one with the status "
                                        "you mean)"))
            seen.setdefault(key, t)
        zh, en = c.terms_in("zh"), c.terms_in("en")
        if zh and not [t for t in c.allowed("en") if t.text.strip()]:
            issues.append(LintIssue("no-rendering", "error", c.id, c.line,
                                    f"concept {c.id!r} has no preferred or admitted English "
                                    "rendering",
                                    "add the English rendering with status preferred: the "
                                    "checks have nothing to compare the translation with"))
        elif en and not zh:
            issues.append(LintIssue("no-rendering", "warning", c.id, c.line,
                                    f"concept {c.id!r} has no Chinese term",
                                    "add its Chinese term: until then the concept is never "
                                    "checked"))
        if any(not t.allowed for t in en) and c.preferred("en") is None:
            issues.append(LintIssue("no-replacement", "warning", c.id, c.line,
                                    f"concept {c.id!r} deprecates renderings but has no "
                                    "preferred one to suggest",
                                    "add the rendering to use instead, with status preferred"))
        preferred = [t for t in en if t.status == "preferred" and t.text.strip()]
        if len({_form(t.text, "en") for t in preferred}) > 1:
            issues.append(LintIssue("two-preferred", "warning", c.id, preferred[1].line or c.line,
                                    f"concept {c.id!r} has {len(preferred)} preferred English "
                                    "renderings: " + ", ".join(f"{t.text!r}{_at(t.line)}"
                                                              for t in preferred),
                                    "keep one preferred and make the others admitted (the "
                                    "preferred one is what fixes suggest)"))
    return issues


def _two_preferred(glossary: Glossary) -> list[LintIssue]:
    by_term: dict[tuple[str, tuple[str, ...]], list[Concept]] = defaultdict(list)
    for c in glossary.concepts:
        for t in c.terms_in("zh"):
            if t.text.strip():  # a term's exclusions, like a scope, say where it applies
                by_term[(_form(t.text, "zh"), _scope_key(c) + t.exclusions)].append(c)
    issues = []
    for (form, scope), concepts in by_term.items():
        renderings: dict[str, tuple[Concept, Term]] = {}
        for c in concepts:
            p = c.preferred("en")
            if p is not None:
                renderings.setdefault(_form(p.text, "en"), (c, p))
        if len(renderings) > 1:
            (first, _), (second, p2) = list(renderings.values())[:2]
            where = f" in scope {' | '.join(scope)}" if scope else ""
            issues.append(LintIssue(
                "two-preferred", "error", second.id, p2.line or second.line,
                f"{form!r}{where} has different preferred renderings in concepts "
                + ", ".join(f"{c.id!r} ({p.text!r}{', line ' + str(p.line) if p.line else ''})"
                            for c, p in renderings.values()),
                "merge the concepts, or keep them apart: give one a scope (a pattern the "
                "Chinese segment must match) or a longer, more specific Chinese term"))
    return issues


def _deprecated_elsewhere(glossary: Glossary) -> list[LintIssue]:
    allowed: dict[str, list[Concept]] = defaultdict(list)
    for c in glossary.concepts:
        for t in c.allowed("en"):
            allowed[_form(t.text, "en")].append(c)
    issues = []
    for c in glossary.concepts:
        for t in c.terms_in("en"):
            if t.allowed or not t.text.strip():
                continue
            others = [o for o in allowed.get(_form(t.text, "en"), []) if o is not c]
            # a scoped concept may legitimately prefer what the general one forbids
            clashing = [o for o in others if _scope_key(o) == _scope_key(c)]
            if clashing:
                issues.append(LintIssue(
                    "deprecated-preferred-elsewhere", "error", c.id, t.line or c.line,
                    f"{t.text!r} is {t.status} in concept {c.id!r} but allowed in "
                    + ", ".join(f"{o.id!r}{_at(_line_of(o, t))}" for o in clashing),
                    f"decide whether {t.text!r} is right: allow or forbid it in both concepts, "
                    "or scope one of them so that they never apply to the same segment"))
            elif others:
                issues.append(LintIssue(
                    "deprecated-preferred-elsewhere", "warning", c.id, t.line or c.line,
                    f"{t.text!r} is {t.status} in concept {c.id!r} but allowed in the scoped "
                    "concept(s) " + ", ".join(f"{o.id!r}{_at(_line_of(o, t))}" for o in others),
                    "check that the scopes keep the concepts apart"))
    return issues


def _line_of(concept: Concept, term: Term) -> int | None:
    """The line of ``concept``'s term with the same English form as ``term``."""
    form = _form(term.text, "en")
    return next((t.line for t in concept.terms_in("en") if _form(t.text, "en") == form),
                concept.line)


def _shadowed(glossary: Glossary, segments: list[str]) -> list[LintIssue]:
    matcher = matcher_for(glossary)
    nested: dict[int, int] = defaultdict(int)
    alone: dict[int, int] = defaultdict(int)
    for text in segments:
        leftmost_longest, every = matcher.find_both(text, "zh")
        longest = {(m.start, m.end) for m in leftmost_longest}
        for m in every:
            target = alone if (m.start, m.end) in longest else nested
            for e in m.entries:
                target[id(e.term)] += 1
    issues = []
    for c in glossary.concepts:
        for t in c.terms_in("zh"):
            if nested.get(id(t)) and not alone.get(id(t)):
                issues.append(LintIssue(
                    "shadowed", "info", c.id, t.line or c.line,
                    f"{t.text!r} occurs {nested[id(t)]} time(s) in the memory, always inside a "
                    "longer glossary term, so it never applies there",
                    "nothing to do if that is intended; otherwise check the longer term"))
    return issues
