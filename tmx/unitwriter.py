"""What the memory writers (TMX, PO, TSV, JSONL, Moses) share: their shape — a context manager
around an open stream that writes units one at a time — and the tool version they record."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import cache
from types import TracebackType
from typing import Self

from tmx.model import Unit, Variant


@cache
def tool_version() -> str:
    """The installed Concord version ("0" when running from a tree that is not installed)."""
    from importlib import metadata   # 30 ms to import: only when a memory is written

    try:
        return metadata.version("concord")
    except metadata.PackageNotFoundError:
        return "0"


class UnitWriter:
    """``with Writer(stream, ...) as writer: writer.write_all(units)``; a subclass defines
    :meth:`write` (one unit, counted in :attr:`units_written`) and, when it has something to
    open or close, ``__enter__``/``__exit__``."""

    units_written: int = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        return None

    def write(self, unit: Unit) -> None:
        """Write one unit."""
        raise NotImplementedError

    def write_all(self, units: Iterable[Unit]) -> int:
        """Write every unit of ``units``; returns how many have been written in all."""
        for unit in units:
            self.write(unit)
        return self.units_written


def left_out(unit: Unit, written: Sequence[Variant | None], kept_props: Collection[str] = (),
             keeps_notes: bool = False) -> list[str]:
    """What a plain-text writer (TSV, Moses) loses of ``unit`` when it writes the text of the
    variants ``written``: "inline codes", "other languages", "properties", "notes",
    "attributes" (only those the unit has)."""
    used = [v for v in written if v is not None]
    kinds = []
    if any(v.segment.has_codes for v in used):
        kinds.append("inline codes")
    if len(unit.variants) > len(used):
        kinds.append("other languages")
    if any(k not in kept_props for k, _ in unit.props) or any(v.props for v in unit.variants):
        kinds.append("properties")
    if (unit.notes and not keeps_notes) or any(v.notes for v in unit.variants):
        kinds.append("notes")
    if unit.attrs or any(v.attrs for v in unit.variants):
        kinds.append("attributes")
    return kinds
