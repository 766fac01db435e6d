"""A lexicon learned from the document itself, in the manner of hunalign's realign.

After a first alignment, the confident 1-1 beads form a small parallel corpus. IBM Model 1
(expectation-maximisation over word co-occurrence within beads, with a NULL word) estimates
translation probabilities in both directions; pairs that are probable both ways and co-occur
often enough become new dictionary links (韦小宝's "Trinket", a translator's favourite word for a
recurring term), and the document is scored again with them.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.coverage import run_offsets, unique_inverse


def model1(src: Sequence[Sequence[int]], tgt: Sequence[Sequence[int]], n_src: int, n_tgt: int,
           iterations: int = 5) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """IBM Model 1 t(tgt | src) over sentence pairs of word ids; the NULL word is ``n_src``.

    Returns the distinct (src, tgt) pairs, their probability and the number of sentence pairs in
    which both occur.
    """
    # every (source word, target word) of every sentence pair, pair by pair, source-major
    words_s: list[int] = []
    words_t: list[int] = []
    sizes: list[tuple[int, int, int]] = []      # (pair, source words, target words)
    for b, (ss, tt) in enumerate(zip(src, tgt)):
        tt = sorted(set(tt))
        if not tt:
            continue
        ss = sorted(set(ss)) + [n_src]
        words_s += ss
        words_t += tt
        sizes.append((b, len(ss), len(tt)))
    if not sizes:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0), empty
    bead, n_s, n_t = (np.array(x, dtype=np.int64) for x in zip(*sizes))
    t_of_s = np.repeat(n_t, n_s)                 # each source word meets its pair's targets
    ps = np.repeat(np.array(words_s, dtype=np.int64), t_of_s)
    t_start = np.repeat(np.cumsum(n_t) - n_t, n_s)
    pt = np.array(words_t, dtype=np.int64)[np.repeat(t_start, t_of_s) + run_offsets(t_of_s)]
    pb = np.repeat(np.repeat(bead, n_s), t_of_s)
    stride = n_tgt + 1
    ids, inverse = unique_inverse(ps * stride + pt)
    id_src, id_tgt = ids // stride, ids % stride
    slot, slot_inv = unique_inverse(pb * stride + pt)       # one slot per (bead, target word)
    t = np.ones(len(ids))
    for _ in range(iterations):
        weight = t[inverse]
        denom = np.bincount(slot_inv, weights=weight, minlength=len(slot))
        post = weight / denom[slot_inv]
        counts = np.bincount(inverse, weights=post, minlength=len(ids))
        totals = np.bincount(id_src, weights=counts, minlength=n_src + 1)
        t = counts / np.maximum(totals[id_src], 1e-12)
    cooc = np.bincount(inverse, minlength=len(ids))
    real = id_src < n_src
    return id_src[real], id_tgt[real], t[real], cooc[real]


def log_likelihood_ratio(both: np.ndarray, first: np.ndarray, second: np.ndarray,
                         total: int) -> np.ndarray:
    """Dunning's G-squared for the co-occurrence of two words in ``total`` sentence pairs."""
    cells = np.stack([both, first - both, second - both, total - first - second + both]).astype(float)
    rows = np.stack([first, first, total - first, total - first]).astype(float)
    cols = np.stack([second, total - second, second, total - second]).astype(float)
    expected = rows * cols / max(total, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(cells > 0, cells * np.log(cells / np.maximum(expected, 1e-12)), 0.0)
    return 2.0 * terms.sum(axis=0)


def learn_links(zh: Sequence[Sequence[str]], en: Sequence[Sequence[int]], *,
                threshold: float = 0.3, min_count: int = 2, min_dice: float = 0.5,
                min_llr: float = 0.0, iterations: int = 5) -> dict[str, set[int]]:
    """Chinese word -> English key ids that translate each other in these sentence pairs.

    A pair is kept when both directions of Model 1 give it at least ``threshold``, it occurs
    in at least ``min_count`` sentence pairs, and its Dice coefficient (pairs with both, against
    pairs with either) is at least ``min_dice``.
    """
    vocab: dict[str, int] = {}
    zh_ids = [[vocab.setdefault(w, len(vocab)) for w in words] for words in zh]
    en_vocab: dict[int, int] = {}
    en_ids = [[en_vocab.setdefault(k, len(en_vocab)) for k in keys] for keys in en]
    n_zh, n_en = len(vocab), len(en_vocab)
    zh_freq = np.bincount([w for ids in zh_ids for w in set(ids)], minlength=n_zh)
    en_freq = np.bincount([k for ids in en_ids for k in set(ids)], minlength=n_en)
    fz, fe, ft, fc = model1(zh_ids, en_ids, n_zh, n_en, iterations)
    be, bz, bt, _ = model1(en_ids, zh_ids, n_en, n_zh, iterations)
    dice = 2.0 * fc / np.maximum(zh_freq[fz] + en_freq[fe], 1)
    llr = log_likelihood_ratio(fc, zh_freq[fz], en_freq[fe], len(zh_ids))
    kept = (ft >= threshold) & (fc >= min_count) & (dice >= min_dice) & (llr >= min_llr)
    forward = set(zip(fz[kept].tolist(), fe[kept].tolist()))
    words = list(vocab)
    keys = list(en_vocab)
    links: dict[str, set[int]] = {}
    back = bt >= threshold
    for e, z in zip(be[back].tolist(), bz[back].tolist()):
        if (z, e) in forward:
            links.setdefault(words[z], set()).add(keys[e])
    return links
