"""Read two documents and align them: the step shared by ``concord align``, ``check`` and ``review``."""
from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from align.limits import DEFAULT_LIMITS, Limits
from concord import __version__

if TYPE_CHECKING:  # the aligner is imported when a pair is aligned: naming documents
    from align.model import Alignment  # (``document_id``) stays quick to import
    from align.scoring import Scorer
    from concord.console import UI
    from concord.reports import CheckedUnit


#: file names (without extension) that only say the language: they do not tell documents apart
_LANGUAGE_NAMES = frozenset("""zh en cn chs cht zho chi cmn eng zh-cn zh-tw zh-hk zh-hans zh-hant
en-us en-gb chinese english 中文 英文 汉语 英语 中文版 英文版""".split())


def document_id(path: str | os.PathLike[str], other: str | os.PathLike[str] | None = None) -> str:
    """The document id of a release file: ``2022-01-10-call.zh.txt`` → ``2022-01-10-call``.

    Used as ``x-concord-doc`` and in tuids by ``align``, ``check`` and ``review`` alike, so that
    memories made from the same pair by any of them agree. When the name only says the language
    (``2024-01-10/zh.html``, which would give every such pair the same id) or differs from the
    ``other`` file's name, the id is what the pair shares: the common stem of the two names
    (``call-chinese``, ``call-english`` → ``call``), else the parent folder's name
    (``2024-01-10``).
    """
    stem = _stem(path)
    other_stem = _stem(other) if other is not None else stem
    if stem.lower() not in _LANGUAGE_NAMES and stem == other_stem:
        return stem
    common = _common_stem(stem, other_stem)
    if common and common.lower() not in _LANGUAGE_NAMES:
        return common
    return Path(path).resolve().parent.name or stem


def _stem(path: str | os.PathLike[str]) -> str:
    """The file name without its extension and language suffix (``call.zh.txt`` → ``call``)."""
    name = Path(path).name
    name = re.sub(r"\.(txt|md|markdown|html?|text)$", "", name, flags=re.I)
    return re.sub(r"[._-](zh|en|zh-cn|en-us|chs|cht|cn)$", "", name, flags=re.I) or name


def _common_stem(a: str, b: str) -> str:
    """The longest common start of ``a`` and ``b`` ending at a word boundary, without the
    separator (``call-chinese``, ``call-english`` → ``call``); ``""`` when they share none."""
    n = len(os.path.commonprefix([a, b]))  # noqa: RUF071  (characters, on purpose)
    if n == len(a) == len(b):
        return a
    boundary = re.compile(r"[\s._-]")
    while n > 0 and not ((n == len(a) or boundary.match(a[n]))
                         and (n == len(b) or boundary.match(b[n]))):
        n -= 1
    return a[:n].rstrip(" ._-")


def align_files(source_path: str | os.PathLike[str], target_path: str | os.PathLike[str], *,
                src_lang: str | None = None, tgt_lang: str | None = None, presplit: bool = False,
                scorer: str | Scorer = "lexical",
                anchors: Sequence[tuple[str, Sequence[str]]] = (), ui: UI | None = None,
                max_bead: int = 4, fmt: str | None = None,
                limits: Limits = DEFAULT_LIMITS) -> Alignment:
    """Read, segment and align two documents; progress and warnings go to ``ui`` when one is
    given. ``fmt`` ("txt", "md", "html") reads both as that format instead of by extension;
    ``limits`` bound each document."""
    from align.aligner import align
    from align.document import read_document

    if ui is not None:
        ui.info(f"reading {source_path} and {target_path}")
    source = read_document(source_path, lang=src_lang, presplit=presplit, fmt=fmt, limits=limits)
    target = read_document(target_path, lang=tgt_lang, presplit=presplit, fmt=fmt, limits=limits)
    if ui is None:
        return align(source, target, scorer=scorer, anchors=anchors, max_bead=max_bead)
    ui.info(f"{source.name or source_path}: {len(source)} sentences ({source.lang}); "
            f"{target.name or target_path}: {len(target)} sentences ({target.lang})")
    with ui.progress("aligning", len(source)) as advance:
        alignment = align(source, target, scorer=scorer, anchors=anchors, max_bead=max_bead,
                          progress=advance)
    for warning in alignment.warnings:
        ui.warn(warning)
    return alignment


def write_alignment(alignment: Alignment, path: str | os.PathLike[str], fmt: str, *,
                    doc_id: str, zh_tag: str | None = None, en_tag: str | None = None,
                    creationdate: str | None = None,
                    writer_options: Mapping[str, object] | None = None) -> None:
    """Write ``alignment`` to ``path`` atomically as ``fmt``: ``beads`` (the gold format, one
    bead a line) or a memory format (``tmx``, ``po``, ``tsv``, ``jsonl``, ``moses``: one unit a
    bead, tagged ``zh_tag``/``en_tag``, default zh-CN/en-US; the TMX header dated
    ``creationdate``, default now; ``writer_options`` go to the format's writer, e.g. the PO
    fuzzy options)."""
    from concord.atomic import write_text_atomic
    from concord.bitext import units_from_alignment, write_units
    from tmx.langtags import DEFAULT_EN, DEFAULT_ZH

    if fmt == "beads":
        from align.evaluate import format_bead

        write_text_atomic(path, "".join(format_bead(b.src, b.tgt) + "\n"
                                        for b in alignment.beads))
        return
    tags = {"zh": zh_tag or DEFAULT_ZH, "en": en_tag or DEFAULT_EN}
    src_tag, tgt_tag = tags[alignment.source.lang], tags[alignment.target.lang]
    units = units_from_alignment(alignment, doc_id=doc_id, src_tag=src_tag, tgt_tag=tgt_tag)
    options: dict[str, object] = {"src_lang": src_tag, "tgt_lang": tgt_tag}
    if fmt == "tmx":  # the tags are written as given (normalising would make zh-Hant zh-TW)
        options["normalize_langs"] = False
        # the version the installed package's metadata gives, without reading it (0.03 s)
        options["creationtoolversion"] = __version__
        if creationdate is not None:
            options["creationdate"] = creationdate
    options.update(writer_options or {})
    write_units(units, path, fmt, **options)


def checked_units(alignment: Alignment, doc_id: str, source_path: str, target_path: str
                  ) -> list[CheckedUnit]:
    """The units of ``alignment`` as :func:`concord.bitext.units_from_alignment` names them
    (``doc_id:n``), with their texts, languages, lines in the two files and confidence: what
    the checks and their reports take."""
    from concord.reports import CheckedUnit, Location

    source, target = alignment.source, alignment.target
    out = []
    for n, bead in enumerate(alignment.beads, 1):
        src_line = source.sentences[bead.src[0]].line if bead.src else None
        tgt_line = target.sentences[bead.tgt[0]].line if bead.tgt else None
        out.append(CheckedUnit(
            f"{doc_id}:{n}", alignment.join(source, bead.src), alignment.join(target, bead.tgt),
            source.lang, target.lang, Location(source_path, src_line),
            Location(target_path, tgt_line), bead.confidence))
    return out
