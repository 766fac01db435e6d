"""Translation memory formats: TMX 1.4 reading, writing and validation; PO, TSV, JSONL, Moses."""

#: the memory formats a file can be read or written as (see :mod:`tmx.formats`, :mod:`tmx.memory`)
MEMORY_FORMATS = ("tmx", "po", "tsv", "jsonl", "moses")

__all__ = ["MEMORY_FORMATS"]
