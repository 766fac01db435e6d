"""Which memory format a path holds: the ``fmt`` given, else its extension, else its first bytes."""
from __future__ import annotations

import glob
import os
from pathlib import Path

from tmx import MEMORY_FORMATS
from tmx.errors import TMXError

FORMATS = MEMORY_FORMATS
EXTENSIONS = {".tmx": "tmx", ".po": "po", ".pot": "po", ".tsv": "tsv", ".tab": "tsv",
              ".jsonl": "jsonl", ".ndjson": "jsonl"}


def default_extension(fmt: str) -> str | None:
    """The ending a file written in ``fmt`` gets (the first of :data:`EXTENSIONS` naming it);
    None for Moses, whose files end in their languages."""
    return next((ext for ext, name in EXTENSIONS.items() if name == fmt), None)


class UnknownFormat(TMXError):
    """The format of a path cannot be told (unknown extension, no ``fmt``)."""


def check_format(fmt: str) -> str:
    """``fmt`` in lower case; :class:`UnknownFormat` unless it is one of :data:`FORMATS`."""
    name = fmt.lower()
    if name not in FORMATS:
        raise UnknownFormat(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return name


def format_for_writing(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format to write ``path`` in: ``fmt``, else from its extension; TMX for ``-``
    (standard output)."""
    if fmt:
        return check_format(fmt)
    if os.fspath(path) == "-":  # standard output
        return "tmx"
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise UnknownFormat(f"cannot tell the format from the extension {suffix or '(none)'!r}; "
                        f"give it explicitly ({', '.join(FORMATS)}; Moses files take a prefix "
                        "and the format 'moses')", path=str(path))


def format_for_reading(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format of ``path``: ``fmt``, else its extension, else what its first bytes look like."""
    if fmt:
        return check_format(fmt)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if not p.exists():
        if p.parent.is_dir() and any(p.parent.glob(glob.escape(p.name) + ".*")):
            return "moses"  # a prefix: PREFIX.zh and PREFIX.en
        raise TMXError("no such file", path=str(p))
    if p.is_dir():
        raise TMXError("is a directory, not a memory file", path=str(p))
    return sniff(p) or _unknown(p, suffix)


#: file signatures of things people give as a memory by mistake
_MAGIC = ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"%PDF", "a PDF file"),
          (b"PK\x03\x04", "a ZIP archive (such as .docx or .xlsx)"), (b"\x1f\x8b", "a gzip archive"),
          (b"GIF8", "a GIF image"), (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"))
_GLOSSARY_COLUMNS = (b"concept", b"lang", b"term")


def _unknown(path: Path, suffix: str) -> str:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    kind = next((k for magic, k in _MAGIC if head.startswith(magic)), None)
    if kind is not None:
        raise UnknownFormat(f"this is {kind}, not a translation memory (TMX, PO, TSV, JSONL "
                            "or Moses)", path=str(path))
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].lower()
    if all(column in first for column in _GLOSSARY_COLUMNS):
        raise UnknownFormat("this is a glossary (a CSV with concept, lang and term columns), "
                            "not a translation memory: give it with --glossary, or to "
                            "'concord glossary'", path=str(path))
    raise UnknownFormat(f"cannot tell the format (extension {suffix or '(none)'!r}, content not "
                        f"recognised); give it explicitly ({', '.join(FORMATS)})", path=str(path))


def sniff(path: Path) -> str | None:
    """Guess a format from the first bytes of a file; ``None`` when nothing fits."""
    if not path.is_file():
        return None
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "tmx"  # UTF-16 files in the wild are TMX
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        return "tmx"
    if text.startswith(b"{"):
        return "jsonl"
    if text.startswith((b"msgid", b"msgctxt", b"#")) or b'\nmsgid "' in head:
        return "po"
    if b"\t" in head.split(b"\n", 1)[0]:
        return "tsv"
    return None
