"""How much one document may hold: bounds on what a hostile or mistaken input makes Concord do.

A 50 MB one-line file peaked at 2.7 GB, a document of 200,000 sentences grew past 1.8 GB and
``/dev/urandom`` given as a document was read until memory ran out. A document is read with a
limit (a device or a FIFO stops there too), and its sentences are counted and measured once it is
split. Each bound is an option of the commands that read documents.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """The largest document read: bytes in the file, sentences, characters in one sentence."""

    #: aligning 20,000 sentences a side takes 1–1.5 minutes and 600 MB (BENCHMARKS.md)
    max_bytes: int = 8 * 1024 * 1024
    max_sentences: int = 20_000
    max_sentence_chars: int = 5_000


DEFAULT_LIMITS = Limits()
