"""The memory formats' readers and writers, one registry entry per format, and :class:`Memory`,
the one shape every reader gives (units streamed, declared languages, warnings).

Which format a path holds is told by :mod:`tmx.formats`; opening output files (atomically) is the
caller's part: an entry's writer takes open streams (two for Moses).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tmx.langtags import ALL
from tmx.model import Unit
from tmx.moses import MosesWriter, pair_paths, read_moses
from tmx.po import POWriter, open_po
from tmx.reader import Header, ReadWarning, TMXReader
from tmx.tabular import JSONLWriter, TSVWriter, read_jsonl, read_tsv
from tmx.unitwriter import UnitWriter
from tmx.writer import TMXWriter


@dataclass(slots=True)
class Memory:
    """A memory file opened for reading: its format, its units (read as they are iterated),
    and — once iteration has begun — the TMX header and what the reader tolerated."""

    path: Path
    fmt: str
    units: Iterator[Unit]
    reader: TMXReader | None = None
    #: the source and target languages the file declares (a PO header), when it does
    langs: tuple[str, str] | None = None
    #: what the reader of a format other than TMX left out or tolerated
    read_warnings: list[ReadWarning] = field(default_factory=list)

    @property
    def header(self) -> Header | None:
        """The TMX header (``None`` for other formats)."""
        return self.reader.header if self.reader is not None else None

    @property
    def warnings(self) -> list[str]:
        """What the reader tolerated or left out so far, one ``PATH:LINE: message`` line each."""
        found = self.read_warnings + (self.reader.warnings if self.reader is not None else [])
        return [f"{self.path}:{w.line}: {w.message}" if w.line else f"{self.path}: {w.message}"
                for w in found]

    def srclang(self) -> str | None:
        """The header's source language (TMX), ``None`` when absent or ``*all*``."""
        header = self.header
        lang = header.srclang if header is not None else None
        return lang if lang and lang != ALL else None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader may be told: the languages when the file does not say (PO, TSV, JSONL,
    Moses), and how a TSV file is quoted (``escapes`` or ``csv``)."""

    src_lang: str | None = None
    tgt_lang: str | None = None
    tsv_quoting: str = "escapes"


#: a format's writer on open streams (one, or two for Moses), given the languages and the
#: format's own keywords (see each writer class)
WriterFactory = Callable[..., UnitWriter]


@dataclass(frozen=True, slots=True)
class MemoryFormat:
    """One memory format: its name, its reader, its writer and what writing it needs."""

    name: str
    open: Callable[[Path, ReadOptions], Memory]
    writer: WriterFactory
    binary: bool = False          # the writer takes a byte stream (TMX), else UTF-8 text
    needs_langs: bool = False     # writing it needs a source and a target language
    files: int = 1                # output files (Moses: two, PREFIX.<src> and PREFIX.<tgt>)


def _open_tmx(path: Path, _options: ReadOptions) -> Memory:
    reader = TMXReader(path)
    return Memory(path, "tmx", iter(reader), reader)


def _open_po(path: Path, options: ReadOptions) -> Memory:
    """A PO file: its header's languages, its obsolete entries counted."""
    source = open_po(path, src_lang=options.src_lang, tgt_lang=options.tgt_lang)
    warnings = [ReadWarning(source.obsolete_line,
                            f"{source.obsolete} obsolete entries (#~) left out: a PO editor "
                            "keeps them for reuse, they are not units of the memory")
                ] if source.obsolete else []
    return Memory(path, "po", source.units, langs=(source.src_lang, source.tgt_lang),
                  read_warnings=warnings)


def _open_tsv(path: Path, options: ReadOptions) -> Memory:
    return Memory(path, "tsv", read_tsv(path, src_lang=options.src_lang,
                                        tgt_lang=options.tgt_lang, quoting=options.tsv_quoting))


def _open_jsonl(path: Path, options: ReadOptions) -> Memory:
    return Memory(path, "jsonl", read_jsonl(path, src_lang=options.src_lang,
                                            tgt_lang=options.tgt_lang))


def _open_moses(path: Path, options: ReadOptions) -> Memory:
    return Memory(path, "moses", read_moses(path, src_lang=options.src_lang,
                                            tgt_lang=options.tgt_lang))


def _tmx_writer(streams: Sequence[IO[Any]], src_lang: str, _tgt_lang: str,
                **options: Any) -> UnitWriter:
    return TMXWriter(streams[0], srclang=src_lang, **options)


def _po_writer(streams: Sequence[IO[Any]], src_lang: str, tgt_lang: str,
               **options: Any) -> UnitWriter:
    return POWriter(streams[0], src_lang=src_lang, tgt_lang=tgt_lang, **options)


def _tsv_writer(streams: Sequence[IO[Any]], src_lang: str, tgt_lang: str,
                **options: Any) -> UnitWriter:
    return TSVWriter(streams[0], src_lang=src_lang, tgt_lang=tgt_lang, **options)


def _jsonl_writer(streams: Sequence[IO[Any]], src_lang: str, tgt_lang: str,
                  **options: Any) -> UnitWriter:
    return JSONLWriter(streams[0], src_lang=src_lang, tgt_lang=tgt_lang, **options)


def _moses_writer(streams: Sequence[IO[Any]], src_lang: str, tgt_lang: str,
                  **options: Any) -> UnitWriter:
    return MosesWriter(streams[0], streams[1], src_lang=src_lang, tgt_lang=tgt_lang, **options)


#: the memory formats by name, in the order of :data:`tmx.MEMORY_FORMATS`
REGISTRY: dict[str, MemoryFormat] = {f.name: f for f in (
    MemoryFormat("tmx", _open_tmx, _tmx_writer, binary=True),
    MemoryFormat("po", _open_po, _po_writer, needs_langs=True),
    MemoryFormat("tsv", _open_tsv, _tsv_writer, needs_langs=True),
    MemoryFormat("jsonl", _open_jsonl, _jsonl_writer),
    MemoryFormat("moses", _open_moses, _moses_writer, needs_langs=True, files=2),
)}


def open_memory(path: str | os.PathLike[str], fmt: str, options: ReadOptions = ReadOptions()
                ) -> Memory:
    """The memory at ``path`` opened as ``fmt`` (a name of :data:`REGISTRY`)."""
    return REGISTRY[fmt].open(Path(path), options)


def output_paths(path: str | os.PathLike[str], fmt: str, src_lang: str, tgt_lang: str,
                 suffixes: tuple[str, str] | None = None) -> list[Path]:
    """The files writing ``fmt`` to ``path`` makes: ``path``, or Moses' two."""
    if REGISTRY[fmt].files == 2:
        return list(pair_paths(path, src_lang, tgt_lang, suffixes))
    return [Path(path)]
