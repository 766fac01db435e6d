"""Units as plain JSON data (for JSONL files and PO comments), and back, without loss.

A unit is ``{"tuid", "variants": [...], "props": [[type, value], ...], "notes": [...],
"attrs": {...}}``; a variant is ``{"lang", "text", "seg"?, "props"?, "notes"?, "attrs"?}`` where
``text`` is the plain text and ``seg`` (present only when the segment has inline codes) the full
segment: strings and ``{"tag", "attrs", "content"}`` objects. Empty members are left out.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tmx.model import Inline, Part, Segment, Unit, Variant


def parts_to_json(parts: Iterable[Part]) -> list[Any]:
    """Segment parts as JSON data: strings, and ``{"tag", "attrs", "content"}`` objects."""
    out: list[Any] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            item: dict[str, Any] = {"tag": part.tag}
            if part.attrs:
                item["attrs"] = dict(part.attrs)
            if part.content:
                item["content"] = parts_to_json(part.content)
            out.append(item)
    return out


def parts_from_json(data: Any) -> tuple[Part, ...]:
    """The inverse of :func:`parts_to_json`; ``ValueError`` for data of the wrong shape."""
    if not isinstance(data, list):
        raise ValueError("a segment must be a list of strings and inline objects")
    out: list[Part] = []
    for item in data:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("tag"), str):
            attrs = item.get("attrs", {})
            if not isinstance(attrs, dict):
                raise ValueError("inline attrs must be an object")
            out.append(Inline(item["tag"], tuple((str(k), str(v)) for k, v in attrs.items()),
                              parts_from_json(item.get("content", []))))
        else:
            raise ValueError(f"not a segment part: {item!r}")
    return tuple(out)


def details(item: Unit | Variant) -> dict[str, Any]:
    """The props, notes and attributes of a unit or a variant (only those it has)."""
    data: dict[str, Any] = {}
    if item.props:
        data["props"] = [list(p) for p in item.props]
    if item.notes:
        data["notes"] = list(item.notes)
    if item.attrs:
        data["attrs"] = dict(item.attrs)
    return data


def variant_to_json(variant: Variant) -> dict[str, Any]:
    """A variant as JSON data (see the module notes)."""
    data: dict[str, Any] = {"lang": variant.lang, "text": variant.segment.text}
    if variant.segment.has_codes:
        data["seg"] = parts_to_json(variant.segment.parts)
    data.update(details(variant))
    return data


def variant_from_json(data: Any, *, lang: str | None = None,
                      segment: Segment | None = None) -> Variant:
    """A variant from :func:`variant_to_json` data (``lang``/``segment`` fill what it lacks)."""
    if not isinstance(data, dict):
        raise ValueError("a variant must be an object")
    found_lang = data.get("lang", lang)
    if not isinstance(found_lang, str) or not found_lang:
        raise ValueError("a variant needs a lang")
    if "seg" in data:
        segment = Segment(parts_from_json(data["seg"]))
    elif segment is None:
        text = data.get("text", "")
        if not isinstance(text, str):
            raise ValueError("a variant's text must be a string")
        segment = Segment.plain(text)
    return Variant(found_lang, segment, _pairs(data.get("props", [])),
                   [str(n) for n in _list(data.get("notes", []), "notes")],
                   _mapping(data.get("attrs", {}), "attrs"))


def unit_to_json(unit: Unit) -> dict[str, Any]:
    """A unit as JSON data (see the module notes)."""
    data: dict[str, Any] = {}
    if unit.tuid is not None:
        data["tuid"] = unit.tuid
    data["variants"] = [variant_to_json(v) for v in unit.variants]
    data.update(details(unit))
    return data


def unit_from_json(data: Any) -> Unit:
    """A unit from :func:`unit_to_json` data; ``ValueError`` when the data has the wrong shape."""
    if not isinstance(data, dict):
        raise ValueError("a unit must be a JSON object")
    tuid = data.get("tuid")
    return Unit(tuid=str(tuid) if tuid is not None else None,
                variants=[variant_from_json(v) for v in _list(data.get("variants", []),
                                                              "variants")],
                props=_pairs(data.get("props", [])),
                notes=[str(n) for n in _list(data.get("notes", []), "notes")],
                attrs=_mapping(data.get("attrs", {}), "attrs"))


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list")
    return value


def _mapping(value: Any, what: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be an object")
    return {str(k): str(v) for k, v in value.items()}


def _pairs(value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):  # {"type": "value"} is accepted too
        return [(str(k), str(v)) for k, v in value.items()]
    pairs = []
    for item in _list(value, "props"):
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise ValueError("each prop must be a [type, value] pair")
        pairs.append((str(item[0]), str(item[1])))
    return pairs
