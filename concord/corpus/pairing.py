"""Pairing documents by content: which Chinese document is the translation of which English one,
when the file names do not say.

Each document becomes a set of features in one key space: numbers and date parts (``#2022``,
``#m1``), Latin words (``@apec``: in the Chinese, the words it keeps in Latin script; in the
English, every word), English dictionary keys (``w:friendship``: in the Chinese, every
CC-CEDICT sense of its words; in the English, its stemmed words) and glossary concepts
(``G12``). Features are weighted by their rarity (IDF) and documents compared by cosine.

Comparing every Chinese document with every English one would be quadratic. Candidates come from
an inverted index instead: each document's rarest features (prefix filtering) are looked up in the
other side's posting lists, lists longer than :data:`MAX_POSTING` skipped, and only the best few
candidates of each document are scored in full. The one-to-one assignment is then made by the
Hungarian method (``scipy.optimize.linear_sum_assignment``) on each connected group of candidates,
which are small once candidates far below a document's best are dropped. A pair's confidence
weighs its score against the best alternative either document has; pairs below
``min_confidence`` are not emitted and their documents count as unpaired.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components

from align.anchors import glossary_spans, latin_words, number_keys
from align.errors import InputError
from align.language import HAN_RUN, detect_language
from align.lexicon import english_keys, load_lexicon
from align.reading import detect_format, extract_blocks, read_source
from concord.corpus.pairs import DocumentPair, document_files, unique_ids
from concord.pipeline import document_id

if TYPE_CHECKING:
    from align.lexicon import Lexicon

#: the most characters of a document read for its features (a huge file must not stall pairing)
MAX_CHARS = 200_000
#: characters of a document its language is told from
LANGUAGE_SAMPLE = 5000
#: rarest features of each document looked up in the other side's index
PREFIX = 40
#: posting lists longer than this (or than twice the square root of the number of documents)
#: are not followed: features too common to tell documents apart
MAX_POSTING = 64
#: rarest features of each document looked up even when their posting lists are long
MIN_FOLLOWED = 6
#: candidates of each document scored in full
CANDIDATES = 8
#: a candidate scoring below this share of its document's best is dropped before the assignment
KEEP_SHARE = 0.5
#: default threshold of :func:`pair_documents`
MIN_CONFIDENCE = 0.65
#: the largest group of documents given to the Hungarian method at once; beyond, greedy
MAX_GROUP = 3000


@dataclass(slots=True)
class Pairing:
    """The pairs found (Chinese source first), and the documents left without a counterpart."""

    pairs: list[DocumentPair] = field(default_factory=list)
    unpaired: list[str] = field(default_factory=list)
    #: documents that could not be read, with the reason
    errors: list[tuple[str, str]] = field(default_factory=list)


def document_features(text: str, lang: str, lexicon: Lexicon,
                      anchors: Sequence[tuple[str, Sequence[str]]] = ()) -> set[str]:
    """The features of a document's text in language ``lang`` (see the module's description)."""
    text = text[:MAX_CHARS]
    features: set[str] = set()
    for line in text.splitlines():
        features.update(span.key for span in number_keys(line, lang))
    if anchors:
        features.update(span.key for span in glossary_spans(text, lang, anchors))
    if lang == "zh":
        features.update(span.key for span in latin_words(text))
        keys = lexicon.keys
        for run in _han_runs(text):
            for word in lexicon.segment(run):
                if len(word) > 1:
                    features.update("w:" + keys[k] for k in lexicon.entries.get(word, ()))
    else:  # every word of the English is a Latin word the Chinese may hold
        features.update(span.key for span in latin_words(text))
        features.update("w:" + key for key in english_keys(text))
    return features


def _han_runs(text: str) -> list[str]:
    return HAN_RUN.findall(text)


def read_text(path: str) -> str:
    """A document's text as the aligner reads it (page furniture dropped), paragraphs a line."""
    text = read_source(path)
    blocks = extract_blocks(text[:MAX_CHARS * 4], detect_format(path, text))
    return "\n".join(b.text for b in blocks)


def pair_documents(zh: Sequence[tuple[str, set[str], int]], en: Sequence[tuple[str, set[str], int]],
                   *, min_confidence: float = MIN_CONFIDENCE) -> Pairing:
    """Pair Chinese documents with English ones, one to one. Each document is ``(path,
    features, length in characters)``; paths are kept as given."""
    pairing = Pairing()
    if not zh or not en:
        pairing.unpaired = sorted([p for p, _, _ in zh] + [p for p, _, _ in en])
        return pairing
    Z, E = _matrices([f for _, f, _ in zh], [f for _, f, _ in en])
    rows, cols = _candidates(Z, E)
    scores = _cosine(Z, E, rows, cols) * _length_fit(np.array([n for _, _, n in zh])[rows],
                                                     np.array([n for _, _, n in en])[cols])
    rows, cols, scores = _prune(rows, cols, scores, len(zh), len(en))
    chosen = _assign(rows, cols, scores, len(zh), len(en))
    best_z = _best_other(scores, chosen, len(zh), rows)
    best_e = _best_other(scores, chosen, len(en), cols)
    paired_z, paired_e = set(), set()
    for k in chosen:
        i, j, score = int(rows[k]), int(cols[k]), float(scores[k])
        confidence = _confidence(score, max(best_z[k], best_e[k]))
        if confidence >= min_confidence:
            source, target = zh[i][0], en[j][0]
            pairing.pairs.append(DocumentPair(document_id(source), source, target,
                                              round(confidence, 3), "zh", "en"))
            paired_z.add(i)
            paired_e.add(j)
    pairing.pairs.sort(key=lambda p: p.source)
    pairing.unpaired = sorted([zh[i][0] for i in range(len(zh)) if i not in paired_z]
                              + [en[j][0] for j in range(len(en)) if j not in paired_e])
    return pairing


def _matrices(zh: list[set[str]], en: list[set[str]]) -> tuple[sparse.csr_matrix,
                                                                  sparse.csr_matrix]:
    """Binary feature matrices weighted by IDF (over both sides), rows normalised; features
    only one side has are dropped (they cannot match)."""
    df_z = Counter(f for doc in zh for f in doc)
    df_e = Counter(f for doc in en for f in doc)
    vocab = {f: k for k, f in enumerate(sorted(set(df_z) & set(df_e)))}
    n = len(zh) + len(en)
    idf = np.array([math.log((n + 1) / (df_z[f] + df_e[f])) for f in vocab])

    def matrix(docs: list[set[str]]) -> sparse.csr_matrix:
        indptr, indices = [0], []
        for doc in docs:
            indices.extend(sorted(vocab[f] for f in doc if f in vocab))
            indptr.append(len(indices))
        idx = np.array(indices, dtype=np.int64)
        m = sparse.csr_matrix((idf[idx], idx, np.array(indptr)), shape=(len(docs), len(vocab)))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        return sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ m

    return matrix(zh), matrix(en)


def _followed(m: sparse.csr_matrix, other_df: np.ndarray) -> sparse.csr_matrix:
    """The features of each row looked up in the other side's index: its :data:`PREFIX` rarest
    whose posting lists are short enough (see :data:`MAX_POSTING`), and at least its
    :data:`MIN_FOLLOWED` rarest whatever their lists (a document made of common words)."""
    cap = max(MAX_POSTING, 2 * math.isqrt(len(other_df)))
    data, indices, indptr = [], [], [0]
    for r in range(m.shape[0]):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        order = np.argsort(-m.data[lo:hi], kind="stable")[:PREFIX]
        short = other_df[m.indices[lo:hi][order]] <= cap
        short[:MIN_FOLLOWED] = True
        order = order[short]
        data.append(m.data[lo:hi][order])
        indices.append(m.indices[lo:hi][order])
        indptr.append(indptr[-1] + len(order))
    return sparse.csr_matrix((np.concatenate(data), np.concatenate(indices), np.array(indptr)),
                             shape=m.shape)


def _best_matches(rows: sparse.csr_matrix, other: sparse.csr_matrix, chunk: int = 500
                  ) -> list[tuple[int, int]]:
    """``(row, column)`` of each row's :data:`CANDIDATES` best overlaps with ``other``'s rows,
    computed a chunk of rows at a time (memory bounded whatever the corpus size)."""
    out: list[tuple[int, int]] = []
    other_t = other.T.tocsc()
    for start in range(0, rows.shape[0], chunk):
        product = (rows[start:start + chunk] @ other_t).tocsr()
        for r in range(product.shape[0]):
            lo, hi = product.indptr[r], product.indptr[r + 1]
            top = np.argsort(-product.data[lo:hi], kind="stable")[:CANDIDATES]
            out.extend((start + r, int(c)) for c in product.indices[lo:hi][top])
    return out


def _candidates(Z: sparse.csr_matrix, E: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs: each document's best few by its rarest features, from both sides."""
    df_z = np.diff(Z.tocsc().indptr)
    df_e = np.diff(E.tocsc().indptr)
    pairs = set(_best_matches(_followed(Z, df_e), E))
    pairs.update((z, e) for e, z in _best_matches(_followed(E, df_z), Z))
    ordered = sorted(pairs)
    return (np.array([p[0] for p in ordered], dtype=np.int64),
            np.array([p[1] for p in ordered], dtype=np.int64))


def _cosine(Z: sparse.csr_matrix, E: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray,
            chunk: int = 20_000) -> np.ndarray:
    out = np.empty(len(rows))
    for start in range(0, len(rows), chunk):
        r, c = rows[start:start + chunk], cols[start:start + chunk]
        out[start:start + chunk] = np.asarray(Z[r].multiply(E[c]).sum(axis=1)).ravel()
    return out


def _length_fit(zh_chars: np.ndarray, en_chars: np.ndarray) -> np.ndarray:
    """1 for English about 1.5–5 times as long as the Chinese (in characters), less beyond."""
    ratio = np.log(np.maximum(en_chars, 1) / np.maximum(zh_chars, 1) / 2.8)
    excess = np.maximum(np.abs(ratio) - math.log(1.9), 0.0)
    return np.exp(-excess)


def _prune(rows, cols, scores, nz: int, ne: int):
    """Drop candidates far below the best of either of their documents."""
    best_z = np.zeros(nz)
    best_e = np.zeros(ne)
    np.maximum.at(best_z, rows, scores)
    np.maximum.at(best_e, cols, scores)
    keep = (scores >= KEEP_SHARE * best_z[rows]) | (scores >= KEEP_SHARE * best_e[cols])
    keep &= scores > 0
    return rows[keep], cols[keep], scores[keep]


def _assign(rows, cols, scores, nz: int, ne: int) -> list[int]:
    """Indices of the candidate pairs of a one-to-one assignment maximising the total score."""
    if len(rows) == 0:
        return []
    graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols + nz)), shape=(nz + ne, nz + ne))
    _, labels = connected_components(graph, directed=False)
    chosen: list[int] = []
    by_group: dict[int, list[int]] = {}
    for k, r in enumerate(rows):
        by_group.setdefault(int(labels[r]), []).append(k)
    for members in by_group.values():
        chosen += _assign_group(members, rows, cols, scores)
    return sorted(chosen)


def _assign_group(members: list[int], rows, cols, scores) -> list[int]:
    zs = sorted({int(rows[k]) for k in members})
    es = sorted({int(cols[k]) for k in members})
    if len(members) == 1:
        return members
    if max(len(zs), len(es)) > MAX_GROUP:  # greedy: best pairs first
        taken_z, taken_e, out = set(), set(), []
        for k in sorted(members, key=lambda k: -scores[k]):
            if rows[k] not in taken_z and cols[k] not in taken_e:
                taken_z.add(rows[k])
                taken_e.add(cols[k])
                out.append(k)
        return out
    zi = {z: a for a, z in enumerate(zs)}
    ei = {e: b for b, e in enumerate(es)}
    weight = np.zeros((len(zs), len(es)))
    index = -np.ones((len(zs), len(es)), dtype=np.int64)
    for k in members:
        weight[zi[int(rows[k])], ei[int(cols[k])]] = scores[k]
        index[zi[int(rows[k])], ei[int(cols[k])]] = k
    a, b = linear_sum_assignment(weight, maximize=True)
    return [int(index[x, y]) for x, y in zip(a, b) if index[x, y] >= 0]


def _best_other(scores: np.ndarray, chosen: list[int], n: int, docs: np.ndarray) -> dict[int, float]:
    """For each chosen pair ``k``, the best score its document (``docs[k]``, one side) has with
    any other document of the other side."""
    first, second = np.zeros(n), np.zeros(n)
    for d, s in zip(docs.tolist(), scores.tolist()):
        if s > first[d]:
            first[d], second[d] = s, first[d]
        elif s > second[d]:
            second[d] = s
    return {k: float(second[docs[k]] if scores[k] >= first[docs[k]] else first[docs[k]])
            for k in chosen}


def _confidence(score: float, alternative: float) -> float:
    """How sure a pair is: its score against the best alternative either document has (as odds,
    sharpened: a pair scoring 1.5 times its alternative gets 0.84), times how far its score is
    above that of unrelated documents (cosine about 0.1–0.2)."""
    odds = 1.0 if alternative <= 0 else score ** 4 / (score ** 4 + alternative ** 4)
    strength = 1.0 / (1.0 + math.exp(-(score - 0.22) / 0.03))
    return odds * strength


def pair_folders(inputs: Sequence[str], *, min_confidence: float | None = None,
                 glossary: str | None = None, jobs: int = 1,
                 progress: Callable[[int], None] | None = None) -> Pairing:
    """Read every document under ``inputs`` (files or folders, any mix of languages), tell its
    language and pair the Chinese ones with the English ones; ``jobs`` processes read the
    documents and extract their features."""
    anchors: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if glossary:
        from terms.formats import load_glossary
        anchors = tuple((zh, tuple(en)) for zh, en in load_glossary(glossary).anchor_pairs())
    paths = [p for p in document_files(inputs) if is_document(p)]
    sides: dict[str, list[tuple[str, set[str], int]]] = {"zh": [], "en": []}
    errors: list[tuple[str, str]] = []
    for path, lang, features, length in _all_features(paths, anchors, jobs, progress):
        if isinstance(features, str):
            errors.append((path, features))
        else:
            sides[lang].append((path, features, length))
    pairing = pair_documents(sides["zh"], sides["en"],
                             min_confidence=MIN_CONFIDENCE if min_confidence is None
                             else min_confidence)
    pairing.pairs = unique_ids(pairing.pairs)
    pairing.errors = errors
    return pairing


#: a document's path, language and features (or why it has none), and its length in characters
Features = tuple[str, str, "set[str] | str", int]
#: documents a worker reads per task
_CHUNK = 64
_ANCHORS: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _all_features(paths: list[str], anchors, jobs: int,
                  progress: Callable[[int], None] | None) -> list[Features]:
    """The features of every document, in order, read here or by ``jobs`` worker processes."""
    chunks = [paths[k:k + _CHUNK] for k in range(0, len(paths), _CHUNK)]
    out: list[Features] = []
    if jobs <= 1 or len(chunks) <= 1:
        _set_anchors(anchors)
        results = map(_chunk_features, chunks)
        for chunk in results:
            out += chunk
            if progress is not None:
                progress(len(chunk))
        return out
    from concord.corpus.pool import worker_pool
    with worker_pool(min(jobs, len(chunks)), _set_anchors, (anchors,)) as pool:
        for chunk in pool.map(_chunk_features, chunks):
            out += chunk
            if progress is not None:
                progress(len(chunk))
    return out


def _set_anchors(anchors) -> None:
    global _ANCHORS
    _ANCHORS = anchors


def _chunk_features(paths: list[str]) -> list[Features]:
    lexicon = load_lexicon()
    return [_features(path, lexicon) for path in paths]


def _features(path: str, lexicon: Lexicon) -> Features:
    try:
        text = read_text(path)
    except (InputError, OSError, ValueError) as exc:
        return path, "", str(exc), 0
    lang = detect_language(text[:LANGUAGE_SAMPLE]) if text.strip() else None
    if lang not in ("zh", "en"):
        return path, "", "no text in Chinese or English", 0
    return path, lang, document_features(text, lang, lexicon, _ANCHORS), len(text)


#: files that are not documents: gold alignments, memories, glossaries, lists
_NOT_DOCUMENTS = (".align", ".tmx", ".po", ".tbx", ".csv", ".tsv", ".json", ".jsonl", ".sents",
                  ".beads", ".xml", ".gz", ".zip", ".pdf", ".toml")


def is_document(path: str) -> bool:
    """False for files that hold no document to pair (gold alignments, memories, glossaries)."""
    return not path.lower().endswith(_NOT_DOCUMENTS)
