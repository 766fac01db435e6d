"""A review's beads as translation-memory units, with their review status, ready to be written."""
from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from align.model import sentence_separator
from concord.bitext import WriteSummary, units_from_alignment, write_units
from concord.review.memory import MemoryOrigin
from concord.review.model import CONFIRMED, SIDES, ReviewBead, side_name
from concord.review.session import ReviewSession
from tmx import props as P
from tmx.langtags import normalize_tag
from tmx.model import Part, Segment, Unit, Variant
from tmx.po import FUZZY_PROP

FORMATS = ("tmx", "po", "tsv")
SCOPES = ("all", "confirmed")
#: prefix of the finding notes the review adds (replaced, not piled up, on a later export)
NOTE_PREFIX = "concord review: "
#: statuses a memory may give that an untouched, unconfirmed bead keeps
KEPT_STATUSES = ("edited", "rejected")

Findings = Callable[[ReviewBead], list[dict[str, Any]]]


def review_status(session: ReviewSession, bead: ReviewBead) -> str:
    """The ``x-concord-status`` of a bead: confirmed, edited or unreviewed."""
    if bead.status == CONFIRMED:
        return "confirmed"
    if session.regrouped(bead) or session.edited(bead):
        return "edited"
    memory = session.memory
    if memory is not None:
        owners = memory.units_of(bead)
        if len(owners) == 1:
            status = P.status(memory.units[owners[0]])
            if status in KEPT_STATUSES:
                return status
    return "unreviewed"


def review_units(session: ReviewSession, *, doc_id: str, scope: str = "all",
                 findings: Findings | None = None, fmt: str = "tmx") -> Iterator[Unit]:
    """One unit per bead (only confirmed ones with ``scope="confirmed"``), in document order,
    for a file in ``fmt`` (see :func:`export_review` for PO)."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if session.memory is not None:
        yield from _memory_units(session, session.memory, doc_id=doc_id, scope=scope,
                                 findings=findings, fmt=fmt)
        return
    units = units_from_alignment(session.alignment(), doc_id=doc_id)
    for bead, unit in zip(session.beads, units, strict=True):
        if scope == "confirmed" and bead.status != CONFIRMED:
            continue
        _set_confidence(unit, bead)
        _review_notes(session, bead, unit, findings)
        yield unit


def _set_confidence(unit: Unit, bead: ReviewBead) -> None:
    unit.props = [(k, v) for k, v in unit.props if k not in (P.CONFIDENCE, P.CONFIDENCE_BASIS)]
    if bead.confidence is not None:
        unit.props.append((P.CONFIDENCE, f"{bead.confidence:.3f}"))
        if bead.local:
            unit.props.append((P.CONFIDENCE_BASIS, "local"))


def _review_notes(session: ReviewSession, bead: ReviewBead, unit: Unit,
                  findings: Findings | None) -> None:
    """Status, edited-text notes and finding notes of ``bead`` on ``unit``."""
    status = review_status(session, bead)
    unit.set_prop(P.STATUS, status)
    if status == "confirmed":  # what another tool's PO marked fuzzy, the reviewer confirmed
        unit.props = [p for p in unit.props if p != (FUZZY_PROP, "yes")]
    unit.notes = [n for n in unit.notes if not n.startswith(NOTE_PREFIX)]
    for side in SIDES:
        for i in bead.side(side):
            if i in session.edits[side]:
                note = (f"edited in review; original {side_name(side)} sentence {i + 1}: "
                        f"{session.original(side, i)}")
                if note not in unit.notes:
                    unit.notes.append(note)
    for finding in findings(bead) if findings is not None else ():
        unit.notes.append(f"{NOTE_PREFIX}{finding['severity']} {finding['rule']}: "
                          f"{finding['message']}")


# -- memory reviews -------------------------------------------------------------------------------

def untouched_unit(session: ReviewSession, memory: MemoryOrigin, bead: ReviewBead) -> int | None:
    """The unit ``bead`` is exactly, when the reviewer neither regrouped nor edited it."""
    owners = memory.units_of(bead)
    if len(owners) != 1 or session.edited(bead):
        return None
    return owners[0] if memory.sentences_of(owners[0]) == (bead.src, bead.tgt) else None


def foreign_po_entry(memory: MemoryOrigin, unit: int) -> bool:
    """True when unit ``unit`` is an entry of another tool's PO file (it has no review status)."""
    return memory.fmt == "po" and P.status(memory.units[unit]) is None


def _memory_units(session: ReviewSession, memory: MemoryOrigin, *, doc_id: str, scope: str,
                  findings: Findings | None, fmt: str) -> Iterator[Unit]:
    kept = [untouched_unit(session, memory, b) for b in session.beads]
    carried = [u for u in range(len(memory.units)) if not memory.reviewed(u)]
    taken = {memory.units[u].tuid for u in kept if u is not None}
    taken.update(memory.units[u].tuid for u in carried)
    claimed: set[int] = set()     # units whose extra variants and code-only sides are placed
    passed = 0                    # carried units already passed (written with scope "all")
    for number, (bead, unit_index) in enumerate(zip(session.beads, kept, strict=True), 1):
        owners = memory.units_of(bead)
        while passed < len(carried) and carried[passed] < owners[0]:
            if scope == "all":
                yield copy.deepcopy(memory.units[carried[passed]])
            passed += 1
        if scope == "confirmed" and bead.status != CONFIRMED:
            claimed.update(owners)
            continue
        if unit_index is not None:
            unit = copy.deepcopy(memory.units[unit_index])
            claimed.add(unit_index)
        else:
            unit = _rebuilt(session, memory, bead, owners, claimed, doc_id, number)
            unit.tuid = _unique(unit.tuid, taken)
        _review_notes(session, bead, unit, findings)
        if (fmt == "po" and unit_index is not None and bead.status != CONFIRMED
                and foreign_po_entry(memory, unit_index)):
            unit.props = [(k, v) for k, v in unit.props if k != P.STATUS]  # its fuzzy flag says
        yield unit
    if scope == "all":
        yield from (copy.deepcopy(memory.units[u]) for u in carried[passed:])


def _rebuilt(session: ReviewSession, memory: MemoryOrigin, bead: ReviewBead, owners: list[int],
             claimed: set[int], doc_id: str, number: int) -> Unit:
    """The unit of a bead an edit changed, keeping what its units had that still applies."""
    units = [memory.units[u] for u in owners]
    new = [u for u in owners if u not in claimed]
    claimed.update(owners)
    variants = []
    for side, tag in zip(SIDES, (memory.src_tag, memory.tgt_tag)):
        placed = [(memory.unit_of[side][i], session.segment(side, i)) for i in bead.side(side)]
        for u in new:  # a side holding codes and no text goes with its unit, in unit order
            lone = memory.code_only(u, side)
            if lone is not None:
                placed.append((u, lone))
        pieces = [segment for _, segment in sorted(placed, key=lambda pair: pair[0])]
        mates = [v for v in (unit.variant(tag) for unit in units) if v is not None]
        variants.append(_variant(tag, pieces, mates))
    for lang in _other_langs(memory, new):
        mates = [v for u in new for v in memory.units[u].variants
                 if v.lang == lang]
        variants.append(_variant(lang, [v.segment for v in mates], mates))
    props = _shared_pairs([u.props for u in units])
    unit = Unit(tuid="+".join(u.tuid for u in units if u.tuid) or f"{doc_id}:{number}",
                variants=variants, props=props, notes=_all_notes([u.notes for u in units]),
                attrs=_shared_attrs([u.attrs for u in units]))
    first = (session.source.sentences[bead.src[0]] if bead.src
             else session.target.sentences[bead.tgt[0]])
    if unit.prop(P.DOC) is None:
        unit.set_prop(P.DOC, doc_id)
    unit.set_prop(P.PARAGRAPH, str(first.paragraph))
    unit.set_prop(P.BEAD, bead.kind)
    for side, prop in zip(SIDES, (P.SRC_IDS, P.TGT_IDS)):
        known = [memory.ids[side][i] for i in bead.side(side)]
        if all(k is not None for k in known):
            unit.set_prop(prop, ",".join(str(k) for k in known))
        else:
            unit.props = [(k, v) for k, v in unit.props if k != prop]
    _set_confidence(unit, bead)
    return unit


def _other_langs(memory: MemoryOrigin, owners: Iterable[int]) -> list[str]:
    """Languages of the variants of ``owners`` that are neither side of the review, in order."""
    langs: list[str] = []
    for u in owners:
        unit = memory.units[u]
        src = unit.variant(memory.src_tag)
        tgt = unit.variant(memory.tgt_tag, exclude=src)
        for variant in unit.variants:
            if variant is not src and variant is not tgt and variant.lang not in langs:
                langs.append(variant.lang)
    return langs


def _variant(tag: str, pieces: list[Segment], mates: list[Variant]) -> Variant:
    """A variant joining ``pieces`` as the language writes them, with what ``mates`` share."""
    sep = sentence_separator(tag)
    parts: list[Part] = []
    for piece in pieces:
        if parts and piece.parts and sep:
            parts.append(sep)
        parts.extend(piece.parts)
    return Variant(tag, Segment(tuple(parts)), _shared_pairs([v.props for v in mates]),
                   _all_notes([v.notes for v in mates]), _shared_attrs([v.attrs for v in mates]))


def _shared_pairs(lists: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    if not lists:
        return []
    return [pair for pair in lists[0] if all(pair in other for other in lists[1:])]


def _shared_attrs(maps: list[dict[str, str]]) -> dict[str, str]:
    if not maps:
        return {}
    return {k: v for k, v in maps[0].items() if all(m.get(k) == v for m in maps[1:])}


def _all_notes(lists: list[list[str]]) -> list[str]:
    out: list[str] = []
    for notes in lists:
        out.extend(n for n in notes if n not in out and not n.startswith(NOTE_PREFIX))
    return out


def _unique(tuid: str | None, taken: set[str | None]) -> str | None:
    if tuid is None:
        return None
    candidate, n = tuid, 1
    while candidate in taken:
        n += 1
        candidate = f"{tuid}-{n}"
    taken.add(candidate)
    return candidate


# -- writing --------------------------------------------------------------------------------------

def export_review(session: ReviewSession, path: str | os.PathLike[str], *, doc_id: str,
                  fmt: str | None = None, scope: str = "all",
                  findings: Findings | None = None,
                  po_options: dict[str, Any] | None = None) -> WriteSummary:
    """Write the review to ``path`` (TMX, PO or TSV, from ``fmt`` or the extension), atomically;
    ``po_options`` go to the PO writer (``confirmed_threshold``, ``no_fuzzy``).

    Each unit carries the standard ``x-concord-*`` properties of :func:`concord.bitext.units_from_alignment`
    with ``x-concord-status`` set from the review: ``confirmed``; ``edited`` for an unconfirmed bead the
    reviewer regrouped or whose text was changed; ``unreviewed`` otherwise (a memory's own ``edited`` or
    ``rejected`` is kept for a bead the review did not touch). A confirmed bead loses the ``x-po-fuzzy``
    mark another tool's PO file gave its unit. A bead's confidence is the aligner's, or
    for a bead an edit made the local confidence computed in review, marked
    ``x-concord-confidence-basis: local`` (see :mod:`concord.review.rescore`). Edited sentences keep
    their original text in a ``note``, and the bead's check findings are notes too (``concord review:
    …``, replaced on every export).

    **A review of a memory file loses nothing** (see :mod:`concord.review.memory`):

    - A bead the reviewer did not regroup and whose text is not edited is written as the unit it was
      read from — segments with their inline codes, ``tuid``, attributes, properties, notes, other
      languages — with only ``x-concord-status`` set and the review's finding notes added.
    - A bead an edit changed becomes a new unit: each sentence keeps its segment with inline codes (an
      edited one gets the codes back from its tokens, see :mod:`concord.review.codes`); the units its
      sentences came from give it their notes (all), their properties and attributes (those they all
      share, same value), the per-language properties, notes and attributes the same way, and their
      other-language variants and the codes of a side with no text (placed once, on the first bead
      holding any of that unit's sentences); its ``tuid`` is theirs joined with ``+`` (made unique
      with ``-2``, ``-3`` … when a unit was split).
    - A unit the review could not show (not both languages) is carried through, in its place.
    - Written as PO, an untouched, unconfirmed bead read from another tool's PO file (its unit has no
      ``x-concord-status``) gets no status either: its entry's own fuzzy flag (``x-po-fuzzy``) stays
      its state, so a translated entry the reviewer did not touch is not demoted to fuzzy (the
      status ``unreviewed`` would make it fuzzy, and ``msgfmt`` would leave it out).
    - TMX keeps the memory's language tags and header properties, notes and user-defined encodings.
    """
    name = fmt or Path(path).suffix.lstrip(".").lower()
    if name not in FORMATS:
        raise ValueError(f"the review exports {', '.join(FORMATS)}, not {name!r}")
    units = review_units(session, doc_id=doc_id, scope=scope, findings=findings, fmt=name)
    memory = session.memory
    extra = dict(po_options or {}) if name == "po" else {}
    if memory is None:
        return write_units(units, path, name, src_lang=normalize_tag(session.source.lang),
                           tgt_lang=normalize_tag(session.target.lang), **extra)
    options: dict[str, Any] = {"src_lang": memory.src_tag, "tgt_lang": memory.tgt_tag, **extra}
    if name == "tmx":
        options["normalize_langs"] = False   # the memory's own tags, as they were
        header = memory.header or {}
        attrs = header.get("attrs") or {}
        if attrs.get("srclang"):
            options["srclang"] = attrs["srclang"]
        options["header_props"] = [tuple(p) for p in header.get("props") or []]
        options["header_notes"] = list(header.get("notes") or [])
        options["header_udes"] = list(header.get("udes") or [])
        options["header_attrs"] = {k: v for k, v in attrs.items()
                                   if k in ("datatype", "segtype", "o-tmf", "adminlang",
                                            "o-encoding")}
    return write_units(units, path, name, **options)


__all__ = ["FORMATS", "SCOPES", "NOTE_PREFIX", "review_status", "review_units", "untouched_unit",
           "export_review"]
