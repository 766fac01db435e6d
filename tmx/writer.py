"""TMX 1.4 writing, one unit at a time, through lxml's incremental ``etree.xmlfile``.

Only the unit being written is ever in memory, so a memory of any size is written in flat memory.
The header carries every attribute the TMX 1.4 DTD requires; ``version`` is ``"1.4"`` (the DTD
fixes it: "1.4b" names the specification's revision, it is not a valid value); every ``tuv`` has
``xml:lang``; language tags are normalised to BCP 47 (see :mod:`tmx.langtags`).
"""
from __future__ import annotations

import contextlib
import copy
import os
import time
from collections.abc import Iterable
from datetime import datetime, UTC
from types import TracebackType
from typing import IO

from lxml import etree

from tmx.inline import ILLEGAL_XML_CHARS, XML_NS, fill_element
from tmx.langtags import ALL, normalize_or_keep
from tmx.model import Unit, Variant
from tmx.props import EMPTY, split_empty_variants
from tmx.unittext import PLAIN_NAME, tu_text
from tmx.unitwriter import UnitWriter, tool_version
from tmx.xmlsource import safe_parser

#: the attributes, properties and variants of a ``tu`` (:meth:`TMXWriter._unit_parts`)
_UnitParts = tuple[dict[str, str], list[tuple[str, str]], list[Variant]]

TMX_VERSION = "1.4"
#: how every file this writer writes begins, and how its body ends
_OPENING = b"<?xml version='1.0' encoding='UTF-8'?>\n<tmx version=\"1.4\">\n<header "
_BODY = b"\n<body>\n"
_CLOSING = b"</body></tmx>\n"
#: how far into a file its header may reach for :meth:`TMXWriter.copy_units` to copy it
_HEADER_LIMIT = 1 << 20
SEGTYPES = ("block", "paragraph", "sentence", "phrase")
_LANG = XML_NS + "lang"


def tmx_date(when: datetime | float | None = None) -> str:
    """A TMX date (UTC, ISO 8601 basic format ``YYYYMMDDThhmmssZ``).

    ``None`` means now, or ``SOURCE_DATE_EPOCH`` when that is set (reproducible builds).
    """
    if when is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        when = float(epoch) if epoch and epoch.isdigit() else time.time()
    if not isinstance(when, datetime):
        when = datetime.fromtimestamp(when, tz=UTC)
    elif when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


class TMXWriter(UnitWriter):
    """Write a TMX 1.4 file unit by unit::

        with TMXWriter(stream, srclang="zh-CN") as writer:
            for unit in units:
                writer.write(unit)

    ``stream`` is a binary file open for writing (the caller opens it, atomically). Header
    attributes can be changed by keyword; ``header_props`` and ``header_notes`` go in the header.
    ``normalize_langs`` rewrites every language tag to canonical BCP 47 (``zh``/``zh_CN``/
    ``zh-Hans`` → ``zh``, default ``"zh-CN"``; ``en`` → ``en``, default ``"en-US"``).
    Characters that XML 1.0 cannot carry (form feeds and other C0 controls) are removed and
    counted in :attr:`removed_characters`. A unit with no variant is not written (``<tu/>`` is
    invalid TMX: the DTD requires a ``tuv``) and is counted in :attr:`without_variants`. The
    empty side of a one-sided bead is left out, named by an ``x-concord-empty`` property (see
    :func:`tmx.props.split_empty_variants`): CAT tools take an empty ``seg`` for a translation.
    """

    def __init__(self, stream: IO[bytes], *, srclang: str, adminlang: str = "en-US",
                 datatype: str = "plaintext", segtype: str = "sentence",
                 creationtool: str = "Concord", creationtoolversion: str | None = None,
                 o_tmf: str = "Concord", creationdate: str | datetime | None = None,
                 header_attrs: dict[str, str] | None = None,
                 header_props: Iterable[tuple[str, str]] = (), header_notes: Iterable[str] = (),
                 header_udes: Iterable[str] = (), normalize_langs: bool = True, zh: str = "zh-CN", en: str = "en-US",
                 pretty: bool = True) -> None:
        # pretty: one element per line, indented; whitespace inside seg is never touched
        if segtype not in SEGTYPES:
            raise ValueError(f"segtype must be one of {', '.join(SEGTYPES)}, not {segtype!r}")
        self._stream = stream
        self._normalize = normalize_langs
        self._zh, self._en = zh, en
        self._pretty = pretty
        date = creationdate if isinstance(creationdate, str) else tmx_date(creationdate)
        self.header_attrs: dict[str, str] = {
            "creationtool": creationtool,
            "creationtoolversion": creationtoolversion or tool_version(),
            "segtype": segtype, "o-tmf": o_tmf, "adminlang": self._tag(adminlang),
            "srclang": srclang if srclang == ALL else self._tag(srclang),
            "datatype": datatype, "creationdate": date}
        self.header_attrs.update(header_attrs or {})
        self.header_props = list(header_props)
        self.header_notes = list(header_notes)
        self.header_udes = [_ude_element(text) for text in header_udes]
        self.removed_characters = 0
        self.without_variants = 0
        self._stack = contextlib.ExitStack()
        self._xf: etree._IncrementalFileWriter | None = None
        self._pending = False   # lxml may hold output not yet in the stream

    def _tag(self, lang: str) -> str:
        if not self._normalize or lang in (self._zh, self._en):
            return lang  # the tags asked for are final (zh-Hant is not normalised to zh-TW)
        return normalize_or_keep(lang, zh=self._zh, en=self._en)

    def _clean(self, text: str) -> str:
        if ILLEGAL_XML_CHARS.search(text) is None:
            return text
        cleaned, count = ILLEGAL_XML_CHARS.subn("", text)
        self.removed_characters += count
        return cleaned

    def __enter__(self) -> TMXWriter:
        xf = self._stack.enter_context(etree.xmlfile(self._stream, encoding="UTF-8"))
        xf.write_declaration()
        self._stack.enter_context(xf.element("tmx", version=TMX_VERSION))
        xf.write("\n")
        header = etree.Element("header", {k: self._clean(v) for k, v in self.header_attrs.items()})
        self._add_notes_props(header, self.header_notes, self.header_props)
        header.extend(copy.deepcopy(ude) for ude in self.header_udes)
        if self._pretty:
            _indent(header, 1)
        xf.write(header)
        xf.write("\n")
        self._stack.enter_context(xf.element("body"))
        xf.write("\n")
        self._xf = xf
        self._pending = True
        return self

    def write(self, unit: Unit) -> None:
        """Write one unit (a ``tu``)."""
        if self._xf is None:
            raise RuntimeError("TMXWriter.write() called outside its 'with' block")
        if not unit.variants:
            self.without_variants += 1
            return
        parts = self._unit_parts(unit)
        text = self._plain_text(unit, parts) if self._pretty else None
        if text is None:
            self._xf.write(self._element(unit, parts))
            self._xf.write("\n")
            self._pending = True
        else:       # the same bytes, as text: what lxml holds goes out first
            if self._pending:
                self._xf.flush()
                self._pending = False
            self._stream.write(f"{text}\n".encode())
        self.units_written += 1

    def _plain_text(self, unit: Unit, parts: _UnitParts) -> str | None:
        """The pretty-printed ``tu`` of a plain unit (see :mod:`tmx.unittext`) from its
        :meth:`_unit_parts`, the bytes :meth:`element` would give once serialised; None for any
        other unit."""
        attrs, props, kept = parts
        if unit.notes or not kept or not all(PLAIN_NAME.match(name) for name in unit.attrs):
            return None
        tags = [self._tag(v.lang) for v in kept]
        # a language tag XML cannot carry (lxml's element raises its error): not plain
        if any(ILLEGAL_XML_CHARS.search(tag) for tag in [*tags, attrs.get("srclang", "")]):
            return None
        for variant in kept:
            segment = variant.segment.parts
            if (variant.attrs or variant.props or variant.notes or len(segment) != 1
                    or type(segment[0]) is not str):
                return None
        clean = self._clean
        return tu_text(attrs, [(clean(k), clean(v)) for k, v in props],
                       [(tag, clean(v.segment.text)) for tag, v in zip(tags, kept)])

    def copy_units(self, path: str | os.PathLike[str]) -> int | None:
        """Copy the units of the memory at ``path`` as they are, bytes unparsed, when this
        writer would write them the same: the file was written by a :class:`TMXWriter` (pretty
        printed, no document type) whose header had the same ``srclang``, which the caller has
        checked. Returns how many bytes were copied, None (nothing written) when the file does
        not have that form. Copied units are not counted in :attr:`units_written`."""
        if self._xf is None:
            raise RuntimeError("TMXWriter.copy_units() called outside its 'with' block")
        with open(path, "rb") as source:
            head = source.read(_HEADER_LIMIT)
            start = head.find(_BODY) + len(_BODY)
            end = source.seek(0, os.SEEK_END) - len(_CLOSING)
            if not (self._pretty and head.startswith(_OPENING) and len(_BODY) < start <= end
                    and (start == end or _indented(head[start:]))):
                return None
            source.seek(end)
            if source.read() != _CLOSING:
                return None
            self._xf.flush()   # what lxml holds goes out first; the copy follows it
            source.seek(start)
            _copy_bytes(source, self._stream, end - start)
        return end - start

    def element(self, unit: Unit) -> etree._Element:
        """The ``tu`` element for ``unit``."""
        return self._element(unit, self._unit_parts(unit))

    def _element(self, unit: Unit, parts: _UnitParts) -> etree._Element:
        attrs, props, kept = parts
        tu = etree.Element("tu", attrs)
        # indented as it is built (what _indent(tu, 1) would do, without visiting it again)
        inner = "\n  " if self._pretty else None
        self._add_notes_props(tu, unit.notes, props, inner)
        for variant in kept:
            tuv = self._tuv(variant)
            tuv.tail = inner
            tu.append(tuv)
        if self._pretty and len(tu):
            tu.text = inner
            tu[-1].tail = "\n"
        return tu

    def _unit_parts(self, unit: Unit) -> _UnitParts:
        """The attributes, properties and variants of the ``tu`` of ``unit``."""
        clean = self._clean
        attrs = {"tuid": clean(unit.tuid)} if unit.tuid is not None else {}
        for key, value in unit.attrs.items():
            attrs[key] = self._tag(value) if key == "srclang" and value != ALL else clean(value)
        kept, empty = split_empty_variants(unit, self.header_attrs["srclang"])
        if "srclang" not in attrs:
            own = self._own_srclang(kept, left_out=empty is not None)
            if own is not None:
                attrs["srclang"] = own
        props = [(k, v) for k, v in unit.props if k != EMPTY]
        if empty is not None:
            props.append((EMPTY, self._tag(empty.lang)))
        return attrs, props, kept

    def _own_srclang(self, variants: list[Variant], left_out: bool) -> str | None:
        """A ``srclang`` for a unit whose ``variants`` hold none in the header's source language,
        so that the file stays valid: another variety of that language (a zh-TW unit in a zh-CN
        memory), else, when an empty variant was ``left_out``, the first variant's (a one-sided
        bead whose empty source was left out); None when the header's source language is there."""
        srclang = self.header_attrs["srclang"]
        if srclang == ALL or not variants:
            return None
        tags = [self._tag(v.lang) for v in variants]
        if srclang in tags:
            return None
        primary = srclang.split("-", 1)[0].lower()
        variety = next((t for t in tags if t.split("-", 1)[0].lower() == primary), None)
        return variety or (tags[0] if left_out else None)

    def _tuv(self, variant: Variant) -> etree._Element:
        attrs = {_LANG: self._tag(variant.lang)}
        for key, value in variant.attrs.items():
            if key not in ("xml:lang", "lang", _LANG):
                attrs[key] = self._clean(value)
        tuv = etree.Element("tuv", attrs)
        inner = "\n    " if self._pretty else None
        self._add_notes_props(tuv, variant.notes, variant.props, inner)
        seg = etree.SubElement(tuv, "seg")
        parts = variant.segment.parts
        if len(parts) == 1 and isinstance(parts[0], str):
            seg.text = self._clean(parts[0])
        else:
            fill_element(seg, parts, self._clean)
        if self._pretty:                   # a tuv of a tu (level 2), as _indent indents it
            tuv.text = inner
            seg.tail = "\n  "
        return tuv

    def _add_notes_props(self, parent: etree._Element, notes: Iterable[str],
                         props: Iterable[tuple[str, str]], tail: str | None = None) -> None:
        """Notes and props into ``parent``, each followed by ``tail`` (indentation)."""
        # the DTD orders notes before props (header: any order; tu and tuv: (note|prop)*)
        clean = self._clean
        for note in notes:
            element = etree.SubElement(parent, "note")
            element.text = clean(note)
            element.tail = tail
        for kind, value in props:
            element = etree.SubElement(parent, "prop", {"type": clean(kind)})
            element.text = clean(value)
            element.tail = tail

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        xf, self._xf = self._xf, None
        try:
            if exc_type is None and xf is not None:
                xf.flush()
        finally:
            self._stack.__exit__(exc_type, exc, tb)
        if exc_type is None:
            self._stream.write(b"\n")


def _indented(body: bytes) -> bool:
    """Whether ``body``, the start of a ``body`` element's content, is pretty printed: a ``tu``
    whose children start on lines of their own (lxml escapes ``>`` in attribute values)."""
    return body.startswith(b"<tu") and body[body.find(b">") + 1:].startswith(b"\n  <")


def _copy_bytes(source: IO[bytes], target: IO[bytes], count: int) -> None:
    """Copy ``count`` bytes from ``source``'s position to ``target``."""
    while count > 0:
        block = source.read(min(count, 1 << 20))
        if not block:
            raise OSError(f"{source.name} was cut short while being copied")
        target.write(block)
        count -= len(block)


def _ude_element(text: str) -> etree._Element:
    """A header ``ude`` element from its XML text (as :attr:`tmx.reader.Header.udes` keeps it);
    :class:`ValueError` for anything else."""
    try:
        element = etree.fromstring(text, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"a header <ude> is not well-formed XML: {exc}") from None
    if element.tag != "ude":
        raise ValueError(f"header_udes holds <ude> elements, not <{element.tag}>")
    element.tail = None
    return element


def _indent(element: etree._Element, level: int) -> None:
    """Indent the children of ``element`` (never inside ``seg``, where whitespace is content)."""
    if len(element) == 0 or element.tag == "seg":
        return
    inner = "\n" + "  " * level
    element.text = inner
    for child in element:
        child.tail = inner
        if child.tag != "seg":
            _indent(child, level + 1)
    element[-1].tail = "\n" + "  " * (level - 1)
