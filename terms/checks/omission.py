"""The omission rule: a sentence left without translation, or a translation far too short or long.

An empty side is an omission, unless the text on the other side is a heading or a line of a
table of contents (short, not ended as a sentence): then it is ``heading-omitted`` (info), for
the two versions of a document often differ there without leaving anything of the body out. Otherwise, for Chinese–English pairs, the ratio of English
characters to Chinese characters is compared with what official texts show (about 4 English
characters per Chinese one; 98% of our gold 1-1 beads fall between 1.3 and 7.4). Only long
segments are judged, and only far outliers flagged, so that free but complete translations
stay clean. When the Chinese has more sentences than the English, a stricter ratio (1.7)
applies: a whole sentence may have been dropped. Thresholds are options of the rule
(``[tool.concord.omission]``: ``min-ratio``, ``min-ratio-fewer-sentences``, ``max-ratio``,
``min-length``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from terms.findings import Finding
from terms.matching import is_character_lang

if TYPE_CHECKING:
    from terms.checks import Checker, MemoryPass, Pair

MIN_RATIO = 1.0     # fewer English characters per Chinese one than this: target too short
MAX_RATIO = 12.0    # more than this: source too short (text added, or a sentence untranslated)
MIN_LENGTH = 30     # Chinese characters (or 4x English ones) below which ratios are not judged
#: when the Chinese has more sentences than the English, a sentence may be dropped whole: a
#: stricter ratio applies (gold 2-1 beads of official texts stay above 1.9)
MIN_RATIO_FEWER_SENTENCES = 1.7
MIN_LENGTH_FEWER_SENTENCES = 20
_ZH_SENTENCE_END = re.compile(r"[。！？!?]+[”」』）)]*")
_EN_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?:\s+|$)")


def _sentences(text: str, chinese: bool) -> int:
    pattern = _ZH_SENTENCE_END if chinese else _EN_SENTENCE_END
    parts = [p for p in pattern.split(text.strip()) if p.strip()]
    return max(1, len(parts))


def _content_length(text: str) -> int:
    return len("".join(text.split()))


#: a line that ends a sentence (a heading does not)
_ENDS_SENTENCE = re.compile(r"[。！？!?.;；:：…”\"]\s*$")
#: an enumeration label that starts a heading: （一）, 一、, 1., II., (3)
_HEADING_LABEL = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[IVX]{1,4}\.)")
HEADING_LENGTH = 40  # characters (Chinese) or words (English) at most


def _heading_like(text: str) -> bool:
    """True for a heading or table-of-contents line: short, not ended as a sentence ends."""
    text = text.strip()
    size = len(text.split()) if text.isascii() else len(text)
    if size > HEADING_LENGTH:
        return False
    return not _ENDS_SENTENCE.search(text) or bool(_HEADING_LABEL.match(text)) and size <= 20


def check_omission(pair: "Pair", checker: "Checker",
                   _memory: "MemoryPass | None" = None) -> Iterator[Finding]:
    """Report an empty side, or a length ratio far outside the usual range."""
    source, target = pair.source.strip(), pair.target.strip()
    if not source and not target:
        return
    if not target and _heading_like(source) or not source and _heading_like(target):
        side, other = ("source", "target") if source else ("target", "source")
        yield Finding("heading-omitted", "info", pair.unit,
                      f"a heading of the {side} has no counterpart in the {other}",
                      suggestion=f"check that the {other}'s headings (or table of contents) are "
                                 "meant to differ",
                      source_span=(0, len(pair.source)) if source else None,
                      target_span=(0, len(pair.target)) if target else None)
        return
    if not target:
        yield Finding("omission", "warning", pair.unit, "the source has no translation",
                      suggestion="translate the source sentence (or align it with its "
                                 "translation)", source_span=(0, len(pair.source)))
        return
    if not source:
        yield Finding("omission", "warning", pair.unit,
                      "the target has no source (text added, or the source left out)",
                      suggestion="check whether the source text is missing or the target "
                                 "text was added", target_span=(0, len(pair.target)))
        return
    src_zh, tgt_zh = is_character_lang(pair.src_lang), is_character_lang(pair.tgt_lang)
    if src_zh == tgt_zh:
        return
    config = checker.config
    min_ratio = float(config.option("omission", "min-ratio", MIN_RATIO))
    max_ratio = float(config.option("omission", "max-ratio", MAX_RATIO))
    min_length = int(config.option("omission", "min-length", MIN_LENGTH))
    zh, en = (source, target) if src_zh else (target, source)
    zh_len, en_len = _content_length(zh), _content_length(en)
    ratio = en_len / max(zh_len, 1)
    if ratio < min_ratio * 2 and zh_len >= MIN_LENGTH_FEWER_SENTENCES and \
            _sentences(zh, True) > _sentences(en, False):
        min_ratio = float(config.option("omission", "min-ratio-fewer-sentences",
                                        MIN_RATIO_FEWER_SENTENCES))
        min_length = MIN_LENGTH_FEWER_SENTENCES
    if ratio < min_ratio and zh_len >= min_length:
        yield Finding("omission", "warning", pair.unit,
                      f"the English is much shorter than the Chinese ({en_len} characters for "
                      f"{zh_len}); part of the Chinese may be left untranslated",
                      suggestion="check that every clause of the Chinese is translated",
                      source_span=(0, len(pair.source)), target_span=(0, len(pair.target)))
    elif ratio > max_ratio and en_len >= 4 * min_length:
        yield Finding("omission", "warning", pair.unit,
                      f"the English is much longer than the Chinese ({en_len} characters for "
                      f"{zh_len}); part of the English may have no source",
                      suggestion="check that the Chinese is complete and the alignment right",
                      source_span=(0, len(pair.source)), target_span=(0, len(pair.target)))
