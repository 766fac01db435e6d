"""Merge memories: each unit once, in its newest version.

Two units are versions of one unit when they are exact duplicates (same languages, same
segments, inline codes included), or when they share their ``tuid`` and at least one variant (the
same segment in the same language): a reviewed memory merged with the memory it was made from
holds an edited unit under the tuid of the original, with the same Chinese. Of the versions, the
one kept is the first by

1. review: a unit whose ``x-concord-status`` is ``confirmed``, ``edited`` or ``rejected`` wins
   over an unreviewed one (or one without a status);
2. date: the latest ``changedate``/``creationdate``;
3. order: the later input (the later unit of one input).

Streaming in two passes over the inputs: the first finds, for every unit, which version to keep
(digests of 16 bytes per distinct unit and variant are all that is held), the second yields the
versions kept in input order. Memory grows with the number of distinct units, not their size.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from tmx import props as P
from tmx.inline import segment_to_markup
from tmx.langtags import tag_key
from tmx.model import Unit, Variant

UnitSource = Callable[[], Iterable[Unit]]
#: review statuses that make a version win over an unreviewed one
REVIEWED = frozenset({"confirmed", "edited", "rejected"})


def _variant_key(variant: Variant) -> bytes:
    return (tag_key(variant.lang).encode() + b"\x00"
            + segment_to_markup(variant.segment).encode("utf-8", "surrogatepass"))


def unit_key(unit: Unit) -> bytes:
    """A digest that two units share exactly when they hold the same segments in the same
    languages (tags compared once normalised, variant order ignored)."""
    digest = hashlib.blake2b(digest_size=16)
    for key in sorted(_variant_key(v) for v in unit.variants):
        digest.update(key + b"\x01")
    return digest.digest()


def _tuid_variants(unit: Unit) -> set[bytes]:
    """A digest of (tuid, variant) for each variant of ``unit``: two units sharing one are
    versions of one unit."""
    tuid = (unit.tuid or "").encode("utf-8", "surrogatepass") + b"\x00"
    return {hashlib.blake2b(tuid + _variant_key(v), digest_size=16).digest()
            for v in unit.variants}


@dataclass(slots=True)
class MergeStats:
    """How many units each input gave, how many were left out as exact duplicates and how many
    as older versions of a unit of the same tuid."""

    read: list[int] = field(default_factory=list)
    kept: int = 0
    duplicates: int = 0
    superseded: int = 0


class _Versions:
    """Groups of units that are versions of one another (a union-find over unit keys), with the
    best version of each group."""

    def __init__(self) -> None:
        self.parent: dict[bytes, bytes] = {}
        self.best: dict[bytes, tuple[tuple[bool, str, int, int], bytes]] = {}
        self.by_tuid_variant: dict[bytes, bytes] = {}

    def find(self, key: bytes) -> bytes:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: bytes, b: bytes) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.best[ra] = max(self.best[ra], self.best.pop(rb))

    def add(self, unit: Unit, key: bytes, rank: tuple[bool, str, int, int]) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.best[key] = (rank, key)
        else:
            root = self.find(key)
            self.best[root] = max(self.best[root], (rank, key))
        if unit.tuid is None:
            return
        for shared in _tuid_variants(unit):
            other = self.by_tuid_variant.setdefault(shared, key)
            if other != key:
                self.union(other, key)


def merge(sources: Sequence[UnitSource], stats: MergeStats | None = None) -> Iterator[Unit]:
    """The units of every source, each unit once in its newest version (see the module notes).

    ``sources`` are callables that return a fresh iterable of units each time they are called
    (each is read twice).
    """
    stats = stats if stats is not None else MergeStats()
    versions = _Versions()
    stats.read = []
    for f, source in enumerate(sources):
        count = 0
        for i, unit in enumerate(source()):
            count += 1
            versions.add(unit, unit_key(unit), (P.status(unit) in REVIEWED, unit.date, f, i))
        stats.read.append(count)
    distinct = len(versions.parent)
    stats.duplicates = sum(stats.read) - distinct
    stats.superseded = distinct - len(versions.best)
    for f, source in enumerate(sources):
        for i, unit in enumerate(source()):
            rank, _ = versions.best[versions.find(unit_key(unit))]
            if rank[2:] == (f, i):
                stats.kept += 1
                yield unit
