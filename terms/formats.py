"""The glossary formats: one registry of names, file endings, sniffing, reader and writer.

Every command reads and writes glossaries through :func:`load_glossary` and :func:`save_glossary`;
the format modules (:mod:`terms.tbx`, :mod:`terms.csvfile`, :mod:`terms.pofile`) know the model
only, not each other.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO

from terms import GLOSSARY_FORMATS
from terms.csvfile import read_csv, write_csv
from terms.errors import GlossaryError
from terms.glossary import Glossary
from terms.pofile import read_po, write_po
from terms.tbx import read_tbx, write_tbx


#: the largest glossary file read (a 20,000-concept TBX is about 10 MB); the readers hold it whole
MAX_GLOSSARY_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class GlossaryFormat:
    """One glossary format: its name, the file endings that imply it, its reader and writer."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], Glossary]
    write: Callable[[Glossary, IO[bytes]], None]


#: the glossary formats by name, in the order of :data:`terms.GLOSSARY_FORMATS`
REGISTRY: dict[str, GlossaryFormat] = {f.name: f for f in (
    GlossaryFormat("tbx", (".tbx", ".xml"), read_tbx, partial(write_tbx, version=3)),
    GlossaryFormat("tbx2", (), read_tbx, partial(write_tbx, version=2)),
    GlossaryFormat("csv", (".csv",), partial(read_csv, delimiter=","),
                   partial(write_csv, delimiter=",")),
    GlossaryFormat("tsv", (".tsv", ".tab"), partial(read_csv, delimiter="\t"),
                   partial(write_csv, delimiter="\t")),
    GlossaryFormat("po", (".po", ".pot"), read_po, write_po),
)}
#: other names accepted for a format
ALIASES = {"tbx3": "tbx"}
FORMATS = GLOSSARY_FORMATS


def glossary_format(name: str) -> GlossaryFormat | None:
    """The registered format called ``name`` (any case, aliases too), or None."""
    name = name.lower()
    return REGISTRY.get(ALIASES.get(name, name))


def detect_format(path: str | Path, head: bytes | None = None) -> str:
    """The glossary format of ``path``: by extension, else by sniffing the first bytes."""
    p = Path(path)
    suffix = p.suffix.lower()
    if head is None:
        with open(p, "rb") as handle:
            head = handle.read(4096)
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if suffix in (".tbx", ".xml") or text.startswith("<"):
        return "tbx2" if "<martif" in text else "tbx"
    by_suffix = format_for_path(p)
    if by_suffix is not None:
        return by_suffix
    if text.startswith(("msgid", "#")) or '\nmsgid "' in text:
        return "po"
    first = text.split("\n", 1)[0]
    return "tsv" if first.count("\t") > first.count(",") else "csv"


def load_glossary(path: str | Path, fmt: str | None = None) -> Glossary:
    """Read a glossary (TBX v3, TBX v2, CSV, TSV or PO; format by extension or sniffing).

    Raises :class:`GlossaryError` with file and line for a syntax error, an unknown status,
    category or language, an invalid scope pattern or a duplicated concept id.
    """
    p = Path(path)
    if p.is_dir():
        raise GlossaryError("is a directory, not a glossary file", path=str(p))
    if not p.exists():
        raise GlossaryError("no such file", path=str(p))
    if not p.is_file():  # a device or a FIFO (/dev/urandom) would be read without end
        raise GlossaryError("is not a regular file: give a glossary file", path=str(p))
    if p.stat().st_size > MAX_GLOSSARY_BYTES:
        raise GlossaryError(f"is larger than {MAX_GLOSSARY_BYTES:,} bytes: split the glossary",
                            path=str(p))
    name = fmt or detect_format(p)
    found = glossary_format(name)
    if found is None:
        raise GlossaryError(f"unknown glossary format {name.lower()!r} (expected one of "
                            f"{', '.join(FORMATS)})", path=str(p))
    glossary = found.read(p)
    glossary.path = str(p)
    glossary.validate()
    return glossary


def format_for_path(path: str | Path) -> str | None:
    """The output format a file name implies (``.tbx`` → TBX v3, ``.csv``, ``.tsv``, ``.po``),
    or None when its ending names none."""
    name = str(path).lower()
    return next((f.name for f in REGISTRY.values() for suffix in f.suffixes
                 if name.endswith(suffix)), None)


def save_glossary(glossary: Glossary, stream: IO[bytes], fmt: str) -> None:
    """Write ``glossary`` to a binary stream as ``fmt`` (tbx = TBX v3, tbx2, csv, tsv, po)."""
    found = glossary_format(fmt)
    if found is None:
        raise ValueError(f"unknown glossary format {fmt.lower()!r} (expected one of "
                         f"{', '.join(FORMATS)})")
    found.write(glossary, stream)
