"""The unit properties Concord writes (TMX ``prop type``) and helpers to read them back.

Every property is optional when reading: memories made by other tools have none of them.
"""
from __future__ import annotations

from tmx.model import Unit

DOC = "x-concord-doc"                #: document id the unit was aligned from
PARAGRAPH = "x-concord-paragraph"    #: 0-based paragraph of the unit's first source sentence
BEAD = "x-concord-bead"              #: bead type, "1-1", "2-1", "1-0" …
SRC_IDS = "x-concord-src-ids"        #: 0-based source sentence ids, "3,4" ("" for none)
TGT_IDS = "x-concord-tgt-ids"        #: 0-based target sentence ids
CONFIDENCE = "x-concord-confidence"  #: aligner confidence in [0, 1], "0.873"
STATUS = "x-concord-status"          #: review status: "unreviewed", "confirmed", "edited" …
CONFIDENCE_BASIS = "x-concord-confidence-basis"  #: "local": the confidence was rescored in review

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
