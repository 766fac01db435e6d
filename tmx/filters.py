"""Select units (by aligner confidence, review status, language and document) and normalise
their language tags."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tmx import props as P
from tmx.langtags import (ALL, DEFAULT_EN, DEFAULT_ZH, normalize_or_keep, normalize_tag,
                          primary_language, same_tag)
from tmx.model import Unit


@dataclass(frozen=True, slots=True)
class UnitFilter:
    """What to keep. Every criterion given must hold; an empty one does not filter.

    * ``min_confidence``/``max_confidence``: units whose ``x-concord-confidence`` is below the
      minimum or above the maximum are dropped (units without a confidence — from other tools —
      are kept).
    * ``statuses``: keep units whose ``x-concord-status`` is one of these (a unit without a
      status matches none).
    * ``langs``: keep only the variants in these languages (``zh`` matches ``zh-CN``; ``zh-TW``
      only ``zh-TW``); units left with no variant are dropped.
    * ``docs``: keep units whose ``x-concord-doc`` is one of these.
    """

    min_confidence: float | None = None
    max_confidence: float | None = None
    statuses: frozenset[str] = field(default_factory=frozenset)
    langs: tuple[str, ...] = ()
    docs: frozenset[str] = field(default_factory=frozenset)

    def apply(self, unit: Unit) -> Unit | None:
        """``unit`` (with only the wanted variants) when it passes, else ``None``."""
        confidence = P.confidence(unit)
        if confidence is not None and (
                self.min_confidence is not None and confidence < self.min_confidence
                or self.max_confidence is not None and confidence > self.max_confidence):
            return None
        if self.statuses and P.status(unit) not in self.statuses:
            return None
        if self.docs and P.doc(unit) not in self.docs:
            return None
        if self.langs:
            kept = [v for v in unit.variants
                    if any(matches_lang(v.lang, want) for want in self.langs)]
            if not kept:
                return None
            if len(kept) != len(unit.variants):
                unit.variants = kept
                _drop_lost_srclang(unit)
        return unit


def _drop_lost_srclang(unit: Unit) -> None:
    """Remove the unit's own ``srclang`` when its variant has been filtered out (the header's
    then applies, or the writer picks one)."""
    srclang = unit.attrs.get("srclang")
    if srclang and srclang != ALL and not any(same_tag(v.lang, srclang) for v in unit.variants):
        del unit.attrs["srclang"]


def matches_lang(tag: str, wanted: str) -> bool:
    """True when ``tag`` is the language ``wanted``: the same tag once normalised, or any variety
    of a bare language (``zh`` matches ``zh-CN`` and ``zh-TW``; ``zh-TW`` only ``zh-TW``)."""
    try:
        norm_tag, norm_wanted = normalize_tag(tag), normalize_tag(wanted)
    except ValueError:
        return tag.lower() == wanted.lower()
    if norm_tag == norm_wanted:
        return True
    # a bare language ("zh", "en") matches every variety of it
    return "-" not in wanted.strip() and primary_language(tag) == primary_language(wanted)


def filter_units(units: Iterable[Unit], unit_filter: UnitFilter) -> Iterator[Unit]:
    """The units that pass ``unit_filter``."""
    for unit in units:
        kept = unit_filter.apply(unit)
        if kept is not None:
            yield kept


def retag(units: Iterable[Unit], *, zh: str = DEFAULT_ZH, en: str = DEFAULT_EN) -> Iterator[Unit]:
    """The units with every language tag normalised (see :func:`tmx.langtags.normalize_tag`);
    a tag that cannot be read is left as it is."""
    for unit in units:
        for variant in unit.variants:
            variant.lang = normalize_or_keep(variant.lang, zh=zh, en=en)
        srclang = unit.attrs.get("srclang")
        if srclang:
            unit.attrs["srclang"] = normalize_or_keep(srclang, zh=zh, en=en)
        yield unit
