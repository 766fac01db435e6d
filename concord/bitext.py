"""Alignments to memory units, and memory files in and out (TMX, PO, TSV, JSONL, Moses).

This is where the command line meets :mod:`tmx`: units are made from an alignment with the
``x-concord-*`` properties, and written through :func:`concord.atomic.atomic_output`, so that an
error half way leaves no partial file.
"""
from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from align.model import Alignment
from concord.atomic import atomic_output
from tmx import props as P
from tmx.errors import TMXError
from tmx.formats import format_for_reading, format_for_writing
from tmx.langtags import ALL, normalize_tag, primary_language, same_tag
from tmx.model import Unit
from tmx.memory import REGISTRY, Memory, ReadOptions, open_memory, output_paths
from tmx.reader import Header
from tmx.writer import SEGTYPES

__all__ = ["Memory", "WriteSummary", "header_options", "peek_srclang", "read_memory",
           "read_units", "units_from_alignment", "working_languages", "write_units"]


def units_from_alignment(alignment: Alignment, *, doc_id: str, src_tag: str | None = None,
                         tgt_tag: str | None = None, status: str = "unreviewed") -> Iterator[Unit]:
    """One unit per bead, in order, with tuid ``"{doc_id}:{n}"`` (n = 1-based bead number).

    Source and target text are the bead's sentences joined as each language writes them (no
    space in Chinese, one space in English). Properties: ``x-concord-doc``, ``-paragraph``
    (0-based, of the first source sentence, else the first target one), ``-bead`` ("2-1"),
    ``-src-ids``/``-tgt-ids`` ("3,4", 0-based), ``-confidence`` ("0.873"), ``-status``.
    A bead with an empty side gives a unit with an empty segment on that side (kept, not dropped;
    TMX leaves the empty variant out and names it: see :func:`tmx.props.split_empty_variants`).
    """
    source, target = alignment.source, alignment.target
    src_tag = src_tag or normalize_tag(source.lang)
    tgt_tag = tgt_tag or normalize_tag(target.lang)
    for n, bead in enumerate(alignment.beads, 1):
        first = (source.sentences[bead.src[0]] if bead.src else
                 target.sentences[bead.tgt[0]] if bead.tgt else None)
        paragraph = first.paragraph if first is not None else 0
        props = [(P.DOC, doc_id), (P.PARAGRAPH, str(paragraph)), (P.BEAD, bead.kind),
                 (P.SRC_IDS, ",".join(map(str, bead.src))),
                 (P.TGT_IDS, ",".join(map(str, bead.tgt))),
                 (P.CONFIDENCE, f"{bead.confidence:.3f}"), (P.STATUS, status)]
        yield Unit.bilingual(f"{doc_id}:{n}", src_tag, alignment.join(source, bead.src),
                             tgt_tag, alignment.join(target, bead.tgt), props=props)


@dataclass(slots=True)
class WriteSummary:
    """What :func:`write_units` wrote."""

    fmt: str
    paths: list[Path]
    units: int = 0
    empty_sided: int = 0
    removed_characters: int = 0
    #: units left out because they hold no variant (a TMX ``<tu>`` without ``<tuv>``)
    without_variants: int = 0
    #: units per kind of content the format cannot carry ("inline codes", "properties" …)
    left_out: dict[str, int] = field(default_factory=dict)

    def left_out_message(self) -> str | None:
        """One line saying what a lossy format (TSV, Moses) left out; ``None`` if nothing."""
        if not self.left_out:
            return None
        kinds = ", ".join(f"{kind} ({count} units)" for kind, count in self.left_out.items())
        spaces = " (line breaks became spaces)" if "line breaks" in self.left_out else ""
        return (f"{_FORMAT_NAMES.get(self.fmt, self.fmt)} cannot carry these, left "
                f"out{spaces}: {kinds}; JSONL, PO and TMX keep everything")

    def without_variants_message(self) -> str | None:
        """One line counting the units left out for holding no variant; ``None`` if none."""
        if not self.without_variants:
            return None
        return (f"{self.without_variants} units without <tuv> (no text in any language) left "
                "out: TMX requires one (the reader's warnings give their lines)")


_FORMAT_NAMES = {"tsv": "TSV", "moses": "Moses"}


def _first_langs(units: Iterator[Unit]) -> tuple[list[str], Iterator[Unit]]:
    """The first unit's first two languages, and the units with that unit put back."""
    first = next(units, None)
    if first is None:
        return [], iter(())
    return first.langs[:2], itertools.chain([first], units)


def _counting(units: Iterable[Unit], summary: WriteSummary) -> Iterator[Unit]:
    """``units`` counted in ``summary``, without those that hold no variant (left out)."""
    for unit in units:
        if not unit.variants:
            summary.without_variants += 1
            continue
        summary.units += 1
        if unit.is_empty_sided:
            summary.empty_sided += 1
        yield unit


def write_units(units: Iterable[Unit], path: str | os.PathLike[str], fmt: str | None = None,
                **options: object) -> WriteSummary:
    """Write ``units`` to ``path`` atomically, in ``fmt`` or the format its extension names.

    Options for every format: ``src_lang``/``tgt_lang`` (default: the first unit's first two
    languages; ``srclang`` stands for ``src_lang`` too). TMX: any :class:`tmx.writer.TMXWriter`
    keyword (``srclang`` defaults to ``src_lang``). PO: see :class:`tmx.po.POWriter`; TSV:
    ``bare``. Moses: ``path`` is a prefix; the files are ``PREFIX.<src>`` and ``PREFIX.<tgt>``
    (see :mod:`tmx.moses`). Returns what was written; raises :class:`tmx.errors.TMXError` for
    bad input, leaving no file behind.
    """
    name = format_for_writing(path, fmt)
    iterator = iter(units)
    srclang = options.pop("srclang", None)
    src_lang = options.pop("src_lang", None) or (srclang if srclang != ALL else None)
    tgt_lang = options.pop("tgt_lang", None)
    if src_lang is None or tgt_lang is None:
        langs, iterator = _first_langs(iterator)
        src_lang = src_lang or (langs[0] if langs else None)
        # the other language, compared once normalised: a header's bare "zh" is the "zh-CN"
        # of units whose tags were normalised
        tgt_lang = tgt_lang or next((lang for lang in langs
                                     if not same_tag(lang, str(src_lang))), None)
    if REGISTRY[name].needs_langs and not (src_lang and tgt_lang):
        raise TMXError(f"cannot tell the source and target languages to write {name.upper()}: "
                       "the input's first unit (if any) does not hold two; give --src-lang and "
                       "--tgt-lang",
                       path=str(path))
    if REGISTRY[name].files > 1 and os.fspath(path) == "-":
        raise TMXError("Moses writes two files (PREFIX.zh and PREFIX.en): give a prefix, not "
                       "- (standard output)", path="-")
    spec = REGISTRY[name]
    src, tgt = str(src_lang or ""), str(tgt_lang or "")
    if name == "tmx":
        src = str(srclang or src_lang or ALL)
    suffixes = options.pop("suffixes", None)
    paths = output_paths(path, name, src, tgt, suffixes if isinstance(suffixes, tuple) else None)
    summary = WriteSummary(name, paths)
    counted = _counting(iterator, summary)
    with contextlib.ExitStack() as stack:
        streams = [stack.enter_context(atomic_output(p, "wb") if spec.binary else
                                       atomic_output(p, "w", encoding="utf-8")) for p in paths]
        with spec.writer(streams, src, tgt, **options) as writer:
            writer.write_all(counted)
    summary.removed_characters = getattr(writer, "removed_characters", 0)
    summary.left_out = dict(getattr(writer, "left_out", {}))
    return summary


def working_languages(langs: Sequence[str]) -> list[str]:
    """The languages of a unit to work on, source first: its Chinese and English (in the
    unit's order) when it has more than two languages and those two, else ``langs`` as they are
    (the caller takes the first two)."""
    if len(langs) > 2:
        zh_en = [t for t in langs if primary_language(t) in ("zh", "en")]
        if {primary_language(t) for t in zh_en} == {"zh", "en"}:
            return zh_en
    return list(langs)


#: header attributes a rewritten TMX file gets anew (this tool, now) or from elsewhere (srclang)
_NEW_HEADER_ATTRS = frozenset({"creationtool", "creationtoolversion", "creationdate", "creationid",
                               "changedate", "changeid", "srclang"})


def header_options(header: Header | None) -> dict[str, object]:
    """:class:`~tmx.writer.TMXWriter` keywords that carry ``header``, a TMX file's header, over
    to a file written from it: properties, notes and the attributes that describe the data
    (``o-tmf``, ``o-encoding``, ``datatype``, ``segtype``, ``adminlang``, others as they are)
    and its user-defined encodings (``ude``). The creation tool and dates are the new file's own.
    Empty for ``None`` (a memory in another format, or not read yet: see :attr:`Memory.header`)."""
    if header is None:
        return {}
    attrs = {k: v for k, v in header.attrs.items() if k not in _NEW_HEADER_ATTRS and v}
    options: dict[str, object] = {"header_props": list(header.props),
                                  "header_notes": list(header.notes),
                                  "header_udes": list(header.udes)}
    for name, keyword in (("o-tmf", "o_tmf"), ("datatype", "datatype"),
                          ("adminlang", "adminlang")):
        if name in attrs:
            options[keyword] = attrs.pop(name)
    segtype = attrs.pop("segtype", None)
    if segtype in SEGTYPES:  # an unknown one is not carried over (the writer would refuse it)
        options["segtype"] = segtype
    if attrs:
        options["header_attrs"] = attrs
    return options


def read_memory(path: str | os.PathLike[str], fmt: str | None = None,
                **options: str | None) -> Memory:
    """Open the memory at ``path`` (format from ``fmt``, extension or content); see
    :func:`read_units` for the options."""
    name = format_for_reading(path, fmt)
    read = ReadOptions(src_lang=options.pop("src_lang", None),
                       tgt_lang=options.pop("tgt_lang", None),
                       tsv_quoting=options.pop("tsv_quoting", None) or "escapes")
    if options:
        raise TypeError(f"unknown reading options: {', '.join(options)}")
    return open_memory(path, name, read)


def peek_srclang(memory: Memory, units: Iterator[Unit] | None = None
                 ) -> tuple[str | None, Iterator[Unit]]:
    """The source language of ``memory`` — its TMX header's (``"*all*"`` included: a copy keeps
    it), else its first unit's first variant's — and ``units`` (default: the memory's) with that
    first unit, read to find it, put back."""
    langs, units = _first_langs(memory.units if units is None else units)
    # the header (TMX) has been read with the first unit
    declared = memory.header.srclang if memory.header is not None else None
    return declared or (langs[0] if langs else None), units


def read_units(path: str | os.PathLike[str], fmt: str | None = None,
               **options: str | None) -> Iterator[Unit]:
    """Stream the units of the memory at ``path`` (format from ``fmt``, extension or content).

    Bad input raises :class:`tmx.errors.TMXError` (path, line, column). Options: PO, TSV and
    Moses take ``src_lang``/``tgt_lang`` when the file does not say; Moses takes a prefix;
    ``tsv_quoting="csv"`` reads a TSV file quoted as CSV (see :func:`tmx.tabular.read_tsv`).
    """
    return read_memory(path, fmt, **options).units
