"""Memory management while aligning: freed memory kept for reuse (glibc's ``malloc`` only;
elsewhere nothing), and the cyclic garbage collector paused.

The aligner makes and frees many numpy arrays of a few megabytes (each block of lattice rows,
each pass). glibc serves such sizes with ``mmap`` and gives them back on ``free``, so every new
array is fresh memory whose pages the kernel must map and zero again: on bible-en-zh that was
0.7–1.2 s of system time against 3–4 s of user time. Inside :func:`retained_heap` blocks up to
32 MiB come from the heap and up to 512 MiB of freed memory stays there for the next array;
afterwards glibc's defaults are set back and the free memory is returned (``malloc_trim``). Peak
memory is unchanged: what is kept is what was in use before.

The aligner creates hundreds of thousands of small Python objects (tokens, lists, tuples) and no
reference cycles; the collector, triggered every 700 new objects, scanned them ~500 times on
bible-en-zh and, in its full collections, the ~400,000 objects of the lexicon too (0.2 s CPU, a
twelfth of the run). :func:`paused_collector` turns it off for the duration of ``align()``
(garbage without cycles is still freed at once, by reference counting) and turns it back on
after; :func:`align.lexicon.load_lexicon` moves the lexicon, which lives as long as the process,
out of the collector's sight (``gc.freeze``).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: glibc's defaults (the mmap threshold then grows with the blocks freed; a set value is fixed)
_DEFAULT = 128 * 1024
_KEEP_MMAP = 32 * 1024 * 1024      # the largest value glibc takes on 64-bit systems
_KEEP_TRIM = 512 * 1024 * 1024

_lock = threading.Lock()
_depth = 0
_gc_depth = 0
_gc_was_enabled = False


@lru_cache(maxsize=1)
def _glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (mallopt and malloc_trim are glibc's), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:    # glibc's name first: find_library runs ldconfig in a child process
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        name = ctypes.util.find_library("c")
        if name is None:
            return None
        try:
            libc = ctypes.CDLL(name)
        except OSError:
            return None
    if not all(hasattr(libc, f) for f in ("gnu_get_libc_version", "mallopt", "malloc_trim")):
        return None
    return libc


@contextmanager
def retained_heap() -> Iterator[None]:
    """Inside the block, freed arrays of up to 32 MiB are kept for reuse (see the module)."""
    global _depth
    libc = _glibc()
    if libc is None:
        yield
        return
    with _lock:
        _depth += 1
        if _depth == 1:
            libc.mallopt(_M_MMAP_THRESHOLD, _KEEP_MMAP)
            libc.mallopt(_M_TRIM_THRESHOLD, _KEEP_TRIM)
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                libc.mallopt(_M_MMAP_THRESHOLD, _DEFAULT)
                libc.mallopt(_M_TRIM_THRESHOLD, _DEFAULT)
                libc.malloc_trim(0)


@contextmanager
def paused_collector() -> Iterator[None]:
    """Inside the block the cyclic garbage collector does not run (nested blocks and threads:
    it is turned back on when the outermost block ends, if it was on when that block began)."""
    global _gc_depth, _gc_was_enabled
    with _lock:
        _gc_depth += 1
        if _gc_depth == 1:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()
