"""Imported by the fork server of ``batch``'s worker pool: the aligner and its lexicon are loaded
once there, and every worker forked from it starts with them in (shared) memory."""
from align.aligner import align  # noqa: F401
from align.lexicon import load_lexicon

load_lexicon()
