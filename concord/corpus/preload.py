"""Imported by the fork server of the worker pool (when the workers cannot be forked from the
command's own process, see :mod:`concord.corpus.pool`): the aligner, its lexicon and tables are
loaded once there, and every worker forked from it starts with them in (shared) memory. The
loaded objects are moved out of the garbage collector's sight (``gc.freeze``), so that
collections in the workers do not touch, and so copy, the pages they share."""
import gc

from concord.corpus.task import BatchOptions, warm_up

warm_up(BatchOptions())
gc.freeze()
