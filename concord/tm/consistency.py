"""The inconsistent-translation rule against a store, without loading the store.

Two uses: the units being checked against everything stored before (one indexed query per
unit: the stored units with the same source once folded), and the store against itself (one
query grouping the store by folded source; only sources with more than one translation come
back, one group in memory at a time).
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from concord.reports import CheckedUnit, Location
from concord.tm.store import Store
from terms.checks import Pair
from terms.checks.consistency import MAX_RELATED, MIN_SOURCE, normalise
from terms.findings import Finding

RULE = "inconsistent-translation"


def _judged(source: str) -> bool:
    return len(normalise(source).replace(" ", "")) >= MIN_SOURCE


def against_store(pairs: Iterable[Pair], store: Store) -> Iterator[Finding]:
    """A finding for each pair whose source the store holds with another translation."""
    for pair in pairs:
        if not pair.target.strip() or not _judged(pair.source):
            continue
        lang = "zh" if pair.src_lang.lower().startswith("zh") else "en"
        stored = store.translations(pair.source, lang)
        if not stored:
            continue
        mine = normalise(pair.target)
        if any(s[2] == mine for s in stored):
            continue  # this translation is stored already: consistent with something before
        others = stored
        usual = Counter(s[2] for s in others).most_common(1)[0][0]
        tuid, target, _, origin = next(s for s in others if s[2] == usual)
        where = f"{tuid or 'a unit'} of {os.path.basename(origin)}"
        yield Finding(RULE, "warning", pair.unit,
                      f"the same source was translated differently before ({where}, "
                      f"{len(others)} stored unit{'s' if len(others) > 1 else ''}): {target!r}",
                      suggestion=f"use {target!r} as before, or confirm the difference",
                      source_span=(0, len(pair.source)), target_span=(0, len(pair.target)),
                      related=tuple(t or "" for t, *_ in others[:MAX_RELATED]))


def store_findings(store: Store) -> tuple[list[CheckedUnit], list[Finding]]:
    """The store checked against itself: in each group of units with one source and several
    translations, those whose translation is not the most frequent one (the checked units
    returned are those the findings name, with the unit they differ from)."""
    checked: list[CheckedUnit] = []
    findings: list[Finding] = []
    seen: set[str] = set()
    for group in store.inconsistent_groups():
        if not _judged(group[0][3] if group[0][2] == "zh" else group[0][4]):
            continue
        usual = Counter(row[5] for row in group).most_common(1)[0][0]
        model = next(row for row in group if row[5] == usual)
        model_unit = _checked(model, seen, checked)
        for row in group:
            if row[5] == usual:
                continue
            unit = _checked(row, seen, checked)
            findings.append(Finding(
                RULE, "warning", unit.unit,
                f"the same source is translated differently in unit {model_unit.unit}: "
                f"{model_unit.target!r}",
                suggestion=f"use {model_unit.target!r} or confirm the difference",
                source_span=(0, len(unit.source)), target_span=(0, len(unit.target)),
                related=(model_unit.unit,)))
    return checked, findings


def _checked(row: tuple[Any, ...], seen: set[str], checked: list[CheckedUnit]) -> CheckedUnit:
    row_id, tuid, src_lang, zh, en, _, origin = row
    unit_id = tuid or f"#{row_id}"
    if unit_id in seen:
        unit_id = f"{unit_id}#{row_id}"
    seen.add(unit_id)
    source, target = (zh, en) if src_lang == "zh" else (en, zh)
    location = Location(origin)
    unit = CheckedUnit(unit_id, source, target, src_lang, "en" if src_lang == "zh" else "zh",
                       location, location)
    checked.append(unit)
    return unit
