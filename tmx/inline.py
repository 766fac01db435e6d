"""Segments to and from XML: ``seg`` elements, and the TMX inline markup used in PO, TSV and JSONL.

Reading keeps TMX inline elements as :class:`~tmx.model.Inline` structure. Markup that is not TMX
(``<b>``, ``<span>`` … written by tools that forgot to escape it) is kept as native code: an
element with content becomes a ``bpt``/``ept`` pair around its text, an empty one becomes a ``ph``,
so the text stays translatable, the markup is not lost and the result is valid TMX; each such
repair is reported through ``on_problem``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

from tmx.model import CODE_TAGS, INLINE_TAGS, Inline, Part, Segment
from tmx.xmlsource import safe_parser

XML_NS = "{http://www.w3.org/XML/1998/namespace}"
ProblemHandler = Callable[[int | None, str], None]

#: characters XML 1.0 cannot carry (C0 controls but tab/newline/return, U+FFFE/FFFF, surrogates)
ILLEGAL_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class EntityReference(ValueError):
    """An entity reference the parser left unexpanded (entities are never expanded)."""

    def __init__(self, name: str, line: int | None) -> None:
        super().__init__(f"undefined entity &{name}; (entities are never expanded; write the "
                         "character itself or a numeric reference)")
        self.line = line


def escape(text: str, entities: dict[str, str]) -> str:
    """``text`` with ``&``, ``<``, ``>`` and the keys of ``entities`` replaced, as
    ``xml.sax.saxutils.escape`` does (whose module imports ``urllib.request``: about 20 ms of
    every command's start)."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for char, reference in entities.items():
        text = text.replace(char, reference)
    return text


def quote_attr(value: str) -> str:
    """``value`` as a double-quoted XML attribute value."""
    return '"' + escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}) + '"'


def _attr_name(key: str) -> str:
    return "xml:" + key[len(XML_NS):] if key.startswith(XML_NS) else key


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def segment_from_element(seg: etree._Element, on_problem: ProblemHandler | None = None) -> Segment:
    """The segment held by a ``seg`` element (or any element with mixed content)."""
    if len(seg) == 0:
        return Segment((seg.text,)) if seg.text else Segment()
    ids = _FreshIds(seg)
    return Segment(tuple(_parts(seg, on_problem, ids, inside_code=False)))


class _FreshIds:
    """Hands out ``i`` values not used by any ``bpt``/``ept`` of a segment (looked up only when
    one is first needed: most segments hold no foreign markup)."""

    def __init__(self, seg: etree._Element) -> None:
        self._seg = seg
        self._next: int | None = None

    def take(self) -> str:
        if self._next is None:
            used = [int(v) for e in self._seg.iter("bpt", "ept")
                    if (v := e.get("i", "")).isdigit()]
            self._next = max(used, default=0) + 1
        self._next += 1
        return str(self._next - 1)


def _parts(element: etree._Element, on_problem: ProblemHandler | None, ids: _FreshIds,
           inside_code: bool) -> list[Part]:
    parts: list[Part] = [element.text] if element.text else []
    for child in element:
        tag = child.tag
        if tag is etree.Entity:
            raise EntityReference(child.name, child.sourceline)
        if isinstance(tag, str):
            if tag in INLINE_TAGS:
                attrs = tuple((_attr_name(k), v) for k, v in child.attrib.items())
                content = _parts(child, on_problem, ids, inside_code=tag in CODE_TAGS)
                parts.append(Inline(tag, attrs, tuple(content)))
            elif inside_code:
                # markup inside a native code is code itself: keep it as text
                parts.append(etree.tostring(child, encoding="unicode", with_tail=False))
            else:
                parts.extend(_foreign(child, on_problem, ids))
        # comments and processing instructions are not content; their tail is
        if child.tail:
            parts.append(child.tail)
    return parts


def _foreign(child: etree._Element, on_problem: ProblemHandler | None,
             ids: _FreshIds) -> list[Part]:
    name = _local(child.tag)
    attrs = "".join(f" {_attr_name(k)}={quote_attr(v)}" for k, v in child.attrib.items())
    if on_problem is not None:
        on_problem(child.sourceline, f"<{name}> is not TMX markup; kept as a native code "
                                     f"({'ph' if _is_empty(child) else 'bpt/ept'})")
    if _is_empty(child):
        return [Inline("ph", (("type", name),), (f"<{name}{attrs}/>",))]
    i = ids.take()
    inner = _parts(child, on_problem, ids, inside_code=False)
    return [Inline("bpt", (("i", i), ("type", name)), (f"<{name}{attrs}>",)), *inner,
            Inline("ept", (("i", i),), (f"</{name}>",))]


def _is_empty(element: etree._Element) -> bool:
    return not element.text and len(element) == 0


def fill_element(element: etree._Element, parts: Iterable[Part],
                 clean: Callable[[str], str] = lambda s: s) -> None:
    """Append ``parts`` (text and inline elements) to ``element``, after what it holds."""
    last: etree._Element | None = None
    for part in parts:
        if isinstance(part, str):
            text = clean(part)
            if last is None:
                element.text = (element.text or "") + text
            else:
                last.tail = (last.tail or "") + text
        else:
            last = etree.SubElement(element, part.tag, {_clark(k): clean(v) for k, v in part.attrs})
            fill_element(last, part.content, clean)


def _clark(name: str) -> str:
    return XML_NS + name[4:] if name.startswith("xml:") else name


def segment_to_markup(segment: Segment) -> str:
    """The segment as TMX inline markup: ``Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">…``."""
    return "".join(_markup(p) for p in segment.parts)


def _markup(part: Part) -> str:
    if isinstance(part, str):
        return escape(part, {"\r": "&#13;"})   # a raw CR would be read back as LF
    attrs = "".join(f" {k}={quote_attr(v)}" for k, v in part.attrs)
    inner = "".join(_markup(p) for p in part.content)
    return f"<{part.tag}{attrs}>{inner}</{part.tag}>" if inner else f"<{part.tag}{attrs}/>"


def segment_from_markup(markup: str, on_problem: ProblemHandler | None = None) -> Segment:
    """Parse TMX inline markup (as written by :func:`segment_to_markup`) back into a segment.

    Raises ``ValueError`` when the markup is not well-formed.
    """
    if "<" not in markup and "&" not in markup:
        return Segment.plain(markup)
    try:
        seg = etree.fromstring(f"<seg>{markup}</seg>", parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"inline markup is not well-formed: {exc.msg}") from None
    return segment_from_element(seg, on_problem)
