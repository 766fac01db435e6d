"""Glossaries as CSV or TSV: one row per term, rows of one concept together.

Header (fixed by the team's contract; extra columns are kept):
``concept,category,lang,term,status,scope,case_sensitive,note``, and an optional ``exclude``
column (longer forms, ``|``-separated, in which the term does not apply; written only when a
term has one). ``case_sensitive`` is ``yes`` or empty. Concept-level fields that a CSV row has no column for (a concept note from TBX, other
TBX descriptions) are written in ``concept_note`` / ``concept_<name>`` columns on the concept's
first row, so that converting TBX → CSV → TBX loses nothing. ``lang`` may carry a region
(``zh-TW``, ``en-GB``): it is read as ``zh``/``en`` and written back as it was.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import shlex
from pathlib import Path
from typing import IO

from terms.errors import GlossaryError
from terms.glossary import (Concept, Glossary, Term, normalize_category, normalize_lang,
                            normalize_status, written_tag)

COLUMNS = ("concept", "category", "lang", "term", "status", "scope", "case_sensitive", "note")
#: optional columns the model reads, written only when a term uses them
OPTIONAL_COLUMNS = ("exclude",)
REQUIRED = ("concept", "lang", "term")
YES = {"yes", "y", "true", "1", "x"}
NO = {"", "no", "n", "false", "0"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
LANG_TAG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$")


def read_csv(path: str | Path, delimiter: str = ",") -> Glossary:
    """Read a CSV (or, with ``delimiter="\\t"``, TSV) glossary; errors name file and line."""
    name = str(path)
    return parse_csv(decode_glossary(Path(path).read_bytes(), name), name, delimiter)


def decode_glossary(data: bytes, name: str) -> str:
    """The text of a CSV/TSV glossary: UTF-8 (with or without a byte-order mark), or UTF-16/32
    as Excel's "Unicode text" writes it. Anything else is an error that says what the file
    seems to be and how to save it as UTF-8."""
    from align.decoding import binary_kind, decode_bytes
    from align.errors import DocumentError

    kind = binary_kind(data)
    if kind is not None:
        raise GlossaryError(f"this is {kind}, not a glossary (TBX, CSV, TSV or PO)", path=name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                line = data[:exc.start + len(bom)].count(b"\n") + 1
                raise GlossaryError(f"starts with a {encoding.upper()} byte-order mark but is "
                                    f"not valid {encoding.upper()}", path=name,
                                    line=line) from None
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
    else:
        line = 1
    found: str | None
    try:
        text, found = decode_bytes(data, name)
    except DocumentError:
        found = None
    if found is not None and found.startswith("utf-16"):
        return text  # UTF-16 without a byte-order mark: its zero bytes tell it apart
    if found is None:
        raise GlossaryError("not UTF-8 text, nor any encoding recognised: save the glossary as "
                            "UTF-8", path=name, line=line)
    label = {"gb18030": "GB18030/GBK", "big5hkscs": "Big5"}.get(found, found.upper())
    source = {"gb18030": "GB18030", "big5hkscs": "BIG5-HKSCS"}.get(found, found.upper())
    raise GlossaryError(f"not UTF-8 text (it looks like {label}): save it as UTF-8 (in Excel: "
                        f"'CSV UTF-8'), or convert it with: iconv -f {source} -t UTF-8 "
                        f"{shlex.quote(name)} > utf8.csv", path=name, line=line)


def parse_csv(text: str, name: str = "<glossary>", delimiter: str = ",") -> Glossary:
    """Parse CSV/TSV glossary text (see the module docstring for the columns)."""
    text = text[1:] if text.startswith("\ufeff") else text
    if delimiter == "," and _semicolon_header(text):
        # Excel in many European locales saves "CSV" with semicolons
        delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    kind = "TSV" if delimiter == "\t" else "CSV"
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError(f"empty {kind} glossary (expected a header line "
                            f"{delimiter.join(COLUMNS)})", path=name, line=1) from None
    except csv.Error as exc:
        raise _syntax_error(exc, kind, text, delimiter, name, 1) from None
    header = [h.strip().lower() if h.strip().lower() in COLUMNS else h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise GlossaryError(f"{kind} header lacks column(s) {', '.join(missing)} (expected "
                            f"{delimiter.join(COLUMNS)})", path=name, line=1)
    concepts: list[Concept] = []
    by_id: dict[str, Concept] = {}
    categorised: set[str] = set()
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _syntax_error(exc, kind, text, delimiter, name, line) from None
        start, line = line, reader.line_num + 1
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise GlossaryError(f"{len(row)} fields where the header has {len(header)}",
                                path=name, line=start)
        record = dict(zip(header, row))
        concept = _concept_for(record, concepts, by_id, categorised, name, start)
        concept.terms.append(_term(record, name, start))
    return Glossary(concepts=concepts, path=name)


def _syntax_error(exc: csv.Error, kind: str, text: str, delimiter: str, name: str,
                  line: int) -> GlossaryError:
    """The error for a CSV/TSV syntax error at ``line``; a field with a bare quote in it
    (``"一带一路"倡议``) gets the way to write it."""
    lines = text.split("\n")
    raw = lines[line - 1] if 0 < line <= len(lines) else ""
    cell = next((c for c in raw.split(delimiter) if '"' in c), None)
    if "expected after" in str(exc) and cell is not None:
        quoted = '"' + cell.replace('"', '""') + '"'
        return GlossaryError(f"{kind} syntax error: the field {cell} holds a quote; quote the "
                             f"whole field and double the quotes inside it ({quoted}), or use "
                             "curly quotes “ ”", path=name, line=line)
    return GlossaryError(f"{kind} syntax error: {str(exc).replace(chr(9), 'tab')}", path=name,
                         line=line)


def _semicolon_header(text: str) -> bool:
    """True when the header line, split on semicolons (quoted cells or not), names the
    required columns."""
    first = text.split("\n", 1)[0]
    try:
        cells = next(csv.reader([first], delimiter=";"))
    except (csv.Error, StopIteration):
        return False
    names = [c.strip().lower() for c in cells]
    return len(names) > 1 and all(c in names for c in REQUIRED)


def _concept_for(record: dict[str, str], concepts: list[Concept], by_id: dict[str, Concept],
                 categorised: set[str], name: str, line: int) -> Concept:
    cid = record["concept"].strip()
    if not cid:
        raise GlossaryError("empty concept id", path=name, line=line)
    category = normalize_category(record.get("category", ""))
    if category is None:
        raise GlossaryError(f"unknown category {record['category'].strip()!r}", path=name,
                            line=line)
    current = concepts[-1] if concepts else None
    given = bool(record.get("category", "").strip())
    if current is not None and current.id == cid:
        if given and cid not in categorised:
            current.category = category
            categorised.add(cid)
        elif given and category != current.category:
            raise GlossaryError(f"concept {cid!r} has category {current.category!r} "
                                f"on an earlier row and {category!r} here", path=name,
                                line=line)
        _concept_fields(current, record)
        return current
    if cid in by_id:
        raise _split_concept(by_id[cid], record, name, line)
    concept = Concept(id=cid, category=category, line=line)
    if given:
        categorised.add(cid)
    _concept_fields(concept, record)
    concepts.append(concept)
    by_id[cid] = concept
    return concept


def _split_concept(earlier: Concept, record: dict[str, str], name: str,
                   line: int) -> GlossaryError:
    """The error for a row of concept ``earlier`` after other concepts' rows: where its rows
    are, why (a sheet sorted by language splits every concept) and how to fix it."""
    lines: list[int | None] = [t.line for t in earlier.terms if t.line is not None] or [earlier.line]
    where = (f"line {lines[0]}" if lines[0] == lines[-1] else f"lines {lines[0]}-{lines[-1]}")
    langs = {t.lang for t in earlier.terms}
    sorted_by_lang = len(langs) == 1 and normalize_lang(record["lang"]) not in langs
    why = (" (the sheet looks sorted by lang, which splits every concept)"
           if sorted_by_lang else "")
    return GlossaryError(
        f"duplicated concept id {earlier.id!r}: rows at {where} and again at line {line}, "
        f"with other concepts' rows between{why}; keep a concept's rows together (sort the "
        "sheet by concept), or give two different concepts different ids", path=name, line=line)


def _concept_fields(concept: Concept, record: dict[str, str]) -> None:
    for key, value in record.items():
        if key.startswith("concept_") and value:
            if key == "concept_note":
                concept.note = concept.note or value
            else:
                concept.extra.setdefault(key[len("concept_"):], value)


def _term(record: dict[str, str], name: str, line: int) -> Term:
    lang = normalize_lang(record["lang"])
    if not LANG_TAG.match(lang):
        raise GlossaryError(f"unknown language {record['lang'].strip()!r} (expected zh or en)",
                            path=name, line=line)
    raw_status = record.get("status", "")
    status = normalize_status(raw_status)
    if status is None:
        raise GlossaryError(f"unknown status {raw_status.strip()!r} (expected preferred, "
                            f"admitted, deprecated, superseded or forbidden)", path=name,
                            line=line)
    case = record.get("case_sensitive", "").strip().lower()
    if case not in YES and case not in NO:
        raise GlossaryError(f"case_sensitive must be 'yes' or empty, not {case!r}", path=name,
                            line=line)
    extra = {k: v for k, v in record.items() if k not in COLUMNS and k not in OPTIONAL_COLUMNS
             and not k.startswith("concept_") and v != ""}
    text = record["term"].strip()
    return Term(text=text, lang=lang, status=status, case_sensitive=case in YES,
                scope=record.get("scope", "").strip(), note=record.get("note", ""),
                exclude=(record.get("exclude") or "").strip(), extra=extra,
                tag=written_tag(record["lang"]), line=line, status_given=bool(raw_status.strip()))


def write_csv(glossary: Glossary, stream: IO[bytes], delimiter: str = ",") -> None:
    """Write ``glossary`` as UTF-8 CSV (or TSV), one row per term."""
    term_extra: list[str] = []
    concept_extra: list[str] = []
    has_concept_note = False
    for c in glossary.concepts:
        has_concept_note |= bool(c.note)
        for key in c.extra:
            if key not in concept_extra:
                concept_extra.append(key)
        for t in c.terms:
            for key in t.extra:
                if key not in term_extra:
                    term_extra.append(key)
    excludes = any(t.exclude for c in glossary.concepts for t in c.terms)
    header = list(COLUMNS) + (["exclude"] if excludes else []) + term_extra
    header += ["concept_note"] if has_concept_note else []
    header += [f"concept_{k}" for k in concept_extra]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for c in glossary.concepts:
        for i, t in enumerate(c.terms):
            # an empty status reads as preferred: left empty when the source gave none
            status = "" if not t.status_given and t.status == "preferred" else t.status
            row = [c.id, c.category, t.lang_tag, t.text, status, t.scope,
                   "yes" if t.case_sensitive else "", t.note]
            row += [t.exclude] if excludes else []
            row += [t.extra.get(k, "") for k in term_extra]
            first = i == 0
            if has_concept_note:
                row.append(c.note if first else "")
            row += [c.extra.get(k, "") if first else "" for k in concept_extra]
            writer.writerow(row)
    stream.write(buffer.getvalue().encode("utf-8"))
