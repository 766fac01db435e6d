"""Aligning every pair of a corpus: :func:`run_batch` yields one :class:`DocumentResult` per
document, from worker processes on this machine or from a Dask cluster.

Documents whose inputs and options have not changed since a finished run are not processed
again (their earlier result comes back with status ``unchanged``). Every document's outputs are
written by the worker that aligned it, atomically; the journal records each finished document
as its result arrives. Work is handed out a few documents ahead of the workers, so that memory
stays flat however many documents there are.
"""
from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from align.errors import InputError
from concord.corpus.pairs import DocumentPair
from concord.corpus.pool import worker_pool
from concord.corpus.state import Journal, is_done, locked, previous_results
from concord.corpus.task import (BatchOptions, DocumentResult, DocumentTask, document_digest,
                                 options_digest, process_document, warm_up)

#: documents handed out ahead of each worker
AHEAD = 4


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(pairs: Sequence[DocumentPair], options: BatchOptions, outdir: str | os.PathLike[str],
              *, jobs: int | None = None, scheduler: str | None = None,
              unpaired: Sequence[str] = (),
              on_total: Callable[[int], None] | None = None) -> Iterator[DocumentResult]:
    """Align every pair into ``outdir``: one result per pair, in the order they finish; once
    the last one is yielded, the merged ``corpus.tmx``, the corpus check report (with
    ``options.check``) and ``summary.json`` (listing the ``unpaired`` files too) are written.

    ``jobs`` worker processes (default: the machine's cores; 1 runs in this process), or the
    Dask cluster whose scheduler is at ``scheduler`` (``tcp://HOST:PORT``). ``on_total`` is told
    how many documents need work, once the unchanged ones are known. A document that fails gives
    a result with status ``failed`` and its error; the others go on.
    """
    from concord.corpus.outputs import finish

    out = Path(outdir).resolve()
    with locked(out):
        previous = previous_results(out)
        shared = options_digest(options)
        cwd = os.getcwd()
        todo: list[DocumentTask] = []
        results: list[DocumentResult] = []
        for pair in sorted(pairs, key=lambda p: p.doc_id):
            digest = document_digest(pair, shared)
            earlier = previous.get(pair.doc_id)
            if earlier is not None and is_done(earlier, digest, options, out):
                earlier.status, earlier.source, earlier.target = "unchanged", pair.source, \
                    pair.target
                results.append(earlier)
                yield earlier
            else:
                todo.append(DocumentTask(pair, options, str(out), digest, cwd))
        if on_total is not None:
            on_total(len(todo))
        journal = Journal(out)
        try:
            for result in _results(todo, options, jobs, scheduler):
                journal.record(result)
                results.append(result)
                yield result
        finally:
            journal.close()
        finish(out, results, options, unpaired=list(unpaired))
        journal.clear()


def _results(todo: list[DocumentTask], options: BatchOptions, jobs: int | None,
             scheduler: str | None) -> Iterator[DocumentResult]:
    if not todo:
        return iter(())
    # the longest documents first, so that no worker is left with a long one at the end
    todo = sorted(todo, key=_size, reverse=True)
    if scheduler:
        return _on_dask(todo, options, scheduler)
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(todo) == 1:
        return _in_process(todo, options)
    return _in_pool(todo, options, jobs)


def _size(task: DocumentTask) -> int:
    try:
        return sum(os.path.getsize(os.path.join(task.cwd, p))
                   for p in (task.pair.source, task.pair.target))
    except OSError:
        return 0


def _in_process(tasks: Iterable[DocumentTask], options: BatchOptions) -> Iterator[DocumentResult]:
    from align.heap import retained_heap

    warm_up(options)
    with retained_heap():  # the aligner's freed arrays kept from one document to the next
        for task in tasks:
            yield process_document(task)


def _in_pool(tasks: list[DocumentTask], options: BatchOptions, jobs: int
             ) -> Iterator[DocumentResult]:
    from align.heap import retained_heap

    # entered before the workers are forked, they keep their freed arrays between documents
    # too (a forked worker inherits it; one from a fork server trims after each document)
    with retained_heap(), worker_pool(min(jobs, len(tasks)), warm_up, (options,),
                                      lexicon=options.scorer == "lexical") as pool:
        pending: set[cf.Future[DocumentResult]] = set()
        for task in tasks:
            if len(pending) >= jobs * AHEAD:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                yield from (future.result() for future in done)
            pending.add(pool.submit(process_document, task))
        for future in cf.as_completed(pending):
            yield future.result()


def _on_dask(tasks: list[DocumentTask], options: BatchOptions, scheduler: str
             ) -> Iterator[DocumentResult]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'concord[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        try:  # the lexicon and glossary, once per worker
            workers = client.run(warm_up, options)
        except (ImportError, OSError, InputError) as exc:
            raise InputError(f"the Dask workers of {scheduler} cannot run Concord ({exc}): "
                             "install it on every worker, with the inputs and outputs "
                             "reachable at the same paths") from None
        if not workers:
            raise InputError(f"the Dask scheduler at {scheduler} has no workers")
        threads = sum(client.nthreads().values()) or len(workers)

        finished = as_completed(loop=client.loop)
        for task in tasks:
            if finished.count() >= threads * AHEAD:
                yield next(finished).result()
            finished.add(client.submit(process_document, task, pure=False,
                                       key=f"concord-{task.pair.doc_id}-{task.digest[:16]}"))
        for future in finished:
            yield future.result()
