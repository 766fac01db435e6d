"""The aligner's fast paths give exactly what the plain computations they replace give."""
from __future__ import annotations

import numpy as np
import pytest

import align.scoring.lexical as lexical
from align.evaluate import read_sentence_file
from align.scoring import LexicalScorer
import align.search as search
from align.search import (_gap_runs, _row_gap_runs, bead_types, build_lattice, diagonal_band,
                          posteriors, viterbi)

RELEASE = "2022-01-14-spokesperson-press-conference"


@pytest.fixture(scope="module")
def prepared(corpora):
    zh = read_sentence_file(corpora / "releases" / f"{RELEASE}.zh.sents", "zh")
    en = read_sentence_file(corpora / "releases" / f"{RELEASE}.en.sents", "en")
    return LexicalScorer(learn=False).prepare(zh, en, 4)


def _beads_in_runs(n: int, m: int, seed: int):
    """Beads of every shape up to 4 a side, one shape after the other (as the lattice asks)."""
    rng = np.random.default_rng(seed)
    parts = []
    for a, b in bead_types(4)[2:]:
        i = np.sort(rng.integers(0, n - a + 1, 300))
        j = rng.integers(0, m - b + 1, 300)
        parts.append((i, np.full(300, a), j, np.full(300, b)))
    return [np.concatenate([p[k] for p in parts]) for k in range(4)]


@pytest.mark.parametrize("members", [False, True])
def test_side_cover_by_runs_is_bit_for_bit_the_plain_one(prepared, monkeypatch, members):
    i, a, j, b = _beads_in_runs(prepared.zh.n, prepared.en.n, seed=3)
    assert lexical._shape_runs(a, b) is not None
    fast = prepared._side_cover(prepared.zh, prepared.zh_matches, i, a, j, b, members=members)
    monkeypatch.setattr(lexical, "MAX_SHAPE_RUNS", 0)
    assert lexical._shape_runs(a, b) is None
    plain = prepared._side_cover(prepared.zh, prepared.zh_matches, i, a, j, b, members=members)
    flat = lambda parts: [np.asarray(x) for p in parts  # noqa: E731
                          for x in ((p.without_first, p.without_last, p.own_first,
                                     p.weight_first, p.own_last, p.weight_last)
                                    if isinstance(p, lexical.MemberCover) else (p,))]
    for x, y in zip(flat(fast), flat(plain), strict=True):
        assert x.dtype == y.dtype and np.array_equal(x.view(np.int64), y.view(np.int64))


@pytest.mark.parametrize("swapped", [False, True])
def test_merge_cost_by_runs_is_bit_for_bit_the_plain_one(corpora, monkeypatch, swapped):
    zh = read_sentence_file(corpora / "releases" / f"{RELEASE}.zh.sents", "zh")
    en = read_sentence_file(corpora / "releases" / f"{RELEASE}.en.sents", "en")
    source, target = (en, zh) if swapped else (zh, en)
    scorer = LexicalScorer(learn=False).prepare(source, target, 4)
    i, a, j, b = _beads_in_runs(len(source), len(target), seed=5)
    fast = scorer.score_and_cost(i, a, j, b)
    assert fast[1].any()                                  # some merges do pay
    monkeypatch.setattr(lexical, "MAX_SHAPE_RUNS", 0)     # every bead on its own
    plain = scorer.score_and_cost(i, a, j, b)
    for x, y in zip(fast, plain, strict=True):
        assert x.dtype == y.dtype and np.array_equal(x.view(np.int64), y.view(np.int64))


def test_gap_runs_of_all_rows_are_those_of_each_row(prepared):
    n, m = prepared.zh.n, prepared.en.n
    lattice = build_lattice(diagonal_band(n, m, 5), n, m, bead_types(4), prepared.score, -0.1,
                            0.6, 1.0)
    t01 = lattice.types.index((0, 1))
    for reverse in (False, True):
        for step in (lattice.scores[t01], lattice.scores[t01].astype(np.float64) / 0.07):
            cum, segment, broken = _row_gap_runs(lattice.starts, step, reverse)
            for i in range(n + 1):
                cells = lattice.row(i)
                row = step[cells]
                if reverse:            # as the backward pass reads a row: from its end
                    row = np.concatenate([[row[0]], row[1:][::-1]])
                want_cum, want_segment = _gap_runs(row)
                assert np.array_equal(cum[cells], want_cum)
                assert np.array_equal(segment[cells], want_segment)
                assert broken[i] == (want_segment[-1] != 0)


def test_a_lattice_with_closed_steps_still_gives_a_path_and_posteriors(prepared):
    n, m = prepared.zh.n, prepared.en.n
    lattice = build_lattice(diagonal_band(n, m, 5), n, m, bead_types(4), prepared.score, -0.1)
    t01 = lattice.types.index((0, 1))
    lattice.scores[t01, lattice.starts[3] + 1] = -1e18      # a 0-1 step that cannot be taken
    path = viterbi(lattice)
    post = posteriors(lattice, path, 0.07)
    assert path and ((post >= 0) & (post <= 1)).all()


def test_names_found_in_all_texts_at_once_are_those_the_regex_finds(corpora):
    from align.anchors import PinyinNames
    from align.lexicon import load_lexicon
    from align.scoring.tokens import _fold

    names = PinyinNames(load_lexicon())
    rng = np.random.default_rng(5)
    syllables = sorted(names.chars_by_syllable)
    # many short names, so that matches overlap and the earlier name must win
    keys = {"~" + " ".join(rng.choice(syllables, rng.integers(1, 4))) for _ in range(300)}
    pattern = names.pattern(keys)
    zh = read_sentence_file(corpora / "releases" / f"{RELEASE}.zh.sents", "zh")
    texts = [_fold(s.text) for s in zh.sentences] + ["", "ABC", "\U00020000" + zh.sentences[0].text]
    found = pattern.find_all(texts)
    assert found == [pattern.find(text) for text in texts]
    assert sum(map(len, found)) > 50


@pytest.mark.parametrize("size", [1, 2, 7, 10, 1001])
def test_median_is_numpys(size):
    values = np.random.default_rng(size).normal(size=size)
    values[-2:] = values[:2] if size > 3 else values[-2:]      # ties
    assert search.median(values) == float(np.median(values))
    assert type(search.median(values)) is float


def _top_k_by_sorting(src, tgt, score, k):
    order = np.lexsort((-score, src))
    src, tgt, score = src[order], tgt[order], score[order]
    keep = np.arange(len(src)) - np.searchsorted(src, src, side="left") < k
    return src[keep], tgt[keep], score[keep]


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_top_k_without_sorting_the_scores_keeps_what_sorting_keeps(k):
    from align.scoring.base import _top_k_of_runs, top_k

    rng = np.random.default_rng(k)
    for n in (1, 2, 7, 60, 3000):
        src = np.sort(rng.integers(0, max(1, n // 4), n))
        tgt = rng.integers(0, 500, n)
        for score in (rng.normal(size=n), rng.integers(0, 3, n).astype(float),   # ties
                      np.where(rng.random(n) < 0.5, -0.0, 0.0)):
            assert _top_k_of_runs(src, score, k) is not None
            for x, y in zip(top_k(src, tgt, score, k), _top_k_by_sorting(src, tgt, score, k),
                            strict=True):
                assert x.dtype == y.dtype and x.tobytes() == y.tobytes()
    shuffled = rng.permutation(50)                  # sources out of order: sorted as before
    assert _top_k_of_runs(shuffled, rng.normal(size=50), k) is None


def test_unique_of_integers_is_numpys():
    from align.coverage import unique, unique_inverse

    values = np.random.default_rng(0).integers(0, 50, 2000)       # many equal values
    uniq, inverse = unique_inverse(values)
    expected, expected_inverse = np.unique(values, return_inverse=True)
    assert np.array_equal(uniq, expected) and np.array_equal(inverse, expected_inverse)
    assert np.array_equal(unique(values), expected)


def test_structure_adjusts_only_beads_starting_at_special_lines_as_every_bead_was():
    from align.aligner import DEFAULT_SETTINGS, Structure
    from align.model import Document, Sentence

    rng = np.random.default_rng(2)
    kinds = ["body", "title", "dateline", "heading"]

    def document(n, lang):
        return Document([Sentence("x", int(p), kind=kinds[k]) for p, k in
                         zip(np.cumsum(rng.random(n) < 0.3), rng.choice(4, n, p=[.85, .05, .05, .05]))],
                        lang)

    source, target = document(80, "zh"), document(90, "en")
    structure = Structure(source, target, DEFAULT_SETTINGS)
    assert structure.use_paragraphs and structure.use_kinds
    i, a, j, b = _beads_in_runs(80, 90, seed=7)
    sp, tp, sk, tk = structure.src_par, structure.tgt_par, structure.src_kind, structure.tgt_kind
    st = DEFAULT_SETTINGS
    every = np.zeros(len(i))                # the adjustment computed for every bead
    every += np.where(((i == 0) | (sp[i] != sp[np.maximum(i - 1, 0)]))
                      & ((j == 0) | (tp[j] != tp[np.maximum(j - 1, 0)])), st.paragraph_bonus, 0.0)
    every -= np.where((sp[i + a - 1] != sp[i]) | (tp[j + b - 1] != tp[j]), st.paragraph_penalty,
                      0.0)
    every += np.where((sk[i] > 0) | (tk[j] > 0), np.where((sk[i] == tk[j]) & (a == 1) & (b == 1),
                                                          st.kind_bonus, -st.kind_bonus), 0.0)
    got = structure.adjust(i, a, j, b)
    assert np.array_equal(got.view(np.int64), every.view(np.int64))
