"""Merge memories: exact duplicate units (same languages, same segments, inline codes included)
are kept once — the newest by ``changedate``/``creationdate`` (a later input wins a tie).

Streaming in two passes over the inputs: the first finds, for every distinct unit, which
occurrence to keep (a 16-byte digest per distinct unit is all that is held), the second yields
those occurrences in input order. Memory grows with the number of distinct units, not their size.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from tmx.inline import segment_to_markup
from tmx.langtags import tag_key
from tmx.model import Unit

UnitSource = Callable[[], Iterable[Unit]]


def unit_key(unit: Unit) -> bytes:
    """A digest that two units share exactly when they hold the same segments in the same
    languages (tags compared once normalised, variant order ignored)."""
    digest = hashlib.blake2b(digest_size=16)
    for lang, markup in sorted((tag_key(v.lang), segment_to_markup(v.segment))
                               for v in unit.variants):
        digest.update(lang.encode() + b"\x00" + markup.encode("utf-8", "surrogatepass") + b"\x01")
    return digest.digest()


@dataclass(slots=True)
class MergeStats:
    """How many units each input gave, and how many were left out as duplicates."""

    read: list[int] = field(default_factory=list)
    kept: int = 0
    duplicates: int = 0


def merge(sources: Sequence[UnitSource], stats: MergeStats | None = None) -> Iterator[Unit]:
    """The units of every source, each distinct unit once (its newest occurrence).

    ``sources`` are callables that return a fresh iterable of units each time they are called
    (each is read twice).
    """
    stats = stats if stats is not None else MergeStats()
    best: dict[bytes, tuple[str, int, int]] = {}
    stats.read = []
    for f, source in enumerate(sources):
        count = 0
        for i, unit in enumerate(source()):
            count += 1
            key = unit_key(unit)
            date = unit.date
            held = best.get(key)
            if held is None or date >= held[0]:
                best[key] = (date, f, i)
        stats.read.append(count)
    stats.duplicates = sum(stats.read) - len(best)
    for f, source in enumerate(sources):
        for i, unit in enumerate(source()):
            held = best.get(unit_key(unit))
            if held is not None and held[1] == f and held[2] == i:
                stats.kept += 1
                yield unit
