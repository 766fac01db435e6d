"""Gettext PO files for translators' tools (Poedit, Weblate, Lokalize), through polib."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, UTC
from typing import IO, Any

import polib

from tmx import props as P
from tmx.errors import TMXError
from tmx.inline import segment_from_markup, segment_to_markup
from tmx.langtags import normalize_or_keep
from tmx.model import Segment, Unit, Variant
from tmx.serial import details, parts_to_json, variant_from_json
from tmx.unitwriter import UnitWriter, tool_version
from tmx.xmlsource import check_readable

MARKUP_FLAG = "tmx-markup"
FUZZY_PROP = "x-po-fuzzy"  #: a PO entry from another tool was fuzzy
REVIEWED = ("confirmed",)  #: statuses that are not fuzzy: "edited" is not yet confirmed
_KEYS = ("tmx-tuid", "tmx-prop", "tmx-attrs", "tmx-notes", "tmx-source", "tmx-target",
         "tmx-variant", "tmx-unconfirmed")


def po_language(tag: str) -> str:
    """A gettext language code for a BCP 47 tag: ``zh-CN`` → ``zh_CN``."""
    return tag.replace("-", "_")


def is_fuzzy(unit: Unit, fuzzy_below: float, confirmed_threshold: float | None = None) -> bool:
    """True when the unit is not confirmed by a reviewer, its confidence is low, or it comes
    from a PO entry marked fuzzy (``x-po-fuzzy``); a unit whose confidence is at least
    ``confirmed_threshold`` is not fuzzy, unless a reviewer rejected it or it was fuzzy in
    another tool's PO."""
    if unit.prop(FUZZY_PROP) == "yes":
        return True
    status = P.status(unit)
    if confirmed_threshold is not None and status != "rejected":
        confidence = P.confidence(unit)
        if confidence is not None and confidence >= confirmed_threshold:
            return False
    if status is not None and status not in REVIEWED:
        return True
    confidence = P.confidence(unit)
    return confidence is not None and confidence < fuzzy_below


def _line_breaks_differ(msgid: str, msgstr: str) -> bool:
    """True when a translated entry's two sides do not both start, or both end, with a line
    break: ``msgfmt --check`` refuses such an entry unless it is fuzzy (a translator should look
    at it anyway), so it is written fuzzy; the unit's review status is not changed by that."""
    return bool(msgstr) and (msgid.startswith("\n") != msgstr.startswith("\n")
                             or msgid.endswith("\n") != msgstr.endswith("\n"))


class POWriter(UnitWriter):
    """Write units as a PO file, one entry at a time.

    ``stream`` is a text stream (UTF-8). ``src_lang``/``tgt_lang`` pick the variants that become
    ``msgid``/``msgstr``; other variants are kept in extracted comments.

    One entry per unit: ``msgid`` is the source segment, ``msgstr`` the target. ``msgctxt`` names the
    document and paragraph (``"rel-1, paragraph 3"``; the tuid is added when two entries would clash).
    The ``fuzzy`` flag marks units not yet confirmed by a reviewer (``unreviewed``, ``edited``,
    ``rejected``) and units whose confidence is below
    ``fuzzy_below``, and entries whose two sides do not both start or end with a line break (which
    ``msgfmt --check`` refuses in a translated entry). ``msgfmt`` leaves fuzzy entries out of the
    compiled catalogue, Translate Toolkit's ``po2tmx`` out of the memory, and Poedit shows them as
    "needs work"; so the writer offers ``confirmed_threshold`` (units whose confidence is at least this
    are not fuzzy, unless rejected) and ``no_fuzzy`` (no entry is fuzzy). An entry so written without
    ``fuzzy`` though its unit is unconfirmed carries ``#. tmx-unconfirmed: true``, so that reading
    it back does not take the missing flag for a reviewer's confirmation. Notes (check findings) are translator comments (``# ``). The first extracted
    comment says, for people, the alignment confidence, bead type and review status. Everything else a
    TMX unit holds — tuid, properties, attributes, other language variants — is kept in extracted comments
    (``#. tmx-…: <JSON>``), so TMX → PO → TMX loses nothing. A segment with inline codes is written as
    TMX inline markup (``Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>``) and the entry
    gets the ``tmx-markup`` flag.
    """

    def __init__(self, stream: IO[str], *, src_lang: str, tgt_lang: str,
                 fuzzy_below: float = 0.5, confirmed_threshold: float | None = None,
                 no_fuzzy: bool = False, project: str = "Concord translation memory") -> None:
        if not src_lang or not tgt_lang:
            raise TMXError("a PO file needs a source and a target language (none found)")
        self._stream = stream
        self.src_lang, self.tgt_lang = normalize_or_keep(src_lang), normalize_or_keep(tgt_lang)
        self.fuzzy_below = fuzzy_below
        self.confirmed_threshold = confirmed_threshold
        self.no_fuzzy = no_fuzzy
        self.project = project
        self._seen: set[tuple[str | None, str]] = set()

    def __enter__(self) -> POWriter:
        header = polib.POFile(wrapwidth=0)
        header.header = ("Translation memory exported by Concord: msgid is the source, msgstr the "
                         "target.\n" + self._fuzzy_rule() +
                         "\nThe extracted comments starting with tmx- keep what the TMX unit "
                         "holds: leave them as they are.")
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
        header.metadata = {
            "Project-Id-Version": self.project, "Report-Msgid-Bugs-To": "",
            "POT-Creation-Date": now, "PO-Revision-Date": now,
            "Last-Translator": "Concord", "Language-Team": "none",
            "Language": po_language(self.tgt_lang), "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
            "X-Generator": f"Concord {tool_version()}",
            "X-Source-Language": po_language(self.src_lang),
            "X-Concord-Source-Tag": self.src_lang, "X-Concord-Target-Tag": self.tgt_lang}
        self._stream.write(str(header))
        return self

    def write(self, unit: Unit) -> None:
        """Write one unit as one entry."""
        self._stream.write("\n" + self.entry(unit).__unicode__(wrapwidth=0).rstrip("\n") + "\n")
        self.units_written += 1

    def entry(self, unit: Unit) -> polib.POEntry:
        """The PO entry for ``unit``."""
        source = unit.variant(self.src_lang)
        target = unit.variant(self.tgt_lang, exclude=source)
        src_seg = source.segment if source else Segment()
        tgt_seg = target.segment if target else Segment()
        markup = src_seg.has_codes or tgt_seg.has_codes
        msgid = segment_to_markup(src_seg) if markup else src_seg.text
        msgstr = segment_to_markup(tgt_seg) if markup else tgt_seg.text
        meta: list[str] = []
        summary = _summary(unit)
        if summary:
            meta.append(summary)  # for people; ignored when read back (the tmx- lines hold it)
        if unit.tuid is not None:
            meta.append(_line("tmx-tuid", unit.tuid))
        meta += [_line("tmx-prop", [k, v]) for k, v in unit.props]
        if unit.attrs:
            meta.append(_line("tmx-attrs", unit.attrs))
        if any(not note or " ".join(note.split()) != note for note in unit.notes):
            # translator comments cannot carry these notes exactly: keep them here too
            meta.append(_line("tmx-notes", unit.notes))
        for key, variant, lang in (("tmx-source", source, self.src_lang),
                                   ("tmx-target", target, self.tgt_lang)):
            extra = _variant_extra(variant, lang)
            if extra:
                meta.append(_line(key, extra))
        for position, variant in enumerate(unit.variants):
            if variant is not source and variant is not target:
                meta.append(_line("tmx-variant", {**_variant_json(variant), "at": position}))
        flags = []
        fuzzy = is_fuzzy(unit, self.fuzzy_below, self.confirmed_threshold)
        if fuzzy and not self.no_fuzzy or _line_breaks_differ(msgid, msgstr):
            flags.append("fuzzy")
        elif P.status(unit) in _CONFIRMED_WHEN_UNFLAGGED:
            meta.append(_line("tmx-unconfirmed", True))  # not the reviewer's confirmation
        if markup:
            flags.append(MARKUP_FLAG)
        return polib.POEntry(msgctxt=self._context(unit, msgid), msgid=msgid, msgstr=msgstr,
                             comment="\n".join(meta), flags=flags,
                             tcomment="\n".join(" ".join(n.split()) for n in unit.notes))

    def _fuzzy_rule(self) -> str:
        """What ``fuzzy`` means in this file, for the header."""
        if self.no_fuzzy:
            return ("No entry is fuzzy (written with --no-fuzzy), except where the line breaks of "
                    "the two sides differ; the review status is in the extracted comments.")
        rule = "fuzzy = not confirmed by a reviewer or low alignment confidence"
        if self.confirmed_threshold is not None:
            rule += (f", except units of alignment confidence {self.confirmed_threshold:g} or "
                     "more (not rejected)")
        return rule + "."

    def _context(self, unit: Unit, msgid: str) -> str | None:
        doc, paragraph = P.doc(unit), unit.prop(P.PARAGRAPH)
        context = unit.prop("x-context")
        if doc is not None:
            context = f"{doc}, paragraph {paragraph}" if paragraph is not None else doc
        if (context, msgid) in self._seen or (context is None and msgid == ""):
            tag = unit.tuid if unit.tuid is not None else f"#{self.units_written + 1}"
            context = f"{context} [{tag}]" if context else f"[{tag}]"
        self._seen.add((context, msgid))
        return context


#: statuses that reading our own PO back turns into ``confirmed`` when the entry is not fuzzy
_CONFIRMED_WHEN_UNFLAGGED = ("unreviewed", "edited")


def _summary(unit: Unit) -> str:
    """A line a translator reads in the editor's notes: how sure the alignment is, its shape
    and whether a reviewer has seen it ("alignment confidence 0.53, 2-1 bead, unreviewed")."""
    parts = []
    confidence = P.confidence(unit)
    if confidence is not None:
        parts.append(f"alignment confidence {confidence:.2f}")
    bead = unit.prop(P.BEAD)
    if bead:
        parts.append(f"{bead} bead")
    status = P.status(unit)
    if status:
        parts.append(status)
    return " ".join(", ".join(parts).split())  # one line: a CR would end the comment


def _line(key: str, value: object) -> str:
    return f"{key}: {json.dumps(value, ensure_ascii=False)}"


def _variant_extra(variant: Variant | None, lang: str) -> dict[str, Any]:
    """What the msgid/msgstr does not say about a variant: its exact tag, props, notes, attrs."""
    if variant is None:
        return {"absent": True}
    extra: dict[str, Any] = {"lang": variant.lang} if variant.lang != lang else {}
    extra.update(details(variant))
    return extra


def _variant_json(variant: Variant) -> dict[str, Any]:
    return {"lang": variant.lang, "seg": parts_to_json(variant.segment.parts),
            **details(variant)}


# -- reading ------------------------------------------------------------------------------------

#: the Project-Id-Version of the PO glossaries terms.pofile writes (they are not memories)
GLOSSARY_PROJECT = "concord glossary"


@dataclass(slots=True)
class POSource:
    """A PO file opened for reading: the languages its units are read in, its obsolete ``#~``
    entries (counted, with the line of the first, not read) and its units (read as iterated)."""

    src_lang: str
    tgt_lang: str
    units: Iterator[Unit]
    obsolete: int = 0
    obsolete_line: int | None = None


def read_po(path: str | os.PathLike[str], *, src_lang: str | None = None,
            tgt_lang: str | None = None) -> Iterator[Unit]:
    """The units of a PO file (see :func:`open_po`)."""
    return open_po(path, src_lang=src_lang, tgt_lang=tgt_lang).units


def open_po(path: str | os.PathLike[str], *, src_lang: str | None = None,
            tgt_lang: str | None = None) -> POSource:
    """Open a PO file for reading. Languages come from ``src_lang``/``tgt_lang``, else the
    header (``X-Source-Language``, ``Language``); :class:`TMXError` when neither says.

    Reading: a PO file from another tool becomes units too (its context goes to an ``x-context``
    property, as Translate Toolkit's po2tmx does; references, extracted comments, flags, previous
    strings (``#|``) and plural forms (``msgid_plural``, ``msgstr[1]`` …; ``msgstr[0]`` is the
    target) to ``x-po-…`` properties; obsolete ``#~`` entries are not read, only
    counted: :attr:`POSource.obsolete`). Removing ``fuzzy`` from an unreviewed or edited entry in a
    PO editor marks it ``confirmed``.
    """
    check_readable(path)
    _check_strings(path)
    try:
        po = polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise TMXError(f"not a readable PO file: {_po_message(exc)}", path=str(path),
                       line=_po_line(exc)) from None
    meta = po.metadata
    if meta.get("Project-Id-Version", "").startswith(GLOSSARY_PROJECT):
        raise TMXError("this PO file is a Concord glossary, not a translation memory: give it "
                       "with --glossary, or to 'concord glossary'", path=str(path))
    src = src_lang or meta.get("X-Concord-Source-Tag") or meta.get("X-Source-Language")
    tgt = tgt_lang or meta.get("X-Concord-Target-Tag") or meta.get("Language")
    if not src or not tgt:
        raise TMXError("the PO file does not say its languages (no X-Source-Language or Language "
                       "header); give them with --src-lang/--tgt-lang", path=str(path))
    src, tgt = normalize_or_keep(src), normalize_or_keep(tgt)
    obsolete = po.obsolete_entries()
    return POSource(src, tgt, _units(po, str(path), src, tgt,
                                     written_by_us="X-Concord-Source-Tag" in meta),
                    len(obsolete), obsolete[0].linenum if obsolete else None)


#: a line holding a PO string: keyword (possibly obsolete ``#~`` or previous ``#|``) and string
_STRING_LINE = re.compile(r'^\s*(?:#[~|]\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)'
                          r'\s+)?(".*)$')
_WHOLE_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')


def _check_strings(path: str | os.PathLike[str]) -> None:
    """:class:`TMXError` at the first string that is not closed (polib reads such a file
    without complaint, losing the entry or its translation)."""
    encoding = _charset(path)
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            end = raw.rstrip()
            if not end or (end.endswith(b'"') and not end.endswith(b'\\"')) or (
                    end.startswith(b"#") and not end.startswith((b"#~", b"#|"))):
                continue  # the usual lines, quickly: a closed string, a comment
            found = _STRING_LINE.match(_decode(raw, encoding))
            if found is not None and not _WHOLE_STRING.match(found.group(1)):
                raise TMXError("string not closed by a quote on this line (or text after it)",
                               path=str(path), line=number)


_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def _charset(path: str | os.PathLike[str]) -> str:
    """The charset the header names (it comes first in the file), UTF-8 when none."""
    with open(path, "rb") as handle:
        found = _CHARSET.search(handle.read(8192))
    return found.group(1).decode("ascii") if found else "utf-8"


def _decode(raw: bytes, encoding: str) -> str:
    """A line in the file's charset (a legacy CJK charset can have a backslash as the second
    byte of a character); undecodable bytes are replaced (polib reports them)."""
    try:
        return raw.decode(encoding, "replace")
    except LookupError:  # an unknown charset: polib reports it
        return raw.decode("utf-8", "replace")


def _po_message(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _po_line(exc: Exception) -> int | None:
    found = re.search(r"line (\d+)", str(exc))
    return int(found.group(1)) if found else None


def _units(po: polib.POFile, path: str, src: str, tgt: str,
           written_by_us: bool) -> Iterator[Unit]:
    for entry in po:
        if entry.obsolete:
            continue
        try:
            yield _unit(entry, src, tgt, written_by_us)
        except ValueError as exc:
            raise TMXError(f"entry {entry.msgid[:40]!r}: {exc}", path=path,
                           line=entry.linenum) from None


def _foreign_extras(entry: polib.POEntry) -> list[tuple[str, str]]:
    """What else an entry from another tool says, as ``x-po-…`` properties: its other flags
    (``python-format``), the previous msgctxt/msgid (``#|``) and its plural forms."""
    extras = [("x-po-flag", flag) for flag in entry.flags if flag != "fuzzy"]
    for kind, value in (("x-po-previous-msgctxt", entry.previous_msgctxt),
                        ("x-po-previous-msgid", entry.previous_msgid),
                        ("x-po-previous-msgid-plural", entry.previous_msgid_plural),
                        ("x-po-msgid-plural", entry.msgid_plural)):
        if value:
            extras.append((kind, value))
    if entry.msgid_plural:
        extras += [(f"x-po-msgstr[{n}]", text) for n, text in sorted(entry.msgstr_plural.items())
                   if n != 0]
    return extras


def _unit(entry: polib.POEntry, src: str, tgt: str, written_by_us: bool) -> Unit:
    meta: dict[str, list[Any]] = {key: [] for key in _KEYS}
    foreign: list[str] = []
    for line in entry.comment.split("\n") if entry.comment else []:
        key, sep, value = line.partition(": ")
        if sep and key in meta:
            try:
                meta[key].append(json.loads(value))
            except json.JSONDecodeError:
                raise ValueError(f"damaged {key} comment: {value[:60]}") from None
        else:
            foreign.append(line)
    ours = written_by_us or any(meta[key] for key in _KEYS)
    markup = MARKUP_FLAG in entry.flags
    msgstr = entry.msgstr if not entry.msgid_plural else entry.msgstr_plural.get(0, "")
    src_seg = segment_from_markup(entry.msgid) if markup else Segment.plain(entry.msgid)
    tgt_seg = segment_from_markup(msgstr) if markup else Segment.plain(msgstr)
    unit = Unit(tuid=meta["tmx-tuid"][0] if meta["tmx-tuid"] else None,
                line=entry.linenum or None)
    unit.props = [(str(k), str(v)) for k, v in meta["tmx-prop"]]
    if meta["tmx-attrs"]:
        unit.attrs = {str(k): str(v) for k, v in meta["tmx-attrs"][0].items()}
    if meta["tmx-notes"]:
        unit.notes = [str(n) for n in meta["tmx-notes"][0]]
    elif entry.tcomment:
        unit.notes = entry.tcomment.split("\n")
    for key, lang, segment in (("tmx-source", src, src_seg), ("tmx-target", tgt, tgt_seg)):
        extra = meta[key][0] if meta[key] else {}
        if isinstance(extra, dict) and extra.get("absent"):
            continue
        unit.variants.append(variant_from_json(extra, lang=lang, segment=segment))
    extras = sorted(meta["tmx-variant"], key=lambda d: d.get("at", len(unit.variants))
                    if isinstance(d, dict) else 0)
    for data in extras:
        variant = variant_from_json(data)
        at = data.get("at")
        unit.variants.insert(at if isinstance(at, int) else len(unit.variants), variant)
    if not ours:
        if entry.msgctxt:
            unit.props.append(("x-context", entry.msgctxt))
        unit.props += [("x-po-reference", f"{f}:{n}" if n else f) for f, n in entry.occurrences]
        unit.props += [("x-po-comment", line) for line in foreign]
        if "fuzzy" in entry.flags:
            unit.props.append((FUZZY_PROP, "yes"))
        unit.props += _foreign_extras(entry)
    elif "fuzzy" not in entry.flags and not meta["tmx-unconfirmed"]:
        # the reviewer cleared the fuzzy flag
        unit.props = [p for p in unit.props if p != (FUZZY_PROP, "yes")]
        if P.status(unit) in _CONFIRMED_WHEN_UNFLAGGED:
            unit.set_prop(P.STATUS, "confirmed")
    return unit
