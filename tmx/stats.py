"""Figures about a memory, gathered in one streaming pass: units and variants per language,
empty-sided and one-sided units, inline codes, documents, review statuses, bead types and the
distribution of aligner confidence, characters per language (and Han characters for Chinese and
Japanese), words for languages written with spaces (not for Chinese, which has no words to count),
duplicate tuids."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from align.language import HAN
from tmx import props as P
from tmx.langtags import primary_language
from tmx.model import Unit

_WORD = re.compile(r"\w+", re.UNICODE)
BINS = 10


@dataclass(slots=True)
class MemoryStats:
    """What :func:`gather` counts (see the module notes)."""

    units: int = 0
    variants: Counter[str] = field(default_factory=Counter)
    multilingual: int = 0
    one_sided: int = 0
    empty_sided: int = 0
    with_codes: int = 0
    with_notes: int = 0
    duplicate_tuids: int = 0
    no_tuid: int = 0
    documents: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    beads: Counter[str] = field(default_factory=Counter)
    prop_types: Counter[str] = field(default_factory=Counter)
    characters: Counter[str] = field(default_factory=Counter)
    #: Han characters, for Chinese and Japanese variants only
    han: Counter[str] = field(default_factory=Counter)
    #: words, for languages other than Chinese and Japanese only
    words: Counter[str] = field(default_factory=Counter)
    confidence_count: int = 0
    confidence_sum: float = 0.0
    confidence_min: float | None = None
    confidence_max: float | None = None
    confidence_histogram: list[int] = field(default_factory=lambda: [0] * BINS)

    @property
    def confidence_mean(self) -> float | None:
        """The mean aligner confidence, ``None`` when no unit has one."""
        return self.confidence_sum / self.confidence_count if self.confidence_count else None

    def add(self, unit: Unit, tuids: set[str]) -> None:
        """Count one unit."""
        self.units += 1
        if unit.tuid is None:
            self.no_tuid += 1
        elif unit.tuid in tuids:
            self.duplicate_tuids += 1
        else:
            tuids.add(unit.tuid)
        if len(unit.variants) > 2:
            self.multilingual += 1
        if len(unit.variants) < 2:
            self.one_sided += 1
        elif unit.is_empty_sided:
            self.empty_sided += 1
        if unit.notes:
            self.with_notes += 1
        codes = False
        for variant in unit.variants:
            self.variants[variant.lang] += 1
            codes = codes or variant.segment.has_codes
            text = variant.text
            self.characters[variant.lang] += len(text)
            if counts_characters(variant.lang):
                self.han[variant.lang] += len(HAN.findall(text))
            else:
                self.words[variant.lang] += len(_WORD.findall(text))
        self.with_codes += codes
        for kind, _value in unit.props:
            self.prop_types[kind] += 1
        if (doc := P.doc(unit)) is not None:
            self.documents[doc] += 1
        if (status := P.status(unit)) is not None:
            self.statuses[status] += 1
        if (bead := unit.prop(P.BEAD)) is not None:
            self.beads[bead] += 1
        confidence = P.confidence(unit)
        if confidence is not None:
            self.confidence_count += 1
            self.confidence_sum += confidence
            self.confidence_min = confidence if self.confidence_min is None else min(
                self.confidence_min, confidence)
            self.confidence_max = confidence if self.confidence_max is None else max(
                self.confidence_max, confidence)
            self.confidence_histogram[min(BINS - 1, max(0, int(confidence * BINS)))] += 1

    def to_json(self) -> dict[str, Any]:
        """The figures as JSON data."""
        return {
            "units": self.units, "variants": dict(self.variants),
            "multilingual_units": self.multilingual, "one_sided_units": self.one_sided,
            "empty_sided_units": self.empty_sided, "units_with_inline_codes": self.with_codes,
            "units_with_notes": self.with_notes, "units_without_tuid": self.no_tuid,
            "duplicate_tuids": self.duplicate_tuids, "documents": dict(self.documents),
            "statuses": dict(self.statuses), "beads": dict(self.beads),
            "prop_types": dict(self.prop_types), "characters": dict(self.characters),
            "han_characters": dict(self.han), "words": dict(self.words),
            "confidence": {
                "count": self.confidence_count, "mean": self.confidence_mean,
                "min": self.confidence_min, "max": self.confidence_max,
                "histogram": {f"{i / BINS:.1f}-{(i + 1) / BINS:.1f}": n
                              for i, n in enumerate(self.confidence_histogram)}},
        }


def counts_characters(lang: str) -> bool:
    """True for languages whose text is measured in characters, not words (Chinese, Japanese)."""
    return primary_language(lang) in ("zh", "ja")


def gather(units: Iterable[Unit]) -> MemoryStats:
    """Count every unit of ``units`` (one pass)."""
    stats = MemoryStats()
    tuids: set[str] = set()
    for unit in units:
        stats.add(unit, tuids)
    return stats
