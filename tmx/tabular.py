"""Line-based memories: TSV (one unit per row) and JSON Lines (one unit per line, lossless).

**TSV**: a header row, then one row per unit: ``tuid``, the source and target text (columns named
by their language tags), the Concord properties (``x-concord-doc``, ``-paragraph``, ``-bead``,
``-src-ids``, ``-tgt-ids``, ``-confidence``, ``-status``) and ``notes`` (joined with `` | ``).
Text is plain (inline codes removed). Tabs, newlines, carriage returns and backslashes in values are written as ``\\t``,
``\\n``, ``\\r`` and ``\\\\``. ``bare=True`` writes only the two text columns and no header
(the layout MT training scripts read). A file without a recognisable header is read as two
columns, source and target, in the languages given (a ``source``/``target`` or ``src``/``tgt``
header row is skipped). ``quoting="csv"`` reads values quoted as CSV instead of escaped, as Excel
and pandas write TSV (``csv`` module, ``excel-tab`` dialect).

**JSONL**: one JSON object per unit, as :mod:`tmx.serial` describes: every variant, inline code,
property, note and attribute, so TMX → JSONL → TMX is lossless. Reading also accepts
``{"translation": {"zh": …, "en": …}}`` (the Hugging Face datasets layout) and flat
``{"zh": …, "en": …}`` objects (``id``/``tuid`` is the unit's id); a language whose value is not a
string, or a record with no text at all, is an error naming the line.
"""
from __future__ import annotations

import csv
import itertools
import json
from collections import Counter
import os
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from tmx import props as P
from tmx.errors import TMXError
from tmx.langtags import looks_like_tag, normalize_or_keep
from tmx.model import Segment, Unit, Variant
from tmx.serial import unit_from_json, unit_to_json
from tmx.unitwriter import UnitWriter, left_out
from tmx.xmlsource import check_readable

TSV_PROPS = (P.DOC, P.PARAGRAPH, P.BEAD, P.SRC_IDS, P.TGT_IDS, P.CONFIDENCE, P.STATUS)
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_ESCAPE = re.compile(r"[\\\t\n\r]")
_UNESCAPE = re.compile(r"\\(.)")
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def escape_tsv(value: str) -> str:
    """``value`` with tab, newline, carriage return and backslash escaped."""
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)


def unescape_tsv(value: str) -> str:
    """The inverse of :func:`escape_tsv` (an unknown escape keeps its backslash)."""
    if "\\" not in value:
        return value
    return _UNESCAPE.sub(lambda m: _UNESCAPES.get(m.group(1), m.group()), value)


class TSVWriter(UnitWriter):
    """Write units as TSV rows (see the module notes)."""

    def __init__(self, stream: IO[str], *, src_lang: str, tgt_lang: str,
                 bare: bool = False) -> None:
        if not src_lang or not tgt_lang:
            raise TMXError("a TSV file needs a source and a target language (none found)")
        self._stream = stream
        self.src_lang, self.tgt_lang = normalize_or_keep(src_lang), normalize_or_keep(tgt_lang)
        self.bare = bare
        self.left_out: Counter[str] = Counter()  #: units per kind of content TSV cannot carry
        if not bare:
            stream.write("\t".join(["tuid", self.src_lang, self.tgt_lang, *TSV_PROPS, "notes"])
                         + "\n")

    def write(self, unit: Unit) -> None:
        source = unit.variant(self.src_lang)
        target = unit.variant(self.tgt_lang, exclude=source)
        row = [source.text if source else "", target.text if target else ""]
        self.left_out.update(left_out(unit, (source, target), () if self.bare else TSV_PROPS,
                                      keeps_notes=not self.bare))
        if not self.bare:
            row = [unit.tuid or "", *row, *(unit.prop(p, "") or "" for p in TSV_PROPS),
                   " | ".join(unit.notes)]
        self._stream.write("\t".join(escape_tsv(v) for v in row) + "\n")
        self.units_written += 1


class JSONLWriter(UnitWriter):
    """Write units as JSON Lines, losslessly (``src_lang``/``tgt_lang`` are not needed)."""

    def __init__(self, stream: IO[str], *, src_lang: str = "", tgt_lang: str = "") -> None:
        self._stream = stream

    def write(self, unit: Unit) -> None:
        self._stream.write(json.dumps(unit_to_json(unit), ensure_ascii=False) + "\n")
        self.units_written += 1


# -- reading ------------------------------------------------------------------------------------

def _lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    check_readable(path)
    try:
        # only LF ends a line (a CR alone is content, as for wc -l); CRLF is read as LF
        with open(path, encoding="utf-8-sig", newline="\n") as handle:
            for number, line in enumerate(handle, 1):
                yield number, line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise TMXError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(path)) \
            from None


_NAMED_COLUMNS = {"tuid": "tuid", "notes": "note", "note": "note"}
#: header rows that name the two columns without their languages (skipped, not read as a unit)
_GENERIC_HEADERS = (["source", "target"], ["src", "tgt"])


def _header_kind(cell: str) -> str | None:
    if cell in _NAMED_COLUMNS:
        return _NAMED_COLUMNS[cell]
    if cell.startswith("x-"):
        return "prop"
    return "lang" if looks_like_tag(cell) else None


#: how TSV values are quoted: backslash escapes (as we write them), or CSV-style quoting
TSV_QUOTINGS = ("escapes", "csv")


def _escaped_rows(path: str | os.PathLike[str]) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of a TSV file with backslash escapes, values unescaped."""
    for number, line in _lines(path):
        if line.strip():
            yield number, [unescape_tsv(value) for value in line.split("\t")]


def _csv_rows(path: str | os.PathLike[str]) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of a TSV file quoted as CSV, as Excel and pandas write it (doubled
    quotes inside quoted fields, which may hold tabs or line breaks), read with the
    ``excel-tab`` dialect; each row with the line it starts on."""
    check_readable(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, dialect="excel-tab", strict=True)
            start = 1
            for row in reader:
                if any(value.strip() for value in row):
                    yield start, row
                start = reader.line_num + 1
    except csv.Error as exc:
        raise TMXError(f"CSV quoting: {exc} (a field that opens a quote must close it, and "
                       "a quote inside a quoted field is doubled)", path=str(path),
                       line=start) from None
    except UnicodeDecodeError as exc:
        raise TMXError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(path)) \
            from None


def read_tsv(path: str | os.PathLike[str], *, src_lang: str | None = None,
             tgt_lang: str | None = None, quoting: str = "escapes") -> Iterator[Unit]:
    """The units of a TSV file (see the module notes); ``quoting="csv"`` reads values quoted
    as CSV (see :func:`_csv_rows`) instead of backslash escapes."""
    if quoting not in TSV_QUOTINGS:
        raise ValueError(f"quoting must be one of {', '.join(TSV_QUOTINGS)}, not {quoting!r}")
    lines = _csv_rows(path) if quoting == "csv" else _escaped_rows(path)
    first = next(lines, None)
    if first is None:
        return
    cells = first[1]
    kinds = [_header_kind(c) for c in cells]
    has_header = None not in kinds and kinds.count("lang") >= 2
    if not has_header:
        if not src_lang or not tgt_lang:
            raise TMXError("the TSV file has no header naming its languages (tuid, zh-CN, "
                           "en-US …); give them with --src-lang/--tgt-lang", path=str(path),
                           line=first[0])
        names, kinds = [src_lang, tgt_lang], ["lang", "lang"]
        generic = [c.strip().lower() for c in cells] in _GENERIC_HEADERS
        rows: Iterable[tuple[int, list[str]]] = (lines if generic
                                                 else itertools.chain([first], lines))
    else:
        names, rows = cells, lines
    for number, values in rows:
        if len(values) != len(names):
            raise TMXError(f"expected {len(names)} tab-separated columns, found {len(values)}",
                           path=str(path), line=number)
        unit = Unit()
        for name, kind, value in zip(names, kinds, values):
            if kind == "lang":
                unit.variants.append(Variant(normalize_or_keep(name), Segment.plain(value)))
            elif kind == "tuid":
                unit.tuid = value or None
            elif kind == "prop" and value:
                unit.props.append((name, value))
            elif kind == "note" and value:
                unit.notes = value.split(" | ")
        unit.line = number
        yield unit


def read_jsonl(path: str | os.PathLike[str], *, src_lang: str | None = None,
               tgt_lang: str | None = None) -> Iterator[Unit]:
    """The units of a JSON Lines file (see the module notes)."""
    for number, line in _lines(path):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            unit = _unit_from_record(data)
        except json.JSONDecodeError as exc:
            raise TMXError(f"not JSON: {exc.msg}", path=str(path), line=number,
                           column=exc.colno) from None
        except ValueError as exc:
            raise TMXError(f"not a unit: {exc}", path=str(path), line=number) from None
        unit.line = number
        yield unit


_ID_KEYS = ("tuid", "id")  #: identifier keys of flat records ("id" is not Indonesian here)


def _unit_from_record(data: Any) -> Unit:
    texts = _unit_from_texts(data) if isinstance(data, dict) and "variants" not in data else None
    unit = texts if texts is not None else unit_from_json(data)
    if not unit.variants:
        raise ValueError('no text: neither "variants" nor language keys (zh, en …)')
    return unit


def _unit_from_texts(data: dict[str, Any]) -> Unit | None:
    """A unit from ``{"zh": …, "en": …}`` or ``{"translation": {…}}``; ``None`` when the record
    has no language key; ``ValueError`` when a language's value is not a string."""
    texts = data.get("translation", data)
    if not isinstance(texts, dict):
        return None
    pairs = []
    for key, value in texts.items():
        if key in _ID_KEYS or not looks_like_tag(key):
            continue
        if not isinstance(value, str):
            raise ValueError(f'the value of "{key}" is not a string: {json.dumps(value)[:40]}')
        pairs.append((key, value))
    if not pairs:
        return None
    tuid = data.get("tuid", data.get("id"))
    return Unit(tuid=str(tuid) if tuid is not None else None,
                variants=[Variant(normalize_or_keep(k), Segment.plain(v)) for k, v in pairs])
