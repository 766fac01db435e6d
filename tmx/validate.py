"""TMX validation: the rules the DTD cannot express, and optionally the DTD itself, streamed.

:func:`validate_file` reads the file once, in flat memory, and lists every problem with its line:
``xml:lang`` on every ``tuv`` (a bare ``lang`` passes the DTD but not TMX 1.4), well-formed BCP 47
tags, ``version="1.4"``, the header's required attributes, known segment types, TMX dates, a
``srclang`` that some variant carries, unique ``i`` per ``bpt`` in a segment and ``bpt``/``ept``
pairing, markup that is not TMX inside segments, empty segments and one-sided units (warnings: the
unit is kept, and reported), duplicate ``tuid``\\ s. With ``dtd=PATH`` each unit, the header and the
document skeleton are also validated against that DTD with ``lxml.etree.DTD``.

A file that is not readable XML, or not TMX, raises :class:`~tmx.errors.TMXError` instead.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from tmx.errors import TMXError
from tmx.inline import XML_NS
from tmx.langtags import ALL, normalize_tag, same_tag, tag_key
from tmx.model import CODE_TAGS, INLINE_TAGS
from tmx.writer import SEGTYPES, TMX_VERSION
from tmx.xmlsource import check_readable, iter_events, open_tmx, release

REQUIRED_HEADER = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                   "srclang", "datatype")
DATE_ATTRS = ("creationdate", "changedate", "lastusagedate")
_DATE = re.compile(r"^\d{8}T\d{6}Z$")
_XML_LANG = XML_NS + "lang"
_TAG_FORM = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of the validator: where, how bad, which rule, what."""

    line: int | None
    severity: str
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"{self.line}: " if self.line is not None else ""
        return f"{where}{self.severity}: {self.message} [{self.rule}]"


@dataclass(slots=True)
class Report:
    """Every problem of one file, and how many units it holds."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    units: int = 0
    dtd: str | None = None

    @property
    def errors(self) -> int:
        """How many problems are errors."""
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        """How many problems are warnings."""
        return sum(1 for p in self.problems if p.severity == WARNING)

    @property
    def valid(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.errors == 0


def load_dtd(path: str | os.PathLike[str]) -> etree.DTD:
    """A DTD read from ``path``; :class:`TMXError` when it cannot be read or parsed."""
    check_readable(path)
    try:
        return etree.DTD(str(path))
    except etree.DTDParseError as exc:
        entries = list(exc.error_log)
        line = entries[-1].line if entries else None
        raise TMXError(f"not a usable DTD: {exc}", path=str(path), line=line) from None


def validate_file(path: str | os.PathLike[str], *,
                  dtd: str | os.PathLike[str] | etree.DTD | None = None) -> Report:
    """Validate the TMX file at ``path`` (see the module notes). ``dtd``: a path or a DTD."""
    checker = _Checker(str(path), load_dtd(dtd) if isinstance(dtd, (str, os.PathLike)) else dtd)
    checker.report.dtd = str(dtd) if isinstance(dtd, (str, os.PathLike)) else None
    return checker.run()


class _Checker:
    def __init__(self, path: str, dtd: etree.DTD | None) -> None:
        self.path = path
        self.dtd = dtd
        self.report = Report(path)
        self.srclang: str | None = None
        self.tuids: set[str] = set()

    def add(self, line: int | None, severity: str, rule: str, message: str) -> None:
        problem = Problem(line, severity, rule, message)
        if not self.report.problems or self.report.problems[-1] != problem:
            self.report.problems.append(problem)

    def run(self) -> Report:
        path, encoding, root = open_tmx(self.path)
        self.check_version(root.attrs.get("version"), root.line)
        body: etree._Element | None = None
        for _event, element in iter_events(path, tag=("header", "tu", "tmx"), encoding=encoding):
            tag = element.tag
            if tag == "tu":
                parent = element.getparent()
                if parent is None or parent.tag != "body":
                    self.add(element.sourceline, ERROR, "structure", "<tu> outside <body>")
                    continue
                if body is None:
                    body = parent
                self.check_body_children(body, element)
                self.check_tu(element)
                self.report.units += 1
                release(element)
            elif tag == "header":
                self.check_header(element)
            else:
                self.check_skeleton(element, root.attrs)
        self.report.problems.sort(key=lambda p: p.line or 0)
        return self.report

    # -- document level -------------------------------------------------------------------

    def check_version(self, version: str | None, line: int) -> None:
        if version is None:
            self.add(line, ERROR, "version", 'the <tmx> element has no version (TMX 1.4 requires '
                                             'version="1.4")')
        elif version == "1.4b":
            self.add(line, ERROR, "version", 'version="1.4b" is not valid: the DTD fixes the '
                                             'value to "1.4" ("1.4b" names the specification '
                                             'revision); write version="1.4"')
        elif version != TMX_VERSION:
            self.add(line, ERROR, "version", f'version="{version}": this is checked as TMX 1.4, '
                                             'which requires version="1.4"')

    def check_skeleton(self, tmx: etree._Element, root_attrs: dict[str, str]) -> None:
        children = [c for c in tmx if isinstance(c.tag, str)]
        names = [c.tag for c in children]
        if "header" not in names:
            self.add(tmx.sourceline, ERROR, "structure", "<tmx> has no <header>")
        if "body" not in names:
            self.add(tmx.sourceline, ERROR, "structure", "<tmx> has no <body>")
        for name in names:
            if name not in ("header", "body"):
                self.add(tmx.sourceline, ERROR, "structure", f"<{name}> is not allowed in <tmx>")
        if "header" in names and "body" in names and names.index("header") > names.index("body"):
            self.add(tmx.sourceline, ERROR, "structure", "<header> must come before <body>")
        for child in children:
            if child.tag == "body":
                self.check_body_children(child, None)
        if self.report.units == 0 and "body" in names:
            self.add(tmx.sourceline, WARNING, "no-units", "the memory holds no unit")
        if self.dtd is not None:
            skeleton = etree.Element("tmx", root_attrs)
            header = next((c for c in children if c.tag == "header"), None)
            if header is not None:
                skeleton.append(etree.Element("header", dict(header.attrib)))
            etree.SubElement(skeleton, "body")
            self.check_dtd(skeleton, tmx.sourceline, only=("tmx",))

    def check_body_children(self, body: etree._Element, current: etree._Element | None) -> None:
        for child in body:
            if child is current:
                break
            if isinstance(child.tag, str) and child.tag != "tu":
                self.add(child.sourceline, ERROR, "structure",
                         f"<{child.tag}> is not allowed in <body> (only <tu>)")

    def check_dtd(self, element: etree._Element, line: int | None,
                  only: Iterable[str] | None = None) -> None:
        assert self.dtd is not None
        if self.dtd.validate(element):
            return
        for entry in self.dtd.error_log:
            if entry.level_name != "ERROR" or "xmlns:xml" in entry.message:
                # warnings such as DTD_NO_PREFIX for a bare lang are reported by the lang rule;
                # xmlns:xml is an artefact of validating one element out of its document
                continue
            message = entry.message
            if only is not None and not any(name in message for name in only):
                continue
            self.add(entry.line if entry.line > 0 else line, ERROR, "dtd", message)

    # -- header ---------------------------------------------------------------------------

    def check_header(self, header: etree._Element) -> None:
        line = header.sourceline
        for name in REQUIRED_HEADER:
            if not header.get(name):
                self.add(line, ERROR, "header",
                         f"the header has no {name} attribute (required by TMX 1.4)")
        segtype = header.get("segtype")
        if segtype and segtype not in SEGTYPES:
            self.add(line, ERROR, "segtype", f'segtype="{segtype}" is not one of '
                                             f'{", ".join(SEGTYPES)}')
        self.check_dates(header, line)
        srclang = header.get("srclang")
        if srclang:
            self.srclang = srclang
            if srclang != ALL:
                self.check_tag_form(srclang, line, "srclang")
        adminlang = header.get("adminlang")
        if adminlang:
            self.check_tag_form(adminlang, line, "adminlang")
        for child in header:
            if isinstance(child.tag, str) and child.tag not in ("prop", "note", "ude"):
                self.add(child.sourceline, ERROR, "structure",
                         f"<{child.tag}> is not allowed in <header>")
            elif child.tag == "prop" and child.get("type") is None:
                self.add(child.sourceline, ERROR, "structure", "<prop> without a type")
        if self.dtd is not None:
            self.check_dtd(header, line)

    # -- units ----------------------------------------------------------------------------

    def check_tu(self, tu: etree._Element) -> None:
        line = tu.sourceline
        tuid = tu.get("tuid")
        if tuid is not None:
            if tuid in self.tuids:
                self.add(line, WARNING, "tuid", f'tuid "{tuid}" is used by an earlier unit')
            self.tuids.add(tuid)
        segtype = tu.get("segtype")
        if segtype is not None and segtype not in SEGTYPES:
            self.add(line, ERROR, "segtype", f'segtype="{segtype}" is not one of '
                                             f'{", ".join(SEGTYPES)}')
        self.check_dates(tu, line)
        langs: list[str] = []
        filled = 0
        seen_tuv = False
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                seen_tuv = True
                lang, has_text = self.check_tuv(child)
                if lang is not None:
                    langs.append(lang)
                filled += has_text
            elif tag in ("prop", "note"):
                if seen_tuv:
                    self.add(child.sourceline, ERROR, "structure",
                             f"<{tag}> after a <tuv> (notes and props come first)")
                if tag == "prop" and child.get("type") is None:
                    self.add(child.sourceline, ERROR, "structure", "<prop> without a type")
            elif isinstance(tag, str):
                self.add(child.sourceline, ERROR, "structure", f"<{tag}> is not allowed in <tu>")
        if not langs:
            self.add(line, ERROR, "structure", "the unit has no <tuv>")
        elif len(langs) < 2:
            self.add(line, WARNING, "one-sided", "the unit has a single variant (kept; an "
                                                 "empty side of the alignment?)")
        elif filled < 2:
            self.add(line, WARNING, "empty-side", "the unit has text on fewer than two sides "
                                                  "(kept, not dropped)")
        normalized = [tag_key(lang) for lang in langs]
        if len(set(normalized)) < len(normalized):
            self.add(line, WARNING, "duplicate-lang",
                     f"two variants in the same language ({', '.join(langs)})")
        srclang = tu.get("srclang") or self.srclang
        if srclang and srclang != ALL and langs:
            if not any(lang.lower() == srclang.lower() for lang in langs):
                if any(same_tag(lang, srclang) for lang in langs):
                    shown = ", ".join(langs)
                    self.add(line, WARNING, "srclang", f'srclang "{srclang}" is written '
                                                       f"differently in the variants ({shown})")
                else:
                    self.add(line, ERROR, "srclang", f'no variant in the source language '
                                                     f'"{srclang}" (variants: {", ".join(langs)})')
        if self.dtd is not None:
            self.check_dtd(tu, line)

    def check_tuv(self, tuv: etree._Element) -> tuple[str | None, bool]:
        line = tuv.sourceline
        lang = tuv.get(_XML_LANG)
        if lang is None:
            old = tuv.get("lang")
            if old is not None:
                self.add(line, ERROR, "xml-lang", f'<tuv lang="{old}"> uses the deprecated lang '
                                                  f'attribute; TMX 1.4 requires xml:lang')
                lang = old
            else:
                self.add(line, ERROR, "xml-lang", "<tuv> has no xml:lang")
        if lang is not None:
            self.check_tag_form(lang, line, "xml:lang")
        self.check_dates(tuv, line)
        segs = [c for c in tuv if c.tag == "seg"]
        for child in tuv:
            tag = child.tag
            if isinstance(tag, str) and tag not in ("seg", "prop", "note"):
                self.add(child.sourceline, ERROR, "structure", f"<{tag}> is not allowed in <tuv>")
        if not segs:
            self.add(line, ERROR, "structure", "<tuv> has no <seg>")
            return lang, False
        if len(segs) > 1:
            self.add(segs[1].sourceline, ERROR, "structure", "<tuv> has more than one <seg>")
        seg = segs[0]
        if any(isinstance(c.tag, str) and c.tag != "seg" for c in seg.itersiblings()):
            self.add(seg.sourceline, ERROR, "structure", "<seg> must be the last child of <tuv>")
        has_text = self.check_seg(seg)
        if not has_text:
            self.add(seg.sourceline, WARNING, "empty-seg",
                     f"empty segment in {lang or 'a variant'} (kept; reported)")
        return lang, has_text

    def check_seg(self, seg: etree._Element) -> bool:
        """Inline rules of one segment; True when it holds text or codes."""
        open_bpt: dict[str, int] = {}
        closed: set[str] = set()
        has_content = bool((seg.text or "").strip())
        for element in seg.iterdescendants():
            tag = element.tag
            if tag is etree.Entity:
                self.add(element.sourceline, ERROR, "entity",
                         f"entity reference &{element.name}; is not defined (never expanded)")
                continue
            if not isinstance(tag, str):
                continue
            has_content = True
            line = element.sourceline
            if tag not in INLINE_TAGS:
                self.add(line, ERROR, "markup", f"<{tag}> is not TMX markup (inline codes are "
                                                "bpt, ept, ph, it, hi, ut; native markup must be "
                                                "escaped inside them)")
                continue
            parent = element.getparent()
            if tag == "sub" and (parent is None or parent.tag not in CODE_TAGS):
                self.add(line, ERROR, "markup", "<sub> is only allowed inside bpt, ept, ph, it, ut")
            if tag == "bpt":
                i = element.get("i")
                if i is None:
                    self.add(line, ERROR, "bpt", "<bpt> without i")
                elif i in open_bpt or i in closed:
                    self.add(line, ERROR, "bpt", f'duplicate <bpt i="{i}"> in one segment '
                                                 '(i must be unique per bpt)')
                else:
                    open_bpt[i] = line or 0
            elif tag == "ept":
                i = element.get("i")
                if i is None:
                    self.add(line, ERROR, "ept", "<ept> without i")
                elif i in open_bpt:
                    del open_bpt[i]
                    closed.add(i)
                else:
                    self.add(line, ERROR, "ept", f'<ept i="{i}"> has no <bpt i="{i}"> before it '
                                                 "in the segment")
            elif tag == "it" and element.get("pos") not in ("begin", "end"):
                self.add(line, ERROR, "it", '<it> needs pos="begin" or pos="end"')
        for element in seg.iterdescendants():
            if element.tail and element.tail.strip():
                has_content = True
                break
        for i, line in open_bpt.items():
            self.add(line or seg.sourceline, ERROR, "bpt",
                     f'<bpt i="{i}"> has no matching <ept i="{i}"> in the segment')
        return has_content

    # -- attribute values -----------------------------------------------------------------

    def check_dates(self, element: etree._Element, line: int | None) -> None:
        for name in DATE_ATTRS:
            value = element.get(name)
            if value is not None and not _is_tmx_date(value):
                self.add(line, ERROR, "date", f'{name}="{value}" is not a TMX date '
                                              "(UTC, YYYYMMDDThhmmssZ)")

    def check_tag_form(self, tag: str, line: int | None, what: str) -> None:
        if not _TAG_FORM.match(tag):
            try:
                fixed = normalize_tag(tag)
            except ValueError:
                self.add(line, ERROR, "lang-tag", f'{what}="{tag}" is not a language tag')
                return
            self.add(line, ERROR, "lang-tag", f'{what}="{tag}" is not BCP 47 (write "{fixed}")')


def _is_tmx_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        datetime.strptime(value, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return False
    return True
