"""The worker processes of ``batch`` and ``pair``: forked from a server that has loaded the aligner
and its lexicon once (:mod:`concord.corpus.preload`), so that a worker starts in milliseconds
with the lexicon in shared memory, and from a clean process (the command's own may run a
progress-bar thread, which a plain fork would copy in an unknown state)."""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections.abc import Callable
from typing import Any


def worker_pool(workers: int, initializer: Callable[..., None] | None = None,
                initargs: tuple[Any, ...] = (), *, lexicon: bool = True
                ) -> cf.ProcessPoolExecutor:
    """A pool of ``workers`` processes, each running ``initializer(*initargs)`` first; with
    ``lexicon``, forked from a server holding the lexicon."""
    context = multiprocessing.get_context("forkserver")
    preload = ["concord.corpus.task"]
    if lexicon:
        preload.append("concord.corpus.preload")
    context.set_forkserver_preload(preload)
    return cf.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                  initializer=initializer, initargs=initargs)
