"""Moses-style parallel text: two plain files, one segment per line, line n of one translating
line n of the other — the input of MT training tools (Moses, fairseq, Marian, OpenNMT).

The files are named by a prefix and a suffix per language: ``PREFIX.zh`` and ``PREFIX.en`` (the
language subtag, the Moses convention; ``suffixes=("zh-CN", "en-US")`` for others). Text is plain
(inline codes removed); a newline inside a segment becomes a space. An empty side is an empty
line: the unit is kept (MT cleaning scripts drop such lines themselves).
"""
from __future__ import annotations

import itertools
import os
from collections import Counter
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from tmx.errors import TMXError
from tmx.langtags import normalize_or_keep, primary_language
from tmx.model import Segment, Unit, Variant
from tmx.unitwriter import UnitWriter, left_out
from tmx.xmlsource import check_readable

_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")


def pair_paths(prefix: str | os.PathLike[str], src_lang: str, tgt_lang: str,
               suffixes: tuple[str, str] | None = None) -> tuple[Path, Path]:
    """The two file paths for ``prefix`` (``PREFIX.<src>``, ``PREFIX.<tgt>``)."""
    if not src_lang or not tgt_lang:
        raise TMXError("Moses files need a source and a target language (none found)",
                       path=str(prefix))
    src_suffix, tgt_suffix = suffixes or (primary_language(src_lang), primary_language(tgt_lang))
    if src_suffix == tgt_suffix:
        src_suffix, tgt_suffix = src_lang, tgt_lang
    base = str(prefix)
    return Path(f"{base}.{src_suffix}"), Path(f"{base}.{tgt_suffix}")


def one_line(text: str) -> str:
    """``text`` on one line: line breaks become single spaces."""
    return _LINE_BREAKS.sub(" ", text)


class MosesWriter(UnitWriter):
    """Write the source and target text of each unit as one line in each stream."""

    def __init__(self, src_stream: IO[str], tgt_stream: IO[str], *, src_lang: str,
                 tgt_lang: str) -> None:
        self._src, self._tgt = src_stream, tgt_stream
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        #: units per kind of content Moses files cannot carry ("line breaks" became spaces)
        self.left_out: Counter[str] = Counter()

    def write(self, unit: Unit) -> None:
        source = unit.variant(self.src_lang)
        target = unit.variant(self.tgt_lang, exclude=source)
        kinds = left_out(unit, (source, target))
        for stream, variant in ((self._src, source), (self._tgt, target)):
            text = variant.text if variant is not None else ""
            flat = one_line(text)
            if flat != text and "line breaks" not in kinds:
                kinds.append("line breaks")
            stream.write(flat + "\n")
        self.left_out.update(kinds)
        self.units_written += 1


def find_pair(prefix: str | os.PathLike[str], src_lang: str | None,
              tgt_lang: str | None) -> tuple[Path, Path, str, str]:
    """The two files of ``prefix`` and their languages: from the languages given, else the two
    files ``PREFIX.*`` (Chinese first when one is Chinese)."""
    if src_lang and tgt_lang:
        src_path, tgt_path = pair_paths(prefix, src_lang, tgt_lang)
        return (_existing(src_path, prefix, src_lang), _existing(tgt_path, prefix, tgt_lang),
                src_lang, tgt_lang)
    base = Path(prefix)
    found = sorted(p for p in base.parent.glob(base.name + ".*")
                   if p.is_file() and p.name.count(".") == base.name.count(".") + 1)
    if len(found) != 2:
        raise TMXError(f"expected two files {base.name}.<lang> for Moses input, found "
                       f"{len(found)}; give the languages with --src-lang/--tgt-lang",
                       path=str(prefix))
    langs = [p.suffix[1:] for p in found]
    if primary_language(langs[1]) == "zh":
        found.reverse()
        langs.reverse()
    return found[0], found[1], langs[0], langs[1]


def _existing(path: Path, prefix: str | os.PathLike[str], lang: str) -> Path:
    """``path``, or ``PREFIX.<lang>`` (the whole tag, ``PREFIX.zh-CN``) when only that exists."""
    full = Path(f"{prefix}.{lang}")
    return full if not path.exists() and full.exists() else path


def read_moses(prefix: str | os.PathLike[str], *, src_lang: str | None = None,
               tgt_lang: str | None = None) -> Iterator[Unit]:
    """The units of a pair of Moses files, one per line; :class:`TMXError` when the files have
    different numbers of lines (naming both and the counts)."""
    src_path, tgt_path, src, tgt = find_pair(prefix, src_lang, tgt_lang)
    for path in (src_path, tgt_path):
        check_readable(path)
    src_tag, tgt_tag = normalize_or_keep(src), normalize_or_keep(tgt)
    number = 0
    # only LF ends a line, as MT tools count them (a CR alone is content); CRLF is read as LF
    with open(src_path, encoding="utf-8-sig", newline="\n") as src_file, \
            open(tgt_path, encoding="utf-8-sig", newline="\n") as tgt_file:
        try:
            for number, (src_line, tgt_line) in enumerate(
                    itertools.zip_longest(src_file, tgt_file), 1):
                if src_line is None or tgt_line is None:
                    rest_src = number - 1 + (src_line is not None) + sum(1 for _ in src_file)
                    rest_tgt = number - 1 + (tgt_line is not None) + sum(1 for _ in tgt_file)
                    raise TMXError(f"the files differ in length: {src_path} has {rest_src} "
                                   f"lines, {tgt_path} has {rest_tgt}", path=str(prefix),
                                   line=number)
                yield Unit(tuid=str(number),
                           variants=[Variant(src_tag, Segment.plain(src_line.rstrip("\r\n"))),
                                     Variant(tgt_tag, Segment.plain(tgt_line.rstrip("\r\n")))],
                           line=number)
        except UnicodeDecodeError as exc:
            raise TMXError(f"not UTF-8 text ({exc.reason})", path=f"{src_path} or {tgt_path}",
                           line=number + 1) from None
