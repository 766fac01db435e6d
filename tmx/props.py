"""The unit properties Concord writes (TMX ``prop type``) and helpers to read them back.

Every property is optional when reading: memories made by other tools have none of them.
"""
from __future__ import annotations

from tmx.langtags import ALL, same_tag
from tmx.model import Unit, Variant

DOC = "x-concord-doc"                #: document id the unit was aligned from
PARAGRAPH = "x-concord-paragraph"    #: 0-based paragraph of the unit's first source sentence
BEAD = "x-concord-bead"              #: bead type, "1-1", "2-1", "1-0" …
SRC_IDS = "x-concord-src-ids"        #: 0-based source sentence ids, "3,4" ("" for none)
TGT_IDS = "x-concord-tgt-ids"        #: 0-based target sentence ids
CONFIDENCE = "x-concord-confidence"  #: aligner confidence in [0, 1], "0.873"
STATUS = "x-concord-status"          #: review status: "unreviewed", "confirmed", "edited" …
CONFIDENCE_BASIS = "x-concord-confidence-basis"  #: "local": the confidence was rescored in review
#: the language of an empty variant left out of the TMX ``tu`` (a one-sided bead): a CAT tool
#: (OmegaT) takes an empty ``seg`` for a deliberate empty translation and deletes the sentence
EMPTY = "x-concord-empty"

STATUSES = ("unreviewed", "confirmed", "edited", "rejected")


def confidence(unit: Unit) -> float | None:
    """The unit's confidence, ``None`` when absent or not a number."""
    value = unit.prop(CONFIDENCE)
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def status(unit: Unit) -> str | None:
    """The unit's review status, ``None`` when absent."""
    return unit.prop(STATUS)


def doc(unit: Unit) -> str | None:
    """The id of the document the unit comes from, ``None`` when absent."""
    return unit.prop(DOC)


def split_empty_variants(unit: Unit, srclang: str | None) -> tuple[list[Variant], Variant | None]:
    """The variants of ``unit`` to write in TMX, and the empty one to leave out (named by an
    :data:`EMPTY` property instead) or None. Only a bilingual unit with one side empty (a
    one-sided bead) loses its empty variant, and only when :func:`restore_empty_variants` puts it
    back where it was: first when it is in the memory's source language ``srclang``, else last.
    A variant carrying a property, note or attribute is kept (they would be lost), as is the one
    the unit's own ``srclang`` names."""
    variants = unit.variants
    if len(variants) != 2:
        return list(variants), None
    source = srclang if srclang and srclang != ALL else None
    own_srclang = unit.attrs.get("srclang")
    for index, variant in enumerate(variants):
        if variant.segment.parts or variant.props or variant.notes or variant.attrs:
            continue
        if own_srclang and same_tag(variant.lang, own_srclang):
            continue
        in_source = source is not None and same_tag(variant.lang, source)
        if in_source == (index == 0) and not variants[1 - index].segment.is_empty:
            return [variants[1 - index]], variant
    return list(variants), None


def restore_empty_variants(unit: Unit, srclang: str | None) -> None:
    """Put back in ``unit``, as read from TMX, the empty variant its :data:`EMPTY` property
    names (and drop the property): the unit is again the one-sided bead it was written from.
    A variant in the memory's source language ``srclang`` goes first (and the ``srclang`` the
    writer gave the unit when it left its source out is dropped), another one last."""
    langs = [value for kind, value in unit.props if kind == EMPTY]
    if not langs:
        return
    unit.props = [(kind, value) for kind, value in unit.props if kind != EMPTY]
    for lang in langs:
        if not lang or any(same_tag(v.lang, lang) for v in unit.variants):
            continue
        if srclang and srclang != ALL and same_tag(lang, srclang):
            own = unit.attrs.get("srclang")
            if own is not None and unit.variants and same_tag(own, unit.variants[0].lang):
                del unit.attrs["srclang"]
            unit.variants.insert(0, Variant(lang))
        else:
            unit.variants.append(Variant(lang))
