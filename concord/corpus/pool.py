"""The worker processes of ``batch`` and ``pair``, started with what every document needs
already in memory — the aligner, its lexicon and tables — shared copy-on-write.

On Linux, while this process runs no other thread, the workers are forked from it once it has
loaded them (``initializer`` runs here first): a worker then costs a fork, and the loading is
paid once, not again in a second interpreter. Otherwise (another thread is running — a plain
fork would copy its locks in an unknown state — or there is no fork) they are forked from a
fork server, a clean process that loads them first (:mod:`concord.corpus.preload`). Either way
the loaded objects are moved out of the garbage collector's sight (``gc.freeze``) before the
fork, so that collections in the workers do not touch, and so copy, the pages they share.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import gc
import multiprocessing
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any


def fork_here() -> bool:
    """Whether workers may be forked from this process: on Linux, with no other thread."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


@contextlib.contextmanager
def worker_pool(workers: int, initializer: Callable[..., None] | None = None,
                initargs: tuple[Any, ...] = (), *, lexicon: bool = True
                ) -> Iterator[cf.ProcessPoolExecutor]:
    """A pool of ``workers`` processes, each running ``initializer(*initargs)`` first; with
    ``lexicon``, the workers start with the lexicon loaded. When the workers are forked from
    this process the initializer runs here first, so that what it loads is shared: it must do
    nothing the second time."""
    forked, thaw = fork_here(), False
    context: multiprocessing.context.BaseContext
    if forked:
        if lexicon:
            from align.lexicon import load_lexicon
            load_lexicon()
        if initializer is not None:
            initializer(*initargs)
        # what was frozen before (the lexicon freezes itself for good) stays frozen after
        thaw = gc.get_freeze_count() == 0
        gc.freeze()
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("forkserver")
        preload = ["concord.corpus.task"]
        if lexicon:
            preload.append("concord.corpus.preload")
        context.set_forkserver_preload(preload)
    try:
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                    initializer=_start_worker,
                                    initargs=(initializer, initargs)) as pool:
            yield pool
    finally:
        if forked and thaw:
            gc.unfreeze()


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    # a worker ends on SIGTERM (the pool stopping it), whatever handler the command had set
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if initializer is not None:
        initializer(*initargs)
