"""The translation memory model: units, their language variants, and segments with inline codes.

A :class:`Segment` is a sequence of text and :class:`Inline` elements (TMX ``bpt``, ``ept``, ``ph``,
``it``, ``ut``, ``hi`` and ``sub``), kept as structure so that they are written back exactly as
read.
``Segment.text`` is the plain text that checks and aligners look at: native codes (the content of
``bpt``/``ept``/``ph``/``it``/``ut``) are left out, the text marked by ``hi`` is kept.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Union

from tmx.langtags import primary_language, tag_key

#: inline elements whose content is native code (formatting markup), not translatable text
CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})
#: every element TMX 1.4 allows inside ``seg`` (``sub`` only inside codes)
INLINE_TAGS = CODE_TAGS | {"hi", "sub"}

Part = Union[str, "Inline"]


def _normalize_parts(parts: Iterable[Part]) -> tuple[Part, ...]:
    """Merge neighbouring strings and drop empty ones, so that equal content compares equal."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + part
                continue
        elif not isinstance(part, Inline):
            raise TypeError(f"segment parts are str or Inline, not {type(part).__name__}")
        out.append(part)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Inline:
    """One inline element: its tag, attributes in file order, its content (text and elements)."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    content: tuple[Part, ...] = ()

    def __post_init__(self) -> None:
        if self.tag not in INLINE_TAGS:
            raise ValueError(f"<{self.tag}> is not a TMX inline element")
        object.__setattr__(self, "attrs", tuple((str(k), str(v)) for k, v in self.attrs))
        object.__setattr__(self, "content", _normalize_parts(self.content))

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of attribute ``name``."""
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    @property
    def text(self) -> str:
        """Translatable text inside: the content of ``hi`` and ``sub``; nothing for native codes."""
        if self.tag in CODE_TAGS:
            return ""
        return "".join(p if isinstance(p, str) else p.text for p in self.content)

    @property
    def code(self) -> str:
        """The native code carried (``<b>`` for ``<bpt i="1">&lt;b&gt;</bpt>``), with sub-flows."""
        return "".join(p if isinstance(p, str) else p.code for p in self.content)

    def walk(self) -> Iterator[Inline]:
        """This element and every element nested in it, in document order."""
        yield self
        for part in self.content:
            if isinstance(part, Inline):
                yield from part.walk()


@dataclass(frozen=True, slots=True)
class Segment:
    """The content of one ``seg``: text and inline elements, in order."""

    parts: tuple[Part, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "parts", _normalize_parts(self.parts))

    @classmethod
    def plain(cls, text: str) -> Segment:
        """A segment holding ``text`` only."""
        return cls((text,))

    @property
    def text(self) -> str:
        """Plain text: inline codes removed, text marked with ``hi`` kept."""
        parts = self.parts
        if len(parts) == 1 and type(parts[0]) is str:
            return parts[0]
        return "".join(p if isinstance(p, str) else p.text for p in parts)

    @property
    def has_codes(self) -> bool:
        """True when the segment holds any inline element."""
        return any(isinstance(p, Inline) for p in self.parts)

    @property
    def is_empty(self) -> bool:
        """True when there is no text but whitespace and no inline element."""
        return not self.has_codes and not self.text.strip()

    def inlines(self) -> Iterator[Inline]:
        """Every inline element, nested ones included, in document order."""
        for part in self.parts:
            if isinstance(part, Inline):
                yield from part.walk()

    def __str__(self) -> str:
        return self.text


_new = object.__new__
_set = object.__setattr__


def plain_segment(text: str) -> Segment:
    """``Segment.plain(text)``, built without checks (the reader's fast path)."""
    segment = _new(Segment)
    _set(segment, "parts", (text,) if text else ())
    return segment


def _as_segment(value: str | Segment) -> Segment:
    if isinstance(value, Segment):
        return value
    return plain_segment(value) if type(value) is str else Segment.plain(value)


@dataclass(slots=True)
class Variant:
    """One language version of a unit (a TMX ``tuv``).

    ``lang`` is the tag as found in the file or given by the caller (compare tags with
    :func:`tmx.langtags.same_tag`); ``attrs`` holds the other ``tuv`` attributes
    (``creationdate``, ``changeid`` …) in file order.
    """

    lang: str
    segment: Segment = field(default_factory=Segment)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """Plain text of the segment (inline codes removed)."""
        return self.segment.text


@dataclass(slots=True)
class Unit:
    """A translation unit (a TMX ``tu``): variants in several languages, properties and notes.

    ``props`` are ``(type, value)`` pairs in order (a type may repeat); ``notes`` are free text,
    used for check findings; ``attrs`` holds the other ``tu`` attributes (``creationdate``,
    ``changedate``, ``srclang`` …). ``line`` is where the unit starts in the file it was read
    from (not compared, not written).
    """

    tuid: str | None = None
    variants: list[Variant] = field(default_factory=list)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    line: int | None = field(default=None, compare=False)

    @classmethod
    def bilingual(cls, tuid: str | None, src_lang: str, src_text: str | Segment, tgt_lang: str,
                  tgt_text: str | Segment, props: Iterable[tuple[str, str]] = (),
                  notes: Iterable[str] = ()) -> Unit:
        """A unit with one source and one target variant, from plain text (or segments)."""
        return cls(tuid=tuid,
                   variants=[Variant(src_lang, _as_segment(src_text)),
                             Variant(tgt_lang, _as_segment(tgt_text))],
                   props=[(str(k), str(v)) for k, v in props], notes=[str(n) for n in notes])

    @property
    def langs(self) -> list[str]:
        """The language tag of every variant, in order."""
        return [v.lang for v in self.variants]

    def variant(self, lang: str, exclude: Variant | None = None) -> Variant | None:
        """The variant in ``lang``: same tag once normalised, else same language (``zh`` finds
        ``zh-CN``); ``None`` when the unit has none. ``exclude`` is never returned (to find the
        target of a zh-CN/zh-TW unit once the source is known)."""
        for variant in self.variants:       # the common case: the tag exactly as written
            if variant.lang == lang and variant is not exclude:
                return variant
        wanted = tag_key(lang)
        for variant in self.variants:
            if variant is not exclude and tag_key(variant.lang) == wanted:
                return variant
        primary = primary_language(lang)
        for variant in self.variants:
            if variant is not exclude and primary_language(variant.lang) == primary:
                return variant
        return None

    def segment(self, lang: str) -> Segment:
        """The segment in ``lang``; an empty segment when the unit has no such variant."""
        variant = self.variant(lang)
        return variant.segment if variant is not None else Segment()

    def text(self, lang: str) -> str:
        """Plain text in ``lang`` (inline codes removed); ``""`` when the unit has no such variant
        (an empty-sided unit — use :meth:`variant` to tell the two apart)."""
        return self.segment(lang).text

    def prop(self, kind: str, default: str | None = None) -> str | None:
        """The value of the first property of type ``kind``."""
        for key, value in self.props:
            if key == kind:
                return value
        return default

    def set_prop(self, kind: str, value: str) -> None:
        """Set property ``kind`` to ``value``, replacing earlier values (in place of the first)."""
        kept: list[tuple[str, str]] = []
        placed = False
        for key, old in self.props:
            if key == kind:
                if not placed:
                    kept.append((kind, str(value)))
                    placed = True
            else:
                kept.append((key, old))
        if not placed:
            kept.append((kind, str(value)))
        self.props = kept

    @property
    def is_empty_sided(self) -> bool:
        """True when fewer than two variants hold text: a sentence left without translation."""
        return sum(1 for v in self.variants if not v.segment.is_empty) < 2

    @property
    def date(self) -> str:
        """The latest ``changedate``/``creationdate`` of the unit or its variants (``""`` if none);
        TMX dates (``YYYYMMDDThhmmssZ``) sort as strings."""
        dates = [self.attrs.get(k, "") for k in ("changedate", "creationdate")]
        dates += [v.attrs.get(k, "") for v in self.variants for k in ("changedate", "creationdate")]
        return max(dates, default="")
