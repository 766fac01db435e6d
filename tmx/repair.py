"""Repair the inline codes of wild memories so that they become valid TMX 1.4.

* a ``bpt`` whose ``i`` is already used in its segment gets a fresh ``i`` (and so does the
  ``ept`` that closes it: the nearest following one with the old ``i``);
* a ``bpt`` that no ``ept`` closes becomes ``<it pos="begin">``, an ``ept`` that closes nothing
  becomes ``<it pos="end">`` — what TMX 1.4 prescribes for isolated codes.

The native code carried, the text and every other element are untouched.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from tmx.model import Inline, Part, Segment, Unit


@dataclass(slots=True)
class _Plan:
    """Decisions for the n-th bpt/ept of a segment, in document order."""

    kinds: dict[int, str] = field(default_factory=dict)
    ids: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _paired(segment: Segment) -> Iterator[Inline]:
    for inline in segment.inlines():
        if inline.tag in ("bpt", "ept"):
            yield inline


def _plan(segment: Segment) -> _Plan:
    plan = _Plan()
    codes = list(_paired(segment))
    numbers = [int(i) for c in codes if (i := c.get("i", "") or "").isdigit()]
    next_id = max(numbers, default=0) + 1
    used: set[str] = set()
    open_by_old: dict[str, list[int]] = {}
    for n, code in enumerate(codes):
        old = code.get("i") or ""
        if code.tag == "bpt":
            new = old
            if not old or old in used:
                new = str(next_id)
                next_id += 1
                plan.notes.append(f'bpt i="{old}" used twice: renumbered i="{new}"')
            used.add(new)
            plan.kinds[n], plan.ids[n] = "bpt", new
            open_by_old.setdefault(old, []).append(n)
        elif open_by_old.get(old):
            opener = open_by_old[old].pop()
            plan.kinds[n], plan.ids[n] = "ept", plan.ids[opener]
        else:
            plan.kinds[n] = "end"
            plan.notes.append(f'ept i="{old}" closes nothing: written as <it pos="end">')
    for openers in open_by_old.values():
        for n in openers:
            plan.kinds[n] = "begin"
            plan.notes.append(f'bpt i="{codes[n].get("i")}" is never closed: written as '
                              '<it pos="begin">')
    return plan


def repair_segment(segment: Segment) -> tuple[Segment, list[str]]:
    """The segment with its paired codes repaired, and what was changed (empty: nothing)."""
    if not segment.has_codes:
        return segment, []
    plan = _plan(segment)
    if not plan.notes:
        return segment, []
    counter = iter(range(1 << 30))
    return Segment(_rebuild(segment.parts, plan, counter)), plan.notes


def _rebuild(parts: tuple[Part, ...], plan: _Plan, counter: Iterator[int]) -> tuple[Part, ...]:
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        if part.tag in ("bpt", "ept"):
            n = next(counter)          # document order: the code itself, then what it holds
            content = _rebuild(part.content, plan, counter)
            kind = plan.kinds[n]
            if kind in ("bpt", "ept"):
                attrs = tuple((k, plan.ids[n] if k == "i" else v) for k, v in part.attrs)
                if not any(k == "i" for k, _ in attrs):
                    attrs = (("i", plan.ids[n]), *attrs)
                out.append(Inline(part.tag, attrs, content))
            else:
                kept = tuple((k, v) for k, v in part.attrs if k in ("x", "type"))
                out.append(Inline("it", (("pos", kind), *kept), content))
        else:
            out.append(Inline(part.tag, part.attrs, _rebuild(part.content, plan, counter)))
    return tuple(out)


def repair_unit(unit: Unit) -> list[str]:
    """Repair every segment of ``unit`` in place; returns what was changed, per language."""
    changes: list[str] = []
    for variant in unit.variants:
        fixed, notes = repair_segment(variant.segment)
        if notes:
            variant.segment = fixed
            changes += [f"{variant.lang}: {note}" for note in notes]
    return changes
