"""Imported by the fork server of ``batch``'s worker pool: the aligner and its lexicon are loaded
once there, and every worker forked from it starts with them in (shared) memory. The loaded
objects are moved out of the garbage collector's sight (``gc.freeze``), so that collections in
the workers do not touch, and so copy, the pages they share."""
import gc

from align.aligner import align  # noqa: F401
from align.lexicon import load_lexicon

load_lexicon()
gc.freeze()
