"""Streaming TMX reading (versions 1.1 to 1.4 as found in the wild), in flat memory.

:func:`iter_units` parses with ``iterparse`` and frees each ``tu`` (and the ones before it) as soon
as it has been turned into a :class:`~tmx.model.Unit`. It reads UTF-8 with or without a byte-order
mark, UTF-16 and UTF-8 mislabelled as UTF-16; ``lang`` as well as ``xml:lang``; any number of
variants per unit; inline codes as structure; header properties and notes. It keeps language tags
as written (compare them with :func:`tmx.langtags.same_tag`).

Entities are never expanded and no DTD is loaded (see :mod:`tmx.xmlsource`). Malformed XML, a file
that is not TMX, a truncated file, a ``tuv`` with no language: :class:`~tmx.errors.TMXError` with
path, line and column — never silently fewer units. Markup that is not TMX inside ``seg`` is kept
as native code and reported in :attr:`TMXReader.warnings`.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from tmx.errors import TMXError
from tmx.inline import XML_NS, EntityReference, segment_from_element
from tmx.model import Segment, Unit, Variant, plain_segment
from tmx.props import restore_empty_variants
from tmx.xmlsource import check_attributes, iter_events, open_tmx, release

_XML_LANG = XML_NS + "lang"


@dataclass(slots=True)
class Header:
    """The ``header`` of a TMX file: its attributes (in file order), properties and notes, and
    its user-defined encodings (``ude`` elements, kept as XML text so they can be written back)."""

    attrs: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    version: str | None = None
    udes: list[str] = field(default_factory=list)

    @property
    def srclang(self) -> str | None:
        """The declared source language (``"*all*"`` for any), ``None`` when missing."""
        return self.attrs.get("srclang") or None

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of header attribute ``name``."""
        return self.attrs.get(name, default)


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something the reader repaired or tolerated, with the line it concerns."""

    line: int | None
    message: str


class TMXReader:
    """Iterate over the units of a TMX file; :attr:`header` is filled before the first unit.

    ``for unit in TMXReader(path): ...`` — or :func:`iter_units`. :attr:`warnings` lists what was
    tolerated (foreign markup in segments, ``lang`` instead of ``xml:lang`` is not a warning).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        self.header = Header()
        self.warnings: list[ReadWarning] = []

    def __iter__(self) -> Iterator[Unit]:
        path, encoding, root = open_tmx(self.path)
        self.header.version = root.attrs.get("version")
        body: etree._Element | None = None
        for _event, element in iter_events(path, tag=("header", "tu"), encoding=encoding):
            if element.tag == "tu":
                unit = self._unit(element)
                if body is None:
                    body = element.getparent()
                # free the units before this one (complete, already read): memory stays
                # flat. Never touch what follows: the parser may be in the middle of it.
                while element.getprevious() is not None:
                    del body[0]
                yield unit
            elif body is None:
                self._read_header(element)
                release(element)

    def _problem(self, line: int | None, message: str) -> None:
        self.warnings.append(ReadWarning(line, message))

    def _read_header(self, element: etree._Element) -> None:
        check_attributes(self.path, element)
        self.header.attrs = dict(element.attrib)
        for child in element:
            if child.tag == "prop":
                self.header.props.append((child.get("type", ""), child.text or ""))
            elif child.tag == "note":
                self.header.notes.append(child.text or "")
            elif child.tag == "ude":
                self.header.udes.append(etree.tostring(child, encoding="unicode",
                                                       with_tail=False))

    # The two methods below are the hot loop of reading: kept lean (no attribute dict built
    # when the element has no attribute but the usual one, one pass over the children).

    def _unit(self, tu: etree._Element) -> Unit:
        check_attributes(self.path, tu)
        items = tu.items()
        tuid: str | None = None
        attrs: dict[str, str] = {}
        if len(items) == 1 and items[0][0] == "tuid":
            tuid = items[0][1]
        elif items:
            attrs = dict(items)
            tuid = attrs.pop("tuid", None)
        variants: list[Variant] = []
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                variants.append(self._variant(child))
            elif tag == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif tag == "note":
                notes.append(child.text or "")
        if not variants:
            self._problem(tu.sourceline, "<tu> has no <tuv> (TMX requires one): it holds no "
                                         "text in any language")
        unit = Unit(tuid, variants, props, notes, attrs, tu.sourceline)
        if props:
            restore_empty_variants(unit, self.header.srclang)
        return unit

    def _variant(self, tuv: etree._Element) -> Variant:
        check_attributes(self.path, tuv)
        items = tuv.items()
        if len(items) == 1 and items[0][0] == _XML_LANG:
            lang: str | None = items[0][1]
            attrs: dict[str, str] = {}
        else:
            attrs = dict(items)
            lang = attrs.pop(_XML_LANG, None)
            old_lang = attrs.pop("lang", None)
            lang = lang or old_lang
        if not lang:
            raise TMXError("<tuv> has no language (neither xml:lang nor lang)", path=self.path,
                           line=tuv.sourceline)
        segment: Segment | None = None
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        for child in tuv:
            tag = child.tag
            if tag == "seg":
                if segment is not None:
                    self._extra_seg(child, lang)
                    continue
                if len(child) == 0:
                    segment = plain_segment(child.text or "")
                    continue
                for inline in child.iter():
                    check_attributes(self.path, inline)
                try:
                    segment = segment_from_element(child, self._problem)
                except EntityReference as exc:
                    raise TMXError(str(exc), path=self.path, line=exc.line) from None
            elif tag == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif tag == "note":
                notes.append(child.text or "")
        if segment is None:
            raise TMXError(f"<tuv xml:lang=\"{lang}\"> has no <seg>", path=self.path,
                           line=tuv.sourceline)
        return Variant(lang, segment, props, notes, attrs)

    def _extra_seg(self, seg: etree._Element, lang: str) -> None:
        """Warn that ``seg``, a second segment in a ``tuv`` (TMX allows one), is left out."""
        text = " ".join("".join(seg.itertext()).split())
        shown = text if len(text) <= 60 else text[:59] + "…"
        self._problem(seg.sourceline, f"<tuv xml:lang=\"{lang}\"> has a second <seg> (TMX "
                                      f"allows one): the first is kept, this one left out: "
                                      f"\"{shown}\"")


def iter_units(path: str | os.PathLike[str]) -> Iterator[Unit]:
    """Stream the units of the TMX file at ``path`` (see :class:`TMXReader`)."""
    yield from TMXReader(path)


def read_header(path: str | os.PathLike[str]) -> Header:
    """The header of the TMX file at ``path``, reading no further than the first unit."""
    reader = TMXReader(path)
    for _unit in reader:
        break
    return reader.header
