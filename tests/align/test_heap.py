"""Freed memory kept for reuse while aligning (glibc only)."""
from __future__ import annotations

import ctypes

import numpy as np
import pytest

from align import heap
from align.heap import retained_heap


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _heap_free_bytes() -> int:
    libc = heap._glibc()
    if libc is None or not hasattr(libc, "mallinfo2"):
        pytest.skip("not glibc 2.33 or newer: nothing to observe")
    libc.mallinfo2.restype = _MallInfo2
    return int(libc.mallinfo2().fordblks)


def test_freed_arrays_stay_in_the_heap_inside_and_are_returned_after() -> None:
    size = 8 * 1024 * 1024
    before = _heap_free_bytes()
    with retained_heap():
        array = np.ones(size // 8)
        del array                       # an 8 MiB block: glibc would unmap it by default
        inside = _heap_free_bytes()
    after = _heap_free_bytes()
    assert inside >= before + size
    assert after < inside - size // 2    # given back by malloc_trim


def test_nested_blocks_restore_only_at_the_outermost() -> None:
    size = 8 * 1024 * 1024
    _heap_free_bytes()
    with retained_heap():
        with retained_heap():
            pass
        array = np.ones(size // 8)     # still kept after the inner block ended
        del array
        inside = _heap_free_bytes()
    assert inside >= size
    assert heap._depth == 0


def test_without_glibc_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "_glibc", lambda: None)
    with retained_heap():
        assert heap._depth == 0
