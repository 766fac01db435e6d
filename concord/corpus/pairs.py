"""Document pairs: a Chinese file and its English version, found by name or read from a TSV list.

Names pair as ``concord align`` names documents: ``NAME.zh.txt`` with ``NAME.en.txt`` (any of
``.txt``, ``.md``, ``.markdown``, ``.html``, ``.htm``, ``.text``, or no extension as in the gold
folders: ``NAME.zh`` with ``NAME.en``; the separator may be ``.``, ``_`` or ``-``; ``zh-CN``,
``zh-TW``, ``chs``, ``en-US`` … say the language too). Other files (``NAME.align``,
``NAME.zh.sents``) are left alone. A pair list is TSV, ``SRC<TAB>TGT[<TAB>CONFIDENCE]`` a line,
as ``concord pair`` writes it.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from concord.pipeline import document_id

#: extensions a document may have, most preferred first (a release saved as text and as a page
#: is aligned from its text)
DOCUMENT_EXTENSIONS = ("txt", "md", "markdown", "text", "html", "htm", "")
_LANGS = {"zh": "zh", "zh-cn": "zh", "zh-tw": "zh", "zh-hk": "zh", "zh-hans": "zh",
          "zh-hant": "zh", "chs": "zh", "cht": "zh", "cn": "zh",
          "en": "en", "en-us": "en", "en-gb": "en"}
_NAME = re.compile(r"^(?P<stem>.+?)[._-](?P<lang>" + "|".join(sorted(_LANGS, key=len,
                   reverse=True)) + r")(?:\.(?P<ext>txt|md|markdown|text|html?))?$", re.IGNORECASE)
#: the folder ``concord batch`` keeps its state in: a folder holding one is an output folder
BATCH_STATE = ".concord-batch"
#: the most lines a pair list may have (a hostile list must not exhaust memory)
MAX_PAIRS = 5_000_000


@dataclass(frozen=True, slots=True)
class DocumentPair:
    """A document and its translation: paths as given, the document id, the pairing's
    confidence when the pair was found by content, and the languages the names or the pairing
    say each file is in (checked when it is read)."""

    doc_id: str
    source: str
    target: str
    confidence: float | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None


def language_of_name(path: str | os.PathLike[str]) -> tuple[str, str, str] | None:
    """``(stem, "zh" or "en", extension)`` when the file name says its language, else None."""
    match = _NAME.match(Path(path).name)
    if match is None:
        return None
    return match["stem"], _LANGS[match["lang"].lower()], (match["ext"] or "").lower()


def document_files(inputs: Sequence[str]) -> list[str]:
    """The files given, and the files under the folders given (recursively; hidden files and
    the output folders of ``concord batch`` left out), in a stable order; raises
    :class:`InputError` for an input that does not exist."""
    files: list[str] = []
    for given in inputs:
        if os.path.isdir(given):
            for folder, dirs, names in os.walk(given):
                if os.path.isdir(os.path.join(folder, BATCH_STATE)):
                    dirs[:] = []
                    continue
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(os.path.join(folder, n) for n in sorted(names)
                             if not n.startswith(".") and os.path.isfile(os.path.join(folder, n)))
        elif os.path.exists(given):
            files.append(given)
        else:
            raise InputError("no such file or folder", path=given)
    return files


def pairs_by_name(inputs: Sequence[str]) -> tuple[list[DocumentPair], list[str]]:
    """Pairs of the files whose names differ only by language (Chinese first), and the
    document files left without a counterpart. Raises :class:`InputError` when two pairs
    would have the same document id (two folders holding the same names)."""
    sides: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: {"zh": {}, "en": {}})
    for path in document_files(inputs):
        named = language_of_name(path)
        if named is None:
            continue
        stem, lang, ext = named
        key = os.path.join(os.path.dirname(path), stem)
        sides[key][lang].setdefault(ext, path)
    pairs: list[DocumentPair] = []
    orphans: list[str] = []
    for key in sorted(sides):
        zh, en = sides[key]["zh"], sides[key]["en"]
        chosen = _choose(zh, en)
        if chosen is None:
            orphans.extend(sorted([*zh.values(), *en.values()]))
            continue
        pairs.append(DocumentPair(document_id(*chosen), *chosen, None, "zh", "en"))
    return unique_ids(pairs), orphans


def _choose(zh: dict[str, str], en: dict[str, str]) -> tuple[str, str] | None:
    """The Chinese and English file to align: the same extension when both sides have it (the
    most preferred such), else each side's most preferred."""
    if not zh or not en:
        return None
    for ext in DOCUMENT_EXTENSIONS:
        if ext in zh and ext in en:
            return zh[ext], en[ext]
    first = lambda side: side[min(side, key=DOCUMENT_EXTENSIONS.index)]  # noqa: E731
    return first(zh), first(en)


def unique_ids(pairs: list[DocumentPair]) -> list[DocumentPair]:
    """``pairs``, checked to name each document once: raises :class:`InputError` naming the
    two pairs that would write the same output files."""
    seen: dict[str, DocumentPair] = {}
    for pair in pairs:
        other = seen.setdefault(pair.doc_id, pair)
        if other is not pair:
            raise InputError(f"{other.source} and {pair.source} have the same document id "
                             f"{pair.doc_id!r}, so their outputs would overwrite each other; "
                             "rename one, or give a --pairs list", path=pair.source)
    return pairs


def read_pair_list(path: str) -> list[DocumentPair]:
    """Pairs from a TSV list (``SRC<TAB>TGT[<TAB>CONFIDENCE]``; blank lines and lines starting
    with ``#`` are skipped). Relative paths are taken from the current directory; a document's
    id is its source file's name without extension and language suffix. Raises
    :class:`InputError` with the line for a malformed line."""
    pairs: list[DocumentPair] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for n, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            if n > MAX_PAIRS:
                raise InputError(f"more than {MAX_PAIRS:,} pairs", path=path, line=n)
            fields = line.split("\t")
            if len(fields) not in (2, 3) or not all(fields[:2]):
                raise InputError("expected SRC<TAB>TGT[<TAB>CONFIDENCE]", path=path, line=n)
            confidence = None
            if len(fields) == 3:
                try:
                    confidence = float(fields[2])
                except ValueError:
                    raise InputError(f"confidence {fields[2]!r} is not a number", path=path,
                                     line=n) from None
            pairs.append(DocumentPair(document_id(fields[0]), fields[0], fields[1],
                                      confidence))
    return unique_ids(pairs)


def format_pair_list(pairs: Iterable[DocumentPair]) -> Iterable[str]:
    """TSV lines ``SRC<TAB>TGT<TAB>CONFIDENCE`` (confidence with 3 decimals)."""
    for pair in pairs:
        confidence = "" if pair.confidence is None else f"\t{pair.confidence:.3f}"
        yield f"{pair.source}\t{pair.target}{confidence}\n"
