"""A review's beads as translation-memory units, with their review status, ready to be written.

Each unit carries the standard ``x-concord-*`` properties of :func:`concord.bitext.units_from_alignment`
with ``x-concord-status`` set from the review: ``confirmed``; ``edited`` for an unconfirmed bead the
reviewer regrouped or whose text was changed; ``unreviewed`` otherwise. A bead a reviewer made has
no aligner confidence, so it carries no ``x-concord-confidence``. Edited sentences keep their original
text in a ``note``, and the bead's check findings are notes too.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from concord.bitext import WriteSummary, units_from_alignment, write_units
from concord.review.model import CONFIRMED, ReviewBead
from concord.review.session import ReviewSession
from tmx import props as P
from tmx.langtags import normalize_tag
from tmx.model import Unit

FORMATS = ("tmx", "po", "tsv")
SCOPES = ("all", "confirmed")

Findings = Callable[[ReviewBead], list[dict[str, Any]]]


def review_status(session: ReviewSession, bead: ReviewBead) -> str:
    """The ``x-concord-status`` of a bead: confirmed, edited or unreviewed."""
    if bead.status == CONFIRMED:
        return "confirmed"
    edited_text = any(i in session.edits["src"] for i in bead.src) or any(
        i in session.edits["tgt"] for i in bead.tgt)
    return "edited" if bead.confidence is None or edited_text else "unreviewed"


def review_units(session: ReviewSession, *, doc_id: str, scope: str = "all",
                 findings: Findings | None = None) -> Iterator[Unit]:
    """One unit per bead (only confirmed ones with ``scope="confirmed"``), in document order."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    units = units_from_alignment(session.alignment(), doc_id=doc_id)
    for bead, unit in zip(session.beads, units, strict=True):
        if scope == "confirmed" and bead.status != CONFIRMED:
            continue
        unit.set_prop(P.STATUS, review_status(session, bead))
        if bead.confidence is None:
            unit.props = [(k, v) for k, v in unit.props if k != P.CONFIDENCE]
        for side, ids in (("src", bead.src), ("tgt", bead.tgt)):
            word = "source" if side == "src" else "target"
            for i in ids:
                if i in session.edits[side]:  # type: ignore[index]
                    unit.notes.append(f"edited in review; original {word} sentence {i + 1}: "
                                      f"{session.original(side, i)}")  # type: ignore[arg-type]
        for finding in findings(bead) if findings is not None else ():
            unit.notes.append(f"{finding['severity']} {finding['rule']}: {finding['message']}")
        yield unit


def export_review(session: ReviewSession, path: str | os.PathLike[str], *, doc_id: str,
                  fmt: str | None = None, scope: str = "all",
                  findings: Findings | None = None) -> WriteSummary:
    """Write the review to ``path`` (TMX, PO or TSV, from ``fmt`` or the extension), atomically."""
    name = fmt or Path(path).suffix.lstrip(".").lower()
    if name not in FORMATS:
        raise ValueError(f"the review exports {', '.join(FORMATS)}, not {name!r}")
    units = review_units(session, doc_id=doc_id, scope=scope, findings=findings)
    return write_units(units, path, name, src_lang=normalize_tag(session.source.lang),
                       tgt_lang=normalize_tag(session.target.lang))
