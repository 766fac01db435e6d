"""The untranslated rule: the target is the source unchanged, or Chinese is left in English."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from align.language import HAN, HAN_RUN
from terms.findings import Finding
from terms.matching import is_character_lang
from terms.textfold import fold_text

if TYPE_CHECKING:
    from terms.checks import Checker, MemoryPass, Pair

WORDY = re.compile(r"[^\W\d_]")


def _same_text(source: str, target: str) -> bool:
    """True when ``target`` is ``source`` once both are folded and case-folded. Folding keeps
    Han characters and makes none out of ASCII: a source with one is no ASCII target (the
    common case, decided without folding)."""
    if target.isascii() and HAN.search(source):
        return False
    return fold_text(source).text.casefold() == fold_text(target).text.casefold()


def check_untranslated(pair: "Pair", checker: "Checker",
                       _memory: "MemoryPass | None" = None) -> Iterator[Finding]:
    """Report a target equal to its source, or Han characters in a non-Chinese target."""
    source, target = pair.source.strip(), pair.target.strip()
    if not source or not target:
        return
    if _same_text(source, target) and WORDY.search(target):
        yield Finding("untranslated", "warning", pair.unit, "the target is the source, untranslated",
                      suggestion="translate the segment", source_span=(0, len(pair.source)),
                      target_span=(0, len(pair.target)), term=None)
        return
    if is_character_lang(pair.tgt_lang) or not is_character_lang(pair.src_lang):
        return
    runs = list(HAN_RUN.finditer(pair.target))
    if runs:
        first = runs[0]
        left = "".join(m.group() for m in runs)
        yield Finding("untranslated", "warning", pair.unit,
                      f"Chinese left in the English: {left!r}",
                      suggestion=f"translate {first.group()!r}",
                      target_span=first.span(), term=first.group())
