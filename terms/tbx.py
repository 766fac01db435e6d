"""TBX glossaries: TBX v3 (ISO 30042:2019, TBX-Core/TBX-Basic, DCA style) and TBX v2 (martif)."""
from __future__ import annotations

from pathlib import Path
from typing import IO

from lxml import etree

from align.xmlprolog import declared_entities
from terms.errors import GlossaryError
from terms.glossary import (CATEGORIES, Concept, Glossary, Term, normalize_category,
                            normalize_lang, normalize_status, unique_ids, written_tag)

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_TO_ADMN = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                  "deprecated": "deprecatedTerm-admn-sts",
                  "superseded": "supersededTerm-admn-sts"}
SCOPE_NOTE = "concord-scope:"
EXCLUDE_NOTE = "concord-exclude:"
CASE_NOTE = "concord-case-sensitive:"
EXTRA_NOTE = "concord-extra-"
TERM_NOTE_TYPES = ("partOfSpeech", "termType", "geographicalUsage", "grammaticalGender",
                   "termLocation", "usageNote")
#: elements read past (the glossary model has no place for them), as the user knows them
NOT_KEPT = {"transacGrp": "transaction records (transacGrp)",
            "xref": "cross-references (xref)", "ref": "references (ref)"}
DESCRIP_TYPES = ("definition", "context", "subjectField", "explanation", "example")
ADMIN_TYPES = ("source", "customerSubset", "projectSubset")


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False)


def _refuse_entities(name: str, entities: list[str]) -> None:
    """Refuse a TBX file whose document type declares ``entities`` (read before libxml2 parses
    the file: see :mod:`align.xmlprolog`)."""
    if entities:
        raise GlossaryError("the document type declares entities (" + ", ".join(entities[:5])
                            + "); they are never expanded, so the terms would hold '&name;' "
                            "as text: replace each entity by its text", path=name, line=1)


def read_tbx(path: str | Path) -> Glossary:
    """Read a TBX v3 or v2 file.

    Reading (either version, with or without the TBX namespace):

    - ``conceptEntry``/``termEntry`` → :class:`Concept` (``id``; ``descrip type="subjectField"`` →
      category when it names one, else kept; other concept-level ``descrip``/``admin`` kept; the
      ``note`` elements → the concept note);
    - ``langSec``/``langSet`` (``xml:lang``) → the language (``zh-TW`` is read as ``zh``, and kept as
      written in ``Term.tag`` for writing back); ``termSec``/``tig``/``ntig`` → :class:`Term`;
    - DCT style (a data category as an element of a module namespace, ``<basic:administrativeStatus>``)
      is read as the DCA style it stands for (``<termNote type="administrativeStatus">``);
    - ``termNote type="administrativeStatus"`` (``preferredTerm-admn-sts`` …) or
      ``type="usageStatus"`` (``preferred``/``admitted``/``deprecated``…) → the status; a term with
      none (or an empty one, which ``glossary lint`` warns about) is preferred when it is the first
      of its language in the concept, admitted otherwise;
    - other ``termNote``/``descrip``/``admin`` of a term are kept in ``Term.extra``; ``note`` → the
      term note, except Concord's own notes ``concord-scope: REGEX``, ``concord-exclude: LONGER
      FORM|…`` and ``concord-case-sensitive: yes`` which carry what TBX has no data category for;
    - notes of a language section → ``Concept.extra["LANG-note"]`` (one line per note), written back
      into that language's section;
    - the back matter (``<back>``: ``refObjectSec``/``refObjectList``) → ``Glossary.back``, written back
      as it was into TBX (v3 or v2), and said to be left out of other formats;
    - a term without a status element gets the default status, but the writer does not invent one:
      it leaves the element out while that default still gives the same status.

    Transaction records (``transacGrp``), cross-references and graphics are not kept (their count
    is in ``Glossary.not_kept``, which ``glossary convert`` reports).

    The XML is parsed with entity resolution, DTD loading and network access off. Errors
    (malformed XML, not TBX, unknown status, duplicated concept id) raise :class:`GlossaryError`
    with file and line.
    """
    name = str(path)
    _refuse_entities(name, declared_entities(path))
    try:
        tree = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise GlossaryError(f"malformed TBX: {exc.msg}", path=name, line=line) from None
    root = tree.getroot()
    dtd = tree.docinfo.internalDTD
    _refuse_entities(name, [entity.name for entity in dtd.entities()] if dtd is not None else [])
    kind = _local(root)
    if kind == "tmx":
        raise GlossaryError("this is a translation memory (TMX), not a glossary: give it with "
                            "--tmx (glossaries are TBX, CSV, TSV or PO)", path=name,
                            line=root.sourceline)
    if kind not in ("tbx", "martif"):
        raise GlossaryError(f"not a TBX file (root element <{kind}>, expected <tbx> or "
                            "<martif>)", path=name, line=root.sourceline)
    _dct_to_dca(root)
    glossary = Glossary(path=name)
    glossary.meta["tbx-version"] = "3" if kind == "tbx" else "2"
    if root.get("type"):
        glossary.meta["tbx-type"] = root.get("type", "")
    for element in root.iter():
        what = NOT_KEPT.get(_local(element))
        if what is not None:
            glossary.not_kept[what] = glossary.not_kept.get(what, 0) + 1
    glossary.back = _back_matter(root)
    entries = (e for e in root.iter() if _local(e) in ("conceptEntry", "termEntry"))
    concepts = (_concept(entry, number, name) for number, entry in enumerate(entries, 1))
    glossary.concepts.extend(unique_ids(concepts, name))
    return glossary


def _back_matter(root: etree._Element) -> str:
    """The ``<back>`` of a TBX file (namespace and comments dropped), or "" when it has none."""
    back = next((e for e in root.iter() if _local(e) == "back"), None)
    if back is None or not len(back):
        return ""
    copy = etree.fromstring(etree.tostring(back))
    for element in list(copy.iter()):
        if not isinstance(element.tag, str):
            element.getparent().remove(element)
        else:
            element.tag = etree.QName(element).localname
            # indentation is the writer's: whitespace-only text goes
            if element.text is not None and not element.text.strip():
                element.text = None
            if element.tail is not None and not element.tail.strip():
                element.tail = None
    copy.tail = None
    etree.cleanup_namespaces(copy)
    return etree.tostring(copy, encoding="unicode")


def _write_back(back: str, text: etree._Element, ns: str | None) -> None:
    """Append the back matter read from a TBX file to ``text``, in the namespace and the names
    of the version written (``refObjectSec`` in v3, ``refObjectList`` in v2)."""
    element = etree.fromstring(back)
    for node in element.iter():
        local = node.tag
        if ns and local == "refObjectList":
            local = "refObjectSec"
        elif not ns and local == "refObjectSec":
            local = "refObjectList"
        node.tag = f"{{{ns}}}{local}" if ns else local
    text.append(element)


def _dct_to_dca(root: etree._Element) -> None:
    """Rewrite TBX v3 DCT style, where a data category is an element of a module namespace
    (``<basic:administrativeStatus>``), as DCA style (``<termNote
    type="administrativeStatus">``; ``<descrip type=…>`` outside terms), the form read below."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        qname = etree.QName(element)
        if qname.namespace in (None, TBX_NS):
            continue
        parent = element.getparent()
        in_term = parent is not None and _local(parent) in ("termSec", "tig", "ntig", "termGrp")
        element.tag = f"{{{TBX_NS}}}{'termNote' if in_term else 'descrip'}"
        element.set("type", qname.localname)


def _concept(entry: etree._Element, number: int, name: str) -> Concept:
    concept = Concept(id=entry.get("id") or f"c{number}", line=entry.sourceline)
    notes = []
    for child in entry:
        local = _local(child)
        if local == "descrip" and child.get("type") == "subjectField":
            value = _text(child)
            category = normalize_category(value)
            if category is not None and value.strip().lower() in (*CATEGORIES, "organization"):
                concept.category = category
            else:
                concept.extra["subjectField"] = value
        elif local in ("descrip", "admin") and child.get("type"):
            concept.extra[child.get("type", "")] = _text(child)
        elif local == "descripGrp":
            _descrip_group(child, concept.extra)
        elif local == "note":
            value = _text(child)
            extra = _extra_note(value)
            if extra:
                concept.extra[extra[0]] = extra[1]
            else:
                notes.append(value)
        elif local in ("langSec", "langSet"):
            _lang_section(child, concept, name)
    concept.note = "\n".join(notes)
    return concept


def _extra_note(value: str) -> tuple[str, str] | None:
    """(key, value) of a note that carries a field the model has no place for
    (``concord-extra-KEY: VALUE``), or None for an ordinary note."""
    if not value.startswith(EXTRA_NOTE) or ":" not in value:
        return None
    key, _, rest = value[len(EXTRA_NOTE):].partition(":")
    return key, rest.strip()


def _descrip_group(group: etree._Element, extra: dict[str, str]) -> None:
    for child in group:
        if _local(child) in ("descrip", "admin") and child.get("type"):
            key = child.get("type", "")
            extra[key if key not in extra else f"{key}-{len(extra)}"] = _text(child)


def _lang_section(section: etree._Element, concept: Concept, name: str) -> None:
    written = section.get(XML_LANG) or section.get("lang") or ""
    lang, tag = normalize_lang(written), written_tag(written)
    if not lang:
        raise GlossaryError("language section without xml:lang", path=name,
                            line=section.sourceline)
    for child in section:
        local = _local(child)
        if local in ("termSec", "tig", "ntig"):
            concept.terms.append(_term(child, lang, concept, name, tag))
        elif local == "note":
            key = f"{lang}-note"
            value = _text(child)
            concept.extra[key] = f"{concept.extra[key]}\n{value}" if key in concept.extra else value
        elif local in ("descrip", "admin") and child.get("type"):
            concept.extra[f"{lang}-{child.get('type')}"] = _text(child)
        elif local == "descripGrp":
            group: dict[str, str] = {}
            _descrip_group(child, group)
            concept.extra.update({f"{lang}-{k}": v for k, v in group.items()})


def _term(element: etree._Element, lang: str, concept: Concept, name: str,
          tag: str = "") -> Term:
    holders = [element] + [c for c in element if _local(c) == "termGrp"]
    term_el = next((c for h in holders for c in h if _local(c) == "term"), None)
    if term_el is None:
        raise GlossaryError("term section without a <term>", path=name, line=element.sourceline)
    term = Term(text=_text(term_el), lang=lang, tag=tag, line=term_el.sourceline,
                status_given=False)
    status: str | None = None
    notes = []
    for holder in holders:
        for child in holder:
            local = _local(child)
            kind = child.get("type", "")
            value = _text(child)
            if local == "termNote" and kind in ("administrativeStatus", "usageStatus",
                                                 "normativeAuthorization"):
                if not value.strip():
                    term.empty_status = True  # the default status, as if there were none
                    continue
                term.status_given = True
                status = normalize_status(value)
                if status is None:
                    raise GlossaryError(f"unknown {kind} value {value!r}", path=name,
                                        line=child.sourceline)
            elif local in ("termNote", "descrip", "admin") and kind:
                term.extra[kind] = value
            elif local == "descripGrp":
                _descrip_group(child, term.extra)
            elif local == "note":
                if value.startswith(SCOPE_NOTE):
                    term.scope = value[len(SCOPE_NOTE):].strip()
                elif value.startswith(EXCLUDE_NOTE):
                    term.exclude = value[len(EXCLUDE_NOTE):].strip()
                elif value.startswith(CASE_NOTE):
                    term.case_sensitive = value[len(CASE_NOTE):].strip().lower() == "yes"
                elif extra := _extra_note(value):
                    term.extra[extra[0]] = extra[1]
                else:
                    notes.append(value)
    if status is None:
        status = _default_status(bool(concept.terms_in(lang)))
    term.status = status
    term.note = "\n".join(notes)
    return term


def _default_status(after_another: bool) -> str:
    """The status of a term without one: the first of its language in a concept is preferred,
    the others admitted."""
    return "admitted" if after_another else "preferred"


def write_tbx(glossary: Glossary, stream: IO[bytes], version: int = 3) -> None:
    """Write ``glossary`` as TBX-Basic v3 (``version=3``) or TBX v2 martif (``version=2``)."""
    v3 = version == 3
    ns = TBX_NS if v3 else None

    def el(parent: etree._Element | None, tag: str, text: str | None = None,
           **attrs: str) -> etree._Element:
        qname = f"{{{ns}}}{tag}" if ns else tag
        node = etree.Element(qname, nsmap={None: ns} if ns and parent is None else None) \
            if parent is None else etree.SubElement(parent, qname)
        for k, v in attrs.items():
            node.set(XML_LANG if k == "lang" else k, v)
        if text is not None:
            node.text = text
        return node

    if v3:
        root = el(None, "tbx", type="TBX-Basic", style="dca", lang="en")
        header = el(root, "tbxHeader")
    else:
        root = el(None, "martif", type="TBX-Basic", lang="en")
        header = el(root, "martifHeader")
    file_desc = el(header, "fileDesc")
    source_desc = el(file_desc, "sourceDesc")
    el(source_desc, "p", f"Glossary written by Concord from {Path(glossary.path).name}"
       if glossary.path else "Glossary written by Concord")
    text = el(root, "text")
    body = el(text, "body")
    for concept in glossary.concepts:
        entry = el(body, "conceptEntry" if v3 else "termEntry", id=concept.id)
        subject = concept.extra.get("subjectField")
        if concept.category != "other":
            el(entry, "descrip", concept.category, type="subjectField")
        elif subject is not None:
            el(entry, "descrip", subject, type="subjectField")
        lang_extra: dict[str, dict[str, str]] = {}
        for key, value in concept.extra.items():
            if key == "subjectField":
                continue
            lang, sep, rest = key.partition("-")
            if sep and lang in {t.lang for t in concept.terms}:
                lang_extra.setdefault(lang, {})[rest] = value
                continue
            _extra_element(el, entry, key, value)
        for line in concept.note.splitlines():
            el(entry, "note", line)
        by_tag: dict[str, list[Term]] = {}
        for term in concept.terms:
            by_tag.setdefault(term.lang_tag, []).append(term)
        written: set[str] = set()
        for tag, terms in by_tag.items():
            section = el(entry, "langSec" if v3 else "langSet", lang=tag)
            for key, value in lang_extra.pop(terms[0].lang, {}).items():
                _extra_element(el, section, key, value)
            for term in terms:
                holder = el(section, "termSec" if v3 else "tig")
                el(holder, "term", term.text)
                # a status the source did not give is left out, while reading gives it back
                if term.status_given or term.status != _default_status(term.lang in written):
                    el(holder, "termNote", STATUS_TO_ADMN[term.status],
                       type="administrativeStatus")
                written.add(term.lang)
                for key, value in term.extra.items():
                    if key in TERM_NOTE_TYPES:
                        el(holder, "termNote", value, type=key)
                for key, value in term.extra.items():
                    if key not in TERM_NOTE_TYPES:
                        _extra_element(el, holder, key, value)
                if term.scope:
                    el(holder, "note", f"{SCOPE_NOTE} {term.scope}")
                if term.exclude:
                    el(holder, "note", f"{EXCLUDE_NOTE} {term.exclude}")
                if term.case_sensitive:
                    el(holder, "note", f"{CASE_NOTE} yes")
                for line in term.note.splitlines():
                    el(holder, "note", line)
    if glossary.back:
        _write_back(glossary.back, text, ns)
    stream.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))


def _extra_element(el, parent: etree._Element, key: str, value: str) -> None:
    if key == "note":  # the notes of a language section
        for line in value.splitlines():
            el(parent, "note", line)
    elif key in DESCRIP_TYPES:
        el(parent, "descrip", value, type=key)
    elif key in ADMIN_TYPES:
        el(parent, "admin", value, type=key)
    else:
        el(parent, "note", f"{EXTRA_NOTE}{key}: {value}")
