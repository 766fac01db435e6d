"""The embedding scorer: cosine similarity of sentence-group embeddings from any encoder."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from align.model import Document, sentence_separator
from align.scoring.base import Array, PreparedScorer
from align.scoring.length import LengthModel


@dataclass
class EmbeddingScorer:
    """Cosine similarity of sentence-group embeddings, as Bertalign scores beads.

    ``encode(texts) -> (N, dim)`` array of L2-normalised vectors; plug in any encoder, e.g.
    ``EmbeddingScorer(SentenceTransformer("LaBSE").encode, name="labse")``.
    """

    encode: Callable[[list[str]], np.ndarray]
    name: str = "embed"
    pool: str = "mean"            # "mean" of sentence vectors, or "concat": embed joined text
    length_power: float = 0.5
    length_mix: float = 0.0
    margin: float = 0.0           # subtract this times the mean similarity to neighbouring sentences

    def prepare(self, source: Document, target: Document, max_group: int) -> EmbeddingPrepared:
        return EmbeddingPrepared(self, source, target, max_group)


def group_texts(doc: Document, size: int) -> list[str]:
    """The text of every group of ``size`` consecutive sentences (as the language joins them)."""
    sep = sentence_separator(doc.lang)
    texts = doc.texts
    return [sep.join(texts[k:k + size]) for k in range(len(texts) - size + 1)]


class EmbeddingPrepared(PreparedScorer):
    """Embeddings of every sentence group up to ``max_group`` sentences, computed once (larger
    groups, which the search asks for only where its path reaches the limit, when asked)."""

    any_group = True

    def __init__(self, config: EmbeddingScorer, source: Document, target: Document,
                 max_group: int) -> None:
        self.config = config
        self.length = LengthModel.fit(source, target, config.length_power)
        self.docs = (source, target)
        self.src = self._embed(config.encode, source, max_group, config.pool)
        self.tgt = self._embed(config.encode, target, max_group, config.pool)

    @staticmethod
    def _embed(encode, doc: Document, max_group: int, pool: str) -> list[np.ndarray]:
        out = []
        single = np.zeros((0, 1), dtype=np.float32)
        for size in range(1, max_group + 1):
            if size > len(doc):
                out.append(np.zeros((0, 1), dtype=np.float32))
                continue
            if pool == "mean" and size > 1:
                cum = np.concatenate([np.zeros((1, single.shape[1]), np.float32),
                                      np.cumsum(single, axis=0)])
                vecs = cum[size:] - cum[:-size]
            else:
                vecs = np.asarray(encode(group_texts(doc, size)), dtype=np.float32)
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            vecs = vecs / np.maximum(norms, 1e-9)
            if size == 1:
                single = vecs
            out.append(vecs)
        return out

    def _cosine(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        sims = np.zeros(len(i))
        for size_a in np.unique(a):
            for size_b in np.unique(b[a == size_a]):
                sel = (a == size_a) & (b == size_b)
                u = self._vectors(0, int(size_a), i[sel])
                v = self._vectors(1, int(size_b), j[sel])
                sims[sel] = np.einsum("ij,ij->i", u, v)
        return sims

    def _vectors(self, side: int, size: int, starts: Array) -> np.ndarray:
        """The embeddings of the groups of ``size`` sentences starting at ``starts`` on the
        source (0) or target (1) side."""
        groups = self.tgt if side else self.src
        if size <= len(groups):
            return groups[size - 1][starts]
        if self.config.pool == "mean":
            vecs = np.add.reduce([groups[0][starts + k] for k in range(size)])
        else:
            doc = self.docs[side]
            sep = sentence_separator(doc.lang)
            texts = doc.texts
            vecs = np.asarray(self.config.encode([sep.join(texts[s:s + size])
                                                  for s in starts.tolist()]), dtype=np.float32)
            vecs = vecs.reshape(len(starts), -1)
        return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)

    def score(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        i, a, j, b = (np.asarray(x, dtype=np.int64) for x in (i, a, j, b))
        sims = self._cosine(i, a, j, b)
        if self.config.margin:
            sims = sims - self.config.margin * self._neighbours(i, a, j, b)
        mix = self.config.length_mix
        return ((1.0 - mix) * np.clip(sims, 0.0, 1.0) + mix) * self.length.factor(i, a, j, b)

    def _neighbours(self, i: Array, a: Array, j: Array, b: Array) -> Array:
        """Mean similarity of each group to the sentences just before and after its partner."""
        n, m = len(self.src[0]), len(self.tgt[0])
        total = np.zeros(len(i))
        count = np.zeros(len(i))
        one = np.ones_like(i)
        for ok, args in (((j - 1) >= 0, (i, a, j - 1, one)), ((j + b) < m, (i, a, j + b, one)),
                         ((i - 1) >= 0, (i - 1, one, j, b)), ((i + a) < n, (i + a, one, j, b))):
            if ok.any():
                total[ok] += self._cosine(*(x[ok] for x in args))
                count[ok] += 1
        return total / np.maximum(count, 1)
