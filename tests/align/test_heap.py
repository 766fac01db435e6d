"""Freed memory kept for reuse while aligning (glibc only)."""
from __future__ import annotations

import ctypes
import gc

import numpy as np
import pytest

from align import heap
from align.heap import paused_collector, retained_heap


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
    # most of the block is free heap (unmapped it would add nothing); not all of it: other
    # small allocations inside the block may take some of the free memory (depends on
    # which test modules were collected before)
    assert inside >= before + size * 3 // 4
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


def test_collector_paused_inside_and_back_on_after_the_outermost_block() -> None:
    assert gc.isenabled()
    with paused_collector():
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()      # the inner block does not turn it back on
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with paused_collector():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_align_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.aligner import align
    from align.model import Document, Sentence
    from align.scoring import lexical

    seen = []
    real = lexical.LexicalScorer.prepare

    def prepare(self, source, target, max_group):
        seen.append(gc.isenabled())
        return real(self, source, target, max_group)

    monkeypatch.setattr(lexical.LexicalScorer, "prepare", prepare)
    zh = Document([Sentence("我们明天去北京。", 0), Sentence("天气很好。", 0)], "zh")
    en = Document([Sentence("We go to Beijing tomorrow.", 0), Sentence("The weather is fine.", 0)],
                  "en")
    beads = align(zh, en).beads
    assert seen == [False] and gc.isenabled()
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), (1,))]
