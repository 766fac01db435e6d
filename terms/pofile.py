"""PO glossaries (read and written with polib): one entry per concept.

``msgctxt`` is the concept id, ``msgid`` the preferred Chinese term, ``msgstr`` the preferred
English rendering, so any PO tool shows the glossary as a translation list. Everything else is
kept in extracted comments, which PO tools carry along untouched: ``#. category: title``,
``#. note: …`` (one line per line of the concept note), ``#. concept: {json}`` (other concept
fields) and one ``#. term: {json}`` line per term, in order (text, lang, status and any scope,
case sensitivity, note or other fields; ``lang`` as written, ``zh-TW`` …), so conversion to and
from PO loses nothing.

A PO file written by another tool (no ``#. term:`` lines) is read as msgid = Chinese term and
msgstr = English rendering, both preferred (the languages come from the ``X-Source-Language``
and ``Language`` headers when present; ``Language: zh_CN`` alone means English msgids);
translator comments become the concept note;
obsolete entries are skipped.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, UTC
from pathlib import Path
from typing import IO

import polib

from terms.errors import GlossaryError
from terms.glossary import Concept, Glossary, Term, normalize_category, normalize_lang, \
    normalize_status, unique_ids, written_tag

TERM = "term: "
CONCEPT = "concept: "
CATEGORY = "category: "
NOTE = "note: "


#: a line of a PO entry: a keyword and a string, or a continued string (polib reads an
#: unterminated string without complaint, so lines are checked first, as msgfmt does)
_PO_LINE = re.compile(r'(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"(?:[^"\\]|\\.)*"\s*')


def _check_lines(text: str, name: str) -> None:
    """Raise :class:`GlossaryError` at the first line that is neither a comment nor a keyword
    with a well-formed string (an unterminated string, a stray word)."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.fullmatch(stripped):
            problem = ("unterminated string" if stripped.count('"') % 2
                       else f"unexpected text {stripped[:40]!r}")
            raise GlossaryError(f"PO syntax error: {problem}", path=name, line=number)


def read_po(path: str | Path) -> Glossary:
    """Read a PO glossary (see the module docstring)."""
    name = str(path)
    try:
        _check_lines(Path(path).read_bytes().decode("utf-8-sig"), name)
        po = polib.pofile(name, encoding="utf-8", wrapwidth=0)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        message = str(exc)
        m = re.search(r"line (\d+)", message)
        raise GlossaryError(f"PO syntax error: {message}", path=name,
                            line=int(m.group(1)) if m else None) from None
    if "X-Concord-Source-Tag" in po.metadata or po.metadata.get(
            "Project-Id-Version", "").startswith("Concord translation memory"):
        raise GlossaryError("this PO file is a translation memory (written by concord convert), "
                            "not a glossary: give it with --tmx", path=name)
    tgt_tag = po.metadata.get("Language", "") or "en"
    src_tag = po.metadata.get("X-Source-Language", "") or (
        "en" if normalize_lang(tgt_tag) == "zh" else "zh")
    concepts = (_concept(entry, number, src_tag, tgt_tag, name)
                for number, entry in enumerate(po, 1) if not entry.obsolete and entry.msgid)
    return Glossary(list(unique_ids(concepts, name)), path=name, meta=dict(po.metadata))


def _concept(entry: polib.POEntry, number: int, src_tag: str, tgt_tag: str,
             name: str) -> Concept:
    concept = Concept(id=entry.msgctxt or f"c{number}", line=entry.linenum)
    notes: list[str] = []
    for line in (entry.comment or "").splitlines():
        if line.startswith(TERM):
            concept.terms.append(_term(line[len(TERM):], entry.linenum, name))
        elif line.startswith(CATEGORY):
            category = normalize_category(line[len(CATEGORY):])
            if category is None:
                raise GlossaryError(f"unknown category {line[len(CATEGORY):].strip()!r}",
                                    path=name, line=entry.linenum)
            concept.category = category
        elif line.startswith(CONCEPT):
            concept.extra.update(_json(line[len(CONCEPT):], entry.linenum, name))
        elif line.startswith(NOTE):
            notes.append(line[len(NOTE):])
        else:
            notes.append(line)
    if not concept.terms:  # a PO file from another tool
        concept.terms.append(_header_term(entry.msgid, src_tag, "preferred", entry.linenum))
        if entry.msgstr:
            status = "admitted" if "fuzzy" in entry.flags else "preferred"
            concept.terms.append(_header_term(entry.msgstr, tgt_tag, status, entry.linenum))
        notes.extend((entry.tcomment or "").splitlines())
    concept.note = "\n".join(notes)
    return concept


def _header_term(text: str, tag: str, status: str, line: int) -> Term:
    """A term of a PO file from another tool, in the language its header names (as written)."""
    return Term(text, normalize_lang(tag), status, tag=written_tag(tag), line=line)


def _json(text: str, line: int, name: str) -> dict:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GlossaryError(f"bad JSON in a comment: {exc.msg}", path=name, line=line) from None
    if not isinstance(value, dict):
        raise GlossaryError("a JSON object was expected in the comment", path=name, line=line)
    return value


def _term(text: str, line: int, name: str) -> Term:
    data = _json(text, line, name)
    status = normalize_status(str(data.get("status", "")))
    if status is None:
        raise GlossaryError(f"unknown status {data.get('status')!r}", path=name, line=line)
    if "text" not in data or "lang" not in data:
        raise GlossaryError("a term comment needs text and lang", path=name, line=line)
    lang = str(data["lang"])
    return Term(text=str(data["text"]), lang=normalize_lang(lang), tag=written_tag(lang),
                status=status,
                case_sensitive=bool(data.get("case_sensitive", False)),
                scope=str(data.get("scope", "")), note=str(data.get("note", "")),
                exclude=str(data.get("exclude", "")),
                extra={str(k): str(v) for k, v in data.get("extra", {}).items()}, line=line)


def _term_json(term: Term) -> str:
    data: dict[str, object] = {"text": term.text, "lang": term.lang_tag, "status": term.status}
    if term.case_sensitive:
        data["case_sensitive"] = True
    if term.scope:
        data["scope"] = term.scope
    if term.exclude:
        data["exclude"] = term.exclude
    if term.note:
        data["note"] = term.note
    if term.extra:
        data["extra"] = term.extra
    return json.dumps(data, ensure_ascii=False)


def _revision_date(glossary: Glossary) -> str:
    """The PO revision date gettext asks for: the one read from a PO glossary, else the time
    the source file was last changed (so that converting the same file twice gives the same
    bytes), else now."""
    if glossary.meta.get("PO-Revision-Date"):
        return glossary.meta["PO-Revision-Date"]
    try:
        stamp = Path(glossary.path).stat().st_mtime if glossary.path else None
    except OSError:
        stamp = None
    when = datetime.fromtimestamp(stamp, UTC) if stamp else datetime.now(UTC)
    return when.strftime("%Y-%m-%d %H:%M+0000")


def write_po(glossary: Glossary, stream: IO[bytes]) -> None:
    """Write ``glossary`` as a PO file (UTF-8)."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": "concord glossary",
                   "PO-Revision-Date": _revision_date(glossary),
                   "Last-Translator": "Concord", "Language-Team": "none", "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit", "Language": "en",
                   "X-Source-Language": "zh"}
    for concept in glossary.concepts:
        zh = concept.preferred("zh") or next(iter(concept.terms_in("zh")), None)
        en = concept.preferred("en")
        lines = [f"{CATEGORY}{concept.category}"]
        lines += [f"{NOTE}{line}" for line in concept.note.splitlines()]
        if concept.extra:
            lines.append(CONCEPT + json.dumps(concept.extra, ensure_ascii=False))
        lines += [TERM + _term_json(t) for t in concept.terms]
        po.append(polib.POEntry(msgctxt=concept.id,
                                msgid=zh.text if zh is not None else concept.id,
                                msgstr=en.text if en is not None else "",
                                comment="\n".join(lines)))
    stream.write(str(po).encode("utf-8") + (b"" if str(po).endswith("\n") else b"\n"))
