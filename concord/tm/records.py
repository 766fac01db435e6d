"""Memory units as rows of the store, and back.

A row keeps the unit whole (``data``: :mod:`tmx.serial` JSON, inline codes, properties and notes
included) beside the columns the store searches and filters on: the Chinese and English plain
text and their lengths in the tokens a lookup compares, the tuid, the document, review status
and confidence, the unit's date, the file it came from and when. ``content_key`` (a hash of
both segments and their languages) makes importing the same unit twice add nothing;
``src_key`` (the source folded as the consistency rule folds it) numbers the versions of one
source: a changed translation is a new row, version 2.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from concord.tm.fuzzy import size
from terms.checks.consistency import normalise
from tmx import props as P
from tmx.langtags import primary_language
from tmx.model import Unit
from tmx.serial import parts_to_json, unit_from_json, unit_to_json

LANGS = ("zh", "en")


@dataclass(slots=True)
class Row:
    """What the store writes for one unit (``version`` is set by the store)."""

    content_key: str
    tuid: str | None
    src_lang: str
    zh_tag: str
    en_tag: str
    zh: str
    en: str
    src_key: str
    tgt_key: str
    doc: str | None
    status: str | None
    confidence: float | None
    unit_date: str
    data: str
    zh_len: int  # tokens as a lookup scores them (fuzzy.size): bounds a match's length
    en_len: int


def unit_row(unit: Unit) -> Row | None:
    """The row of a unit with a Chinese and an English variant; ``None`` for any other unit."""
    zh, en = unit.variant("zh"), unit.variant("en")
    if zh is None or en is None or primary_language(zh.lang) != "zh" \
            or primary_language(en.lang) != "en":
        return None
    declared = unit.attrs.get("srclang", "")
    first = primary_language(declared) if declared and declared != "*all*" else \
        primary_language(unit.variants[0].lang)
    src_lang = first if first in LANGS else "zh"
    source, target = (zh, en) if src_lang == "zh" else (en, zh)
    key = json.dumps([parts_to_json(zh.segment.parts), parts_to_json(en.segment.parts)],
                     ensure_ascii=False, separators=(",", ":"))
    return Row(content_key=hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest(),
               tuid=unit.tuid, src_lang=src_lang, zh_tag=zh.lang, en_tag=en.lang,
               zh=zh.segment.text, en=en.segment.text,
               src_key=f"{src_lang}:{normalise(source.segment.text)}",
               tgt_key=normalise(target.segment.text), doc=P.doc(unit), status=P.status(unit),
               confidence=P.confidence(unit), unit_date=unit.date,
               data=json.dumps(unit_to_json(unit), ensure_ascii=False, separators=(",", ":")),
               zh_len=size(zh.segment.text, "zh"), en_len=size(en.segment.text, "en"))


def source_key(text: str, lang: str) -> str:
    """The ``src_key`` of a source segment ``text`` in ``lang`` (zh or en)."""
    return f"{lang}:{normalise(text)}"


def row_unit(data: str) -> Unit:
    """The unit a row's ``data`` holds."""
    return unit_from_json(json.loads(data))


def unit_props(data: str) -> dict[str, str]:
    """A row's unit properties as a mapping (the first value of a repeated type)."""
    props: dict[str, str] = {}
    for kind, value in json.loads(data).get("props", []):
        props.setdefault(kind, value)
    return props
